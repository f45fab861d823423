"""Turn validated models into aligned numpy arrays, one row per record, sorted by id.

Sorting by id here is what makes every later step independent of input order: the constraint
masks, the scores and the solver all see the same arrays whatever order the caller used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cached_property
from operator import attrgetter
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._commute import resolve_locations
from ._exceptions import DuplicateIdError
from ._models import Candidate, Capacities, TaskPackage, _Levels
from ._vocabulary import (
    COUNTING_CONTRACTS,
    DIMENSIONS,
    EDUCATION_RANK,
    MAX_LEVEL,
    ContractType,
    ScheduleKind,
    Stimulus,
    Track,
    TravelMode,
    WorkLocation,
    task_switching_demand,
)

__all__ = ["CandidateArrays", "PackageArrays", "encode_candidates", "encode_packages"]

#: Integer codes of the travel modes, in enum order.
TRAVEL_MODE_CODE: dict[TravelMode, int] = {m: i for i, m in enumerate(TravelMode)}
SCHEDULE_CODE: dict[ScheduleKind, int] = {k: i for i, k in enumerate(ScheduleKind)}
STIMULUS_CODE: dict[Stimulus, int] = {s: i for i, s in enumerate(Stimulus)}
LOCATION_CODE: dict[WorkLocation, int] = {w: i for i, w in enumerate(WorkLocation)}
CONTRACT_CODE: dict[ContractType, int] = {t: i for i, t in enumerate(ContractType)}


def _check_unique(ids: Sequence[str], kind: str) -> None:
    seen: set[str] = set()
    dups: list[str] = []
    for rid in ids:
        if rid in seen:
            dups.append(rid)
        seen.add(rid)
    if dups:
        shown = ", ".join(repr(d) for d in sorted(set(dups))[:20])
        raise DuplicateIdError(
            f"{kind} ids must be unique; duplicated: {shown}. Give each record its own id."
        )


@dataclass(frozen=True, eq=False)
class CandidateArrays:
    """Candidates as arrays of shape ``(n_candidates, ...)``, rows in id order."""

    ids: tuple[str, ...]
    capacities: NDArray[np.int8]  # (n, n_dimensions); MAX_LEVEL where the profile is unknown
    capacities_unknown: NDArray[np.bool_]  # the profile is unknown (capacities: null)
    hours_min: NDArray[np.float64]
    hours_max: NDArray[np.float64]
    max_per_day: NDArray[np.float64]  # inf = no daily limit
    need_structure: NDArray[np.bool_]
    need_fixed_hours: NDArray[np.bool_]
    need_low_stimulus: NDArray[np.bool_]
    need_jobcoach: NDArray[np.bool_]
    need_mentor: NDArray[np.bool_]
    need_colleague: NDArray[np.bool_]
    need_office: NDArray[np.bool_]
    avoid_rush_hour: NDArray[np.bool_]
    need_no_evening: NDArray[np.bool_]
    need_no_night: NDArray[np.bool_]
    need_movement: NDArray[np.bool_]
    need_trained_manager: NDArray[np.bool_]
    need_supervisor: NDArray[np.bool_]
    n_needs: NDArray[np.int8]  # how many needs the candidate has (support score component)
    travels_independently: NDArray[np.bool_]
    max_commute: NDArray[np.float64]  # inf = no limit
    travel_mode: NDArray[np.int8]  # TRAVEL_MODE_CODE
    education: NDArray[np.int8]  # EDUCATION_RANK, -1 = unknown
    registered: NDArray[np.bool_]
    wants_growth: NDArray[np.bool_]
    open_to_move: NDArray[np.bool_]
    home: NDArray[np.float64]  # (n, 2) lat, lon; NaN = unknown
    skills: tuple[Sequence[str], ...]
    interests: tuple[Sequence[str], ...]
    excluded: tuple[Sequence[str], ...]

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, rows: slice | NDArray[np.intp]) -> CandidateArrays:
        """The candidates at ``rows`` (a slice or an index array), as a new instance."""
        return CandidateArrays(**_picked(self, rows))

    @property
    def travel_modes(self) -> list[TravelMode]:
        """Travel mode per row, as enum members."""
        modes = list(TravelMode)
        return [modes[i] for i in self.travel_mode]


@dataclass(frozen=True, eq=False)
class PackageArrays:
    """Task packages as arrays of shape ``(n_packages, ...)``, rows in id order."""

    ids: tuple[str, ...]
    demands: NDArray[np.int8]  # (m, n_dimensions), task_switching raised by the task count
    task_count: NDArray[np.int64]
    per_week: NDArray[np.float64]
    days: NDArray[np.int8]
    day_hours: NDArray[np.float64]  # (m, 7): hours of each working day, NaN after the last
    longest_day: NDArray[np.float64]
    uneven_days: NDArray[np.bool_]  # working days of different lengths
    growth_to: NDArray[np.float64]  # NaN = no growth path
    schedule: NDArray[np.int8]  # SCHEDULE_CODE
    start: NDArray[np.float64]  # minutes after midnight, NaN = unknown
    stimulus: NDArray[np.int8]  # STIMULUS_CODE
    offers_structure: NDArray[np.bool_]
    offers_jobcoach: NDArray[np.bool_]
    offers_mentor: NDArray[np.bool_]
    offers_colleague: NDArray[np.bool_]
    offers_transport: NDArray[np.bool_]
    offers_trained_manager: NDArray[np.bool_]
    offers_supervisor: NDArray[np.bool_]
    team_experience: NDArray[np.bool_]
    work_location: NDArray[np.int8]  # LOCATION_CODE
    office_days: NDArray[np.int8]  # days a week at the office; -1 = not given (hybrid)
    contract: NDArray[np.int8]  # CONTRACT_CODE
    months: NDArray[np.float64]  # NaN = indefinite or unknown
    counts: NDArray[np.bool_]  # contract counts for the Banenafspraak
    min_education: NDArray[np.int8]  # EDUCATION_RANK, -1 = no minimum
    growth_level: NDArray[np.int8]  # EDUCATION_RANK the job can grow to, -1 = none
    schakelplek: NDArray[np.bool_]  # a switch place (track schakelplek)
    location: NDArray[np.float64]  # (m, 2), NaN = unknown
    slots: NDArray[np.int64]
    tasks: tuple[Sequence[str], ...]
    tags: tuple[Sequence[str], ...]
    employers: tuple[str, ...]
    titles: tuple[str, ...]
    organisations: tuple[str, ...]  # the employer where no organisation was given
    tracks: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, rows: slice | NDArray[np.intp]) -> PackageArrays:
        """The packages at ``rows`` (a slice or an index array), as a new instance."""
        return PackageArrays(**_picked(self, rows))

    @cached_property
    def column_of(self) -> dict[str, int]:
        """Each package id's row, built once per instance (every block of a run reads it)."""
        return {pid: j for j, pid in enumerate(self.ids)}

    @property
    def remote(self) -> NDArray[np.bool_]:
        """True where the work is fully remote, so nobody commutes."""
        remote: NDArray[np.bool_] = self.work_location == LOCATION_CODE[WorkLocation.REMOTE]
        return remote


def _picked(arrays: CandidateArrays | PackageArrays, rows: slice | NDArray[np.intp]) -> Any:
    """Every field of ``arrays`` at ``rows``: arrays indexed, tuples picked item by item."""
    picked: dict[str, object] = {}
    for f in fields(arrays):
        value = getattr(arrays, f.name)
        if isinstance(value, np.ndarray) or isinstance(rows, slice):
            picked[f.name] = value[rows]
        else:
            picked[f.name] = tuple(value[k] for k in rows.tolist())
    return picked


def _bools(values: Sequence[bool]) -> NDArray[np.bool_]:
    out: NDArray[np.bool_] = np.array(values, dtype=np.bool_).reshape(len(values))
    return out


def _floats(values: Sequence[float | None], missing: float) -> NDArray[np.float64]:
    return np.fromiter(
        (missing if v is None else v for v in values), dtype=np.float64, count=len(values)
    )


_DIM_INDEX = {d: k for k, d in enumerate(DIMENSIONS)}


def _levels(levels: Sequence[_Levels], default: int) -> NDArray[np.int8]:
    """Levels as an ``(n, n_dimensions)`` array; only the listed dimensions are visited."""
    out = np.full((len(levels), len(DIMENSIONS)), default, dtype=np.int8)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[int] = []
    for i, lv in enumerate(levels):
        values = lv.__dict__
        for name in lv.model_fields_set:
            v = values[name]
            if v is not None:
                rows.append(i)
                cols.append(_DIM_INDEX[name])
                vals.append(v)
    out[rows, cols] = vals
    return out


_TASK_SWITCHING = DIMENSIONS.index("task_switching")

#: The yes/no fields of :class:`~wbamatch._models.Needs`, read together.
_NEED_NAMES: tuple[str, ...] = (
    "structure",
    "fixed_hours",
    "low_stimulus",
    "jobcoach",
    "mentor",
    "colleague",
    "office",
    "avoid_rush_hour",
    "no_evening_work",
    "no_night_work",
    "movement",
    "trained_manager",
    "supervisor",
    "travels_independently",
)
_NEED_FLAGS = attrgetter(*_NEED_NAMES)

#: Stands in for an unknown capacity profile when encoding: every dimension at its default.
_KNOWN_NOTHING = Capacities()


def _office_days(p: TaskPackage) -> int:
    """Days a week at the office: all of them for office work, none remote, -1 = not given."""
    if p.work_location is WorkLocation.OFFICE:
        return p.hours.days
    if p.work_location is WorkLocation.REMOTE:
        return 0
    return -1 if p.office_days is None else p.office_days


def _codes(values: Sequence[int]) -> NDArray[np.int8]:
    return np.fromiter(values, dtype=np.int8, count=len(values))


def sort_by_id(records: Sequence[Candidate] | Sequence[TaskPackage]) -> list[int]:
    """Indices that put ``records`` in id order."""
    return sorted(range(len(records)), key=lambda i: records[i].id)


def encode_candidates(candidates: Sequence[Candidate]) -> CandidateArrays:
    """Encode candidates (any order) into :class:`CandidateArrays` in id order.

    Raises
    ------
    DuplicateIdError
        When two candidates share an id.
    UnknownPlaceError
        When a home place is not in the gazetteer.

    Example
    -------
    >>> from wbamatch import Candidate
    >>> arr = encode_candidates([Candidate(id="b", hours={"min": 8, "max": 16}),
    ...                          Candidate(id="a", hours={"min": 8, "max": 24})])
    >>> arr.ids, arr.hours_max.tolist()
    (('a', 'b'), [24.0, 16.0])
    """
    _check_unique([c.id for c in candidates], "candidate")
    cs = [candidates[i] for i in sort_by_id(candidates)]
    profiles = [c.capacities for c in cs]
    # An unknown profile bears every level on its dimensions, so the per-dimension codes stay
    # quiet; the capacity rule gives it capacity_unknown instead.
    unknown = [p is None for p in profiles]
    capacities = _levels([_KNOWN_NOTHING if p is None else p for p in profiles], MAX_LEVEL)
    ids = tuple(c.id for c in cs)
    # All yes/no needs in one pass over the records (one list per need costs a pass each).
    flags = np.array([_NEED_FLAGS(c.needs) for c in cs], dtype=np.bool_).reshape(len(cs), -1)
    need = dict(zip(_NEED_NAMES, flags.T, strict=True))
    return CandidateArrays(
        ids=ids,
        capacities=capacities,
        capacities_unknown=_bools(unknown),
        hours_min=_floats([c.hours.min for c in cs], 0.0),
        hours_max=_floats([c.hours.max for c in cs], 0.0),
        max_per_day=_floats([c.hours.max_per_day for c in cs], np.inf),
        need_structure=need["structure"],
        need_fixed_hours=need["fixed_hours"],
        need_low_stimulus=need["low_stimulus"],
        need_jobcoach=need["jobcoach"],
        need_mentor=need["mentor"],
        need_colleague=need["colleague"],
        need_office=need["office"],
        avoid_rush_hour=need["avoid_rush_hour"],
        need_no_evening=need["no_evening_work"],
        need_no_night=need["no_night_work"],
        need_movement=need["movement"],
        need_trained_manager=need["trained_manager"],
        need_supervisor=need["supervisor"],
        # Every yes is a need, except travelling alone, where the need is a no.
        n_needs=(flags[:, :-1].sum(axis=1) + ~flags[:, -1]).astype(np.int8),
        travels_independently=need["travels_independently"],
        max_commute=_floats([c.needs.max_commute_minutes for c in cs], np.nan),
        travel_mode=_codes([TRAVEL_MODE_CODE[c.needs.travel_mode] for c in cs]),
        education=_codes([EDUCATION_RANK[c.education] for c in cs]),
        registered=_bools([c.registered for c in cs]),
        wants_growth=_bools([c.wants_growth for c in cs]),
        open_to_move=_bools([c.open_to_move for c in cs]),
        home=resolve_locations([c.home for c in cs], ids, "home"),
        # The models are frozen, so their lists can be shared instead of copied.
        skills=tuple(c.skills for c in cs),
        interests=tuple(c.interests for c in cs),
        excluded=tuple(c.excluded_packages for c in cs),
    )


def encode_packages(packages: Sequence[TaskPackage]) -> PackageArrays:
    """Encode task packages (any order) into :class:`PackageArrays` in id order.

    Raises
    ------
    DuplicateIdError
        When two packages share an id.
    UnknownPlaceError
        When a package place is not in the gazetteer.

    Example
    -------
    >>> from wbamatch import TaskPackage
    >>> p = TaskPackage(id="p", hours={"per_week": 20, "per_day": [8, 4, 4, 4]})
    >>> arr = encode_packages([p])
    >>> arr.longest_day.tolist(), arr.days.tolist(), arr.uneven_days.tolist()
    ([8.0], [4], [True])
    """
    _check_unique([p.id for p in packages], "package")
    ps = [packages[i] for i in sort_by_id(packages)]
    m = len(ps)
    ids = tuple(p.id for p in ps)
    demands = _levels([p.demands for p in ps], 0)
    task_count = np.fromiter((p.n_tasks for p in ps), dtype=np.int64, count=m)
    # More tasks ask more task switching: the same table jobcarving builds packages with.
    by_count = np.fromiter((task_switching_demand(k) for k in task_count.tolist()), np.int8, m)
    np.maximum(demands[:, _TASK_SWITCHING], by_count, out=demands[:, _TASK_SWITCHING])
    day_hours = np.full((m, 7), np.nan)
    for j, p in enumerate(ps):
        lengths = p.hours.day_lengths
        day_hours[j, : len(lengths)] = lengths
    longest = np.fmax.reduce(day_hours, axis=1) if m else np.zeros(0)
    shortest = np.fmin.reduce(day_hours, axis=1) if m else np.zeros(0)
    return PackageArrays(
        ids=ids,
        demands=demands,
        task_count=task_count,
        per_week=_floats([p.hours.per_week for p in ps], 0.0),
        days=_codes([p.hours.days for p in ps]),
        day_hours=day_hours,
        longest_day=longest,
        uneven_days=longest - shortest > 1e-9,
        growth_to=_floats([p.hours.growth_to for p in ps], np.nan),
        schedule=_codes([SCHEDULE_CODE[p.schedule.kind] for p in ps]),
        start=_floats([p.schedule.start_minutes for p in ps], np.nan),
        stimulus=_codes([STIMULUS_CODE[p.stimulus] for p in ps]),
        offers_structure=_bools([p.offers.structure for p in ps]),
        offers_jobcoach=_bools([p.offers.jobcoach for p in ps]),
        offers_mentor=_bools([p.offers.mentor for p in ps]),
        offers_colleague=_bools([p.offers.colleague for p in ps]),
        offers_transport=_bools([p.offers.transport for p in ps]),
        offers_trained_manager=_bools([p.offers.trained_manager for p in ps]),
        offers_supervisor=_bools([p.offers.supervisor for p in ps]),
        team_experience=_bools([p.team.experience for p in ps]),
        work_location=_codes([LOCATION_CODE[p.work_location] for p in ps]),
        office_days=_codes([_office_days(p) for p in ps]),
        contract=_codes([CONTRACT_CODE[p.contract.type] for p in ps]),
        months=_floats([p.contract.months for p in ps], np.nan),
        counts=_bools([p.contract.type in COUNTING_CONTRACTS for p in ps]),
        min_education=_codes(
            [-1 if p.min_education is None else EDUCATION_RANK[p.min_education] for p in ps]
        ),
        growth_level=_codes(
            [-1 if p.growth_level is None else EDUCATION_RANK[p.growth_level] for p in ps]
        ),
        schakelplek=_bools([p.track is Track.SCHAKELPLEK for p in ps]),
        location=resolve_locations([p.location for p in ps], ids, "location"),
        slots=np.fromiter((p.slots for p in ps), dtype=np.int64, count=m),
        tasks=tuple(p.tasks for p in ps),
        tags=tuple(p.tags for p in ps),
        employers=tuple(p.employer for p in ps),
        titles=tuple(p.title for p in ps),
        organisations=tuple(p.organisation or p.employer for p in ps),
        tracks=tuple(str(p.track) for p in ps),
    )
