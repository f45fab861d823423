"""The outcome of a match: placements, who stays unassigned and why, open slots, banen.

All result models are pydantic models, so a result round-trips through JSON:
``MatchResult.model_validate_json(result.model_dump_json()) == result``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .assignment import SolverStatus
from .config import MatchConfig
from .vocabulary import HOURS_PER_JOB

__all__ = [
    "Assignment",
    "MatchResult",
    "OpenSlots",
    "ReasonCount",
    "UnassignedCandidate",
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
