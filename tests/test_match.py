"""match(): the invariants a service relies on, as hypothesis properties and worked checks."""

from __future__ import annotations

import json
import random
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import wbamatch
from brute import brute_force_total
from factories import cand, pkg
from strategies import configs, problems
from wbamatch import Limits

PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(problems(), configs())
def test_no_infeasible_pair_and_no_slot_twice(problem: tuple, cfg: dict[str, Any]) -> None:
    cands, packs = problem
    comp = wbamatch.compatibility(cands, packs, cfg)
    result = wbamatch.match(cands, packs, cfg)
    used: dict[str, int] = {}
    for a in result.assignments:
        i, j = comp.index(a.candidate_id, a.package_id)
        assert comp.feasible[i, j], comp.reasons(a.candidate_id, a.package_id)
        assert a.score >= result.config.min_score
        used[a.package_id] = used.get(a.package_id, 0) + 1
    slots = {p["id"]: p["slots"] for p in packs}
    assert all(n <= slots[pid] for pid, n in used.items())
    assert len({a.candidate_id for a in result.assignments}) == len(result.assignments)
    placed = {a.candidate_id for a in result.assignments}
    assert placed | {u.candidate_id for u in result.unassigned} == {c["id"] for c in cands}


@PROPS
@given(problems(max_candidates=5, max_packages=3), configs())
def test_total_equals_brute_force(problem: tuple, cfg: dict[str, Any]) -> None:
    cands, packs = problem
    comp = wbamatch.compatibility(cands, packs, cfg)
    eligible = comp.feasible & (comp.scores >= comp.config.min_score)
    best = brute_force_total(comp.scores, eligible, comp.packages.slots)
    assert abs(wbamatch.match(cands, packs, cfg).total_score - best) < 1e-9


@PROPS
@given(problems(), st.randoms(use_true_random=False))
def test_shuffling_inputs_changes_nothing(problem: tuple, rnd: random.Random) -> None:
    cands, packs = problem
    first = wbamatch.match(cands, packs)
    c2, p2 = list(cands), list(packs)
    rnd.shuffle(c2)
    rnd.shuffle(p2)
    assert wbamatch.match(c2, p2) == first


@PROPS
@given(problems())
def test_result_round_trips_through_json(problem: tuple) -> None:
    result = wbamatch.match(*problem)
    again = wbamatch.MatchResult.model_validate_json(result.model_dump_json())
    assert again == result
    json.loads(result.model_dump_json())


def test_inputs_are_not_mutated() -> None:
    cands = [{"id": "c-1", "hours": {"min": 8, "max": 24}, "home": {"lat": 52.1, "lon": 5.1}}]
    packs = [{"id": "p-1", "hours": {"per_week": 16}, "location": {"lat": 52.1, "lon": 5.1}}]
    before = json.dumps([cands, packs], sort_keys=True)
    wbamatch.match(cands, packs)
    assert json.dumps([cands, packs], sort_keys=True) == before


def test_group_optimum_beats_greedy() -> None:
    # Greedy would give p-a to c-1 (0.9) and leave c-2 with nothing; the optimum places both.
    c1 = cand("c-1", skills=["archiving", "scanning"])
    c2 = cand("c-2", skills=["archiving"], capacities={"work_pace": 1})
    pa = pkg("p-a", tasks=["archiving"])
    pb = pkg("p-b", tasks=["archiving", "scanning"], demands={"work_pace": 2})
    result = wbamatch.match([c1, c2], [pa, pb])
    got = {a.candidate_id: a.package_id for a in result.assignments}
    assert got == {"c-1": "p-b", "c-2": "p-a"}


def test_min_score_leaves_people_unassigned_rather_than_badly_placed() -> None:
    c = cand(skills=["gardening"], interests=[])
    p = pkg(tasks=["archiving"], contract={"type": "zero_hours"})
    comp = wbamatch.compatibility([c], [p])
    score = float(comp.scores[0, 0])
    assert wbamatch.match([c], [p], {"min_score": score - 0.01}).assignments
    result = wbamatch.match([c], [p], {"min_score": score + 0.01})
    assert result.assignments == []
    assert result.unassigned[0].reasons[0].code == "below_min_score"


def test_unassigned_lists_the_blocking_reasons() -> None:
    c = cand(needs={"fixed_hours": True}, capacities={"work_pace": 1})
    ps = [pkg(f"p-{k}", schedule={"kind": "shifts", "start": "18:00"}) for k in range(3)]
    ps.append(pkg("p-9", demands={"work_pace": 3}))
    result = wbamatch.match([c], ps)
    (u,) = result.unassigned
    assert u.feasible_packages == 0
    assert [(r.code, r.packages) for r in u.reasons] == [
        ("fixed_hours", 3),
        ("capacity:work_pace", 1),
    ]
    assert {o.package_id for o in result.open_slots} == {"p-0", "p-1", "p-2", "p-9"}


def test_outcompeted_is_reported() -> None:
    cs = [cand("c-1", skills=["archiving"]), cand("c-2", skills=[])]
    result = wbamatch.match(cs, [pkg()])
    assert [a.candidate_id for a in result.assignments] == ["c-1"]
    assert result.unassigned[0].reasons[0].code == "outcompeted"


def test_banen_counts_registered_candidates_on_counting_contracts() -> None:
    cs = [cand("c-1"), cand("c-2", registered=False), cand("c-3")]
    ps = [
        pkg("p-1", hours={"per_week": 20}),
        pkg("p-2", hours={"per_week": 20}),
        pkg("p-3", hours={"per_week": 20}, contract={"type": "zero_hours"}),
    ]
    result = wbamatch.match(cs, ps)
    assert len(result.assignments) == 3
    counting = [a for a in result.assignments if a.counts]
    assert {a.package_id for a in counting} <= {"p-1", "p-2"}
    assert np.isclose(result.banen, sum(a.hours for a in counting) / 25.5)
    assert np.isclose(result.banen, len(counting) * 20 / 25.5)


def test_slots_expand() -> None:
    cs = [cand(f"c-{i}") for i in range(5)]
    result = wbamatch.match(cs, [pkg(slots=3)])
    assert len(result.assignments) == 3
    assert result.n_slots == 3 and result.open_slots == []


def test_unknown_counts() -> None:
    cs = [
        cand("c-1", education="unknown"),
        cand("c-2", home=None),
        cand("c-3"),
        cand("c-4", capacities=None),
    ]
    result = wbamatch.match(cs, [pkg()])
    assert result.unknown == {"education": 1, "home": 1, "capacities": 1}


def test_dense_instance_is_deterministic() -> None:
    cands, packs = wbamatch.synthetic(120, 40, seed=3)
    a = wbamatch.match(cands, packs)
    b = wbamatch.match(list(reversed(cands)), list(reversed(packs)))
    assert a == b
    assert a.assignments, "a realistic instance should place somebody"


@settings(max_examples=40, deadline=None)
@given(problems(max_candidates=8, max_packages=5))
def test_every_solver_path_reaches_the_same_optimum(problem: tuple) -> None:
    from wbamatch._pipeline import prepare, solve_problem

    prob = prepare(*problem, None, None)
    dense = solve_problem(prob, method="dense")
    sparse = solve_problem(prob, method="sparse")
    # No dense solve at all: the connected-components path, and min-cost flow where installed.
    split = solve_problem(prob, method="components")
    auto = solve_problem(prepare(*problem, None, None, limits=Limits(dense_cells=0)))
    assert sparse.total_score == pytest.approx(dense.total_score, abs=1e-9)
    assert split.total_score == pytest.approx(dense.total_score, abs=1e-9)
    assert auto.total_score == pytest.approx(dense.total_score, abs=1e-9)
    if dense.assignments:
        assert split.solver.startswith("components:")
    for result in (dense, sparse, split, auto):
        assert result.certificate is not None and result.certificate.gap == 0.0


#: Even small instances through the block-wise path, in blocks of ten candidates (of 40
#: packages).
BLOCK_WISE = Limits(small_pairs=0, pairs_per_block=400)


def test_progress_callback_sees_every_block_and_can_cancel() -> None:
    cands, packs = wbamatch.synthetic(300, 40, seed=1)
    seen: list[tuple[int, int]] = []
    wbamatch.match(
        cands, packs, progress=lambda done, total: seen.append((done, total)), limits=BLOCK_WISE
    )
    assert seen[0] == (0, 30) and seen[-1] == (30, 30)

    class StopError(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        if done == 1:
            raise StopError

    with pytest.raises(StopError):
        wbamatch.match(cands, packs, progress=cancel, limits=BLOCK_WISE)


def test_memory_limit_stops_the_run_with_a_clear_error() -> None:
    cands, packs = wbamatch.synthetic(1000, 100, seed=3)
    cfg = {"max_memory_mb": 1, "rules": {"commute": "off"}, "default_max_commute_minutes": None}
    with pytest.raises(wbamatch.WbamatchError, match="max_memory_mb"):
        wbamatch.match(cands, packs, cfg, progress=False, limits=BLOCK_WISE)


@settings(max_examples=30, deadline=None)
@given(problems(max_candidates=8, max_packages=5), configs())
def test_small_dense_path_equals_the_block_wise_path(problem: tuple, cfg: dict[str, Any]) -> None:
    from wbamatch._pipeline import prepare, solve_problem

    small = solve_problem(prepare(*problem, cfg, None))
    blocks = solve_problem(prepare(*problem, cfg, None, limits=Limits(small_pairs=0)))
    assert small == blocks


def test_a_callers_travel_time_provider_is_never_called_from_two_threads() -> None:
    import threading

    from wbamatch._commute import EstimatedTravelTime

    seen: set[int] = set()

    class Recording:
        def minutes(self, origins: Any, destinations: Any, modes: Any) -> Any:
            seen.add(threading.get_ident())
            return EstimatedTravelTime().minutes(origins, destinations, modes)

    cands, packs = wbamatch.synthetic(200, 30, seed=2)
    with_provider = wbamatch.match(
        cands, packs, travel_minutes=Recording(), progress=False, limits=BLOCK_WISE
    )
    assert seen == {threading.get_ident()}
    assert with_provider.total_score == pytest.approx(
        wbamatch.match(cands, packs, progress=False).total_score, abs=1e-9
    )


def test_the_projection_does_not_change_a_run_that_fits() -> None:
    # A run that would not fit streams its pairs (tests/test_stream.py); one that fits is the
    # same with and without the projection.
    projected = Limits(small_pairs=0, project_above_pairs=0)
    cands, packs = wbamatch.synthetic(1000, 100, seed=3)
    fine = wbamatch.match(cands, packs, progress=False, limits=projected)
    assert not fine.solver.startswith("streamed")
    unprojected = Limits(small_pairs=0, project_above_pairs=10**12)
    assert fine == wbamatch.match(cands, packs, progress=False, limits=unprojected)
