"""The plan's records: :class:`Meeting`, :class:`Pairing`, and :class:`PlanFields`, the data of
a plan.

:class:`~wbamatch._meetgreet.MeetGreetPlan` adds its writers (handouts, schedules, notebook
view) to :class:`PlanFields`; the writers read only the fields, so they import this module and
the plan imports them, never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pydantic import Field

from .._config import MatchConfig
from .._models import ResultModel

__all__ = ["Meeting", "Pairing", "PlanFields"]


class Pairing(ResultModel):
    """A candidate-package conversation without a round (used for what changed in a plan)."""

    candidate_id: str
    package_id: str
    title: str = Field("", description="Title of the package (what the job is called).")
    employer: str = Field("", description="Employer of the package.")
    score: float = Field(ge=0, le=1, description="Weight of the pair in the optimisation.")
    near_miss: str | None = Field(
        None, description="Reason code of the one hard rule the pair breaks; None when feasible."
    )


class Meeting(ResultModel):
    """One planned conversation between a candidate and the manager of a package."""

    candidate_id: str
    package_id: str
    title: str = Field("", description="Title of the package (what the job is called).")
    employer: str = Field("", description="Employer of the package.")
    round: int = Field(ge=1, description="Round of the conversation, 1-based.")
    score: float = Field(
        ge=0, le=1, description="Score of the pair (its raw score for a near miss)."
    )
    near_miss: str | None = Field(
        None, description="Reason code of the one hard rule the pair breaks; None when feasible."
    )


class PlanFields(ResultModel):
    """What a Meet & Greet plan holds (see :class:`~wbamatch._meetgreet.MeetGreetPlan`)."""

    rounds: int = Field(ge=1, description="Rounds available.")
    rounds_used: int = Field(ge=0, description="Rounds the schedule needs (the maximum degree).")
    per_candidate_limit: int = Field(ge=1, description="Meetings per candidate asked for.")
    per_package_limit: int = Field(ge=1, description="Meetings per package asked for.")
    near_misses: bool = Field(description="Whether pairs breaking one hard rule were allowed.")
    meetings: list[Meeting]
    total_score: float = Field(description="Sum of the scores of all meetings.")
    uncapped_total_score: float = Field(
        description="Best total with the limits asked for, ignoring the number of rounds."
    )
    dropped: list[Pairing] = Field(
        description="Meetings of the uncapped optimum left out to fit the rounds."
    )
    replacements: list[Pairing] = Field(
        description="Meetings of the final plan that were not in the uncapped optimum."
    )
    candidates_without_meeting: list[str]
    packages_without_meeting: list[str]
    n_candidates: int
    n_packages: int
    n_eligible_pairs: int = Field(description="Pairs that could be planned (incl. near misses).")
    n_near_miss_pairs: int = Field(description="Of those, pairs breaking exactly one hard rule.")
    config: MatchConfig

    def by_package(self) -> dict[str, list[Meeting]]:
        """Meetings per package id (ids sorted), each list sorted by round."""
        return _group(self.meetings, lambda m: m.package_id)

    def by_candidate(self) -> dict[str, list[Meeting]]:
        """Meetings per candidate id (ids sorted), each list sorted by round."""
        return _group(self.meetings, lambda m: m.candidate_id)


def _group(meetings: Iterable[Meeting], key: Callable[[Meeting], str]) -> dict[str, list[Meeting]]:
    out: dict[str, list[Meeting]] = {}
    for m in sorted(meetings, key=lambda m: (key(m), m.round, m.package_id, m.candidate_id)):
        out.setdefault(key(m), []).append(m)
    return out
