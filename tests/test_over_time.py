"""Matching over time: windows, the hindsight optimum, the policies, the live planner."""

from __future__ import annotations

import copy
import random
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from pydantic import ValidationError

import wbamatch
from brute import brute_force_total
from strategies import streams
from wbamatch import (
    Candidate,
    InputError,
    MatchConfig,
    TaskPackage,
    Timeline,
    hindsight_optimum,
    plan_over_time,
    synthetic_stream,
)
from wbamatch._overtime._windows import monday_of, week_of

POLICIES = ("greedy", "batch", "potentials")


def _models(cands: list[Any], packs: list[Any]) -> tuple[list[Candidate], list[TaskPackage]]:
    return (
        [c if isinstance(c, Candidate) else Candidate.model_validate(c) for c in cands],
        [p if isinstance(p, TaskPackage) else TaskPackage.model_validate(p) for p in packs],
    )


def _start(cands: list[Candidate], packs: list[TaskPackage]) -> date | None:
    days = [
        d
        for w in [c.available for c in cands] + [p.open for p in packs]
        if w is not None
        for d in (w.start, w.until)
        if d is not None
    ]
    return monday_of(min(days)) if days else None


def _span(window: Any, start: date | None, last: int) -> tuple[int, int]:
    """First and last week of a window, worked out here from the dates (not by the library)."""
    if window is None or start is None:
        return 0, last
    until = last if window.until is None else min(week_of(window.until, start), last)
    return max(week_of(window.start, start), 0), until


def assert_valid(t: Timeline, cands: list[Any], packs: list[Any], config: Any = None) -> None:
    """Every placement within both windows, once per person, within the slots, feasible, with
    the score of compatibility()."""
    cs, ps = _models(cands, packs)
    comp = wbamatch.compatibility(cs, ps, config)
    start, last = _start(cs, ps), t.n_weeks - 1
    by_c = {c.id: c for c in cs}
    by_p = {p.id: p for p in ps}
    assert len({p.candidate_id for p in t.placements}) == len(t.placements)
    used: dict[str, int] = {}
    for pl in t.placements:
        lo_c, hi_c = _span(by_c[pl.candidate_id].available, start, last)
        lo_p, hi_p = _span(by_p[pl.package_id].open, start, last)
        assert max(lo_c, lo_p) <= pl.week <= min(hi_c, hi_p)
        i = comp.candidate_ids.index(pl.candidate_id)
        j = comp.package_ids.index(pl.package_id)
        assert comp.feasible[i, j]
        assert pl.score == pytest.approx(float(comp.scores[i, j]), abs=1e-12)
        used[pl.package_id] = used.get(pl.package_id, 0) + 1
    for pid, k in used.items():
        assert k <= by_p[pid].slots
    assert t.total_score == pytest.approx(sum(p.score for p in t.placements))
    assert t.n_placed == len(t.placements) == sum(w.placed for w in t.weeks)


# --- the windows in the models ---------------------------------------------------------------
def test_a_window_reads_and_writes_from_and_until() -> None:
    c = Candidate.model_validate(
        {"id": "c-1", "hours": {"min": 8, "max": 16}, "available": {"from": "2027-01-06"}}
    )
    assert c.available is not None and c.available.start == date(2027, 1, 6)
    assert c.available.until is None
    assert Candidate.model_validate_json(c.model_dump_json()) == c
    assert c.model_dump(mode="json")["available"] == {"from": "2027-01-06", "until": None}
    p = TaskPackage.model_validate(
        {
            "id": "p-1",
            "hours": {"per_week": 12},
            "open": {"from": "2027-01-04", "until": "2027-02-01"},
        }
    )
    assert TaskPackage.model_validate_json(p.model_dump_json()) == p


def test_a_window_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationError, match="until is before from"):
        TaskPackage.model_validate(
            {
                "id": "p-1",
                "hours": {"per_week": 12},
                "open": {"from": "2027-02-01", "until": "2027-01-04"},
            }
        )


def test_records_without_windows_are_always_there() -> None:
    cands, packs = wbamatch.demo_data()
    t = plan_over_time(cands, packs, policy="batch")
    assert t.n_weeks == 1 and t.start is None
    assert all(p.week == 0 and p.week_start is None for p in t.placements)


# --- the hindsight optimum --------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(8))
def test_hindsight_equals_brute_force_on_tiny_streams(seed: int) -> None:
    cands, packs = synthetic_stream(7, 3, weeks=6, seed=seed, slots_total=4)
    comp = wbamatch.compatibility(cands, packs)
    start, n_weeks = _start(cands, packs), hindsight_optimum(cands, packs).n_weeks
    by_c = {c.id: c for c in cands}
    by_p = {p.id: p for p in packs}
    together = np.zeros(comp.feasible.shape, dtype=bool)
    for i, cid in enumerate(comp.candidate_ids):
        for j, pid in enumerate(comp.package_ids):
            a, b = _span(by_c[cid].available, start, n_weeks - 1)
            c, d = _span(by_p[pid].open, start, n_weeks - 1)
            together[i, j] = max(a, c) <= min(b, d)
    slots = np.array([by_p[pid].slots for pid in comp.package_ids])
    best = brute_force_total(comp.scores, comp.feasible & together, slots)
    t = hindsight_optimum(cands, packs)
    assert t.total_score == pytest.approx(best, abs=1e-9)
    assert_valid(t, cands, packs)


@given(streams())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_policy_beats_hindsight_and_every_plan_is_valid(stream: tuple[list, list]) -> None:
    cands, packs = stream
    best = hindsight_optimum(cands, packs)
    assert_valid(best, cands, packs)
    for policy in POLICIES:
        t = plan_over_time(cands, packs, policy=policy, samples=3)
        assert_valid(t, cands, packs)
        assert t.total_score <= best.total_score + 1e-9
        # Placed when both sides first take part, or later: never before.
        assert all(p.waited >= 0 for p in t.placements)


# --- the policies -----------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("policy", POLICIES)
def test_every_policy_respects_windows_slots_and_rules(policy: str, seed: int) -> None:
    cands, packs = synthetic_stream(120, 30, weeks=20, seed=seed, slots_total=40)
    cfg = MatchConfig(min_score=0.2)
    t = plan_over_time(cands, packs, policy=policy, config=cfg, samples=4)
    assert_valid(t, cands, packs, cfg)
    assert all(p.score >= 0.2 for p in t.placements)


def test_with_everyone_present_in_week_one_batch_equals_match() -> None:
    cands, packs = wbamatch.synthetic(150, 40, seed=3, slots_total=50)
    result = wbamatch.match(cands, packs)
    t = plan_over_time(cands, packs, policy="batch")
    assert {(p.candidate_id, p.package_id) for p in t.placements} == {
        (a.candidate_id, a.package_id) for a in result.assignments
    }
    assert t.total_score == pytest.approx(result.total_score, abs=1e-9)
    assert t.banen == pytest.approx(result.banen)
    # The same with dates: everyone from the same Monday, open-ended.
    day = {"from": "2027-01-04", "until": None}
    dated_c = [
        Candidate.model_validate({**c.model_dump(mode="json"), "available": day}) for c in cands
    ]
    dated_p = [
        TaskPackage.model_validate({**p.model_dump(mode="json"), "open": day}) for p in packs
    ]
    assert plan_over_time(dated_c, dated_p, policy="batch").placements == [
        p.model_copy(update={"week_start": date(2027, 1, 4)}) for p in t.placements
    ]


def test_greedy_is_first_come_first_served() -> None:
    base = {"hours": {"min": 16, "max": 24}, "capacities": {}, "skills": ["archiving"]}
    early = {**base, "id": "c-2", "available": {"from": "2027-01-04"}}
    later = {**base, "id": "c-1", "available": {"from": "2027-01-11"}, "skills": ["archiving"]}
    job = {
        "id": "p-1",
        "hours": {"per_week": 20},
        "tasks": ["archiving"],
        "work_location": "remote",
    }
    job["open"] = {"from": "2027-01-18", "until": None}
    t = plan_over_time([later, early], [job], policy="greedy")
    assert [(p.candidate_id, p.week, p.waited) for p in t.placements] == [("c-2", 2, 2)]


def test_potentials_with_a_forecast_stay_near_hindsight() -> None:
    cands, packs = synthetic_stream(300, 60, weeks=30, seed=7, slots_total=80)
    forecast, _ = synthetic_stream(300, 60, weeks=30, seed=8, slots_total=80)
    pot = plan_over_time(cands, packs, policy="potentials", forecast=forecast, samples=6)
    assert_valid(pot, cands, packs)
    assert pot.total_score > 0.8 * hindsight_optimum(cands, packs).total_score


@pytest.mark.parametrize("group_people", [1, 2, 10])
def test_a_person_s_price_does_not_fall_when_a_sample_is_split_into_groups(
    group_people: int,
) -> None:
    # Two people present, two later people who fit nothing, and two later packages that each
    # fit both present people (score 0.5): in the whole sample each present person gets a
    # package, so waiting is worth 0.5 (less one week's wait penalty) to each. Split into
    # groups, each group must keep its share of the later packages; thinning only the later
    # sides (one later person and one later package) would leave both present people fighting
    # for one package, and both prices at 0.
    from wbamatch._overtime._potentials import Forecaster, Profiles, _Sample
    from wbamatch._overtime._stream import Stream
    from wbamatch._overtime._windows import Weeks

    rows = np.array([0, 0, 0, 1, 1, 1], dtype=np.intp)
    cols = np.array([0, 1, 2, 0, 1, 2], dtype=np.intp)
    scores = np.full(6, 0.5)
    weeks = Weeks(
        start=None,
        n_weeks=3,
        cand_from=np.array([0, 0, 1, 1]),
        cand_until=np.array([2, 2, 2, 2]),
        pkg_from=np.array([0, 1, 1]),
        pkg_until=np.array([2, 2, 2]),
    )
    stream = Stream(rows, cols, scores, np.ones(3, dtype=np.int64), weeks, np.zeros(6))
    since, stays = weeks.cand_from, weeks.cand_until - weeks.cand_from
    people = Profiles.of_edges(rows, cols, scores, (4, 3), since, stays)
    forecaster = Forecaster(people, 1, 0, 0.002, group_people=group_people)
    later = _Sample(np.array([2, 3], dtype=np.intp), np.array([1, 1]), np.array([2, 2]))
    opening = _Sample(np.array([1, 2], dtype=np.intp), np.array([1, 1]), np.array([2, 2]))
    present = np.array([True, True, False, False])
    prices = forecaster._people_prices(stream, 0, people.matrix, present, later, opening)
    assert prices.tolist() == pytest.approx([0.498, 0.498, 0.0, 0.0])


@pytest.mark.parametrize("policy", POLICIES)
def test_plans_are_deterministic_and_independent_of_order(policy: str) -> None:
    cands, packs = synthetic_stream(100, 25, weeks=16, seed=11, slots_total=30)
    c_before, p_before = copy.deepcopy(cands), copy.deepcopy(packs)
    t = plan_over_time(cands, packs, policy=policy, samples=4, seed=3)
    assert cands == c_before and packs == p_before  # inputs are not mutated
    rng = random.Random(5)
    shuffled_c, shuffled_p = cands[:], packs[:]
    rng.shuffle(shuffled_c)
    rng.shuffle(shuffled_p)
    again = plan_over_time(shuffled_c, shuffled_p, policy=policy, samples=4, seed=3)
    assert again == t
    as_dicts = plan_over_time(
        [c.model_dump(mode="json") for c in cands],
        [p.model_dump(mode="json") for p in packs],
        policy=policy,
        samples=4,
        seed=3,
    )
    assert as_dicts == t


def test_pins_stand_and_forbidden_pairs_are_never_planned() -> None:
    cands, packs = synthetic_stream(80, 20, weeks=10, seed=4, slots_total=25)
    t = plan_over_time(cands, packs, policy="batch")
    first, second = t.placements[0], t.placements[1]
    cfg = MatchConfig(
        pinned=[{"candidate_id": first.candidate_id, "package_id": first.package_id}],
        forbidden=[{"candidate_id": second.candidate_id, "package_id": second.package_id}],
    )
    for policy in (*POLICIES, "hindsight"):
        plan = (
            hindsight_optimum(cands, packs, cfg)
            if policy == "hindsight"
            else plan_over_time(cands, packs, policy=policy, config=cfg, samples=3)
        )
        pairs = {(p.candidate_id, p.package_id): p for p in plan.placements}
        assert pairs[(first.candidate_id, first.package_id)].pinned
        assert (second.candidate_id, second.package_id) not in pairs


def test_timeline_round_trips_and_has_a_frame() -> None:
    t = plan_over_time(*synthetic_stream(60, 15, weeks=10, seed=2), policy="potentials")
    assert Timeline.model_validate_json(t.model_dump_json()) == t
    assert len(t.weeks) == t.n_weeks
    assert t.p90_wait >= t.mean_wait * 0 and t.p90_wait <= t.n_weeks
    rows = t.to_records()
    assert len(rows) == t.n_placed
    pd = pytest.importorskip("pandas")
    assert isinstance(t.to_dataframe(), pd.DataFrame)
    assert list(t.to_dataframe().columns)[:3] == ["candidate_id", "package_id", "week"]


def test_bad_arguments_are_refused() -> None:
    cands, packs = synthetic_stream(10, 3, weeks=4, seed=1)
    with pytest.raises(InputError, match="unknown policy"):
        plan_over_time(cands, packs, policy="fastest")
    with pytest.raises(InputError):
        plan_over_time(cands, packs, samples=0)
    with pytest.raises(InputError):
        synthetic_stream(10, 3, weeks=0)


# --- synthetic streams ------------------------------------------------------------------------
def test_synthetic_stream_is_deterministic_and_within_its_weeks() -> None:
    cands, packs = synthetic_stream(200, 50, weeks=26, seed=9)
    assert (cands, packs) == synthetic_stream(200, 50, weeks=26, seed=9)
    end = date(2027, 1, 4) + timedelta(weeks=26)
    assert all(c.available is not None and c.available.start < end for c in cands)
    assert all(p.open is not None and p.open.start < end for p in packs)
    # People through the year, some leaving; packages closing.
    assert len({c.available.start for c in cands if c.available}) > 20
    assert any(c.available and c.available.until for c in cands)
    assert sum(1 for p in packs if p.open and p.open.until) > len(packs) // 2


# --- the live planner -------------------------------------------------------------------------
def test_the_planner_proposes_within_the_week_and_keeps_what_was_accepted() -> None:
    cands, packs = synthetic_stream(150, 40, weeks=10, seed=6, slots_total=50)
    planner = wbamatch.Planner(samples=4)
    monday = date(2027, 1, 4)
    accepted: dict[str, str] = {}
    for week in range(4):
        day = monday + timedelta(weeks=week)
        result = planner.week(day, cands, packs)
        assert result.audit is not None and result.certificate is not None
        for a in result.assignments:
            c = next(x for x in cands if x.id == a.candidate_id)
            p = next(x for x in packs if x.id == a.package_id)
            if a.candidate_id in accepted:
                assert a.pinned and accepted[a.candidate_id] == a.package_id
                continue
            assert c.available is not None and c.available.start <= day + timedelta(days=6)
            assert c.available.until is None or c.available.until >= day
            assert p.open is not None and p.open.start <= day + timedelta(days=6)
            assert p.open.until is None or p.open.until >= day
        news = [a.candidate_id for a in result.assignments if not a.pinned]
        planner.accept(result, news)
        accepted.update({a.candidate_id: a.package_id for a in result.assignments})
    assert len(planner.accepted) == len(accepted)


@given(streams(), st.randoms(use_true_random=False))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_plans_do_not_depend_on_the_order_of_the_records(
    stream: tuple[list, list], rng: random.Random
) -> None:
    cands, packs = stream
    shuffled_c, shuffled_p = cands[:], packs[:]
    rng.shuffle(shuffled_c)
    rng.shuffle(shuffled_p)
    assert hindsight_optimum(shuffled_c, shuffled_p).placements == (
        hindsight_optimum(cands, packs).placements
    )
    for policy in POLICIES:
        a = plan_over_time(cands, packs, policy=policy, samples=2)
        b = plan_over_time(shuffled_c, shuffled_p, policy=policy, samples=2)
        assert a == b


def test_an_accepted_person_keeps_their_slot_when_no_longer_listed() -> None:
    job = {
        "id": "p-1",
        "hours": {"per_week": 20},
        "tasks": ["archiving"],
        "work_location": "remote",
        "slots": 2,
    }
    people = [
        {"id": f"c-{k}", "hours": {"min": 16, "max": 24}, "capacities": {}, "skills": ["archiving"]}
        for k in range(4)
    ]
    planner = wbamatch.Planner(samples=2)
    first = planner.week(date(2027, 1, 4), people[:1], [job])
    planner.accept(first, ["c-0"])
    # c-0 has started and left the register: one slot of p-1 is left for the others.
    second = planner.week(date(2027, 1, 11), people[1:], [job])
    assert len(second.assignments) == 1 and not second.assignments[0].pinned
    with pytest.raises(wbamatch.UnknownIdError):
        planner.accept(second, ["c-0"])


def test_the_planner_plans_forward() -> None:
    cands, packs = synthetic_stream(40, 10, weeks=6, seed=3)
    planner = wbamatch.Planner(samples=2)
    planner.week(date(2027, 1, 11), cands, packs)
    with pytest.raises(InputError, match="before the first week planned"):
        planner.week(date(2027, 1, 4), cands, packs)
