"""Dense routes: ``linear_sum_assignment`` on a score matrix with one column per slot."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .._exceptions import SolverError
from .._limits import Limits
from ._outcome import (
    AssignmentOutcome,
    SolverPath,
    SolverStatus,
    Step,
    _check_budget,
    _Graph,
    _nothing,
)

__all__ = ["solve"]


def solve(
    scores: NDArray[np.float64],
    eligible: NDArray[np.bool_],
    slots: NDArray[np.integer],
) -> AssignmentOutcome:
    """Maximise the total score of a one-to-many assignment with slot capacities.

    Parameters
    ----------
    scores
        Shape ``(n_candidates, n_packages)``, values in [0, 1].
    eligible
        Same shape; only True cells may be assigned.
    slots
        Shape ``(n_packages,)``, slots per package (>= 0).

    Returns
    -------
    AssignmentOutcome
        ``rows[k]`` is assigned to ``cols[k]``; at most ``slots[j]`` rows per column ``j``.

    Example
    -------
    >>> import numpy as np
    >>> out = solve(np.array([[0.9, 0.5], [0.8, 0.1]]), np.ones((2, 2), bool), np.array([1, 1]))
    >>> out.rows.tolist(), out.cols.tolist(), round(out.total, 2)
    ([0, 1], [1, 0], 1.3)
    """
    from scipy.optimize import linear_sum_assignment

    n, m = scores.shape
    if eligible.shape != (n, m) or slots.shape != (m,):
        raise SolverError("scores, eligible and slots have inconsistent shapes")
    slots = np.asarray(slots, dtype=np.int64)
    eligible = eligible & (slots > 0)[None, :]

    # Only rows and columns with an eligible pair take part; this keeps the dense matrix small.
    active_rows = np.flatnonzero(eligible.any(axis=1))
    active_cols = np.flatnonzero(eligible.any(axis=0))
    if active_rows.size == 0:
        return _nothing()

    sub_scores = scores[np.ix_(active_rows, active_cols)]
    sub_ok = eligible[np.ix_(active_rows, active_cols)]
    # A package never needs more slot columns than there are candidates who could take it.
    sub_slots = np.minimum(slots[active_cols], sub_ok.sum(axis=0))
    slot_owner = np.repeat(np.arange(active_cols.size), sub_slots)

    cost = np.where(sub_ok, -sub_scores, 1.0)[:, slot_owner]  # (rows, slot columns)
    transposed = cost.shape[0] > cost.shape[1]
    if transposed:
        cost = cost.T
    n_small, n_large = cost.shape
    full = np.zeros((n_small, n_large + n_small), dtype=np.float64)
    full[:, :n_large] = cost  # the last n_small columns are "stays unassigned", cost 0
    r, c = linear_sum_assignment(full)
    real = c < n_large
    r, c = r[real], c[real]
    if transposed:
        r, c = c, r  # r indexes candidates, c indexes slot columns
    rows = active_rows[r]
    cols = active_cols[slot_owner[c]]

    keep = eligible[rows, cols]  # guard: never hand back a forbidden pair, whatever happened
    rows, cols = rows[keep], cols[keep]
    order = np.argsort(rows, kind="stable")
    rows, cols = rows[order], cols[order]
    if np.bincount(rows, minlength=n).max(initial=0) > 1:
        raise SolverError("solver assigned a candidate twice")  # pragma: no cover
    if np.any(np.bincount(cols, minlength=m) > slots):
        raise SolverError("solver used more slots than a package has")  # pragma: no cover
    total = float(scores[rows, cols].sum())
    return AssignmentOutcome(rows, cols, total, SolverStatus.OPTIMAL, SolverPath(Step.LINEAR_SUM))


def _solve_dense(
    g: _Graph, scores: NDArray[np.float64], max_bytes: int | None, limits: Limits
) -> AssignmentOutcome:
    what = f"{g.n_rows:,} x {g.n_slots:,} slots"
    _check_budget(g.cells * limits.dense_cell_bytes, max_bytes, what)
    dense_scores = np.zeros((g.n_rows, g.ucols.size))
    dense_ok = np.zeros((g.n_rows, g.ucols.size), dtype=np.bool_)
    dense_scores[g.r_local, g.c_local] = scores
    dense_ok[g.r_local, g.c_local] = True
    out = solve(dense_scores, dense_ok, g.slot_count)
    path = SolverPath(Step.DENSE)
    return AssignmentOutcome(g.urows[out.rows], g.ucols[out.cols], out.total, out.status, path)
