"""A problem over time as arrays: the pairs the solver may use, the slots, the weeks.

The pairs are collected once, by the same code as :func:`wbamatch.match` (feasible, at or
above the minimum score, not forbidden, not of a pinned person); time only decides in which
weeks a pair may be used, so every week's problem is a subset of the same edge list.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .._encode import sort_by_id
from .._pipeline import Problem
from .._pipeline._solve import offered_pairs
from .._vocabulary import HOURS_PER_JOB
from ._windows import Weeks, weeks_of

__all__ = ["Stream", "stream_of"]


@dataclass(frozen=True, eq=False)
class Stream:
    """The offered pairs of a problem (sorted by row, then column) with the weeks of each side.

    Rows and columns are the problem's (id order).
    """

    rows: NDArray[np.intp]
    cols: NDArray[np.intp]
    scores: NDArray[np.float64]
    #: Slots per package left once the config's pins took theirs.
    slots: NDArray[np.int64]
    weeks: Weeks
    #: Banen per pair if placed (hours / 25.5 where both the person and the contract count).
    banen: NDArray[np.float64]

    @property
    def n_rows(self) -> int:
        return self.weeks.cand_from.size

    @property
    def n_cols(self) -> int:
        return self.slots.size

    def possible(self) -> NDArray[np.bool_]:
        """The pairs with a week in which both sides take part."""
        first, last = self.weeks.pair_weeks(self.rows, self.cols)
        ok: NDArray[np.bool_] = first <= last
        return ok


def stream_of(problem: Problem, weeks: Weeks | None = None) -> Stream:
    """The :class:`Stream` of ``problem``: its offered pairs, slots and weeks.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._pipeline import prepare
    >>> s = stream_of(prepare(*wbamatch.demo_data(), None, None))
    >>> s.weeks.n_weeks, bool(s.possible().all())
    (1, True)
    """
    edges, offered, slots, _ = offered_pairs(problem)
    rows, cols = edges.rows[offered], edges.cols[offered]
    if weeks is None:
        cands = [problem.candidates[k] for k in sort_by_id(problem.candidates)]
        packs = [problem.packages[k] for k in sort_by_id(problem.packages)]
        weeks = weeks_of(cands, packs)
    cand, pkg = problem.cand, problem.pkg
    counts = cand.registered[rows] & pkg.counts[cols]
    banen = np.where(counts, pkg.per_week[cols] / HOURS_PER_JOB, 0.0)
    return Stream(rows, cols, edges.scores[offered], slots, weeks, banen)
