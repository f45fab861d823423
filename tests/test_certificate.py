"""Every MatchResult's certificate, and its checks (wbamatch._results._certificate,
wbamatch._pipeline._certify, wbamatch.check_certificate, audit.verify without solving)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings

import wbamatch
from strategies import configs, problems
from wbamatch.audit import verify


def offered_pairs(
    cands: list, packs: list, config: wbamatch.MatchConfig
) -> tuple[list[str], list[str], np.ndarray]:
    """Every pair the solver may use, listed independently of the pipeline: from the dense
    compatibility, minus pinned people and forbidden pairs."""
    comp = wbamatch.compatibility(cands, packs, config)
    pinned = {p.candidate_id for p in config.pinned}
    banned = {(f.candidate_id, f.package_id) for f in config.forbidden}
    rows, cols = np.nonzero(comp.feasible & (comp.scores >= config.min_score))
    keep = [
        k
        for k, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True))
        if comp.candidate_ids[i] not in pinned
        and (comp.candidate_ids[i], comp.package_ids[j]) not in banned
    ]
    return (
        [comp.candidate_ids[rows[k]] for k in keep],
        [comp.package_ids[cols[k]] for k in keep],
        comp.scores[rows[keep], cols[keep]],
    )


@settings(max_examples=60, deadline=None)
@given(problems(max_candidates=8, max_packages=5), configs())
def test_every_result_carries_a_valid_certificate(problem: tuple, cfg: dict[str, Any]) -> None:
    cands, packs = problem
    result = wbamatch.match(cands, packs, cfg)
    cert = result.certificate
    assert cert is not None and cert.gap == 0.0
    assert min([*cert.candidate_dual.values(), *cert.package_dual.values()]) >= 0
    assert cert.primal_total == pytest.approx(result.total_score, abs=1e-9)
    assert wbamatch.check_certificate(result, cands, packs).valid
    check = cert.check(*offered_pairs(cands, packs, result.config))
    assert check.valid and check.placements_match is None


def test_pins_and_forbidden_pairs_stay_outside_the_proof() -> None:
    cands, packs = wbamatch.synthetic(60, 15, seed=4)
    free = wbamatch.match(cands, packs)
    first, second = free.assignments[0], free.assignments[1]
    config = wbamatch.MatchConfig(
        pinned=[{"candidate_id": first.candidate_id, "package_id": first.package_id}],
        forbidden=[{"candidate_id": second.candidate_id, "package_id": second.package_id}],
    )
    result = wbamatch.match(cands, packs, config)
    cert = result.certificate
    assert cert is not None
    pinned_score = next(a.score for a in result.assignments if a.pinned)
    assert cert.primal_total == pytest.approx(result.total_score - pinned_score, abs=1e-9)
    assert (
        cert.slots[first.package_id] == next(p.slots for p in packs if p.id == first.package_id) - 1
    )
    assert wbamatch.check_certificate(result, cands, packs).valid
    assert cert.check(*offered_pairs(cands, packs, config)).valid


def test_a_tampered_certificate_or_result_fails_the_check() -> None:
    cands, packs = wbamatch.synthetic(80, 20, seed=5)
    result = wbamatch.match(cands, packs)
    cert = result.certificate
    assert cert is not None
    priced = max(cert.package_dual, key=lambda p: cert.package_dual[p])
    assert cert.package_dual[priced] > 0
    cheaper = {**cert.package_dual, priced: 0.0}
    # The dual total no longer adds up, and pairs of that package go uncovered.
    bad = result.model_copy(
        update={"certificate": cert.model_copy(update={"package_dual": cheaper})}
    )
    check = wbamatch.check_certificate(bad, cands, packs)
    assert not check.valid and not check.dual_total_matches and check.uncovered_pairs > 0
    # A placement that is not the solver's: the placements no longer sum to the proof's total.
    moved = result.assignments[0].model_copy(update={"score": result.assignments[0].score / 2})
    worse = result.model_copy(update={"assignments": [moved, *result.assignments[1:]]})
    check = wbamatch.check_certificate(worse, cands, packs)
    assert not check.valid and check.placements_match is False


def test_the_certificate_survives_json_and_unknown_ids_are_counted() -> None:
    cands, packs = wbamatch.demo_data()
    result = wbamatch.match(cands, packs)
    again = wbamatch.MatchResult.model_validate_json(result.model_dump_json())
    assert again.certificate == result.certificate
    assert wbamatch.check_certificate(again, cands, packs).valid
    assert again.certificate is not None
    check = again.certificate.check(["c-unknown"], [packs[0].id], [0.5])
    assert check.unknown_ids == 1 and not check.valid
    with pytest.raises(ValueError, match="same length"):
        again.certificate.check(["a"], [], [0.5])


def test_a_result_without_certificate_is_refused_in_words() -> None:
    cands, packs = wbamatch.demo_data()
    old = wbamatch.match(cands, packs).model_copy(update={"certificate": None})
    with pytest.raises(wbamatch.InputError, match="no certificate"):
        wbamatch.check_certificate(old, cands, packs)


def test_verify_can_prove_optimality_without_solving() -> None:
    cands, packs = wbamatch.demo_data()
    result = wbamatch.match(cands, packs)
    found = verify(result, cands, packs, solve=False)
    assert found.reproduced and found.optimal
    moved = result.assignments[0].model_copy(update={"score": 0.01})
    worse = result.model_copy(update={"assignments": [moved, *result.assignments[1:]]})
    found = verify(worse, cands, packs, solve=False)
    assert not found.optimal and not found.reproduced
    assert any("certificate" in d for d in found.differences)
