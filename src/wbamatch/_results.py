"""The outcome of a match: placements, who stays unassigned and why, open slots, banen.

All result models are pydantic models, so a result round-trips through JSON:
``MatchResult.model_validate_json(result.model_dump_json()) == result``.

What people read (:meth:`MatchResult.summary`, :meth:`Why.text`, the notebook view and the
``reasons`` column of :meth:`MatchResult.to_records`) is in plain words from the message
catalogue: Dutch by default, English with ``lang="en"``, ``MatchConfig(lang="en")`` or
``WBAMATCH_LANG=en``. Codes stay in the fields and in the ``reason_codes`` column for services.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from ._catalogue import Lang, Listing, Number, Percent, Term, catalogue, resolve_lang, text
from ._cells import records_to_dataframe
from ._config import MatchConfig, Pair, Pin
from ._explain import Explanation, Violation, package_name, score_words
from ._vocabulary import (
    BELOW_MIN_SCORE,
    COUNTING_CONTRACTS,
    FORBIDDEN,
    HOURS_PER_JOB,
    NOT_MET,
    OUTCOMPETED,
    ContractType,
    SolverStatus,
)

__all__ = [
    "Alternative",
    "Assignment",
    "AuditRecord",
    "Closest",
    "MatchResult",
    "Move",
    "OpenSlots",
    "ReasonCount",
    "UnassignedCandidate",
    "Why",
]

#: The outcome codes; their words are the catalogue's ``reason.<code>``.
_EXTRA_CODES: frozenset[str] = frozenset({BELOW_MIN_SCORE, OUTCOMPETED, FORBIDDEN, NOT_MET})

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


def reason_words(code: str, lang: str | None = None) -> str:
    """A reason code in words, e.g. ``capacity:work_pace`` -> ``vraagt meer werktempo ...``.

    ``lang`` is ``"nl"`` or ``"en"``; default ``WBAMATCH_LANG``, else Dutch. A code that is
    neither a rule's nor one of this module's is returned as it is.

    Example
    -------
    >>> reason_words("commute", "en"), reason_words("capacity:work_pace", "en")
    ('commute too long', 'asks more work pace than they can bear')
    >>> reason_words("evening", "nl"), reason_words("outcompeted", "nl")
    ('werk in de avond', 'past, maar de plekken gingen naar mensen die beter passen')
    """
    from .rules import REGISTRY

    chosen = resolve_lang(lang)
    if code in _EXTRA_CODES:
        return text(f"reason.{code}", chosen)
    if code in REGISTRY.codes:
        return REGISTRY.reason(code, chosen)
    return code


def _counted(code: str, packages: int, lang: Lang) -> str:
    """``"reistijd te lang (3 pakketten)"``."""
    key = "why.reason_count.one" if packages == 1 else "why.reason_count"
    return text(key, lang, reason=reason_words(code, lang), n=packages)


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Assignment(_Result):
    """One proposed placement."""

    candidate_id: str
    package_id: str
    employer: str = Field("", description="Employer of the package.")
    title: str = Field("", description="Title of the package (what the job is called).")
    organisation: str = Field("", description="Ministry or employer group (else the employer).")
    track: str = Field("individual", description="Banenafspraak track of the package.")
    score: float = Field(ge=0, le=1, description="Score of the pair in [0, 1].")
    hours: float = Field(description="Hours a week of the package.")
    counts: bool = Field(
        description="Counts for the Banenafspraak: registered candidate, counting contract."
    )
    banen: float = Field(description=f"hours / {HOURS_PER_JOB} when it counts, else 0.")
    penalties: list[str] = Field(
        default_factory=list, description="Penalty-mode rules this placement breaks."
    )
    pinned: bool = Field(False, description="Decided by a person (MatchConfig.pinned).")
    override: bool = Field(
        False, description="A human override: pinned although it breaks the hard rules below."
    )
    breaks: list[str] = Field(
        default_factory=list, description="Hard rules an override placement breaks."
    )
    not_counting: list[Literal["register", "contract"]] = Field(
        default_factory=list,
        description="Why it does not count: 'register' (the candidate is not in the "
        "doelgroepregister), 'contract' (a contract type that does not count).",
    )


class Move(_Result):
    """How one candidate's placement changed between two results (None = unassigned)."""

    candidate_id: str
    before: str | None
    after: str | None


class AuditRecord(_Result):
    """What was run, on what, with which rules: enough to reproduce and check a result.

    Exactly these fields, and no record fields (no capacities, needs, homes or tags):

    - ``library_version``, ``timestamp`` (UTC);
    - ``keyed``: whether an organisation key (``MatchConfig.audit_key`` or the environment
      variable ``WBAMATCH_AUDIT_KEY``) made the digests HMAC-SHA256; ``candidates_digest``:
      HMAC-SHA256 of the canonical candidate records under that key, and **None without a
      key** (an unkeyed digest of a few people's records can be reversed by guessing their
      capacities and needs); ``packages_digest`` and ``config_digest`` (the config's JSON,
      which never holds the key): HMAC-SHA256 with a key, SHA-256 without; ``travel_times``;
    - the ``rules`` in force (mode per reason code), ``weights``, ``penalty``, ``min_score``;
    - ``solver``, ``status`` and the counts ``n_candidates``, ``n_packages``, ``n_slots``,
      ``n_feasible_pairs``, ``n_assigned``, ``n_forbidden``;
    - ``pins`` (ids and override flags; their notes only with ``MatchConfig.audit_pin_notes``)
      and ``overrides`` (the placements a person forced through, with the rules they break).

    :func:`wbamatch.audit.verify` recomputes a result and compares.
    """

    library_version: str
    timestamp: datetime = Field(description="When the match ran (UTC).")
    keyed: bool = Field(description="The digests are HMAC-SHA256 under an organisation key.")
    candidates_digest: str | None = Field(
        description="HMAC-SHA256 of the canonical candidate records; None without a key."
    )
    packages_digest: str = Field(
        description="HMAC-SHA256 (SHA-256 without a key) of the canonical packages."
    )
    config_digest: str = Field(
        description="HMAC-SHA256 (SHA-256 without a key) of the configuration's JSON."
    )
    travel_times: str = Field(
        description="'estimated', 'matrix sha256:<digest>' or 'provider <class name>'."
    )
    rules: dict[str, str] = Field(description="Mode (hard, penalty, off) of every reason code.")
    weights: dict[str, float] = Field(description="Weight of every score component.")
    penalty: float
    min_score: float
    solver: str
    status: SolverStatus
    n_candidates: int
    n_packages: int
    n_slots: int
    n_feasible_pairs: int
    n_assigned: int
    pins: list[Pin] = Field(default_factory=list, description="Placements decided by a person.")
    overrides: list[Assignment] = Field(
        default_factory=list, description="Pinned placements that break hard rules."
    )
    n_forbidden: int = Field(0, description="Pairs a person ruled out.")


class ReasonCount(_Result):
    """A reason code and the number of packages it blocked."""

    code: str
    packages: int


class UnassignedCandidate(_Result):
    """A candidate left without a placement, with the reasons that blocked them most.

    ``reasons`` counts, per reason code, the packages that code ruled out, most frequent first.
    Two more codes appear when feasible packages existed: ``below_min_score`` (feasible, but
    scoring below ``config.min_score``) and ``outcompeted`` (feasible, but the optimum for the
    whole group gave those slots to others).
    """

    candidate_id: str
    feasible_packages: int = Field(description="Packages this candidate could have taken.")
    reasons: list[ReasonCount]


class OpenSlots(_Result):
    """A package with slots left over."""

    package_id: str
    open: int
    feasible_candidates: int = Field(description="Candidates who could have taken it.")


class Alternative(_Result):
    """The best feasible package an unassigned candidate lost to others, and the cost of it."""

    package_id: str
    score: float = Field(description="Score this candidate would have had there.")
    held_by: list[str] = Field(description="Candidates the optimum placed there instead.")
    total_difference: float = Field(
        description="Best group total with this pair forced in, minus the optimum (<= 0)."
    )


class Closest(_Result):
    """The package that came closest for someone not placed, and what kept them from it.

    ``blocked_by`` is ``"outcompeted"`` (it fits, the places went to others: ``held_by``),
    ``"below_min_score"`` (it fits, but scores below ``config.min_score``), ``"forbidden"`` (it
    fits, but a person ruled the pair out) or ``"rules"`` (it breaks the hard rules in
    ``violations``; of all packages the candidate did not say no to, it breaks the fewest, ties
    by the higher score it would have).
    """

    package_id: str
    title: str = ""
    employer: str = ""
    score: float = Field(description="The score there; for 'rules', the score without them.")
    blocked_by: str
    violations: list[Violation] = Field(
        default_factory=list, description="The hard rules it breaks (blocked_by 'rules')."
    )
    held_by: list[str] = Field(
        default_factory=list, description="Who has its places (blocked_by 'outcompeted')."
    )
    min_score: float = Field(0.0, description="config.min_score of the match.")


class Why(_Result):
    """The answer of :meth:`MatchResult.why`; :meth:`text` says it in words."""

    candidate_id: str
    placed: Assignment | None = None
    explanation: Explanation | None = None
    unassigned: UnassignedCandidate | None = None
    alternative: Alternative | None = None
    closest: Closest | None = Field(
        None, description="For someone not placed: the package that came closest, and why not."
    )
    registered: bool | None = Field(
        None, description="The candidate is in the doelgroepregister (None: not known here)."
    )
    contract: ContractType | None = Field(
        None, description="Contract type of the placement's package (None: not known here)."
    )
    lang: Lang | None = Field(None, description="Language of text(): the config's lang.")

    def text(self, lang: str | None = None) -> str:
        """One short paragraph for a recruiter: placed where and how well, or what kept them out.

        For someone placed: where, the score and what it means, what adds most, points of
        attention, and whether it counts for the Banenafspraak (and if not, why). For someone
        not placed: the three things that ruled out most packages, the package that came
        closest and what would have to change for it.

        ``lang`` is ``"nl"`` or ``"en"``; None takes the config's language, else
        ``WBAMATCH_LANG``, else Dutch.
        """
        chosen = resolve_lang(lang if lang is not None else self.lang)
        if self.placed is not None:
            return " ".join(self._placed(self.placed, chosen))
        assert self.unassigned is not None
        return " ".join(self._unplaced(self.unassigned, chosen))

    def _placed(self, a: Assignment, lang: Lang) -> list[str]:
        where = package_name(a.package_id, a.title, a.employer or a.organisation, lang)
        parts = [
            text(
                "why.placed", lang, candidate=a.candidate_id, package=where, hours=Number(a.hours)
            ),
            text("score.sentence", lang, score=score_words(a.score, lang)),
        ]
        if self.explanation is not None and (strong := self.explanation.strongest(lang)):
            parts.append(strong)
        if a.penalties:
            key = "why.penalties.one" if len(a.penalties) == 1 else "why.penalties"
            words = tuple(reason_words(c, lang) for c in a.penalties)
            parts.append(text(key, lang, reasons=Listing(words)))
        if a.pinned:
            parts.append(text("why.pinned", lang))
        if a.override and a.breaks:
            words = tuple(reason_words(c, lang) for c in a.breaks)
            parts.append(text("why.override", lang, reasons=Listing(words)))
        registered = self.registered
        if registered is None and a.not_counting:  # read back from JSON: the placement says
            registered = "register" not in a.not_counting
        parts.append(counting_sentence(a.counts, a.banen, registered, self.contract, lang))
        return parts

    def _unplaced(self, u: UnassignedCandidate, lang: Lang) -> list[str]:
        parts = [text("why.unplaced", lang, candidate=u.candidate_id)]
        if u.feasible_packages == 0:
            parts.append(text("why.fitting.none", lang))
        else:
            key = "why.fitting.one" if u.feasible_packages == 1 else "why.fitting"
            parts.append(text(key, lang, n=u.feasible_packages))
        if u.reasons:
            counted = tuple(_counted(r.code, r.packages, lang) for r in u.reasons[:3])
            parts.append(text("why.reasons", lang, reasons=Listing(counted)))
        if self.closest is not None:
            parts += _closest(self.closest, lang)
        return parts

    def _repr_html_(self) -> str:
        """Notebook view: the paragraph of :meth:`text`, and for someone not placed the reasons."""
        from ._html import block, heading, table

        lang = resolve_lang(self.lang)
        parts = []
        if self.unassigned is not None and self.unassigned.reasons:
            rows = [[reason_words(r.code, lang), r.packages] for r in self.unassigned.reasons]
            parts = [
                heading(text("results.html.reasons", lang)),
                table(
                    [
                        text("results.html.col.reason", lang),
                        text("results.html.col.ruled_out", lang),
                    ],
                    rows,
                    numeric=[1],
                    lang=lang,
                ),
            ]
        return block(
            text("results.html.why", lang, candidate=self.candidate_id), [self.text(lang)], parts
        )


def counting_sentence(
    counts: bool, banen: float, registered: bool | None, contract: ContractType | None, lang: Lang
) -> str:
    """Whether a placement counts for the Banenafspraak, and if not, why not, in a sentence.

    ``registered`` and ``contract`` say why not where they are known (None: not known).
    """
    if counts:
        return text("why.counts", lang, banen=Number(banen, 2))
    contract_counts = None if contract is None else contract in COUNTING_CONTRACTS
    if registered is False and contract_counts is False:
        assert contract is not None
        return text("why.not_counting.both", lang, contract=Term(contract))
    if contract_counts is False:
        assert contract is not None
        return text("why.not_counting.contract", lang, contract=Term(contract))
    if registered is False or contract_counts is True:
        return text("why.not_counting.register", lang)
    return text("why.not_counting", lang)


def _closest(c: Closest, lang: Lang) -> list[str]:
    """The closest package for someone not placed, and what would have to change for it."""
    parts = [
        text("why.closest", lang, package=package_name(c.package_id, c.title, c.employer, lang))
    ]
    score = score_words(c.score, lang)
    if c.blocked_by == OUTCOMPETED:
        if c.held_by:
            key = "why.closest.taken.one" if len(c.held_by) == 1 else "why.closest.taken"
            parts.append(text(key, lang, score=score, held_by=Listing(tuple(c.held_by))))
        else:
            parts.append(text("why.closest.taken.others", lang, score=score))
    elif c.blocked_by == BELOW_MIN_SCORE:
        parts.append(text("why.closest.below_min", lang, score=score, minimum=Percent(c.min_score)))
    elif c.blocked_by == FORBIDDEN:
        parts.append(text("why.closest.forbidden", lang, score=score))
    else:
        parts.append(text("why.closest.rules", lang))
        parts += [v.message_in(lang) for v in c.violations]
    return parts




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
    before = {a.candidate_id: a.package_id for a in old.assignments}
    after = {a.candidate_id: a.package_id for a in new.assignments}
    people = sorted(
        {a.candidate_id for a in old.assignments}
        | {u.candidate_id for u in old.unassigned}
        | set(after)
    )
    return [(c, before.get(c), after.get(c)) for c in people if before.get(c) != after.get(c)]








class MatchResult(_Result):
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

    status: SolverStatus
    solver: str = Field(description="Which solver path produced the result.")
    assignments: list[Assignment]
    unassigned: list[UnassignedCandidate]
    open_slots: list[OpenSlots]
    total_score: float = Field(description="Sum of the scores of all assignments.")
    banen: float = Field(
        description=f"Banenafspraak count: hours / {HOURS_PER_JOB} over counting placements."
    )
    n_candidates: int
    n_packages: int
    n_slots: int
    n_feasible_pairs: int
    unknown: dict[str, int] = Field(
        description="How many candidates had each field unknown (unknown is never a fit)."
    )
    config: MatchConfig
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
        from ._exceptions import UnknownIdError, WbamatchError

        if self._context is None:
            raise WbamatchError(
                "this result was read back from JSON and cannot re-solve; call wbamatch.match "
                "with config=result.config plus MatchConfig.pinned / forbidden instead"
            )
        cfg = self.config
        pins = list(cfg.pinned)
        forbidden = list(cfg.forbidden)
        for cid in accept:
            a = self.assignment_of(cid)
            if a is None:
                raise UnknownIdError(f"accept: candidate {cid!r} has no proposal to accept")
            if not a.pinned:
                pins.append(Pin(candidate_id=cid, package_id=a.package_id, override=a.override))
        for item in reject:
            if isinstance(item, str):
                a = self.assignment_of(item)
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
        new_cfg = cfg.model_copy(update={"pinned": pins, "forbidden": forbidden})
        ctx: ResultContext = self._context
        # Validated again (pins and forbidden pairs must agree); the key is never dumped.
        checked = MatchConfig.model_validate({**new_cfg.model_dump(), "audit_key": cfg.audit_key})
        result = ctx.rematch(checked)
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
        from ._exceptions import UnknownIdError

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
        pinned = sum(a.pinned for a in self.assignments)
        if pinned:
            key = "summary.pinned.one" if pinned == 1 else "summary.pinned"
            parts.append(text(key, chosen, n=pinned))
        return " ".join(parts)

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
                "reasons": "; ".join(_counted(r.code, r.packages, lang) for r in u.reasons)
                or text("results.records.none", lang),
                "reason_codes": "; ".join(r.code for r in u.reasons),
            }
            for u in self.unassigned
        ]
        rows.sort(key=lambda r: str(r["candidate_id"]))
        return rows

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a pandas DataFrame (needs ``pip install 'wbamatch[notebook]'``).

        Raises
        ------
        MissingDependencyError
            When pandas is not installed.

        Example
        -------
        >>> import wbamatch
        >>> df = wbamatch.match(*wbamatch.demo_data()).to_dataframe()
        >>> list(df.columns)[:3]
        ['candidate_id', 'status', 'package_id']
        """
        return records_to_dataframe(self.to_records(), MATCH_COLUMNS)

    def _repr_html_(self) -> str:
        """Notebook view: placements with score bars, who was not placed and why, open slots."""
        from ._html import MAX_ROWS, bar, block, heading, number, table

        lang = self.config.text_lang()

        def say(key: str, **values: Any) -> str:
            return text(key, lang, **values)

        # Rows are built only for what is shown: a large run has thousands.
        placed = [
            [
                a.candidate_id,
                a.package_id,
                a.title,
                a.employer,
                say(f"track.{a.track}") if f"track.{a.track}" in catalogue(lang) else a.track,
                bar(a.score),
                number(a.hours, 1, lang),
                number(a.banen, 2, lang),  # the note says why a placement does not count
                "; ".join(placement_notes(a, lang)),
            ]
            for a in self.assignments[:MAX_ROWS]
        ]
        nowhere = say("results.html.not_placed")
        moved = [
            [m.candidate_id, m.before or nowhere, m.after or nowhere] for m in self.moved[:MAX_ROWS]
        ]
        missing = [
            [
                u.candidate_id,
                u.feasible_packages,
                ", ".join(f"{reason_words(r.code, lang)} ({r.packages})" for r in u.reasons) or "-",
            ]
            for u in self.unassigned[:MAX_ROWS]
        ]
        slots = [[o.package_id, o.open, o.feasible_candidates] for o in self.open_slots[:MAX_ROWS]]
        n_open = sum(o.open for o in self.open_slots)

        def cols(*names: str) -> list[str]:
            return [say(f"results.html.col.{name}") for name in names]

        return block(
            say("results.html.title"),
            [self.summary(lang)],
            [
                heading(say("results.html.placed", n=len(self.assignments))),
                table(
                    cols(
                        "candidate",
                        "package",
                        "title",
                        "employer",
                        "track",
                        "score",
                        "hours",
                        "banen",
                        "note",
                    ),
                    placed,
                    numeric=[6, 7],
                    empty=say("results.html.placed.none"),
                    total=len(self.assignments),
                    lang=lang,
                ),
                *(
                    [
                        heading(say("results.html.moved", n=len(moved))),
                        table(
                            cols("candidate", "before", "after"),
                            moved,
                            total=len(self.moved),
                            lang=lang,
                        ),
                    ]
                    if moved
                    else []
                ),
                heading(say("results.html.unplaced", n=len(self.unassigned))),
                table(
                    cols("candidate", "fitting", "why_not"),
                    missing,
                    numeric=[1],
                    empty=say("results.html.unplaced.none"),
                    total=len(self.unassigned),
                    lang=lang,
                ),
                heading(say("results.html.open", n=n_open)),
                table(
                    cols("package", "open", "fit_candidates"),
                    slots,
                    numeric=[1, 2],
                    empty=say("results.html.open.none"),
                    total=len(self.open_slots),
                    lang=lang,
                ),
            ],
        )


def placement_notes(a: Assignment, lang: Lang) -> list[str]:
    """What a recruiter should know about a placement beyond its score, in words: why it does
    not count, a recruiter's pin or override, the penalties it takes.

    Example
    -------
    >>> import wbamatch
    >>> result = wbamatch.match(*wbamatch.demo_data())
    >>> placement_notes(next(a for a in result.assignments if not a.counts), "nl")
    ['telt niet mee: niet in het doelgroepregister']
    """
    notes = []
    if a.not_counting:
        words = tuple(text(f"results.note.not_counting.{why}", lang) for why in a.not_counting)
        notes.append(text("results.note.not_counting", lang, reasons=Listing(words)))
    notes += [text("results.note.pinned", lang)] if a.pinned else []
    if a.override:
        words = tuple(reason_words(c, lang) for c in a.breaks)
        notes.append(text("results.note.override", lang, reasons=Listing(words)))
    notes += [text("results.note.penalty", lang, reason=reason_words(c, lang)) for c in a.penalties]
    return notes
