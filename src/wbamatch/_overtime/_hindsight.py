"""The hindsight optimum: the best placements for the whole plan, knowing every date.

Slots do not come back once used and a placement is final, so the order of the weeks does not
bind: a pair is possible exactly when its windows share a week, and the best plan is the
optimum of the possible pairs, each placed in the first week both sides take part (the same
solver as :func:`wbamatch.match`).
"""

from __future__ import annotations

import numpy as np

from ._policies import solve_week
from ._run import Committed, State
from ._stream import Stream

__all__ = ["hindsight"]


def hindsight(stream: Stream) -> Committed:
    """The offline optimum of ``stream``, as if committed week by week.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._pipeline import prepare
    >>> from ._stream import stream_of
    >>> int((hindsight(stream_of(prepare(*wbamatch.demo_data(), None, None)))
    ...      .state.placed_col >= 0).sum())
    10
    """
    state = State.start(stream)
    possible = np.flatnonzero(stream.possible())
    chosen = solve_week(stream, possible, stream.scores[possible], state)
    rows, cols = stream.rows[chosen], stream.cols[chosen]
    first, _ = stream.weeks.pair_weeks(rows, cols)
    state.placed_col[rows] = cols
    state.placed_week[rows] = first
    state.placed_edge[rows] = chosen
    np.subtract.at(state.left, cols, 1)
    n_weeks = stream.weeks.n_weeks
    return Committed(state, np.zeros(n_weeks, dtype=np.int64), np.zeros(n_weeks, dtype=np.int64))
