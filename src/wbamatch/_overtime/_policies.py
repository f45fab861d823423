"""The weekly policies: greedy (first come, first served), batch (the week's exact optimum)
and potentials (the week's exact optimum on scores less the potentials, committed only in
each pair's last week).

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

__all__ = [
    "PRICE_SHARE",
    "TIE",
    "batch_week",
    "greedy_week",
    "potentials_policy",
    "reduced_scores",
    "solve_week",
]

#: Weight of a pair the potentials policy must not hold back but whose reduced score is not
#: positive (someone's last week): above zero, so the solver may still use it, and below any
#: pair worth placing for its own sake. (OR-Tools' costs are whole micro-points.)
_LAST_CHANCE = 2e-6

#: Share of the potentials the potentials policy subtracts. Each sample's prices are those of
#: a plan that knows that sample's future, and the policy commits a pair only in its last
#: week, when more of the future is known: the full prices reserve too much for later. Mean
#: share of hindsight on 500 x 150 streams, seeds 1-4: 1 -> 95.7%, 0.5 -> 96.9%, 0 (no
#: potentials) -> 95.3%; seeds 1-8: 0.6 / 0.5 / 0.4 / 0.3 -> 96.3 / 96.4 / 96.3 / 96.2%.
PRICE_SHARE = 0.5

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
    a share (:data:`PRICE_SHARE`) of the package's potential and of what waiting is worth to
    the person (:mod:`._potentials`), of which only the pairs in one side's last week are
    committed.

    A pair whose reduced score is not positive is held back, unless it is the candidate's or
    the package's last week (then that side's potential is 0: nothing later is left to it), or
    a tie: a reduced score of exactly 0 (within :data:`TIE`) comes from people present who tie
    for a slot, and is placed with the smallest weight rather than held for ever. The week's
    optimum is over all the week's pairs not held back, so that whoever leaves takes only what
    the people and packages staying would not use better; its pairs of which neither side is
    in its last week are not committed but wait: placements are final, and a week later more
    people and packages are known (on the synthetic streams, committing them at once cost about 5
    points of the hindsight total, see ``benchmarks/results_over_time.md``). Nothing is
    solved in a week in which no pair is in its last week.
    """

    def week_step(
        stream: Stream, week: int, edges: NDArray[np.intp], state: State
    ) -> NDArray[np.intp]:
        if not _last_week(stream, week, edges).any():
            return np.empty(0, dtype=np.intp)
        reduced, last_chance = reduced_scores(
            forecaster, stream, week, edges, state, price_share=PRICE_SHARE
        )
        keep = (reduced >= -TIE) | last_chance
        if not keep.any():
            return np.empty(0, dtype=np.intp)
        weights = np.maximum(reduced[keep], _LAST_CHANCE)
        chosen = solve_week(stream, edges[keep], weights, state)
        committed: NDArray[np.intp] = chosen[_last_week(stream, week, chosen)]
        return committed

    return week_step


def _last_week(stream: Stream, week: int, edges: NDArray[np.intp]) -> NDArray[np.bool_]:
    """Whether ``week`` is the last week of the candidate or the package of each pair."""
    weeks = stream.weeks
    last: NDArray[np.bool_] = (weeks.pkg_until[stream.cols[edges]] <= week) | (
        weeks.cand_until[stream.rows[edges]] <= week
    )
    return last


def reduced_scores(
    forecaster: Forecaster,
    stream: Stream,
    week: int,
    edges: NDArray[np.intp],
    state: State,
    *,
    price_share: float = 1.0,
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """The reduced score of each of the week's pairs (score less ``price_share`` times the
    potentials), and whether it is one side's last week."""
    rows, cols = stream.rows[edges], stream.cols[edges]
    prices = forecaster.potentials(stream, week, edges, state)
    weeks = stream.weeks
    closing = weeks.pkg_until[cols] <= week
    leaving = weeks.cand_until[rows] <= week
    reduced = stream.scores[edges] - price_share * (
        np.where(closing, 0.0, prices.packages[cols]) + np.where(leaving, 0.0, prices.people[rows])
    )
    last_chance: NDArray[np.bool_] = closing | leaving
    return reduced, last_chance
