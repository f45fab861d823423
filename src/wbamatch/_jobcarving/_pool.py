"""The pool as arrays: the tasks in id order, their workplaces, starts, kinds, demands and tags."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from .._commute import resolve_locations
from .._models import Location, TaskPackage
from .._vocabulary import DIMENSIONS, ScheduleKind, WorkLocation
from ._build import (
    _REMOTE,
    SCHEDULE_STRICTNESS,
    LocationKey,
    _build_package,
    _effective_key,
    _validated_tasks,
)
from ._models import PackageTerms, Task

#: Index of the fixed schedule in :data:`SCHEDULE_STRICTNESS` (the least strict kind).
_FIXED_KIND: Final[int] = SCHEDULE_STRICTNESS.index(ScheduleKind.FIXED)


@dataclass(frozen=True, eq=False)
class _Pool:
    """The tasks in id order as arrays, and each task alone as a package."""

    tasks: tuple[Task, ...]
    terms: PackageTerms
    hours: NDArray[np.float64]
    keys: tuple[LocationKey, ...]  # workplace per task; _REMOTE for remote tasks
    places: dict[LocationKey, Location | None]  # a location object per workplace key
    start: NDArray[np.float64]  # minutes after midnight, NaN = unknown
    kind: NDArray[np.int64]  # schedule kind, index in SCHEDULE_STRICTNESS
    office: NDArray[np.bool_]  # done at the office (not hybrid, not remote)
    demands: NDArray[np.int64]  # (n_tasks, n_dimensions), as given
    tags: tuple[str, ...]
    incidence: NDArray[np.bool_]  # (n_tasks, n_tags)
    singles: tuple[TaskPackage, ...]

    def __len__(self) -> int:
        return len(self.tasks)


def _pool(tasks: Iterable[Task | Mapping[str, Any]], terms: PackageTerms) -> _Pool:
    """The pool of ``tasks`` under ``terms``: validated, in id order, its places resolved."""
    ts = _validated_tasks(tasks)
    ids = [t.id for t in ts]
    # Unknown places are reported here, naming the task, not later under a made-up package id.
    resolve_locations([t.location for t in ts], ids, "location", record="Task")
    resolve_locations([terms.location], ["terms"], "location", record="PackageTerms")
    keys = tuple(_effective_key(t, terms) for t in ts)
    places: dict[LocationKey, Location | None] = {}
    for t, key in zip(ts, keys, strict=True):
        if key not in places and key != _REMOTE:
            places[key] = t.location if t.location is not None else terms.location
    tags = tuple(sorted({g for t in ts for g in t.tags}))
    column = {g: k for k, g in enumerate(tags)}
    incidence = np.zeros((len(ts), len(tags)), dtype=np.bool_)
    for i, t in enumerate(ts):
        incidence[i, [column[g] for g in t.tags]] = True
    width = len(str(len(ts)))
    singles = tuple(_build_package([t], f"~task{k:0{width}d}", terms) for k, t in enumerate(ts))
    return _Pool(
        tasks=tuple(ts),
        terms=terms,
        hours=np.array([t.hours for t in ts], dtype=np.float64),
        keys=keys,
        places=places,
        start=np.array(
            [np.nan if s is None else float(s) for s in (t.schedule.start_minutes for t in ts)]
        ),
        kind=np.array([SCHEDULE_STRICTNESS.index(t.schedule.kind) for t in ts], dtype=np.int64),
        office=np.array([t.work_location is WorkLocation.OFFICE for t in ts], dtype=np.bool_),
        demands=np.array([t.demands.as_tuple() for t in ts], dtype=np.int64).reshape(
            len(ts), len(DIMENSIONS)
        ),
        tags=tags,
        incidence=incidence,
        singles=singles,
    )
