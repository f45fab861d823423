"""Planning one candidate's carve: each task alone, every family of packages, the task limit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .._api import compatibility
from .._commute import TravelTimeProvider
from .._config import MatchConfig
from .._constraints import BIT, code_mask, decode
from .._models import Candidate
from .._vocabulary import DIMENSIONS, MAX_LEVEL
from ..rules import REGISTRY
from ._build import task_limit
from ._pool import _FIXED_KIND, _Pool
from ._probes import _families
from ._reasons import _NO_COMBINATION, _package_wide, _rule_bits, _said_no, _task_reasons
from ._results import CarveReason
from ._segments import _Found, _Segment, _segments

_SITTING, _WALKING, _STANDING = (DIMENSIONS.index(d) for d in ("sitting", "walking", "standing"))


def _count_limit(candidate: Candidate, cfg: MatchConfig) -> tuple[str, int | None]:
    """The reason code that caps the number of tasks, and the cap (None = no cap).

    More tasks ask more task switching (:data:`TASK_LIMIT_BY_TASK_SWITCHING`). A known profile is
    capped by its ``task_switching`` capacity (``capacity:task_switching``); an unknown profile
    (``capacities: null``) passes no demand above ``config.norm_demand_level``
    (``capacity_unknown``), so it is capped by the number of tasks that level admits.
    """
    if candidate.capacities is None:
        return "capacity_unknown", task_limit(cfg.norm_demand_level)
    return "capacity:task_switching", task_limit(candidate.capacities.level("task_switching"))


def _reported_limit(candidate: Candidate, cfg: MatchConfig) -> int | None:
    """:attr:`CarveResult.task_limit`: the cap of :func:`_count_limit`; for an unknown profile
    None when ``capacity_unknown`` is switched off."""
    code, limit = _count_limit(candidate, cfg)
    if candidate.capacities is None and cfg.mode_of(code) == "off":
        return None
    return limit


@dataclass(frozen=True, eq=False)
class _Movement:
    """The ``movement`` rule and score component for a candidate who must move regularly.

    A package is seated all day when a task sits at the top level and no task asks walking or
    standing (:func:`wbamatch.rules._workplace.seated_only` on the maximum demands); the score
    component is 1 when some task asks walking. Probe packages ask nothing, so the segments
    score this component 0 for such a candidate and the model adds it.
    """

    seated: NDArray[np.bool_]  # over the pool's tasks
    moving: NDArray[np.bool_]
    walking: NDArray[np.bool_]
    mode: str  # of the movement code: hard, penalty or off
    weight: float  # the component's share of the score


@dataclass(frozen=True, eq=False)
class _Plan:
    """What the solver needs to know about one candidate and the pool."""

    candidate: Candidate
    package_id: str
    allowed: NDArray[np.bool_]  # tasks that break no hard per-task rule
    ruled_out: dict[int, list[str]]  # task row -> hard codes that rule it out on its own
    penalised: dict[str, NDArray[np.bool_]]  # penalty-mode per-task code -> tasks breaking it
    limit: int | None  # task count limit, None = none
    limit_is_penalty: bool
    limit_code: str  # the code a package with too many tasks breaks
    reported_limit: int | None  # CarveResult.task_limit
    movement: _Movement | None
    segments: tuple[_Segment, ...]
    reasons: tuple[CarveReason, ...]  # package-wide blockers, for an empty result
    skills_weight: float
    interests_weight: float


def _ruled_out(
    allowed: NDArray[np.bool_],
    bits: NDArray[np.uint64],
    hard: np.uint64,
    varying: NDArray[np.bool_],
) -> dict[int, list[str]]:
    """Task row -> the hard codes that rule it out on its own: the per-task codes and, for a task
    whose schedule is not fixed, those of the rules that read the schedule (see :func:`_plan`)."""
    per_task = REGISTRY.per_task_bits
    schedule = _rule_bits("schedule")
    return {
        i: decode(bits[i] & hard & (per_task | (schedule if varying[i] else np.uint64(0))))
        for i in np.flatnonzero(~allowed).tolist()
    }


def _plan(
    pool: _Pool,
    candidate: Candidate,
    cfg: MatchConfig,
    package_id: str,
    travel_minutes: TravelTimeProvider | None,
) -> _Plan:
    """Judge every task and every family of packages with the core.

    1. Each task alone: a rule that a package breaks exactly when one of its tasks alone does
       (:attr:`REGISTRY.per_task_bits <wbamatch.rules.RuleRegistry.per_task_bits>`: capacity,
       fixed hours, stimulus) removes the tasks that break it in hard mode, and charges those
       that break it in penalty mode.
    2. Families of packages: one workplace (or all remote), one work location (office only or
       hybrid, where the core tells them apart), one schedule kind (where it matters) and one
       start time (where it matters). A package takes the strictest kind and the earliest start
       of its tasks, so a family of kind ``k`` holds the tasks of kind ``k`` or less and needs
       one of kind ``k``. Within a family the core is sampled at the hours breakpoints.
    3. Rules that read the schedule (evening, night) are judged on the families, not per task:
       an evening task alone may reach into the night when a package starting earlier does not.
       A task whose schedule is not fixed and which no family can use, and which breaks such a
       rule on its own in hard mode, is ruled out with those codes as its reasons: one such
       task makes every package's window unknown (flexible, shifts) or evening work.
    """
    n = len(pool)
    hard = code_mask(cfg, "hard")
    varying = pool.kind != _FIXED_KIND
    # 1. Each task alone: the per-task rules.
    single = compatibility([candidate], pool.singles, cfg, travel_minutes=travel_minutes)
    bits = single.violations[0]
    allowed = (bits & hard & REGISTRY.per_task_bits) == 0
    if candidate.excluded_packages and package_id in candidate.excluded_packages:
        ruled_out = _ruled_out(allowed, bits, hard, varying)
        reasons = [*_task_reasons(ruled_out, n), _said_no(package_id, n)]
        return _empty_plan(candidate, package_id, allowed, ruled_out, cfg, reasons)
    penalised = _penalised(bits, allowed, cfg)

    # 2. Families of packages.
    probes, variants = _families(pool, candidate, cfg, single, allowed, travel_minutes)
    found = _segments(pool, candidate, cfg, probes, variants, travel_minutes)

    # 3. A varying or evening task no family can use, that breaks a schedule rule on its own.
    usable = np.zeros(n, dtype=np.bool_)
    for seg in found.segments:
        usable |= seg.allowed
    dead = allowed & ~usable & varying & ((bits & hard & _rule_bits("schedule")) != 0)
    allowed = allowed & ~dead
    ruled_out = _ruled_out(allowed, bits, hard, varying)
    limit_code, limit, limit_is_penalty = _task_count(candidate, cfg, allowed)
    weights = cfg.component_weights()
    total = sum(weights.values())
    return _Plan(
        candidate=candidate,
        package_id=package_id,
        allowed=allowed,
        ruled_out=ruled_out,
        penalised=penalised,
        limit=limit,
        limit_is_penalty=limit_is_penalty,
        limit_code=limit_code,
        reported_limit=_reported_limit(candidate, cfg),
        movement=_movement(pool, candidate, cfg, weights, total),
        segments=tuple(found.segments),
        reasons=tuple(_plan_reasons(ruled_out, n, allowed, found)),
        skills_weight=weights["skills"] / total,
        interests_weight=weights["interests"] / total,
    )


def _plan_reasons(
    ruled_out: Mapping[int, list[str]], n: int, allowed: NDArray[np.bool_], found: _Found
) -> list[CarveReason]:
    """The tasks ruled out on their own and, when no family is left, what blocks the families."""
    reasons = _task_reasons(ruled_out, n)
    if not allowed.any():
        reasons.append(CarveReason(code="no_task_fits", tasks=n, message="no task fits on its own"))
    elif not found.segments:
        for code in decode(np.uint64(found.blockers)):
            reasons.append(
                CarveReason(code=code, tasks=int(allowed.sum()), message=_package_wide(code))
            )
        if found.piecewise_blocked or not found.blockers:
            reasons.append(_NO_COMBINATION)
    return reasons


def _penalised(
    bits: NDArray[np.uint64], allowed: NDArray[np.bool_], cfg: MatchConfig
) -> dict[str, NDArray[np.bool_]]:
    """Penalty-mode per-task code -> the allowed tasks that break it on their own."""
    penalised: dict[str, NDArray[np.bool_]] = {}
    for code in decode(REGISTRY.per_task_bits):
        if cfg.mode_of(code) == "penalty":
            mask = ((bits & BIT[code]) != 0) & allowed
            if mask.any():
                penalised[code] = mask
    return penalised


def _task_count(
    candidate: Candidate, cfg: MatchConfig, allowed: NDArray[np.bool_]
) -> tuple[str, int | None, bool]:
    """The task limit's code, the limit the model keeps (None = none) and whether it is a
    penalty; a penalty limit no package of the allowed tasks can pass is dropped."""
    limit_code, count_limit = _count_limit(candidate, cfg)
    limit_mode = cfg.mode_of(limit_code)
    limit = None if limit_mode == "off" else count_limit
    limit_is_penalty = limit_mode == "penalty"
    if limit is not None and limit_is_penalty and limit >= int(allowed.sum()):
        limit = None
    return limit_code, limit, limit_is_penalty


def _movement(
    pool: _Pool,
    candidate: Candidate,
    cfg: MatchConfig,
    weights: Mapping[str, float],
    total: float,
) -> _Movement | None:
    """The tasks' postures for the ``movement`` rule, for a candidate who must move; else None."""
    if not candidate.needs.movement:
        return None
    d = pool.demands
    return _Movement(
        seated=d[:, _SITTING] >= MAX_LEVEL,
        moving=(d[:, _WALKING] > 0) | (d[:, _STANDING] > 0),
        walking=d[:, _WALKING] > 0,
        mode=cfg.mode_of("movement"),
        weight=weights["movement"] / total,
    )


def _empty_plan(
    candidate: Candidate,
    package_id: str,
    allowed: NDArray[np.bool_],
    ruled_out: dict[int, list[str]],
    cfg: MatchConfig,
    reasons: list[CarveReason],
) -> _Plan:
    return _Plan(
        candidate=candidate,
        package_id=package_id,
        allowed=np.zeros_like(allowed),
        ruled_out=ruled_out,
        penalised={},
        limit=None,
        limit_is_penalty=False,
        limit_code=_count_limit(candidate, cfg)[0],
        reported_limit=_reported_limit(candidate, cfg),
        movement=None,
        segments=(),
        reasons=tuple(reasons),
        skills_weight=0.0,
        interests_weight=0.0,
    )
