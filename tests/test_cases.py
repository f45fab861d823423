"""Worked examples from the domain brief's real cases (pseudonymised)."""

from __future__ import annotations

import wbamatch
from factories import cand, pkg


def placed(result: wbamatch.MatchResult) -> dict[str, str]:
    return {a.candidate_id: a.package_id for a in result.assignments}


BERT_NEEDS = {
    "structure": True,
    "fixed_hours": True,
    "no_evening_work": True,
    "no_night_work": True,
}


def test_bert_needs_structure_and_fixed_hours() -> None:
    bert = cand("c-b", needs=BERT_NEEDS)
    evening = pkg(
        "p-evening", schedule={"kind": "evening", "start": "18:00"}, offers={"structure": True}
    )
    flex = pkg("p-flex", schedule={"kind": "flexible", "start": None})
    loose = pkg("p-loose", offers={"structure": False})
    archive = pkg("p-archive", tasks=["scanning"])
    result = wbamatch.match([bert], [evening, flex, loose, archive])
    assert placed(result) == {"c-b": "p-archive"}


def test_bert_is_never_placed_at_a_fixed_evening_or_night_start() -> None:
    # The "fixed" label alone says nothing about the time of day (FML VI.1).
    bert = cand("c-b", needs=BERT_NEEDS)
    fixed = {"kind": "fixed"}
    late = [
        pkg("p-18", schedule={**fixed, "start": "18:00"}, hours={"per_week": 20, "days": 5}),
        pkg("p-22", schedule={**fixed, "start": "22:00"}, hours={"per_week": 20, "days": 5}),
        pkg("p-16", schedule={**fixed, "start": "16:00"}, hours={"per_week": 24, "days": 4}),
    ]
    comp = wbamatch.compatibility([bert], late)
    assert comp.reasons("c-b", "p-18") == ["evening"]  # fixed hours, but in the evening
    assert comp.reasons("c-b", "p-22") == ["night"]
    # 16:00 + 6 hours + the break: 16:00 to 22:30, into the evening and half an hour of night.
    assert comp.reasons("c-b", "p-16") == ["evening", "night"]
    assert wbamatch.match([bert], late).assignments == []


def test_joop_must_move_and_can_do_higher_level_work() -> None:
    joop = cand(
        "c-j", education="hbo", capacities={"sitting": 1}, skills=["packing", "inspections"]
    )
    seated_packing = pkg("p-pack", tasks=["packing"], demands={"sitting": 3})
    low_level = pkg("p-low", tasks=["inspections"], demands={"walking": 2})
    his_level = pkg("p-level", tasks=["inspections"], demands={"walking": 2}, min_education="hbo")
    comp = wbamatch.compatibility([joop], [seated_packing, low_level, his_level])
    assert comp.reasons("c-j", "p-pack") == ["capacity:sitting"]
    assert (
        comp.scores[0, comp.index("c-j", "p-level")[1]]
        > comp.scores[0, comp.index("c-j", "p-low")[1]]
    )
    assert placed(wbamatch.match([joop], [seated_packing, low_level, his_level])) == {
        "c-j": "p-level"
    }


def test_louis_no_production_tempo_and_no_indication_does_not_count() -> None:
    louis = cand(
        "c-l",
        registered=False,
        target_group=None,
        capacities={"work_pace": 1},
        needs={"jobcoach": True},
        skills=["inspections", "stock_keeping"],
    )
    series = [pkg(f"p-series-{k}", tasks=["packing"], demands={"work_pace": 3}) for k in range(3)]
    carved = pkg("p-carved", tasks=["inspections", "stock_keeping"], demands={"work_pace": 1})
    result = wbamatch.match([louis], [*series, carved])
    assert placed(result) == {"c-l": "p-carved"}
    assert result.assignments[0].counts is False and result.banen == 0.0


def test_chantal_stimulus_customers_criticism_and_level() -> None:
    chantal = cand(
        "c-c",
        registered=False,
        education="wo",
        capacities={"customer_contact": 1, "conflict_handling": 1},
        needs={"low_stimulus": True},
        skills=["research", "data_entry"],
    )
    reception = pkg(
        "p-desk",
        tasks=["reception"],
        stimulus="high",
        demands={"customer_contact": 3, "conflict_handling": 2},
    )
    data_entry = pkg("p-data", tasks=["data_entry"])
    policy = pkg("p-policy", tasks=["research", "data_entry"], min_education="hbo")
    comp = wbamatch.compatibility([chantal], [reception, data_entry, policy])
    assert set(comp.reasons("c-c", "p-desk")) == {
        "capacity:customer_contact",
        "capacity:conflict_handling",
        "stimulus",
    }
    assert placed(wbamatch.match([chantal], [reception, data_entry, policy])) == {"c-c": "p-policy"}


def test_rush_hour_sensitive_commuter() -> None:
    c = cand("c-r", needs={"avoid_rush_hour": True, "travel_mode": "public_transport"})
    early = pkg("p-early", schedule={"kind": "fixed", "start": "08:00"})
    late = pkg("p-late", schedule={"kind": "fixed", "start": "10:00"})
    assert placed(wbamatch.match([c], [early, late], travel_minutes=[[40, 40]])) == {
        "c-r": "p-late"
    }


def test_special_transport_is_not_public_transport() -> None:
    c = cand("c-s", needs={"avoid_rush_hour": True, "travel_mode": "special_transport"})
    early = pkg("p-early", schedule={"kind": "fixed", "start": "08:00"})
    assert wbamatch.compatibility([c], [early], travel_minutes=[[40]]).feasible[0, 0]


def test_k_wants_to_grow_from_16_to_32_hours() -> None:
    k = cand("c-k", hours={"min": 16, "max": 24}, wants_growth=True)
    flat = pkg("p-flat", hours={"per_week": 16, "days": 4})
    growing = pkg("p-grow", hours={"per_week": 16, "days": 4, "growth_to": 32})
    assert placed(wbamatch.match([k], [flat, growing])) == {"c-k": "p-grow"}


def test_durable_contracts_preferred_and_non_counting_ones_last() -> None:
    c = cand()
    kinds = [
        ("p-1", {"type": "permanent"}),
        ("p-2", {"type": "temporary", "months": 12}),
        ("p-3", {"type": "secondment", "months": 12}),
        ("p-4", {"type": "agency"}),
        ("p-5", {"type": "zero_hours"}),
        ("p-6", {"type": "min_max"}),
    ]
    comp = wbamatch.compatibility([c], [pkg(pid, contract=ct) for pid, ct in kinds])
    s = comp.scores[0]
    assert s[0] > s[1] > s[2] > s[3]
    assert s[3] == s[4] == s[5]


def test_nobody_is_placed_where_they_said_no() -> None:
    c = cand("c-n", excluded_packages=["p-best"])
    best = pkg("p-best", tasks=["archiving"])
    other = pkg("p-other", tasks=["cleaning"])
    assert placed(wbamatch.match([c], [best, other])) == {"c-n": "p-other"}


def test_unknown_education_never_passes_a_minimum() -> None:
    c = cand("c-u", education="unknown")
    result = wbamatch.match([c], [pkg(min_education="mbo1")])
    assert result.assignments == []
    assert result.unassigned[0].reasons[0].code == "education_unknown"
    assert result.unknown["education"] == 1
