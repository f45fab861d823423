"""Probe packages: one task that samples a family of packages (workplace, kind, start, hours)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from .._api import compatibility
from .._commute import TravelTimeProvider
from .._compatibility import Compatibility
from .._config import MatchConfig
from .._constraints import BIT, code_mask, decode
from .._models import MAX_HOURS_PER_WEEK, Candidate, Location, Schedule, TaskPackage
from .._vocabulary import ScheduleKind, Stimulus, WorkLocation
from ..rules import REGISTRY
from ..rules._arrays import BREAK_AFTER_HOURS_PER_DAY
from ._build import _REMOTE, SCHEDULE_STRICTNESS, LocationKey, _build_package, _package_hours
from ._models import PackageTerms, Task
from ._pieces import _INTERIOR, _OPEN_MARGIN, _SAME, _Probe
from ._pool import _FIXED_KIND, _Pool
from ._reasons import _rule_bits

#: Score components that depend on the tasks' tags; they are modelled exactly in the solver.
_TAG_COMPONENTS: Final[frozenset[str]] = frozenset({"skills", "interests"})


def _breakpoints(
    candidate: Candidate, terms: PackageTerms, cfg: MatchConfig, start: float, minutes: float
) -> list[float]:
    """Hours a week where a rule or a score component of the core may change its form.

    Between two of them the core's non-tag score is linear in the hours and its verdicts are
    constant; :func:`_pieces` checks that on every piece, so a point missed here cannot pass
    unnoticed.
    """
    d = terms.days
    out = [candidate.hours.min, candidate.hours.max, BREAK_AFTER_HOURS_PER_DAY * d]
    if candidate.hours.max_per_day is not None:
        out.append(candidate.hours.max_per_day * d)
    if terms.growth_hours is not None:
        out += [MAX_HOURS_PER_WEEK - terms.growth_hours, MAX_HOURS_PER_WEEK - 8.0]
    if np.isfinite(start):
        # The working day [start, end) with end = start + 60 * hours / days (+ break) reaches
        # into an evening or night window (a, b), or into that window a day earlier or later
        # (the night wraps past midnight), once end passes a.
        for a, _ in cfg.day_windows().values():
            for shift in (-24 * 60.0, 0.0, 24 * 60.0):
                for pause in (0.0, cfg.break_minutes):
                    out.append((a + shift - start - pause) * d / 60.0)
    if np.isfinite(start) and np.isfinite(minutes):
        # Trip home [end, end + minutes] with end = start + 60 * hours / days (+ break): it
        # touches a peak window (a, b) for ends between a - minutes and b.
        for a, b in cfg.peak_minutes():
            for pause in (0.0, cfg.break_minutes):
                out.append((a - minutes - start - pause) * d / 60.0)
                out.append((b - start - pause) * d / 60.0)
    return out


@dataclass(frozen=True, eq=False)
class _Variant:
    """The packages of one workplace and one work location: office only, hybrid (an on-site
    task and a hybrid or remote one), either of the two when the core judges them alike, or
    remote. ``kinds`` holds the probes per schedule kind (index in :data:`SCHEDULE_STRICTNESS`;
    one entry ``None`` when the kind changes nothing) and start time."""

    members: NDArray[np.bool_]
    required: tuple[NDArray[np.bool_], ...]
    kinds: tuple[tuple[int | None, tuple[_Probe, ...]], ...]


def _probe_task(
    key: LocationKey,
    start: float,
    place: Location | None,
    kind: ScheduleKind = ScheduleKind.FIXED,
    where: WorkLocation | None = None,
) -> Task:
    hhmm = None if np.isnan(start) else f"{int(start) // 60:02d}:{int(start) % 60:02d}"
    if where is None:
        where = WorkLocation.REMOTE if key == _REMOTE else WorkLocation.OFFICE
    return Task(
        id="probe",
        hours=1.0,
        schedule=Schedule(kind=kind, start=hhmm),
        stimulus=Stimulus.LOW,
        location=place,
        work_location=where,
    )


def _probe_values(
    comp: Compatibility, cfg: MatchConfig
) -> tuple[NDArray[np.float64], NDArray[np.uint64]]:
    """Each probe's score without the tag components, and its hard codes.

    Codes judged per task are left out of both: the model adds them task by task (a probe with
    flexible hours breaks ``fixed_hours``, which the model charges to the flexible tasks).
    """
    per_task = REGISTRY.per_task_bits
    violations = comp.violations[0]
    n_penalties = comp.n_penalties[0].astype(np.float64)
    for code in decode(code_mask(cfg, "penalty") & per_task):
        n_penalties = n_penalties - ((violations & BIT[code]) != 0)
    values = (
        sum(
            (v[0] for name, v in comp.components.items() if name not in _TAG_COMPONENTS),
            start=np.zeros(violations.size),
        )
        - cfg.penalty * n_penalties
    )
    hard = violations & code_mask(cfg, "hard") & ~(BIT["excluded"] | per_task)
    return values, hard


def _sensitivity(
    pool: _Pool,
    candidate: Candidate,
    cfg: MatchConfig,
    workplaces: Sequence[LocationKey],
    travel_minutes: TravelTimeProvider | None,
) -> list[tuple[bool, bool, bool]]:
    """Per workplace: whether start times, schedule kinds and hybrid work need their own families.

    Three packages per workplace tell: fixed hours with an unknown start, flexible hours with an
    unknown start, and hybrid work. This rests on two properties of the rules, read from their
    :attr:`~wbamatch.rules.Rule.package_reads`: a rule reading the start time breaks on an
    unknown start whenever it applies at all (rush hour, evening, night: unknown is never a
    pass), and a rule reading the schedule (other than the per-task ``fixed_hours``) breaks on
    flexible hours, whose working window is unknown, whenever it applies at all (evening,
    night). Hybrid work gets its own families when its package differs from the office one in
    any code or in its score (the ``office`` need, with office days not given). The core's
    final judgement of the chosen package guards all three shortcuts.
    """
    if not workplaces:
        return []
    probes: list[TaskPackage] = []
    for m, key in enumerate(workplaces):
        place = pool.places.get(key)
        hybrid = WorkLocation.REMOTE if key == _REMOTE else WorkLocation.HYBRID
        looks = (
            _probe_task(key, math.nan, place),
            _probe_task(key, math.nan, place, ScheduleKind.FLEXIBLE),
            _probe_task(key, math.nan, place, where=hybrid),
        )
        for j, t in enumerate(looks):
            probes.append(_build_package([t], f"~look{3 * m + j:06d}", pool.terms))
    comp = compatibility([candidate], probes, cfg, travel_minutes=travel_minutes)
    values, _ = _probe_values(comp, cfg)
    bits = comp.violations[0]
    start_bits = _rule_bits("start")
    schedule_bits = _rule_bits("schedule") & ~REGISTRY.per_task_bits
    out = []
    for m in range(len(workplaces)):
        fixed, flexible, hybrid_at = 3 * m, 3 * m + 1, 3 * m + 2
        out.append(
            (
                bool(bits[fixed] & start_bits),
                bool(bits[flexible] & schedule_bits),
                bool(bits[hybrid_at] != bits[fixed])
                or abs(float(values[hybrid_at]) - float(values[fixed])) > _SAME,
            )
        )
    return out


#: The hours of one start time's family: the start, the breakpoints, the open intervals.
_Grid = tuple[float, list[float], list[tuple[float, float]]]
#: A work location of one workplace's packages: the work location, the tasks, and the task
#: sets a package needs one task of.
_Option = tuple[WorkLocation, NDArray[np.bool_], list[NDArray[np.bool_]]]


def _families(
    pool: _Pool,
    candidate: Candidate,
    cfg: MatchConfig,
    single: Compatibility,
    allowed: NDArray[np.bool_],
    travel_minutes: TravelTimeProvider | None,
) -> tuple[list[TaskPackage], list[_Variant]]:
    """The probe packages of every family the ``allowed`` tasks can make, and the variants.

    Per workplace (the remote tasks count as one): its work locations (:func:`_options`), its
    start times and hours (:func:`_grids`) and, where the kind matters, its schedule kinds;
    each family is sampled by :func:`_add_probes`. ``single`` is the core's verdict on each
    task alone, whose travel times the hours breakpoints need.
    """
    key_index = {k: m for m, k in enumerate(dict.fromkeys(pool.keys))}
    keys = np.array([key_index[k] for k in pool.keys], dtype=np.int64)
    remote = keys == key_index.get(_REMOTE, -1)
    minutes_at = {
        pool.keys[j]: float(single.minutes[0, j])
        for j in range(len(pool))
        if pool.keys[j] != _REMOTE
    }
    workplaces = sorted({k for k, ok in zip(pool.keys, allowed, strict=True) if ok}, key=repr)
    looks = _sensitivity(pool, candidate, cfg, workplaces, travel_minutes)
    probes: list[TaskPackage] = []
    variants: list[_Variant] = []
    for key, (start_matters, kind_matters, hybrid_differs) in zip(workplaces, looks, strict=True):
        place = pool.places.get(key)
        on_site = allowed & (keys == key_index[key])
        everything = on_site if key == _REMOTE else on_site | (allowed & remote)
        minutes = minutes_at.get(key, math.nan)
        grids = _grids(pool, candidate, cfg, everything, start_matters, minutes)
        for where, members, required in _options(pool, key, on_site, everything, hybrid_differs):
            kinds: list[int | None] = [None]
            if kind_matters:
                kinds = [int(k) for k in sorted(set(pool.kind[members].tolist()))]
            per_kind = [(k, _add_probes(probes, pool, key, place, k, where, grids)) for k in kinds]
            variants.append(_Variant(members, tuple(required), tuple(per_kind)))
    return probes, variants


def _options(
    pool: _Pool,
    key: LocationKey,
    on_site: NDArray[np.bool_],
    everything: NDArray[np.bool_],
    hybrid_differs: bool,
) -> list[_Option]:
    """The work locations of one workplace's packages: remote; office, when the core judges
    hybrid work alike; or office-only packages apart from those with a hybrid or remote task."""
    if key == _REMOTE:
        return [(WorkLocation.REMOTE, on_site, [])]
    if not hybrid_differs:
        return [(WorkLocation.OFFICE, everything, [on_site])]
    office_only = on_site & pool.office
    non_office = everything & ~pool.office
    options: list[_Option] = []
    if office_only.any():
        options.append((WorkLocation.OFFICE, office_only, []))
    if non_office.any():
        options.append((WorkLocation.HYBRID, everything, [on_site, non_office]))
    return options


def _grids(
    pool: _Pool,
    candidate: Candidate,
    cfg: MatchConfig,
    everything: NDArray[np.bool_],
    start_matters: bool,
    minutes: float,
) -> list[_Grid]:
    """Per start time that needs a family of its own: the hours breakpoints up to the hours the
    workplace's tasks add up to (at most 60), and the open intervals between them."""
    cap = min(MAX_HOURS_PER_WEEK, math.fsum(pool.hours[everything].tolist()))
    starts = pool.start[everything]
    classes = sorted(set(starts[np.isfinite(starts)].tolist()))
    if not start_matters:
        classes = [math.nan]  # one family: every start is judged alike
    elif np.isnan(starts).any():
        classes.append(math.nan)
    grids: list[_Grid] = []
    for start in classes:
        bps = _breakpoints(candidate, pool.terms, cfg, start, minutes)
        points = [*sorted({round(b, 9) for b in bps if 0.0 < b < cap - _SAME}), cap]
        intervals = [
            (lo, hi)
            for lo, hi in zip([0.0, *points[:-1]], points, strict=True)
            if hi - lo > 4 * _OPEN_MARGIN
        ]
        grids.append((start, points, intervals))
    return grids


def _add_probes(
    probes: list[TaskPackage],
    pool: _Pool,
    key: LocationKey,
    place: Location | None,
    k: int | None,
    where: WorkLocation,
    grids: Sequence[_Grid],
) -> tuple[_Probe, ...]:
    """Append to ``probes`` the packages that sample schedule kind ``k`` (index in
    :data:`SCHEDULE_STRICTNESS`; None when the kind changes nothing) at each grid's start: one
    at every breakpoint, then three inside every interval. One :class:`_Probe` per start."""
    kind = SCHEDULE_STRICTNESS[_FIXED_KIND if k is None else k]
    fams: list[_Probe] = []
    for start, points, intervals in grids:
        probe = _probe_task(key, start, place, kind, where)
        base = _build_package([probe], "~probe", pool.terms)
        first = len(probes)
        hours = [*points, *(lo + f * (hi - lo) for lo, hi in intervals for f in _INTERIOR)]
        for h in hours:
            update = {"id": f"~probe{len(probes):07d}", "hours": _package_hours(h, pool.terms)}
            probes.append(base.model_copy(update=update))
        fams.append(_Probe(start, points, intervals, first))
    return tuple(fams)
