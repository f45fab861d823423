"""One test (or a few) per hard rule, on the smallest case that shows it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import wbamatch
from factories import AMERSFOORT, DEN_HAAG, cand, pkg
from wbamatch._constraints import BIT, decode
from wbamatch.rules import REASON_CODES, REGISTRY, RULES


def reasons(c: Any, p: Any, config: Any = None, **kw: Any) -> list[str]:
    comp = wbamatch.compatibility([c], [p], config, **kw)
    return comp.reasons(c.id, p.id)


def test_baseline_pair_is_feasible() -> None:
    assert reasons(cand(), pkg()) == []


def test_every_rule_has_a_function_and_codes_have_bits() -> None:
    assert tuple(r.name for r in REGISTRY) == RULES
    assert len(BIT) == len(REASON_CODES) <= 64
    assert decode(BIT["hours"] | BIT["capacity:sitting"]) == ["capacity:sitting", "hours"]


@pytest.mark.parametrize("dim", wbamatch.DIMENSIONS)
def test_capacity_per_dimension(dim: str) -> None:
    c = cand(capacities={dim: 1})
    assert reasons(c, pkg(demands={dim: 1})) == []
    assert reasons(c, pkg(demands={dim: 2})) == [f"capacity:{dim}"]


def test_capacity_defaults_follow_the_fml() -> None:
    # Not listed: capacity 3 (no limitation), demand 0 (not required).
    assert reasons(cand(), pkg(demands={"lifting": 3})) == []
    assert reasons(cand(capacities={"lifting": 0}), pkg()) == []


@pytest.mark.parametrize(
    ("hours", "package_hours", "violates"),
    [
        ({"min": 16, "max": 24}, {"per_week": 20, "days": 4}, False),
        ({"min": 16, "max": 24}, {"per_week": 16, "days": 4}, False),
        ({"min": 16, "max": 24}, {"per_week": 24, "days": 4}, False),
        ({"min": 16, "max": 24}, {"per_week": 12, "days": 3}, True),
        ({"min": 16, "max": 24}, {"per_week": 32, "days": 4}, True),
        ({"min": 16, "max": 24, "max_per_day": 4}, {"per_week": 20, "days": 4}, True),
        ({"min": 16, "max": 24, "max_per_day": 4}, {"per_week": 20, "days": 5}, False),
    ],
)
def test_hours(hours: dict[str, float], package_hours: dict[str, float], violates: bool) -> None:
    got = reasons(cand(hours=hours), pkg(hours=package_hours))
    assert (got == ["hours"]) is violates


@pytest.mark.parametrize("kind", ["shifts", "flexible"])
def test_fixed_hours_bert(kind: str) -> None:
    # Bert needs fixed times; moved to evening shifts and flex hours, the placement broke down.
    c = cand(needs={"fixed_hours": True})
    assert reasons(c, pkg(schedule={"kind": "fixed", "start": "09:00"})) == []
    assert reasons(c, pkg(schedule={"kind": kind, "start": None})) == ["fixed_hours"]
    assert reasons(cand(), pkg(schedule={"kind": kind, "start": None})) == []


def test_fixed_hours_means_the_same_hours_every_day_not_daytime() -> None:
    # The time of day is the evening and night rules' business (FML VI.1), not fixed_hours'.
    c = cand(needs={"fixed_hours": True})
    assert reasons(c, pkg(schedule={"kind": "fixed", "start": "18:00"})) == []
    assert reasons(c, pkg(schedule={"kind": "evening", "start": "18:00"})) == []
    uneven = {"per_week": 20, "per_day": [8, 4, 4, 4]}
    assert reasons(c, pkg(hours=uneven)) == ["fixed_hours"]
    assert reasons(cand(), pkg(hours=uneven)) == []


def test_structure() -> None:
    c = cand(needs={"structure": True})
    assert reasons(c, pkg(offers={"structure": False})) == ["structure"]
    assert reasons(cand(), pkg(offers={"structure": False})) == []


@pytest.mark.parametrize(("level", "violates"), [("low", False), ("medium", True), ("high", True)])
def test_stimulus(level: str, violates: bool) -> None:
    c = cand(needs={"low_stimulus": True})
    assert (reasons(c, pkg(stimulus=level)) == ["stimulus"]) is violates


def test_commute_limit_and_remote() -> None:
    c = cand(needs={"max_commute_minutes": 75, "travel_mode": "public_transport"})
    assert reasons(c, pkg(location=DEN_HAAG)) == ["commute"]  # about 57 km
    assert reasons(c, pkg(location=DEN_HAAG, work_location="remote")) == []
    assert reasons(c, pkg(location=AMERSFOORT)) == []  # about 20 km


def test_commute_uses_a_callers_matrix() -> None:
    c = cand(needs={"max_commute_minutes": 30})
    assert reasons(c, pkg(), travel_minutes=[[31.0]]) == ["commute"]
    assert reasons(c, pkg(), travel_minutes=[[29.0]]) == []


def test_commute_unknown_is_not_a_fit() -> None:
    c = cand(home=None, needs={"max_commute_minutes": 60})
    assert reasons(c, pkg()) == ["commute_unknown"]
    # Nobody commutes to remote work, so an unknown home does not matter there.
    assert reasons(c, pkg(work_location="remote")) == []


def test_default_commute_limit_from_config() -> None:
    c = cand()
    assert reasons(c, pkg(), travel_minutes=[[100.0]]) == ["commute"]
    cfg = wbamatch.MatchConfig(default_max_commute_minutes=None)
    assert reasons(c, pkg(), cfg, travel_minutes=[[100.0]]) == []


def test_rush_hour() -> None:
    c = cand(needs={"avoid_rush_hour": True, "travel_mode": "public_transport"})
    # 30 minutes to a 09:30 start: leaves 09:00, arrives 09:30; 4 h day, home 13:30-14:00.
    assert (
        reasons(c, pkg(schedule={"kind": "fixed", "start": "09:30"}), travel_minutes=[[30]]) == []
    )
    # Start at 08:30: the trip falls in the morning peak.
    got = reasons(c, pkg(schedule={"kind": "fixed", "start": "08:30"}), travel_minutes=[[30]])
    assert got == ["rush_hour"]
    # A full day from 09:30 (8 h + break) ends at 18:00: home in the evening peak.
    long_day = pkg(hours={"per_week": 40, "days": 5}, schedule={"kind": "fixed", "start": "09:30"})
    wide = cand(needs={"avoid_rush_hour": True}, hours={"min": 16, "max": 40})
    assert reasons(wide, long_day, travel_minutes=[[30]]) == ["rush_hour"]
    # Unknown start time is not a fit.
    assert reasons(c, pkg(schedule={"kind": "fixed", "start": None}), travel_minutes=[[30]]) == [
        "rush_hour"
    ]
    # By bike, rush hour on public transport does not matter.
    bike = cand(needs={"avoid_rush_hour": True, "travel_mode": "bike"})
    assert (
        reasons(bike, pkg(schedule={"kind": "fixed", "start": "08:30"}), travel_minutes=[[30]])
        == []
    )


def test_rush_hour_windows_are_configurable() -> None:
    c = cand(needs={"avoid_rush_hour": True})
    cfg = wbamatch.MatchConfig(morning_peak=("06:00", "07:00"))
    assert (
        reasons(c, pkg(schedule={"kind": "fixed", "start": "08:30"}), cfg, travel_minutes=[[30]])
        == []
    )


def test_jobcoach_needs_a_long_enough_contract() -> None:
    c = cand(needs={"jobcoach": True})
    assert reasons(c, pkg()) == []
    assert reasons(c, pkg(offers={"jobcoach": False})) == ["jobcoach"]
    assert reasons(c, pkg(contract={"type": "temporary", "months": 6})) == ["jobcoach"]
    assert reasons(c, pkg(contract={"type": "temporary", "months": 7})) == []
    assert reasons(c, pkg(contract={"type": "temporary", "months": None})) == ["jobcoach"]


def test_mentor_colleague_office() -> None:
    assert reasons(cand(needs={"mentor": True}), pkg(offers={"mentor": False})) == ["mentor"]
    assert reasons(cand(needs={"colleague": True}), pkg(offers={"colleague": False})) == [
        "colleague"
    ]
    office = cand(needs={"office": True})
    assert reasons(office, pkg(work_location="remote")) == ["office"]
    # Hybrid: every working day at the office, or not at all.
    assert reasons(office, pkg(work_location="hybrid")) == ["office"]
    assert reasons(office, pkg(work_location="hybrid", office_days=3)) == ["office"]
    assert reasons(office, pkg(work_location="hybrid", office_days=4)) == []
    assert reasons(cand(), pkg(work_location="hybrid", office_days=1)) == []


def test_education_and_unknown_education() -> None:
    assert reasons(cand(education="mbo1"), pkg(min_education="mbo2")) == ["education"]
    assert reasons(cand(education="mbo2"), pkg(min_education="mbo2")) == []
    assert reasons(cand(education="unknown"), pkg(min_education="mbo2")) == ["education_unknown"]
    assert reasons(cand(education="unknown"), pkg()) == []


def test_excluded() -> None:
    c = cand(excluded_packages=["p-1"])
    assert reasons(c, pkg()) == ["excluded"]
    assert reasons(cand(excluded_packages=["p-other"]), pkg()) == []


def test_rule_modes_off_and_penalty() -> None:
    c = cand(needs={"mentor": True})
    p = pkg(offers={"mentor": False})
    off = wbamatch.compatibility([c], [p], {"rules": {"mentor": "off"}})
    assert off.feasible[0, 0] and off.reasons("c-1", "p-1") == []
    soft = wbamatch.compatibility([c], [p], {"rules": {"mentor": "penalty"}, "penalty": 0.1})
    assert soft.feasible[0, 0]
    assert soft.reasons("c-1", "p-1") == ["mentor"]
    assert soft.hard_reasons("c-1", "p-1") == []
    hard = wbamatch.compatibility([c], [p])
    assert np.isclose(soft.scores[0, 0], max(hard.raw_scores[0, 0] - 0.1, 0.0))


def test_rule_mode_per_code() -> None:
    c = cand(education="unknown")
    p = pkg(min_education="mbo2")
    comp = wbamatch.compatibility([c], [p], {"rules": {"education_unknown": "penalty"}})
    assert comp.feasible[0, 0]


def test_excluded_cannot_be_relaxed() -> None:
    with pytest.raises(ValueError, match="excluded"):
        wbamatch.MatchConfig(rules={"excluded": "off"})


def test_unknown_rule_name_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        wbamatch.MatchConfig(rules={"commuting": "off"})


def test_violations_are_evaluated_on_whole_arrays() -> None:
    # 30 x 20 with mixed needs: the packed field equals the per-pair decode of each rule.
    cs = [
        cand(f"c-{i:02d}", capacities={"work_pace": i % 4}, needs={"low_stimulus": i % 2 == 0})
        for i in range(30)
    ]
    ps = [
        pkg(f"p-{j:02d}", demands={"work_pace": j % 4}, stimulus=["low", "medium", "high"][j % 3])
        for j in range(20)
    ]
    comp = wbamatch.compatibility(cs, ps)
    for i in range(30):
        for j in range(20):
            expect = []
            if j % 4 > i % 4:
                expect.append("capacity:work_pace")
            if i % 2 == 0 and j % 3 != 0:
                expect.append("stimulus")
            assert comp.reasons(f"c-{i:02d}", f"p-{j:02d}") == expect


@pytest.mark.parametrize("rule", RULES)
def test_rules_read_only_the_fields_they_declare(rule: str) -> None:
    # Reason counts evaluate a rule once per distinct value of Rule.reads: a rule that read
    # anything else would give wrong counts. Swap every other field for another set's.
    from dataclasses import fields, replace

    from wbamatch._constraints import PairContext
    from wbamatch._pipeline import prepare

    packs = wbamatch.synthetic(1, 60, seed=5)[1]
    one = prepare(wbamatch.synthetic(80, 60, seed=1)[0], packs, None, None)
    two = prepare(wbamatch.synthetic(80, 60, seed=2)[0], packs, None, None)
    function = REGISTRY[rule].function
    kept = set(REGISTRY[rule].reads) | {"ids"}
    hybrid = replace(
        one.cand,
        **{f.name: getattr(two.cand, f.name) for f in fields(one.cand) if f.name not in kept},
    )
    minutes = one.minutes_for(slice(None))  # travel times are an input of their own
    ctx = PairContext(minutes=minutes, config=one.config)
    shape = (len(one.cand), len(packs))
    want = function(one.cand, one.pkg, ctx)
    got = function(hybrid, one.pkg, ctx)
    for code in set(want) | set(got):
        empty = np.zeros(shape, dtype=bool)
        assert np.array_equal(
            np.broadcast_to(want.get(code, empty), shape),
            np.broadcast_to(got.get(code, empty), shape),
        ), code
    if REGISTRY[rule].per_dimension:  # and code k reads column k alone
        for k, code in enumerate(f"{rule}:{d}" for d in wbamatch.DIMENSIONS):
            other = one.cand.capacities.copy()
            other[:, [j for j in range(other.shape[1]) if j != k]] = 0
            masks = function(replace(one.cand, capacities=other), one.pkg, ctx)
            if code in want:
                assert np.array_equal(masks[code], want[code]), code
