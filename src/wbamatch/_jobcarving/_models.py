"""The inputs of a carve: the tasks of a pool and the terms a package is offered on."""

from __future__ import annotations

from pydantic import Field, field_validator

from .._models import (
    MAX_HOURS_PER_WEEK,
    Contract,
    Demands,
    Location,
    Offers,
    RecordId,
    Schedule,
    StrictModel,
    Tag,
    _clean_tags,
    _known_minimum,
)
from .._vocabulary import Education, Stimulus, Track, WorkLocation

__all__ = ["PackageTerms", "Task"]


class Task(StrictModel):
    """One task from a department's pool: work left undone that can be bundled into a package."""

    id: RecordId
    department: str = Field("", max_length=200, description="Department the work comes from.")
    description: str = Field("", max_length=500, description="What the task is, in words.")
    tags: list[Tag] = Field(
        default_factory=list,
        max_length=100,
        description="What the task is as free tags (e.g. 'archiving'); they become the "
        "package's task tags and are matched against skills and interests.",
    )
    hours: float = Field(gt=0, le=MAX_HOURS_PER_WEEK, description="Hours a week the task takes.")
    demands: Demands = Field(
        default_factory=Demands, description="Demand per dimension 0..3; not listed = 0."
    )
    schedule: Schedule = Field(default_factory=Schedule, description="When the task is done.")
    stimulus: Stimulus = Field(Stimulus.MEDIUM, description="Stimulus level (default medium).")
    location: Location | None = Field(
        None,
        description="Where the task is done; None = at the terms' location (or unknown).",
    )
    work_location: WorkLocation = Field(WorkLocation.OFFICE, description="office, hybrid, remote.")
    must_be_one_person: bool = Field(
        False,
        description="The task cannot be split between people. wbamatch never splits tasks; "
        "the flag is kept for the manager.",
    )

    _clean = field_validator("tags")(_clean_tags)


class PackageTerms(StrictModel):
    """What the employer offers with any package carved from a pool.

    Everything a package has that its tasks do not say: the employer, the support on offer, the
    contract, the minimum education, the default workplace, the working days and the growth path.
    """

    employer: str = Field(
        "", max_length=200, description="Employer; default: the tasks' departments."
    )
    track: Track = Field(Track.INDIVIDUAL, description="Banenafspraak track (spoor).")
    tags: list[Tag] = Field(
        default_factory=list,
        max_length=100,
        description="Field or sector tags, matched against interests.",
    )
    offers: Offers = Field(default_factory=Offers)
    contract: Contract = Field(default_factory=Contract)
    min_education: Education | None = Field(None, description="Minimum education; None = none.")
    location: Location | None = Field(
        None, description="The department's workplace, for tasks without a location of their own."
    )
    days: int = Field(5, ge=1, le=7, description="Working days a week of a carved package.")
    growth_hours: float | None = Field(
        None,
        gt=0,
        le=MAX_HOURS_PER_WEEK,
        description="Hours a week a carved package can grow by (capped at 60 in total).",
    )

    _clean = field_validator("tags")(_clean_tags)

    _minimum = field_validator("min_education")(_known_minimum)
