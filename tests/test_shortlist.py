"""Shortlists: feasible, sorted, ties by id, near misses break exactly one rule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

import wbamatch
from factories import cand, pkg
from strategies import problems

PROPS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(problems(), st.integers(1, 4), st.sampled_from(["package", "candidate"]))
def test_entries_are_feasible_sorted_and_at_most_k(problem: tuple, k: int, by: str) -> None:
    cands, packs = problem
    comp = wbamatch.compatibility(cands, packs)
    lists = wbamatch.shortlist(cands, packs, k=k, by=by, near_misses=2, audience="recruiter")
    keys = comp.package_ids if by == "package" else comp.candidate_ids
    assert [sl.id for sl in lists.lists] == list(keys)
    for sl in lists.lists:
        assert len(sl.entries) <= k
        for e in sl.entries:
            i, j = comp.index(e.candidate_id, e.package_id)
            assert comp.feasible[i, j] and abs(e.score - comp.scores[i, j]) < 1e-12
        ranked = [
            (-e.score, e.candidate_id if by == "package" else e.package_id) for e in sl.entries
        ]
        assert ranked == sorted(ranked)
        assert [e.rank for e in sl.entries] == list(range(1, len(sl.entries) + 1))
        # The list is the true top-k of the feasible pairs.
        axis_ids = comp.candidate_ids if by == "package" else comp.package_ids
        pool = []
        for other in axis_ids:
            c_id, p_id = (other, sl.id) if by == "package" else (sl.id, other)
            i, j = comp.index(c_id, p_id)
            if comp.feasible[i, j]:
                pool.append((-comp.scores[i, j], other))
        assert [o for _, o in sorted(pool)[:k]] == [
            e.candidate_id if by == "package" else e.package_id for e in sl.entries
        ]
        for nm in sl.near_misses:
            assert len(sl.near_misses) <= 2
            assert comp.hard_reasons(nm.candidate_id, nm.package_id) == [nm.code]


def test_ties_are_broken_by_id() -> None:
    cs = [cand(f"c-{k}") for k in (3, 1, 2)]
    lists = wbamatch.shortlist(cs, [pkg()], k=2)
    assert [e.candidate_id for e in lists["p-1"].entries] == ["c-1", "c-2"]


def test_near_miss_reports_the_values_that_missed() -> None:
    c = cand(needs={"max_commute_minutes": 45})
    lists = wbamatch.shortlist(
        [c], [pkg()], near_misses=1, travel_minutes=[[52.0]], audience="recruiter"
    )
    (nm,) = lists["p-1"].near_misses
    assert nm.code == "commute" and "52 min" in nm.package_value and "45" in nm.candidate_value
    assert lists["p-1"].entries == []


def test_a_managers_list_says_a_condition_is_not_met_never_which_or_its_values() -> None:
    c = cand(needs={"max_commute_minutes": 45})
    lists = wbamatch.shortlist([c], [pkg()], near_misses=1, travel_minutes=[[52.0]])
    assert lists.audience == "manager"
    (nm,) = lists["p-1"].near_misses
    assert nm.code == "not_met" and nm.candidate_value == nm.package_value == ""
    assert "recruiter" in nm.message_en and "recruiter" in nm.message_nl
    shown = lists.model_dump_json() + lists["p-1"]._repr_html_() + str(lists.to_records())
    for secret in ("52", "45", "commute", "reistijd"):
        assert secret not in shown.replace("p-1", "").replace("c-1", ""), secret
    # The recruiter's own view, by candidate, keeps the detail.
    mine = wbamatch.shortlist([c], [pkg()], by="candidate", near_misses=1, travel_minutes=[[52.0]])
    assert mine.audience == "recruiter" and mine["c-1"].near_misses[0].code == "commute"


def test_top_components_are_the_two_strongest() -> None:
    lists = wbamatch.shortlist([cand()], [pkg()])
    (entry,) = lists["p-1"].entries
    ex = wbamatch.explain(cand(), pkg())
    assert [n for n, _ in entry.top_components] == [n for n, _ in ex.top_components(2)]


def test_bad_arguments() -> None:
    import pytest

    with pytest.raises(wbamatch.InputError):
        wbamatch.shortlist([cand()], [pkg()], k=0)
    with pytest.raises(wbamatch.InputError):
        wbamatch.shortlist([cand()], [pkg()], by="employer")  # type: ignore[arg-type]


def _near(c: object, p: object, **kw: object) -> list[str]:
    lists = wbamatch.shortlist([c], [p], near_misses=3, audience="recruiter", **kw)  # type: ignore[arg-type]
    return [m.code for m in lists.lists[0].near_misses]


def test_near_misses_are_near() -> None:
    limited = cand(needs={"max_commute_minutes": 45})
    assert _near(limited, pkg(), travel_minutes=[[60.0]]) == ["commute"]  # 15 over: near
    assert _near(limited, pkg(), travel_minutes=[[61.0]]) == []  # 16 over, 25% is 11: not
    far = cand(needs={"max_commute_minutes": 90})
    assert _near(far, pkg(), travel_minutes=[[112.0]]) == ["commute"]  # 25% of 90 = 22.5
    assert _near(cand(), pkg(), travel_minutes=[[996.0]]) == []  # the hopeless bike ride
    hours = cand(hours={"min": 16, "max": 24})
    assert _near(hours, pkg(hours={"per_week": 28, "days": 4})) == ["hours"]
    assert _near(hours, pkg(hours={"per_week": 29, "days": 4})) == []
    level = cand(capacities={"work_pace": 1})
    assert _near(level, pkg(demands={"work_pace": 2})) == ["capacity:work_pace"]
    assert _near(level, pkg(demands={"work_pace": 3})) == []
    assert _near(cand(education="mbo1"), pkg(min_education="mbo2")) == ["education"]
    assert _near(cand(education="vso_pro"), pkg(min_education="mbo2")) == []
    assert _near(cand(education="unknown"), pkg(min_education="mbo2")) == []  # unknown: never
    assert _near(cand(capacities=None), pkg(demands={"work_pace": 3})) == []
    # Something to arrange counts as near; the distances are a setting.
    assert _near(cand(needs={"structure": True}), pkg(offers={"structure": False})) == ["structure"]
    wide = {"near_miss": {"commute_minutes": 60}}
    assert _near(limited, pkg(), config=wide, travel_minutes=[[100.0]]) == ["commute"]


def test_meet_and_greet_plans_only_near_misses_that_are_near() -> None:
    limited = cand("c-1", needs={"max_commute_minutes": 45})
    plan = wbamatch.plan_meet_and_greet(
        [limited], [pkg("p-1"), pkg("p-2")], rounds=2, per_candidate=2, per_package=1,
        near_misses=True, travel_minutes=[[60.0, 996.0]],
    )  # fmt: skip
    assert [(m.package_id, m.near_miss) for m in plan.meetings] == [("p-1", "commute")]


def test_shortlists_speak_dutch_by_default_and_english_on_request() -> None:
    import re

    from dutch import assert_dutch

    demo = wbamatch.demo_data()
    dutch = wbamatch.shortlist(*demo, k=2, near_misses=1)
    assert dutch.lang == "nl"
    for view in (dutch._repr_html_(), dutch["p-001"]._repr_html_()):
        assert_dutch(re.sub("<[^>]+>", " ", view))
    assert "Archiefmedewerker" in dutch["p-001"]._repr_html_()  # the title next to the id
    english = wbamatch.shortlist(*demo, k=2, near_misses=1, lang="en")
    assert "Candidates for" in english["p-001"]._repr_html_()
    mine = wbamatch.shortlist(*demo, by="candidate", k=2, config={"lang": "en"})
    assert mine.lang == "en" and "Jobs that fit" in mine["c-001"]._repr_html_()
    assert dutch["p-001"].entries[0].title == "Archiefmedewerker"
