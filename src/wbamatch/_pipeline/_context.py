"""What a result keeps of the pipeline that made it, to answer why() and rematch():
:class:`SolveContext`, and :func:`solve_problem`, which solves and attaches it.

Held in memory only (a result read back from JSON has none and answers from its stored
reasons). The answers come from the same code that made the decision: the dense compatibility
of one candidate's row for explanations and the closest package, and the same solver on the
same edges for what taking a package would have cost the group.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from .._assignment import solve_edges
from .._compatibility import Edges, TopEdges, build_compatibility, lookup_id
from .._config import MatchConfig
from .._constraints import BIT, code_mask
from .._explain import Explanation, Violation, explain_pair
from .._progress import ProgressOption
from .._results import Alternative, Closest, MatchResult, Why
from .._vocabulary import BELOW_MIN_SCORE, BREAKS_RULES, FORBIDDEN, OUTCOMPETED
from ._solve import solve
from ._streamed import one_person, with_full_row

if TYPE_CHECKING:
    from ._problem import Problem

__all__ = ["SolveContext", "solve_problem"]


@dataclass(frozen=True, eq=False)
class SolveContext:
    """The problem, its edges and what the solver was offered: enough to explain and re-solve.

    Implements :class:`wbamatch._results.ResultContext`.
    """

    problem: Problem
    edges: Edges = field(repr=False)
    #: The edges the solver was offered: eligible (feasible, at or above the minimum score),
    #: not forbidden, not of a pinned person.
    offered: NDArray[np.bool_] = field(repr=False)
    #: The slots left to the solver once the pins took theirs.
    slots: NDArray[np.int64] = field(repr=False)
    #: The solver method the result was made with, for a rematch.
    method: str = "auto"
    #: A streamed run's kept pairs and what they left out (None: the edges are all pairs).
    top: TopEdges | None = field(default=None, repr=False)
    #: What the solver maximised on the edges (the scores, or the doorstroom weights), their
    #: scale and the solver's total of them (see :mod:`._doorstroom`).
    weights: NDArray[np.float64] | None = field(default=None, repr=False)
    weight_scale: float = 1.0
    weight_total: float = 0.0

    def rematch(self, config: MatchConfig) -> MatchResult:
        """The same inputs solved again under ``config``."""
        return solve_problem(self.problem.with_config(config), method=self.method)

    def why(self, result: MatchResult, candidate_id: str) -> Why:
        """Why ``candidate_id`` got their package in ``result``, or why nobody was found."""
        problem, lang = self.problem, result.config.lang
        placed = result.assignment_of(candidate_id)
        if placed is not None:
            i = lookup_id(problem.cand.ids, candidate_id, "candidate")
            j = lookup_id(problem.pkg.ids, placed.package_id, "package")
            return Why(
                candidate_id=candidate_id,
                placed=placed,
                explanation=_explain_row(problem, candidate_id, placed.package_id),
                registered=problem.candidates[i].registered,
                contract=problem.packages[j].contract.type,
                lang=lang,
            )
        entry = next(u for u in result.unassigned if u.candidate_id == candidate_id)
        if result.uncounted_reasons:  # a large run left codes out: count them for this person
            row = lookup_id(problem.cand.ids, candidate_id, "candidate")
            entry = one_person(problem, self.edges, self.top, row)
        alternative = _alternative(result, self, candidate_id)
        return Why(
            candidate_id=candidate_id,
            unassigned=entry,
            alternative=alternative,
            closest=_closest_package(result, self, candidate_id, alternative),
            lang=lang,
        )


# Here, beside the context, rather than in _solve: a rematch solves again and attaches a new
# context, so the solving (_solve) must not know the context, and the attaching sits with it.
def solve_problem(
    problem: Problem, *, method: str = "auto", progress: ProgressOption = False
) -> MatchResult:
    """Solve ``problem`` (:func:`~._solve.solve`) and attach a :class:`SolveContext` to the
    result, for its ``why()`` and ``rematch()``.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._pipeline import prepare
    >>> result = solve_problem(prepare(*wbamatch.demo_data(), None, None))
    >>> len(result.assignments), result.why("c-007").placed is None
    (10, True)
    """
    solution = solve(problem, method=method, progress=progress)
    result = solution.result
    result._attach(
        SolveContext(
            problem,
            solution.edges,
            solution.offered,
            solution.slots,
            method,
            solution.top,
            solution.weights,
            solution.weight_scale,
            solution.weight_total,
        )
    )
    return result


def _explain_row(problem: Problem, candidate_id: str, package_id: str) -> Explanation:
    """Explain a pair with the same dense code path as :func:`wbamatch.compatibility`."""
    cand, pkg = problem.cand, problem.pkg
    i = np.array([lookup_id(cand.ids, candidate_id, "candidate")])
    comp = build_compatibility(cand.take(i), pkg, problem.minutes_for(i), problem.config)
    return explain_pair(comp, 0, lookup_id(pkg.ids, package_id, "package"))


def _closest_package(
    result: MatchResult, ctx: SolveContext, candidate_id: str, alternative: Alternative | None
) -> Closest | None:
    """The package that came closest for an unassigned candidate (see :class:`Closest`)."""
    problem = ctx.problem
    pkg, cfg = problem.pkg, problem.config
    if alternative is not None:
        j = lookup_id(pkg.ids, alternative.package_id, "package")
        return Closest(
            package_id=alternative.package_id,
            title=pkg.titles[j],
            employer=pkg.employers[j] or pkg.organisations[j],
            score=alternative.score,
            blocked_by=OUTCOMPETED,
            held_by=alternative.held_by,
            min_score=cfg.min_score,
        )
    if len(pkg) == 0:
        return None
    i = np.array([lookup_id(problem.cand.ids, candidate_id, "candidate")])
    comp = build_compatibility(problem.cand.take(i), pkg, problem.minutes_for(i), cfg)
    feasible = comp.feasible[0]
    blocked_by: str
    if feasible.any():
        # Columns are in id order: a stable sort on the score breaks ties by id.
        cols = np.flatnonzero(feasible)
        j = int(cols[np.argsort(-comp.scores[0, cols], kind="stable")[0]])
        ruled_out = {p.package_id for p in cfg.forbidden if p.candidate_id == candidate_id}
        blocked_by = FORBIDDEN if pkg.ids[j] in ruled_out else BELOW_MIN_SCORE
        score = float(comp.scores[0, j])
        violations: list[Violation] = []
    else:
        bits = comp.violations[0]
        hard = bits & code_mask(cfg, "hard")
        cols = np.flatnonzero((bits & BIT["excluded"]) == 0)  # not where they said no
        if cols.size == 0:
            return None
        n_hard = np.bitwise_count(hard[cols])
        # Fewest hard rules broken, then the highest score without them, then the id.
        j = int(cols[np.lexsort((cols, -comp.raw_scores[0, cols], n_hard))[0]])
        blocked_by = BREAKS_RULES
        score = float(comp.raw_scores[0, j])
        ex = explain_pair(comp, 0, j)
        violations = [v for v in ex.violations if v.mode == "hard"]
    return Closest(
        package_id=pkg.ids[j],
        title=pkg.titles[j],
        employer=pkg.employers[j] or pkg.organisations[j],
        score=score,
        blocked_by=blocked_by,
        violations=violations,
        min_score=cfg.min_score,
    )


def _alternative(result: MatchResult, ctx: SolveContext, candidate_id: str) -> Alternative | None:
    problem, edges, offered = ctx.problem, ctx.edges, ctx.offered
    cand, pkg = problem.cand, problem.pkg
    i = lookup_id(cand.ids, candidate_id, "candidate")
    if ctx.top is not None:  # streamed: the packages this person lost may have dropped them
        edges, offered = with_full_row(problem, edges, offered, i)
    mine = np.flatnonzero(offered & (edges.rows == i))
    if mine.size == 0:
        return None
    # Best package for this person: highest score, ties by package id (columns are in id order).
    best = mine[np.lexsort((edges.cols[mine], -edges.scores[mine]))[0]]
    j = int(edges.cols[best])
    slots = ctx.slots.copy()
    slots[j] -= 1
    rest = offered & (edges.rows != i)
    # A streamed run has no current placements, so what it maximised is the scores.
    weights = edges.scores if ctx.weights is None or ctx.top is not None else ctx.weights
    forced = solve_edges(
        edges.rows[rest],
        edges.cols[rest],
        weights[rest],
        slots,
        max_bytes=problem.config.max_memory_mb << 20,
        limits=problem.limits,
    )
    # In the units of the scores (with current placements: scores and stay bonuses), the
    # solver's part of the result on both sides (pins stand either way).
    forced_total = float(weights[best]) + forced.total
    return Alternative(
        package_id=pkg.ids[j],
        score=float(edges.scores[best]),
        held_by=[a.candidate_id for a in result.assignments if a.package_id == pkg.ids[j]],
        total_difference=(forced_total - ctx.weight_total) * ctx.weight_scale,
    )
