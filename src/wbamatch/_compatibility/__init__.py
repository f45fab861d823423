"""The compatibility of every candidate with every package: feasibility, reasons and scores.

Built by :func:`wbamatch.compatibility` from the same rule and score functions that
:func:`wbamatch.match` uses; explanations read from it, so they cannot disagree with a decision."""

from ._dense import (
    Compatibility,
    MinutesFor,
    build_compatibility,
    check_dense,
    lookup_id,
    near_miss_mask,
)
from ._edges import (
    Edges,
    block_violations,
    collect_edges,
    pair_minutes,
    projected_edge_bytes,
    rows_minutes,
)
from ._reasons import ReachFor, hard_reason_counts, travel_codes
from ._stream import (
    Tally,
    TopEdges,
    collect_top_edges,
    feasible_blocks,
    with_columns,
)

__all__ = [
    "Compatibility",
    "Edges",
    "MinutesFor",
    "ReachFor",
    "Tally",
    "TopEdges",
    "block_violations",
    "build_compatibility",
    "check_dense",
    "collect_edges",
    "collect_top_edges",
    "feasible_blocks",
    "hard_reason_counts",
    "lookup_id",
    "near_miss_mask",
    "pair_minutes",
    "projected_edge_bytes",
    "rows_minutes",
    "travel_codes",
    "with_columns",
]
