"""The outcome of a match as a whole: :class:`MatchResult`, with its summary, rows, and the
answers to "why" and "what if a person decides" that the pipeline gives it.

A result is data and knows no solver: :meth:`MatchResult.why` and :meth:`MatchResult.rematch`
ask the :class:`ResultContext` the pipeline attached (in memory only, never serialised); a
result read back from JSON answers ``why`` from its stored reasons and cannot re-solve.

Example
-------
>>> import wbamatch
>>> result = wbamatch.match(*wbamatch.demo_data())
>>> [c for c in MATCH_COLUMNS if c in result.to_records()[0]] == list(MATCH_COLUMNS)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Protocol

from pydantic import Field, PrivateAttr

from .._catalogue import Lang, Number, text
from .._cells import RecordsFrame
from .._config import MatchConfig, Pair, Pin
from .._models import ResultModel
from .._vocabulary import HOURS_PER_JOB, SolverStatus
from ._certificate import Certificate
from ._flagged import Flagged
from ._outcome import Assignment, AuditRecord, Move, OpenSlots, UnassignedCandidate
from ._why import Why
from ._words import counted_reason, reason_words

__all__ = ["MATCH_COLUMNS", "MatchResult", "ResultContext"]

#: Columns of :meth:`MatchResult.to_records`, in order.
MATCH_COLUMNS: tuple[str, ...] = (
    "candidate_id",
    "status",
    "package_id",
    "employer",
    "score",
    "hours",
    "counts",
    "banen",
    "reasons",
    "reason_codes",
)


class ResultContext(Protocol):
    """What a result keeps (in memory only, never serialised) to answer why() and rematch():
    the pipeline that made it. Results are data; the pipeline does the solving."""

    def why(self, result: MatchResult, candidate_id: str) -> Why:
        """The full answer for one candidate of ``result`` (placed or not)."""
        ...

    def rematch(self, config: MatchConfig) -> MatchResult:
        """The same inputs solved again under ``config`` (with new pins and forbidden pairs)."""
        ...


def _changes(old: MatchResult, new: MatchResult) -> list[tuple[str, str | None, str | None]]:
    """``(candidate, package before, package after)`` of everyone whose placement changed."""
    before = {a.candidate_id: a.package_id for a in old.assignments}
    after = {a.candidate_id: a.package_id for a in new.assignments}
    people = sorted(
        {a.candidate_id for a in old.assignments}
        | {u.candidate_id for u in old.unassigned}
        | set(after)
    )
    return [(c, before.get(c), after.get(c)) for c in people if before.get(c) != after.get(c)]


def _decided(
    result: MatchResult, accept: Iterable[str], reject: Iterable[str | tuple[str, str]]
) -> MatchConfig:
    """The config of ``result`` with the accepted proposals pinned and the rejected ones
    forbidden (a rejected pair loses its pin), validated again; see :meth:`MatchResult.rematch`.
    """
    from .._exceptions import UnknownIdError

    config = result.config
    pins = list(config.pinned)
    forbidden = list(config.forbidden)
    for cid in accept:
        a = result.assignment_of(cid)
        if a is None:
            raise UnknownIdError(f"accept: candidate {cid!r} has no proposal to accept")
        if not a.pinned:
            pins.append(Pin(candidate_id=cid, package_id=a.package_id, override=a.override))
    for item in reject:
        if isinstance(item, str):
            a = result.assignment_of(item)
            if a is None:
                raise UnknownIdError(f"reject: candidate {item!r} has no proposal to reject")
            pair = Pair(candidate_id=item, package_id=a.package_id)
        else:
            pair = Pair(candidate_id=item[0], package_id=item[1])
        pins = [
            p
            for p in pins
            if (p.candidate_id, p.package_id) != (pair.candidate_id, pair.package_id)
        ]
        forbidden.append(pair)
    new_cfg = config.model_copy(update={"pinned": pins, "forbidden": forbidden})
    # Validated again (pins and forbidden pairs must agree); the key is never dumped.
    return MatchConfig.model_validate({**new_cfg.model_dump(), "audit_key": config.audit_key})


class MatchResult(ResultModel, RecordsFrame):
    """The optimal set of placements for the whole group, and what was left open.

    Example
    -------
    >>> import wbamatch
    >>> cands, packs = wbamatch.demo_data()
    >>> result = wbamatch.match(cands, packs)
    >>> result.status
    <SolverStatus.OPTIMAL: 'optimal'>
    >>> MatchResult.model_validate_json(result.model_dump_json()) == result
    True
    """

    _record_columns: ClassVar[Sequence[str]] = MATCH_COLUMNS

    status: SolverStatus
    solver: str = Field(description="Which solver path produced the result.")
    assignments: list[Assignment]
    unassigned: list[UnassignedCandidate]
    uncounted_reasons: list[str] = Field(
        default_factory=list,
        description="Reason codes not counted in ``unassigned`` (the travel rules' on a run "
        "with more unplaced people x packages than Limits.travel_reason_pairs); "
        "``why(candidate_id)`` counts them for that person.",
    )
    open_slots: list[OpenSlots]
    total_score: float = Field(description="Sum of the scores of all assignments.")
    banen: float = Field(
        description=f"Banenafspraak count: hours / {HOURS_PER_JOB} over counting placements "
        "(with current placements: the banen after, stays and moves included)."
    )
    banen_new: float = Field(
        0.0, description="Banen of the new placements only (status 'new'): what the match adds."
    )
    banen_before: float = Field(
        0.0, description="Banen of the current placements (match(current=...)) before the match."
    )
    banen_growth: float = Field(
        0.0,
        description="Banen the counting placements would add if each package grew to its "
        "hours.growth_to (K.: 16 to 32 hours is 0.63); never a switch place.",
    )
    schakelplekken: int = Field(
        0, description="Placements on a switch place (track schakelplek): never counted as banen."
    )
    current: list[Pair] = Field(
        default_factory=list, description="The current placements the match started from."
    )
    flagged: list[Flagged] = Field(
        default_factory=list,
        description="Current placements that break a hard rule or are too heavy, with their "
        "reasons, the best alternatives and the proposal: for a conversation.",
    )
    n_candidates: int
    n_packages: int
    n_slots: int
    n_feasible_pairs: int
    unknown: dict[str, int] = Field(
        description="How many candidates had each field unknown (unknown is never a fit)."
    )
    config: MatchConfig
    certificate: Certificate | None = Field(
        None,
        description="The LP dual prices that prove the placements optimal (see Certificate); "
        "with current placements, of the doorstroom weights the solver maximised.",
    )
    audit: AuditRecord | None = Field(
        None, description="What was run on what; None only for results built by hand."
    )
    moved: list[Move] = Field(
        default_factory=list, description="After rematch(): whose placement changed, and how."
    )

    _context: Any = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        # Equal results have equal fields. Not counted: the private context kept for why(), and
        # the audit timestamp (the same match run twice is the same result).
        if not isinstance(other, MatchResult):
            return NotImplemented
        return self._comparable() == other._comparable()

    def _comparable(self) -> dict[str, Any]:
        fields = dict(self.__dict__)
        if self.audit is not None:
            fields["audit"] = self.audit.model_copy(update={"timestamp": None})
        return fields

    __hash__ = None  # type: ignore[assignment]

    @property
    def banen_after(self) -> float:
        """Banen after the match: :attr:`banen`, said beside :attr:`banen_before`."""
        return self.banen

    def _attach(self, context: ResultContext) -> None:
        """Keep what :meth:`why` and :meth:`rematch` need; not serialised."""
        self._context = context

    def rematch(
        self,
        accept: Iterable[str] = (),
        reject: Iterable[str | tuple[str, str]] = (),
    ) -> MatchResult:
        """Solve again after a person accepted or rejected proposals; show what moved.

        Accepted proposals become pins (they stand, whatever else changes); rejected ones become
        forbidden pairs; earlier pins and forbidden pairs are kept. The new result's ``moved``
        lists every candidate whose placement changed.

        Parameters
        ----------
        accept
            Candidate ids whose current proposal is accepted.
        reject
            Candidate ids whose current proposal is rejected, or ``(candidate_id, package_id)``
            pairs to rule out (proposed or not).

        Raises
        ------
        UnknownIdError
            An accepted or rejected candidate has no proposal in this result.
        WbamatchError
            The result was read back from JSON: run :func:`wbamatch.match` with
            ``config=result.config`` plus the decisions instead.

        Example
        -------
        >>> import wbamatch
        >>> result = wbamatch.match(*wbamatch.demo_data())
        >>> first, second = result.assignments[:2]
        >>> again = result.rematch(accept=[first.candidate_id], reject=[second.candidate_id])
        >>> again.assignment_of(first.candidate_id).pinned
        True
        >>> again.assignment_of(second.candidate_id) != second
        True
        """
        from .._exceptions import WbamatchError

        if self._context is None:
            raise WbamatchError(
                "this result was read back from JSON and cannot re-solve; call wbamatch.match "
                "with config=result.config plus MatchConfig.pinned / forbidden instead"
            )
        ctx: ResultContext = self._context
        result = ctx.rematch(_decided(self, accept, reject))
        moves = [
            Move(candidate_id=cid, before=before, after=after)
            for cid, before, after in _changes(self, result)
        ]
        moved = result.model_copy(update={"moved": moves})
        moved._context = result._context
        return moved

    def why(self, candidate_id: str) -> Why:
        """Why this person got this package, or why nobody was found; ``.text()`` in words.

        For a placed candidate: the explanation of the pair, and whether the candidate is
        registered and the contract counts (why a placement does not count). For an unassigned
        one: the blocking reason codes counted over all packages; when a feasible package went
        to someone else, which one, who holds it, and how much the group's total score would
        drop if this candidate took it instead (found by solving again with the pair forced
        in); and the package that came closest (:class:`Closest`). A result read back from JSON
        has no solver context: it then answers from the stored reasons alone.
        """
        from .._exceptions import UnknownIdError

        placed = self.assignment_of(candidate_id)
        entry = next((u for u in self.unassigned if u.candidate_id == candidate_id), None)
        if placed is None and entry is None:
            raise UnknownIdError(f"no candidate {candidate_id!r} in this result")
        lang = self.config.lang
        if self._context is None:
            return Why(candidate_id=candidate_id, placed=placed, unassigned=entry, lang=lang)
        ctx: ResultContext = self._context
        return ctx.why(self, candidate_id)

    def assignment_of(self, candidate_id: str) -> Assignment | None:
        """The placement of a candidate, or None when unassigned."""
        for a in self.assignments:
            if a.candidate_id == candidate_id:
                return a
        return None

    def summary(self, lang: str | None = None) -> str:
        """The result in one or two sentences, e.g.
        "10 van de 12 kandidaten geplaatst, samen 5,8 banen; 3 plekken blijven open."

        ``lang`` is ``"nl"`` or ``"en"``; None takes ``config.lang``, else ``WBAMATCH_LANG``,
        else Dutch.

        Example
        -------
        >>> import wbamatch
        >>> result = wbamatch.match(*wbamatch.demo_data())
        >>> result.summary("nl")
        '10 van de 12 kandidaten geplaatst, samen 5,8 banen; 3 plekken blijven open.'
        >>> result.summary("en")
        '10 of 12 candidates placed, 5.8 banen in all; 3 places stay open.'
        """
        chosen = self.config.text_lang(lang)
        n, placed = self.n_candidates, len(self.assignments)
        if n > 1 and placed == n:
            who = text("summary.placed.all", chosen, n=n)
        else:
            key = "summary.placed.one" if n == 1 else "summary.placed"
            who = text(key, chosen, placed=placed, n=n)
        banen = Number(self.banen, 1)
        rounded = round(self.banen, 1)
        how_many = text(
            "summary.banen.one" if rounded == 1 else "summary.banen", chosen, banen=banen
        )
        n_open = sum(o.open for o in self.open_slots)
        key = "summary.open" + (".none" if n_open == 0 else ".one" if n_open == 1 else "")
        left = text(key, chosen, open=n_open)
        parts = [text("summary.sentence", chosen, placed=who, banen=how_many, open=left)]
        if self.status is SolverStatus.NO_ELIGIBLE_PAIRS:
            parts.append(text("summary.no_pairs", chosen))
        if self.current:
            parts += self._doorstroom_sentences(chosen)
        pinned = sum(a.pinned for a in self.assignments)
        if pinned:
            key = "summary.pinned.one" if pinned == 1 else "summary.pinned"
            parts.append(text(key, chosen, n=pinned))
        if self.uncounted_reasons:
            parts.append(text("summary.uncounted", chosen))
        return " ".join(parts)

    def _doorstroom_sentences(self, lang: Lang) -> list[str]:
        """With current placements: who stays, moves or is flagged; banen before and after."""
        stays = sum(a.status == "stays" for a in self.assignments)
        moves = sum(a.status == "moves" for a in self.assignments)
        parts = [
            text(
                "summary.doorstroom",
                lang,
                stays=Number(stays),
                moves=Number(moves),
                flagged=Number(len(self.flagged)),
            ),
            text(
                "summary.doorstroom.banen",
                lang,
                before=Number(self.banen_before, 1),
                after=Number(self.banen, 1),
                new=Number(self.banen_new, 1),
            ),
        ]
        if self.banen_growth > 0:
            growth = Number(self.banen_growth, 2)
            parts.append(text("summary.doorstroom.growth", lang, growth=growth))
        if self.schakelplekken:
            n = Number(self.schakelplekken)
            parts.append(text("summary.doorstroom.switch", lang, n=n))
        return parts

    def to_records(self) -> list[dict[str, Any]]:
        """One row per candidate, placed or not, in candidate id order, as plain Python values.

        Columns (:data:`MATCH_COLUMNS`): ``candidate_id``, ``status`` (``"placed"`` or
        ``"unassigned"``), ``package_id``, ``employer``, ``score``, ``hours``, ``counts``,
        ``banen`` (None when unassigned), ``reasons`` in words, in the config's language
        (``config.lang``, else ``WBAMATCH_LANG``, else Dutch): for a placement the penalty rules
        it breaks, for someone not placed the reasons that blocked them most with the number of
        packages each ruled out; and ``reason_codes``, the same reasons as codes separated by
        ``"; "``, for services. Needs no pandas.

        Example
        -------
        >>> import wbamatch
        >>> result = wbamatch.match(*wbamatch.demo_data())
        >>> rows = result.to_records()
        >>> len(rows) == result.n_candidates, sorted({r["status"] for r in rows})
        (True, ['placed', 'unassigned'])
        """
        lang = self.config.text_lang()
        rows: list[dict[str, Any]] = [
            {
                "candidate_id": a.candidate_id,
                "status": "placed",
                "package_id": a.package_id,
                "employer": a.employer,
                "score": a.score,
                "hours": a.hours,
                "counts": a.counts,
                "banen": a.banen,
                "reasons": "; ".join(
                    text("results.note.penalty", lang, reason=reason_words(c, lang))
                    for c in a.penalties
                ),
                "reason_codes": "; ".join(a.penalties),
            }
            for a in self.assignments
        ]
        rows += [
            {
                "candidate_id": u.candidate_id,
                "status": "unassigned",
                "package_id": None,
                "employer": None,
                "score": None,
                "hours": None,
                "counts": None,
                "banen": None,
                "reasons": "; ".join(counted_reason(r.code, r.packages, lang) for r in u.reasons)
                or text("results.records.none", lang),
                "reason_codes": "; ".join(r.code for r in u.reasons),
            }
            for u in self.unassigned
        ]
        rows.sort(key=lambda r: str(r["candidate_id"]))
        return rows

    def _repr_html_(self) -> str:
        """Notebook view: placements with score bars, who was not placed and why, open slots."""
        from ._views import match_html  # the views load with the first one shown

        lang = self.config.text_lang()
        return match_html(
            self.summary(lang), self.assignments, self.moved, self.unassigned, self.open_slots, lang
        )
