"""The entry point on edge lists: choose a route by size, solve exactly, prove it with duals."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from .._exceptions import InputError, SolverError
from .._limits import DEFAULT_LIMITS, Limits
from ._components import _solve_by_component
from ._dense import _solve_dense
from ._duals import dual_prices
from ._flow import flow_available, solve_flow
from ._outcome import (
    AssignmentOutcome,
    Method,
    SolverPath,
    SolverStatus,
    Step,
    _check_budget,
    _Graph,
    _method,
    _nothing,
)
from ._pruned import _solve_pruned
from ._sparse import _solve_sparse_within

__all__ = ["solve_edges"]

#: Steps the dual iteration may take on a flow's answer before it is solved again exactly.
_FLOW_STEPS = 1_000


def solve_edges(
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    scores: NDArray[np.float64],
    slots: NDArray[np.integer],
    *,
    method: str | Method = Method.AUTO,
    max_bytes: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> AssignmentOutcome:
    """Maximise the total score over an edge list, with the dual prices that prove it.

    Parameters
    ----------
    rows, cols, scores
        Eligible pairs ``(rows[k], cols[k])`` with their scores in [0, 1]; each pair once
        (fastest sorted by row, then column, as they are collected).
    slots
        Slots per column (package).
    method
        ``"dense"`` (``linear_sum_assignment`` on the active rows and slot columns),
        ``"sparse"`` (``scipy.sparse.csgraph.min_weight_full_bipartite_matching``),
        ``"components"`` (the pair graph split into connected components, solved apart: dense
        in batches of small components, sparse for a component too large), ``"flow"``
        (OR-Tools' min-cost flow on package capacities, the ``wbamatch[fast]`` extra) or
        ``"auto"``: dense while the matrix stays under ``limits.dense_cells`` cells; else, above
        ``limits.prune_above`` pairs, first on each package's best candidates only, proven
        optimal for all pairs by the duals or widened until it is (:func:`_solve_pruned`);
        else (or when pruning does not pay) min-cost flow where OR-Tools is installed and
        components where it is not.
    max_bytes
        Memory budget of the solve: expanding packages into one column per slot (dense or
        sparse) or the flow network is projected before it is made, and refused past this.
    limits
        The sizes that choose the route (:class:`~wbamatch.Limits`); never the optimum.

    Raises
    ------
    ResourceLimitError
        The solve would need more than ``max_bytes``.
    InputError
        ``method="flow"`` without OR-Tools installed.

    Returns
    -------
    AssignmentOutcome
        Row and column indices in the numbering of the input; ``solver`` names the path taken;
        ``duals`` the certificate: ``u, v >= 0``, ``u[i] + v[j] >= s[i, j]`` on every given pair
        and a dual total equal to the score.

    Example
    -------
    >>> import numpy as np
    >>> out = solve_edges(np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([0.9, 0.5, 0.8]),
    ...                   np.array([1, 1]), method="sparse")
    >>> out.rows.tolist(), out.cols.tolist()
    ([0, 1], [1, 0])
    >>> round(out.duals.total(np.array([1, 1])), 6) == round(out.total, 6)
    True
    """
    route = _method(method)
    if route == Method.FLOW and not flow_available():
        raise InputError(
            'method="flow" needs OR-Tools: pip install "wbamatch[fast]", or use method="auto"'
        )
    slots64: NDArray[np.int64] = np.asarray(slots, dtype=np.int64)
    full = slots64 <= 0
    top = float(scores.max(initial=0.0))
    rows, cols, scores = _sorted_open(rows, cols, scores, full)
    if rows.size == 0:
        return _nothing(np.where(full, top, 0.0))
    out = _solve_routed(rows, cols, scores, slots64, route, max_bytes, limits)
    assert out.duals is not None
    # A package without slots costs nothing in the dual total, so its price may cover all of
    # its pairs: the certificate then holds for every pair given, not only the solved ones.
    duals = replace(out.duals, cols=np.where(full, top, out.duals.cols))
    return replace(out, duals=duals)


def _sorted_open(
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    scores: NDArray[np.float64],
    full: NDArray[np.bool_],
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
    """The edges sorted by row, then column, without those of packages with no slot left."""
    keys = rows.astype(np.int64)
    keys *= full.size
    keys += cols
    if keys.size > 1 and not bool(np.all(keys[1:] > keys[:-1])):
        # Collected edges come sorted; any other order is sorted here, so every route (and the
        # lookups of the chosen pairs) sees the same edge list and resolves ties the same way.
        order = np.argsort(keys, kind="stable")
        rows, cols, scores = rows[order], cols[order], scores[order]
    ok = ~full[cols]
    if not ok.all():  # (copies of millions of pairs are not free: only when needed)
        rows, cols, scores = rows[ok], cols[ok], scores[ok]
    return rows, cols, scores


def _solve_routed(
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    scores: NDArray[np.float64],
    slots64: NDArray[np.int64],
    route: Method,
    max_bytes: int | None,
    limits: Limits,
) -> AssignmentOutcome:
    """:func:`solve_edges` on pairs of packages with slots, at least one."""
    n_rows = int(rows.max()) + 1

    def exact(
        r: NDArray[np.intp], c: NDArray[np.intp], s: NDArray[np.float64], k: NDArray[np.int64]
    ) -> AssignmentOutcome:
        return _certified(r, c, s, k, n_rows, _auto(r, c, k, limits), max_bytes, limits)

    if route == Method.AUTO and rows.size > max(limits.prune_above, limits.dense_cells):
        # Every pair is a cell of the dense matrix, so this is never the dense case.
        pruned = _solve_pruned(rows, cols, scores, slots64, exact, limits)
        if pruned is not None:
            return pruned
    if route == Method.AUTO:
        return exact(rows, cols, scores, slots64)
    return _certified(rows, cols, scores, slots64, n_rows, route, max_bytes, limits)


def _auto(
    rows: NDArray[np.intp], cols: NDArray[np.intp], slots: NDArray[np.int64], limits: Limits
) -> Method:
    """The route ``auto`` takes on all of these pairs."""
    if _Graph.of(rows, cols, slots).cells <= limits.dense_cells:
        return Method.DENSE
    return Method.FLOW if flow_available() else Method.COMPONENTS


def _certified(
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    scores: NDArray[np.float64],
    slots: NDArray[np.int64],
    n_rows: int,
    route: Method,
    max_bytes: int | None,
    limits: Limits,
) -> AssignmentOutcome:
    """One route's optimum with its duals; a flow whose integer costs misled it on a near-tie
    (no duals exist for the float scores) is solved again on the exact float route."""
    if route == Method.FLOW:
        arcs = rows.size + n_rows + slots.size
        _check_budget(arcs * limits.flow_arc_bytes, max_bytes, f"{rows.size:,} pairs as a flow")
        chosen = solve_flow(rows, cols, scores, slots, n_rows)
        total = float(scores[chosen].sum())
        out = AssignmentOutcome(
            rows[chosen], cols[chosen], total, SolverStatus.OPTIMAL, SolverPath(Step.FLOW)
        )
    else:
        g = _Graph.of(rows, cols, slots)
        if route == Method.COMPONENTS:
            out = _solve_by_component(
                rows, cols, scores, slots, g, max_bytes=max_bytes, limits=limits
            )
        elif route == Method.DENSE:
            out = _solve_dense(g, scores, max_bytes, limits)
        else:
            out = _solve_sparse_within(g, scores, max_bytes, limits)
        chosen = _edge_index(rows, cols, slots.size, out.rows, out.cols)
    # A flow's answer is checked, not trusted: past _FLOW_STEPS (real certificates converge in
    # tens of steps) it goes to the exact route rather than wait for a creeping price.
    steps = _FLOW_STEPS if route == Method.FLOW else None
    duals = dual_prices(rows, cols, scores, slots, chosen, n_rows=n_rows, max_steps=steps)
    if duals is None and route == Method.FLOW:
        return _certified(rows, cols, scores, slots, n_rows, Method.COMPONENTS, max_bytes, limits)
    if duals is None:  # pragma: no cover - the scipy routes are exact
        raise SolverError("the assignment found has no dual certificate; please report this")
    return replace(out, duals=duals)


def _edge_index(
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    m: int,
    chosen_rows: NDArray[np.intp],
    chosen_cols: NDArray[np.intp],
) -> NDArray[np.intp]:
    """Positions of the chosen pairs among the edges (sorted by row, then column)."""
    keys = rows.astype(np.int64) * m + cols
    at: NDArray[np.intp] = np.searchsorted(keys, chosen_rows.astype(np.int64) * m + chosen_cols)
    if at.size and not np.array_equal(keys[np.minimum(at, keys.size - 1)], keys[at]):
        raise SolverError("the solver chose a pair that is not an edge")  # pragma: no cover
    return at
