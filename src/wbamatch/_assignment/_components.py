"""Split the pair graph into connected components and solve them apart."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .._limits import DEFAULT_LIMITS, Limits
from ._dense import _solve_dense
from ._outcome import (
    AssignmentOutcome,
    SolverPath,
    SolverStatus,
    Step,
    _Graph,
)
from ._sparse import _solve_sparse_within

__all__: list[str] = []


def _solve_by_component(
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    scores: NDArray[np.float64],
    slots: NDArray[np.int64],
    g: _Graph | None = None,
    *,
    max_bytes: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> AssignmentOutcome:
    """Split the pair graph into connected components and solve them apart.

    Components share no candidate and no package, so the optimum is the union of their optima.
    Small components are batched into dense solves of at most ``limits.dense_cells`` cells;
    a component too large for that gets the sparse solver on its own. ``solver`` reports the mix.
    """
    g = g if g is not None else _Graph.of(rows, cols, slots)
    n_comp, labels = _components(g, rows.size)
    if n_comp == 1:  # nothing to split: straight to the sparse solver, no regrouping
        one = _solve_sparse_within(g, scores, max_bytes, limits)
        path = SolverPath(Step.COMPONENTS, 1, (one.path,))
        return AssignmentOutcome(one.rows, one.cols, one.total, one.status, path)
    edge_label = labels[g.r_local]
    # Size of each component's dense matrix, as solve_edges would estimate it.
    comp_rows = np.bincount(labels[: g.n_rows], minlength=n_comp)
    comp_slots = np.bincount(labels[g.n_rows :], weights=g.slot_count, minlength=n_comp).astype(
        np.int64
    )
    small = np.minimum(comp_rows, comp_slots)
    comp_cells = small * (np.maximum(comp_rows, comp_slots) + small)
    order = np.argsort(edge_label, kind="stable")
    bounds = np.searchsorted(edge_label[order], np.arange(n_comp + 1))
    parts: list[AssignmentOutcome] = []
    for batch in _batches(comp_cells, limits.dense_cells):
        edges = np.concatenate([order[bounds[c] : bounds[c + 1]] for c in batch])
        part = _Graph.of(rows[edges], cols[edges], slots)
        if sum(int(comp_cells[c]) for c in batch) <= limits.dense_cells:
            parts.append(_solve_dense(part, scores[edges], max_bytes, limits))
        else:
            parts.append(_solve_sparse_within(part, scores[edges], max_bytes, limits))
    return _union(parts, n_comp)


def _components(g: _Graph, n_edges: int) -> tuple[int, NDArray[np.int32]]:
    """Connected components of the bipartite graph (rows first, then columns, in ``labels``)."""
    from scipy.sparse import coo_array, csr_array
    from scipy.sparse.csgraph import connected_components

    n_r, n_c = g.n_rows, g.ucols.size
    ones = np.ones(n_edges, dtype=np.int8)
    shape = (n_r + n_c,) * 2
    graph: csr_array | coo_array
    if n_edges < 2 or bool(np.all(g.r_local[1:] >= g.r_local[:-1])):
        # Edges sorted by row (as collected): the CSR form directly, without a sort.
        indptr = np.zeros(n_r + n_c + 1, dtype=np.int64)
        np.cumsum(np.bincount(g.r_local, minlength=n_r), out=indptr[1 : n_r + 1])
        indptr[n_r + 1 :] = n_edges
        graph = csr_array((ones, n_r + g.c_local, indptr), shape=shape)
    else:
        graph = coo_array((ones, (g.r_local, n_r + g.c_local)), shape=shape)
    n_comp, labels = connected_components(graph, directed=False)
    return int(n_comp), labels


def _batches(comp_cells: NDArray[np.int64], limit: int) -> list[list[int]]:
    """Components grouped, smallest first, into batches of at most ``limit`` dense cells."""
    batches: list[list[int]] = []
    batch_cells = 0
    for comp in np.argsort(comp_cells, kind="stable").tolist():
        if not batches or batch_cells + comp_cells[comp] > limit:
            batches.append([])
            batch_cells = 0
        batches[-1].append(comp)
        batch_cells += int(comp_cells[comp])
    return batches


def _union(parts: list[AssignmentOutcome], n_comp: int) -> AssignmentOutcome:
    """The optima of disjoint components as one outcome, sorted by row."""
    out_rows = np.concatenate([p.rows for p in parts])
    out_cols = np.concatenate([p.cols for p in parts])
    by_row = np.argsort(out_rows, kind="stable")
    paths = sorted({p.path for p in parts if p.path.step != Step.NONE}, key=str)
    return AssignmentOutcome(
        out_rows[by_row],
        out_cols[by_row],
        float(sum(p.total for p in parts)),
        SolverStatus.OPTIMAL,
        SolverPath(Step.COMPONENTS, n_comp, tuple(paths)),
    )
