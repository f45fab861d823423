"""The candidate: a person looking for work, their hours, needs, capacities and home.

Example
-------
>>> c = Candidate.model_validate({"id": "c-1", "hours": {"min": 16, "max": 24},
...                               "capacities": {"work_pace": 1}})
>>> c.capacities.level("work_pace"), c.capacities.level("lifting"), c.needs.office
(1, 3, False)
"""

from __future__ import annotations

from typing import Self

from pydantic import Field, field_validator, model_validator

from .._vocabulary import Education, TargetGroup, TravelMode
from ._base import StrictModel
from ._fields import MAX_EXCLUDED, MAX_HOURS_PER_WEEK, MAX_TAGS, RecordId, Tag, _clean_tags
from ._levels import Capacities
from ._location import Location
from ._window import DateWindow

__all__ = ["Candidate", "CandidateHours", "Needs"]


class CandidateHours(StrictModel):
    """The hours a week a candidate can and wants to work."""

    min: float = Field(ge=0, le=MAX_HOURS_PER_WEEK, description="Minimum hours a week.")
    max: float = Field(gt=0, le=MAX_HOURS_PER_WEEK, description="Maximum hours a week.")
    max_per_day: float | None = Field(
        default=None,
        gt=0,
        le=24,
        description="Maximum hours a day (FML: 8 / 6 / 4 / 2); None = no daily limit.",
    )

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min > self.max:
            raise ValueError("hours.min is above hours.max; swap them or correct one")
        return self


class Needs(StrictModel):
    """What a candidate needs from a job; every flag defaults to ``False`` (no such need)."""

    structure: bool = Field(False, description="Needs fixed structure and clear tasks.")
    fixed_hours: bool = Field(
        False,
        description="Needs the same working hours every day: no shifts, flexible hours or days "
        "of different lengths (evening and night work are needs of their own).",
    )
    low_stimulus: bool = Field(False, description="Needs a low-stimulus workplace.")
    jobcoach: bool = Field(
        False, description="Needs a jobcoach (granted only for contracts over 6 months)."
    )
    mentor: bool = Field(False, description="Needs a workplace mentor or buddy (weekly contact).")
    colleague: bool = Field(False, description="Needs a colleague to fall back on.")
    office: bool = Field(
        False, description="Needs the daily structure of the office; no remote work."
    )
    avoid_rush_hour: bool = Field(
        False, description="Cannot travel by public transport in the morning or evening peak."
    )
    no_evening_work: bool = Field(
        False,
        description="No work in the evening (FML VI.1; 18:00-22:00, MatchConfig.evening_window).",
    )
    no_night_work: bool = Field(
        False,
        description="No work at night (FML VI.1; 22:00-06:00, MatchConfig.night_window).",
    )
    movement: bool = Field(
        False,
        description="Must be able to move and walk regularly (FML: alternating postures); a job "
        "seated most of the day without walking or standing does not fit.",
    )
    travels_independently: bool = Field(
        True,
        description="Can travel to work alone (FML II.10). False: needs special transport "
        "(travel_mode) or transport the employer arranges (offers.transport).",
    )
    max_commute_minutes: float | None = Field(
        default=None,
        gt=0,
        le=600,
        description="Longest acceptable one-way commute in minutes; None = the config default.",
    )
    travel_mode: TravelMode = Field(
        TravelMode.PUBLIC_TRANSPORT, description="How the candidate travels to work."
    )
    trained_manager: bool = Field(
        False,
        description="Needs a manager trained to work with people from the Banenafspraak.",
    )
    supervisor: bool = Field(
        False, description="Needs a workplace supervisor (werkplekbegeleider)."
    )


class Candidate(StrictModel):
    """A person looking for work under the Banenafspraak.

    Identified by a pseudonymous ``id`` only. ``capacities`` and ``needs`` are health data: they
    never appear in logs or error messages.
    """

    id: RecordId
    registered: bool = Field(
        False,
        description="In UWV's doelgroepregister. Only registered candidates count for the "
        "Banenafspraak; default False, because unknown must not count.",
    )
    target_group: TargetGroup | None = Field(
        None, description="LDR target group; None when not registered or not known."
    )
    education: Education = Field(
        Education.UNKNOWN,
        description="Highest education; 'unknown' (the default) never passes a package minimum.",
    )
    hours: CandidateHours
    capacities: Capacities | None = Field(
        default_factory=Capacities,
        description="Capacity per dimension 0..3; not listed = 3 (no limitation). null = the "
        "profile is unknown: no package demanding more than the norm level "
        "(MatchConfig.norm_demand_level) passes (reason capacity_unknown). {} = known, no "
        "limitations.",
    )
    needs: Needs = Field(default_factory=Needs)
    home: Location | None = Field(
        None, description="Where the candidate lives; None = unknown (commute cannot be judged)."
    )
    skills: list[Tag] = Field(
        default_factory=list, max_length=MAX_TAGS, description="Task skills, free tags."
    )
    interests: list[Tag] = Field(
        default_factory=list, max_length=MAX_TAGS, description="Fields of interest, free tags."
    )
    excluded_packages: list[RecordId] = Field(
        default_factory=list,
        max_length=MAX_EXCLUDED,
        description="Package ids the candidate said no to; never proposed.",
    )
    wants_growth: bool = Field(False, description="Wants to grow in hours or level.")
    available: DateWindow | None = Field(
        None,
        description='When the candidate can be placed ({"from": date, "until": date or None}); '
        "None = always (plans over time only; match() does not read it).",
    )
    open_to_move: bool = Field(
        False,
        description="Already at work (match(current=...)) and open to another package; "
        "default False: a current employee then stays unless their job breaks a hard rule.",
    )

    _clean = field_validator("skills", "interests")(_clean_tags)
