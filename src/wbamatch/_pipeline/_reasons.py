"""Why each unplaced candidate was not placed: the codes that ruled out most packages."""

from __future__ import annotations

from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from .._canonical import list_adapter
from .._compatibility import Edges, TopEdges, hard_reason_counts, travel_codes
from .._results import UnassignedCandidate
from .._vocabulary import BELOW_MIN_SCORE, FORBIDDEN, OUTCOMPETED
from ..rules import REGISTRY
from ._problem import Problem

__all__ = ["unassigned_reasons"]

#: How many reason codes an unassigned candidate lists.
TOP_REASONS: Final[int] = 5


def unassigned_reasons(
    problem: Problem,
    edges: Edges,
    eligible: NDArray[np.bool_],
    banned: NDArray[np.bool_],
    placed: NDArray[np.bool_],
    top: TopEdges | None = None,
    *,
    every_code: bool = False,
) -> tuple[list[UnassignedCandidate], list[str]]:
    """Each unplaced candidate with the codes that ruled out most packages (at most
    :data:`TOP_REASONS`, most first, ties by code), counted over all packages.

    Besides the rules' codes: packages that fit but score below the minimum, that went to
    people who fit better, and that the candidate ruled out. The rules' counts came with the
    edges when they were collected in one pass, else block by block
    (:func:`~wbamatch._compatibility.hard_reason_counts`); the same rule functions either way.
    ``top``: a streamed run's kept pairs, whose tally has the counts over all pairs.

    Above ``Limits.travel_reason_pairs`` unplaced people x packages, the travel rules' codes
    are left out (a second pass over all their pairs would cost as much as the run); they are
    returned as the second item, and ``why()`` counts them for one person (``every_code``).
    """
    rows = np.flatnonzero(~placed)
    if rows.size == 0:
        return [], []
    n, m = len(problem.cand), len(problem.pkg)
    codes = REGISTRY.codes
    uncounted: list[str] = []
    if edges.reason_counts is not None:
        counts = edges.reason_counts[rows]
    else:
        skip_travel = not every_code and rows.size * m > problem.limits.travel_reason_pairs
        counts = hard_reason_counts(
            problem.cand,
            problem.pkg,
            problem.minutes_for,
            problem.config,
            rows,
            codes,
            workers=problem.workers,
            reach_for=problem.reach_for,
            limits=problem.limits,
            travel=not skip_travel,
        )
        if skip_travel:
            uncounted = travel_codes(problem.config)
    ruled_out = np.bincount(edges.rows[eligible & banned], minlength=n)[rows]
    if top is None:
        feasible = np.bincount(edges.rows[edges.feasible], minlength=n)[rows]
        below = np.bincount(edges.rows[edges.feasible & ~eligible], minlength=n)[rows]
        outcompeted = np.bincount(edges.rows[eligible & ~banned], minlength=n)[rows]
    else:
        feasible = top.tally.row_feasible[rows]
        below = feasible - top.tally.row_eligible[rows]
        outcompeted = top.tally.row_eligible[rows] - ruled_out
    extra = np.column_stack([below, outcompeted, ruled_out])
    names = (*codes, BELOW_MIN_SCORE, OUTCOMPETED, FORBIDDEN)
    top_codes, top_counts = _top_reasons(np.hstack([counts, extra]), names)
    ids = problem.cand.ids
    out: list[dict[str, Any]] = [
        {
            "candidate_id": ids[i],
            "feasible_packages": f,
            "reasons": [
                {"code": names[c], "packages": n_} for c, n_ in zip(cs, ns, strict=True) if n_ > 0
            ],
        }
        for i, f, cs, ns in zip(
            rows.tolist(), feasible.tolist(), top_codes.tolist(), top_counts.tolist(), strict=True
        )
    ]
    # One validation call for the whole list (tens of thousands on a national run).
    validated: list[UnassignedCandidate] = list_adapter(UnassignedCandidate).validate_python(out)
    return validated, uncounted


def _top_reasons(
    counts: NDArray[np.int64], names: tuple[str, ...]
) -> tuple[NDArray[np.intp], NDArray[np.int64]]:
    """Per row, the columns of its :data:`TOP_REASONS` largest counts (most first, ties by
    code name) and those counts; zeros sort last and are dropped by the caller.

    Example
    -------
    >>> cols, n = _top_reasons(np.array([[0, 3, 3, 1]]), ("d", "c", "b", "a"))
    >>> cols.tolist(), n.tolist()
    ([[2, 1, 3, 0]], [[3, 3, 1, 0]])
    """
    # Sort each row by (count descending, code ascending) in one argsort: the rank of each
    # code's name breaks ties inside a count.
    rank = np.empty(len(names), dtype=np.int64)
    rank[np.argsort(np.array(names), kind="stable")] = np.arange(len(names))
    key = -counts * len(names) + rank
    k = min(TOP_REASONS, len(names))
    top = np.argpartition(key, k - 1, axis=1)[:, :k] if k < len(names) else np.argsort(key, axis=1)
    order = np.take_along_axis(top, np.argsort(np.take_along_axis(key, top, axis=1), axis=1), 1)
    return order, np.take_along_axis(counts, order, axis=1)
