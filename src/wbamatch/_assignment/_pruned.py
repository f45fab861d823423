"""Solve on each package's best candidates only, with a dual certificate for all pairs."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from .._limits import DEFAULT_LIMITS, Limits
from ._duals import uncovered
from ._outcome import AssignmentOutcome, SolverPath, Step

__all__: list[str] = []

#: Solves an edge list exactly, with its duals (``_certified_solve`` in :mod:`._edges`).
ExactSolve = Callable[
    [NDArray[np.intp], NDArray[np.intp], NDArray[np.float64], NDArray[np.int64]],
    AssignmentOutcome,
]


def _solve_pruned(
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    scores: NDArray[np.float64],
    slots: NDArray[np.int64],
    exact: ExactSolve,
    limits: Limits = DEFAULT_LIMITS,
) -> AssignmentOutcome | None:
    """Solve on each package's best candidates only, proven optimal for all pairs by its duals.

    Each package ``j`` keeps its ``limits.prune_keep_per_slot * k[j] + limits.prune_keep_extra``
    best pairs (ties by row) and the restricted problem is solved exactly, with its dual prices
    ``u`` (candidates) and ``v`` (packages): ``u, v >= 0``, ``u[i] + v[j] >= s[i, j]`` on the kept
    pairs, and a dual total equal to the restricted optimum. When they also cover every dropped
    pair, they are feasible duals of the whole problem with that same total, so the restricted
    optimum is the optimum of all pairs, and the duals are its certificate.

    A package with an uncovered pair keeps ``limits.prune_widen`` times more (and the uncovered
    pairs themselves, and every pair within ``limits.prune_margin`` of being uncovered) and the
    restricted problem is solved again, for at most
    ``limits.prune_rounds`` rounds. Returns None when the restricted problem grows past
    ``limits.prune_share`` of the pairs or the rounds run out: then solving all pairs at once is
    cheaper. Expects what :func:`solve_edges` passes on: pairs sorted by row, then column, each
    of a package with slots.
    """
    from .._topk import top_per_group

    m = slots.size
    degree = np.bincount(cols, minlength=m)
    keep = np.minimum(degree, limits.prune_keep_per_slot * slots + limits.prune_keep_extra)
    kept = np.zeros(rows.size, dtype=np.bool_)
    kept[top_per_group(cols, rows, scores, keep)] = True
    for rounds in range(1, limits.prune_rounds + 1):
        # In the caller's (row-sorted) order, so ties resolve as on all pairs.
        sel = np.flatnonzero(kept)
        if sel.size > limits.prune_share * rows.size:
            return None
        out = exact(rows[sel], cols[sel], scores[sel], slots)
        assert out.duals is not None
        missed = np.flatnonzero(uncovered(out.duals, rows, cols, scores))
        if missed.size == 0:
            path = SolverPath(Step.PRUNED, rounds, (out.path,))
            return AssignmentOutcome(out.rows, out.cols, out.total, out.status, path, out.duals)
        short = np.zeros(m, dtype=np.bool_)
        short[cols[missed]] = True
        keep = np.where(short, np.minimum(degree, limits.prune_widen * keep), keep)
        # Only the widened packages choose again, from their own pairs.
        theirs = np.flatnonzero(short[cols])
        kept[theirs[top_per_group(cols[theirs], rows[theirs], scores[theirs], keep)]] = True
        kept[missed] = True
        # Pairs nearly uncovered are the ones the next round's prices tend to leave uncovered:
        # keeping them too saved a round on most instances measured (20,000 x 5,000: 2 rounds,
        # 0.49 s, instead of 3, 0.73 s).
        kept[uncovered(out.duals, rows, cols, scores, tolerance=-limits.prune_margin)] = True
    return None
