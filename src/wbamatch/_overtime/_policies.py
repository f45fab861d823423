"""The weekly policies: greedy (first come, first served), batch (the week's exact optimum)
and potentials (the week's exact optimum on scores less each package's potential).

Each is a :data:`~._run.WeekPolicy`. Batch and potentials solve with the solver of
:func:`wbamatch.match` (:func:`~wbamatch._assignment.solve_edges`); greedy needs none.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .._assignment import solve_edges
from ._potentials import Forecaster
from ._run import State, WeekPolicy
from ._stream import Stream

__all__ = ["TIE", "batch_week", "greedy_week", "potentials_policy", "reduced_scores", "solve_week"]

#: Weight of a pair the potentials policy must not hold back but whose reduced score is not
#: positive (someone's last week): above zero, so the solver may still use it, and below any
#: pair worth placing for its own sake. (OR-Tools' costs are whole micro-points.)
_LAST_CHANCE = 2e-6

#: How far below zero a reduced score may be and still count as a tie, placed now: zero comes
#: from people present who tie for a slot (the price of the slot is then their score), and
#: waiting cannot improve on a tie. Float sums put such zeros a few ulps either side.
TIE = 1e-9


def greedy_week(
    stream: Stream, week: int, edges: NDArray[np.intp], state: State
) -> NDArray[np.intp]:
    """First come, first served: in order of arrival (then id), each candidate present takes
    the best open slot (highest score, then package id) that is still free.

    A loop over the candidates of the week, each step on that person's pairs as an array.
    """
    rows, cols = stream.rows[edges], stream.cols[edges]
    # Arrival week, then row (= id order), then the best score, then the package (id order).
    order = np.lexsort((cols, -stream.scores[edges], rows, stream.weeks.cand_from[rows]))
    edges, rows, cols = edges[order], rows[order], cols[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    ends = np.r_[starts[1:], rows.size]
    left = state.left.copy()
    chosen: list[int] = []
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        free = np.flatnonzero(left[cols[a:b]] > 0)
        if free.size:
            k = a + int(free[0])
            left[cols[k]] -= 1
            chosen.append(int(edges[k]))
    return np.asarray(chosen, dtype=np.intp)


def solve_week(
    stream: Stream,
    edges: NDArray[np.intp],
    weights: NDArray[np.float64],
    state: State,
) -> NDArray[np.intp]:
    """The exact optimum of the week's pairs under ``weights`` (one per edge, in (0, 1]),
    within the slots left: the solver of :func:`wbamatch.match`, on these pairs only."""
    out = solve_edges(stream.rows[edges], stream.cols[edges], weights, state.left)
    # The solver answers in pairs; they are these edges (each pair once, one per row).
    key = stream.rows[edges].astype(np.int64) * stream.n_cols + stream.cols[edges]
    want = out.rows.astype(np.int64) * stream.n_cols + out.cols
    order = np.argsort(key, kind="stable")
    at = order[np.searchsorted(key, want, sorter=order)]
    chosen: NDArray[np.intp] = edges[at]
    return chosen


def batch_week(
    stream: Stream, week: int, edges: NDArray[np.intp], state: State
) -> NDArray[np.intp]:
    """The exact optimum of who is present this week, committed in full."""
    return solve_week(stream, edges, stream.scores[edges], state)


def potentials_policy(forecaster: Forecaster) -> WeekPolicy:
    """The potentials policy: each week, the exact optimum of the reduced scores, score minus
    the package's potential minus what waiting is worth to the person (:mod:`._potentials`).

    A pair whose reduced score is not positive is held back, unless it is the candidate's or
    the package's last week (then that side's potential is 0: nothing later is left to it), or
    a tie: a reduced score of exactly 0 (within :data:`TIE`) comes from people present who tie
    for a slot, and is placed with the smallest weight rather than held for ever.
    """

    def week_step(
        stream: Stream, week: int, edges: NDArray[np.intp], state: State
    ) -> NDArray[np.intp]:
        reduced, last_chance = reduced_scores(forecaster, stream, week, edges, state)
        keep = (reduced >= -TIE) | last_chance
        if not keep.any():
            return np.empty(0, dtype=np.intp)
        weights = np.maximum(reduced[keep], _LAST_CHANCE)
        return solve_week(stream, edges[keep], weights, state)

    return week_step


def reduced_scores(
    forecaster: Forecaster, stream: Stream, week: int, edges: NDArray[np.intp], state: State
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """The reduced score of each of the week's pairs, and whether it is one side's last week."""
    rows, cols = stream.rows[edges], stream.cols[edges]
    prices = forecaster.potentials(stream, week, edges, state)
    weeks = stream.weeks
    closing = weeks.pkg_until[cols] <= week
    leaving = weeks.cand_until[rows] <= week
    reduced = (
        stream.scores[edges]
        - np.where(closing, 0.0, prices.packages[cols])
        - np.where(leaving, 0.0, prices.people[rows])
    )
    last_chance: NDArray[np.bool_] = closing | leaving
    return reduced, last_chance
