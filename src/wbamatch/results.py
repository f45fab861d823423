"""The outcome of a match: placements, who stays unassigned and why, open slots, banen.

All result models are pydantic models, so a result round-trips through JSON:
``MatchResult.model_validate_json(result.model_dump_json()) == result``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from .assignment import SolverStatus, solve_edges
from .compatibility import build_compatibility
from .config import MatchConfig
from .explain import Explanation, explain_pair
from .vocabulary import HOURS_PER_JOB

__all__ = [
    "Alternative",
    "Assignment",
    "MatchResult",
    "OpenSlots",
    "ReasonCount",
    "UnassignedCandidate",
    "Why",
]

#: Extra codes for candidates who could have been placed but were not.
BELOW_MIN_SCORE = "below_min_score"
OUTCOMPETED = "outcompeted"


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Assignment(_Result):
    """One proposed placement."""

    candidate_id: str
    package_id: str
    employer: str = Field("", description="Employer of the package.")
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


def _explain_row(problem: Any, candidate_id: str, package_id: str) -> Explanation:
    """Explain a pair with the same dense code path as :func:`wbamatch.compatibility`."""
    cand, pkg = problem.cand, problem.pkg
    i = np.array([cand.ids.index(candidate_id)])
    comp = build_compatibility(cand.take(i), pkg, problem.minutes_for(i), problem.config)
    return explain_pair(comp, 0, pkg.ids.index(package_id))


def _alternative(
    result: MatchResult, problem: Any, edges: Any, candidate_id: str
) -> Alternative | None:
    cfg, cand, pkg = problem.config, problem.cand, problem.pkg
    i = cand.ids.index(candidate_id)
    eligible = edges.feasible & (edges.scores >= cfg.min_score)
    mine = np.flatnonzero(eligible & (edges.rows == i))
    if mine.size == 0:
        return None
    # Best package for this person: highest score, ties by package id (columns are in id order).
    best = mine[np.lexsort((edges.cols[mine], -edges.scores[mine]))[0]]
    j = int(edges.cols[best])
    slots = pkg.slots.copy()
    slots[j] -= 1
    rest = eligible & (edges.rows != i)
    forced = solve_edges(edges.rows[rest], edges.cols[rest], edges.scores[rest], slots)
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

    _context: Any = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        # Equal results have equal fields; the private context kept for why() does not count.
        if not isinstance(other, MatchResult):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    def _attach(self, problem: Any, edges: Any) -> None:
        """Keep what :meth:`why` needs; not serialised (a result from JSON has reasons only)."""
        self._context = (problem, edges)

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
        problem, edges = self._context
        if placed is not None:
            return Why(
                candidate_id=candidate_id,
                placed=placed,
                explanation=_explain_row(problem, candidate_id, placed.package_id),
            )
        assert entry is not None
        return Why(
            candidate_id=candidate_id,
            unassigned=entry,
            alternative=_alternative(self, problem, edges, candidate_id),
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
