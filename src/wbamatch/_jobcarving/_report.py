"""A carve's results from the solver's picks: package, score, leftover tasks and reasons."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from .._compatibility import Compatibility
from .._config import MatchConfig
from .._explain import explain_pair
from .._vocabulary import HOURS_PER_JOB
from ._build import _build_package
from ._plan import _Plan
from ._pool import _Pool
from ._reasons import _NO_COMBINATION, _NO_TIME, _OUTCOMPETED, _below_min_score
from ._results import CarveReason, CarveResult, CarveStatus, LeftoverTask
from ._solver import _Outcome


def _leftover(pool: _Pool, plan: _Plan, used: NDArray[np.bool_]) -> list[LeftoverTask]:
    return [
        LeftoverTask(
            task_id=pool.tasks[i].id,
            hours=float(pool.hours[i]),
            reasons=plan.ruled_out.get(i, []),
        )
        for i in np.flatnonzero(~used).tolist()
    ]


def _result(
    pool: _Pool,
    plan: _Plan,
    pick: NDArray[np.intp],
    comp: Compatibility | None,
    status: CarveStatus,
    used: NDArray[np.bool_],
    reasons: Sequence[CarveReason],
) -> CarveResult:
    cand = plan.candidate
    limit = plan.reported_limit
    if comp is None or pick.size == 0:
        return CarveResult(
            candidate_id=cand.id,
            status=status,
            leftover=_leftover(pool, plan, used),
            task_limit=limit,
            reasons=list(reasons),
        )
    package = _build_package([pool.tasks[i] for i in pick], plan.package_id, pool.terms)
    counts = bool(comp.candidates.registered[0] and comp.packages.counts[0])
    hours = package.hours.per_week
    return CarveResult(
        candidate_id=cand.id,
        status=status,
        package=package,
        tasks=[pool.tasks[i] for i in pick],
        leftover=_leftover(pool, plan, used),
        score=float(comp.scores[0, 0]),
        hours=hours,
        task_limit=limit,
        counts=counts,
        banen=hours / HOURS_PER_JOB if counts else 0.0,
        explanation=explain_pair(comp, 0, 0),
        reasons=list(reasons),
    )


def _results(
    pool: _Pool,
    plans: Sequence[_Plan],
    active: Sequence[_Plan],
    outcome: _Outcome,
    cfg: MatchConfig,
    *,
    team: bool,
) -> list[CarveResult]:
    """A result per plan from the solver's outcome on the ``active`` plans (those with
    segments, in order), with the reasons of every empty one; a package below
    ``config.min_score`` is withdrawn and its tasks count as left over."""
    picks = dict(zip((id(p) for p in active), outcome.picks, strict=False))
    comps = dict(zip((id(p) for p in active), outcome.comps, strict=False))
    used = np.zeros(len(pool), dtype=np.bool_)
    for pick in outcome.picks:
        used[pick] = True
    results = []
    for plan in plans:
        pick = picks.get(id(plan), np.empty(0, np.intp))
        comp = comps.get(id(plan))
        status = CarveStatus.INFEASIBLE if not plan.segments else outcome.status
        reasons = [*plan.reasons, *_empty_reasons(plan, pick, outcome, team=team)]
        if comp is not None and float(comp.scores[0, 0]) < cfg.min_score:
            reasons.append(_below_min_score(int(pick.size)))
            used[pick] = False
            pick, comp, status = np.empty(0, np.intp), None, CarveStatus.INFEASIBLE
        results.append(_result(pool, plan, pick, comp, status, used, reasons))
    return results


def _empty_reasons(
    plan: _Plan, pick: NDArray[np.intp], outcome: _Outcome, *, team: bool
) -> list[CarveReason]:
    """Why a plan with segments got no package: no combination fits, the time ran out before
    any solution, or (in a team) others got the tasks."""
    if not plan.segments or pick.size > 0:
        return []
    if outcome.status is CarveStatus.INFEASIBLE:
        return [_NO_COMBINATION]
    if outcome.status is CarveStatus.TIME_LIMIT and not outcome.found:
        return [_NO_TIME]
    if team:
        return [_OUTCOMPETED]
    return []
