"""From a problem to a result: collect the pairs, place the pins, solve exactly, build the result.

One route for every size: the pairs come from one dense pass when the problem is small (a
service call) and block by block otherwise; either way they are an edge list, and the same
solver, pins, forbidden pairs and result building follow. :func:`~._context.solve_problem`
attaches the context that answers ``why()`` and ``rematch()``; this module knows no context.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._assignment import AssignmentOutcome, SolverPath, Step, solve_edges
from .._canonical import list_adapter
from .._compatibility import (
    Edges,
    TopEdges,
    block_violations,
    build_compatibility,
    check_dense,
    collect_edges,
    lookup_id,
    rows_minutes,
)
from .._constraints import code_mask, decode
from .._exceptions import InputError, ResourceLimitError
from .._gc import paused_gc
from .._progress import ProgressOption
from .._results import Assignment, Certificate, MatchResult, OpenSlots, certificate_gap
from .._vocabulary import EDUCATION_RANK, HOURS_PER_JOB, PlacementStatus, Track
from ..rules import REGISTRY
from ._doorstroom import Doorstroom, doorstroom
from ._flagged import flagged_placements
from ._problem import Problem
from ._reasons import unassigned_reasons
from ._record import audit_record
from ._streamed import (
    first_top,
    forbidden_edges,
    projected,
    short_packages,
    streams,
    widened,
)

__all__ = ["Solution", "offered_pairs", "pinned_rows_and_slots", "solve"]

#: Education values by rank, for a package's growth level.
EDUCATION_BY_RANK = {rank: edu.value for edu, rank in EDUCATION_RANK.items()}


@dataclass(frozen=True, eq=False)
class Solution:
    """A problem solved: the result, and what :class:`~._context.SolveContext` keeps of it."""

    result: MatchResult
    edges: Edges
    #: The edges the solver was offered: eligible, not forbidden, not of a pinned person.
    offered: NDArray[np.bool_]
    #: The slots left to the solver once the pins took theirs.
    slots: NDArray[np.int64]
    #: What the solver maximised on the offered edges: the scores, or with current
    #: placements the doorstroom weights (:mod:`._doorstroom`), and their scale.
    weights: NDArray[np.float64]
    weight_scale: float = 1.0
    weight_total: float = 0.0
    #: A streamed run's kept pairs and what they left out (None: the edges are all pairs).
    top: TopEdges | None = None


def solve(problem: Problem, *, method: str = "auto", progress: ProgressOption = False) -> Solution:
    """Collect the feasible pairs block by block, solve exactly, and build the result.

    Pinned pairs are placed first and take their slots; forbidden pairs and pinned people are
    left out of the optimisation, which then fills the remaining slots. The result has no
    context attached yet: :func:`~._context.solve_problem` attaches one.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._pipeline import prepare
    >>> len(solve(prepare(*wbamatch.demo_data(), None, None)).result.assignments)
    10
    """
    with paused_gc():
        pins = _pins(problem)
        pairs = _collect(problem, progress, stream=True)
        door = doorstroom(problem, pairs.edges, pairs.banned)
        solved = _assign(problem, pairs, pins, door, method)
        rounds = 1
        while pairs.top is not None and (short := short_packages(pairs.top, solved.outcome)).size:
            # A streamed run's packages whose price does not cover what they dropped (a run
            # with current placements never streams: see streams()).
            last = rounds >= problem.limits.prune_rounds
            pairs = _streamed(problem, widened(problem, pairs.top, short, last))
            solved = _assign(problem, pairs, pins, door, method)
            rounds += 1
        if pairs.top is not None:
            outcome = solved.outcome
            path = SolverPath(Step.STREAMED, rounds, (outcome.path,))
            solved = replace(solved, outcome=replace(outcome, path=path))
        result = _result(problem, pairs, solved, door)
    return Solution(
        result,
        pairs.edges,
        solved.offered,
        solved.slots,
        solved.weights,
        solved.scale,
        solved.outcome.total,
        pairs.top,
    )


@dataclass(frozen=True, eq=False)
class _Pairs:
    """The pairs of a problem: the edges, which are eligible, and which a person ruled out."""

    edges: Edges
    #: Feasible and at or above the minimum score.
    eligible: NDArray[np.bool_]
    #: Ruled out by a person (MatchConfig.forbidden).
    banned: NDArray[np.bool_]
    #: A streamed run's kept pairs and what they left out (None: ``edges`` has every
    #: feasible pair).
    top: TopEdges | None = None


@dataclass(frozen=True)
class _PinnedPair:
    row: int
    col: int
    score: float
    penalties: list[str]
    breaks: list[str]


@dataclass(frozen=True, eq=False)
class _Solved:
    """What the solver chose, with what it was offered."""

    outcome: AssignmentOutcome
    pins: list[_PinnedPair]
    #: The edges the solver was offered (eligible, not forbidden, not of a pinned person).
    offered: NDArray[np.bool_]
    #: The slots left to the solver once the pins took theirs.
    slots: NDArray[np.int64]
    #: The weights of all edges the solver maximised (on the offered ones) and their scale.
    weights: NDArray[np.float64]
    scale: float


def _collect(problem: Problem, progress: ProgressOption, *, stream: bool) -> _Pairs:
    cfg, cand, pkg, limits = problem.config, problem.cand, problem.pkg, problem.limits
    max_bytes = cfg.max_memory_mb << 20
    if stream:
        # streams() projects the memory where the size asks for it: a run that would not fit
        # streams, so only a check of all pairs (stream=False) is ever refused for it.
        if streams(problem, max_bytes):
            return _streamed(problem, first_top(problem, progress))
    elif len(cand) * len(pkg) > limits.project_above_pairs:
        _refuse_if_too_big(problem, max_bytes)
    edges = collect_edges(
        cand,
        pkg,
        problem.minutes_for,
        cfg,
        reason_counts=True,
        progress=progress,
        max_bytes=max_bytes,
        workers=problem.workers,
        limits=limits,
    )
    eligible = edges.feasible & (edges.scores >= cfg.min_score)
    return _Pairs(edges, eligible, forbidden_edges(problem, edges))


def _streamed(problem: Problem, top: TopEdges) -> _Pairs:
    """A streamed run's kept pairs (all eligible) as the pairs of the solve."""
    return _Pairs(top.edges, top.edges.feasible, forbidden_edges(problem, top.edges), top)


def offered_pairs(
    problem: Problem, rows: NDArray[np.intp] | None = None
) -> tuple[Edges, NDArray[np.bool_], NDArray[np.int64], NDArray[np.float64]]:
    """The problem's edges, which of them the solver is offered, the slots it fills, and what
    it maximises on them (the scores, or the doorstroom weights with current placements).

    ``rows``: only the pairs of these candidate rows (sorted; numbered as in the problem), for
    a run without current placements.
    """
    if rows is None:
        pairs = _collect(problem, False, stream=False)
    else:
        minutes_for = rows_minutes(problem.minutes_for, rows)
        part = collect_edges(
            problem.cand.take(rows), problem.pkg, minutes_for, problem.config, limits=problem.limits
        )
        edges = replace(part, rows=rows[part.rows], shape=(len(problem.cand), len(problem.pkg)))
        eligible = edges.feasible & (edges.scores >= problem.config.min_score)
        pairs = _Pairs(edges, eligible, forbidden_edges(problem, edges))
    door = doorstroom(problem, pairs.edges, pairs.banned)
    offered, slots, weights, _ = _offered(problem, pairs, _pins(problem), door)
    return pairs.edges, offered, slots, weights


def pinned_rows_and_slots(problem: Problem) -> tuple[NDArray[np.bool_], NDArray[np.int64]]:
    """Which candidate rows are pinned, and the slots the pins leave to the solver."""
    return _pinned_and_slots(problem, _pins(problem))


def _pinned_and_slots(
    problem: Problem, pins: list[_PinnedPair]
) -> tuple[NDArray[np.bool_], NDArray[np.int64]]:
    slots = problem.pkg.slots.copy()
    pinned_rows = np.zeros(len(problem.cand), dtype=np.bool_)
    for pin in pins:
        slots[pin.col] -= 1
        pinned_rows[pin.row] = True
    return pinned_rows, slots


def _offered(
    problem: Problem, pairs: _Pairs, pins: list[_PinnedPair], door: Doorstroom
) -> tuple[NDArray[np.bool_], NDArray[np.int64], NDArray[np.float64], float]:
    """Eligible edges, not forbidden, not of a pinned person, as the current placements
    allow (:meth:`Doorstroom.restrict`); the slots the pins leave; the weights and their scale."""
    pinned_rows, slots = _pinned_and_slots(problem, pins)
    offered = pairs.eligible & ~pairs.banned & ~pinned_rows[pairs.edges.rows]
    offered, weights, scale = door.restrict(pairs.edges, offered, problem.pkg.schakelplek)
    return offered, slots, weights, scale


def _assign(
    problem: Problem, pairs: _Pairs, pins: list[_PinnedPair], door: Doorstroom, method: str
) -> _Solved:
    edges = pairs.edges
    offered, slots, weights, scale = _offered(problem, pairs, pins, door)
    rows, cols, solved_weights = edges.rows, edges.cols, weights
    if not offered.all():  # (usually every pair is offered: no copies of millions of them)
        rows, cols, solved_weights = rows[offered], cols[offered], weights[offered]
    outcome = solve_edges(
        rows,
        cols,
        solved_weights,
        slots,
        method=method,
        max_bytes=problem.config.max_memory_mb << 20,
        limits=problem.limits,
    )
    return _Solved(outcome, pins, offered, slots, weights, scale)


def _result(problem: Problem, pairs: _Pairs, solved: _Solved, door: Doorstroom) -> MatchResult:
    cfg, cand, pkg, edges = problem.config, problem.cand, problem.pkg, pairs.edges
    found = _placements(problem, pairs, solved, door)
    # One validation call for all placements, in candidate order.
    assignments: list[Assignment] = list_adapter(Assignment).validate_python(
        [found[i] for i in sorted(found)]
    )
    placed = np.zeros(len(cand), dtype=np.bool_)
    placed[list(found)] = True
    pin_cols = np.asarray([pin.col for pin in solved.pins], dtype=np.intp)
    used = np.bincount(np.concatenate([solved.outcome.cols, pin_cols]), minlength=len(pkg))
    unassigned, uncounted = unassigned_reasons(
        problem, edges, pairs.eligible, pairs.banned, placed, pairs.top
    )
    if pairs.top is None:
        feasible_per_package = np.bincount(edges.cols[edges.feasible], minlength=len(pkg))
    else:
        feasible_per_package = pairs.top.tally.col_feasible
    result = MatchResult(
        status=solved.outcome.status,
        solver=solved.outcome.solver,
        assignments=assignments,
        unassigned=unassigned,
        uncounted_reasons=uncounted,
        open_slots=[
            OpenSlots(
                package_id=pkg.ids[j],
                open=int(pkg.slots[j] - used[j]),
                feasible_candidates=int(feasible_per_package[j]),
            )
            for j in np.flatnonzero(used < pkg.slots).tolist()
        ],
        total_score=sum(a.score for a in assignments),
        banen=sum(a.banen for a in assignments),
        banen_before=door.banen_before(problem),
        banen_new=sum(a.banen for a in assignments if a.status == "new"),
        banen_growth=_banen_growth(problem, assignments),
        schakelplekken=sum(a.track == Track.SCHAKELPLEK for a in assignments),
        current=list(problem.current.pairs),
        flagged=flagged_placements(problem, door, edges, pairs.banned, assignments),
        n_candidates=len(cand),
        n_packages=len(pkg),
        n_slots=int(pkg.slots.sum()),
        n_feasible_pairs=int(feasible_per_package.sum()),
        unknown={
            "education": int((cand.education < 0).sum()),
            "home": int(np.isnan(cand.home[:, 0]).sum()),
            "capacities": int(cand.capacities_unknown.sum()),
        },
        config=cfg,
        certificate=_certificate(problem, solved),
    )
    return result.model_copy(update={"audit": audit_record(problem, result)})


def _certificate(problem: Problem, solved: _Solved) -> Certificate:
    """The solver's dual prices by id: every candidate and package (0 where it priced none)."""
    n, m = len(problem.cand), len(problem.pkg)
    duals = solved.outcome.duals
    u, v = np.zeros(n), np.zeros(m)
    if duals is not None:
        u[: duals.rows.size] = duals.rows
        v[: duals.cols.size] = duals.cols
    primal = solved.outcome.total
    dual_total = float(u.sum() + (solved.slots * v).sum())
    return Certificate(
        candidate_dual=dict(zip(problem.cand.ids, u.tolist(), strict=True)),
        package_dual=dict(zip(problem.pkg.ids, v.tolist(), strict=True)),
        slots=dict(zip(problem.pkg.ids, solved.slots.tolist(), strict=True)),
        primal_total=primal,
        dual_total=dual_total,
        gap=certificate_gap(dual_total, primal),
    )


def _banen_growth(problem: Problem, assignments: list[Assignment]) -> float:
    """Banen the placements would add if each package grew to its ``hours.growth_to``, as the
    issue defines it (K.: 16 to 32 hours is 0.63); only placements that count, never a switch
    place. Whether the person can work those hours is the diagnosis' ``growth_possible``."""
    pkg = problem.pkg
    cols = np.array([lookup_id(pkg.ids, a.package_id, "package") for a in assignments])
    if cols.size == 0:
        return 0.0
    counts = np.array([a.counts for a in assignments], dtype=np.bool_)
    room = np.nan_to_num(pkg.growth_to[cols] - pkg.per_week[cols], nan=0.0)
    return float((room * counts).sum() / HOURS_PER_JOB)


def _placements(
    problem: Problem, pairs: _Pairs, solved: _Solved, door: Doorstroom
) -> dict[int, dict[str, Any]]:
    """The fields of each placement by candidate row: the solver's, then the pins."""
    cfg, outcome = problem.config, solved.outcome
    penalty_bits = code_mask(cfg, "penalty")
    penalties: dict[int, NDArray[np.uint64]] = {}
    if penalty_bits and outcome.rows.size:
        bits = block_violations(problem.cand, problem.pkg, problem.minutes_for, cfg, outcome.rows)
        penalties = {int(r): bits[k] for k, r in enumerate(outcome.rows.tolist())}
    found: dict[int, dict[str, Any]] = {}
    chosen = pairs.edges.scores[pairs.edges.positions(outcome.rows, outcome.cols)].tolist()
    for k, (i, j) in enumerate(zip(outcome.rows.tolist(), outcome.cols.tolist(), strict=True)):
        soft = penalties[i][j] & penalty_bits if penalties else np.uint64(0)
        found[i] = _assignment(problem, i, j, chosen[k], decode(soft), door)
    for pin in solved.pins:
        found[pin.row] = _assignment(
            problem,
            pin.row,
            pin.col,
            pin.score,
            pin.penalties,
            door,
            pinned=True,
            override=bool(pin.breaks),
            breaks=pin.breaks,
        )
    return found


def _refuse_if_too_big(problem: Problem, max_bytes: int) -> None:
    needed, sampled = projected(problem)
    if needed > max_bytes:
        raise ResourceLimitError(
            f"this run would need about {needed >> 20:,} MB for its compatible pairs "
            f"(projected from {sampled} of {len(problem.cand):,} candidates), more than "
            f"MatchConfig.max_memory_mb={max_bytes >> 20:,}; raise the limit if the machine has "
            "the memory, tighten the rules (a lower default commute, min_score) or split the "
            "run by region"
        )


def _assignment(
    problem: Problem,
    i: int,
    j: int,
    score: float,
    penalties: list[str],
    door: Doorstroom,
    *,
    pinned: bool = False,
    override: bool = False,
    breaks: list[str] | None = None,
) -> dict[str, Any]:
    """The fields of one :class:`Assignment` (validated together, see below)."""
    cand, pkg = problem.cand, problem.pkg
    switch = bool(pkg.schakelplek[j])
    counts = bool(cand.registered[i] and pkg.counts[j]) and not switch
    hours = float(pkg.per_week[j])
    now = int(door.col_of[i])
    status = (
        PlacementStatus.NEW
        if now < 0
        else PlacementStatus.STAYS
        if now == j
        else PlacementStatus.MOVES
    )
    growth_level = int(pkg.growth_level[j])
    return {
        "candidate_id": cand.ids[i],
        "package_id": pkg.ids[j],
        "employer": pkg.employers[j],
        "title": pkg.titles[j],
        "organisation": pkg.organisations[j],
        "track": pkg.tracks[j],
        "score": score,
        "hours": hours,
        "counts": counts,
        "banen": hours / HOURS_PER_JOB if counts else 0.0,
        "penalties": penalties,
        "pinned": pinned,
        "override": override,
        "breaks": breaks or [],
        "not_counting": [
            why
            for why, ok in (
                ("register", cand.registered[i]),
                ("contract", pkg.counts[j]),
                ("schakelplek", not switch),
            )
            if not ok
        ],
        "status": status,
        "current_package_id": pkg.ids[now] if now >= 0 else None,
        "growth_to": None if np.isnan(pkg.growth_to[j]) else float(pkg.growth_to[j]),
        "growth_level": EDUCATION_BY_RANK[growth_level] if growth_level >= 0 else None,
    }


def _pins(problem: Problem) -> list[_PinnedPair]:
    """Check every pin against the rules, with the same dense code path as compatibility()."""
    cfg, cand, pkg = problem.config, problem.cand, problem.pkg
    if not cfg.pinned:
        return []
    rows = [
        lookup_id(cand.ids, p.candidate_id, "candidate", f"MatchConfig.pinned[{k}].candidate_id")
        for k, p in enumerate(cfg.pinned)
    ]
    cols = [
        lookup_id(pkg.ids, p.package_id, "package", f"MatchConfig.pinned[{k}].package_id")
        for k, p in enumerate(cfg.pinned)
    ]
    taken = np.bincount(cols, minlength=len(pkg))
    for j in np.flatnonzero(taken > pkg.slots).tolist():
        raise InputError(
            f"MatchConfig.pinned: package {pkg.ids[j]!r} has {int(pkg.slots[j])} slot(s) but "
            f"{int(taken[j])} pins; unpin someone or raise the package's slots"
        )
    idx = np.asarray(rows, dtype=np.intp)
    check_dense(idx.size, len(pkg), cfg, "checking the pins", problem.limits)
    comp = build_compatibility(cand.take(idx), pkg, problem.minutes_for(idx), cfg)
    hard, soft = code_mask(cfg, "hard"), code_mask(cfg, "penalty")
    out: list[_PinnedPair] = []
    refused = REGISTRY.unrelaxable_bits
    for k, (pin, i, j) in enumerate(zip(cfg.pinned, rows, cols, strict=True)):
        if comp.violations[k, j] & refused:
            raise InputError(
                f"MatchConfig.pinned[{k}]: candidate {pin.candidate_id!r} said no to package "
                f"{pin.package_id!r}; a candidate's own no stands, even against an override. "
                "Remove the pin, or remove the package from their excluded_packages if they "
                "changed their mind"
            )
        breaks = decode(comp.violations[k, j] & hard)
        if breaks and not pin.override:
            raise InputError(
                f"MatchConfig.pinned[{k}]: {pin.candidate_id!r} at {pin.package_id!r} breaks "
                f"hard rules ({', '.join(breaks)}); set override=True to place them anyway as a "
                "human decision"
            )
        out.append(
            _PinnedPair(
                row=i,
                col=j,
                score=float(comp.raw_scores[k, j]),
                penalties=decode(comp.violations[k, j] & soft),
                breaks=breaks,
            )
        )
    return out
