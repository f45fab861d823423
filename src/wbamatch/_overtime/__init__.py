"""Matching over time: people arrive and packages open all year, and each week's placements
are final. :func:`plan_over_time` runs a policy week by week (greedy, batch or potentials),
:func:`hindsight_optimum` is the yardstick, :class:`Planner` proposes one live week at a time.

The pairs and scores are those of :func:`wbamatch.match`, collected once; every weekly problem
is a subset of them, solved by the same exact solver. The potentials are LP dual prices
(the certificates of :mod:`wbamatch._assignment`) over the week plus sampled later arrivals.

Example
-------
>>> import wbamatch
>>> cands, packs = wbamatch.synthetic_stream(80, 20, weeks=12, seed=4)
>>> best = wbamatch.hindsight_optimum(cands, packs)
>>> plans = {p: wbamatch.plan_over_time(cands, packs, policy=p)
...          for p in ("greedy", "batch", "potentials")}
>>> all(t.total_score <= best.total_score + 1e-9 for t in plans.values())
True

Modules
-------
``_windows``
    Weeks from dates: :class:`Weeks`, the first and last week of every record.
``_stream``
    :class:`Stream`: the offered pairs of a problem, collected once, with the weeks.
``_run``
    The week-by-week loop and its state.
``_policies``
    Greedy, batch and potentials as weekly steps.
``_potentials``
    The forecast of later arrivals and the package prices it gives.
``_hindsight``
    The offline optimum with the time windows.
``_timeline``
    :class:`Timeline`, :class:`Placement`, :class:`WeekCommitment`: the results.
``_plan``
    :func:`plan_over_time` and :func:`hindsight_optimum`.
``_planner``
    :class:`Planner`: one live week at a time, as :func:`wbamatch.match` results.
"""

from __future__ import annotations

from ._plan import hindsight_optimum, plan_over_time
from ._planner import Planner
from ._timeline import TIMELINE_COLUMNS, Placement, Timeline, WeekCommitment

__all__ = [
    "TIMELINE_COLUMNS",
    "Placement",
    "Planner",
    "Timeline",
    "WeekCommitment",
    "hindsight_optimum",
    "plan_over_time",
]
