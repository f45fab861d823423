"""Feasible pairs as an edge list, collected block by block under a memory budget."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._config import MatchConfig
from .._constraints import (
    PairContext,
    code_mask,
    evaluate,
    evaluate_feasible,
    evaluate_pairs,
    has_pairs_form,
)
from .._encode import CandidateArrays, PackageArrays
from .._exceptions import ResourceLimitError
from .._limits import DEFAULT_LIMITS, Limits
from .._parallel import in_order
from .._progress import ProgressOption, track
from .._scoring import combine, score_components
from .._vocabulary import SCORE_COMPONENTS
from ..rules import REGISTRY
from ._dense import MinutesFor, flat_pairs, listed_minutes, near_miss_mask

__all__ = [
    "Edges",
    "block_violations",
    "collect_edges",
    "pair_minutes",
    "projected_edge_bytes",
    "rows_minutes",
]


@dataclass(frozen=True, eq=False)
class Edges:
    """The pairs worth keeping, as parallel arrays (an edge list), rows sorted.

    ``feasible`` marks pairs that break no hard rule; the others (only present when near misses
    were asked for) break exactly one, whose reason code index is in ``near_miss_code``.
    """

    rows: NDArray[np.intp]
    cols: NDArray[np.intp]
    scores: NDArray[np.float64]
    feasible: NDArray[np.bool_]
    near_miss_code: NDArray[np.int16]
    shape: tuple[int, int]
    components: dict[str, NDArray[np.float64]] = field(default_factory=dict)
    #: Per candidate row, how many packages each code of ``REGISTRY.codes`` rules out in hard
    #: mode, when it was asked for and the pairs came from one pass with every travel time
    #: (otherwise None: :func:`~wbamatch._compatibility.hard_reason_counts` counts them).
    reason_counts: NDArray[np.int64] | None = None

    def positions(self, rows: NDArray[np.integer], cols: NDArray[np.integer]) -> NDArray[np.intp]:
        """Where the pairs ``(rows[k], cols[k])`` stand in the edge list, -1 for a pair that is
        not an edge (the list is sorted by row, then column).

        Example
        -------
        >>> e = Edges(np.array([0, 1]), np.array([2, 0]), np.array([0.5, 0.7]),
        ...           np.ones(2, bool), np.full(2, -1, np.int16), (2, 3))
        >>> e.positions(np.array([1, 0]), np.array([0, 0])).tolist()
        [1, -1]
        """
        m = self.shape[1]
        keys = self.rows.astype(np.int64) * m + self.cols
        wanted = np.asarray(rows, dtype=np.int64) * m + np.asarray(cols, dtype=np.int64)
        at = np.minimum(np.searchsorted(keys, wanted), max(keys.size - 1, 0))
        found = keys[at] == wanted if keys.size else np.zeros(wanted.size, dtype=np.bool_)
        out: NDArray[np.intp] = np.where(found, at, -1).astype(np.intp)
        return out


#: One block's edges (row, column, score, feasible, near-miss code), its score components and
#: its reason counts (when asked for and the block had every travel time).
_Block = tuple[tuple[NDArray[Any], ...], dict[str, NDArray[np.float64]], NDArray[np.int64] | None]


def collect_edges(
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes_for: MinutesFor,
    config: MatchConfig,
    *,
    near_misses: bool = False,
    keep_components: bool = False,
    reason_counts: bool = False,
    pairs_per_block: int | None = None,
    progress: ProgressOption = False,
    max_bytes: int | None = None,
    workers: int | None = 1,
    limits: Limits = DEFAULT_LIMITS,
) -> Edges:
    """Feasible pairs (and, on request, pairs breaking exactly one hard rule) with their scores.

    Works through the candidates in blocks so peak memory stays bounded, and scores only the
    pairs that survive the rules. ``progress`` reports blocks done (a callback may raise to
    cancel); past ``max_bytes`` of kept pairs a :class:`ResourceLimitError` stops the run.
    ``workers``: threads for the blocks (None = the machine's cores); only when ``minutes_for``
    may be called from several threads at once. ``reason_counts``: count each row's hard-rule
    codes in the same pass where that pass has every travel time, the service-sized case
    (``Edges.reason_counts``; otherwise :func:`hard_reason_counts` counts them for the rows
    that need them, which measured cheaper than counting every row in the pass: 100,000 x
    10,000 took 31.6 s to collect with the counts, 15.2 s without).
    """
    n, m = len(cand), len(pkg)
    block = max(1, (pairs_per_block or limits.pairs_per_block) // max(m, 1))
    plan = _BlockPlan(
        cand,
        pkg,
        minutes_for,
        config,
        near_misses=near_misses,
        # A near miss may break the commute rule alone, and a service-sized call is faster in
        # one pass: travel times everywhere.
        one_pass=near_misses or n * m <= limits.small_pairs,
        counting=reason_counts,
        block=block,
    )
    parts: list[tuple[NDArray[Any], ...]] = []
    comp_parts: dict[str, list[NDArray[np.float64]]] = {}
    counts: list[NDArray[np.int64]] = []
    kept = 0
    per_edge = limits.edge_bytes + (8 * len(SCORE_COMPONENTS) if keep_components else 0)
    starts = range(0, n, block)
    blocks = track(in_order(plan.edges, starts, workers), len(starts), "matching", progress)
    for start, (part, comps, block_counts) in zip(starts, blocks, strict=True):
        parts.append(part)
        if block_counts is not None:
            counts.append(block_counts)
        kept += part[0].size
        if max_bytes is not None and kept * per_edge > max_bytes:
            raise ResourceLimitError(
                f"the compatible pairs need more than {max_bytes // 2**20} MB after "
                f"{start + block} of {n} candidates; raise MatchConfig.max_memory_mb, tighten "
                "the rules (a lower default commute, min_score) or split the run by region"
            )
        if keep_components:
            for name, values in comps.items():
                comp_parts.setdefault(name, []).append(values)
    edges = _joined(parts, comp_parts, (n, m))
    if counts:
        edges = replace(edges, reason_counts=np.concatenate(counts))
    return edges


@dataclass(frozen=True)
class _BlockPlan:
    """How one block of candidate rows becomes edges (see :func:`collect_edges`)."""

    cand: CandidateArrays
    pkg: PackageArrays
    minutes_for: MinutesFor
    config: MatchConfig
    near_misses: bool
    one_pass: bool
    counting: bool
    block: int

    def edges(self, start: int) -> _Block:
        """The edges of the rows from ``start`` on, their score parts and reason counts."""
        cand, pkg, config = self.cand, self.pkg, self.config
        rows = slice(start, min(len(cand), start + self.block))
        cb = cand.take(rows)
        block_counts = None
        code = None
        if self.one_pass:
            ctx = PairContext(minutes=self.minutes_for(rows), config=config)
            counting = self.counting is not None
            outcome = evaluate(cb, pkg, ctx, want_bits=self.near_misses, want_code_counts=counting)
            block_counts = outcome.code_counts
            keep = outcome.feasible
            if self.near_misses:
                assert outcome.bits is not None
                hard_bits = outcome.bits & code_mask(config, "hard")
                keep = keep | _near_misses(cb, pkg, config, hard_bits, ctx.minutes)
            i, j = np.nonzero(keep)
            n_penalties = outcome.n_penalties[i, j]
            feasible = outcome.feasible[i, j]
            if self.near_misses:
                # The single set bit's position is the index of its reason code.
                code = np.where(feasible, -1, np.log2(hard_bits[i, j] | 1).astype(np.int16))
        else:
            ctx, i, j, n_penalties = _travel_last(cb, pkg, rows, self.minutes_for, config)
            feasible = np.ones(i.size, dtype=np.bool_)
        comps = score_components(cb, pkg, ctx, i, j)
        scores = combine(comps, n_penalties.astype(np.int64), config.penalty)
        if code is None:
            code = np.full(i.size, -1, dtype=np.int16)
        return (i + start, j, scores, feasible, code.astype(np.int16)), comps, block_counts


def _near_misses(
    cb: CandidateArrays,
    pkg: PackageArrays,
    config: MatchConfig,
    hard_bits: NDArray[np.uint64],
    minutes: NDArray[np.float64],
) -> NDArray[np.bool_]:
    """Pairs one hard rule away, unless that rule is the candidate's own "no", and near enough
    to passing (:attr:`MatchConfig.near_miss`)."""
    one: NDArray[np.bool_] = (np.bitwise_count(hard_bits) == 1) & (
        (hard_bits & REGISTRY.unrelaxable_bits) == 0
    )
    ni, nj = np.nonzero(one)
    if ni.size:
        idx = np.log2(hard_bits[ni, nj]).astype(np.int16)
        near = near_miss_mask(cb, pkg, config, ni, nj, idx, minutes[ni, nj])
        one[ni[~near], nj[~near]] = False
    return one


def _joined(
    parts: list[tuple[NDArray[Any], ...]],
    comp_parts: dict[str, list[NDArray[np.float64]]],
    shape: tuple[int, int],
) -> Edges:
    """The blocks' edges as one edge list, in block (so row) order."""
    if not parts:
        parts = [tuple(np.empty(0, dtype=t) for t in (np.intp, np.intp, float, bool, np.int16))]
    return Edges(
        rows=np.concatenate([p[0] for p in parts]).astype(np.intp),
        cols=np.concatenate([p[1] for p in parts]).astype(np.intp),
        scores=np.concatenate([p[2] for p in parts]),
        feasible=np.concatenate([p[3] for p in parts]),
        near_miss_code=np.concatenate([p[4] for p in parts]),
        shape=shape,
        components={name: np.concatenate(v) for name, v in comp_parts.items()},
    )


def projected_edge_bytes(
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes_for: MinutesFor,
    config: MatchConfig,
    *,
    workers: int | None = 1,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[int, int]:
    """Memory the compatible pairs of the whole run will take, projected from a sample.

    Collects the edges of ``limits.sample_candidates`` candidates spread evenly over the (id
    sorted) list, with the same code as the run, and scales up at ``limits.edge_bytes`` an
    edge. Returns ``(bytes, sampled)``.
    """
    n = len(cand)
    sample = np.unique(np.linspace(0, n - 1, min(n, limits.sample_candidates)).astype(np.intp))

    edges = collect_edges(
        cand.take(sample),
        pkg,
        rows_minutes(minutes_for, sample),
        config,
        workers=workers,
        limits=limits,
    )
    return int(edges.rows.size / sample.size * n * limits.edge_bytes), int(sample.size)


def rows_minutes(minutes_for: MinutesFor, picked: NDArray[np.intp]) -> MinutesFor:
    """``minutes_for`` of the candidate rows ``picked``, numbered from 0 (for a collection of
    some candidates only).

    Example
    -------
    >>> table = np.arange(6.0).reshape(3, 2)
    >>> rows_minutes(lambda rows, where=None: table[rows], np.array([2, 0]))(slice(0, 2))
    array([[4., 5.],
           [0., 1.]])
    """

    def of_picked(
        rows: slice | NDArray[np.intp], where: NDArray[np.bool_] | None = None
    ) -> NDArray[np.float64]:
        return minutes_for(picked[rows], where)

    return of_picked


def _travel_last(
    cb: CandidateArrays,
    pkg: PackageArrays,
    rows: slice,
    minutes_for: MinutesFor,
    config: MatchConfig,
) -> tuple[PairContext, NDArray[np.intp], NDArray[np.intp], NDArray[np.int8]]:
    """The feasible pairs ``(i, j)`` of a block and their penalty counts, with travel times
    computed only where no other rule objects, and a context with those pairs' minutes.

    The travel rules, too, run only on those pairs when they all have a pairs form
    (:attr:`~wbamatch.rules.Rule.pairs`): 14% of the pairs of a 20,000 x 5,000 run.
    """
    unknown = np.broadcast_to(np.float64(np.nan), (len(cb), len(pkg)))
    first = evaluate_feasible(
        cb, pkg, PairContext(minutes=unknown, config=config), rules=REGISTRY.place_free
    )
    i, j = flat_pairs(first.feasible)
    if has_pairs_form(REGISTRY.travel):
        minutes = listed_minutes(minutes_for, rows, first.feasible, i, j)
        listed = PairContext(minutes=minutes, config=config)
        second = evaluate_pairs(cb, pkg, listed, i, j, rules=REGISTRY.travel)
        ok, n_penalties = second.feasible, second.n_penalties
    else:
        grid = PairContext(minutes=minutes_for(rows, first.feasible), config=config)
        second = evaluate(cb, pkg, grid, rules=REGISTRY.travel)
        minutes = grid.minutes[i, j]
        ok, n_penalties = second.feasible[i, j], second.n_penalties[i, j]
    if first.n_penalties.any():
        n_penalties = n_penalties + first.n_penalties[i, j]
    # A fifth of the listed pairs stay: their positions once, then four small gathers (four
    # boolean selections over all of them cost a sixth of the whole collection).
    at = np.flatnonzero(ok)
    kept = PairContext(minutes=minutes[at], config=config)
    return kept, i[at], j[at], n_penalties[at]


def block_violations(
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes_for: MinutesFor,
    config: MatchConfig,
    rows: NDArray[np.intp],
) -> NDArray[np.uint64]:
    """The packed reason field of some candidate rows against all packages."""
    ctx = PairContext(minutes=minutes_for(rows), config=config)
    bits = evaluate(cand.take(rows), pkg, ctx, want_bits=True).bits
    assert bits is not None
    return bits


def pair_minutes(
    minutes_for: MinutesFor,
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    m: int,
    pairs_per_block: int = DEFAULT_LIMITS.pairs_per_block,
) -> NDArray[np.float64]:
    """Travel minutes of the pairs ``(rows[k], cols[k])``, a block of candidates at a time.

    Only the blocks' rows are asked for (never all near-miss rows at once), so memory stays at
    one block of ``pairs_per_block`` pairs however many pairs are asked for.

    Example
    -------
    >>> table = np.arange(6.0).reshape(2, 3)
    >>> pair_minutes(lambda rows: table[rows], np.array([1, 0]), np.array([2, 1]), 3)
    array([5., 1.])
    """
    out = np.full(rows.size, np.nan)
    if rows.size == 0:
        return out
    distinct = np.unique(rows)
    step = max(1, pairs_per_block // max(m, 1))
    for start in range(0, distinct.size, step):
        block = distinct[start : start + step]
        mine = np.flatnonzero(np.isin(rows, block))
        at = np.searchsorted(block, rows[mine])
        out[mine] = minutes_for(block)[at, cols[mine]]
    return out
