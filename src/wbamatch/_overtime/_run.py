"""Running a stream week by week: who is present, what is open, and what each week commits.

A policy sees one week at a time: the pairs between the candidates present and not yet placed
and the packages open with a slot left (indices into the stream's edge list), and returns the
pairs it commits, which are final. :func:`run` keeps the state; the policies are in
:mod:`._policies`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .._exceptions import SolverError
from ._stream import Stream

__all__ = ["Committed", "State", "WeekPolicy", "run"]


@dataclass(eq=False)
class State:
    """What has been committed so far (changed by :func:`run` only)."""

    #: Package column per candidate row, -1 while not placed.
    placed_col: NDArray[np.intp]
    #: Week of the placement per candidate row, -1 while not placed.
    placed_week: NDArray[np.int64]
    #: Edge index of the placement per candidate row, -1 while not placed.
    placed_edge: NDArray[np.intp]
    #: Slots left per package.
    left: NDArray[np.int64]

    @classmethod
    def start(cls, stream: Stream) -> State:
        n = stream.n_rows
        return cls(
            np.full(n, -1, dtype=np.intp),
            np.full(n, -1, dtype=np.int64),
            np.full(n, -1, dtype=np.intp),
            stream.slots.copy(),
        )


#: ``policy(stream, week, edges, state)`` -> the edge indices committed this week (a
#: matching within the slots left), chosen among ``edges`` (the week's pairs).
WeekPolicy = Callable[[Stream, int, NDArray[np.intp], State], NDArray[np.intp]]


@dataclass(frozen=True, eq=False)
class Committed:
    """What a run committed, per week: the state at the end and the week's counts."""

    state: State
    #: Candidates present and not placed at the start of each week.
    present: NDArray[np.int64]
    #: Open slots at the start of each week.
    open_slots: NDArray[np.int64]


def run(stream: Stream, policy: WeekPolicy) -> Committed:
    """Run ``policy`` over every week of the stream.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._pipeline import prepare
    >>> from ._policies import batch_week
    >>> from ._stream import stream_of
    >>> done = run(stream_of(prepare(*wbamatch.demo_data(), None, None)), batch_week)
    >>> int((done.state.placed_col >= 0).sum())
    10
    """
    weeks, state = stream.weeks, State.start(stream)
    n_weeks = weeks.n_weeks
    present_count = np.zeros(n_weeks, dtype=np.int64)
    open_count = np.zeros(n_weeks, dtype=np.int64)
    # Only pairs with a week in common can ever be used; they leave the active list once
    # either side is placed, filled or past its last week.
    first, last = weeks.pair_weeks(stream.rows, stream.cols)
    active = np.flatnonzero(first <= last)
    for t in range(n_weeks):
        present = (weeks.cand_from <= t) & (t <= weeks.cand_until) & (state.placed_col < 0)
        is_open = (weeks.pkg_from <= t) & (t <= weeks.pkg_until) & (state.left > 0)
        present_count[t] = int(present.sum())
        open_count[t] = int(state.left[is_open].sum())
        r, c = stream.rows[active], stream.cols[active]
        alive = (state.placed_col[r] < 0) & (state.left[c] > 0) & (last[active] >= t)
        active = active[alive]
        now = active[present[stream.rows[active]] & is_open[stream.cols[active]]]
        if now.size == 0:
            continue
        chosen = policy(stream, t, now, state)
        if chosen.size == 0:
            continue
        rows, cols = stream.rows[chosen], stream.cols[chosen]
        taken = np.bincount(cols, minlength=stream.n_cols)
        if np.unique(rows).size != rows.size or bool((taken > state.left).any()):
            raise SolverError("a weekly policy placed someone twice or past a package's slots")
        state.placed_col[rows] = cols
        state.placed_week[rows] = t
        state.placed_edge[rows] = chosen
        np.subtract.at(state.left, cols, 1)
    return Committed(state, present_count, open_count)
