"""Shortlists: feasible, sorted, ties by id, near misses break exactly one rule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
