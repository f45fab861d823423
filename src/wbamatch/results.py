"""The outcome of a match: placements, who stays unassigned and why, open slots, banen.

All result models are pydantic models, so a result round-trips through JSON:
``MatchResult.model_validate_json(result.model_dump_json()) == result``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from ._cells import records_to_dataframe
from .assignment import SolverStatus, solve_edges
from .compatibility import build_compatibility, lookup_id
from .config import MatchConfig, Pair, Pin
from .explain import Explanation, explain_pair
from .vocabulary import HOURS_PER_JOB

__all__ = [
    "Alternative",
    "Assignment",
    "AuditRecord",
    "MatchResult",
    "Move",
    "OpenSlots",
    "ReasonCount",
    "UnassignedCandidate",
    "Why",
]

#: Extra codes for candidates who could have been placed but were not.
BELOW_MIN_SCORE = "below_min_score"
OUTCOMPETED = "outcompeted"
FORBIDDEN = "forbidden"
#: What a manager's view says instead of a near miss's rule: which need, and its values, are
#: the recruiter's to explain.
NOT_MET = "not_met"

#: The codes above in a recruiter's words (rule codes take theirs from the rule registry).
_EXTRA_WORDS: dict[str, tuple[str, str]] = {
    BELOW_MIN_SCORE: ("fits, but scores below the minimum", "past, maar scoort onder het minimum"),
    OUTCOMPETED: (
        "fits, but the places went to people who fit better",
        "past, maar de plekken gingen naar mensen die beter passen",
    ),
    FORBIDDEN: ("fits, but a recruiter ruled it out", "past, maar een recruiter sloot het uit"),
    NOT_MET: (
        "one of the candidate's conditions is not met; the recruiter can explain",
        "aan een voorwaarde van de kandidaat wordt niet voldaan; de recruiter kan dit toelichten",
    ),
}

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
)


def reason_words(code: str, lang: str = "en") -> str:
    """A reason code in words, e.g. ``capacity:work_pace`` -> ``asks more work pace than ...``.

    Example
    -------
    >>> reason_words("commute"), reason_words("capacity:work_pace")
    ('commute too long', 'asks more work pace than they can bear')
    >>> reason_words("evening", "nl")
    'werk in de avond'
    """
    from .rules import REGISTRY

    if code in _EXTRA_WORDS:
        en, nl = _EXTRA_WORDS[code]
        return nl if lang == "nl" else en
    if code in REGISTRY.codes:
        return REGISTRY.reason(code, "nl" if lang == "nl" else "en")
    return code


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


class Why(_Result):
    """The answer of :meth:`MatchResult.why`."""

    candidate_id: str
    placed: Assignment | None = None
    explanation: Explanation | None = None
    unassigned: UnassignedCandidate | None = None
    alternative: Alternative | None = None

    def text(self) -> str:
        """One short paragraph in English."""
        if self.placed is not None:
            a = self.placed
            parts = ""
            if self.explanation is not None:
                top = self.explanation.top_components(2)
                parts = " Strongest parts: " + ", ".join(f"{n} {v:.2f}" for n, v in top) + "."
            return f"{a.candidate_id} was placed at {a.package_id} (score {a.score:.3f}).{parts}"
        assert self.unassigned is not None
        reasons = ", ".join(f"{r.code} ({r.packages})" for r in self.unassigned.reasons)
        out = f"{self.candidate_id} was not placed. Blocking reasons: {reasons or 'none'}."
        if self.alternative is not None:
            alt = self.alternative
            out += (
                f" {alt.package_id} fitted (score {alt.score:.3f}) but went to "
                f"{', '.join(alt.held_by) or 'nobody'}; taking it would change the group total "
                f"by {alt.total_difference:+.3f}."
            )
        return out


@dataclass(frozen=True, eq=False)
class SolveContext:
    """What a result keeps (in memory only) to answer why() and rematch()."""

    problem: Any
    edges: Any
    eligible: NDArray[np.bool_] = field(repr=False)
    slots: NDArray[np.int64] = field(repr=False)
    resolve: Callable[[MatchConfig], MatchResult] = field(repr=False)


def _changes(old: MatchResult, new: MatchResult) -> list[tuple[str, str | None, str | None]]:
    before = {a.candidate_id: a.package_id for a in old.assignments}
    after = {a.candidate_id: a.package_id for a in new.assignments}
    people = sorted(
        {a.candidate_id for a in old.assignments}
        | {u.candidate_id for u in old.unassigned}
        | set(after)
    )
    return [(c, before.get(c), after.get(c)) for c in people if before.get(c) != after.get(c)]


def _explain_row(problem: Any, candidate_id: str, package_id: str) -> Explanation:
    """Explain a pair with the same dense code path as :func:`wbamatch.compatibility`."""
    cand, pkg = problem.cand, problem.pkg
    i = np.array([lookup_id(cand.ids, candidate_id, "candidate")])
    comp = build_compatibility(cand.take(i), pkg, problem.minutes_for(i), problem.config)
    return explain_pair(comp, 0, lookup_id(pkg.ids, package_id, "package"))


def _alternative(result: MatchResult, ctx: SolveContext, candidate_id: str) -> Alternative | None:
    problem, edges, eligible = ctx.problem, ctx.edges, ctx.eligible
    cand, pkg = problem.cand, problem.pkg
    i = lookup_id(cand.ids, candidate_id, "candidate")
    mine = np.flatnonzero(eligible & (edges.rows == i))
    if mine.size == 0:
        return None
    # Best package for this person: highest score, ties by package id (columns are in id order).
    best = mine[np.lexsort((edges.cols[mine], -edges.scores[mine]))[0]]
    j = int(edges.cols[best])
    slots = ctx.slots.copy()
    slots[j] -= 1
    rest = eligible & (edges.rows != i)
    forced = solve_edges(
        edges.rows[rest],
        edges.cols[rest],
        edges.scores[rest],
        slots,
        max_bytes=problem.config.max_memory_mb << 20,
    )
    forced_total = float(edges.scores[best]) + forced.total
    return Alternative(
        package_id=pkg.ids[j],
        score=float(edges.scores[best]),
        held_by=[a.candidate_id for a in result.assignments if a.package_id == pkg.ids[j]],
        total_difference=forced_total - result.total_score,
    )


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

    def _attach(self, context: SolveContext) -> None:
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
        from .exceptions import UnknownIdError, WbamatchError

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
        ctx: SolveContext = self._context
        # Validated again (pins and forbidden pairs must agree); the key is never dumped.
        checked = MatchConfig.model_validate({**new_cfg.model_dump(), "audit_key": cfg.audit_key})
        result = ctx.resolve(checked)
        moves = [
            Move(candidate_id=cid, before=before, after=after)
            for cid, before, after in _changes(self, result)
        ]
        moved = result.model_copy(update={"moved": moves})
        moved._context = result._context
        return moved

    def why(self, candidate_id: str) -> Why:
        """Why this person got this package, or why nobody was found.

        For a placed candidate: the explanation of the pair. For an unassigned one: the
        blocking reason codes counted over all packages and, when a feasible package went to
        someone else, which one, who holds it, and how much the group's total score would drop
        if this candidate took it instead (found by solving again with the pair forced in).
        A result read back from JSON has no solver context: it then answers from the stored
        reasons alone.
        """
        from .exceptions import UnknownIdError

        placed = self.assignment_of(candidate_id)
        entry = next((u for u in self.unassigned if u.candidate_id == candidate_id), None)
        if placed is None and entry is None:
            raise UnknownIdError(f"no candidate {candidate_id!r} in this result")
        if self._context is None:
            return Why(candidate_id=candidate_id, placed=placed, unassigned=entry)
        ctx: SolveContext = self._context
        if placed is not None:
            return Why(
                candidate_id=candidate_id,
                placed=placed,
                explanation=_explain_row(ctx.problem, candidate_id, placed.package_id),
            )
        assert entry is not None
        return Why(
            candidate_id=candidate_id,
            unassigned=entry,
            alternative=_alternative(self, ctx, candidate_id),
        )

    def assignment_of(self, candidate_id: str) -> Assignment | None:
        """The placement of a candidate, or None when unassigned."""
        for a in self.assignments:
            if a.candidate_id == candidate_id:
                return a
        return None

    def summary(self) -> str:
        """A short human-readable summary."""
        return (
            f"{len(self.assignments)} of {self.n_candidates} candidates placed "
            f"({self.banen:.2f} banen), {sum(o.open for o in self.open_slots)} of "
            f"{self.n_slots} slots open, total score {self.total_score:.3f} [{self.status}]"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One row per candidate, placed or not, in candidate id order, as plain Python values.

        Columns (:data:`MATCH_COLUMNS`): ``candidate_id``, ``status`` (``"placed"`` or
        ``"unassigned"``), ``package_id``, ``employer``, ``score``, ``hours``, ``counts``,
        ``banen`` (None when unassigned), and ``reasons`` in words: for a placement the penalty
        rules it breaks, for someone not placed the reasons that blocked them most with the
        number of packages each ruled out. Needs no pandas.

        Example
        -------
        >>> import wbamatch
        >>> result = wbamatch.match(*wbamatch.demo_data())
        >>> rows = result.to_records()
        >>> len(rows) == result.n_candidates, sorted({r["status"] for r in rows})
        (True, ['placed', 'unassigned'])
        """
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
                "reasons": "; ".join(f"penalty: {reason_words(c)}" for c in a.penalties),
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
                "reasons": "; ".join(
                    f"{reason_words(r.code)} ({r.packages} package{'s' if r.packages != 1 else ''})"
                    for r in u.reasons
                )
                or "no packages",
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

        # Rows are built only for what is shown: a large run has thousands.
        placed = [
            [
                a.candidate_id,
                a.package_id,
                a.employer,
                a.track,
                bar(a.score),
                number(a.hours, 1),
                number(a.banen) if a.counts else "does not count",
                "; ".join(_html_notes(a)),
            ]
            for a in self.assignments[:MAX_ROWS]
        ]
        moved = [[m.candidate_id, m.before or "-", m.after or "-"] for m in self.moved[:MAX_ROWS]]
        missing = [
            [
                u.candidate_id,
                u.feasible_packages,
                ", ".join(f"{reason_words(r.code)} ({r.packages})" for r in u.reasons) or "-",
            ]
            for u in self.unassigned[:MAX_ROWS]
        ]
        slots = [[o.package_id, o.open, o.feasible_candidates] for o in self.open_slots[:MAX_ROWS]]
        n_open = sum(o.open for o in self.open_slots)
        return block(
            "Match result",
            [
                f"{len(self.assignments)} of {self.n_candidates} candidates placed, "
                f"{number(self.banen)} banen; {n_open} of {self.n_slots} slots open; "
                f"solver status: {self.status.value}.",
            ],
            [
                heading(f"Placed ({len(self.assignments)})"),
                table(
                    [
                        "Candidate",
                        "Package",
                        "Employer",
                        "Track",
                        "Score",
                        "Hours",
                        "Banen",
                        "Note",
                    ],
                    placed,
                    numeric=[5, 6],
                    empty="nobody could be placed",
                    total=len(self.assignments),
                ),
                *(
                    [
                        heading(f"Changed by the decisions ({len(moved)})"),
                        table(["Candidate", "Was at", "Now at"], moved, total=len(self.moved)),
                    ]
                    if moved
                    else []
                ),
                heading(f"Not placed ({len(self.unassigned)})"),
                table(
                    ["Candidate", "Packages that fit", "Why not (packages it ruled out)"],
                    missing,
                    numeric=[1],
                    empty="everyone was placed",
                    total=len(self.unassigned),
                ),
                heading(f"Open slots ({n_open})"),
                table(
                    ["Package", "Open", "Candidates who fit"],
                    slots,
                    numeric=[1, 2],
                    empty="every slot is filled",
                    total=len(self.open_slots),
                ),
            ],
        )


def _html_notes(a: Assignment) -> list[str]:
    """What a recruiter should know about a placement beyond its score, in words."""
    notes = ["decided"] if a.pinned else []
    if a.override:
        notes.append("override, breaks: " + ", ".join(reason_words(c) for c in a.breaks))
    notes += [f"penalty: {reason_words(c)}" for c in a.penalties]
    return notes
