"""Counting a match per group of candidates: :func:`fairness_report`.

Example
-------
>>> import wbamatch
>>> cands, packs = wbamatch.demo_data()
>>> report = fairness_report(wbamatch.match(cands, packs), cands, by="registered")
>>> [g.value for g in report.groups]
['false', 'true']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from .._exceptions import InputError, UnknownIdError
from .._models import Candidate
from .._results import MatchResult
from .._validation import positive_int, record_models, unique_ids
from ._fields import DEFAULT_ATTRIBUTES, check_attribute, group_label, resolve
from ._stats import FairnessReport, GroupStats

__all__ = ["fairness_report"]

#: Per candidate, in id order: the score when placed (else None), and the codes that blocked it.
_Outcome = list[tuple[float | None, tuple[str, ...]]]


def fairness_report(
    result: MatchResult,
    candidates: Iterable[Candidate | Mapping[str, Any]],
    by: str | Sequence[str] = DEFAULT_ATTRIBUTES,
    *,
    min_group_size: int = 5,
    threshold: float = 0.8,
) -> FairnessReport:
    """Placement rate, mean score and blocking reasons per group; flag groups left behind.

    For every attribute in ``by`` the candidates are split by its value (a missing value, or
    ``"unknown"``, forms the group ``"unknown"``); a group is **flagged** when its placement rate
    is below ``threshold`` (four fifths) times the best rate among the judged groups of the same
    attribute. What is counted, and why small groups are not judged: :mod:`wbamatch._fairness`.

    Parameters
    ----------
    result
        The :class:`~wbamatch.MatchResult` of :func:`wbamatch.match`.
    candidates
        The candidates of that match (models or dicts), in any order; exactly those.
    by
        Candidate attributes to split by; a dotted path reaches into a part
        (``"needs.office"``, ``"home.place"``). Default: target group, education, registered.
    min_group_size
        Groups smaller than this are not judged (not flagged, not the best).
    threshold
        Fraction of the best rate below which a group is flagged, in (0, 1]; 0.8 = four fifths.

    Returns
    -------
    FairnessReport
        ``groups`` per attribute in ``by`` order (enum values in vocabulary order, ``unknown``
        last), ``flagged`` as ``"attribute=value"``, and a :meth:`~FairnessReport.text` summary.

    Raises
    ------
    InputError
        An attribute that is not a single-valued candidate field, bad ``min_group_size`` or
        ``threshold``, or candidates of the result missing.
    UnknownIdError
        A candidate that is not in the result.
    DuplicateIdError
        A candidate given twice.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._fairness import fairness_report
    >>> cands, packs = wbamatch.demo_data()
    >>> report = fairness_report(wbamatch.match(cands, packs), cands)
    >>> report.by
    ['target_group', 'education', 'registered']
    >>> print(report.text("en").splitlines()[0])
    Fairness per group: 10 of 12 candidates placed (83%).
    """
    attributes = _checked(result, by, min_group_size, threshold)
    paths = [check_attribute(a) for a in attributes]
    cands = _matched(candidates, result)
    outcome = _outcome(cands, result)
    limit = Fraction(threshold).limit_denominator(1_000_000)
    groups = [
        g
        for attribute, path in zip(attributes, paths, strict=True)
        for g in _groups_of(attribute, path, cands, outcome, min_group_size, limit)
    ]
    placed_total = sum(score is not None for score, _ in outcome)
    return FairnessReport(
        by=attributes,
        threshold=float(threshold),
        min_group_size=min_group_size,
        n_candidates=len(cands),
        placed=placed_total,
        placement_rate=placed_total / len(cands),
        groups=groups,
        flagged=[g.key for g in groups if g.flagged],
        lang=result.config.lang,
    )


def _checked(
    result: MatchResult, by: str | Sequence[str], min_group_size: int, threshold: float
) -> list[str]:
    """The attributes of ``by`` as a list, once the arguments are checked."""
    if not isinstance(result, MatchResult):
        raise InputError(f"result must be a MatchResult, got {type(result).__name__}")
    attributes = [by] if isinstance(by, str) else list(by)
    if not attributes:
        raise InputError("by is empty; name at least one candidate attribute")
    positive_int(min_group_size, "min_group_size")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
        raise InputError("threshold must be a number in (0, 1]")
    if not 0 < threshold <= 1:
        raise InputError("threshold must be in (0, 1]; 0.8 is the four-fifths rule")
    return attributes


def _matched(
    records: Iterable[Candidate | Mapping[str, Any]], result: MatchResult
) -> list[Candidate]:
    """The candidates as models in id order, once checked to be exactly those of ``result``."""
    # In id order, so that float sums (mean scores) do not depend on the caller's order.
    cands = sorted(_candidates(records), key=lambda c: c.id)
    _check_ids(cands, result)
    if not cands:  # only a result read from JSON can be empty; keeps the rates defined
        raise InputError("no candidates given; pass the candidates that were matched")
    return cands


def _outcome(cands: list[Candidate], result: MatchResult) -> _Outcome:
    """Per candidate once: its score when placed, else the codes that blocked it."""
    score = {a.candidate_id: a.score for a in result.assignments}
    reasons = {u.candidate_id: tuple(r.code for r in u.reasons) for u in result.unassigned}
    return [(score.get(c.id), reasons.get(c.id, ())) for c in cands]


def _candidates(records: Iterable[Candidate | Mapping[str, Any]]) -> list[Candidate]:
    """The candidates as models; a single record or a string is refused."""
    return record_models(records, Candidate, "candidate")


def _check_ids(cands: list[Candidate], result: MatchResult) -> None:
    """The candidates are exactly those of the result, each once."""
    in_result = {a.candidate_id for a in result.assignments}
    in_result |= {u.candidate_id for u in result.unassigned}
    unique_ids((c.id for c in cands), "candidate")
    seen: set[str] = set()
    for c in cands:
        if c.id not in in_result:
            raise UnknownIdError(
                f"candidate {c.id!r} is not in the result; pass the candidates that were matched"
            )
        seen.add(c.id)
    missing = sorted(in_result - seen)
    if missing:
        shown = ", ".join(repr(m) for m in missing[:5])
        raise InputError(
            f"{len(missing)} candidates of the result were not passed in (e.g. {shown}); "
            "pass the candidates that were matched"
        )


class _Tally:
    """Running counts of one group while the candidates go by."""

    def __init__(self, order: tuple[int, float, str]) -> None:
        self.order = order
        self.n = 0
        self.scores: list[float] = []
        self.blocked: dict[str, int] = {}


def _tallies(path: tuple[str, ...], cands: list[Candidate], outcome: _Outcome) -> dict[str, _Tally]:
    """The counts of every group of the attribute at ``path``, by the group's label."""
    labels: dict[Any, tuple[str, tuple[int, float, str]]] = {}  # few distinct values: label once
    tallies: dict[str, _Tally] = {}
    for c, (placed_score, codes) in zip(cands, outcome, strict=True):
        raw = resolve(c, path)
        if raw not in labels:
            labels[raw] = group_label(raw)
        label, order = labels[raw]
        tally = tallies.get(label)
        if tally is None:
            tally = tallies[label] = _Tally(order)
        tally.n += 1
        if placed_score is not None:
            tally.scores.append(placed_score)
        for code in codes:
            tally.blocked[code] = tally.blocked.get(code, 0) + 1
    return tallies


def _groups_of(
    attribute: str,
    path: tuple[str, ...],
    cands: list[Candidate],
    outcome: _Outcome,
    min_group_size: int,
    limit: Fraction,
) -> list[GroupStats]:
    """The groups of one attribute in the order of their values, judged against the best."""
    tallies = _tallies(path, cands, outcome)
    judged = [Fraction(len(t.scores), t.n) for t in tallies.values() if t.n >= min_group_size]
    best = max(judged, default=Fraction(0))
    out: list[GroupStats] = []
    for label, t in sorted(tallies.items(), key=lambda kv: kv[1].order):
        rate = Fraction(len(t.scores), t.n)
        small = t.n < min_group_size
        out.append(
            GroupStats(
                attribute=attribute,
                value=label,
                n=t.n,
                placed=len(t.scores),
                placement_rate=float(rate),
                mean_score=sum(t.scores) / len(t.scores) if t.scores else None,
                blocked_share={code: k / t.n for code, k in sorted(t.blocked.items())},
                ratio_to_best=float(rate / best) if best > 0 else None,
                small=small,
                flagged=bool(best > 0 and not small and rate < limit * best),
            )
        )
    return out
