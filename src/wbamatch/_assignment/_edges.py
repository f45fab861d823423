"""The entry point on edge lists: choose a route by size and solve exactly."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .._limits import DEFAULT_LIMITS, Limits
from ._components import _solve_by_component
from ._dense import _solve_dense
from ._outcome import AssignmentOutcome, Method, _Graph, _method, _nothing
from ._pruned import _solve_pruned
from ._sparse import _solve_sparse_within

__all__ = ["solve_edges"]


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
    """Maximise the total score over an edge list: the sparse form of :func:`solve`.

    Parameters
    ----------
    rows, cols, scores
        Eligible pairs ``(rows[k], cols[k])`` with their scores in [0, 1]; each pair once.
    slots
        Slots per column (package).
    method
        ``"dense"`` (``linear_sum_assignment`` on the active rows and slot columns),
        ``"sparse"`` (``scipy.sparse.csgraph.min_weight_full_bipartite_matching``),
        ``"components"`` (the pair graph split into connected components, solved apart: dense
        in batches of small components, sparse for a component too large) or ``"auto"``: dense
        while the matrix stays under ``limits.dense_cells`` cells, else (above
        ``limits.prune_above`` pairs) first on each package's best candidates only, proven optimal
        for all pairs or widened until it is (:func:`_solve_pruned`), else components.
    max_bytes
        Memory budget of the solve: expanding packages into one column per slot (dense or
        sparse) is projected before it is made, and refused past this many bytes.
    limits
        The sizes that choose the route (:class:`~wbamatch.Limits`); never the optimum.

    Raises
    ------
    ResourceLimitError
        The slot expansion would need more than ``max_bytes``.

    Returns
    -------
    AssignmentOutcome
        Row and column indices in the numbering of the input; ``solver`` names the path taken.

    Example
    -------
    >>> import numpy as np
    >>> out = solve_edges(np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([0.9, 0.5, 0.8]),
    ...                   np.array([1, 1]), method="sparse")
    >>> out.rows.tolist(), out.cols.tolist()
    ([0, 1], [1, 0])
    """
    route = _method(method)
    slots64: NDArray[np.int64] = np.asarray(slots, dtype=np.int64)
    ok = slots64[cols] > 0
    if not ok.all():  # (copies of millions of pairs are not free: only when needed)
        rows, cols, scores = rows[ok], cols[ok], scores[ok]
    if rows.size == 0:
        return _nothing()
    if route == Method.AUTO and rows.size > max(limits.prune_above, limits.dense_cells):
        # Every pair is a cell of the dense matrix, so this is never the dense case.
        pruned = _solve_pruned(rows, cols, scores, slots64, max_bytes, limits)
        if pruned is not None:
            return pruned
        route = Method.COMPONENTS
    g = _Graph.of(rows, cols, slots64)
    if route == Method.AUTO:
        route = Method.DENSE if g.cells <= limits.dense_cells else Method.COMPONENTS
    if route == Method.COMPONENTS:
        return _solve_by_component(
            rows, cols, scores, slots64, g, max_bytes=max_bytes, limits=limits
        )
    if route == Method.DENSE:
        return _solve_dense(g, scores, max_bytes, limits)
    return _solve_sparse_within(g, scores, max_bytes, limits)
