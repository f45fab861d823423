"""The audit record: what ran on what; verify() reproduces a stored result."""

from __future__ import annotations

import json

import wbamatch
from factories import cand_dict
from wbamatch.audit import verify


def test_audit_record_has_digests_counts_and_rules_but_no_health_data() -> None:
    cands, packs = wbamatch.demo_data()
    result = wbamatch.match(cands, packs)
    audit = result.audit
    assert audit is not None
    assert audit.library_version == wbamatch.__version__
    assert (
        audit.timestamp.utcoffset() is not None and audit.timestamp.utcoffset().total_seconds() == 0
    )
    assert len(audit.candidates_sha256) == len(audit.packages_sha256) == 64
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
    a = wbamatch.match(cands, packs).audit
    b = wbamatch.match(cands[::-1], packs[::-1]).audit
    assert a is not None and b is not None
    assert (a.candidates_sha256, a.packages_sha256) == (b.candidates_sha256, b.packages_sha256)
    changed = [c.model_copy(update={"wants_growth": not c.wants_growth}) for c in cands]
    c = wbamatch.match(changed, packs).audit
    assert c is not None and c.candidates_sha256 != a.candidates_sha256


def test_verify_after_a_json_round_trip() -> None:
    cands, packs = wbamatch.demo_data()
    cfg = {
        "min_score": 0.2,
        "pinned": [{"candidate_id": cands[0].id, "package_id": packs[0].id, "override": True}],
    }
    result = wbamatch.match(cands, packs, cfg)
    stored = wbamatch.MatchResult.model_validate_json(result.model_dump_json())
    assert stored == result
    check = verify(stored, list(reversed(cands)), packs)
    assert check.reproduced and check.inputs_match and check.config_matches, check.differences


def test_verify_notices_changed_inputs_and_a_tampered_result() -> None:
    cands, packs = wbamatch.demo_data()
    result = wbamatch.match(cands, packs)
    check = verify(result, cands[1:], packs)
    assert not check.reproduced and not check.inputs_match
    data = json.loads(result.model_dump_json())
    data["total_score"] += 1.0
    tampered = wbamatch.MatchResult.model_validate(data)
    check = verify(tampered, cands, packs)
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
