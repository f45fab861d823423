"""The task package: a vacancy or carved job, its hours, schedule, support and contract.

Example
-------
>>> p = TaskPackage.model_validate({"id": "p-1", "hours": {"per_day": [8, 4, 4]}})
>>> p.hours.days, p.hours.per_week, p.hours.longest_day
(3, 16.0, 8.0)
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Annotated, Any, Self

from pydantic import AfterValidator, Field, StrictInt, field_validator, model_validator

from .._vocabulary import (
    EDUCATION_RANK,
    ContractType,
    Education,
    ScheduleKind,
    Stimulus,
    Track,
    WorkLocation,
)
from ._base import StrictModel
from ._fields import MAX_HOURS_PER_WEEK, MAX_TAGS, RecordId, Tag, _clean_tags, _no_controls
from ._levels import Demands
from ._location import Location
from ._window import DateWindow

__all__ = [
    "Contract",
    "Offers",
    "PackageHours",
    "Schedule",
    "TaskPackage",
    "Team",
    "_known_minimum",
]

_TIME_RE = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


def _known_minimum(value: Education | None) -> Education | None:
    """A package's minimum education is a level, or absent; never "unknown"."""
    if value is Education.UNKNOWN:
        raise ValueError("min_education cannot be 'unknown'; leave it out for no minimum")
    return value


DayHours = Annotated[float, Field(gt=0, le=24)]


class PackageHours(StrictModel):
    """Hours of a task package.

    ``per_day`` may give the length of each working day (``[8, 4, 4, 4]``); ``days`` and
    ``per_week`` then follow from it when left out. Without it the week is spread evenly.
    """

    per_week: float = Field(
        gt=0,
        le=MAX_HOURS_PER_WEEK,
        description="Hours a week; may be left out when per_day is given (its sum).",
    )
    days: StrictInt = Field(
        5, ge=1, le=7, description="Working days a week (default 5, or the length of per_day)."
    )
    per_day: list[DayHours] | None = Field(
        None,
        min_length=1,
        max_length=7,
        description="Hours of each working day (e.g. 8, 4, 4 and 4); not given: per_week spread "
        "evenly over the days.",
    )
    growth_to: float | None = Field(
        None, gt=0, le=MAX_HOURS_PER_WEEK, description="Hours a week the job can grow to."
    )

    @model_validator(mode="before")
    @classmethod
    def _from_days(cls, data: Any) -> Any:
        per_day = data.get("per_day") if isinstance(data, Mapping) else None
        if not isinstance(per_day, list | tuple) or not per_day:
            return data
        if all(isinstance(h, int | float) and not isinstance(h, bool) for h in per_day):
            data = dict(data)
            data.setdefault("days", len(per_day))
            data.setdefault("per_week", math.fsum(per_day))
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.growth_to is not None and self.growth_to < self.per_week:
            raise ValueError("hours.growth_to is below hours.per_week; raise it or leave it out")
        if self.per_day is not None:
            if len(self.per_day) != self.days:
                raise ValueError(
                    f"hours.per_day lists {len(self.per_day)} days but hours.days is {self.days}; "
                    "give one length per working day"
                )
            if abs(math.fsum(self.per_day) - self.per_week) > 0.01:
                raise ValueError(
                    "hours.per_day does not add up to hours.per_week; correct one of them or "
                    "leave per_week out"
                )
        return self

    @property
    def day_lengths(self) -> tuple[float, ...]:
        """Hours of each working day: ``per_day``, or the week spread evenly over the days."""
        if self.per_day is not None:
            return tuple(self.per_day)
        return (self.per_week / self.days,) * self.days

    @property
    def longest_day(self) -> float:
        """Hours of the longest working day (what a daily limit is checked against)."""
        return max(self.day_lengths)


class Schedule(StrictModel):
    """When the work is done."""

    kind: ScheduleKind = Field(
        ScheduleKind.FIXED, description="fixed, shifts, evening or flexible."
    )
    start: str | None = Field(
        None, description="Start time 'HH:MM' (24 h); None = unknown or varying."
    )

    @field_validator("start")
    @classmethod
    def _hhmm(cls, value: str | None) -> str | None:
        if value is not None and not _TIME_RE.fullmatch(value):
            raise ValueError("start must be a time 'HH:MM' between 00:00 and 23:59")
        return value

    @property
    def start_minutes(self) -> int | None:
        """Start as minutes after midnight."""
        if self.start is None:
            return None
        hh, mm = self.start.split(":")
        return int(hh) * 60 + int(mm)


class Offers(StrictModel):
    """Support a package offers; every flag defaults to ``False``."""

    structure: bool = Field(False, description="Fixed structure and clear tasks.")
    jobcoach: bool = Field(False, description="A jobcoach can be arranged.")
    mentor: bool = Field(False, description="A workplace mentor or buddy, at least weekly.")
    colleague: bool = Field(False, description="A colleague to fall back on is always near.")
    transport: bool = Field(
        False,
        description="The employer arranges transport to work (for someone who cannot travel "
        "alone).",
    )
    trained_manager: bool = Field(
        False,
        description="The manager had the training for working with people from the Banenafspraak.",
    )
    supervisor: bool = Field(
        False, description="A workplace supervisor (werkplekbegeleider) is there."
    )


class Team(StrictModel):
    """The team the package sits in."""

    experience: bool = Field(
        False,
        description="The team has worked with colleagues from the Banenafspraak before.",
    )


class Contract(StrictModel):
    """The contract on offer."""

    type: ContractType = Field(ContractType.TEMPORARY, description="Contract type.")
    months: StrictInt | None = Field(
        None, ge=1, le=600, description="Duration in months; None = indefinite (or unknown)."
    )


class TaskPackage(StrictModel):
    """A vacancy or a task package made by jobcarving."""

    id: RecordId
    title: Annotated[str, AfterValidator(_no_controls)] = Field(
        "",
        max_length=200,
        description="What the job is called, as people say it (e.g. Archiefmedewerker).",
    )
    description: Annotated[str, AfterValidator(_no_controls)] = Field(
        "", max_length=1000, description="What the work is, in a sentence or two."
    )
    employer: Annotated[str, AfterValidator(_no_controls)] = Field(
        "", max_length=200, description="Employer or organisation unit (e.g. a directorate)."
    )
    organisation: Annotated[str, AfterValidator(_no_controls)] = Field(
        "",
        max_length=200,
        description="The ministry or employer group the employer belongs to, for banen per "
        "organisation; empty: the employer itself.",
    )
    track: Track = Field(Track.INDIVIDUAL, description="Banenafspraak track (spoor).")
    tasks: list[Tag] = Field(
        default_factory=list, max_length=MAX_TAGS, description="Tasks in the package, free tags."
    )
    tags: list[Tag] = Field(
        default_factory=list,
        max_length=MAX_TAGS,
        description="Field or sector tags, matched against interests.",
    )
    demands: Demands = Field(
        default_factory=Demands, description="Demand per dimension 0..3; not listed = 0."
    )
    hours: PackageHours
    schedule: Schedule = Field(default_factory=Schedule)
    stimulus: Stimulus = Field(Stimulus.MEDIUM, description="Stimulus level (default medium).")
    offers: Offers = Field(default_factory=Offers)
    team: Team = Field(default_factory=Team)
    work_location: WorkLocation = Field(WorkLocation.OFFICE, description="office, hybrid, remote.")
    contract: Contract = Field(default_factory=Contract)
    min_education: Education | None = Field(
        None, description="Minimum education; None = no minimum. 'unknown' is not allowed here."
    )
    growth_level: Education | None = Field(
        None,
        description="The education or complexity level the job can grow to; None = no growth "
        "in level. At least min_education; 'unknown' is not allowed here.",
    )
    location: Location | None = Field(
        None, description="Where the work is; needed unless work_location is remote."
    )
    office_days: StrictInt | None = Field(
        None,
        ge=0,
        le=7,
        description="Days a week at the office, for hybrid work; not given: a hybrid job is taken "
        "as not every day at the office. Office work is there every working day.",
    )
    task_count: StrictInt | None = Field(
        None,
        ge=1,
        le=MAX_TAGS,
        description="Distinct tasks the package bundles; not given: the number of tasks listed. "
        "More tasks ask more switching between tasks (1 task: none, 2: level 1, 3-4: level 2, "
        "5 or more: level 3).",
    )
    slots: StrictInt = Field(
        1, ge=1, le=10_000, description="How many people the package can take (a whole number)."
    )
    open: DateWindow | None = Field(
        None,
        description='When the package can be filled ({"from": date, "until": date or None}); '
        "a slot not filled by then closes with it. None = always (plans over time only).",
    )

    _clean = field_validator("tasks", "tags")(_clean_tags)

    _minimum = field_validator("min_education")(_known_minimum)

    @field_validator("growth_level")
    @classmethod
    def _known_growth(cls, value: Education | None) -> Education | None:
        if value is Education.UNKNOWN:
            raise ValueError("growth_level cannot be 'unknown'; leave it out for no growth")
        return value

    @model_validator(mode="after")
    def _growth_above_minimum(self) -> Self:
        if (
            self.growth_level is not None
            and self.min_education is not None
            and EDUCATION_RANK[self.growth_level] < EDUCATION_RANK[self.min_education]
        ):
            raise ValueError("growth_level is below min_education; raise it or leave it out")
        return self

    @model_validator(mode="after")
    def _office_days_fit(self) -> Self:
        if self.office_days is not None and self.office_days > self.hours.days:
            raise ValueError(
                "office_days is more than hours.days; give at most one office day per working day"
            )
        return self

    @property
    def n_tasks(self) -> int:
        """Distinct tasks: ``task_count``, else the number of entries in ``tasks``."""
        return self.task_count if self.task_count is not None else len(self.tasks)
