"""Each package's best pairs, kept while the blocks are collected: a national run in memory.

A national register has over a hundred million compatible pairs, of which the optimum and
its certificate need only each package's best few (see :func:`_solve_pruned` in
:mod:`wbamatch._assignment`). Streaming keeps those while the blocks are collected and
remembers, per package, the best score it dropped: when the package's dual price is at least
that score, every dropped pair is covered by the certificate (the candidate's price is never
negative), so the optimum over the kept pairs is the optimum over all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .._config import MatchConfig
from .._encode import CandidateArrays, PackageArrays
from .._limits import DEFAULT_LIMITS, Limits
from .._parallel import in_order
from .._progress import ProgressOption, track
from .._topk import top_per_group
from ._dense import MinutesFor
from ._edges import Edges, _BlockPlan

__all__ = [
    "Tally",
    "TopEdges",
    "collect_top_edges",
    "feasible_blocks",
    "with_columns",
]


@dataclass(frozen=True, eq=False)
class Tally:
    """Counts over every feasible pair of a streamed run, of which only some were kept."""

    #: Per candidate row: packages that break no hard rule.
    row_feasible: NDArray[np.int64]
    #: Per candidate row: of those, packages at or above the minimum score.
    row_eligible: NDArray[np.int64]
    #: Per package: candidates that break no hard rule.
    col_feasible: NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class TopEdges:
    """The pairs a streamed collection kept, and what it left out.

    ``edges`` holds eligible pairs only (feasible, at or above the minimum score), rows
    sorted: each package's ``keep`` best (score, then row) and every pair of ``always``.
    """

    edges: Edges
    #: Per package, the best score among the eligible pairs it dropped (-inf: none dropped).
    dropped_max: NDArray[np.float64]
    tally: Tally
    #: Per package, how many pairs it was allowed to keep.
    keep: NDArray[np.int64]


def collect_top_edges(
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes_for: MinutesFor,
    config: MatchConfig,
    keep: NDArray[np.int64],
    *,
    always: NDArray[np.int64] | None = None,
    progress: ProgressOption = False,
    workers: int | None = 1,
    limits: Limits = DEFAULT_LIMITS,
) -> TopEdges:
    """Each package's ``keep[j]`` best eligible pairs, collected block by block.

    The blocks are those of :func:`collect_edges`, from the same code. The kept pairs are
    chosen again whenever the pairs waiting exceed ``Limits.stream_pool_pairs`` (or four times
    what is kept), and in between a new pair waits only when it beats its package's lowest
    kept score, so memory stays at a few times ``keep.sum()`` pairs however many are
    compatible. Ties go to the lower row, so the pairs kept do not depend on the blocks.
    ``always``: keys ``row * m + col`` of pairs kept whatever their rank (the pairs a person
    ruled out, which the result counts).

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._pipeline import prepare
    >>> p = prepare(*wbamatch.demo_data(), None, None)
    >>> top = collect_top_edges(p.cand, p.pkg, p.minutes_for, p.config, np.ones(8, np.int64))
    >>> int(np.bincount(top.edges.cols, minlength=8).max()), int(top.tally.row_feasible.sum())
    (1, 13)
    """
    n, m = len(cand), len(pkg)
    keys_always = np.unique(always) if always is not None else np.empty(0, np.int64)
    tally = Tally(np.zeros(n, np.int64), np.zeros(n, np.int64), np.zeros(m, np.int64))
    pool = _Pool(keep, m, limits.stream_pool_pairs)
    for start, i, j, scores in feasible_blocks(
        cand, pkg, minutes_for, config, progress=progress, workers=workers, limits=limits
    ):
        size = min(max(1, limits.pairs_per_block // max(m, 1)), n - start)
        tally.row_feasible[start : start + size] = np.bincount(i - start, minlength=size)
        tally.col_feasible[:] += np.bincount(j, minlength=m)
        ok = scores >= config.min_score
        i, j, scores = i[ok], j[ok], scores[ok]
        tally.row_eligible[start : start + size] = np.bincount(i - start, minlength=size)
        pool.add(i, j, scores, keys_always)
    edges, dropped_max = pool.kept((n, m))
    return TopEdges(edges, dropped_max, tally, np.asarray(keep, dtype=np.int64))


def feasible_blocks(
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes_for: MinutesFor,
    config: MatchConfig,
    *,
    progress: ProgressOption = False,
    workers: int | None = 1,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[tuple[int, NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]]:
    """The feasible pairs of each block of :func:`collect_edges` (same code, same blocks), as
    ``(first row, rows, columns, scores)``, without keeping any of them.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._pipeline import prepare
    >>> p = prepare(*wbamatch.demo_data(), None, None)
    >>> sum(i.size for _, i, _, _ in feasible_blocks(p.cand, p.pkg, p.minutes_for, p.config))
    13
    """
    n, m = len(cand), len(pkg)
    block = max(1, limits.pairs_per_block // max(m, 1))
    plan = _BlockPlan(
        cand, pkg, minutes_for, config, False, one_pass=False, counting=False, block=block
    )
    starts = range(0, n, block)
    blocks = track(in_order(plan.edges, starts, workers), len(starts), "matching", progress)
    for start, ((i, j, scores, _feasible, _code), _comps, _counts) in zip(
        starts, blocks, strict=True
    ):
        # Every edge of a block breaks no hard rule (no near misses were asked for).
        yield start, i, j, scores


class _Pool:
    """Pairs waiting and kept; the kept ones are chosen again when too many wait."""

    def __init__(self, keep: NDArray[np.int64], m: int, pool_pairs: int) -> None:
        self.keep = np.asarray(keep, dtype=np.int64)
        self.m = m
        self.dropped_max = np.full(m, -np.inf)
        self.parts: list[tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]] = []
        self.fixed: list[tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]] = []
        self.waiting = 0
        # Choosing again costs a pass over what waits: only once it is a few times the kept.
        self.budget = max(4 * int(self.keep.sum()), pool_pairs)
        #: Per package, the score a new pair must beat to be kept: its lowest kept score once
        #: it keeps ``keep[j]`` (blocks come in row order, so a new pair loses every tie).
        self.bar = np.where(self.keep > 0, -np.inf, np.inf)

    def add(
        self,
        i: NDArray[np.intp],
        j: NDArray[np.intp],
        s: NDArray[np.float64],
        always: NDArray[np.int64],
    ) -> None:
        if always.size:
            fixed = np.isin(i.astype(np.int64) * self.m + j, always)
            if fixed.any():
                self.fixed.append((i[fixed], j[fixed], s[fixed]))
                i, j, s = i[~fixed], j[~fixed], s[~fixed]
        beats = s > self.bar[j]
        if not beats.all():
            np.maximum.at(self.dropped_max, j[~beats], s[~beats])
            i, j, s = i[beats], j[beats], s[beats]
        self.parts.append((i, j, s))
        self.waiting += i.size
        if self.waiting > self.budget:
            self._choose()

    def _choose(self) -> None:
        i, j, s = (np.concatenate(a) for a in zip(*self.parts, strict=True))
        picked = np.zeros(i.size, dtype=np.bool_)
        picked[top_per_group(j, i, s, self.keep)] = True
        np.maximum.at(self.dropped_max, j[~picked], s[~picked])
        i, j, s = i[picked], j[picked], s[picked]
        self.parts = [(i, j, s)]
        self.waiting = i.size
        full = np.bincount(j, minlength=self.m) >= self.keep
        lowest = np.full(self.m, np.inf)
        np.minimum.at(lowest, j, s)
        self.bar = np.where(full, lowest, self.bar)

    def kept(self, shape: tuple[int, int]) -> tuple[Edges, NDArray[np.float64]]:
        if self.parts:
            self._choose()
        parts = self.parts + self.fixed
        if parts:
            i, j, s = (np.concatenate(a) for a in zip(*parts, strict=True))
        else:
            i, j, s = np.empty(0, np.intp), np.empty(0, np.intp), np.empty(0)
        order = np.argsort(i.astype(np.int64) * self.m + j, kind="stable")
        edges = Edges(
            rows=i[order].astype(np.intp),
            cols=j[order].astype(np.intp),
            scores=s[order],
            feasible=np.ones(order.size, dtype=np.bool_),
            near_miss_code=np.full(order.size, -1, dtype=np.int16),
            shape=shape,
        )
        return edges, self.dropped_max


def with_columns(
    top: TopEdges, cols: NDArray[np.intp], sub: TopEdges, keep: NDArray[np.int64]
) -> TopEdges:
    """``top`` with the pairs of the packages ``cols`` replaced by ``sub``'s (collected for
    those packages only, numbered ``0 .. cols.size - 1``); the tally stays ``top``'s.

    Example
    -------
    >>> e = Edges(np.array([0, 1]), np.array([0, 1]), np.array([.5, .6]), np.ones(2, bool),
    ...           np.full(2, -1, np.int16), (2, 2))
    >>> t = Tally(np.ones(2, np.int64), np.ones(2, np.int64), np.ones(2, np.int64))
    >>> top = TopEdges(e, np.array([-np.inf, .4]), t, np.ones(2, np.int64))
    >>> f = Edges(np.array([0, 1]), np.array([0, 0]), np.array([.3, .6]), np.ones(2, bool),
    ...           np.full(2, -1, np.int16), (2, 1))
    >>> sub = TopEdges(f, np.array([-np.inf]), t, np.ones(1, np.int64))
    >>> out = with_columns(top, np.array([1]), sub, np.array([1, 2]))
    >>> out.edges.rows.tolist(), out.edges.cols.tolist(), out.dropped_max.tolist()
    ([0, 0, 1], [0, 1, 1], [-inf, -inf])
    """
    e, f = top.edges, sub.edges
    m = e.shape[1]
    theirs = np.zeros(m, dtype=np.bool_)
    theirs[cols] = True
    stay = ~theirs[e.cols]
    rows = np.concatenate([e.rows[stay], f.rows])
    new_cols = np.concatenate([e.cols[stay], cols[f.cols]])
    scores = np.concatenate([e.scores[stay], f.scores])
    order = np.argsort(rows.astype(np.int64) * m + new_cols, kind="stable")
    edges = Edges(
        rows=rows[order],
        cols=new_cols[order].astype(np.intp),
        scores=scores[order],
        feasible=np.ones(order.size, dtype=np.bool_),
        near_miss_code=np.full(order.size, -1, dtype=np.int16),
        shape=e.shape,
    )
    dropped_max = top.dropped_max.copy()
    dropped_max[cols] = sub.dropped_max
    return TopEdges(edges, dropped_max, top.tally, keep)
