"""The dual certificate of every solver route (wbamatch._assignment._duals, _flow, _pruned)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

import wbamatch._assignment._edges as edges_module
from brute import brute_force_total
from wbamatch import Limits
from wbamatch._assignment import AssignmentOutcome, solve_edges
from wbamatch._assignment._duals import dual_prices
from wbamatch._assignment._flow import flow_available

needs_flow = pytest.mark.skipif(not flow_available(), reason="OR-Tools not installed")

#: Every route, and auto forced through pruning with tiny lists (so widening happens).
ROUTES: list[tuple[str, Limits]] = [
    ("dense", Limits()),
    ("sparse", Limits()),
    ("components", Limits()),
    ("auto", Limits()),
    ("auto", Limits(dense_cells=0, prune_above=0, prune_keep_per_slot=0, prune_keep_extra=1)),
]
if flow_available():
    ROUTES.append(("flow", Limits()))


@st.composite
def instances(draw: st.DrawFn, max_n: int = 7, max_m: int = 4) -> tuple:
    n = draw(st.integers(1, max_n))
    m = draw(st.integers(1, max_m))
    # Few distinct values, and values a hair apart: ties and near-ties are where integer costs
    # and dual iterations go wrong.
    values = [0.0, 0.1, 0.5, 0.5 + 1e-10, 0.5 + 3e-9, 0.9, 1.0 - 1e-11, 1.0]
    scores = draw(arrays(np.float64, (n, m), elements=st.sampled_from(values)))
    eligible = draw(arrays(np.bool_, (n, m)))
    slots = draw(arrays(np.int64, (m,), elements=st.integers(0, 3)))
    return scores, eligible, slots


def assert_certificate(
    out: AssignmentOutcome,
    rows: np.ndarray,
    cols: np.ndarray,
    scores: np.ndarray,
    slots: np.ndarray,
) -> None:
    """u, v >= 0; u + v >= score on every given pair; dual total = primal total."""
    assert out.duals is not None
    u = np.zeros(max(int(rows.max(initial=-1)) + 1, out.duals.rows.size))
    u[: out.duals.rows.size] = out.duals.rows
    v = out.duals.cols
    assert v.size == slots.size
    assert (u >= 0).all() and (v >= 0).all()
    assert (u[rows] + v[cols] >= scores - 1e-9).all()
    assert out.duals.total(slots) == pytest.approx(out.total, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(instances(), st.sampled_from(range(len(ROUTES))))
def test_every_route_is_optimal_with_a_valid_certificate(inst: tuple, route: int) -> None:
    scores, eligible, slots = inst
    method, limits = ROUTES[route]
    r, c = np.nonzero(eligible)
    out = solve_edges(r, c, scores[r, c], slots, method=method, limits=limits)
    assert out.total == pytest.approx(brute_force_total(scores, eligible, slots), abs=1e-9)
    assert eligible[out.rows, out.cols].all()
    assert (np.bincount(out.cols, minlength=slots.size) <= slots).all()
    assert_certificate(out, r, c, scores[r, c], slots)


@needs_flow
def test_integer_costs_keep_the_float_optimum_on_near_ties() -> None:
    # 0.5 + 1e-10 beats 0.5 by less than most integer scalings can tell; the flow must still
    # take it, and agree with the exact float route.
    rng = np.random.default_rng(7)
    base = rng.choice([0.3, 0.5, 0.7], size=(60, 12))
    scores = base + rng.integers(0, 3, size=base.shape) * 1e-10
    r, c = np.nonzero(np.ones_like(scores, dtype=bool))
    slots = rng.integers(1, 4, 12).astype(np.int64)
    flow = solve_edges(r, c, scores[r, c], slots, method="flow")
    exact = solve_edges(r, c, scores[r, c], slots, method="dense")
    assert flow.total == pytest.approx(exact.total, abs=1e-12)
    assert_certificate(flow, r, c, scores[r, c], slots)


@needs_flow
def test_a_flow_answer_without_certificate_is_solved_again_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A flow that places nobody: no duals exist for that answer, so the route falls back to the
    # exact scipy route instead of returning it.
    scores = np.array([[0.9, 0.2], [0.8, 0.7]])
    r, c = np.nonzero(np.ones_like(scores, dtype=bool))
    monkeypatch.setattr(edges_module, "solve_flow", lambda *a: np.empty(0, dtype=np.intp))
    out = solve_edges(r, c, scores[r, c], np.array([1, 1]), method="flow")
    assert out.total == pytest.approx(1.6)
    assert "components" in out.solver


def test_without_ortools_auto_takes_the_scipy_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(edges_module, "flow_available", lambda: False)
    rng = np.random.default_rng(2)
    eligible = rng.random((400, 30)) < 0.4
    scores = rng.random((400, 30)).round(3)
    slots = rng.integers(1, 4, 30).astype(np.int64)
    r, c = np.nonzero(eligible)
    out = solve_edges(r, c, scores[r, c], slots, limits=Limits(dense_cells=0, prune_above=0))
    assert "min_cost_flow" not in out.solver
    assert out.total == pytest.approx(
        solve_edges(r, c, scores[r, c], slots, method="dense").total, abs=1e-9
    )
    assert_certificate(out, r, c, scores[r, c], slots)
    with pytest.raises(Exception, match="OR-Tools"):
        solve_edges(r, c, scores[r, c], slots, method="flow")


def test_no_duals_for_an_assignment_that_is_not_optimal() -> None:
    # Two candidates, one slot: placing the weaker one cannot be certified.
    rows, cols, scores = np.array([0, 1]), np.array([0, 0]), np.array([0.9, 0.5])
    assert dual_prices(rows, cols, scores, np.array([1]), np.array([1]), n_rows=2) is None
    # Leaving a free slot beside a placeable candidate neither.
    assert dual_prices(rows, cols, scores, np.array([2]), np.array([0]), n_rows=2) is None
    good = dual_prices(rows, cols, scores, np.array([1]), np.array([0]), n_rows=2)
    assert good is not None and good.total(np.array([1])) == pytest.approx(0.9)


def test_packages_without_slots_are_priced_to_cover_their_pairs() -> None:
    rows, cols, scores = np.array([0, 0, 1]), np.array([0, 1, 1]), np.array([0.4, 0.8, 0.6])
    out = solve_edges(rows, cols, scores, np.array([1, 0]))
    assert out.total == pytest.approx(0.4)
    assert_certificate(out, rows, cols, scores, np.array([1, 0]))


def test_pruning_is_bounded_and_falls_back_to_all_pairs() -> None:
    # One round with one pair per package cannot be proven here; the solve goes on with all
    # pairs instead of widening further.
    rng = np.random.default_rng(11)
    eligible = rng.random((200, 10)) < 0.8
    scores = rng.random((200, 10)).round(2)
    slots = np.full(10, 3, dtype=np.int64)
    r, c = np.nonzero(eligible)
    tight = Limits(
        dense_cells=0, prune_above=0, prune_keep_per_slot=0, prune_keep_extra=1, prune_rounds=1
    )
    out = solve_edges(r, c, scores[r, c], slots, limits=tight)
    assert not out.solver.startswith("pruned")
    exact = solve_edges(r, c, scores[r, c], slots, method="dense")
    assert out.total == pytest.approx(exact.total, abs=1e-9)
    assert_certificate(out, r, c, scores[r, c], slots)
    widened = solve_edges(r, c, scores[r, c], slots, limits=Limits(dense_cells=0, prune_above=0))
    assert widened.solver.startswith("pruned:")
