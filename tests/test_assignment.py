"""The assignment core on plain arrays: optimality, feasibility, slots, orientation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from brute import brute_force_total
from test_duals import assert_certificate
from wbamatch import Limits
from wbamatch._assignment import SolverStatus, _solve_by_component, solve, solve_edges


@st.composite
def instances(draw: st.DrawFn, max_n: int = 6, max_m: int = 4) -> tuple:
    n = draw(st.integers(1, max_n))
    m = draw(st.integers(1, max_m))
    # Few distinct values so ties are common: ties are where solvers go wrong.
    scores = draw(
        arrays(np.float64, (n, m), elements=st.sampled_from([0.0, 0.1, 0.5, 0.5, 0.9, 1.0]))
    )
    eligible = draw(arrays(np.bool_, (n, m)))
    slots = draw(arrays(np.int64, (m,), elements=st.integers(0, 3)))
    return scores, eligible, slots


@settings(max_examples=300, deadline=None)
@given(instances())
def test_total_equals_brute_force(inst: tuple) -> None:
    scores, eligible, slots = inst
    out = solve(scores, eligible, slots)
    assert abs(out.total - brute_force_total(scores, eligible, slots)) < 1e-9


@settings(max_examples=300, deadline=None)
@given(instances(max_n=8, max_m=5))
def test_never_ineligible_never_over_capacity(inst: tuple) -> None:
    scores, eligible, slots = inst
    out = solve(scores, eligible, slots)
    assert eligible[out.rows, out.cols].all()
    assert len(set(out.rows.tolist())) == len(out.rows)
    assert (np.bincount(out.cols, minlength=len(slots)) <= slots).all()
    assert abs(out.total - scores[out.rows, out.cols].sum()) < 1e-9


def test_nothing_eligible_is_a_status_not_an_error() -> None:
    out = solve(np.ones((3, 2)), np.zeros((3, 2), bool), np.array([1, 1]))
    assert out.status is SolverStatus.NO_ELIGIBLE_PAIRS
    assert out.rows.size == 0 and out.total == 0.0


def test_more_slots_than_candidates_and_the_reverse() -> None:
    rng = np.random.default_rng(1)
    for n, m, s in [(3, 2, 5), (10, 2, 1), (1, 1, 1), (7, 7, 2)]:
        scores = rng.random((n, m))
        eligible = rng.random((n, m)) < 0.7
        slots = np.full(m, s)
        out = solve(scores, eligible, slots)
        if n <= 8:
            assert abs(out.total - brute_force_total(scores, eligible, slots)) < 1e-9


def test_does_not_mutate_inputs() -> None:
    scores = np.array([[0.2, 0.9], [0.4, 0.3]])
    eligible = np.array([[True, False], [True, True]])
    slots = np.array([1, 1])
    copies = scores.copy(), eligible.copy(), slots.copy()
    solve(scores, eligible, slots)
    for a, b in zip((scores, eligible, slots), copies, strict=True):
        np.testing.assert_array_equal(a, b)


def test_forbidden_high_score_is_not_taken() -> None:
    scores = np.array([[1.0, 0.1]])
    eligible = np.array([[False, True]])
    out = solve(scores, eligible, np.array([1, 1]))
    assert out.cols.tolist() == [1]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 12))
def test_components_path_equals_the_dense_optimum(seed: int, groups: int) -> None:
    # Several independent regions: the component split must give the dense optimum exactly.
    rng = np.random.default_rng(seed)
    rows, cols = [], []
    for g in range(groups):
        r = rng.integers(0, 6, 10) + 6 * g
        c = rng.integers(0, 3, 10) + 3 * g
        rows.append(r)
        cols.append(c)
    pairs = np.unique(np.column_stack([np.concatenate(rows), np.concatenate(cols)]), axis=0)
    r, c = pairs[:, 0].astype(np.intp), pairs[:, 1].astype(np.intp)
    scores = rng.random(r.size).round(2)
    slots = rng.integers(0, 3, 3 * groups)
    dense = solve_edges(r, c, scores, slots, method="dense")
    split = _solve_by_component(r, c, scores, slots.astype(np.int64))
    assert split.total == pytest.approx(dense.total, abs=1e-9)
    assert split.solver.startswith("components:")
    assert np.bincount(split.rows).max(initial=0) <= 1
    assert (np.bincount(split.cols, minlength=slots.size) <= slots).all()
    keys = set(zip(r.tolist(), c.tolist(), strict=True))
    assert all(pair in keys for pair in zip(split.rows.tolist(), split.cols.tolist(), strict=True))


@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, 10_000),
    st.integers(1, 40),
    st.integers(1, 8),
    st.sampled_from([(0, 1), (1, 1), (2, 3)]),
)
def test_pruned_solve_proves_the_optimum_of_all_pairs(
    seed: int, n: int, m: int, keep: tuple[int, int]
) -> None:
    # Many candidates per package and coarse scores (ties): the restricted problem on each
    # package's best few must widen until its duals cover every pair.
    rng = np.random.default_rng(seed)
    eligible = rng.random((n, m)) < 0.6
    scores = rng.choice([0.1, 0.4, 0.5, 0.9, 1.0], size=(n, m))
    slots = rng.integers(0, 4, m).astype(np.int64)
    r, c = np.nonzero(eligible & (slots > 0))
    if r.size == 0:
        return
    dense = solve(scores, eligible, slots)
    # prune_share 1 and rounds enough: never fall back, the proof must carry every case.
    limits = Limits(
        dense_cells=0,
        prune_above=0,
        prune_keep_per_slot=keep[0],
        prune_keep_extra=keep[1],
        prune_share=1.0,
        prune_rounds=64,
    )
    out = solve_edges(r, c, scores[r, c], slots, limits=limits)
    assert out.solver.startswith("pruned:")
    assert out.total == pytest.approx(dense.total, abs=1e-9)
    assert eligible[out.rows, out.cols].all()
    assert np.bincount(out.rows).max(initial=0) <= 1
    assert (np.bincount(out.cols, minlength=m) <= slots).all()
    assert_certificate(out, r, c, scores[r, c], slots)


def test_auto_takes_the_pruned_path_above_its_threshold() -> None:
    rng = np.random.default_rng(3)
    eligible = rng.random((300, 20)) < 0.5
    scores = rng.random((300, 20)).round(3)
    slots = rng.integers(1, 3, 20).astype(np.int64)
    r, c = np.nonzero(eligible)
    plain = solve_edges(r, c, scores[r, c], slots, limits=Limits(dense_cells=0))
    pruned = solve_edges(r, c, scores[r, c], slots, limits=Limits(dense_cells=0, prune_above=0))
    assert not plain.solver.startswith("pruned")  # min-cost flow, or components without it
    assert pruned.solver.startswith("pruned:")
    assert pruned.total == pytest.approx(plain.total, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000))
def test_edge_order_does_not_matter(seed: int) -> None:
    # Collected edges come sorted by row and column, and the solvers use that to skip sorts;
    # edges in any other order must give the same optimum.
    rng = np.random.default_rng(seed)
    eligible = rng.random((12, 5)) < 0.5
    scores = rng.choice([0.2, 0.5, 0.9], size=(12, 5))
    slots = rng.integers(1, 3, 5).astype(np.int64)
    r, c = np.nonzero(eligible)
    if r.size == 0:
        return
    shuffled = rng.permutation(r.size)
    for method in ("sparse", "components"):
        a = solve_edges(r, c, scores[r, c], slots, method=method)
        b = solve_edges(r[shuffled], c[shuffled], scores[r, c][shuffled], slots, method=method)
        assert a.total == pytest.approx(b.total, abs=1e-9)
        assert eligible[b.rows, b.cols].all()
