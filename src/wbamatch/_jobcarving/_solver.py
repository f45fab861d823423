"""Solve, have the core judge every package, cut off any it rejects and solve again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from .._api import compatibility
from .._commute import TravelTimeProvider
from .._compatibility import Compatibility
from .._config import MatchConfig
from .._exceptions import SolverError
from ._blocks import _Block
from ._build import _build_package
from ._milp import _Lp
from ._pool import _Pool
from ._results import CarveStatus

#: How many times a package the core rejects is cut off before giving up (a guard: the model is
#: built to agree with the core, so this never happens unless the two drift apart).
_MAX_CUTS: Final[int] = 20


@dataclass(frozen=True, eq=False)
class _Outcome:
    status: CarveStatus
    gap: float | None
    picks: list[NDArray[np.intp]]  # pool rows per block
    comps: list[Compatibility | None]  # the core's verdict on each block's package
    found: bool = True  # False when the solver stopped without any solution


def _judge(
    pool: _Pool,
    block: _Block,
    pick: NDArray[np.intp],
    cfg: MatchConfig,
    travel_minutes: TravelTimeProvider | None,
) -> Compatibility:
    package = _build_package([pool.tasks[i] for i in pick], block.plan.package_id, pool.terms)
    return compatibility([block.plan.candidate], [package], cfg, travel_minutes=travel_minutes)


def _check(block: _Block, comp: Compatibility, predicted: float) -> None:
    core = float(comp.scores[0, 0])
    if abs(float(np.clip(predicted, 0.0, 1.0)) - core) > 1e-6:
        raise SolverError(
            "internal error in carve: the model's score of a package differs from the core's "
            f"({predicted:.6f}, {core:.6f}); please report"
        )


def _cut(lp: _Lp, block: _Block, pick: NDArray[np.intp]) -> None:
    """Forbid exactly this set of tasks for this block."""
    chosen = np.isin(block.rows, pick)
    lp.row(block.x, np.where(chosen, 1.0, -1.0), -np.inf, float(pick.size - 1))


def _solve(
    pool: _Pool,
    blocks: list[_Block],
    lp: _Lp,
    cfg: MatchConfig,
    travel_minutes: TravelTimeProvider | None,
    time_limit: float,
) -> _Outcome:
    """Solve, then have the core judge every package; cut off any it rejects and solve again."""
    import time

    deadline = time.monotonic() + time_limit
    for _ in range(_MAX_CUTS + 1):
        res = lp.solve(max(deadline - time.monotonic(), 0.01), tuned=len(blocks) == 1)
        if res.x is None:
            status = CarveStatus.INFEASIBLE if res.status == 2 else CarveStatus.TIME_LIMIT
            empty = [np.empty(0, np.intp)] * len(blocks)
            return _Outcome(status, None, empty, [None] * len(blocks), found=False)
        solution = np.asarray(res.x)
        picks = [b.rows[solution[b.x] > 0.5] for b in blocks]
        comps: list[Compatibility | None] = []
        rejected = False
        for block, pick in zip(blocks, picks, strict=True):
            if pick.size == 0:
                comps.append(None)
                continue
            comp = _judge(pool, block, pick, cfg, travel_minutes)
            comps.append(comp)
            if not comp.feasible[0, 0]:
                rejected = True
                _cut(lp, block, pick)
                continue
            _check(block, comp, block.value(solution))
        if not rejected:
            optimal = res.status == 0
            gap = getattr(res, "mip_gap", None)
            return _Outcome(
                CarveStatus.OPTIMAL if optimal else CarveStatus.TIME_LIMIT,
                None if gap is None else float(gap),
                picks,
                comps,
            )
    raise SolverError(  # pragma: no cover - a guard, see _MAX_CUTS
        "internal error in carve: the core kept rejecting the model's packages; please report"
    )
