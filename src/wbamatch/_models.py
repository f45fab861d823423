"""Validated input models: candidates, task packages and the match configuration.

Every model forbids unknown fields, rejects NaN and infinity, and hides input values in its error
messages (capacities and needs are health data). A validation error's title names the record,
e.g. ``1 validation error for Candidate 'c-001'``, and its location names the field.

Example
-------
>>> from wbamatch import Candidate
>>> c = Candidate.model_validate({"id": "c-1", "hours": {"min": 16, "max": 24},
...                               "capacities": {"work_pace": 1}})
>>> c.capacities.level("work_pace"), c.capacities.level("lifting")
(1, 3)
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from ._exceptions import InputError
from ._vocabulary import (
    DIMENSION_DESCRIPTIONS,
    DIMENSIONS,
    MAX_LEVEL,
    ContractType,
    Education,
    ScheduleKind,
    Stimulus,
    TargetGroup,
    Track,
    TravelMode,
    WorkLocation,
)

__all__ = [
    "Candidate",
    "CandidateHours",
    "Capacities",
    "Contract",
    "Demands",
    "Location",
    "Needs",
    "Offers",
    "PackageHours",
    "Schedule",
    "TaskPackage",
]

#: Hours a week above this are refused as absurd.
MAX_HOURS_PER_WEEK = 60.0

#: Most entries in one list of free tags; more is a data error, not a profile.
MAX_TAGS = 500

#: Most package ids one candidate can have said no to (the default ``max_packages``).
MAX_EXCLUDED = 50_000


def _no_controls(value: str) -> str:
    """Refuse text with control, format or line-separator characters.

    ``str.isprintable`` also refuses C1 controls, zero-width and bidi-override characters: ids
    that look alike but differ, or text that rewrites a terminal line, are data errors.
    """
    if not value.isprintable():
        raise ValueError(
            "contains a control, formatting or line-break character; use printable text only"
        )
    return value


def _printable(value: str) -> str:
    """Refuse what :func:`_no_controls` refuses, and text of only spaces."""
    _no_controls(value)
    if not value.strip():
        raise ValueError("is only spaces; give a visible value")
    return value


def _record_id(value: str) -> str:
    """An id as one spelling: NFC-normalised, printable, without spaces around it.

    ``"c-é001"`` typed as ``e`` + combining accent and as one ``é`` is the same id; an id with
    a space in front or behind is refused rather than silently trimmed (two ids that differ
    only there would otherwise meet).
    """
    value = unicodedata.normalize("NFC", _printable(value))
    if value != value.strip():
        raise ValueError("starts or ends with a space; remove it")
    return value


RecordId = Annotated[
    str,
    Field(
        min_length=1,
        max_length=200,
        description=(
            "Pseudonymous id: 1-200 printable characters (no control, format or line-break "
            "characters); never a name or BSN."
        ),
        # The schema keeps the ASCII part of the rule; validation applies all of it.
        json_schema_extra={"pattern": r"^\S([^\x00-\x1f\x7f]*\S)?$"},
    ),
    AfterValidator(_record_id),
]

_TIME_RE = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


def _retitle(error: ValidationError, cls: type, data: Any) -> ValidationError:
    """Re-raise a validation error with the record id in its title and no input values."""
    rid = data.get("id") if isinstance(data, dict) else getattr(data, "id", None)
    title = cls.__name__
    if isinstance(rid, str) and 0 < len(rid) <= 200 and rid.isprintable() and rid == rid.strip():
        title = f"{cls.__name__} {rid!r}"
    details = [
        InitErrorDetails(
            type=_did_you_mean(err),
            loc=err["loc"],
            input=None,  # never carry health data along in the error object
            ctx=err.get("ctx", {}),
        )
        for err in error.errors(include_url=False)
    ]
    return ValidationError.from_exception_data(title, details, hide_input=True)


def _did_you_mean(err: Any) -> Any:
    """The error as one of our own (the same type and message, without pydantic's web link),
    and for an unknown field with the nearest known field name when one is close."""
    message = str(err["msg"])
    name = err["loc"][-1] if err["loc"] else None
    if err["type"] == "extra_forbidden" and isinstance(name, str) and "did you mean" not in message:
        import difflib

        near = difflib.get_close_matches(name, _field_names(), n=1, cutoff=0.75)
        if near:
            message += f"; did you mean {near[0]!r}?"
    # A message template is formatted with the (empty) context: keep its braces literal.
    return PydanticCustomError(err["type"], message.replace("{", "{{").replace("}", "}}"))


@cache
def _field_names() -> tuple[str, ...]:
    """Every field name of the models here (for "did you mean")."""
    names: set[str] = set()
    for value in list(globals().values()):
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
            names.update(value.model_fields)
    return tuple(sorted(names))


_M = TypeVar("_M", bound=BaseModel)


def as_model(value: object, model: type[_M], what: str) -> _M:
    """``value`` as a ``model`` instance: the instance itself, or a dict validated into one.

    Every public entry point takes models or plain dicts in their JSON shape; this is the one
    place that turns either into the model, and says clearly when it is neither.

    Example
    -------
    >>> as_model({"id": "c-1", "hours": {"min": 8, "max": 16}}, Candidate, "candidate").id
    'c-1'
    """
    if isinstance(value, model):
        return value
    if isinstance(value, Mapping):
        return model.model_validate(value)
    raise InputError(f"{what} must be a {model.__name__} or a dict, got {type(value).__name__}")


class StrictModel(BaseModel):
    """Base for every wbamatch input model: strict about unknown fields, silent about values.

    A validation error never carries the input along: not in its message, not in
    ``errors()`` or ``json()`` (capacities, needs, notes and config values must not leak into
    logs); its title names the record by its id where it has one.
    """

    model_config = ConfigDict(
        extra="forbid",
        hide_input_in_errors=True,
        allow_inf_nan=False,
        frozen=True,
        use_enum_values=False,
    )

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _retitle(exc, type(self), data) from None

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as exc:
            raise _retitle(exc, cls, obj) from None

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Self:
        try:
            return super().model_validate_json(json_data, **kwargs)
        except ValidationError as exc:
            import json

            try:
                data = json.loads(json_data)
            except ValueError:
                data = None
            raise _retitle(exc, cls, data) from None


_Model = StrictModel


class _Record(StrictModel):
    """A model with an ``id``: validation errors carry the id in their title."""


Level = Annotated[StrictInt, Field(ge=0, le=MAX_LEVEL)]


class _Levels(_Model):
    """Levels on the shared dimensions; a dimension left out takes :attr:`_default`."""

    _default: ClassVar[int] = 0

    def level(self, dimension: str) -> int:
        """Return the level on ``dimension``, the default when it was not listed."""
        if dimension not in DIMENSION_DESCRIPTIONS:
            raise KeyError(f"unknown dimension {dimension!r}; known: {', '.join(DIMENSIONS)}")
        value = getattr(self, dimension)
        return self._default if value is None else int(value)

    def as_tuple(self) -> tuple[int, ...]:
        """Levels in :data:`wbamatch._vocabulary.DIMENSIONS` order, defaults filled in."""
        values = self.__dict__  # hot path when encoding many records: skip getattr
        default = self._default
        return tuple(default if values[d] is None else values[d] for d in DIMENSIONS)


def _levels_model(name: str, default: int, doc: str) -> type[_Levels]:
    fields: dict[str, Any] = {
        dim: (
            Level | None,
            Field(default=None, description=f"{desc} (FML: {section}); 0..3, default {default}"),
        )
        for dim, (section, desc) in DIMENSION_DESCRIPTIONS.items()
    }
    model = create_model(name, __base__=_Levels, __doc__=doc, __module__=__name__, **fields)
    model._default = default
    return model


if TYPE_CHECKING:  # the fields are generated from DIMENSIONS; type checkers see the base

    class Capacities(_Levels):
        """What a candidate can bear per dimension."""

    class Demands(_Levels):
        """What a package asks per dimension."""

else:
    Capacities = _levels_model(
        "Capacities",
        MAX_LEVEL,
        "What a candidate can bear per dimension (0 = cannot .. 3 = no limitation, the default).",
    )
    Demands = _levels_model(
        "Demands",
        0,
        "What a package asks per dimension (0 = not required, the default .. 3 = a lot).",
    )


PlaceName = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_controls)]


class Location(_Model):
    """A place name from the shipped Dutch gazetteer, or WGS84 coordinates.

    Either ``{"place": "Utrecht"}`` or ``{"lat": 52.09, "lon": 5.12}``.
    """

    place: PlaceName | None = Field(
        default=None,
        description="Dutch place name; case-insensitive, Dutch and English variants accepted.",
    )
    lat: float | None = Field(default=None, ge=-90, le=90, description="Latitude, degrees.")
    lon: float | None = Field(default=None, ge=-180, le=180, description="Longitude, degrees.")

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        has_place = self.place is not None
        has_coords = self.lat is not None and self.lon is not None
        if self.place is None and (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or a place name")
        if has_place == has_coords:
            raise ValueError('give either {"place": name} or {"lat": .., "lon": ..}, not both')
        return self


class CandidateHours(_Model):
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


class Needs(_Model):
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


def _known_minimum(value: Education | None) -> Education | None:
    """A package's minimum education is a level, or absent; never "unknown"."""
    if value is Education.UNKNOWN:
        raise ValueError("min_education cannot be 'unknown'; leave it out for no minimum")
    return value


def _clean_tags(values: list[str]) -> list[str]:
    """Lower-case, strip and deduplicate tags, keeping them sorted for determinism."""
    return sorted({v.strip().lower() for v in values if v.strip()})


Tag = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_no_controls)]


class Candidate(_Record):
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

    _clean = field_validator("skills", "interests")(_clean_tags)


DayHours = Annotated[float, Field(gt=0, le=24)]


class PackageHours(_Model):
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


class Schedule(_Model):
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


class Offers(_Model):
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


class Contract(_Model):
    """The contract on offer."""

    type: ContractType = Field(ContractType.TEMPORARY, description="Contract type.")
    months: StrictInt | None = Field(
        None, ge=1, le=600, description="Duration in months; None = indefinite (or unknown)."
    )


class TaskPackage(_Record):
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
    work_location: WorkLocation = Field(WorkLocation.OFFICE, description="office, hybrid, remote.")
    contract: Contract = Field(default_factory=Contract)
    min_education: Education | None = Field(
        None, description="Minimum education; None = no minimum. 'unknown' is not allowed here."
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

    _clean = field_validator("tasks", "tags")(_clean_tags)

    _minimum = field_validator("min_education")(_known_minimum)

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
