"""The block-wise edge list agrees with the dense compatibility arrays, whatever shortcut it takes.

``collect_edges`` decides the rules that need no travel time first, asks for travel times only
where those pass, and tests capacity with packed bitsets; ``build_compatibility`` evaluates every
rule on every pair. Both must give the same feasible pairs and the same scores.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import wbamatch
from strategies import configs, problems
from wbamatch._commute import EstimatedTravelTime
from wbamatch._compatibility import build_compatibility, collect_edges, hard_reason_counts
from wbamatch._constraints import BIT, PairContext, code_mask
from wbamatch._limits import Limits
from wbamatch._pipeline import prepare
from wbamatch._vocabulary import TravelMode
from wbamatch.rules import REASON_CODES, REGISTRY
from wbamatch.rules._capacity import capacity, capacity_packed


@contextmanager
def travel_rules_without_pairs_forms() -> Iterator[None]:
    """The registry with the travel rules' pairs forms taken away (as a rule added without
    one), so the pipeline takes its route over whole blocks."""
    saved = dict(REGISTRY._rules)
    for name, rule in saved.items():
        REGISTRY._rules[name] = replace(rule, pairs=None)
    REGISTRY._derived = None
    try:
        yield
    finally:
        REGISTRY._rules.update(saved)
        REGISTRY._derived = None


@settings(max_examples=150, deadline=None)
@given(
    problems(max_candidates=7, max_packages=5),
    configs(),
    st.integers(1, 40),
    st.booleans(),
    st.booleans(),
)
def test_edges_equal_the_dense_arrays(
    problem: tuple, cfg: dict[str, Any], block: int, one_pass: bool, pairs_forms: bool
) -> None:
    # Travel times everywhere in one pass, or block by block only where no other rule objects
    # (the travel rules on those pairs alone with their pairs forms, else on the whole block);
    # the reason counts of the one pass equal the dense reason field (block by block they are
    # left to hard_reason_counts, tested below).
    cands, packs = problem
    prob = prepare(cands, packs, cfg, None)
    dense = build_compatibility(prob.cand, prob.pkg, prob.minutes_for(slice(None)), prob.config)
    limits = Limits(small_pairs=10**6 if one_pass else 0, pairs_per_block=block)
    with nullcontext() if pairs_forms else travel_rules_without_pairs_forms():
        edges = collect_edges(
            prob.cand,
            prob.pkg,
            prob.minutes_for,
            prob.config,
            reason_counts=True,
            limits=limits,
        )
    got = np.zeros(dense.feasible.shape, dtype=bool)
    got[edges.rows, edges.cols] = True
    assert (got == dense.feasible).all()
    assert np.allclose(edges.scores, dense.scores[edges.rows, edges.cols], rtol=0, atol=1e-12)
    if not one_pass:
        assert edges.reason_counts is None
        return
    hard = code_mask(prob.config, "hard")
    assert edges.reason_counts is not None
    for c, code in enumerate(REGISTRY.codes):
        expected = ((dense.violations & hard & BIT[code]) != 0).sum(axis=1)
        assert edges.reason_counts[:, c].tolist() == expected.tolist(), code


@pytest.mark.parametrize("pairs_forms", [True, False])
def test_travel_rules_on_listed_pairs_or_whole_blocks_give_the_dense_edges(
    pairs_forms: bool,
) -> None:
    # Realistic data, where many pairs pass every rule but a travel rule (the hypothesis
    # problems above rarely have one), block by block.
    prob = prepare(*wbamatch.synthetic(200, 50, seed=1), {"rules": {"mentor": "penalty"}}, None)
    dense = build_compatibility(prob.cand, prob.pkg, prob.minutes_for(slice(None)), prob.config)
    travel = np.uint64(sum(int(BIT[c]) for r in REGISTRY.travel for c in r.codes))
    assert ((dense.violations != 0) & ((dense.violations & ~travel) == 0)).sum() > 500
    with nullcontext() if pairs_forms else travel_rules_without_pairs_forms():
        edges = collect_edges(
            prob.cand, prob.pkg, prob.minutes_for, prob.config, limits=Limits(small_pairs=0)
        )
    got = np.zeros(dense.feasible.shape, dtype=bool)
    got[edges.rows, edges.cols] = True
    assert (got == dense.feasible).all()
    assert np.allclose(edges.scores, dense.scores[edges.rows, edges.cols], rtol=0, atol=1e-12)


@settings(max_examples=100, deadline=None)
@given(problems(max_candidates=8, max_packages=9))
def test_packed_capacity_equals_the_per_dimension_masks(problem: tuple) -> None:
    prob = prepare(*problem, None, None)
    ctx = PairContext(minutes=prob.minutes_for(slice(None)), config=prob.config)
    expected = np.zeros((len(prob.cand), len(prob.pkg)), dtype=bool)
    for mask in capacity(prob.cand, prob.pkg, ctx).values():
        expected |= mask
    n, m = expected.shape
    packed = np.zeros((n, (m + 7) // 8), dtype=np.uint8)
    capacity_packed(prob.cand, prob.pkg, ctx, packed)
    assert (np.unpackbits(packed, axis=1, count=m).view(bool) == expected).all()


def test_minutes_where_equals_the_dense_minutes_bit_for_bit() -> None:
    rng = np.random.default_rng(5)
    homes = np.column_stack([rng.uniform(50.8, 53.4, 300), rng.uniform(3.4, 7.2, 300)])
    homes[7] = np.nan
    work = np.column_stack([rng.uniform(50.8, 53.4, 40), rng.uniform(3.4, 7.2, 40)])
    modes = rng.choice(["bike", "car", "public_transport", "walk"], 300).tolist()
    where = rng.random((300, 40)) < 0.3
    est = EstimatedTravelTime()
    dense = est.minutes(homes, work, modes)
    sparse = est.minutes_where(homes, work, modes, where)
    assert np.array_equal(sparse[where], dense[where], equal_nan=True)
    assert np.isnan(sparse[~where]).all()


@settings(max_examples=150, deadline=None)
@given(
    problems(max_candidates=7, max_packages=5),
    configs(),
    st.integers(1, 30),
    st.booleans(),
    st.randoms(use_true_random=False),
)
def test_reason_counts_equal_the_dense_reason_field(
    problem: tuple, cfg: dict[str, Any], block: int, use_reach: bool, rnd: Any
) -> None:
    # With and without the KD-tree bound on commutes, on any subset of rows in any order.
    prob = prepare(*problem, cfg, None)
    dense = build_compatibility(prob.cand, prob.pkg, prob.minutes_for(slice(None)), prob.config)
    rows = np.arange(len(prob.cand))
    rnd.shuffle(rows)
    rows = rows[: rnd.randint(0, rows.size)]
    counts = hard_reason_counts(
        prob.cand,
        prob.pkg,
        prob.minutes_for,
        prob.config,
        rows,
        REASON_CODES,
        limits=Limits(pairs_per_block=block),
        reach_for=prob.reach_for if use_reach else None,
    )
    hard = code_mask(prob.config, "hard")
    for k, i in enumerate(rows.tolist()):
        for c, code in enumerate(REASON_CODES):
            expected = int(((dense.violations[i] & hard & BIT[code]) != 0).sum())
            assert counts[k, c] == expected


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.floats(50.5, 53.5), st.floats(3.3, 7.2)), min_size=1, max_size=12),
    st.lists(st.tuples(st.floats(50.5, 53.5), st.floats(3.3, 7.2)), min_size=1, max_size=12),
    st.data(),
)
def test_reachable_holds_every_pair_within_the_limit(
    homes: list[tuple[float, float]], work: list[tuple[float, float]], data: st.DataObject
) -> None:
    est = EstimatedTravelTime()
    modes = data.draw(
        st.lists(st.sampled_from(list(TravelMode)), min_size=len(homes), max_size=len(homes))
    )
    limits = np.array(
        data.draw(
            st.lists(
                st.sampled_from([0.0, 1.0, 10.0, 30.0, 45.0, 90.0, 1e5, np.inf]),
                min_size=len(homes),
                max_size=len(homes),
            )
        )
    )
    h, w = np.array(homes), np.array(work)
    h[0] = np.nan  # an unknown home is never reachable
    minutes = est.minutes(h, w, modes)
    # Limits exactly at some pair's minutes: the boundary is where rounding would bite.
    limits[1:] = np.where(limits[1:] == 1.0, minutes[1:, 0], limits[1:])
    reach = est.reachable(h, w, modes, limits)
    assert not reach[0].any()
    assert reach[minutes <= limits[:, None]].all()


@settings(max_examples=150, deadline=None)
@given(problems(max_candidates=9, max_packages=11), configs(), st.booleans())
def test_feasibility_by_distinct_values_equals_evaluate(
    problem: tuple, cfg: dict[str, Any], place_free_only: bool
) -> None:
    from wbamatch._constraints import evaluate, evaluate_feasible

    prob = prepare(*problem, cfg, None)
    ctx = PairContext(minutes=prob.minutes_for(slice(None)), config=prob.config)
    rules = REGISTRY.place_free if place_free_only else tuple(REGISTRY)
    want = evaluate(prob.cand, prob.pkg, ctx, rules=rules)
    got = evaluate_feasible(prob.cand, prob.pkg, ctx, rules=rules)
    assert np.array_equal(got.feasible, want.feasible)
    assert np.array_equal(got.n_penalties, want.n_penalties)
