"""Fairness report: group statistics, the four-fifths rule, and target group is no feature."""

from __future__ import annotations

import copy
import random
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import wbamatch
from factories import cand_dict, pkg_dict
from strategies import problems
from wbamatch import Candidate
from wbamatch._fairness import FairnessReport, fairness_report
from wbamatch._vocabulary import TargetGroup

TARGET_GROUPS: list[str | None] = [None, *(g.value for g in TargetGroup)]


def _skewed(n: int = 300, m: int = 90, seed: int = 3) -> list[Candidate]:
    """Synthetic candidates where everyone in target group 'wsw' wants 50-60 hours a week."""
    cands, _ = wbamatch.synthetic(n, m, seed=seed)
    out = []
    for c in cands:
        if c.target_group == TargetGroup.WSW:
            hours = c.hours.model_copy(update={"min": 50.0, "max": 60.0})
            c = c.model_copy(update={"hours": hours})
        out.append(c)
    return out


def test_skewed_synthetic_set_flags_the_disadvantaged_group() -> None:
    cands = _skewed()
    _, packs = wbamatch.synthetic(300, 90, seed=3)
    result = wbamatch.match(cands, packs)
    report = fairness_report(result, cands)
    wsw = report.group("target_group", "wsw")
    assert wsw.n == sum(c.target_group == TargetGroup.WSW for c in cands) >= 20
    assert wsw.placed == 0 and wsw.placement_rate == 0.0 and wsw.mean_score is None
    assert wsw.flagged and "target_group=wsw" in report.flagged
    assert wsw.ratio_to_best == 0.0
    assert wsw.blocked_share["hours"] == 1.0  # every one of them was blocked by the hours rule
    best = max(g.placement_rate for g in report.groups if g.attribute == "target_group")
    assert best > 0
    text = report.text("nl")
    assert "doelgroep: wsw-indicatie" in text and "blijft achter" in text
    assert "target_group" not in text and "FLAGGED" not in text
    english = report.text("en")
    assert "target group: WSW indication" in english and "falls behind" in english


def _fixed(groups: dict[str, tuple[int, int]], threshold: float = 0.8, **kw: Any) -> FairnessReport:
    """A match where group g has n candidates of whom exactly `placed` can be placed."""
    cands = []
    for g, (n, placed) in groups.items():
        for k in range(n):
            hours = {"min": 16, "max": 24} if k < placed else {"min": 50, "max": 60}
            cands.append(cand_dict(f"c-{g}-{k:02d}", target_group=g, hours=hours))
    total = sum(n for n, _ in groups.values())
    packs = [pkg_dict("p-1", slots=total)]
    result = wbamatch.match(cands, packs)
    return fairness_report(result, cands, by="target_group", threshold=threshold, **kw)


def test_four_fifths_boundary_is_exact() -> None:
    # 4 of 10 against 5 of 10: exactly four fifths, not below -> not flagged.
    report = _fixed({"wajong": (10, 5), "wsw": (10, 4)})
    assert not report.group("target_group", "wsw").flagged
    assert report.group("target_group", "wsw").ratio_to_best == pytest.approx(0.8)
    report = _fixed({"wajong": (10, 5), "wsw": (10, 3)})
    assert report.flagged == ["target_group=wsw"]


def test_small_groups_are_reported_but_neither_judged_nor_best() -> None:
    report = _fixed({"wajong": (10, 5), "wsw": (2, 2), "wiw_id": (3, 0)}, min_group_size=5)
    wsw, wiw = report.group("target_group", "wsw"), report.group("target_group", "wiw_id")
    assert wsw.small and wiw.small and not wsw.flagged and not wiw.flagged
    # The best judged group is wajong (50%), not the tiny wsw group placed in full.
    assert report.group("target_group", "wajong").ratio_to_best == 1.0
    assert wsw.ratio_to_best == pytest.approx(2.0)
    assert report.flagged == []
    # With groups of one judged, the tiny group becomes the best and wajong is flagged.
    assert _fixed({"wajong": (10, 5), "wsw": (2, 2)}, min_group_size=1).flagged == [
        "target_group=wajong"
    ]


def test_nobody_placed_flags_nobody() -> None:
    report = _fixed({"wajong": (6, 0), "wsw": (6, 0)})
    assert report.flagged == [] and all(g.ratio_to_best is None for g in report.groups)


def test_missing_values_form_the_group_unknown_and_order_is_vocabulary_order() -> None:
    cands = [
        cand_dict("c-1", target_group=None, education="unknown"),
        cand_dict("c-2", target_group="wsw", education="hbo"),
        cand_dict("c-3", target_group="assessment", registered=False),
        cand_dict("c-4", home=None),
    ]
    result = wbamatch.match(cands, [pkg_dict("p-1", slots=4)])
    report = fairness_report(
        result, cands, by=("target_group", "education", "registered", "home.place")
    )
    values = {a: [g.value for g in report.groups if g.attribute == a] for a in report.by}
    assert values["target_group"] == ["assessment", "wsw", "wajong", "unknown"]
    assert values["education"] == ["mbo2", "hbo", "unknown"]
    assert values["registered"] == ["false", "true"]
    assert values["home.place"] == ["unknown"]  # coordinates or no home: no place name
    for attribute in report.by:
        rows = [g for g in report.groups if g.attribute == attribute]
        assert sum(g.n for g in rows) == len(cands)
        assert sum(g.placed for g in rows) == len(result.assignments)


def test_dotted_attributes_and_json_round_trip() -> None:
    cands, packs = wbamatch.demo_data()
    report = fairness_report(wbamatch.match(cands, packs), cands, by=["needs.office"])
    assert {g.value for g in report.groups} <= {"true", "false"}
    # A capacity not listed means no limitation (3), not unknown; numbers sort by size.
    report = fairness_report(
        wbamatch.match(cands, packs), cands, by=["capacities.work_pace", "hours.max"]
    )
    levels = [g.value for g in report.groups if g.attribute == "capacities.work_pace"]
    assert "unknown" not in levels and levels == sorted(levels, key=int)
    hours = [float(g.value) for g in report.groups if g.attribute == "hours.max"]
    assert hours == sorted(hours)
    assert FairnessReport.model_validate_json(report.model_dump_json()) == report


def test_report_does_not_depend_on_candidate_order_and_mutates_nothing() -> None:
    cands = [c.model_dump(mode="json") for c in _skewed(120, 40, seed=5)]
    _, packs = wbamatch.synthetic(120, 40, seed=5)
    result = wbamatch.match(cands, packs)
    before = copy.deepcopy(cands)
    report = fairness_report(result, cands)
    assert cands == before
    shuffled = cands[:]
    random.Random(1).shuffle(shuffled)
    assert fairness_report(result, shuffled) == report


@pytest.mark.parametrize(
    ("kwargs", "error", "needle"),
    [
        ({"by": "shoe_size"}, wbamatch.InputError, "'shoe_size' is not a candidate field"),
        ({"by": "capacities"}, wbamatch.InputError, "not a single value"),
        ({"by": "skills"}, wbamatch.InputError, "not a single value"),
        ({"by": "needs.nothing"}, wbamatch.InputError, "not a candidate field"),
        ({"by": ()}, wbamatch.InputError, "by is empty"),
        ({"min_group_size": 0}, wbamatch.InputError, "min_group_size"),
        ({"threshold": 0.0}, wbamatch.InputError, "threshold"),
        ({"threshold": 1.5}, wbamatch.InputError, "threshold"),
    ],
)
def test_bad_arguments(kwargs: dict[str, Any], error: type[Exception], needle: str) -> None:
    cands, packs = wbamatch.demo_data()
    result = wbamatch.match(cands, packs)
    with pytest.raises(error, match=needle):
        fairness_report(result, cands, **kwargs)


def test_candidates_must_be_those_of_the_result() -> None:
    cands, packs = wbamatch.demo_data()
    result = wbamatch.match(cands, packs)
    with pytest.raises(wbamatch.UnknownIdError, match="c-999"):
        fairness_report(result, [*cands, Candidate.model_validate(cand_dict("c-999"))])
    with pytest.raises(wbamatch.InputError, match="1 candidates of the result were not passed"):
        fairness_report(result, cands[1:])
    with pytest.raises(wbamatch.DuplicateIdError, match=cands[0].id):
        fairness_report(result, [*cands, cands[0]])
    with pytest.raises(wbamatch.InputError, match="MatchResult"):
        fairness_report(result.model_dump(), cands)  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_candidates=7, max_packages=4), st.data())
def test_target_group_changes_no_score_and_no_assignment(
    problem: tuple[list[dict[str, Any]], list[dict[str, Any]]], data: st.DataObject
) -> None:
    cands, packs = problem
    relabelled = [
        c | {"target_group": data.draw(st.sampled_from(TARGET_GROUPS), label=c["id"])}
        for c in cands
    ]
    a, b = wbamatch.compatibility(cands, packs), wbamatch.compatibility(relabelled, packs)
    np.testing.assert_array_equal(a.raw_scores, b.raw_scores)
    np.testing.assert_array_equal(a.scores, b.scores)
    np.testing.assert_array_equal(a.feasible, b.feasible)
    np.testing.assert_array_equal(a.violations, b.violations)
    for name in a.components:
        np.testing.assert_array_equal(a.components[name], b.components[name])
    ra, rb = wbamatch.match(cands, packs), wbamatch.match(relabelled, packs)
    assert ra.assignments == rb.assignments and ra.total_score == rb.total_score


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_candidates=8, max_packages=4), st.data())
def test_groups_partition_the_candidates(
    problem: tuple[list[dict[str, Any]], list[dict[str, Any]]], data: st.DataObject
) -> None:
    cands, packs = problem
    cands = [
        c | {"target_group": data.draw(st.sampled_from(TARGET_GROUPS), label=c["id"])}
        for c in cands
    ]
    result = wbamatch.match(cands, packs)
    size = data.draw(st.integers(1, 4), label="min_group_size")
    report = fairness_report(result, cands, min_group_size=size)
    placed = {a.candidate_id for a in result.assignments}
    for attribute in report.by:
        rows = [g for g in report.groups if g.attribute == attribute]
        assert sum(g.n for g in rows) == len(cands)
        assert sum(g.placed for g in rows) == len(placed)
        judged = [g for g in rows if not g.small]
        best = max((g.placement_rate for g in judged), default=0.0)
        for g in rows:
            assert g.flagged == (best > 0 and not g.small and g.placement_rate < 0.8 * best - 1e-12)
            assert all(
                0 < share <= 1 - g.placement_rate + 1e-12 for share in g.blocked_share.values()
            )
    assert report.flagged == [g.key for g in report.groups if g.flagged]
