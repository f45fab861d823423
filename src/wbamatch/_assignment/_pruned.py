"""Solve on each package's best candidates only, with a proof that nothing better exists."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .._limits import DEFAULT_LIMITS, Limits
from ._components import _solve_by_component
from ._outcome import AssignmentOutcome, SolverPath, Step

__all__: list[str] = []


def _solve_pruned(
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    scores: NDArray[np.float64],
    slots: NDArray[np.int64],
    max_bytes: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> AssignmentOutcome | None:
    """Solve on each package's best candidates only, with a proof that nothing better exists.

    Each package ``j`` keeps its ``k[j]`` best pairs (ties by row); every pair it drops scores at
    most ``theta[j]``, the lowest score it kept. The restricted problem is solved exactly. If
    every package either kept all its pairs or kept at least one candidate who stays unplaced,
    the restricted optimum is the optimum of the whole problem:

    take optimal duals ``u`` (candidates) and ``v`` (packages) of the restricted LP, so
    ``u[i] + v[j] >= s[i, j]`` on the kept pairs. A candidate ``t`` left unplaced has
    ``u[t] = 0`` (complementary slackness), so a package that kept such a ``t`` has
    ``v[j] >= s[t, j] >= theta[j] >= s[i, j]`` for every dropped pair, and ``u[i] >= 0`` makes
    the duals feasible for all pairs. Equal primal and dual totals then prove optimality. No
    duals need computing: the condition is read off the restricted solution.

    A package that fails the check (all its kept candidates placed) keeps ``limits.prune_widen``
    times more
    and the restricted problem is solved again. Returns None when the restricted problem grows
    past ``limits.prune_share`` of the pairs, where solving everything at once is cheaper.
    Expects what :func:`solve_edges` passes on: at least one pair, each of a package with slots.
    """
    from .._topk import top_per_group

    m = slots.size
    degree = np.bincount(cols, minlength=m)
    keep = np.minimum(degree, limits.prune_keep_per_slot * slots + limits.prune_keep_extra)
    placed = np.zeros(int(rows.max()) + 1, dtype=np.bool_)
    sel = top_per_group(cols, rows, scores, keep)
    for rounds in range(1, 64):
        if keep.sum() > limits.prune_share * rows.size:
            return None
        sel.sort()  # back to the caller's (row-sorted) order, so ties resolve as on all pairs
        out = _solve_by_component(
            rows[sel], cols[sel], scores[sel], slots, max_bytes=max_bytes, limits=limits
        )
        placed[:] = False
        placed[out.rows] = True
        open_kept = np.bincount(cols[sel][~placed[rows[sel]]], minlength=m) > 0
        short = (keep < degree) & ~open_kept
        if not short.any():
            path = SolverPath(Step.PRUNED, rounds, (out.path,))
            return AssignmentOutcome(out.rows, out.cols, out.total, out.status, path)
        keep = np.where(short, np.minimum(degree, limits.prune_widen * keep), keep)
        # Only the widened packages choose again, from their own pairs.
        theirs = np.flatnonzero(short[cols])
        wider = theirs[top_per_group(cols[theirs], rows[theirs], scores[theirs], keep)]
        sel = np.concatenate([sel[~short[cols[sel]]], wider])
    return None  # pragma: no cover - keep grows geometrically, so this is never reached
