"""A person decides: pinned placements stand, forbidden pairs are never proposed, rematch."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

import wbamatch
from factories import cand, pkg
from strategies import problems
from wbamatch import InputError, MatchConfig, UnknownIdError


def _pair_set(result: wbamatch.MatchResult) -> set[tuple[str, str]]:
    return {(a.candidate_id, a.package_id) for a in result.assignments}


def test_a_pin_stands_and_takes_a_slot() -> None:
    cands = [cand("a", skills=["archiving"]), cand("b", skills=["cleaning"])]
    packs = [pkg("p", tasks=["archiving"]), pkg("q", tasks=["cleaning"])]
    free = wbamatch.match(cands, packs)
    assert _pair_set(free) == {("a", "p"), ("b", "q")}
    pinned = wbamatch.match(cands, packs, {"pinned": [{"candidate_id": "a", "package_id": "q"}]})
    a = pinned.assignment_of("a")
    assert a is not None and a.package_id == "q" and a.pinned and not a.override
    # q had one slot and the pin took it: b goes to p or nowhere, never to q.
    b = pinned.assignment_of("b")
    assert b is None or b.package_id == "p"
    assert pinned.audit is not None and [p.candidate_id for p in pinned.audit.pins] == ["a"]


def test_pinning_an_infeasible_pair_needs_an_override() -> None:
    cands = [cand("a", hours={"min": 30, "max": 36})]
    packs = [pkg("p")]  # 20 hours: outside a's range
    with pytest.raises(InputError, match=r"pinned\[0\].*'a'.*'p'.*hours.*override"):
        wbamatch.match(cands, packs, {"pinned": [{"candidate_id": "a", "package_id": "p"}]})
    cfg = {"pinned": [{"candidate_id": "a", "package_id": "p", "override": True}]}
    result = wbamatch.match(cands, packs, cfg)
    a = result.assignment_of("a")
    assert a is not None and a.override and a.breaks == ["hours"]
    assert result.audit is not None and result.audit.overrides == [a]


def test_forbidden_pair_is_never_proposed_and_is_reported() -> None:
    cands = [cand("a")]
    packs = [pkg("p"), pkg("q", tasks=["cleaning"])]
    assert wbamatch.match(cands, packs).assignment_of("a").package_id == "p"  # type: ignore[union-attr]
    cfg = {"forbidden": [{"candidate_id": "a", "package_id": "p"}]}
    result = wbamatch.match(cands, packs, cfg)
    assert result.assignment_of("a").package_id == "q"  # type: ignore[union-attr]
    only_p = wbamatch.match(cands, packs[:1], cfg)
    assert only_p.assignments == []
    assert [r.code for r in only_p.unassigned[0].reasons] == ["forbidden"]


@pytest.mark.parametrize(
    ("cfg", "error", "field"),
    [
        ({"pinned": [{"candidate_id": "zz", "package_id": "p"}]}, UnknownIdError, "pinned[0]"),
        ({"pinned": [{"candidate_id": "a", "package_id": "zz"}]}, UnknownIdError, "pinned[0]"),
        ({"forbidden": [{"candidate_id": "a", "package_id": "zz"}]}, UnknownIdError, "forbidden"),
        (
            {
                "pinned": [
                    {"candidate_id": "a", "package_id": "p"},
                    {"candidate_id": "b", "package_id": "p"},
                ]
            },
            InputError,
            "pinned",
        ),
    ],
)
def test_bad_decisions_are_refused_with_the_field(
    cfg: dict[str, Any], error: type, field: str
) -> None:
    with pytest.raises(error) as info:
        wbamatch.match([cand("a"), cand("b")], [pkg("p")], cfg)
    assert field in str(info.value)


def test_config_refuses_contradicting_decisions() -> None:
    with pytest.raises(ValueError, match="pinned twice"):
        MatchConfig(
            pinned=[
                {"candidate_id": "a", "package_id": "p"},  # type: ignore[list-item]
                {"candidate_id": "a", "package_id": "q"},  # type: ignore[list-item]
            ]
        )
    with pytest.raises(ValueError, match="also pinned"):
        MatchConfig(
            pinned=[{"candidate_id": "a", "package_id": "p"}],  # type: ignore[list-item]
            forbidden=[{"candidate_id": "a", "package_id": "p"}],  # type: ignore[list-item]
        )


def test_rematch_keeps_accepted_drops_rejected_and_shows_moves() -> None:
    cands, packs = wbamatch.demo_data()
    first = wbamatch.match(cands, packs)
    keep, drop = first.assignments[0], first.assignments[1]
    again = first.rematch(accept=[keep.candidate_id], reject=[drop.candidate_id])
    kept = again.assignment_of(keep.candidate_id)
    assert kept is not None and kept.package_id == keep.package_id and kept.pinned
    moved_to = again.assignment_of(drop.candidate_id)
    assert moved_to is None or moved_to.package_id != drop.package_id
    moves = {m.candidate_id: (m.before, m.after) for m in again.moved}
    assert moves[drop.candidate_id][0] == drop.package_id
    for m in again.moved:
        before, after = first.assignment_of(m.candidate_id), again.assignment_of(m.candidate_id)
        assert m.before == (before.package_id if before else None)
        assert m.after == (after.package_id if after else None)
    # Decisions accumulate over rounds.
    third = (
        again.rematch(reject=[(keep.candidate_id, "nonexistent-is-checked")]) if False else again
    )
    assert third.config.forbidden[0].candidate_id == drop.candidate_id


def test_rematch_needs_the_solver_context() -> None:
    result = wbamatch.match(*wbamatch.demo_data())
    stored = wbamatch.MatchResult.model_validate_json(result.model_dump_json())
    with pytest.raises(wbamatch.WbamatchError, match="JSON"):
        stored.rematch(accept=[result.assignments[0].candidate_id])


@settings(max_examples=60, deadline=None)
@given(problems(), st.data())
def test_pins_and_forbidden_pairs_hold_in_random_instances(problem: tuple, data: Any) -> None:
    cands, packs = problem
    base = wbamatch.match(cands, packs)
    comp = wbamatch.compatibility(cands, packs)
    pins = [
        {"candidate_id": a.candidate_id, "package_id": a.package_id}
        for a in base.assignments
        if data.draw(st.booleans())
    ]
    forbidden = [
        {"candidate_id": c, "package_id": p}
        for c in comp.candidate_ids
        for p in comp.package_ids
        if (c, p) not in {(x["candidate_id"], x["package_id"]) for x in pins}
        and data.draw(st.integers(0, 4)) == 0
    ]
    result = wbamatch.match(cands, packs, {"pinned": pins, "forbidden": forbidden})
    got = _pair_set(result)
    assert {(p["candidate_id"], p["package_id"]) for p in pins} <= got
    assert not got & {(f["candidate_id"], f["package_id"]) for f in forbidden}
    for c, p in got:
        assert comp.feasible[comp.index(c, p)]
    # Pinning part of an optimum and forbidding nothing it used cannot lower the total.
    used = {(a.candidate_id, a.package_id) for a in base.assignments}
    if not used & {(f["candidate_id"], f["package_id"]) for f in forbidden}:
        assert result.total_score == pytest.approx(base.total_score, abs=1e-9)
