"""Meet & Greet planning: which candidate meets which manager, and in which round.

At a Meet & Greet (meet-and-match event) managers, each with a task package, hold short
conversations with candidates. :func:`plan_meet_and_greet` chooses the conversations and lays
them out in rounds; :meth:`MeetGreetPlan.to_html` prints the handouts and
:meth:`MeetGreetPlan.to_csv` writes the schedules for a spreadsheet.

Problem
-------
Let ``E`` be the eligible candidate-package pairs (see :func:`plan_meet_and_greet`) with weights
``w[e]``. Choose ``x[e]`` in {0, 1} to maximise ``sum(w * x)`` subject to
``sum_{e at candidate i} x[e] <= b_c`` and ``sum_{e at package j} x[e] <= b_p``: a
degree-constrained bipartite b-matching. Its constraint matrix is the incidence matrix of a
bipartite graph, which is totally unimodular, so every vertex of the LP relaxation is integral;
it is solved exactly with HiGHS dual simplex (:func:`scipy.optimize.linprog`), whose optimum is
a vertex. The integrality is checked; were it ever violated, the MILP with integrality
constraints (:func:`scipy.optimize.milp`, relative gap 0) is solved instead.

A conversation takes one round and nobody can hold two at once, so the rounds are a proper
edge colouring of the graph of chosen meetings. By König's edge-colouring
theorem a bipartite graph of maximum degree ``Δ`` has one with ``Δ`` colours; it is built with
alternating-path (Kempe chain) swaps, so exactly ``Δ`` rounds are used.

When ``Δ`` of the best plan exceeds the rounds available, the degree limits are lowered to
``min(per_candidate, rounds)`` and ``min(per_package, rounds)`` and the b-matching is solved again,
exactly: that is the best plan that fits in the rounds. What changed is reported (``dropped``,
``replacements``).

Handouts
--------
The printed pages (:meth:`MeetGreetPlan.to_html`) are in Dutch unless English is asked for
(``lang``, ``MatchConfig.lang``, ``WBAMATCH_LANG``); every text comes from the catalogue
(``data/catalogue/<lang>/meetgreet.json``). Round ``r`` runs from
``event_start + (r - 1) * (round_minutes + break_minutes)`` for ``round_minutes``.

What people read:

- A **candidate** reads, per conversation, the time, the table, the job's title and the
  employer. Never a score, never that a condition is not met.
- A **manager** reads, per round, the time and the candidate (their name, or their id), and for
  a near miss only that a condition of the candidate is not met and that the recruiter can
  explain: never which one, since that can disclose a need (health data). Managers see **no
  scores** either: a number on paper in front of the candidate invites ranking people, and for
  a near miss the score leaves the unmet condition out. Scores stay with the recruiter: in the
  plan itself, the notebook view and ``schedule_by_package.csv``.
- The **organiser** gets a cover page: the times of the rounds, who sits at which table when
  (near misses marked ``*``, again without the rule), and who has no conversation.

Modules
-------
``_meetings``, ``_plan``, ``_planner``
    The records (:class:`Meeting`, :class:`Pairing` and the plan's fields), the plan with its
    writers (:class:`MeetGreetPlan`), and :func:`plan_meet_and_greet`, which makes it.
``_matching``, ``_rounds``
    The b-matching and the edge colouring, on arrays.
``_schedule``
    The options of the handouts: language, clock times, tables, names.
``_handouts``, ``_csv``, ``_view``
    The printed pages, the CSV schedules and the notebook view.
"""

from __future__ import annotations

from ._csv import CSV_BY_CANDIDATE, CSV_BY_PACKAGE, CSV_CANDIDATE_COLUMNS, CSV_PACKAGE_COLUMNS
from ._meetings import Meeting, Pairing
from ._plan import MeetGreetPlan
from ._planner import plan_meet_and_greet
from ._schedule import DEFAULT_ROUND_MINUTES, DEFAULT_START

__all__ = [
    "CSV_BY_CANDIDATE",
    "CSV_BY_PACKAGE",
    "CSV_CANDIDATE_COLUMNS",
    "CSV_PACKAGE_COLUMNS",
    "DEFAULT_ROUND_MINUTES",
    "DEFAULT_START",
    "MeetGreetPlan",
    "Meeting",
    "Pairing",
    "plan_meet_and_greet",
]
