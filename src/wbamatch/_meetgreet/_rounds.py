"""In which round: a proper edge colouring of the chosen meetings, on arrays (no models).

A conversation takes one round and nobody can hold two at once, so the rounds are a proper edge
colouring of the bipartite graph of chosen meetings. By König's edge-colouring theorem a
bipartite graph of maximum degree ``Δ`` has one with ``Δ`` colours; it is built with
alternating-path (Kempe chain) swaps, so exactly ``Δ`` rounds are used.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .._exceptions import SolverError

__all__ = ["edge_colouring", "max_degree"]

#: A vertex: ("r", row) or ("c", col).
_Vertex = tuple[str, int]
#: Per vertex, its neighbour along each colour, or None where the colour is free at it.
_Along = dict[_Vertex, list[_Vertex | None]]


def max_degree(rows: NDArray[np.intp], cols: NDArray[np.intp]) -> int:
    """The most edges at one vertex, row or column: the rounds a plan needs (König).

    Example
    -------
    >>> import numpy as np
    >>> none = np.array([], dtype=np.intp)
    >>> max_degree(np.array([0, 0, 1]), np.array([0, 1, 0])), max_degree(none, none)
    (2, 0)
    """
    if rows.size == 0:
        return 0
    return int(max(np.bincount(rows).max(), np.bincount(cols).max()))


def edge_colouring(rows: NDArray[np.intp], cols: NDArray[np.intp]) -> NDArray[np.intp]:
    """Proper edge colouring of a bipartite graph with exactly Δ colours (König).

    Edges ``(rows[e], cols[e])`` are unique. Returns the colour of each edge in ``0 .. Δ-1``;
    colour classes are renumbered by size, largest first (ties by colour). Edges are coloured in
    the given order, each with a colour free at both ends after at most one alternating-path
    (Kempe chain) swap, so the result is a deterministic function of the input.

    Example
    -------
    >>> import numpy as np
    >>> edge_colouring(np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])).tolist()
    [1, 0, 0, 1]
    """
    delta = max_degree(rows, cols)
    at: _Along = {}
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        u, v = ("r", i), ("c", j)
        fu = at.setdefault(u, [None] * delta)
        fv = at.setdefault(v, [None] * delta)
        a = fu.index(None)  # free at u: u has fewer than Δ coloured edges
        if fv[a] is not None:
            _swap_along_path(at, u, v, a, fv.index(None))
        fu[a] = v
        fv[a] = u
    colour_of = np.empty(rows.size, dtype=np.intp)
    for e, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        colour_of[e] = at[("r", i)].index(("c", j))
    sizes = np.bincount(colour_of, minlength=delta)
    order = sorted(range(delta), key=lambda k: (-int(sizes[k]), k))
    relabel = np.empty(delta, dtype=np.intp)
    relabel[order] = np.arange(delta)
    result: NDArray[np.intp] = relabel[colour_of] if rows.size else colour_of
    return result


def _swap_along_path(at: _Along, u: _Vertex, v: _Vertex, a: int, b: int) -> None:
    """Free colour ``a`` at ``v``: swap colours ``a`` and ``b`` on the path from ``v``.

    The path runs from ``v`` along colours a, b, a, ... In a bipartite graph it cannot reach
    ``u`` (``u`` would be entered along colour ``a``, which is free at ``u``).
    """
    path = [v]
    colour = a
    nxt = at[v][a]
    while nxt is not None:
        path.append(nxt)
        colour = b if colour == a else a
        nxt = at[nxt][colour]
    if u in path:  # pragma: no cover - impossible in a bipartite graph
        raise SolverError("edge colouring: alternating path closed a cycle")
    for k in range(len(path) - 1):
        old = a if k % 2 == 0 else b
        at[path[k]][old] = None
        at[path[k + 1]][old] = None
    for k in range(len(path) - 1):
        new = b if k % 2 == 0 else a
        at[path[k]][new] = path[k + 1]
        at[path[k + 1]][new] = path[k]
