"""The rule registry, and the rules the FML and the brief add: one record per rule, each code
with its words, and every table of the pipeline read from it."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from pydantic import ValidationError

import wbamatch
from factories import cand, pkg
from strategies import problems
from wbamatch._compatibility import collect_edges, hard_reason_counts
from wbamatch._constraints import PairContext
from wbamatch._encode import CandidateArrays, PackageArrays
from wbamatch._pipeline import prepare
from wbamatch.rules import LANGS, REASON_CODES, REGISTRY, RULES, CodeText, Rule, Words
from wbamatch.rules._text import Listing, Number, format_value, render


def reasons(c: Any, p: Any, config: Any = None, **kw: Any) -> list[str]:
    comp = wbamatch.compatibility([c], [p], config, **kw)
    return comp.reasons(c.id, p.id)


# ---------------------------------------------------------------------------------------------
# The registry and what is derived from it
# ---------------------------------------------------------------------------------------------
def test_registry_is_the_one_table() -> None:
    assert REGISTRY.names == RULES and REGISTRY.codes == REASON_CODES
    assert len(set(REASON_CODES)) == len(REASON_CODES) <= 64
    bits = [int(REGISTRY.bits[code]) for code in REASON_CODES]
    assert bits == [1 << k for k in range(len(REASON_CODES))]
    for rule in REGISTRY:
        for code in rule.codes:
            assert REGISTRY.rule_of(code) is rule
    assert {r.name for r in REGISTRY if not r.relaxable} == {"excluded"}
    assert {r.name for r in REGISTRY.travel} == {"commute", "rush_hour"}
    assert wbamatch.RULES == RULES and wbamatch.REASON_CODES == REASON_CODES


def test_every_rule_reads_fields_that_exist_and_has_words_in_both_languages() -> None:
    candidate_fields = {f.name for f in fields(CandidateArrays)}
    package_fields = {f.name for f in fields(PackageArrays)} | {"remote"}
    for rule in REGISTRY:
        assert set(rule.reads) <= candidate_fields, rule.name
        assert set(rule.package_reads) <= package_fields, rule.name
        assert rule.summary.en and rule.summary.nl, rule.name
        for code in rule.codes:
            for lang in LANGS:
                assert rule.reason(code, lang), code


def test_new_codes_are_there() -> None:
    for code in (
        "evening",
        "evening_unknown",
        "night",
        "night_unknown",
        "movement",
        "independent_travel",
        "capacity_unknown",
    ):
        assert code in REASON_CODES


def test_a_rule_name_or_code_can_be_set_to_penalty_or_off_but_no_cannot() -> None:
    for name in ("evening", "night_unknown", "movement", "independent_travel", "capacity_unknown"):
        wbamatch.MatchConfig(rules={name: "penalty"})
        wbamatch.MatchConfig(rules={name: "off"})
    for mode in ("penalty", "off"):
        with pytest.raises(ValidationError, match="cannot be relaxed"):
            wbamatch.MatchConfig(rules={"excluded": mode})


def _no_cleaning(c: CandidateArrays, p: PackageArrays, ctx: Any) -> dict[str, Any]:
    cleaning = np.array(["cleaning" in t for t in p.tasks], dtype=bool)
    return {"no_cleaning": c.need_structure[:, None] & cleaning[None, :]}


def _cleaning_values(code: str, *args: Any) -> dict[str, Any]:
    return {"hours": Number(7.5)}


THROWAWAY = Rule(
    name="no_cleaning",
    function=_no_cleaning,
    values=_cleaning_values,
    texts={
        "no_cleaning": CodeText(
            reason=Words("cleaning work", "schoonmaakwerk"),
            candidate=Words("no cleaning", "geen schoonmaak"),
            package=Words("cleans {hours} hours", "maakt {hours} uur schoon"),
            message=Words("No cleaning ({package}).", "Geen schoonmaak ({package})."),
        )
    },
    reads=("need_structure",),
    package_reads=("tasks",),
)


def test_a_rule_added_in_one_place_gets_reasons_explanations_counts_and_penalties() -> None:
    structured = [cand(f"c-{k}", needs={"structure": True}) for k in range(3)] + [cand("c-free")]
    packs = [pkg("p-clean", tasks=["cleaning"]), pkg("p-file", tasks=["archiving"], slots=2)]
    before = wbamatch.match(structured, packs)
    assert len(before.assignments) == 3
    with REGISTRY.added(THROWAWAY):
        assert REGISTRY.codes[-1] == "no_cleaning" and "no_cleaning" not in REASON_CODES
        comp = wbamatch.compatibility(structured, packs)
        assert comp.reasons("c-0", "p-clean") == ["no_cleaning"]
        assert comp.reasons("c-free", "p-clean") == []
        # Explanations, in both languages, from the rule's own values.
        (v,) = wbamatch.explain(structured[0], packs[0]).violations
        assert (v.code, v.rule, v.mode) == ("no_cleaning", "no_cleaning", "hard")
        assert (v.package_value, v.package_value_nl) == ("cleans 7.5 hours", "maakt 7,5 uur schoon")
        assert v.message_nl == "Geen schoonmaak (maakt 7,5 uur schoon)."
        # Reason counts, on the dense path of match() and on the block path.
        result = wbamatch.match(structured, packs)
        (u,) = result.unassigned
        assert ("no_cleaning", 1) in [(r.code, r.packages) for r in u.reasons]
        from wbamatch._pipeline import prepare

        prob = prepare(structured, packs, None, None)
        rows = np.arange(len(prob.cand))
        counts = hard_reason_counts(
            prob.cand, prob.pkg, prob.minutes_for, prob.config, rows, REGISTRY.codes
        )
        k = REGISTRY.index("no_cleaning")
        assert counts[:, k].tolist() == [1, 1, 1, 0]
        edges = collect_edges(prob.cand, prob.pkg, prob.minutes_for, prob.config)
        assert not ((edges.cols == 0) & (edges.rows < 3)).any()
        # Penalty mode: the pair stands, the score drops, the placement names the code.
        soft = wbamatch.match(structured[:3], packs, {"rules": {"no_cleaning": "penalty"}})
        assert len(soft.assignments) == 3  # three people, three places: one cleans
        assert [a.penalties for a in soft.assignments if a.package_id == "p-clean"] == [
            ["no_cleaning"]
        ]
        pens = wbamatch.compatibility(structured, packs, {"rules": {"no_cleaning": "penalty"}})
        assert pens.feasible.all() and pens.n_penalties[0, 0] == 1
        off = wbamatch.compatibility(structured, packs, {"rules": {"no_cleaning": "off"}})
        assert off.feasible.all() and off.reasons("c-0", "p-clean") == []
        # Near misses and the words of reason counts.
        lists = wbamatch.shortlist(structured, packs, near_misses=3, audience="recruiter")
        assert {m.code for m in lists["p-clean"].near_misses} == {"no_cleaning"}
        assert wbamatch._results.reason_words("no_cleaning", "nl") == "schoonmaakwerk"
    assert "no_cleaning" not in REGISTRY.codes
    assert wbamatch.match(structured, packs) == before
    with pytest.raises(ValidationError, match="unknown rule"):
        wbamatch.MatchConfig(rules={"no_cleaning": "off"})


def test_registering_a_clash_or_an_unknown_field_is_refused() -> None:
    with pytest.raises(ValueError, match="already registered"):
        REGISTRY.register(REGISTRY["hours"])
    from dataclasses import replace

    with pytest.raises(ValueError, match="unknown fields"):
        REGISTRY.register(replace(THROWAWAY, reads=("no_such_field",)))
    with pytest.raises(ValueError, match="cannot be registered"):
        clash = {"hours": THROWAWAY.texts["no_cleaning"]}
        REGISTRY.register(replace(THROWAWAY, name="again", texts=clash))


def test_values_are_written_per_language() -> None:
    assert format_value(Number(7.5), "nl") == "7,5" and format_value(Number(16), "nl") == "16"
    assert format_value(Listing((Number(8), Number(4), Number(4))), "nl") == "8, 4 en 4"
    assert format_value(Listing((Number(8), Number(4))), "en") == "8 and 4"
    assert render({"": Words("a", "b"), "x": Words("c", "d")}, {"variant": "x"}, "nl") == "d"
    assert render({"": Words("a", "b")}, {"variant": "nope"}, "en") == "a"


# ---------------------------------------------------------------------------------------------
# Time of day (FML VI.1)
# ---------------------------------------------------------------------------------------------
NO_EVENING = {"no_evening_work": True}
NO_NIGHT = {"no_night_work": True}


@pytest.mark.parametrize(
    ("start", "hours", "evening", "night"),
    [
        ("09:00", {"per_week": 20, "days": 4}, False, False),  # 09:00-14:00
        ("12:00", {"per_week": 30, "days": 5}, False, False),  # 12:00-18:30 with the break? no
        ("16:00", {"per_week": 24, "days": 4}, True, True),  # 16:00-22:30 (6 h and a break)
        ("16:00", {"per_week": 20, "days": 5}, True, False),  # 16:00-20:00
        ("13:00", {"per_week": 25, "days": 5}, False, False),  # 13:00-18:00: done by 18:00
        ("18:00", {"per_week": 15, "days": 5}, True, False),
        ("22:00", {"per_week": 20, "days": 4}, False, True),  # 22:00-03:00
        ("05:00", {"per_week": 20, "days": 5}, False, True),  # 05:00-09:00, before 06:00
        ("06:00", {"per_week": 20, "days": 5}, False, False),
    ],
)
def test_evening_and_night_on_the_real_window(
    start: str, hours: dict[str, float], evening: bool, night: bool
) -> None:
    c = cand(needs=NO_EVENING | NO_NIGHT, hours={"min": 0, "max": 40})
    p = pkg(schedule={"kind": "fixed", "start": start}, hours=hours)
    expected = (["evening"] if evening else []) + (["night"] if night else [])
    if start == "12:00":  # 12:00 + 6 hours + 30 min break = 18:30: into the evening
        expected = ["evening"]
    assert reasons(c, p) == expected


def test_a_fixed_1800_start_breaks_evening_not_fixed_hours() -> None:
    c = cand(needs={"fixed_hours": True, **NO_EVENING})
    assert reasons(c, pkg(schedule={"kind": "fixed", "start": "18:00"})) == ["evening"]
    assert reasons(cand(needs={"fixed_hours": True}), pkg(schedule={"start": "18:00"})) == []


def test_an_unknown_window_is_never_a_pass() -> None:
    c = cand(needs=NO_EVENING | NO_NIGHT)
    no_start = pkg(schedule={"kind": "fixed", "start": None})
    assert reasons(c, no_start) == ["evening_unknown", "night_unknown"]
    # Shifts and flexible hours vary by definition: a start time alone does not fix the window.
    for kind in ("shifts", "flexible"):
        p = pkg(schedule={"kind": kind, "start": "09:00"})
        assert reasons(c, p) == ["evening_unknown", "night_unknown"], kind
    # An evening schedule is evening work with or without a start time.
    assert reasons(c, pkg(schedule={"kind": "evening", "start": None})) == [
        "evening",
        "night_unknown",
    ]
    assert reasons(cand(), no_start) == []


def test_the_windows_are_configurable() -> None:
    c = cand(needs=NO_EVENING | NO_NIGHT, hours={"min": 0, "max": 40})
    p = pkg(schedule={"kind": "fixed", "start": "13:00"}, hours={"per_week": 25, "days": 5})
    assert reasons(c, p) == []  # 13:00-18:00
    assert reasons(c, p, {"evening_window": ("17:00", "22:00")}) == ["evening"]
    early = pkg(schedule={"kind": "fixed", "start": "06:30"})
    assert reasons(c, early, {"night_window": ("23:00", "07:00")}) == ["night"]
    with pytest.raises(ValidationError):
        wbamatch.MatchConfig(evening_window=("22:00", "18:00"))  # only the night may wrap
    with pytest.raises(ValidationError):
        wbamatch.MatchConfig(night_window=("22:00", "22:00"))


def test_evening_and_night_explain_both_values() -> None:
    c = cand(needs=NO_EVENING | NO_NIGHT)
    p = pkg(schedule={"kind": "fixed", "start": "16:00"}, hours={"per_week": 24, "days": 4})
    by_code = {v.code: v for v in wbamatch.explain(c, p).violations}
    evening = by_code["evening"]
    assert evening.candidate_value == "needs to be done by 18:00"
    assert evening.package_value == "works 16:00 to 22:30"
    assert evening.candidate_value_nl == "moet om 18:00 klaar zijn"
    assert evening.package_value_nl == "werkt van 16:00 tot 22:30"
    assert "22:30" in by_code["night"].message_nl and "06:00" in by_code["night"].message_en
    # An evening schedule whose stated hours miss the evening is evening work by its kind.
    (kind,) = wbamatch.explain(
        cand(needs=NO_EVENING), pkg(schedule={"kind": "evening", "start": "09:00"})
    ).violations
    assert kind.code == "evening" and kind.message_en.startswith("This is evening work")
    unknown = wbamatch.explain(c, pkg(schedule={"kind": "shifts"})).violations[0]
    assert unknown.code == "evening_unknown" and "wisselende" in unknown.package_value_nl


def test_bert_in_the_demo_has_both_needs_and_is_kept_from_the_evening_shift() -> None:
    cands, packs = wbamatch.demo_data()
    bert = next(c for c in cands if c.id == "c-001")
    assert bert.needs.no_evening_work and bert.needs.no_night_work and bert.needs.fixed_hours
    comp = wbamatch.compatibility(cands, packs)
    assert "evening" in comp.hard_reasons("c-001", "p-004")
    result = wbamatch.match(cands, packs)
    assert result.assignment_of("c-001") is not None
    assert result.assignment_of("c-001").package_id == "p-001"  # type: ignore[union-attr]


# ---------------------------------------------------------------------------------------------
# Hours of each day
# ---------------------------------------------------------------------------------------------
def test_max_per_day_is_checked_against_the_longest_day() -> None:
    c = cand(hours={"min": 16, "max": 24, "max_per_day": 6})
    assert reasons(c, pkg(hours={"per_week": 20, "days": 4})) == []  # 5 a day
    assert reasons(c, pkg(hours={"per_week": 20, "per_day": [8, 4, 4, 4]})) == ["hours"]
    assert reasons(c, pkg(hours={"per_week": 20, "per_day": [6, 6, 4, 4]})) == []
    v = wbamatch.explain(c, pkg(hours={"per_day": [8, 4, 4, 4]})).violations[0]
    assert "8 hours" in v.message_en and "6 hours a day" in v.message_en
    assert v.package_value_nl == "20 uur per week, dagen van 8, 4, 4 en 4 uur"


def test_per_day_fills_in_days_and_week_and_must_agree_with_them() -> None:
    p = wbamatch.TaskPackage(id="p", hours={"per_day": [8, 4, 4, 4]})
    assert (p.hours.per_week, p.hours.days, p.hours.longest_day) == (20.0, 4, 8.0)
    for bad in (
        {"per_week": 20, "days": 5, "per_day": [8, 4, 4, 4]},
        {"per_week": 24, "per_day": [8, 4, 4, 4]},
        {"per_week": 20, "per_day": [25, 1]},
        {"per_week": 20, "per_day": []},
    ):
        with pytest.raises(ValidationError):
            wbamatch.TaskPackage(id="p", hours=bad)


def test_rush_hour_looks_at_every_working_day() -> None:
    # 09:30 start; the long day ends at 18:00 (8 h + break), in the evening peak (16:00-18:30).
    c = cand(needs={"avoid_rush_hour": True, "travel_mode": "public_transport"})
    even = pkg(schedule={"start": "09:30"}, hours={"per_week": 16, "days": 4})
    uneven = pkg(schedule={"start": "09:30"}, hours={"per_week": 20, "per_day": [8, 4, 4, 4]})
    assert reasons(c, even, travel_minutes=[[20.0]]) == []
    assert reasons(c, uneven, travel_minutes=[[20.0]]) == ["rush_hour"]


@settings(max_examples=150, deadline=None)
@given(problems(max_candidates=7, max_packages=6), st.data())
def test_a_rules_pairs_form_gives_its_grid_verdicts_on_the_listed_pairs(
    problem: tuple, data: st.DataObject
) -> None:
    prob = prepare(*problem, None, None)
    n, m = len(prob.cand), len(prob.pkg)
    values = st.sampled_from([np.nan, np.inf, 0.0, 14.5, 30.0, 45.0, 60.0, 95.0, 240.0])
    minutes = np.array(data.draw(st.lists(values, min_size=n * m, max_size=n * m))).reshape(n, m)
    grid = PairContext(minutes=minutes, config=prob.config)
    k = data.draw(st.integers(0, 2 * n * m))
    i = np.array(data.draw(st.lists(st.integers(0, n - 1), min_size=k, max_size=k)), np.intp)
    j = np.array(data.draw(st.lists(st.integers(0, m - 1), min_size=k, max_size=k)), np.intp)
    listed = PairContext(minutes=minutes[i, j], config=prob.config)
    with_pairs = [rule for rule in REGISTRY if rule.pairs is not None]
    assert {rule.name for rule in with_pairs} == {"commute", "rush_hour"}
    for rule in with_pairs:
        assert rule.pairs is not None
        expected = rule.function(prob.cand, prob.pkg, grid)
        got = rule.pairs(prob.cand, prob.pkg, listed, i, j)
        assert set(got) == set(expected), rule.name
        for code, mask in expected.items():
            full = np.broadcast_to(mask, (n, m))
            assert got[code].shape == (k,), code
            assert got[code].tolist() == full[i, j].tolist(), code


# ---------------------------------------------------------------------------------------------
# Movement (Joop), independent travel, jobcoach, tasks, office
# ---------------------------------------------------------------------------------------------
def test_joop_must_move_a_seated_day_without_walking_or_standing_breaks_it() -> None:
    joop = cand(needs={"movement": True})
    assert reasons(joop, pkg(demands={"sitting": 3})) == ["movement"]
    assert reasons(joop, pkg(demands={"sitting": 3, "walking": 1})) == []
    assert reasons(joop, pkg(demands={"sitting": 3, "standing": 1})) == []
    assert reasons(joop, pkg(demands={"sitting": 2})) == []
    assert reasons(cand(), pkg(demands={"sitting": 3})) == []


def test_movement_prefers_the_walking_job_in_a_tie() -> None:
    joop = cand("c-j", needs={"movement": True})
    desk = pkg("p-a-desk", demands={"sitting": 2})
    walking = pkg("p-b-walk", demands={"sitting": 2, "walking": 1})
    comp = wbamatch.compatibility([joop], [desk, walking])
    assert comp.scores[0, 1] > comp.scores[0, 0]
    assert wbamatch.match([joop], [desk, walking]).assignments[0].package_id == "p-b-walk"
    # For someone without the need both jobs score the same, and the tie goes by id.
    other = wbamatch.compatibility([cand("c-o")], [desk, walking])
    assert other.scores[0, 0] == other.scores[0, 1]


def test_travelling_independently() -> None:
    alone = cand(needs={"travels_independently": False, "travel_mode": "bike"})
    assert reasons(alone, pkg()) == ["independent_travel"]
    assert reasons(alone, pkg(offers={"transport": True})) == []
    assert reasons(alone, pkg(work_location="remote", location=None)) == []
    special = cand(needs={"travels_independently": False, "travel_mode": "special_transport"})
    assert reasons(special, pkg()) == []
    assert wbamatch.Candidate.model_validate(
        {"id": "c", "hours": {"min": 8, "max": 16}}
    ).needs.travels_independently


@pytest.mark.parametrize(
    ("contract", "offered", "variant_words"),
    [
        ({"type": "agency", "months": 24}, True, "agency contract"),
        ({"type": "zero_hours", "months": 12}, True, "zero-hours contract"),
        ({"type": "min_max", "months": 12}, True, "min-max contract"),
        ({"type": "temporary", "months": 6}, True, "this contract runs 6 months"),
        ({"type": "temporary"}, True, "length is not given"),
        ({"type": "temporary", "months": 12}, False, "does not offer one"),
    ],
)
def test_jobcoach_by_contract_says_which_condition_failed(
    contract: dict[str, Any], offered: bool, variant_words: str
) -> None:
    c = cand(needs={"jobcoach": True})
    p = pkg(contract=contract, offers={"jobcoach": offered})
    (v,) = wbamatch.explain(c, p).violations
    assert v.code == "jobcoach" and variant_words in v.message_en
    if offered:  # the message never blames the length where the type or offer is the reason
        about_length = "months" in variant_words or "length" in variant_words
        assert ("6 months" in v.message_en) == about_length


def test_jobcoach_passes_on_long_enough_allowed_contracts_and_follows_the_config() -> None:
    c = cand(needs={"jobcoach": True})
    assert reasons(c, pkg(contract={"type": "temporary", "months": 12})) == []
    assert reasons(c, pkg(contract={"type": "secondment", "months": 7})) == []
    assert reasons(c, pkg(contract={"type": "permanent"})) == []
    agency = pkg(contract={"type": "agency", "months": 24})
    assert reasons(c, agency) == ["jobcoach"]
    law_changed = {"jobcoach_contracts": ["permanent", "temporary", "secondment", "agency"]}
    assert reasons(c, agency, law_changed) == []


def test_the_number_of_tasks_asks_task_switching_as_jobcarving_does() -> None:
    one_task = cand(capacities={"task_switching": 1})  # some prefer one task a day
    five = pkg(tasks=["a", "b", "c", "d", "e"])
    assert reasons(one_task, five) == ["capacity:task_switching"]
    assert reasons(one_task, pkg(tasks=["a", "b"])) == []
    assert reasons(one_task, pkg(tasks=["a", "b"], task_count=5)) == ["capacity:task_switching"]
    assert reasons(one_task, pkg(tasks=["a", "b", "c"], demands={"task_switching": 3})) == [
        "capacity:task_switching"
    ]
    (v,) = wbamatch.explain(one_task, five).violations
    assert "5 tasks" in v.message_en and "5 taken" in v.message_nl
    from wbamatch._jobcarving import Task, package_from_tasks

    tasks = [Task(id=f"t-{k}", hours=4, tags=[f"tag{k}"]) for k in range(5)]
    carved = package_from_tasks(tasks, id="p-carved")
    assert reasons(one_task, carved, travel_minutes=[[10.0]]) == ["capacity:task_switching"]


def test_office_every_day() -> None:
    c = cand(needs={"office": True})
    assert reasons(c, pkg(work_location="office")) == []
    assert reasons(c, pkg(work_location="hybrid", office_days=3)) == ["office"]
    v = wbamatch.explain(c, pkg(work_location="hybrid", office_days=3)).violations[0]
    assert v.package_value == "3 of 4 days at the office"
    assert v.package_value_nl == "3 van de 4 dagen op kantoor"
    with pytest.raises(ValidationError, match="office_days"):
        wbamatch.TaskPackage(id="p", hours={"per_week": 20, "days": 4}, office_days=5)


@pytest.mark.parametrize("need", ["trained_manager", "supervisor"])
def test_a_trained_manager_and_a_supervisor_are_needs_like_any_other(need: str) -> None:
    c = cand(needs={need: True})
    assert reasons(c, pkg()) == [need]
    assert reasons(c, pkg(offers={need: True})) == []
    assert reasons(cand(), pkg()) == []
    v = wbamatch.explain(c, pkg()).violations[0]
    assert v.code == need and v.message_nl and v.message_en and v.message_nl != v.message_en
    # Penalty keeps the pair at a lower score; off ignores the need.
    plain = wbamatch.explain(c, pkg(offers={need: True}), {"weights": {"support": 0}})
    soft = wbamatch.explain(c, pkg(), {"rules": {need: "penalty"}, "weights": {"support": 0}})
    assert soft.feasible and soft.score == pytest.approx(plain.score - 0.25)
    assert wbamatch.explain(c, pkg(), {"rules": {need: "off"}}).violations == []
    assert wbamatch.compatibility([c], [pkg()], {"rules": {need: "off"}}).feasible[0, 0]


def test_support_rewards_a_trained_manager_supervisor_and_team_for_three_needs_or_more() -> None:
    many = cand("c-many", needs={"structure": True, "mentor": True, "colleague": True})
    few = cand("c-few", needs={"structure": True})
    bare = pkg("p-bare")
    full = pkg(
        "p-full", offers={"trained_manager": True, "supervisor": True}, team={"experience": True}
    )
    one = pkg("p-one", team={"experience": True})
    only = {"weights": {"support": 1.0, **{k: 0.0 for k in wbamatch.SCORE_COMPONENTS[:-1]}}}
    comp = wbamatch.compatibility([many, few], [bare, full, one], only)
    assert comp.scores[comp.index("c-many", "p-full")] == pytest.approx(1.0)
    assert comp.scores[comp.index("c-many", "p-one")] == pytest.approx(1 / 3)
    assert comp.scores[comp.index("c-many", "p-bare")] == pytest.approx(0.0)
    for p in ("p-bare", "p-full", "p-one"):  # fewer than three needs: the same everywhere
        assert comp.scores[comp.index("c-few", p)] == pytest.approx(1.0)
    # Travelling alone is a need when it is a no.
    three = cand(needs={"structure": True, "mentor": True, "travels_independently": False})
    driven = pkg("p-driven", offers={"transport": True})
    comp = wbamatch.compatibility([three], [driven], only)
    assert comp.feasible[0, 0] and comp.scores[0, 0] == pytest.approx(0.0)


# ---------------------------------------------------------------------------------------------
# Unknown capacities
# ---------------------------------------------------------------------------------------------
def test_an_unknown_profile_is_not_no_limitation() -> None:
    unknown = cand("c-unknown", capacities=None)
    known = cand("c-known", capacities={})
    heavy = pkg(demands={"work_pace": 3})
    light = pkg(demands={"work_pace": 1})
    assert reasons(unknown, heavy) == ["capacity_unknown"]
    assert reasons(known, heavy) == []
    assert reasons(unknown, light) == []  # the norm level (1) is what any job asks
    assert reasons(unknown, light, {"norm_demand_level": 0}) == ["capacity_unknown"]
    v = wbamatch.explain(unknown, heavy).violations[0]
    assert "work pace" in v.message_en and "werktempo" in v.message_nl
    result = wbamatch.match([unknown, known], [heavy])
    assert result.unknown["capacities"] == 1
    assert [a.candidate_id for a in result.assignments] == [known.id]
    assert result.unassigned[0].reasons[0].code == "capacity_unknown"


def test_a_spreadsheet_row_without_capacities_is_unknown_unless_it_says_so(tmp_path: Any) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "id,hours_min,hours_max,cap_work_pace,capacities_known\n"
        "c-1,16,24,,\n"
        "c-2,16,24,,yes\n"
        "c-3,16,24,1,\n"
        "c-4,16,24,,no\n",
        encoding="utf-8",
    )
    c1, c2, c3, c4 = wbamatch.io.read_candidates(path)
    assert c1.capacities is None and c4.capacities is None
    assert c2.capacities == wbamatch.Candidate.model_fields["capacities"].get_default(
        call_default_factory=True
    )
    assert c3.capacities is not None and c3.capacities.level("work_pace") == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("id,hours_min,hours_max,cap_work_pace,capacities_known\nc-1,16,24,1,no\n")
    with pytest.raises(wbamatch.SpreadsheetError, match="capacities_known"):
        wbamatch.io.read_candidates(bad)
    back = tmp_path / "back.csv"
    wbamatch.io.write_candidates([c1, c2, c3], back)
    assert wbamatch.io.read_candidates(back) == [c1, c2, c3]


# ---------------------------------------------------------------------------------------------
# The candidate's "no", everywhere
# ---------------------------------------------------------------------------------------------
def test_an_override_pin_cannot_place_someone_where_they_said_no() -> None:
    c = cand("c-1", excluded_packages=["p-1"])
    pin = {"candidate_id": "c-1", "package_id": "p-1", "override": True}
    with pytest.raises(wbamatch.InputError, match=r"pinned\[0\].*said no"):
        wbamatch.match([c], [pkg("p-1")], {"pinned": [pin]})


def test_shortlists_never_list_a_refused_package_not_even_as_a_near_miss() -> None:
    c = cand("c-1", excluded_packages=["p-1"])
    lists = wbamatch.shortlist([c], [pkg("p-1"), pkg("p-2")], near_misses=5, audience="recruiter")
    assert lists["p-1"].entries == [] and lists["p-1"].near_misses == []
    by_candidate = wbamatch.shortlist([c], [pkg("p-1")], by="candidate", near_misses=5)
    assert by_candidate["c-1"].near_misses == []
    # ...while a pair one other rule away is a near miss.
    far = cand("c-2", needs={"structure": True})
    near = wbamatch.shortlist(
        [far], [pkg("p-1", offers={"structure": False})], near_misses=1, audience="recruiter"
    )
    assert [m.code for m in near["p-1"].near_misses] == ["structure"]
