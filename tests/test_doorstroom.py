"""Doorstroom (issue 17): people already at work stay, move up or are flagged; banen counted
right; growth in hours and level; switch places; the internal view of the shortlists."""

from __future__ import annotations

import json
import random
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import wbamatch
from brute import brute_force_doorstroom
from factories import cand_dict, pkg_dict
from strategies import configs, doorstroom_problems, problems
from wbamatch import HOURS_PER_JOB, InputError, Limits
from wbamatch._pipeline import prepare, solve_problem

PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def here(cid: str, pid: str) -> dict[str, str]:
    return {"candidate_id": cid, "package_id": pid}


# ---------------------------------------------------------------------------------------------
# The reference: the doorstroom rules written out pair by pair, solved by trying everything
# ---------------------------------------------------------------------------------------------
def reference(
    cands: list[dict[str, Any]],
    packs: list[dict[str, Any]],
    current: list[dict[str, str]],
    cfg: Any,
) -> float | None:
    """Best total of score + stay bonus under the rules of the issue, by brute force."""
    comp = wbamatch.compatibility(cands, packs, cfg)
    config = comp.config
    t = config.move_threshold
    by_cand = {c["id"]: c for c in cands}
    by_pack = {p["id"]: p for p in packs}
    switch = np.array([by_pack[p].get("track") == "schakelplek" for p in comp.package_ids])
    eligible = comp.feasible & (comp.scores >= config.min_score)
    allowed = eligible & ~switch[None, :]
    n = len(comp.candidate_ids)
    must = np.zeros(n, dtype=bool)
    stay_col = np.full(n, -1)
    for entry in current:
        i, j = comp.index(entry["candidate_id"], entry["package_id"])
        d = wbamatch.diagnose(by_cand[entry["candidate_id"]], by_pack[entry["package_id"]], cfg)
        may_switch = not comp.feasible[i, j] or "too_heavy" in d.flags or d.overqualified
        row = eligible[i] & (may_switch | ~switch)
        row[j] = False
        if comp.feasible[i, j]:
            must[i], stay_col[i] = True, j
            if by_cand[entry["candidate_id"]].get("open_to_move"):
                row &= comp.scores[i] >= comp.scores[i, j] + t - 1e-12
            else:
                row[:] = False
            row[j] = True
        allowed[i] = row
    return brute_force_doorstroom(comp.scores, allowed, comp.packages.slots, must, stay_col, t / 2)


def objective(result: wbamatch.MatchResult) -> float:
    bonus = result.config.move_threshold / 2
    return sum(a.score + (bonus if a.status == "stays" else 0.0) for a in result.assignments)


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------
@PROPS
@given(problems(), configs())
def test_with_current_empty_the_result_is_todays(problem: tuple, cfg: dict[str, Any]) -> None:
    cands, packs = problem
    today = wbamatch.match(cands, packs, cfg)
    assert wbamatch.match(cands, packs, cfg, current=[]) == today
    assert wbamatch.match(cands, packs, cfg, current=None) == today
    assert all(a.status == "new" for a in today.assignments)
    assert today.banen_new == pytest.approx(today.banen) and today.flagged == []
    assert today.banen_before == 0 and today.schakelplekken == 0


@PROPS
@given(doorstroom_problems(), configs())
def test_the_solve_with_stay_bonuses_equals_brute_force(problem: tuple, cfg: dict) -> None:
    cands, packs, current = problem
    result = wbamatch.match(cands, packs, cfg, current=current)
    best = reference(cands, packs, current, cfg)
    assert best is not None  # everyone staying is always possible
    assert objective(result) == pytest.approx(best, abs=1e-7)
    assert wbamatch.check_certificate(result, cands, packs).valid


@PROPS
@given(doorstroom_problems(), configs())
def test_nobody_moves_down_or_out_and_the_closed_stay(problem: tuple, cfg: dict) -> None:
    cands, packs, current = problem
    result = wbamatch.match(cands, packs, cfg, current=current)
    comp = wbamatch.compatibility(cands, packs, cfg)
    t = comp.config.move_threshold
    open_to_move = {c["id"]: c.get("open_to_move", False) for c in cands}
    now = {e["candidate_id"]: e["package_id"] for e in current}
    for cid, pid in now.items():
        i, j = comp.index(cid, pid)
        a = result.assignment_of(cid)
        if not comp.feasible[i, j]:  # breaks a hard rule: flagged, may move anywhere that fits
            assert cid in {f.candidate_id for f in result.flagged}
            assert a is None or (a.status == "moves" and a.package_id != pid)
            continue
        assert a is not None, f"{cid} lost a job that breaks no rule"
        assert a.current_package_id == pid
        if not open_to_move[cid]:
            assert (a.status, a.package_id) == ("stays", pid)
        elif a.status == "moves":
            assert a.score >= comp.scores[i, j] + t - 1e-9
    for a in result.assignments:
        assert (a.status == "new") == (a.candidate_id not in now)
        assert a.status != "stays" or a.package_id == now[a.candidate_id]


@PROPS
@given(doorstroom_problems(), configs())
def test_banen_of_stays_and_moves_are_never_new(problem: tuple, cfg: dict) -> None:
    cands, packs, current = problem
    result = wbamatch.match(cands, packs, cfg, current=current)
    new = [a for a in result.assignments if a.status == "new"]
    assert result.banen_new == pytest.approx(sum(a.banen for a in new))
    assert result.banen == pytest.approx(sum(a.banen for a in result.assignments))
    # Switch places never count, and go only to people at work: a move there, or a stay for
    # someone who holds that switch place now.
    for a in result.assignments:
        if a.track == "schakelplek":
            assert a.banen == 0 and not a.counts and "schakelplek" in a.not_counting
            assert a.status == "moves" or (
                a.status == "stays" and a.package_id == a.current_package_id
            )
    assert result.schakelplekken == sum(a.track == "schakelplek" for a in result.assignments)


@PROPS
@given(doorstroom_problems(), st.randoms(use_true_random=False))
def test_order_of_the_inputs_changes_nothing(problem: tuple, rnd: random.Random) -> None:
    cands, packs, current = problem
    first = wbamatch.match(cands, packs, current=current)
    c2, p2, k2 = list(cands), list(packs), list(current)
    for items in (c2, p2, k2):
        rnd.shuffle(items)
    assert wbamatch.match(c2, p2, current=k2) == first


@PROPS
@given(doorstroom_problems())
def test_a_result_with_current_round_trips_through_json(problem: tuple) -> None:
    cands, packs, current = problem
    result = wbamatch.match(cands, packs, current=current)
    again = wbamatch.MatchResult.model_validate_json(result.model_dump_json())
    assert again == result and again.flagged == result.flagged
    assert wbamatch.check_certificate(again, cands, packs).valid
    json.loads(result.model_dump_json())


@pytest.mark.parametrize("method", ["dense", "sparse", "components", "flow"])
def test_every_solver_route_gives_the_same_doorstroom(method: str) -> None:
    if method == "flow":
        pytest.importorskip("ortools")
    cands, packs, current = chain()
    problem = prepare(cands, packs, None, None, current=current)
    result = solve_problem(problem, method=method)
    assert placements(result) == placements(wbamatch.match(cands, packs, current=current))
    pruned = Limits(dense_cells=0, prune_above=0, prune_keep_per_slot=0, prune_keep_extra=1)
    again = wbamatch.match(cands, packs, current=current, limits=pruned)
    assert placements(again) == placements(result)


def test_inputs_are_not_mutated() -> None:
    cands, packs, current = chain()
    before = json.dumps([cands, packs, current], sort_keys=True)
    wbamatch.match(cands, packs, current=current)
    assert json.dumps([cands, packs, current], sort_keys=True) == before


# ---------------------------------------------------------------------------------------------
# Worked cases: stay, move up, chains, too heavy, K.'s growth
# ---------------------------------------------------------------------------------------------
def placements(result: wbamatch.MatchResult) -> dict[str, tuple[str, str]]:
    return {a.candidate_id: (a.package_id, a.status) for a in result.assignments}


def chain() -> tuple[list[dict], list[dict], list[dict]]:
    """A holds an archive job but fits the inspections job far better; B fits the archive job
    only. The inspections job is free."""
    a = cand_dict(
        "c-a",
        skills=["inspections"],
        interests=["inspections"],
        open_to_move=True,
        education="mbo2",
    )
    b = cand_dict("c-b", skills=["archiving"], hours={"min": 16, "max": 20})
    archive = pkg_dict("p-archive", tasks=["archiving"], tags=["archiving"])
    inspect = pkg_dict("p-inspect", tasks=["inspections"], tags=["inspections"])
    return [a, b], [archive, inspect], [here("c-a", "p-archive")]


def test_a_chain_a_moves_up_and_a_newcomer_gets_the_freed_package() -> None:
    cands, packs, current = chain()
    result = wbamatch.match(cands, packs, current=current)
    assert placements(result) == {
        "c-a": ("p-inspect", "moves"),
        "c-b": ("p-archive", "new"),
    }
    moved = result.assignment_of("c-a")
    assert moved is not None and moved.current_package_id == "p-archive"
    # The move adds no banen; B's placement does.
    b = result.assignment_of("c-b")
    assert b is not None and result.banen_new == pytest.approx(b.banen)
    assert result.banen_before == pytest.approx(20 / HOURS_PER_JOB)
    assert result.banen == pytest.approx(result.banen_before + result.banen_new)
    assert result.banen_after == result.banen


def test_someone_not_open_to_move_stays_even_where_they_would_fit_better() -> None:
    cands, packs, current = chain()
    cands[0]["open_to_move"] = False
    result = wbamatch.match(cands, packs, current=current)
    assert placements(result)["c-a"] == ("p-archive", "stays")
    assert placements(result).get("c-b", ("", ""))[0] != "p-archive"  # A holds it


def test_a_move_must_raise_the_persons_own_score_by_the_threshold() -> None:
    cands, packs, current = chain()
    comp = wbamatch.compatibility(cands, packs)
    gain = comp.scores[comp.index("c-a", "p-inspect")] - comp.scores[comp.index("c-a", "p-archive")]
    assert gain > 0.10
    above = wbamatch.match(cands, packs, {"move_threshold": gain + 0.01}, current=current)
    assert placements(above)["c-a"] == ("p-archive", "stays")
    below = wbamatch.match(cands, packs, {"move_threshold": gain - 0.01}, current=current)
    assert placements(below)["c-a"] == ("p-inspect", "moves")


def test_the_issue_case_a_better_job_stays_and_no_move_counts_as_new_banen() -> None:
    # Held at 0.70, a package at 0.32 elsewhere: today's match() proposed the move and counted
    # it as new banen.
    person = cand_dict("c-1", skills=["archiving"], open_to_move=True)
    held = pkg_dict("p-held")
    other = pkg_dict("p-other", tasks=["cleaning"], tags=[], contract={"type": "temporary"})
    result = wbamatch.match([person], [held, other], current=[here("c-1", "p-held")])
    assert placements(result) == {"c-1": ("p-held", "stays")}
    assert result.banen_new == 0 and result.banen == pytest.approx(result.banen_before)


def test_a_stay_below_the_minimum_score_is_kept() -> None:
    person = cand_dict("c-1", skills=[])
    job = pkg_dict("p-1", tasks=["cleaning"])
    result = wbamatch.match([person], [job], {"min_score": 0.99}, current=[here("c-1", "p-1")])
    assert placements(result) == {"c-1": ("p-1", "stays")}
    assert wbamatch.match([person], [job], {"min_score": 0.99}).assignments == []


def test_a_current_job_that_breaks_a_rule_is_flagged_with_alternatives() -> None:
    # The job asks lifting at level 3; the person can lift at level 1.
    person = cand_dict("c-1", capacities={"lifting": 1}, education="mbo1")
    heavy = pkg_dict("p-heavy", demands={"lifting": 3})
    light = pkg_dict("p-light")
    result = wbamatch.match([person], [heavy, light], current=[here("c-1", "p-heavy")])
    [flag] = result.flagged
    assert flag.candidate_id == "c-1" and flag.package_id == "p-heavy"
    assert flag.reasons == ["capacity:lifting", "too_heavy"]
    assert [a.package_id for a in flag.alternatives] == ["p-light"]
    # Not open to move, but the job breaks a hard rule: a move may be proposed.
    assert flag.proposal == "moves" and flag.proposed_package_id == "p-light"
    assert placements(result) == {"c-1": ("p-light", "moves")}
    # A manager reads no need and no value; a recruiter reads the reasons.
    manager = flag.text(audience="manager")
    assert "til" not in manager.lower() and "voorwaarde" in manager
    assert "tillen" in flag.text() and "te zwaar" in flag.text()
    assert "lifting" in flag.text("en") and "condition" in flag.text("en", audience="manager")


def test_too_heavy_is_flagged_even_when_the_capacity_rule_is_only_a_penalty() -> None:
    person = cand_dict("c-1", capacities={"lifting": 1}, education="mbo1")
    heavy = pkg_dict("p-heavy", demands={"lifting": 3})
    cfg = {"rules": {"capacity": "penalty"}}
    result = wbamatch.match([person], [heavy], cfg, current=[here("c-1", "p-heavy")])
    [flag] = result.flagged
    assert flag.reasons == ["too_heavy"] and flag.proposal == "stays"
    assert placements(result) == {"c-1": ("p-heavy", "stays")}


def test_nothing_else_fits_they_keep_their_job_for_now() -> None:
    person = cand_dict("c-1", capacities={"lifting": 1})
    heavy = pkg_dict("p-heavy", demands={"lifting": 3})
    result = wbamatch.match([person], [heavy], current=[here("c-1", "p-heavy")])
    [flag] = result.flagged
    assert flag.proposal == "none" and flag.alternatives == []
    assert result.assignments == [] and result.unassigned[0].candidate_id == "c-1"
    assert "houdt voorlopig deze baan" in flag.text()


def test_k_grew_from_16_to_32_hours() -> None:
    k = cand_dict("c-k", hours={"min": 16, "max": 32}, wants_growth=True)
    job = pkg_dict("p-1", hours={"per_week": 16, "days": 4, "growth_to": 32})
    result = wbamatch.match([k], [job], current=[here("c-k", "p-1")])
    assert result.banen_growth == pytest.approx((32 - 16) / HOURS_PER_JOB)
    assert round(result.banen_growth, 2) == 0.63
    assert result.banen_new == 0 and result.banen_before == pytest.approx(16 / HOURS_PER_JOB)
    # As a newcomer the same: growth is growth, whoever holds the job.
    fresh = wbamatch.match([k], [job])
    assert fresh.banen_growth == pytest.approx(result.banen_growth)
    # The package's growth, as the issue defines it; a placement that does not count, none.
    unregistered = cand_dict("c-k", hours={"min": 16, "max": 32}, registered=False)
    assert wbamatch.match([unregistered], [job]).banen_growth == 0


def test_growth_in_level_is_scored_and_said() -> None:
    k = cand_dict("c-k", wants_growth=True, education="hbo")
    flat = pkg_dict("p-flat", min_education="mbo2")
    grows = pkg_dict("p-grows", min_education="mbo2", growth_level="mbo4")
    comp = wbamatch.compatibility([k], [flat, grows])
    assert comp.scores[comp.index("c-k", "p-grows")] > comp.scores[comp.index("c-k", "p-flat")]
    result = wbamatch.match([k], [grows])
    why = result.why("c-k")
    assert "mbo 4" in why.text() or "mbo4" in why.text()
    with pytest.raises(ValueError, match="growth_level"):
        wbamatch.TaskPackage.model_validate(pkg_dict(min_education="hbo", growth_level="mbo2"))


def test_why_says_which_growth_a_package_offers() -> None:
    k = cand_dict("c-k", hours={"min": 16, "max": 32}, wants_growth=True)
    job = pkg_dict("p-1", hours={"per_week": 16, "days": 4, "growth_to": 32}, growth_level="mbo4")
    result = wbamatch.match([k], [job], current=[here("c-k", "p-1")])
    nl, en = result.why("c-k").text(), result.why("c-k").text("en")
    assert "32 uur" in nl and "blijft" in nl
    assert "32 hours" in en and "stays" in en
    # Read back from JSON (no solver context), the placement still says it.
    again = wbamatch.MatchResult.model_validate_json(result.model_dump_json())
    grows = "Deze baan kan groeien naar 32 uur per week en naar niveau mbo 4."
    assert grows in nl and grows in again.why("c-k").text()


# ---------------------------------------------------------------------------------------------
# Switch places
# ---------------------------------------------------------------------------------------------
def switch_case() -> tuple[list[dict], list[dict]]:
    person = cand_dict("c-1", capacities={"lifting": 1}, skills=["archiving"])
    newcomer = cand_dict("c-new", skills=["archiving"])
    heavy = pkg_dict("p-heavy", demands={"lifting": 3})
    switch = pkg_dict("p-switch", track="schakelplek", contract={"type": "temporary", "months": 6})
    return [person, newcomer], [heavy, switch]


def test_a_switch_place_goes_only_to_someone_whose_job_does_not_fit() -> None:
    cands, packs = switch_case()
    # Without current placements nobody is proposed a switch place.
    assert wbamatch.match(cands, packs).assignments == [] or all(
        a.track != "schakelplek" for a in wbamatch.match(cands, packs).assignments
    )
    result = wbamatch.match(cands, packs, current=[here("c-1", "p-heavy")])
    # c-1 moves to the switch place; the heavy job they leave goes to the newcomer.
    assert placements(result) == {"c-1": ("p-switch", "moves"), "c-new": ("p-heavy", "new")}
    assert result.schakelplekken == 1 and result.banen == pytest.approx(result.banen_new)
    switch = result.assignment_of("c-1")
    assert switch is not None and switch.banen == 0 and "schakelplek" in result.why("c-1").text()
    [flag] = result.flagged
    assert flag.alternatives[0].schakelplek and "schakelplek" in flag.text()
    # Someone whose job fits well is not offered the switch place.
    fine = wbamatch.match(cands, [pkg_dict("p-ok"), packs[1]], current=[here("c-1", "p-ok")])
    assert placements(fine) == {"c-1": ("p-ok", "stays")}


def test_a_switch_place_is_temporary() -> None:
    cands, packs = switch_case()
    packs[1]["contract"] = {"type": "temporary", "months": 24}
    with pytest.raises(InputError, match=r"'p-switch'.*schakelplek_months=12"):
        wbamatch.match(cands, packs)
    assert wbamatch.match(cands, packs, {"schakelplek_months": 24}).n_packages == 2


# ---------------------------------------------------------------------------------------------
# The boundary: every problem of current reported at once
# ---------------------------------------------------------------------------------------------
def test_every_problem_of_current_is_reported_together() -> None:
    cands = [cand_dict("c-1"), cand_dict("c-2")]
    packs = [pkg_dict("p-1")]
    current = [
        here("c-1", "p-1"),
        here("c-1", "p-1"),
        here("c-9", "p-1"),
        here("c-2", "p-9"),
        {"candidate_id": "c-2"},
        "c-2",
    ]
    with pytest.raises(InputError) as info:
        wbamatch.match(cands, packs, current=current)
    message = str(info.value)
    for part in ("current[1]", "'c-9'", "'p-9'", "current[4]", "current[5]"):
        assert part in message, part
    with pytest.raises(InputError, match=r"'p-1' has 1 slot\(s\) but 2 people"):
        wbamatch.match(cands, packs, current=[here("c-1", "p-1"), here("c-2", "p-1")])
    with pytest.raises(InputError, match="list"):
        wbamatch.match(cands, packs, current=here("c-1", "p-1"))  # type: ignore[arg-type]


def test_rematch_keeps_the_current_placements() -> None:
    cands, packs, current = chain()
    result = wbamatch.match(cands, packs, current=current)
    again = result.rematch(reject=["c-b"])
    assert again.current == result.current
    # Without B on the archive job, the group does better with A staying and B on inspections.
    assert placements(again) == {"c-a": ("p-archive", "stays"), "c-b": ("p-inspect", "new")}


def test_pins_and_current_a_pin_stands_and_says_stays_or_moves() -> None:
    cands, packs, current = chain()
    cfg = {"pinned": [{"candidate_id": "c-a", "package_id": "p-archive"}]}
    result = wbamatch.match(cands, packs, cfg, current=current)
    a = result.assignment_of("c-a")
    assert a is not None and a.pinned and a.status == "stays"
    assert wbamatch.check_certificate(result, cands, packs).valid


def test_audit_verify_reproduces_a_doorstroom_result() -> None:
    from wbamatch.audit import verify

    cands, packs, current = chain()
    result = wbamatch.match(cands, packs, current=current)
    check = verify(result, cands, packs)
    assert check.reproduced and check.optimal


# ---------------------------------------------------------------------------------------------
# The internal view
# ---------------------------------------------------------------------------------------------
def test_shortlists_mark_internal_candidates_and_can_put_them_first() -> None:
    cands, packs, current = chain()
    # The outsider fits the inspections job a little better (hours up to 20, the job's 20).
    outsider = cand_dict(
        "c-out", skills=["inspections"], interests=["inspections"], hours={"min": 16, "max": 20}
    )
    cands = [*cands, outsider]
    plain = wbamatch.shortlist(cands, packs, k=3, current=current)
    inspect = plain["p-inspect"]
    assert [e.candidate_id for e in inspect.entries][:2] == ["c-out", "c-a"]
    assert {e.candidate_id: e.internal for e in inspect.entries}["c-a"] is True
    assert not any(e.internal for e in inspect.entries if e.candidate_id != "c-a")
    # Nobody is listed for the package they hold.
    assert "c-a" not in {e.candidate_id for e in plain["p-archive"].entries}
    first = wbamatch.shortlist(cands, packs, k=3, current=current, internal_first=True)
    assert [e.candidate_id for e in first["p-inspect"].entries][:2] == ["c-a", "c-out"]
    assert [e.score for e in first["p-inspect"].entries][:2] == [
        e.score for e in inspect.entries[1::-1]
    ]
    assert [e.rank for e in first["p-inspect"].entries] == [1, 2, 3]
    # Not open to move: listed nowhere.
    cands[0] = {**cands[0], "open_to_move": False}
    closed = wbamatch.shortlist(cands, packs, k=3, current=current)
    assert all(e.candidate_id != "c-a" for sl in closed.lists for e in sl.entries)
    assert any(r["internal"] for r in first.to_records())
    # Without current, nothing changes.
    assert wbamatch.shortlist(cands, packs, k=3) == wbamatch.shortlist(
        cands, packs, k=3, current=[]
    )


def test_tables_and_views_say_who_stays_and_moves_and_count_a_switch_place_apart(
    tmp_path: Any,
) -> None:
    from wbamatch._results import placement_notes

    cands, packs = switch_case()
    result = wbamatch.match(cands, packs, current=[here("c-1", "p-heavy")])
    moved = result.assignment_of("c-1")
    assert moved is not None
    assert placement_notes(moved, "nl") == [
        "stapt over van p-heavy",
        "telt niet mee: een schakelplek, die apart telt",
    ]
    html = result._repr_html_()
    assert "schakelplek" in html and "stapt over van p-heavy" in html
    assert result.to_records()[0]["candidate_id"] == "c-1"
    wbamatch.io.write_results(result, tmp_path / "result.csv")
    assert (tmp_path / "result.csv").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Why the keep bonus is (people who may keep a job) + 1, not a small constant
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("length", [1, 2, 5, 12])
def test_nobody_loses_a_job_even_when_it_would_free_a_long_chain(length: int) -> None:
    """Person 0 holds P0 with nowhere else to go; person i (1..L) holds P_i at score 0 and
    would score 1 on P_(i-1); a newcomer scores 1 on P_L. Dropping person 0 would let all L
    move up and the newcomer in: L + 1 more score. The keep bonus must outweigh that."""
    from wbamatch._assignment import solve_edges
    from wbamatch._compatibility import Edges
    from wbamatch._pipeline._doorstroom import Doorstroom

    n_keep = length + 1
    rows, cols, scores = [0], [0], [0.0]
    for i in range(1, n_keep):
        rows += [i, i]
        cols += [i - 1, i]
        scores += [1.0, 0.0]
    rows, cols, scores = [*rows, n_keep], [*cols, length], [*scores, 1.0]
    edges = Edges(
        np.array(rows),
        np.array(cols),
        np.array(scores),
        np.ones(len(rows), bool),
        np.full(len(rows), -1, np.int16),
        (n_keep + 1, n_keep),
    )
    people = np.arange(n_keep)
    col_of = np.append(people, -1)
    door = Doorstroom(
        rows=people,
        cols=people,
        score=np.zeros(n_keep),
        feasible=np.ones(n_keep, bool),
        breaks=[[] for _ in people],
        heavy=np.zeros(n_keep, bool),
        far_below=np.zeros(n_keep, bool),
        open=np.ones(n_keep, bool),
        keep=np.ones(n_keep, bool),
        edge=edges.positions(people, people),
        may_switch=np.zeros(n_keep, bool),
        threshold=0.1,
        bonus=0.05,
        col_of=col_of,
    )
    offered, weights, scale = door.restrict(edges, np.ones(len(rows), bool), np.zeros(n_keep, bool))
    slots = np.ones(n_keep, dtype=np.int64)
    r, c = edges.rows[offered], edges.cols[offered]
    out = solve_edges(r, c, weights[offered], slots, method="sparse")
    assert set(out.rows.tolist()) >= set(people.tolist()), "someone who may keep a job lost it"
    assert weights.max() <= 1.0 and scale == pytest.approx(n_keep + 1 + 1 + 0.05)
    # A small constant bonus (2) is not enough from a chain of two on.
    small = edges.scores + 2.0
    small[-1] = edges.scores[-1]  # the newcomer has no keep bonus
    small[door.edge] += 0.05
    naive = solve_edges(r, c, small[offered], slots, method="sparse")
    assert (0 in naive.rows.tolist()) == (length < 2)
