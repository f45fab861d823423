"""Every size at which the implementation changes route, in one frozen record.

The results do not depend on these numbers: they choose between equivalent ways of computing
the same answer (one dense pass or blocks, a dense assignment or a sparse one, pruning first or
not) and how memory is projected before a run. Tests pass small limits to reach every route on
small inputs; benchmarks may pass large ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ._exceptions import InputError

__all__ = ["DEFAULT_LIMITS", "Limits"]


@dataclass(frozen=True)
class Limits:
    """Sizes that choose a route through the pipeline (never what it finds).

    Example
    -------
    >>> import wbamatch
    >>> small = wbamatch.Limits(small_pairs=0, pairs_per_block=400)
    >>> a = wbamatch.match(*wbamatch.demo_data(), limits=small)
    >>> a.assignments == wbamatch.match(*wbamatch.demo_data()).assignments
    True
    """

    #: Up to this many candidate x package pairs, one pass with every travel time evaluates all
    #: of them (the unplaced people's reason counts included); above it, pairs are collected
    #: block by block, with travel times only where the other rules pass.
    small_pairs: int = 250_000
    #: Above this many pairs, the memory of the run is first projected from a sample of
    #: candidates and a run that would not fit is refused.
    project_above_pairs: int = 200_000_000
    #: Above this many pairs, or when the projection says all compatible pairs would not fit
    #: in memory, edges are streamed: each package keeps only its best candidates (as many as
    #: the first pruned solve keeps) while the blocks are collected, and a package whose price
    #: does not cover the best pair it dropped gets its pairs collected again, more of them.
    stream_above_pairs: int = 500_000_000
    #: A streamed run chooses each package's best again once this many pairs (or four times
    #: what is kept) wait; in between, a new pair is kept only when it beats the lowest kept.
    stream_pool_pairs: int = 4_000_000
    #: Unplaced people x packages above which the travel rules' reasons (commute, rush hour,
    #: travelling alone) are not counted for every unplaced person in the result, but for one
    #: person on request (``result.why``); the result lists them in ``uncounted_reasons``.
    #: The other rules' counts cost one evaluation per distinct profile and are always counted.
    travel_reason_pairs: int = 1_000_000_000
    #: Candidates the projection samples.
    sample_candidates: int = 1_000
    #: Pairs evaluated per block when collecting edges.
    pairs_per_block: int = 2_000_000
    #: Largest candidate x slot matrix solved densely (one linear sum assignment), in cells
    #: (rows x (slot columns + rows)). Measured on a 2-core machine, the sparse solver is
    #: already 4-7x faster at 10^6-10^7 cells (2,000 x 500 with 1,000 slots: 0.03 s against
    #: 0.24 s dense); dense only pays off for service-sized inputs.
    dense_cells: int = 250_000
    #: Above this many edges, the solver first keeps each package's best candidates only,
    #: proves the result optimal for all pairs by its dual prices, and widens where they fall
    #: short.
    prune_above: int = 200_000
    #: The first pruned solve keeps, per package, its best ``prune_keep_per_slot * slots +
    #: prune_keep_extra`` candidates; a package whose prices do not cover a dropped pair gets
    #: ``prune_widen`` times more, for at most ``prune_rounds`` rounds.
    prune_keep_per_slot: int = 16
    prune_keep_extra: int = 3
    prune_widen: int = 4
    prune_rounds: int = 4
    #: After a round, pairs with ``u + v < score + prune_margin`` are kept for the next too.
    prune_margin: float = 0.05
    #: Pruning stops paying off once the restricted problem keeps this share of the pairs.
    prune_share: float = 0.5
    #: Bytes per cell of a dense assignment matrix (the matrix, its padded copy, the solver's).
    dense_cell_bytes: int = 24
    #: Bytes per edge once packages are expanded into one column per slot (the repeated indices
    #: and weights, their concatenations, the sparse graph and the solver's copies).
    slot_edge_bytes: int = 120
    #: Bytes per arc of OR-Tools' min-cost flow network (measured: 463 MiB for 3.0M pairs).
    flow_arc_bytes: int = 160
    #: Bytes per pair of a dense compatibility (violations, scores, parts, minutes).
    dense_pair_bytes: int = 200
    #: Bytes per collected edge (row, column, score, flags).
    edge_bytes: int = 96

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            kinds = (int, float) if name in ("prune_share", "prune_margin") else (int,)
            if not isinstance(value, kinds) or isinstance(value, bool) or value < 0:
                raise InputError(f"Limits.{name} must be a number >= 0, got {value!r}")
        if self.prune_widen < 2:
            raise InputError("Limits.prune_widen must be at least 2 (a widened list must grow)")
        if self.pairs_per_block < 1 or self.sample_candidates < 1:
            raise InputError("Limits.pairs_per_block and sample_candidates must be at least 1")


#: The limits every call uses unless given others.
DEFAULT_LIMITS: Final[Limits] = Limits()
