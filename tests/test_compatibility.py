"""The block-wise edge list agrees with the dense compatibility arrays, whatever shortcut it takes.

``collect_edges`` decides the rules that need no travel time first, asks for travel times only
where those pass, and tests capacity with packed bitsets; ``build_compatibility`` evaluates every
rule on every pair. Both must give the same feasible pairs and the same scores.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import configs, problems
from wbamatch.api import prepare
from wbamatch.commute import EstimatedTravelTime
from wbamatch.compatibility import build_compatibility, collect_edges, hard_reason_counts
from wbamatch.constraints import BIT, PairContext, capacity, capacity_any, code_mask
from wbamatch.vocabulary import REASON_CODES


@settings(max_examples=150, deadline=None)
@given(problems(max_candidates=7, max_packages=5), configs(), st.integers(1, 40))
def test_edges_equal_the_dense_arrays(problem: tuple, cfg: dict[str, Any], block: int) -> None:
    cands, packs = problem
    prob = prepare(cands, packs, cfg, None)
    dense = build_compatibility(prob.cand, prob.pkg, prob.minutes_for(slice(None)), prob.config)
    edges = collect_edges(prob.cand, prob.pkg, prob.minutes_for, prob.config, pairs_per_block=block)
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
    assert (capacity_any(prob.cand, prob.pkg) == expected).all()


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


@settings(max_examples=80, deadline=None)
@given(problems(max_candidates=7, max_packages=5), configs(), st.integers(1, 30))
def test_reason_counts_equal_the_dense_reason_field(
    problem: tuple, cfg: dict[str, Any], block: int
) -> None:
    prob = prepare(*problem, cfg, None)
    dense = build_compatibility(prob.cand, prob.pkg, prob.minutes_for(slice(None)), prob.config)
    rows = np.arange(len(prob.cand))[::-1].copy()
    counts = hard_reason_counts(
        prob.cand,
        prob.pkg,
        prob.minutes_for,
        prob.config,
        rows,
        REASON_CODES,
        pairs_per_block=block,
    )
    hard = code_mask(prob.config, "hard")
    for k, i in enumerate(rows.tolist()):
        for c, code in enumerate(REASON_CODES):
            expected = int(((dense.violations[i] & hard & BIT[code]) != 0).sum())
            assert counts[k, c] == expected
