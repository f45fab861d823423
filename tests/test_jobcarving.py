"""Jobcarving: packages from tasks, the exact carve for one person and the split over a team."""

from __future__ import annotations

import contextlib
import itertools
import json
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from pydantic import ValidationError

import wbamatch
from factories import UTRECHT, cand_dict
from wbamatch._exceptions import DuplicateIdError, InputError, UnknownIdError
from wbamatch._jobcarving import (
    SCHEDULE_STRICTNESS,
    TASK_LIMIT_BY_TASK_SWITCHING,
    CarveResult,
    CarveStatus,
    PackageTerms,
    Task,
    TeamCarveResult,
    carve,
    carve_team,
    demo_tasks,
    demo_terms,
    package_from_tasks,
    task_limit,
    task_switching_demand,
)

DEN_HAAG = {"lat": 52.0767, "lon": 4.2986}
PLACES = [UTRECHT, DEN_HAAG]
TAGS = ["archiving", "scanning", "data_entry", "mail_sorting", "copying", "facility"]
DIMS = ["concentration", "lifting", "task_switching", "noise", "work_pace"]
#: Demands of tasks also include the postures the movement rule reads.
TASK_DIMS = [*DIMS, "sitting", "sitting", "walking", "standing"]
SLOW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

TERMS = {
    "offers": {"structure": True, "jobcoach": True, "mentor": True, "colleague": True},
    "contract": {"type": "permanent"},
    "location": UTRECHT,
}


def task(tid: str, **over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": tid,
        "hours": 8,
        "tags": ["archiving"],
        "schedule": {"kind": "fixed", "start": "09:30"},
        "stimulus": "low",
    }
    return {**base, **over}


# --------------------------------------------------------------------------------------------
# Strategies: small pools with many ties, every rule in play
# --------------------------------------------------------------------------------------------


@st.composite
def task_dicts(draw: st.DrawFn, tid: str) -> dict[str, Any]:
    return {
        "id": tid,
        "hours": draw(st.sampled_from([2, 3.5, 4, 6, 8, 10, 12, 16])),
        "tags": draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True)),
        "demands": draw(st.dictionaries(st.sampled_from(TASK_DIMS), st.integers(0, 3), max_size=2)),
        "schedule": {
            "kind": draw(
                st.sampled_from(["fixed", "fixed", "fixed", "flexible", "evening", "shifts"])
            ),
            "start": draw(
                st.sampled_from(
                    ["07:30", "08:00", "09:00", "09:30", "13:00", "16:30", "18:00", "21:00", None]
                )
            ),
        },
        "stimulus": draw(st.sampled_from(["low", "low", "medium", "high"])),
        "location": draw(st.sampled_from([UTRECHT, DEN_HAAG, None])),
        "work_location": draw(st.sampled_from(["office", "office", "hybrid", "remote"])),
    }


@st.composite
def pools(draw: st.DrawFn, max_size: int = 7) -> list[dict[str, Any]]:
    n = draw(st.integers(1, max_size))
    return [draw(task_dicts(f"t{k:02d}")) for k in range(n)]


@st.composite
def candidates(draw: st.DrawFn, cid: str = "c-1") -> dict[str, Any]:
    lo = draw(st.sampled_from([4, 8, 12, 16, 20]))
    return {
        "id": cid,
        "registered": draw(st.booleans()),
        "education": draw(st.sampled_from(["mbo1", "mbo2", "hbo", "unknown"])),
        "hours": {
            "min": lo,
            "max": lo + draw(st.sampled_from([0, 4, 8, 16])),
            "max_per_day": draw(st.sampled_from([None, 4, 6, 8])),
        },
        "capacities": draw(
            st.one_of(
                st.none(),  # an unknown profile
                st.dictionaries(st.sampled_from(DIMS), st.integers(0, 3), max_size=3),
            )
        ),
        "needs": {
            "low_stimulus": draw(st.booleans()),
            "fixed_hours": draw(st.booleans()),
            "avoid_rush_hour": draw(st.booleans()),
            "office": draw(st.booleans()),
            "no_evening_work": draw(st.booleans()),
            "no_night_work": draw(st.booleans()),
            "movement": draw(st.booleans()),
            "travels_independently": draw(st.sampled_from([True, True, True, False])),
            "travel_mode": draw(st.sampled_from(["public_transport", "bike", "car"])),
            "max_commute_minutes": draw(st.sampled_from([None, 30, 60, 120])),
        },
        "home": draw(st.sampled_from(PLACES)),
        "skills": draw(st.lists(st.sampled_from(TAGS), max_size=3, unique=True)),
        "interests": draw(st.lists(st.sampled_from([*TAGS, "public_service"]), max_size=2)),
        "wants_growth": draw(st.booleans()),
    }


@st.composite
def terms(draw: st.DrawFn) -> dict[str, Any]:
    return {
        **TERMS,
        "offers": {**TERMS["offers"], "transport": draw(st.booleans())},
        "location": draw(st.sampled_from([UTRECHT, DEN_HAAG, None])),
        "growth_hours": draw(st.sampled_from([None, 4, 8, 30])),
        "tags": draw(st.lists(st.sampled_from(["public_service", "archiving"]), max_size=1)),
        "days": draw(st.sampled_from([3, 4, 5])),
        "min_education": draw(st.sampled_from([None, "mbo1"])),
    }


@st.composite
def configs(draw: st.DrawFn) -> dict[str, Any]:
    rules = draw(
        st.dictionaries(
            st.sampled_from(
                [
                    "hours",
                    "rush_hour",
                    "stimulus",
                    "fixed_hours",
                    "commute",
                    "capacity:lifting",
                    "capacity:task_switching",
                    "capacity_unknown",
                    "evening",
                    "evening_unknown",
                    "night",
                    "movement",
                    "office",
                    "independent_travel",
                ]
            ),
            st.sampled_from(["penalty", "off"]),
            max_size=2,
        )
    )
    config: dict[str, Any] = {"rules": rules}
    if draw(st.booleans()):
        config["weights"] = {"movement": draw(st.sampled_from([0.0, 0.05, 0.5]))}
    if draw(st.booleans()):
        config["norm_demand_level"] = draw(st.integers(0, 3))
    return config


def brute_force(
    tasks: list[dict[str, Any]], cand: dict[str, Any], config: Any, terms_: Any
) -> float:
    """Best core score over every subset of the pool (-1 when no subset is feasible)."""
    packages = []
    for r in range(1, len(tasks) + 1):
        for subset in itertools.combinations(tasks, r):
            # Tasks at two workplaces, or over 60 hours, make no package.
            with contextlib.suppress(InputError):
                packages.append(
                    package_from_tasks(subset, id=f"s{len(packages):04d}", terms=terms_)
                )
    if not packages:
        return -1.0
    comp = wbamatch.compatibility([cand], packages, config)
    scores = np.where(comp.feasible[0], comp.scores[0], -1.0)
    return float(scores.max())


# --------------------------------------------------------------------------------------------
# Task and package_from_tasks
# --------------------------------------------------------------------------------------------


def test_task_validates_and_names_the_task() -> None:
    t = Task.model_validate(task("t-1", tags=[" Archiving ", "archiving", "Scanning"]))
    assert t.tags == ["archiving", "scanning"]
    with pytest.raises(ValidationError) as info:
        Task.model_validate(task("t-9", hours=0))
    assert "t-9" in str(info.value) and "hours" in str(info.value)
    with pytest.raises(ValidationError):
        Task.model_validate(task("t-9", hours=-2))


def test_package_sums_hours_and_takes_the_strictest_of_everything() -> None:
    pkg = package_from_tasks(
        [
            task("a", hours=8, demands={"lifting": 1, "noise": 2}, stimulus="low"),
            task("b", hours=6.5, demands={"lifting": 2}, stimulus="high", tags=["scanning"]),
            task(
                "c",
                hours=4,
                schedule={"kind": "evening", "start": "08:00"},
                work_location="remote",
                location=DEN_HAAG,
            ),
        ],
        id="p-x",
        terms={**TERMS, "growth_hours": 8, "tags": ["public_service"]},
    )
    assert pkg.hours.per_week == 18.5 and pkg.hours.growth_to == 26.5
    assert pkg.demands.level("lifting") == 2 and pkg.demands.level("noise") == 2
    assert pkg.demands.level("task_switching") == task_switching_demand(3) == 2
    assert pkg.schedule.kind.value == "evening" and pkg.schedule.start == "08:00"
    assert pkg.stimulus.value == "high"
    assert pkg.work_location.value == "hybrid"  # office and remote tasks
    assert pkg.location == wbamatch._models.Location.model_validate(UTRECHT)  # the terms' place
    assert pkg.tasks == ["archiving", "scanning"] and pkg.tags == ["public_service"]
    assert pkg.contract.type.value == "permanent" and pkg.offers.jobcoach


def test_unknown_start_makes_the_package_start_unknown() -> None:
    pkg = package_from_tasks(
        [task("a"), task("b", schedule={"kind": "fixed", "start": None})], id="p"
    )
    assert pkg.schedule.start is None


def test_work_location_and_default_employer() -> None:
    remote = package_from_tasks(
        [task("a", work_location="remote", department="Post")], id="p", terms={}
    )
    assert remote.work_location.value == "remote" and remote.employer == "Post"
    office = package_from_tasks(
        [task("a", department="Post"), task("b", department="Archive")], id="p"
    )
    assert office.work_location.value == "office" and office.employer == "Archive, Post"
    assert package_from_tasks([task("a")], id="p", terms={"employer": "IenW"}).employer == "IenW"


def test_schedule_strictness_order() -> None:
    kinds = [k.value for k in SCHEDULE_STRICTNESS]
    assert kinds[0] == "fixed" and set(kinds) == {"fixed", "flexible", "evening", "shifts"}
    pkg = package_from_tasks(
        [task(k, schedule={"kind": k, "start": "09:00"}) for k in ("flexible", "shifts")],
        id="p",
    )
    assert pkg.schedule.kind.value == "shifts"
    # Flexible hours are stricter than evening work: the package has no known window and no
    # fixed hours, exactly as its flexible task alone (fixed_hours stays a per-task rule).
    pkg = package_from_tasks(
        [task(k, schedule={"kind": k, "start": "18:00"}) for k in ("evening", "flexible")],
        id="p",
        terms=TERMS,
    )
    assert pkg.schedule.kind.value == "flexible"
    fixed = cand_dict(needs={"fixed_hours": True})
    assert wbamatch.compatibility([fixed], [pkg]).reasons("c-1", "p") == ["fixed_hours"]


def test_package_counts_its_tasks_not_its_tags() -> None:
    tags = [["archiving", "scanning", "copying"], ["data_entry", "facility", "mail_sorting"]]
    ts = [task(f"t{k}", tags=t) for k, t in enumerate(tags)]
    pkg = package_from_tasks(ts, id="p", terms=TERMS)
    assert len(pkg.tasks) == 6 and pkg.task_count == 2 and pkg.n_tasks == 2
    assert pkg.demands.level("task_switching") == task_switching_demand(2) == 1
    two_tasks = cand_dict(capacities={"task_switching": 1}, hours={"min": 16, "max": 16})
    comp = wbamatch.compatibility([two_tasks], [pkg])
    assert comp.feasible[0, 0]  # six tags, but two tasks: what task switching 1 allows
    assert carve(ts, two_tasks, terms=TERMS).task_ids == ["t0", "t1"]


def test_package_from_tasks_is_independent_of_order() -> None:
    ts = [task("a", hours=4), task("b", tags=["copying"], stimulus="medium"), task("c")]
    assert package_from_tasks(ts, id="p") == package_from_tasks(ts[::-1], id="p")


@pytest.mark.parametrize(
    ("tasks", "error"),
    [
        ([], InputError),
        ([task("a"), task("a")], DuplicateIdError),
        ([task("a", location=UTRECHT), task("b", location=DEN_HAAG)], InputError),
        ([task("a", hours=40), task("b", hours=30)], InputError),
    ],
)
def test_package_from_tasks_errors(tasks: list[dict[str, Any]], error: type) -> None:
    with pytest.raises(error):
        package_from_tasks(tasks, id="p")


def test_two_workplaces_error_names_the_tasks() -> None:
    with pytest.raises(InputError, match=r"'a'.*'b'.*one workplace"):
        package_from_tasks([task("a", location=UTRECHT), task("b", location=DEN_HAAG)], id="p")


def test_a_single_record_is_not_a_pool() -> None:
    with pytest.raises(InputError, match="list"):
        carve(task("a"), cand_dict())  # type: ignore[arg-type]


def test_task_limit_and_demand_are_inverse() -> None:
    assert TASK_LIMIT_BY_TASK_SWITCHING == {0: 1, 1: 2, 2: 4, 3: None}
    for n in range(1, 12):
        level = task_switching_demand(n)
        limit = task_limit(level)
        assert limit is None or n <= limit  # the level admits n tasks
        if level > 0:
            below = task_limit(level - 1)
            assert below is not None and n > below  # and no lower level does


def test_terms_refuse_unknown_minimum_education() -> None:
    with pytest.raises(ValidationError):
        PackageTerms.model_validate({"min_education": "unknown"})


# --------------------------------------------------------------------------------------------
# carve: one candidate
# --------------------------------------------------------------------------------------------


@SLOW
@given(pools(), candidates(), configs(), terms())
def test_carve_equals_brute_force_over_all_subsets(
    tasks: list[dict[str, Any]], cand: dict[str, Any], config: Any, terms_: Any
) -> None:
    result = carve(tasks, cand, config, terms=terms_)
    best = brute_force(tasks, cand, config, terms_)
    got = result.score if result.package is not None else -1.0
    assert got == pytest.approx(best, abs=1e-6)
    assert (result.package is None) == (result.status is CarveStatus.INFEASIBLE)


@SLOW
@given(pools(max_size=10), candidates(), configs(), terms())
def test_carved_package_is_feasible_for_its_candidate(
    tasks: list[dict[str, Any]], cand: dict[str, Any], config: Any, terms_: Any
) -> None:
    result = carve(tasks, cand, config, terms=terms_)
    if result.package is None:
        assert result.reasons and not result.tasks
        assert sorted(result.leftover_task_ids) == sorted(t["id"] for t in tasks)
        return
    comp = wbamatch.compatibility([cand], [result.package], config)
    assert comp.feasible[0, 0]
    assert comp.scores[0, 0] == pytest.approx(result.score)
    assert result.explanation is not None and result.explanation.feasible
    # The package is exactly what its tasks make, and every task is either used or left over.
    assert result.package == package_from_tasks(result.tasks, id=result.package.id, terms=terms_)
    assert sorted(result.task_ids + result.leftover_task_ids) == sorted(t["id"] for t in tasks)
    assert result.hours == pytest.approx(sum(t.hours for t in result.tasks))
    cand_model = wbamatch.Candidate.model_validate(cand)
    cfg = wbamatch.MatchConfig.model_validate(config)
    if cand_model.capacities is None:  # an unknown profile: capped at the norm level
        limit, code = task_limit(cfg.norm_demand_level), "capacity_unknown"
    else:
        limit, code = (
            task_limit(cand_model.capacities.level("task_switching")),
            "capacity:task_switching",
        )
    if limit is not None and cfg.mode_of(code) == "hard":
        assert len(result.tasks) <= limit


@settings(max_examples=15, deadline=None, derandomize=True)
@given(pools(max_size=8), candidates(), st.randoms(use_true_random=False))
def test_carve_does_not_depend_on_task_order(
    tasks: list[dict[str, Any]], cand: dict[str, Any], rnd: Any
) -> None:
    shuffled = list(tasks)
    rnd.shuffle(shuffled)
    a = carve(tasks, cand, terms=TERMS)
    b = carve(shuffled, cand, terms=TERMS)
    assert a.task_ids == b.task_ids and a.score == pytest.approx(b.score)


def test_bert_gets_at_most_two_fixed_tasks_and_never_the_evening_shift() -> None:
    bert = wbamatch.demo_data()[0][0]
    result = carve(demo_tasks(), bert, terms=demo_terms())
    assert result.status is CarveStatus.OPTIMAL and result.task_limit == 2
    assert 1 <= len(result.tasks) <= 2
    assert all(t.schedule.kind.value == "fixed" for t in result.tasks)
    assert bert.hours.min <= result.hours <= bert.hours.max
    reasons = {lt.task_id: lt.reasons for lt in result.leftover}
    # Bert does no evening work (the evening shift is no longer "no fixed hours" by itself);
    # the flexible task has no fixed hours, and no known window either.
    assert reasons["t-13"] == ["evening"]
    assert reasons["t-07"] == ["fixed_hours", "evening_unknown", "night_unknown"]
    assert result.counts and result.banen == pytest.approx(result.hours / 25.5)
    assert "t-13" in result.leftover_task_ids and result.package is not None
    assert result.package.id == "p-c-001"


def test_rush_hour_candidate_gets_a_start_outside_the_peak() -> None:
    c5 = wbamatch.demo_data()[0][4]  # avoids the rush hour on public transport, Den Haag
    result = carve(demo_tasks(), c5, terms=demo_terms())
    assert result.package is not None
    start = result.package.schedule.start
    assert start is not None and start >= "09:00"
    assert "t-04" in result.leftover_task_ids  # the 08:00 post round


def test_the_tag_cosine_prefers_matching_tasks() -> None:
    tasks = [
        task("a", hours=8, tags=["archiving"]),
        task("b", hours=8, tags=["copying"]),
        task("c", hours=8, tags=["scanning"]),
    ]
    person = cand_dict(hours={"min": 16, "max": 16}, skills=["archiving", "scanning"])
    assert carve(tasks, person, terms=TERMS).task_ids == ["a", "c"]


def test_penalty_mode_trades_a_rule_for_score() -> None:
    tasks = [task("a", hours=8), task("b", hours=8, stimulus="high", tags=["archiving"])]
    person = cand_dict(hours={"min": 8, "max": 16}, needs={"low_stimulus": True})
    hard = carve(tasks, person, terms=TERMS)
    assert hard.task_ids == ["a"]
    soft = carve(tasks, person, {"rules": {"stimulus": "penalty"}, "penalty": 0.01}, terms=TERMS)
    assert soft.task_ids == ["a", "b"]  # more hours beat a small penalty
    assert soft.explanation is not None
    assert [v.code for v in soft.explanation.violations] == ["stimulus"]


def test_nothing_fits_gives_reasons_not_an_exception() -> None:
    tasks = [task("a", demands={"lifting": 3}), task("b", demands={"lifting": 3, "noise": 2})]
    person = cand_dict(capacities={"lifting": 1})
    result = carve(tasks, person, terms=TERMS)
    assert result.status is CarveStatus.INFEASIBLE and result.package is None
    assert [(r.code, r.tasks) for r in result.reasons][:1] == [("capacity:lifting", 2)]
    assert result.leftover_task_ids == ["a", "b"]
    assert "Voor kandidaat c-1 is geen pakket te maken" in result.text("nl")
    assert "No package can be made for candidate c-1" in result.text("en")


def test_hours_out_of_reach_is_named() -> None:
    person = cand_dict(hours={"min": 30, "max": 40})
    result = carve([task("a"), task("b")], person, terms=TERMS)
    assert result.package is None
    assert "hours" in [r.code for r in result.reasons]


def test_task_limit_blocks_combinations() -> None:
    # One task a day: none of the 8-hour tasks alone reaches 16 hours.
    person = cand_dict(hours={"min": 16, "max": 24}, capacities={"task_switching": 0})
    result = carve([task("a"), task("b"), task("c")], person, terms=TERMS)
    assert result.package is None and result.task_limit == 1
    assert "no_combination" in [r.code for r in result.reasons]


def test_candidate_who_said_no_to_the_package_id() -> None:
    person = cand_dict(excluded_packages=["p-c-1"])
    result = carve([task("a"), task("b")], person, terms=TERMS)
    assert result.package is None and result.reasons[-1].code == "excluded"
    assert carve([task("a"), task("b")], person, terms=TERMS, package_id="p-2").package


def test_min_score_leaves_the_candidate_without_a_package() -> None:
    result = carve([task("a"), task("b")], cand_dict(), {"min_score": 0.99}, terms=TERMS)
    assert result.package is None and result.reasons[-1].code == "below_min_score"


def test_carve_errors() -> None:
    with pytest.raises(InputError):
        carve([], cand_dict())
    with pytest.raises(DuplicateIdError, match="'a'"):
        carve([task("a"), task("a")], cand_dict())
    with pytest.raises(ValidationError, match="t-0"):
        carve([task("t-0", hours=0)], cand_dict())
    with pytest.raises(InputError, match="time_limit"):
        carve([task("a")], cand_dict(), terms=TERMS, time_limit=0)
    with pytest.raises(wbamatch.UnknownPlaceError, match="t-x"):
        carve([task("t-x", location={"place": "Atlantis"})], cand_dict())


def test_carve_result_round_trips_through_json() -> None:
    result = carve(demo_tasks(), wbamatch.demo_data()[0][0], terms=demo_terms())
    again = CarveResult.model_validate_json(result.model_dump_json())
    assert again == result
    assert json.loads(result.model_dump_json())["package"]["id"] == "p-c-001"


def test_text_names_the_tasks_and_the_leftover() -> None:
    result = carve(demo_tasks(), wbamatch.demo_data()[0][0], terms=demo_terms())
    text = result.text("nl")
    assert "p-c-001" in text and "blijven" in text and "taken over" in text
    assert "baan" in text and "Score: " in text and "0.2" not in text
    english = result.text("en")
    assert "p-c-001" in english and "left over" in english and "banen" in english


def test_demo_pool() -> None:
    tasks = demo_tasks()
    assert len({t.id for t in tasks}) == len(tasks) == 14
    assert any(t.must_be_one_person for t in tasks)
    assert demo_terms().location is not None


# --------------------------------------------------------------------------------------------
# The rules of the registry: schedule kinds, start times, windows, capacities, office, movement
# --------------------------------------------------------------------------------------------


def _feasible(tasks: list[dict[str, Any]], person: dict[str, Any], config: Any = None) -> bool:
    pkg = package_from_tasks(tasks, id="p", terms=TERMS)
    return bool(wbamatch.compatibility([person], [pkg], config).feasible[0, 0])


def test_a_flexible_task_is_ruled_out_by_night_work_on_its_own() -> None:
    # Flexible hours have no known window: every package with the task has none either.
    person = cand_dict(needs={"no_night_work": True}, hours={"min": 8, "max": 16})
    flexible = task("flex", schedule={"kind": "flexible", "start": "09:00"})
    result = carve([task("a"), flexible], person, terms=TERMS)
    assert result.task_ids == ["a"]
    assert {t.task_id: t.reasons for t in result.leftover} == {"flex": ["night_unknown"]}
    assert [(r.code, r.tasks) for r in result.reasons] == [("night_unknown", 1)]


def test_an_evening_task_is_not_ruled_out_by_what_it_does_alone() -> None:
    # Alone, the evening task runs 21:00-22:36, into the night; with a task that starts at
    # 09:00 the package runs 09:00-12:12 and is evening work, which this person may do.
    person = cand_dict(needs={"no_night_work": True}, hours={"min": 16, "max": 16})
    late = task("late", schedule={"kind": "evening", "start": "21:00"})
    early = task("early", schedule={"kind": "fixed", "start": "09:00"})
    assert not _feasible([late], person) and _feasible([late, early], person)
    result = carve([late, early], person, terms=TERMS)
    assert result.task_ids == ["early", "late"] and result.package is not None
    assert result.package.schedule.kind.value == "evening"


def test_no_evening_work_splits_families_by_kind_and_names_the_evening_task() -> None:
    person = cand_dict(needs={"no_evening_work": True}, hours={"min": 8, "max": 24})
    tasks = [
        task("a", hours=8),
        task("b", hours=8, schedule={"kind": "evening", "start": "09:00"}),
        task("c", hours=8, schedule={"kind": "shifts", "start": "09:00"}),
    ]
    result = carve(tasks, person, terms=TERMS)
    assert result.task_ids == ["a"]
    assert {t.task_id: t.reasons for t in result.leftover} == {
        "b": ["evening"],
        "c": ["evening_unknown"],
    }


def test_evening_work_in_penalty_mode_is_charged_once() -> None:
    person = cand_dict(
        needs={"no_evening_work": True, "no_night_work": True}, hours={"min": 8, "max": 24}
    )
    tasks = [
        task("a", hours=8, schedule={"kind": "fixed", "start": "16:30"}),
        task("b", hours=8, schedule={"kind": "evening", "start": "17:00"}),
        task("c", hours=8, schedule={"kind": "flexible", "start": None}),
    ]
    config = {"rules": {"evening": "penalty", "night": "penalty"}, "penalty": 0.01}
    result = carve(tasks, person, config, terms=TERMS)
    assert result.score == pytest.approx(brute_force(tasks, person, config, TERMS), abs=1e-9)
    assert result.task_ids == ["a", "b", "c"]  # every code once: more hours win
    assert result.explanation is not None
    assert sorted(v.code for v in result.explanation.violations) == [
        "evening_unknown",
        "night_unknown",
    ]


def test_the_start_time_matters_for_evening_work_without_rush_hour() -> None:
    # 30 hours from 13:00 over five days end at 19:30 (with the break), in the evening; with
    # the 08:00 task the package starts at 08:00 and ends at 15:18. A cyclist, no rush hour.
    person = cand_dict(
        needs={"no_evening_work": True, "travel_mode": "bike"}, hours={"min": 30, "max": 40}
    )
    tasks = [
        task("late", hours=30, schedule={"kind": "fixed", "start": "13:00"}),
        task("early", hours=4, schedule={"kind": "fixed", "start": "08:00"}),
    ]
    assert not _feasible(tasks[:1], person) and _feasible(tasks, person)
    result = carve(tasks, person, terms=TERMS)
    assert result.task_ids == ["early", "late"]
    assert result.package is not None and result.package.schedule.start == "08:00"


def test_breakpoints_where_the_working_day_reaches_the_evening_and_the_night() -> None:
    from wbamatch._jobcarving._probes import _breakpoints

    person = wbamatch.Candidate.model_validate(cand_dict(hours={"min": 1, "max": 2}))
    terms_ = PackageTerms.model_validate({**TERMS, "days": 5})
    cfg = wbamatch.MatchConfig()
    at_13 = _breakpoints(person, terms_, cfg, 13 * 60.0, math.nan)
    assert 25.0 in at_13  # 13:00 + 25 / 5 hours = 18:00, no break yet
    at_21 = _breakpoints(person, terms_, cfg, 21 * 60.0, math.nan)
    assert 5.0 in at_21  # 21:00 + 1 hour a day = 22:00
    # 04:00 lies in the night that began at 22:00 the day before (a window 24 hours earlier):
    # its crossing is at a negative number of hours, and the evening is reached after 14 hours
    # a day (70 a week) with no break, or 13.5 with one: beyond 60 hours, no piece of its own.
    at_4 = _breakpoints(person, terms_, cfg, 4 * 60.0, math.nan)
    assert (22 * 60 - 24 * 60 - 4 * 60.0) * 5 / 60 in at_4
    assert (18 * 60 - 4 * 60.0) * 5 / 60 in at_4
    assert _breakpoints(person, terms_, cfg, math.nan, math.nan) == [1, 2, 27.5]


def test_carve_is_exact_where_the_working_day_crosses_into_the_evening() -> None:
    person = cand_dict(
        needs={"no_evening_work": True, "travel_mode": "bike"}, hours={"min": 16, "max": 40}
    )
    tasks = [
        task(k, hours=h, schedule={"kind": "fixed", "start": "13:00"})
        for k, h in (("a", 10), ("b", 10), ("c", 5), ("d", 8))
    ]
    result = carve(tasks, person, terms={**TERMS, "days": 5})
    assert result.hours == 25  # 13:00 + 5 hours ends at 18:00; more reaches the evening
    assert result.score == pytest.approx(
        brute_force(tasks, person, None, {**TERMS, "days": 5}), abs=1e-9
    )


@pytest.mark.parametrize(
    ("config", "tasks", "limit", "heavy"),
    [
        ({}, 2, 2, ["capacity_unknown"]),  # norm level 1: two tasks, as task switching 1 allows
        ({"norm_demand_level": 2}, 3, 4, None),  # lifting 2 is the norm now
        ({"norm_demand_level": 3}, 3, None, None),
        ({"rules": {"capacity_unknown": "off"}}, 3, None, None),
        ({"rules": {"capacity_unknown": "penalty"}, "penalty": 0.01}, 3, 2, None),
    ],
)
def test_unknown_capacities_cap_the_number_of_tasks(
    config: dict[str, Any], tasks: int, limit: int | None, heavy: list[str] | None
) -> None:
    person = cand_dict(capacities=None, hours={"min": 8, "max": 24})
    pool = [task("a"), task("b"), task("c"), task("heavy", demands={"lifting": 2})]
    result = carve(pool, person, config, terms=TERMS)
    assert len(result.tasks) == tasks and result.task_limit == limit
    assert result.score == pytest.approx(brute_force(pool, person, config, TERMS), abs=1e-9)
    leftover = {t.task_id: t.reasons for t in result.leftover}
    if heavy is not None:
        assert leftover["heavy"] == heavy
    else:  # the heavy task fits (or is only charged): any reason is not its own
        assert all(not r for r in leftover.values())


def test_an_office_candidate_gets_no_remote_task_and_no_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import wbamatch._jobcarving._solver as jc

    def no_cut(*args: Any) -> None:
        raise AssertionError("the model proposed a package the core rejects")

    monkeypatch.setattr(jc, "_cut", no_cut)
    person = cand_dict(needs={"office": True}, hours={"min": 8, "max": 24})
    tasks = [
        task("a", hours=8),
        task("b", hours=8, work_location="remote", tags=["scanning"]),
        task("c", hours=8, work_location="hybrid", tags=["copying"]),
    ]
    result = carve(tasks, person, terms=TERMS)
    assert result.task_ids == ["a"]
    assert result.package is not None and result.package.work_location.value == "office"
    # Nothing at the office: the remote and hybrid packages are named.
    nothing = carve(tasks[1:], person, terms=TERMS)
    assert nothing.package is None and "office" in [r.code for r in nothing.reasons]
    office = next(r for r in nothing.reasons if r.code == "office")
    assert "not every day at the office" in office.message


def test_office_in_penalty_mode_scores_a_hybrid_package_as_the_core_does() -> None:
    person = cand_dict(needs={"office": True}, hours={"min": 8, "max": 16})
    tasks = [task("a", hours=8), task("b", hours=8, work_location="remote")]
    config = {"rules": {"office": "penalty"}, "penalty": 0.01}
    result = carve(tasks, person, config, terms=TERMS)
    assert result.task_ids == ["a", "b"]  # 16 hours beat 8, for a small penalty
    assert result.score == pytest.approx(brute_force(tasks, person, config, TERMS), abs=1e-9)
    assert result.explanation is not None
    assert [v.code for v in result.explanation.violations] == ["office"]


def test_movement_a_desk_task_needs_a_task_on_foot() -> None:
    person = cand_dict(needs={"movement": True}, hours={"min": 16, "max": 16})
    desk = task("desk", demands={"sitting": 3}, tags=["archiving"])
    plain = task("plain", tags=["facility"])
    walk = task("walk", demands={"walking": 1}, tags=["mail_sorting"])
    stand = task("stand", demands={"standing": 2}, tags=["copying"])
    assert carve([desk, plain], person, terms=TERMS).package is None
    assert not _feasible([desk, plain], person) and _feasible([desk, stand], person)
    assert carve([desk, plain, stand], person, terms=TERMS).task_ids == ["desk", "stand"]
    # The walking task also scores the movement component.
    result = carve([desk, plain, walk], person, terms=TERMS)
    assert "walk" in result.task_ids and result.explanation is not None
    assert result.explanation.components["movement"] == pytest.approx(0.05 / 1.10)
    for pool in ([desk, plain], [desk, plain, stand], [desk, plain, walk]):
        for config in (None, {"rules": {"movement": "penalty"}}, {"rules": {"movement": "off"}}):
            best = brute_force(pool, person, config, TERMS)
            got = carve(pool, person, config, terms=TERMS)
            assert (got.score if got.package else -1.0) == pytest.approx(best, abs=1e-9)


def test_movement_score_picks_the_walking_task_only_for_who_needs_it() -> None:
    tasks = [
        task("walk", demands={"walking": 1}, tags=["mail_sorting"]),
        task("sit", tags=["mail_sorting"]),
    ]
    mover = cand_dict(needs={"movement": True}, hours={"min": 8, "max": 8}, skills=[])
    result = carve(tasks, mover, {"weights": {"movement": 1.0}}, terms=TERMS)
    assert result.task_ids == ["walk"]
    assert result.score == pytest.approx(
        brute_force(tasks, mover, {"weights": {"movement": 1.0}}, TERMS), abs=1e-9
    )
    anyone = cand_dict(hours={"min": 8, "max": 8}, skills=[])
    plain = carve(tasks, anyone, {"weights": {"movement": 1.0}}, terms=TERMS)
    assert plain.explanation is not None
    assert plain.explanation.components["movement"] == pytest.approx(1.0 / 2.05)


def test_a_person_who_cannot_travel_alone_gets_remote_work_or_transport() -> None:
    person = cand_dict(needs={"travels_independently": False}, hours={"min": 8, "max": 8})
    tasks = [task("a"), task("r", work_location="remote", tags=["archiving"])]
    assert carve(tasks, person, terms=TERMS).task_ids == ["r"]
    transport = {**TERMS, "offers": {**TERMS["offers"], "transport": True}}
    assert len(carve(tasks, person, terms=transport).tasks) == 1
    alone = carve(tasks[:1], person, terms=TERMS)
    assert alone.package is None
    assert [r.code for r in alone.reasons][:1] == ["independent_travel"]


def test_package_wide_reasons_use_the_registry_words() -> None:
    from wbamatch.rules import REGISTRY

    result = carve([task("a"), task("b")], cand_dict(hours={"min": 30, "max": 40}), terms=TERMS)
    hours = next(r for r in result.reasons if r.code == "hours")
    assert hours.message.startswith("hours: every package")
    assert hours.message.endswith(": " + REGISTRY.reason("hours", "en"))
    per_task = carve([task("a", demands={"lifting": 3})], cand_dict(capacities={"lifting": 1}))
    assert per_task.reasons[0].message == (
        "capacity:lifting: " + REGISTRY.reason("capacity:lifting", "en") + ", for 1 of 1 tasks "
        "on their own"
    )


# --------------------------------------------------------------------------------------------
# carve_team
# --------------------------------------------------------------------------------------------


def brute_force_team(
    tasks: list[dict[str, Any]], people: list[dict[str, Any]], terms_: Any
) -> float:
    """Best total over every way to hand each task to one person or nobody."""
    best_single: dict[tuple[int, frozenset[str]], float] = {}

    def score(k: int, ids: frozenset[str]) -> float:
        if not ids:
            return 0.0
        if (k, ids) not in best_single:
            subset = [t for t in tasks if t["id"] in ids]
            try:
                pkg = package_from_tasks(subset, id="p", terms=terms_)
            except InputError:
                best_single[k, ids] = -np.inf
            else:
                comp = wbamatch.compatibility([people[k]], [pkg])
                best_single[k, ids] = comp.scores[0, 0] if comp.feasible[0, 0] else -np.inf
        return best_single[k, ids]

    best = 0.0
    for owners in itertools.product(range(len(people) + 1), repeat=len(tasks)):
        total = 0.0
        for k in range(len(people)):
            total += score(
                k, frozenset(t["id"] for t, o in zip(tasks, owners, strict=True) if o == k)
            )
        best = max(best, total)
    return best


@settings(max_examples=12, deadline=None, derandomize=True)
@given(pools(max_size=5), candidates("c-1"), candidates("c-2"))
def test_carve_team_equals_brute_force(
    tasks: list[dict[str, Any]], a: dict[str, Any], b: dict[str, Any]
) -> None:
    team = carve_team(tasks, [a, b], terms=TERMS)
    assert team.status is not CarveStatus.TIME_LIMIT
    assert team.total_score == pytest.approx(brute_force_team(tasks, [a, b], TERMS), abs=1e-6)


@SLOW
@given(pools(max_size=10), st.lists(candidates(), min_size=2, max_size=4), terms())
def test_carve_team_never_gives_a_task_twice(
    tasks: list[dict[str, Any]], people: list[dict[str, Any]], terms_: Any
) -> None:
    people = [{**p, "id": f"c-{k}"} for k, p in enumerate(people)]
    team = carve_team(tasks, people, terms=terms_)
    given_out = [t for r in team.results for t in r.task_ids]
    assert len(given_out) == len(set(given_out))
    assert sorted(given_out + team.leftover) == sorted(t["id"] for t in tasks)
    assert [r.candidate_id for r in team.results] == sorted(p["id"] for p in people)
    for r, person in zip(team.results, sorted(people, key=lambda p: p["id"]), strict=True):
        if r.package is not None:
            comp = wbamatch.compatibility([person], [r.package])
            assert comp.feasible[0, 0] and comp.scores[0, 0] == pytest.approx(r.score)
    assert team.total_score == pytest.approx(sum(r.score for r in team.results))


def test_demo_team() -> None:
    cands = wbamatch.demo_data()[0]
    team = carve_team(demo_tasks(), cands, terms=demo_terms())
    assert isinstance(team, TeamCarveResult) and team.status is CarveStatus.OPTIMAL
    placed = [r for r in team.results if r.package is not None]
    assert len(placed) >= 3
    assert team.result_for("c-001").package is not None
    assert team.leftover_hours == pytest.approx(
        sum(t.hours for t in demo_tasks() if t.id in team.leftover)
    )
    with pytest.raises(UnknownIdError):
        team.result_for("c-999")
    assert "kandidaten krijgen een pakket" in team.text("nl")
    assert "candidates get a package" in team.text("en") and "total score" not in team.text("en")
    assert TeamCarveResult.model_validate_json(team.model_dump_json()) == team


def test_carve_team_time_limit_reports_status_and_gap() -> None:
    tasks = [
        task(f"t{k:02d}", hours=2 + k % 5, tags=[TAGS[k % 6], TAGS[(k * 7) % 6]]) for k in range(40)
    ]
    people = [cand_dict(f"c-{k}", skills=TAGS[k : k + 2]) for k in range(4)]
    team = carve_team(tasks, people, terms=TERMS, time_limit=0.05)
    assert team.status in (CarveStatus.OPTIMAL, CarveStatus.TIME_LIMIT)
    given_out = [t for r in team.results for t in r.task_ids]
    assert len(given_out) == len(set(given_out))
    if team.status is CarveStatus.TIME_LIMIT and any(r.package for r in team.results):
        assert team.mip_gap is not None and team.mip_gap >= 0


def test_carve_team_errors() -> None:
    with pytest.raises(DuplicateIdError):
        carve_team([task("a")], [cand_dict("c-1"), cand_dict("c-1")])
    with pytest.raises(InputError):
        carve_team([task("a")], [])
    with pytest.raises(InputError):
        carve_team([task("a")], cand_dict())  # type: ignore[arg-type]


def test_someone_outcompeted_is_told_so() -> None:
    # One task, two people who both fit: one gets it, the other is told why not.
    people = [
        cand_dict("c-1", hours={"min": 8, "max": 8}),
        cand_dict("c-2", hours={"min": 8, "max": 8}),
    ]
    team = carve_team([task("a")], people, terms=TERMS)
    without = [r for r in team.results if r.package is None]
    assert len(without) == 1 and without[0].reasons[-1].code == "outcompeted"
