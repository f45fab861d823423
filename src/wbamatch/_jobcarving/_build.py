"""The package a set of tasks makes: the one function hand-made and carved packages share."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import numpy as np

from .._commute import normalise_place
from .._exceptions import InputError
from .._models import (
    MAX_HOURS_PER_WEEK,
    Demands,
    Location,
    PackageHours,
    Schedule,
    TaskPackage,
    as_model,
)
from .._validation import record_models, unique_ids
from .._vocabulary import (
    DIMENSIONS,
    TASK_LIMIT_BY_TASK_SWITCHING,
    ScheduleKind,
    Stimulus,
    WorkLocation,
    task_switching_demand,
)
from ._models import PackageTerms, Task

__all__ = ["SCHEDULE_STRICTNESS", "package_from_tasks", "task_limit"]

#: tasks. Fixed and evening work have a known working window, flexible hours and shifts do not
#: (and break ``fixed_hours``), so a package with one varying task varies: ``fixed_hours`` then
#: breaks exactly when one of the tasks alone breaks it, as :attr:`~wbamatch.rules.Rule.per_task`
#: says, and so do ``evening_unknown`` and ``night_unknown``.
SCHEDULE_STRICTNESS: Final[tuple[ScheduleKind, ...]] = (
    ScheduleKind.FIXED,
    ScheduleKind.EVENING,
    ScheduleKind.FLEXIBLE,
    ScheduleKind.SHIFTS,
)

_STIMULUS_ORDER: Final[tuple[Stimulus, ...]] = (Stimulus.LOW, Stimulus.MEDIUM, Stimulus.HIGH)


_REMOTE: Final[tuple[str, ...]] = ("remote",)
_UNKNOWN: Final[tuple[str, ...]] = ("unknown",)
LocationKey = tuple[Any, ...]


def task_limit(task_switching: int) -> int | None:
    """Most tasks for a ``task_switching`` capacity, per :data:`TASK_LIMIT_BY_TASK_SWITCHING`.

    Example
    -------
    >>> task_limit(0), task_limit(2), task_limit(3)
    (1, 4, None)
    """
    return TASK_LIMIT_BY_TASK_SWITCHING[task_switching]


def _location_key(location: Location | None) -> LocationKey:
    if location is None:
        return _UNKNOWN
    if location.place is not None:
        return ("place", normalise_place(location.place))
    return ("coords", location.lat, location.lon)


def _effective_key(task: Task, terms: PackageTerms) -> LocationKey:
    if task.work_location is WorkLocation.REMOTE:
        return _REMOTE
    return _location_key(task.location if task.location is not None else terms.location)


def _package_hours(per_week: float, terms: PackageTerms) -> PackageHours:
    growth_to = None
    if terms.growth_hours is not None:
        growth_to = min(MAX_HOURS_PER_WEEK, per_week + terms.growth_hours)
    return PackageHours(per_week=per_week, days=terms.days, growth_to=growth_to)


def _build_package(tasks: Sequence[Task], package_id: str, terms: PackageTerms) -> TaskPackage:
    """The package ``tasks`` make (validated, sorted by id, non-empty) under ``terms``."""
    total = math.fsum(t.hours for t in tasks)
    if total > MAX_HOURS_PER_WEEK + 1e-9:
        raise InputError(
            f"package {package_id!r}: its {len(tasks)} tasks add up to {total:g} hours a week, "
            f"above {MAX_HOURS_PER_WEEK:g}; use fewer tasks"
        )
    levels = np.array([t.demands.as_tuple() for t in tasks], dtype=np.int64).max(axis=0)
    k = DIMENSIONS.index("task_switching")
    levels[k] = max(int(levels[k]), task_switching_demand(len(tasks)))
    demands = Demands(**{d: int(v) for d, v in zip(DIMENSIONS, levels.tolist(), strict=True) if v})
    kind = max((t.schedule.kind for t in tasks), key=SCHEDULE_STRICTNESS.index)
    starts = [t.schedule.start for t in tasks]
    start = None if any(s is None for s in starts) else min(s for s in starts if s is not None)
    stimulus = max((t.stimulus for t in tasks), key=_STIMULUS_ORDER.index)
    places = {t.work_location for t in tasks}
    if places == {WorkLocation.REMOTE}:
        work_location = WorkLocation.REMOTE
    elif places == {WorkLocation.OFFICE}:
        work_location = WorkLocation.OFFICE
    else:
        work_location = WorkLocation.HYBRID
    location = terms.location
    on_site = [t for t in tasks if t.work_location is not WorkLocation.REMOTE]
    if on_site:
        keys = {_effective_key(t, terms) for t in on_site}
        if len(keys) > 1:
            raise InputError(
                f"package {package_id!r}: tasks {', '.join(repr(t.id) for t in on_site[:5])} "
                "are done at different workplaces; a package has one workplace, so bundle tasks "
                "of one place (or set PackageTerms.location for tasks without a location)"
            )
        first = on_site[0]
        location = first.location if first.location is not None else terms.location
    employer = terms.employer or ", ".join(sorted({t.department for t in tasks if t.department}))
    return TaskPackage(
        id=package_id,
        employer=employer[:200],
        track=terms.track,
        tasks=sorted({tag for t in tasks for tag in t.tags}),
        tags=list(terms.tags),
        demands=demands,
        hours=_package_hours(total, terms),
        schedule=Schedule(kind=kind, start=start),
        stimulus=stimulus,
        offers=terms.offers,
        work_location=work_location,
        contract=terms.contract,
        min_education=terms.min_education,
        location=location,
        task_count=len(tasks),
        slots=1,
    )


def _validated_tasks(tasks: Iterable[Task | Mapping[str, Any]]) -> list[Task]:
    out = record_models(tasks, Task, "task")
    if not out:
        raise InputError("no tasks given; pass at least one task")
    unique_ids((t.id for t in out), "task")
    return sorted(out, key=lambda t: t.id)


def _terms(terms: PackageTerms | Mapping[str, Any] | None) -> PackageTerms:
    return PackageTerms() if terms is None else as_model(terms, PackageTerms, "terms")


def package_from_tasks(
    tasks: Iterable[Task | Mapping[str, Any]],
    id: str,
    terms: PackageTerms | Mapping[str, Any] | None = None,
) -> TaskPackage:
    """Build the :class:`~wbamatch.TaskPackage` that a set of tasks makes.

    Hours are summed, demands are the maximum over the tasks (and ``task_switching`` at least
    what the number of tasks asks), schedule and stimulus the strictest; see the module docstring
    for every field. :func:`carve` builds its packages with this function.

    Parameters
    ----------
    tasks
        :class:`Task` models or dicts in their JSON shape; any order.
    id
        Id of the package.
    terms
        :class:`PackageTerms` (or a dict of its fields): employer, offers, contract, ...

    Returns
    -------
    TaskPackage
        Ready for :func:`wbamatch.match` and :func:`wbamatch.compatibility`.

    Raises
    ------
    InputError
        No tasks, more than 60 hours a week, or tasks at two workplaces.
    DuplicateIdError
        Two tasks share an id.
    pydantic.ValidationError
        A task does not validate (for example hours <= 0); the title names the task id.

    Example
    -------
    >>> pkg = package_from_tasks(
    ...     [{"id": "t1", "hours": 8, "tags": ["archiving"], "demands": {"lifting": 1}},
    ...      {"id": "t2", "hours": 12, "tags": ["scanning"], "stimulus": "low",
    ...       "schedule": {"kind": "evening", "start": "18:00"}}],
    ...     id="p-carved")
    >>> pkg.hours.per_week, pkg.tasks, pkg.schedule.kind.value, pkg.stimulus.value
    (20.0, ['archiving', 'scanning'], 'evening', 'medium')
    >>> pkg.demands.level("lifting"), pkg.demands.level("task_switching")
    (1, 1)
    """
    return _build_package(_validated_tasks(tasks), id, _terms(terms))
