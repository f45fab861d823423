"""The result of a plan over time: :class:`Timeline`, its :class:`Placement` and
:class:`WeekCommitment` rows.

Plain data, frozen, JSON round trip: ``Timeline.model_validate_json(t.model_dump_json()) == t``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar, Literal

from pydantic import Field

from .._cells import RecordsFrame
from .._config import MatchConfig
from .._models import ResultModel
from .._vocabulary import HOURS_PER_JOB

__all__ = ["TIMELINE_COLUMNS", "Placement", "Policy", "Timeline", "WeekCommitment"]

#: How a plan was made: one of the three policies, or the hindsight optimum.
Policy = Literal["greedy", "batch", "potentials", "hindsight"]

#: The columns of :meth:`Timeline.to_records`, in order.
TIMELINE_COLUMNS: tuple[str, ...] = (
    "candidate_id",
    "package_id",
    "week",
    "week_start",
    "score",
    "banen",
    "waited",
    "pinned",
)


class Placement(ResultModel):
    """One placement, committed in ``week`` (final from then on)."""

    candidate_id: str
    package_id: str
    week: int = Field(ge=0, description="Week of the plan, from 0.")
    week_start: date | None = Field(description="The Monday of that week; None without dates.")
    score: float
    banen: float = Field(description=f"hours / {HOURS_PER_JOB} when the placement counts, else 0.")
    waited: int = Field(ge=0, description="Weeks from the candidate's first week to this one.")
    pinned: bool = Field(False, description="Decided by a person (MatchConfig.pinned).")


class WeekCommitment(ResultModel):
    """What one week saw and committed."""

    week: int
    week_start: date | None
    present: int = Field(description="Candidates present and not yet placed as the week began.")
    open_slots: int = Field(description="Slots of open packages not yet filled as it began.")
    placed: int
    score: float
    banen: float


class Timeline(ResultModel, RecordsFrame):
    """A plan over time: the placements week by week, and how good and how fast it is.

    Example
    -------
    >>> import wbamatch
    >>> t = wbamatch.plan_over_time(*wbamatch.synthetic_stream(60, 15, weeks=12, seed=1),
    ...                             policy="batch")
    >>> t.n_placed == len(t.placements) == sum(w.placed for w in t.weeks)
    True
    >>> Timeline.model_validate_json(t.model_dump_json()) == t
    True
    """

    _record_columns: ClassVar[Sequence[str]] = TIMELINE_COLUMNS

    policy: Policy
    start: date | None = Field(description="The Monday of week 0; None when no record has dates.")
    n_weeks: int
    placements: list[Placement] = Field(description="By week, then candidate id.")
    weeks: list[WeekCommitment] = Field(description="One entry per week of the plan.")
    total_score: float
    n_placed: int
    banen: float = Field(
        description=f"Banenafspraak count: hours / {HOURS_PER_JOB}, counting ones."
    )
    mean_wait: float = Field(description="Mean weeks waited by the people placed (0 if none).")
    p90_wait: float = Field(description="90th percentile of the weeks waited (0 if none).")
    n_candidates: int
    n_packages: int
    n_slots: int
    config: MatchConfig

    def share_of(self, other: Timeline) -> float:
        """``total_score`` as a share of ``other``'s (e.g. the hindsight optimum); 1 if both 0.

        Example
        -------
        >>> import wbamatch
        >>> data = wbamatch.synthetic_stream(60, 15, weeks=12, seed=1)
        >>> best = wbamatch.hindsight_optimum(*data)
        >>> 0 <= wbamatch.plan_over_time(*data, policy="greedy").share_of(best) <= 1 + 1e-9
        True
        """
        if other.total_score == 0:
            return 1.0
        return self.total_score / other.total_score

    def to_records(self) -> list[dict[str, Any]]:
        """One row per placement (:data:`TIMELINE_COLUMNS`), as plain Python values."""
        return [p.model_dump() for p in self.placements]
