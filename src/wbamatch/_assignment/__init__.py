"""Optimal assignment of candidates to package slots, on arrays only (no models).

Problem
-------
Given scores ``s[i, j]`` in [0, 1], an eligibility mask ``e[i, j]`` and slots ``k[j]``, choose
``x[i, j]`` in {0, 1} to maximise ``sum(s * x)`` subject to ``sum_j x[i, j] <= 1`` (a candidate
gets at most one package), ``sum_i x[i, j] <= k[j]`` (no slot used twice) and ``x[i, j] = 0``
where ``e[i, j]`` is False.

Formulation
-----------
Slots are expanded to columns and solved with :func:`scipy.optimize.linear_sum_assignment` on a
rectangular cost matrix whose rows are the *smaller* side (measured on this machine: about 2.5x
faster and no internal copy). Every row also gets its own "stays unassigned" column of cost 0,
so a complete assignment always exists and scipy never raises "cost matrix is infeasible".
Ineligible cells cost ``+1`` while every eligible cell costs ``-s <= 0``: an optimal solution
never uses an ineligible cell, because moving that row to a free "unassigned" column (one always
exists) lowers the cost by at least 1. No big-M is involved, so nothing rounds away. Pairs are
still filtered after solving, as a guard.

On edge lists (:func:`solve_edges`) larger problems go to scipy's sparse matching or, with the
``wbamatch[fast]`` extra, to OR-Tools' min-cost flow on package capacities (``_flow``); large
ones are first solved on each package's best candidates (``_pruned``). Every route ends with
the LP dual prices of its answer (``_duals``): feasible duals with the same total prove it
optimal, for the pairs solved and, in pruning, for the pairs dropped."""

from ._components import _solve_by_component
from ._dense import solve
from ._edges import solve_edges
from ._outcome import AssignmentOutcome, Method, SolverPath, SolverStatus, Step
from ._pruned import _solve_pruned

__all__ = [
    "AssignmentOutcome",
    "Method",
    "SolverPath",
    "SolverStatus",
    "Step",
    "_solve_by_component",
    "_solve_pruned",
    "solve",
    "solve_edges",
]
