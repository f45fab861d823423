"""diagnose(): the fit check of a current placement, on the brief's cases and on properties."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

import wbamatch
from factories import cand_dict, pkg_dict
from wbamatch._diagnose import (
    FAR_ABOVE_LEVEL,
    STRETCH_DIMENSIONS,
    UNDERUSED_GAP,
    Diagnosis,
    diagnose,
)
from wbamatch._vocabulary import DIMENSIONS


def demo(cid: str, pid: str) -> tuple[wbamatch.Candidate, wbamatch.TaskPackage]:
    cands, packs = wbamatch.demo_data()
    return next(c for c in cands if c.id == cid), next(p for p in packs if p.id == pid)


def test_joop_on_seated_packing_is_too_heavy_and_far_below_his_level() -> None:
    joop, packing = demo("c-002", "p-002")
    d = diagnose(joop, packing, alternatives=wbamatch.demo_data()[1])
    assert not d.feasible and "capacity:sitting" in d.broken_rules
    assert [(g.dimension, g.capacity, g.demand) for g in d.too_heavy] == [("sitting", 1, 3)]
    assert d.overqualified and d.education_gap == 6  # hbo at a job without a minimum
    assert "far_below_capacity" in d.flags and "too_heavy" in d.flags
    assert d.alternatives[0].package_id == "p-003"  # inspections and stock keeping
    assert "better_alternative" in d.flags


def test_a_good_placement_raises_no_alarm() -> None:
    chantal, policy = demo("c-004", "p-007")  # wo on the hbo-level policy job
    d = diagnose(chantal, policy)
    assert d.feasible and d.score > 0
    assert not d.too_heavy and not d.overqualified
    assert "far_below_capacity" not in d.flags and "infeasible" not in d.flags
    assert d.growth_possible == pytest.approx(8.0)  # 24 hours, may grow, up to her 32


def test_growth_room_is_the_smaller_of_the_two() -> None:
    person = cand_dict(hours={"min": 16, "max": 24}, wants_growth=True)
    grows = pkg_dict(hours={"per_week": 16, "days": 4, "growth_to": 32})
    d = diagnose(person, grows)
    assert d.hours_headroom == 8 and d.growth_to == 32 and d.growth_possible == 8
    flat = diagnose(person, pkg_dict(hours={"per_week": 16, "days": 4}))
    assert flat.growth_possible == 0 and "no_growth" in flat.flags
    content = diagnose(cand_dict(wants_growth=False), pkg_dict())
    assert "no_growth" not in content.flags


def test_underused_only_on_stretch_dimensions() -> None:
    person = cand_dict(capacities={"concentration": 3, "noise": 3})
    job = pkg_dict(demands={"concentration": 1, "noise": 0})
    d = diagnose(person, job)
    dims = [g.dimension for g in d.underused]
    assert "concentration" in dims and "noise" not in dims
    assert set(dims) <= set(STRETCH_DIMENSIONS)


def test_unknown_education_is_never_overqualified() -> None:
    d = diagnose(cand_dict(education="unknown"), pkg_dict())
    assert d.education_gap is None and not d.overqualified


def test_alternatives_are_feasible_best_first_and_skip_the_current_package() -> None:
    person = cand_dict(skills=["archiving"])
    current = pkg_dict("p-1")
    others = [
        current,
        pkg_dict("p-2", tasks=["archiving"]),
        pkg_dict("p-3", tasks=["cleaning"]),
        pkg_dict("p-4", demands={"lifting": 3}),  # fine: no capacity limit on lifting
        pkg_dict("p-5", hours={"per_week": 40, "days": 5}),  # infeasible: hours
    ]
    d = diagnose(person, current, alternatives=others)
    ids = [a.package_id for a in d.alternatives]
    assert len(ids) == 2 and "p-1" not in ids and "p-5" not in ids
    scores = [a.score for a in d.alternatives]
    assert scores == sorted(scores, reverse=True)
    comp = wbamatch.compatibility([person], others[1:])
    best = max(comp.scores[0][comp.feasible[0]])
    assert d.alternatives[0].score == pytest.approx(best)


def test_diagnosis_agrees_with_explain_and_round_trips() -> None:
    bert, archive = demo("c-001", "p-001")
    d = diagnose(bert, archive)
    ex = wbamatch.explain(bert, archive)
    assert d.feasible == ex.feasible and d.score == pytest.approx(ex.score)
    assert d.explanation == ex
    assert Diagnosis.model_validate_json(d.model_dump_json()) == d
    assert d.text("nl").startswith("Kandidaat c-001, nu op Archiefmedewerker bij Ministerie")
    assert d.text("en").startswith("Candidate c-001, now in Archiefmedewerker at Ministerie")


def test_errors() -> None:
    with pytest.raises(wbamatch.InputError):
        diagnose("c-1", pkg_dict())  # type: ignore[arg-type]
    with pytest.raises(wbamatch.InputError):
        diagnose(cand_dict(), ["p"])  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    st.dictionaries(st.sampled_from(DIMENSIONS), st.integers(0, 3), max_size=5),
    st.dictionaries(st.sampled_from(DIMENSIONS), st.integers(0, 3), max_size=5),
    st.sampled_from(["unknown", "none", "mbo1", "mbo3", "hbo", "wo"]),
    st.sampled_from([None, "mbo1", "hbo"]),
)
def test_findings_follow_the_levels(
    capacities: dict[str, int], demands: dict[str, int], education: str, minimum: Any
) -> None:
    d = diagnose(
        cand_dict(capacities=capacities, education=education),
        pkg_dict(demands=demands, min_education=minimum),
    )
    cap = {dim: capacities.get(dim, 3) for dim in DIMENSIONS}
    dem = {dim: demands.get(dim, 0) for dim in DIMENSIONS}
    assert {g.dimension for g in d.too_heavy} == {x for x in DIMENSIONS if dem[x] > cap[x]}
    assert {g.dimension for g in d.underused} == {
        x for x in STRETCH_DIMENSIONS if cap[x] - dem[x] >= UNDERUSED_GAP
    }
    heavy = {v.dimension for v in d.explanation.violations if v.dimension}
    assert heavy == {g.dimension for g in d.too_heavy}
    if d.education_gap is not None:
        assert d.overqualified == (d.education_gap >= FAR_ABOVE_LEVEL)
    assert ("far_below_capacity" in d.flags) == (bool(d.underused) and d.overqualified)


def test_an_unknown_profile_is_neither_too_heavy_nor_underused() -> None:
    person = cand_dict("c-u", capacities=None, education="hbo")
    job = pkg_dict("p-heavy", demands={"work_pace": 3, "concentration": 0})
    d = wbamatch.diagnose(person, job)
    assert d.too_heavy == [] and d.underused == []
    assert "capacity_unknown" in d.broken_rules and "infeasible" in d.flags
