"""Doorstroom: people already at work stay, move or are flagged, in the same exact solve.

Given the placements that exist (``match(current=...)``), the pipeline changes two things
before the solve, on whole arrays, and nothing in the solver:

**Which pairs a current employee is offered.**

- Their *current pair*, when it breaks no hard rule (and no person ruled it out): always, even
  below ``min_score`` (it is their job, not a proposal).
- Someone not ``open_to_move``: nothing else. They stay.
- Someone open to move: besides their current pair, only packages that score at least
  ``score(current pair) + MatchConfig.move_threshold`` for them. So a proposed move always
  raises their own score by at least the threshold, by construction, whatever the rest of the
  group gains.
- Someone whose current pair breaks a hard rule (or who ruled it out): every eligible package,
  open to move or not; they are flagged either way.

Switch places (track ``schakelplek``) are offered only to current employees whose job breaks a
hard rule, is too heavy, or is far below their level (education :data:`FAR_ABOVE_LEVEL` ranks
or more above the package's level), and, for someone whose job breaks no rule, still only with
the threshold above.

**What the solver maximises.** The solver sees weights instead of scores:
``weight = (score + keep * K + stay * b) / D``, where ``keep`` marks every pair of a person who
has a current pair they may keep, ``K = (their number) + 1``, ``stay`` marks the current pair,
``b = move_threshold / 2`` is the stay bonus, and ``D = K + 1 + b`` keeps every weight in
[0, 1] (the solvers' integer scaling expects that). ``K`` is larger than anything the rest of
the group could gain from one such person losing their place (an alternating path of moves
changes at most ``K - 1`` other people's pairs, each by less than 1), so in every optimum
everyone who may keep a job has one: they stay or move up, never out. Among such assignments
the total of ``score + stay bonus`` is maximal, exactly, and proven so by the certificate,
which is on the weights. The stay bonus (half the threshold) means a move that is good for the
person must also not cost the rest of the group more than that: A moves up, and A's package
goes to newcomer B, when that is best for the group.

With ``current`` empty there are no keepers and no switch place is offered to anyone; the
weights are the scores, and the result is the same as without doorstroom.

Example
-------
>>> import wbamatch
>>> cands, packs = wbamatch.demo_data()
>>> result = wbamatch.match(cands, packs, current=[{"candidate_id": "c-001",
...                                                 "package_id": "p-001"}])
>>> result.assignment_of("c-001").status.value
'stays'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from .._compatibility import Edges, build_compatibility, check_dense
from .._constraints import code_mask, decode
from .._vocabulary import FAR_ABOVE_LEVEL, FAR_BELOW_LEVEL, HOURS_PER_JOB, TOO_HEAVY
from ..rules._capacity import too_heavy

if TYPE_CHECKING:
    from ._problem import Problem

__all__ = [
    "FAR_BELOW_LEVEL",
    "N_FLAG_ALTERNATIVES",
    "TOO_HEAVY",
    "Doorstroom",
    "doorstroom",
]

#: How many alternatives a flagged placement lists.
N_FLAG_ALTERNATIVES = 3

#: Scores within this of the threshold count as reaching it (sums of floats).
_EPS = 1e-12


@dataclass(frozen=True, eq=False)
class Doorstroom:
    """What the current placements change in a solve, by current employee (rows sorted).

    ``keep`` marks those whose current pair the solver is offered; ``edge`` is that pair's
    position in the edge list (-1 when it is not an edge: it breaks a hard rule).
    """

    rows: NDArray[np.intp]
    cols: NDArray[np.intp]
    score: NDArray[np.float64]
    feasible: NDArray[np.bool_]
    breaks: list[list[str]]
    heavy: NDArray[np.bool_]
    far_below: NDArray[np.bool_]
    open: NDArray[np.bool_]
    keep: NDArray[np.bool_]
    edge: NDArray[np.intp]
    #: Who may be offered a switch place: a job that breaks a rule, too heavy, far below.
    may_switch: NDArray[np.bool_]
    #: ``MatchConfig.move_threshold`` and the stay bonus ``b`` (half of it).
    threshold: float = 0.0
    bonus: float = 0.0
    #: Per candidate row: the package column they hold now, -1 for a newcomer.
    col_of: NDArray[np.intp] = field(default_factory=lambda: np.zeros(0, dtype=np.intp))

    def __len__(self) -> int:
        return int(self.rows.size)

    @property
    def flagged(self) -> NDArray[np.bool_]:
        """Current placements that break a hard rule or are too heavy."""
        out: NDArray[np.bool_] = ~self.feasible | self.heavy
        return out

    def reasons(self, k: int) -> list[str]:
        """Why placement ``k`` is flagged: the hard rules it breaks, then too heavy and far
        below the person's level."""
        extra = [TOO_HEAVY] if self.heavy[k] else []
        extra += [FAR_BELOW_LEVEL] if self.far_below[k] else []
        return [*self.breaks[k], *extra]

    def restrict(
        self, edges: Edges, offered: NDArray[np.bool_], schakelplek: NDArray[np.bool_]
    ) -> tuple[NDArray[np.bool_], NDArray[np.float64], float]:
        """The edges the solver is offered, their weights and the weights' scale ``D`` (see
        the module docstring), from ``offered``: eligible, not forbidden, not of a pinned
        person. Without current placements and switch places: ``offered``, the scores, 1."""
        n = edges.shape[0]
        if self.rows.size == 0 and not schakelplek.any():
            return offered, edges.scores, 1.0
        threshold = np.full(n, -np.inf)
        keeper = np.zeros(n, dtype=np.bool_)
        switch_ok = np.zeros(n, dtype=np.bool_)
        kept = self.rows[self.keep]
        keeper[kept] = True
        threshold[kept] = np.where(
            self.open[self.keep], self.score[self.keep] + self.threshold - _EPS, np.inf
        )
        switch_ok[self.rows[self.may_switch]] = True
        rows, cols = edges.rows, edges.cols
        out = offered & (edges.scores >= threshold[rows]) & (switch_ok[rows] | ~schakelplek[cols])
        # Nobody is offered the package they hold as a move (it is their stay, or it breaks a
        # rule); a kept current pair is offered even below the minimum score.
        holder = self.col_of[rows] == cols
        out &= ~holder
        stays = self.edge[self.keep]
        out[stays] = True
        if not keeper.any():
            return out, edges.scores, 1.0
        big = float(kept.size + 1)
        scale = big + 1.0 + self.bonus
        weights = edges.scores + np.where(keeper[rows], big, 0.0)
        weights[stays] += self.bonus
        return out, weights / scale, scale

    def banen_before(self, problem: Problem) -> float:
        """Banen of the current placements (registered, counting contract, no switch place)."""
        cand, pkg = problem.cand, problem.pkg
        counts = cand.registered[self.rows] & pkg.counts[self.cols] & ~pkg.schakelplek[self.cols]
        return float((pkg.per_week[self.cols] * counts).sum() / HOURS_PER_JOB)


def doorstroom(problem: Problem, edges: Edges, banned: NDArray[np.bool_]) -> Doorstroom:
    """The current placements of ``problem``, judged by the same rules and scores as every
    pair: from the edge list where the current pair is an edge, else (it breaks a hard rule)
    with the dense code path of :func:`wbamatch.compatibility`, as the pins are.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._pipeline import prepare
    >>> from wbamatch._pipeline._solve import offered_pairs
    >>> problem = prepare(*wbamatch.demo_data(), None, None,
    ...                   current=[{"candidate_id": "c-002", "package_id": "p-001"}])
    >>> edges = offered_pairs(problem)[0]
    >>> plan = doorstroom(problem, edges, np.zeros(edges.rows.size, bool))
    >>> plan.reasons(0)
    ['capacity:sitting', 'hours', 'commute', 'too_heavy', 'far_below_level']
    """
    cfg, cand, pkg, cur = problem.config, problem.cand, problem.pkg, problem.current
    n = len(cand)
    col_of = np.full(n, -1, dtype=np.intp)
    rows, cols = cur.rows, cur.cols
    col_of[rows] = cols
    threshold = float(cfg.move_threshold)
    if rows.size == 0:
        empty = np.zeros(0, dtype=np.bool_)
        return Doorstroom(
            rows=rows,
            cols=cols,
            score=np.zeros(0),
            feasible=empty,
            breaks=[],
            heavy=empty,
            far_below=empty,
            open=empty,
            keep=empty,
            edge=np.zeros(0, dtype=np.intp),
            may_switch=empty,
            threshold=threshold,
            bonus=threshold / 2.0,
            col_of=col_of,
        )
    edge = edges.positions(rows, cols)
    bits, feasible, scores = _current_pairs(problem, edges, edge)
    hard = code_mask(cfg, "hard")
    heavy = too_heavy(cand, pkg, rows, cols)
    edu = cand.education[rows].astype(np.int64)
    far_below = (edu >= 0) & (edu - np.maximum(pkg.min_education[cols], 0) >= FAR_ABOVE_LEVEL)
    ruled_out = np.zeros(rows.size, dtype=np.bool_)
    ruled_out[edge >= 0] = banned[edge[edge >= 0]]
    pinned_ids = {p.candidate_id for p in cfg.pinned}
    pinned = np.fromiter((cand.ids[i] in pinned_ids for i in rows.tolist()), np.bool_, rows.size)
    keep = feasible & (edge >= 0) & ~ruled_out & ~pinned
    return Doorstroom(
        rows=rows,
        cols=cols,
        score=scores,
        feasible=feasible,
        breaks=[decode(b & hard) for b in bits.tolist()],
        heavy=heavy,
        far_below=far_below,
        open=cand.open_to_move[rows],
        keep=keep,
        edge=edge,
        may_switch=~feasible | heavy | far_below,
        threshold=threshold,
        bonus=threshold / 2.0,
        col_of=col_of,
    )


def _current_pairs(
    problem: Problem, edges: Edges, edge: NDArray[np.intp]
) -> tuple[NDArray[np.uint64], NDArray[np.bool_], NDArray[np.float64]]:
    """The packed reasons, feasibility and score of each current pair.

    A current pair that is a feasible edge breaks no hard rule and has its score there (no
    reasons are needed for it). The others break a hard rule: they are judged with the dense
    compatibility of their rows, about ``limits.small_pairs`` pairs at a time, so memory stays
    at one such block however many people are at work; their score is the one without the
    hard rules (what the pair would give)."""
    cand, pkg, cfg, cur = problem.cand, problem.pkg, problem.config, problem.current
    k = cur.rows.size
    bits = np.zeros(k, dtype=np.uint64)
    feasible = np.zeros(k, dtype=np.bool_)
    scores = np.zeros(k)
    found = edge >= 0
    found[found] = edges.feasible[edge[found]]
    feasible[found] = True
    scores[found] = edges.scores[edge[found]]
    rest = np.flatnonzero(~found)
    step = max(1, problem.limits.small_pairs // max(len(pkg), 1))
    for start in range(0, rest.size, step):
        part = rest[start : start + step]
        rows, cols = cur.rows[part], cur.cols[part]
        check_dense(rows.size, len(pkg), cfg, "checking the current placements", problem.limits)
        comp = build_compatibility(cand.take(rows), pkg, problem.minutes_for(rows), cfg)
        at = np.arange(rows.size)
        bits[part] = comp.violations[at, cols]
        feasible[part] = comp.feasible[at, cols]
        scores[part] = np.where(feasible[part], comp.scores[at, cols], comp.raw_scores[at, cols])
    return bits, feasible, scores
