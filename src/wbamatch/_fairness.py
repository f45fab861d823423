"""Fairness report: placement rates per group of candidates, and the four-fifths rule.

Recruitment systems are high-risk under the EU AI Act and must be accurate per group of people.
:func:`fairness_report` splits the candidates of a match by attributes such as the target group,
the education level or registration, and reports per group how many were placed, their mean
score and what blocked the others. A group is flagged when its placement rate is below four
fifths of the best group's rate (the "four-fifths rule" of adverse-impact analysis).

The target group is never a scoring feature: no rule and no score component reads it (a test
changes every target group and checks that no score changes). A flag therefore points at what
the group's candidates need or lack (hours, education, support), not at their label.

:meth:`FairnessReport.text` says it in plain words, with attributes, values and blocking reasons
in words: Dutch by default, English with ``lang="en"``, ``MatchConfig(lang="en")`` or
``WBAMATCH_LANG=en``. The fields keep the attribute names, values and reason codes.

Example
-------
>>> import wbamatch
>>> from wbamatch._fairness import fairness_report
>>> cands, packs = wbamatch.demo_data()
>>> report = fairness_report(wbamatch.match(cands, packs), cands, by="registered")
>>> sum(g.n for g in report.groups) == len(cands)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from fractions import Fraction
from typing import Any, Final, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field

from ._catalogue import (
    Lang,
    Listing,
    Number,
    Percent,
    Term,
    catalogue,
    format_value,
    resolve_lang,
    text,
)
from ._exceptions import DuplicateIdError, InputError, UnknownIdError
from ._models import Candidate, _Levels
from ._results import MatchResult, reason_words
from ._vocabulary import DIMENSIONS

__all__ = ["DEFAULT_ATTRIBUTES", "FairnessReport", "GroupStats", "fairness_report"]

#: The attributes a report splits candidates by when not told otherwise.
DEFAULT_ATTRIBUTES: Final[tuple[str, ...]] = ("target_group", "education", "registered")

#: The label of a group whose attribute is missing (None) or ``"unknown"``.
UNKNOWN: Final[str] = "unknown"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GroupStats(_Model):
    """Placement statistics of the candidates sharing one value of one attribute."""

    attribute: str = Field(description="The attribute, e.g. 'target_group' or 'needs.office'.")
    value: str = Field(description="Its value; 'unknown' when missing.")
    n: int = Field(description="Candidates in the group.")
    placed: int = Field(description="Of them placed.")
    placement_rate: float = Field(description="placed / n.")
    mean_score: float | None = Field(
        description="Mean score of the group's placements; None when nobody was placed."
    )
    blocked_share: dict[str, float] = Field(
        description="Per reason code: the share of the group's candidates (of all n) who were "
        "not placed and had this code among their blocking reasons."
    )
    ratio_to_best: float | None = Field(
        description="placement_rate / the best judged group's rate of this attribute; None when "
        "no judged group placed anyone."
    )
    small: bool = Field(
        description="Fewer than min_group_size candidates: reported, but neither judged nor "
        "used as the best group."
    )
    flagged: bool = Field(description="placement_rate < threshold x best rate (and not small).")

    @property
    def key(self) -> str:
        """``"attribute=value"``."""
        return f"{self.attribute}={self.value}"


class FairnessReport(_Model):
    """The answer of :func:`fairness_report`: one :class:`GroupStats` per attribute value."""

    by: list[str]
    threshold: float = Field(
        description="Fraction of the best rate below which a group is flagged."
    )
    min_group_size: int
    n_candidates: int
    placed: int
    placement_rate: float
    groups: list[GroupStats] = Field(description="Per attribute in `by` order, values in order.")
    flagged: list[str] = Field(description="'attribute=value' of every flagged group.")
    lang: Lang | None = Field(None, description="Language of text(): the match config's lang.")

    def group(self, attribute: str, value: str) -> GroupStats:
        """The statistics of one group; raises :class:`UnknownIdError` when there is none."""
        for g in self.groups:
            if g.attribute == attribute and g.value == value:
                return g
        raise UnknownIdError(f"no group {attribute}={value!r} in this report")

    def text(self, lang: str | None = None) -> str:
        """A plain-text summary: one table per attribute, groups that fall behind marked.

        Attributes, values and blocking reasons are in words. ``lang`` is ``"nl"`` or
        ``"en"``; None takes the match config's language, else ``WBAMATCH_LANG``, else Dutch.
        """
        chosen = resolve_lang(lang if lang is not None else self.lang)
        lines = self._head(chosen)
        numeric = (1, 2, 3, 4, 5)
        for attribute in self.by:
            header = [
                _attribute_words(attribute, chosen),
                *(text(f"fairness.col.{c}", chosen) for c in _COLUMNS),
            ]
            rows = [self._row(g, chosen) for g in self.groups if g.attribute == attribute]
            widths = [max(len(r[k]) for r in (header, *rows)) for k in range(len(header) - 1)]

            def line(cells: list[str], widths: list[int] = widths) -> str:
                out = [
                    cell.rjust(widths[k]) if k in numeric else cell.ljust(widths[k])
                    for k, cell in enumerate(cells[:-1])
                ]
                return "  ".join([*out, cells[-1]]).rstrip()

            lines += ["", line(header)]
            lines += [line(r) for r in rows]
        lines += ["", self._flagged(chosen)]
        return "\n".join(lines)

    def _head(self, lang: Lang) -> list[str]:
        return [
            text(
                "fairness.head",
                lang,
                placed=self.placed,
                n=self.n_candidates,
                rate=Percent(self.placement_rate),
            ),
            text(
                "fairness.rule",
                lang,
                threshold=Percent(self.threshold),
                min=self.min_group_size,
            ),
        ]

    def _row(self, g: GroupStats, lang: Lang) -> list[str]:
        ratio = "-" if g.ratio_to_best is None else _percent(g.ratio_to_best)
        score = "-" if g.mean_score is None else _percent(g.mean_score)
        top = sorted(g.blocked_share.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        blocked = "; ".join(
            text("fairness.blocked", lang, reason=reason_words(code, lang), share=Percent(share))
            for code, share in top
        )
        return [
            _value_words(g.attribute, g.value, lang),
            str(g.n),
            str(g.placed),
            _percent(g.placement_rate),
            ratio,
            score,
            self._mark(g, lang),
            blocked or "-",
        ]

    @staticmethod
    def _mark(g: GroupStats, lang: Lang) -> str:
        if g.flagged:
            return text("fairness.mark.flagged", lang)
        return text("fairness.mark.small", lang) if g.small else ""

    def _flagged(self, lang: Lang) -> str:
        behind = tuple(
            text(
                "fairness.group",
                lang,
                attribute=_attribute_words(g.attribute, lang),
                value=_value_words(g.attribute, g.value, lang),
            )
            for g in self.groups
            if g.flagged
        )
        if not behind:
            return text("fairness.flagged.none", lang)
        return text("fairness.flagged", lang, groups=Listing(behind))

    def _repr_html_(self) -> str:
        """Notebook view: a table per attribute, groups that fall behind marked, in words."""
        from ._html import block, heading, table

        lang = resolve_lang(self.lang)
        parts = []
        for attribute in self.by:
            groups = [g for g in self.groups if g.attribute == attribute]
            rows = [self._row(g, lang) for g in groups]
            parts += [
                heading(_attribute_words(attribute, lang)),
                table(
                    [
                        text("fairness.col.group", lang),
                        *(text(f"fairness.col.{c}", lang) for c in _COLUMNS),
                    ],
                    rows,
                    numeric=[1, 2, 3, 4, 5],
                    lang=lang,
                ),
            ]
        return block(
            text("fairness.html.title", lang), [*self._head(lang), self._flagged(lang)], parts
        )


#: The columns of the text and notebook tables after the group's value.
_COLUMNS: Final[tuple[str, ...]] = ("n", "placed", "rate", "ratio", "score", "mark", "blocked")


def _percent(share: float) -> str:
    return f"{round(100 * share):d}%"


def _attribute_words(attribute: str, lang: Lang) -> str:
    """An attribute in words: ``target_group`` -> ``doelgroep``; unknown ones as given."""
    key = f"fairness.attribute.{attribute}"
    if key in catalogue(lang):
        return text(key, lang)
    head, _, dim = attribute.partition(".")
    if head == "capacities" and dim in DIMENSIONS:
        return text("fairness.attribute.capacities", lang, dim=Term(dim))
    return attribute


def _value_words(attribute: str, value: str, lang: Lang) -> str:
    """A group's value in words: ``wsw`` -> ``wsw-indicatie``, ``true`` -> ``ja``."""
    if value == UNKNOWN:
        return text("fairness.value.unknown", lang)
    kinds = _kinds(attribute)
    words = catalogue(lang)
    named = f"fairness.value.{attribute}.{value}"
    if named in words:
        return words[named]
    if bool in kinds and value in ("true", "false"):
        return text(f"fairness.value.{value}", lang)
    for kind in kinds:
        if issubclass(kind, Enum) and f"term.{kind.__name__}.{value}" in words:
            return words[f"term.{kind.__name__}.{value}"]
    if kinds & {int, float}:
        try:
            return format_value(Number(float(value)), lang)
        except ValueError:
            return value
    return value


def _kinds(attribute: str) -> set[type]:
    """The types a candidate attribute can hold (None left out); empty when not a field."""
    model: type[BaseModel] | None = Candidate
    annotation: Any = None
    for part in attribute.split("."):
        if model is None or part not in model.model_fields:
            return set()
        annotation = model.model_fields[part].annotation
        model = _submodel(annotation)
    return {k for k in (annotation, *get_args(annotation)) if isinstance(k, type)} - {type(None)}


def _resolve(candidate: Candidate, path: tuple[str, ...]) -> Any:
    value: Any = candidate
    for part in path:
        if value is None:  # e.g. home.place of a candidate whose home is unknown
            return None
        # A capacity not listed is not unknown: it means no limitation (level 3).
        value = value.level(part) if isinstance(value, _Levels) else getattr(value, part)
    return value


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``Location | None``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _check_attribute(attribute: object) -> tuple[str, ...]:
    if not isinstance(attribute, str) or not attribute:
        raise InputError(f"by: attribute names are strings, got {type(attribute).__name__}")
    path = tuple(attribute.split("."))
    model: type[BaseModel] | None = Candidate
    annotation: Any = None
    for part in path:
        if model is None or part not in model.model_fields:
            raise InputError(
                f"by: {attribute!r} is not a candidate field; use e.g. "
                f"{', '.join(DEFAULT_ATTRIBUTES)} or 'needs.office'"
            )
        annotation = model.model_fields[part].annotation
        model = _submodel(annotation)
    if model is not None or get_origin(annotation) in (list, dict, tuple):
        raise InputError(f"by: {attribute!r} is not a single value; choose one of its fields")
    return path


def _label(value: Any) -> tuple[str, tuple[int, float, str]]:
    """Group label and a sort key: enums in declaration order, numbers by size, 'unknown' last."""
    if value is None or (isinstance(value, Enum) and value.value == UNKNOWN):
        return UNKNOWN, (2, 0.0, "")
    if isinstance(value, Enum):
        return str(value.value), (0, float(list(type(value)).index(value)), "")
    if isinstance(value, bool):
        return str(value).lower(), (0, float(value), "")
    if isinstance(value, (int, float)):
        return str(value), (0, float(value), "")
    return str(value), (1, 0.0, str(value))


def _candidates(records: Iterable[Candidate | Mapping[str, Any]]) -> list[Candidate]:
    if isinstance(records, (str, bytes, Mapping)):
        raise InputError("candidates must be a list of records, got a single record or a string")
    out: list[Candidate] = []
    for k, rec in enumerate(records):
        if isinstance(rec, Candidate):
            out.append(rec)
        elif isinstance(rec, Mapping):
            out.append(Candidate.model_validate(rec))
        else:
            raise InputError(
                f"candidate #{k}: expected a Candidate or a dict, got {type(rec).__name__}"
            )
    return out


def _check_ids(cands: list[Candidate], result: MatchResult) -> None:
    in_result = {a.candidate_id for a in result.assignments}
    in_result |= {u.candidate_id for u in result.unassigned}
    seen: set[str] = set()
    for c in cands:
        if c.id in seen:
            raise DuplicateIdError(f"candidate id {c.id!r} is given twice; give each once")
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


def _groups_of(
    attribute: str,
    path: tuple[str, ...],
    cands: list[Candidate],
    outcome: list[tuple[float | None, tuple[str, ...]]],
    min_group_size: int,
    limit: Fraction,
) -> list[GroupStats]:
    labels: dict[Any, tuple[str, tuple[int, float, str]]] = {}  # few distinct values: label once
    tallies: dict[str, _Tally] = {}
    for c, (placed_score, codes) in zip(cands, outcome, strict=True):
        raw = _resolve(c, path)
        if raw not in labels:
            labels[raw] = _label(raw)
        label, order = labels[raw]
        tally = tallies.get(label)
        if tally is None:
            tally = tallies[label] = _Tally(order)
        tally.n += 1
        if placed_score is not None:
            tally.scores.append(placed_score)
        for code in codes:
            tally.blocked[code] = tally.blocked.get(code, 0) + 1
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
    ``"unknown"``, forms the group ``"unknown"``). Per group the report gives the number of
    candidates, how many were placed, the placement rate, the mean score of the placements, and
    per reason code the share of the group that was not placed and blocked by that code (read
    from ``result.unassigned[*].reasons``, which keeps each person's five most frequent
    reasons). A group is **flagged** when its placement rate is below ``threshold`` (four
    fifths) times the best rate among the judged groups of the same attribute, compared exactly
    as fractions.

    Groups with fewer than ``min_group_size`` candidates are reported but not judged: a group of
    two says little, and a tiny group placed in full would otherwise make every other group
    look bad. The default of 5 is deliberately low so that a small team still sees a skew;
    raise it for large runs.

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
    if not isinstance(result, MatchResult):
        raise InputError(f"result must be a MatchResult, got {type(result).__name__}")
    attributes = [by] if isinstance(by, str) else list(by)
    if not attributes:
        raise InputError("by is empty; name at least one candidate attribute")
    if (
        not isinstance(min_group_size, int)
        or isinstance(min_group_size, bool)
        or min_group_size < 1
    ):
        raise InputError("min_group_size must be a whole number >= 1")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
        raise InputError("threshold must be a number in (0, 1]")
    if not 0 < threshold <= 1:
        raise InputError("threshold must be in (0, 1]; 0.8 is the four-fifths rule")
    paths = [_check_attribute(a) for a in attributes]
    # In id order, so that float sums (mean scores) do not depend on the caller's order.
    cands = sorted(_candidates(candidates), key=lambda c: c.id)
    _check_ids(cands, result)
    if not cands:  # only a result read from JSON can be empty; keeps the rates defined
        raise InputError("no candidates given; pass the candidates that were matched")

    score = {a.candidate_id: a.score for a in result.assignments}
    reasons = {u.candidate_id: tuple(r.code for r in u.reasons) for u in result.unassigned}
    # Per candidate once: its score when placed, else the codes that blocked it.
    outcome = [(score.get(c.id), reasons.get(c.id, ())) for c in cands]
    limit = Fraction(threshold).limit_denominator(1_000_000)
    groups: list[GroupStats] = []
    for attribute, path in zip(attributes, paths, strict=True):
        groups += _groups_of(attribute, path, cands, outcome, min_group_size, limit)
    placed_total = len(score)
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
