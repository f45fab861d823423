"""The audit record: what ran on what; verify() reproduces a stored result."""

from __future__ import annotations

import hashlib
import itertools
import json
from typing import Any

import pytest

import wbamatch
from factories import cand_dict
from wbamatch._canonical import canonical_json
from wbamatch.audit import verify

KEY = "an organisation secret of the ministry"
KEYED = {"audit_key": KEY}


def test_audit_record_has_digests_counts_and_rules_but_no_health_data() -> None:
    cands, packs = wbamatch.demo_data()
    result = wbamatch.match(cands, packs, KEYED)
    audit = result.audit
    assert audit is not None
    assert audit.library_version == wbamatch.__version__
    assert (
        audit.timestamp.utcoffset() is not None and audit.timestamp.utcoffset().total_seconds() == 0
    )
    assert audit.keyed and audit.candidates_digest is not None
    assert len(audit.candidates_digest) == len(audit.packages_digest) == 64
    assert audit.n_candidates == len(cands) and audit.n_assigned == len(result.assignments)
    assert audit.rules["capacity:lifting"] == "hard" and set(audit.weights) == set(
        wbamatch.SCORE_COMPONENTS
    )
    assert audit.solver == result.solver and audit.status == result.status
    keys: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            keys.update(node)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads(audit.model_dump_json()))
    health = {"capacities", "needs", "demands", "home", "max_commute_minutes"}
    assert not keys & health


def test_digests_do_not_depend_on_order_but_on_content() -> None:
    cands, packs = wbamatch.demo_data()
    a = wbamatch.match(cands, packs, KEYED).audit
    b = wbamatch.match(cands[::-1], packs[::-1], KEYED).audit
    assert a is not None and b is not None
    assert (a.candidates_digest, a.packages_digest) == (b.candidates_digest, b.packages_digest)
    changed = [c.model_copy(update={"wants_growth": not c.wants_growth}) for c in cands]
    c = wbamatch.match(changed, packs, KEYED).audit
    assert c is not None and c.candidates_digest != a.candidates_digest


def test_verify_after_a_json_round_trip() -> None:
    cands, packs = wbamatch.demo_data()
    cfg = {
        "min_score": 0.2,
        "pinned": [{"candidate_id": cands[0].id, "package_id": packs[0].id, "override": True}],
    }
    result = wbamatch.match(cands, packs, {**cfg, **KEYED})
    text = result.model_dump_json()
    assert KEY not in text and "audit_key" not in text  # the key is never stored
    stored = wbamatch.MatchResult.model_validate_json(text)
    assert stored == result
    check = verify(stored, list(reversed(cands)), packs, key=KEY)
    assert check.reproduced and check.inputs_match and check.config_matches, check.differences
    assert check.candidates_checked
    with pytest.raises(wbamatch.WbamatchError, match="keyed"):
        verify(stored, cands, packs)
    wrong = verify(stored, cands, packs, key="another secret of sixteen+")
    assert not wrong.reproduced and not wrong.inputs_match


def test_verify_notices_changed_inputs_and_a_tampered_result() -> None:
    cands, packs = wbamatch.demo_data()
    result = wbamatch.match(cands, packs, KEYED)
    check = verify(result, cands[1:], packs, key=KEY)
    assert not check.reproduced and not check.inputs_match
    data = json.loads(result.model_dump_json())
    data["total_score"] += 1.0
    tampered = wbamatch.MatchResult.model_validate(data)
    check = verify(tampered, cands, packs, key=KEY)
    assert not check.reproduced and check.inputs_match
    assert "total_score differs" in check.differences


def test_travel_matrix_is_in_the_record() -> None:
    import numpy as np

    cands = [cand_dict("a"), cand_dict("b")]
    from factories import pkg_dict

    packs = [pkg_dict("p")]
    minutes = np.array([[10.0], [20.0]])
    result = wbamatch.match(cands, packs, travel_minutes=minutes)
    assert result.audit is not None and result.audit.travel_times.startswith("matrix sha256:")
    assert verify(result, cands, packs, travel_minutes=minutes).reproduced
    assert not verify(result, cands, packs, travel_minutes=minutes + 1).reproduced


def test_without_a_key_the_record_holds_no_digest_of_the_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WBAMATCH_AUDIT_KEY", raising=False)
    cands, packs = wbamatch.demo_data()
    result = wbamatch.match(cands, packs)
    assert result.audit is not None
    assert not result.audit.keyed and result.audit.candidates_digest is None
    check = verify(result, cands, packs)
    assert check.reproduced and not check.candidates_checked
    # The rest is still checked: a changed package set or result is noticed.
    assert not verify(result, cands, packs[1:]).reproduced


def test_the_key_can_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    cands, packs = wbamatch.demo_data()
    monkeypatch.setenv("WBAMATCH_AUDIT_KEY", KEY)
    from_env = wbamatch.match(cands, packs).audit
    given = wbamatch.match(cands, packs, KEYED).audit
    assert from_env is not None and given is not None and from_env.keyed
    assert from_env.candidates_digest == given.candidates_digest
    assert verify(wbamatch.match(cands, packs), cands, packs).reproduced
    monkeypatch.setenv("WBAMATCH_AUDIT_KEY", "short")
    with pytest.raises(wbamatch.InputError, match="16 characters"):
        wbamatch.match(cands, packs)


def test_pin_notes_stay_out_of_the_record_unless_asked() -> None:
    cands, packs = wbamatch.demo_data()
    pin = {"candidate_id": "c-001", "package_id": "p-001", "note": "agreed with her buddy"}
    plain = wbamatch.match(cands, packs, {"pinned": [pin]}).audit
    kept = wbamatch.match(cands, packs, {"pinned": [pin], "audit_pin_notes": True}).audit
    assert plain is not None and kept is not None
    assert plain.pins[0].note == "" and "buddy" not in plain.model_dump_json()
    assert kept.pins[0].note == "agreed with her buddy"


DIMS = ("concentration", "work_pace", "customer_contact", "sitting")
NEEDS = ("structure", "fixed_hours", "low_stimulus", "jobcoach", "mentor", "colleague", "office",
         "avoid_rush_hour")  # fmt: skip


def _guesses() -> Any:
    """Every profile of four capacities (0..3) and eight needs (yes/no): 65,536 guesses."""
    for levels in itertools.product(range(4), repeat=len(DIMS)):
        for flags in itertools.product((False, True), repeat=len(NEEDS)):
            yield dict(zip(DIMS, levels, strict=True)), dict(zip(NEEDS, flags, strict=True))


@pytest.mark.parametrize("keyed", [False, True])
def test_a_dictionary_attack_on_a_one_candidate_record_fails(keyed: bool) -> None:
    # The reviewer's attack: everything but the health data is known, and a digest of the one
    # record is in the audit record; trying every profile finds the one that hashes to it.
    capacities = {"concentration": 2, "work_pace": 1, "customer_contact": 3, "sitting": 2}
    needs = dict.fromkeys(NEEDS, False) | {"structure": True, "office": True}
    from factories import pkg_dict

    person = cand_dict("c-1", capacities=capacities, needs=needs)
    record = wbamatch.match([person], [pkg_dict("p-1")], KEYED if keyed else {}).audit
    assert record is not None
    fields = json.loads(record.model_dump_json()).values()
    digests = {v for v in fields if isinstance(v, str) and len(v) == 64}
    base = {k: v for k, v in person.items() if k not in ("capacities", "needs")}
    target = hashlib.sha256(canonical_json([wbamatch.Candidate.model_validate(person)])).hexdigest()
    found = 0
    for caps, flags in _guesses():
        guess = wbamatch.Candidate.model_validate({**base, "capacities": caps, "needs": flags})
        digest = hashlib.sha256(canonical_json([guess])).hexdigest()
        found += digest == target  # the attack would work on an unkeyed digest of the record...
        assert digest not in digests  # ...but the record holds none it can be tested against
    assert found == 1
