"""When a run streams its pairs, and how a streamed run proves its optimum over all of them.

A run streams (keeps each package's best pairs while collecting, see
:func:`~wbamatch._compatibility.collect_top_edges`) above ``Limits.stream_above_pairs`` pairs
or when the projection says all compatible pairs would not fit in ``MatchConfig.max_memory_mb``.
After each solve, a package whose dual price is below the best score it dropped gets its
pairs collected again, ``Limits.prune_widen`` times more of them, and the kept pairs are solved
again; in the last allowed round it keeps all of its pairs, so the rounds always end with a
certificate that covers every pair.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .._assignment import AssignmentOutcome
from .._assignment._duals import DUAL_TOLERANCE
from .._compatibility import (
    Edges,
    TopEdges,
    build_compatibility,
    collect_top_edges,
    lookup_id,
    projected_edge_bytes,
    with_columns,
)
from .._exceptions import ResourceLimitError
from .._progress import ProgressOption
from .._results import UnassignedCandidate
from ._problem import Problem
from ._reasons import unassigned_reasons

__all__ = [
    "first_top",
    "forbidden_edges",
    "forbidden_keys",
    "one_person",
    "projected",
    "short_packages",
    "streams",
    "widened",
    "with_full_row",
]


def streams(problem: Problem, max_bytes: int) -> bool:
    """Whether the run streams its pairs (see the module); refused when even that won't fit.

    A run with current placements (``match(current=...)``) does not stream: its stay bonuses
    change what each package's best pairs are, so it keeps all pairs (and is refused by the
    projection when they would not fit).
    """
    n, m, limits = len(problem.cand), len(problem.pkg), problem.limits
    if len(problem.current):
        return False
    if n * m > limits.stream_above_pairs:
        stream = True
    elif n * m > limits.project_above_pairs:
        stream = projected(problem)[0] > max_bytes
    else:
        return False
    # What waits between choices is a few times what is kept (see _Pool in _stream).
    needed = 5 * int(_first_keep(problem).sum()) * limits.edge_bytes
    if needed > max_bytes:
        raise ResourceLimitError(
            f"this run would need about {needed >> 20:,} MB for the best pairs of its "
            f"{m:,} packages, more than MatchConfig.max_memory_mb={max_bytes >> 20:,}; raise "
            "the limit if the machine has the memory, or split the run by region"
        )
    return stream


def projected(problem: Problem) -> tuple[int, int]:
    """Memory all compatible pairs of the run would take, projected from a sample:
    ``(bytes, candidates sampled)`` (:func:`~wbamatch._compatibility.projected_edge_bytes`)."""
    return projected_edge_bytes(
        problem.cand,
        problem.pkg,
        problem.minutes_for,
        problem.config,
        workers=problem.workers,
        limits=problem.limits,
    )


def _first_keep(problem: Problem) -> NDArray[np.int64]:
    """How many pairs each package keeps at first: as many as the first pruned solve."""
    limits = problem.limits
    keep: NDArray[np.int64] = (
        limits.prune_keep_per_slot * problem.pkg.slots + limits.prune_keep_extra
    ).astype(np.int64)
    return keep


def forbidden_keys(problem: Problem) -> NDArray[np.int64]:
    """The pairs a person ruled out (MatchConfig.forbidden) as keys ``row * m + col``."""
    cfg, cand, pkg = problem.config, problem.cand, problem.pkg
    m = len(pkg)
    keys = [
        lookup_id(cand.ids, f.candidate_id, "candidate", f"MatchConfig.forbidden[{k}].candidate_id")
        * m
        + lookup_id(pkg.ids, f.package_id, "package", f"MatchConfig.forbidden[{k}].package_id")
        for k, f in enumerate(cfg.forbidden)
    ]
    return np.asarray(keys, dtype=np.int64)


def forbidden_edges(problem: Problem, edges: Edges) -> NDArray[np.bool_]:
    """Which edges a person ruled out (MatchConfig.forbidden)."""
    banned = np.zeros(edges.rows.size, dtype=np.bool_)
    if not problem.config.forbidden:
        return banned
    keys = forbidden_keys(problem)
    banned[np.isin(edges.rows.astype(np.int64) * len(problem.pkg) + edges.cols, keys)] = True
    return banned


def one_person(
    problem: Problem, edges: Edges, top: TopEdges | None, row: int
) -> UnassignedCandidate:
    """One unplaced person's reasons with every code counted (the travel rules' included,
    which a large run leaves out of its result: ``MatchResult.uncounted_reasons``)."""
    eligible = edges.feasible & (edges.scores >= problem.config.min_score)
    placed = np.ones(len(problem.cand), dtype=np.bool_)
    placed[row] = False
    banned = forbidden_edges(problem, edges)
    found, _ = unassigned_reasons(problem, edges, eligible, banned, placed, top, every_code=True)
    return found[0]


def with_full_row(
    problem: Problem, edges: Edges, offered: NDArray[np.bool_], row: int
) -> tuple[Edges, NDArray[np.bool_]]:
    """A streamed run's edges with every eligible pair of one unplaced candidate row, from the
    same dense code as :func:`wbamatch.compatibility` (a package may have dropped the person),
    and which of them the solver is offered."""
    cand, pkg, cfg = problem.cand, problem.pkg, problem.config
    at = np.array([row])
    comp = build_compatibility(cand.take(at), pkg, problem.minutes_for(at), cfg)
    cols = np.flatnonzero(comp.feasible[0] & (comp.scores[0] >= cfg.min_score))
    others = edges.rows != row
    rows = np.concatenate([edges.rows[others], np.full(cols.size, row, dtype=np.intp)])
    all_cols = np.concatenate([edges.cols[others], cols])
    order = np.argsort(rows.astype(np.int64) * len(pkg) + all_cols, kind="stable")
    joined = Edges(
        rows=rows[order],
        cols=all_cols[order],
        scores=np.concatenate([edges.scores[others], comp.scores[0, cols]])[order],
        feasible=np.ones(order.size, dtype=np.bool_),
        near_miss_code=np.full(order.size, -1, dtype=np.int16),
        shape=edges.shape,
    )
    mine_offered = np.concatenate([offered[others], np.ones(cols.size, dtype=np.bool_)])
    return joined, mine_offered[order] & ~forbidden_edges(problem, joined)


def first_top(problem: Problem, progress: ProgressOption) -> TopEdges:
    """Each package's first share of best pairs, over all candidates."""
    return collect_top_edges(
        problem.cand,
        problem.pkg,
        problem.minutes_for,
        problem.config,
        _first_keep(problem),
        always=forbidden_keys(problem),
        progress=progress,
        workers=problem.workers,
        limits=problem.limits,
    )


def short_packages(top: TopEdges, outcome: AssignmentOutcome) -> NDArray[np.intp]:
    """Packages whose price does not cover the best pair they dropped.

    Every dropped pair ``(i, j)`` scores at most ``dropped_max[j]`` and ``u[i] >= 0``, so
    ``v[j] >= dropped_max[j]`` covers them all.
    """
    assert outcome.duals is not None
    v = np.zeros(top.dropped_max.size)
    v[: outcome.duals.cols.size] = outcome.duals.cols
    short: NDArray[np.intp] = np.flatnonzero(v < top.dropped_max - DUAL_TOLERANCE)
    return short


def widened(problem: Problem, top: TopEdges, cols: NDArray[np.intp], last: bool) -> TopEdges:
    """``top`` with the packages ``cols`` collected again: ``Limits.prune_widen`` times more
    of their pairs, or (``last``) all of them."""
    n, m, limits = len(problem.cand), len(problem.pkg), problem.limits
    keep = top.keep.copy()
    keep[cols] = n if last else np.minimum(keep[cols] * limits.prune_widen, n)
    position = np.full(m, -1, dtype=np.int64)
    position[cols] = np.arange(cols.size)
    always = forbidden_keys(problem)
    rows, at = np.divmod(always, m)
    mine = position[at] >= 0
    sub = collect_top_edges(
        problem.cand,
        problem.pkg.take(cols),
        problem.minutes_to(cols),
        problem.config,
        keep[cols],
        always=rows[mine] * cols.size + position[at[mine]],
        workers=problem.workers,
        limits=limits,
    )
    return with_columns(top, cols, sub, keep)
