"""Pseudonymisation: keyed, stable, consistent across records, reversible only with the mapping."""

from __future__ import annotations

import copy
import hashlib
import hmac
import importlib
import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import wbamatch
from factories import cand_dict, pkg_dict
from strategies import problems
from wbamatch import Candidate, TaskPackage
from wbamatch._pseudonymise import depseudonymise, pseudonymise

# The package exports a function of the same name; the module itself, for monkeypatching.
ps_module = importlib.import_module("wbamatch._pseudonymise")

KEY = b"k" * 32
OTHER = "another key of enough length"
PSEUDONYM = re.compile(r"^ps-[0-9a-f]{16}$")


def test_pseudonym_is_hmac_sha256_of_the_id_and_stable_for_one_key() -> None:
    records = [cand_dict("c-1"), cand_dict("Jan Jansen")]
    first, mapping = pseudonymise(records, KEY)
    again, _ = pseudonymise(records, KEY)
    other, _ = pseudonymise(records, OTHER)
    expected = "ps-" + hmac.new(KEY, b"c-1", hashlib.sha256).hexdigest()[:16]
    assert first[0]["id"] == expected
    assert [r["id"] for r in first] == [r["id"] for r in again]
    assert all(PSEUDONYM.match(r["id"]) for r in first)
    assert {r["id"] for r in first}.isdisjoint({r["id"] for r in other})
    assert mapping == {first[0]["id"]: "c-1", first[1]["id"]: "Jan Jansen"}
    # A str key is its UTF-8 bytes.
    assert pseudonymise(records, KEY.decode())[0] == first


def test_no_original_id_is_left_in_the_json() -> None:
    cands, packs = wbamatch.synthetic(60, 15, seed=2)
    cands = [
        c.model_copy(update={"excluded_packages": [packs[i % 15].id]}) for i, c in enumerate(cands)
    ]
    p_cands, m_c = pseudonymise(cands, KEY)
    p_packs, m_p = pseudonymise(packs, KEY)
    result = wbamatch.match(p_cands, p_packs)
    dump = json.dumps([c.model_dump(mode="json") for c in [*p_cands, *p_packs]])
    dump += result.model_dump_json()
    originals = [c.id for c in cands] + [p.id for p in packs]
    assert not [o for o in originals if o in dump]
    assert len(m_c) == 60 + 15  # own ids plus the package ids they referred to
    assert set(m_p.values()) == {p.id for p in packs}


def test_references_stay_consistent_across_calls_with_one_key() -> None:
    packs = [pkg_dict("p-1"), pkg_dict("p-2")]
    cands = [cand_dict("c-1", excluded_packages=["p-1"]), cand_dict("c-2")]
    p_cands, m_c = pseudonymise(cands, KEY)
    p_packs, m_p = pseudonymise(packs, KEY)
    assert p_cands[0]["excluded_packages"] == [p_packs[0]["id"]]
    mapping = m_c | m_p
    assert mapping[p_packs[0]["id"]] == "p-1"
    # The refusal still holds after pseudonymisation: c-1 never goes to p-1.
    result = wbamatch.match(p_cands, p_packs)
    back = depseudonymise(result, mapping)
    assert ("c-1", "p-1") not in {(a.candidate_id, a.package_id) for a in back.assignments}
    assert {a.candidate_id for a in back.assignments} <= {"c-1", "c-2"}
    # The solver context spoke in pseudonyms: the restored result answers from its reasons.
    assert back.why("c-1").candidate_id == "c-1" and back.why("c-2").candidate_id == "c-2"
    assert result.why(p_cands[0]["id"]).candidate_id == p_cands[0]["id"]  # original untouched


def test_inputs_are_not_mutated_and_models_stay_models() -> None:
    dicts = [cand_dict("c-1", excluded_packages=["p-9"])]
    before = copy.deepcopy(dicts)
    out, _ = pseudonymise(dicts, KEY)
    assert dicts == before
    out[0]["hours"]["min"] = 0  # the copy is deep: the caller's dict stays as it was
    assert dicts == before
    models = [Candidate.model_validate(cand_dict("c-1", excluded_packages=["p-9"]))]
    snapshot = models[0].model_dump()
    m_out, _ = pseudonymise(models, KEY)
    assert models[0].model_dump() == snapshot
    assert isinstance(m_out[0], Candidate) and PSEUDONYM.match(m_out[0].id)
    assert m_out[0].excluded_packages[0] == pseudonymise([{"id": "p-9"}], KEY)[0][0]["id"]
    packs, _ = pseudonymise([TaskPackage.model_validate(pkg_dict())], KEY)
    assert isinstance(packs[0], TaskPackage)


def test_matching_pseudonymised_data_gives_the_same_placements_up_to_renaming() -> None:
    cands, packs = wbamatch.demo_data()
    result = wbamatch.match(cands, packs)
    p_cands, m_c = pseudonymise(cands, KEY)
    p_packs, m_p = pseudonymise(packs, KEY)
    p_result = wbamatch.match(p_cands, p_packs)
    assert p_result.total_score == pytest.approx(result.total_score, abs=1e-12)
    # The demo's scores have no ties among the optimal placements, so the sets agree.
    back = depseudonymise(p_result, m_c | m_p)
    pairs = {(a.candidate_id, a.package_id, round(a.score, 12)) for a in result.assignments}
    assert {(a.candidate_id, a.package_id, round(a.score, 12)) for a in back.assignments} == pairs
    assert sorted(u.candidate_id for u in back.unassigned) == sorted(
        u.candidate_id for u in result.unassigned
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_candidates=6, max_packages=4), st.binary(min_size=16, max_size=40))
def test_every_pair_scores_the_same_under_pseudonyms(
    problem: tuple[list[dict[str, Any]], list[dict[str, Any]]], key: bytes
) -> None:
    cands, packs = problem
    p_cands, m_c = pseudonymise(cands, key)
    p_packs, m_p = pseudonymise(packs, key)
    plain = wbamatch.compatibility(cands, packs)
    hidden = wbamatch.compatibility(p_cands, p_packs)
    by_pair = {
        (m_c[c], m_p[p]): (float(hidden.raw_scores[i, j]), bool(hidden.feasible[i, j]))
        for i, c in enumerate(hidden.candidate_ids)
        for j, p in enumerate(hidden.package_ids)
    }
    for i, c in enumerate(plain.candidate_ids):
        for j, p in enumerate(plain.package_ids):
            assert by_pair[c, p] == (float(plain.raw_scores[i, j]), bool(plain.feasible[i, j]))
    total = wbamatch.match(cands, packs).total_score
    assert wbamatch.match(p_cands, p_packs).total_score == pytest.approx(total, abs=1e-9)


def test_depseudonymise_restores_records_and_other_results() -> None:
    cands = [cand_dict("c-1", excluded_packages=["p-1"]), cand_dict("c-2")]
    packs = [pkg_dict("p-1"), pkg_dict("p-2")]
    p_cands, m_c = pseudonymise(cands, KEY)
    p_packs, m_p = pseudonymise(packs, KEY)
    mapping = m_c | m_p
    assert depseudonymise(p_cands, mapping) == cands
    lists = depseudonymise(wbamatch.shortlist(p_cands, p_packs, k=2), mapping)
    assert {sl.id for sl in lists.lists} == {"p-1", "p-2"}
    assert depseudonymise(("ps-x", "y"), {"ps-x": "c-1"}) == ("c-1", "y")
    with pytest.raises(wbamatch.InputError, match="cannot depseudonymise"):
        depseudonymise(3, mapping)


@pytest.mark.parametrize(
    ("records", "key", "needle"),
    [
        ([cand_dict()], b"short", "at least 16"),
        ([cand_dict()], "", "at least 16"),
        ([cand_dict()], 12345, "bytes or str"),
        ([{"name": "x"}], KEY, "record #0: no field 'id'"),
        ([{"id": 7}], KEY, "record #0, field 'id': expected a non-empty id string"),
        ([{"id": ""}], KEY, "non-empty"),
        ([{"id": "c", "excluded_packages": [1]}], KEY, r"'excluded_packages'\[0\]"),
        ([{"id": "c", "excluded_packages": 5}], KEY, "expected an id or a list"),
        (["c-1"], KEY, "expected a dict or a model"),
        ({"id": "c-1"}, KEY, "must be a list of records"),
    ],
)
def test_bad_input_is_refused_naming_record_and_field(records: Any, key: Any, needle: str) -> None:
    with pytest.raises(wbamatch.InputError, match=needle):
        pseudonymise(records, key)


def test_a_collision_is_detected(monkeypatch: pytest.MonkeyPatch) -> None:
    # With one hex digit there are 16 pseudonyms: 17 ids must collide (pigeonhole).
    monkeypatch.setattr(ps_module, "_HEX_DIGITS", 1)
    with pytest.raises(wbamatch.InputError, match="same pseudonym"):
        pseudonymise([{"id": f"c-{i}"} for i in range(17)], KEY)
    # The same id twice is no collision: it is the same person.
    out, mapping = pseudonymise([{"id": "c-1"}, {"id": "c-1"}], KEY)
    assert out[0] == out[1] and len(mapping) == 1
