"""The fast route: OR-Tools' min-cost flow on package capacities (the ``wbamatch[fast]`` extra).

One arc per pair, one per candidate from the source and one per package to the sink with the
package's slots as capacity, so slots are never expanded into columns. A bypass arc from source to
sink lets every candidate stay unplaced at no cost, so the flow places someone only where it
gains. OR-Tools needs integer costs: scores are scaled as far as its cost range allows (about
1e12 on a national run), which rounds each score by at most 5e-13. The chosen assignment is then
proven optimal for the float scores by its dual certificate (:mod:`._duals`); when rounding made a
near-tie come out the other way, the certificate fails and the caller solves again exactly.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import Final

import numpy as np
from numpy.typing import NDArray

from .._exceptions import SolverError

__all__ = ["flow_available", "solve_flow"]

#: Largest scale of scores to integer costs. OR-Tools' cost scaling multiplies costs by the number
#: of nodes, and the sum along a path must stay inside int64 too.
_MAX_SCALE: Final[float] = 1e12


def flow_available() -> bool:
    """Whether OR-Tools' min-cost flow can be imported (``pip install "wbamatch[fast]"``)."""
    return find_spec("ortools") is not None


def solve_flow(
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    scores: NDArray[np.float64],
    slots: NDArray[np.int64],
    n_rows: int,
) -> NDArray[np.intp]:
    """Indices of the edges a maximum-score assignment places (integer-scaled scores).

    Example
    -------
    >>> import numpy as np
    >>> if flow_available():
    ...     solve_flow(np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([0.9, 0.5, 0.8]),
    ...                np.array([1, 1]), 2).tolist()
    ... else:
    ...     [1, 2]
    [1, 2]
    """
    from ortools.graph.python import min_cost_flow

    # Only the rows with an edge become nodes (a restricted problem keeps far fewer).
    present = np.zeros(n_rows, dtype=np.bool_)
    present[rows] = True
    local = np.cumsum(present, dtype=np.int64) - 1
    rows = local[rows]
    n_rows = int(present.sum())
    m = slots.size
    nodes = n_rows + m + 2
    source, sink = n_rows + m, n_rows + m + 1
    scale = min(_MAX_SCALE, float(2**62 // (8 * (nodes + 1))))
    arange_n, arange_m = np.arange(n_rows), np.arange(m)
    tails = np.concatenate([np.full(n_rows, source), rows, n_rows + arange_m, [source]])
    heads = np.concatenate([arange_n, n_rows + cols, np.full(m, sink), [sink]])
    capacities = np.concatenate(
        [np.ones(n_rows + rows.size, dtype=np.int64), slots.astype(np.int64), [n_rows]]
    )
    costs = np.zeros(tails.size, dtype=np.int64)
    costs[n_rows : n_rows + rows.size] = -np.rint(scores * scale).astype(np.int64)
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), capacities, costs
    )
    flow.set_nodes_supplies(np.array([source, sink], dtype=np.int32), np.array([n_rows, -n_rows]))
    status = flow.solve()
    if status != flow.OPTIMAL:  # pragma: no cover - the bypass arc makes every instance feasible
        raise SolverError(f"OR-Tools min-cost flow ended with status {status}")
    placed: NDArray[np.intp] = np.flatnonzero(
        flow.flows(np.arange(n_rows, n_rows + rows.size, dtype=np.int32)) > 0
    )
    return placed
