"""The scale benchmark's comparison functions, on tiny instances: every method finds one total."""

from __future__ import annotations

import argparse
import doctest
import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

import wbamatch
from brute import brute_force_total
from wbamatch import Limits, MatchConfig
from wbamatch._assignment import solve, solve_edges
from wbamatch._compatibility import collect_edges
from wbamatch._pipeline import prepare

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_scale.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_scale", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load()


@pytest.mark.parametrize(
    ("n", "m", "slots", "seed", "config"),
    [
        (90, 12, 20, 3, None),
        (60, 15, None, 7, None),
        (90, 12, 40, 5, MatchConfig(min_score=0.5)),  # baselines must respect min_score too
    ],
)
def test_match_dense_lsa_and_milp_reach_the_same_total(
    n: int, m: int, slots: int | None, seed: int, config: MatchConfig | None
) -> None:
    cands, packs = wbamatch.synthetic(n, m, seed=seed, slots_total=slots)
    out = bench.compare(cands, packs, config, loop_pairs=40)
    total = out["match"]["total"]
    assert total == wbamatch.match(cands, packs, config).total_score
    assert out["match"]["assigned"] > 0  # a real instance, not an empty one
    assert out["dense"]["ran"] and out["milp"]["ran"]
    assert abs(out["dense"]["total"] - total) <= 1e-6
    assert abs(out["milp"]["total"] - total) <= 1e-6
    assert out["milp"]["status"] == "optimal"
    assert out["dense"]["assigned"] == out["milp"]["assigned"] == out["match"]["assigned"]
    assert out["dense"]["agrees"] and out["milp"]["agrees"]


def test_dense_lsa_from_the_edge_list_when_compatibility_would_be_too_big() -> None:
    cands, packs = wbamatch.synthetic(80, 12, seed=4, slots_total=30)
    small = bench.compare(cands, packs, loop_pairs=10)
    big = bench.compare(cands, packs, loop_pairs=10, dense_max_pairs=1)
    assert small["dense"]["source"] == "compatibility()"
    assert big["dense"]["source"] == "the edge list"
    assert big["dense"]["total"] == pytest.approx(small["dense"]["total"], abs=1e-9)
    assert big["dense"]["agrees"] and big["dense"]["feasible_agrees"]
    assert big["match"]["total"] > 0


def test_per_pair_loop_counts_the_same_feasible_pairs_as_compatibility() -> None:
    cands, packs = wbamatch.synthetic(70, 10, seed=11, slots_total=15)
    comp = wbamatch.compatibility(cands, packs)
    pairs = [(i, j) for i in range(len(cands)) for j in range(len(packs))]
    feasible, scores, seconds = bench.per_pair_loop(cands, packs, pairs)
    assert sum(feasible) == int(comp.feasible.sum()) > 0
    # pair by pair, the same decision and score as the dense evaluation (synthetic is id-sorted)
    assert np.array_equal(np.array(feasible).reshape(comp.shape), comp.feasible)
    assert np.allclose(np.array(scores).reshape(comp.shape), comp.scores)
    assert seconds > 0
    small = wbamatch.synthetic(25, 6, seed=11, slots_total=8)
    out = bench.compare(*small, loop_pairs=150)
    assert out["loop"]["complete"] and out["loop"]["agrees"] and out["loop"]["pairs"] == 150
    assert out["loop"]["feasible"] == int(wbamatch.compatibility(*small).feasible.sum())


def test_per_pair_loop_follows_the_order_of_the_inputs() -> None:
    cands, packs = wbamatch.synthetic(40, 8, seed=2, slots_total=10)
    rev_c, rev_p = cands[::-1], packs[::-1]
    out = bench.compare(rev_c, rev_p, loop_pairs=10**9)
    assert out["loop"]["agrees"] and out["dense"]["agrees"] and out["milp"]["agrees"]
    assert out["match"]["total"] == wbamatch.match(cands, packs).total_score


@st.composite
def _arrays(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = draw(st.integers(1, 6))
    m = draw(st.integers(1, 4))
    scores = draw(arrays(np.float64, (n, m), elements=st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0])))
    eligible = draw(arrays(np.bool_, (n, m)))
    slots = draw(arrays(np.int64, (m,), elements=st.integers(0, 3)))
    return scores, eligible, slots


@settings(max_examples=60, deadline=None)
@given(_arrays())
def test_baseline_solvers_are_exact_on_small_arrays(
    inst: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    scores, eligible, slots = inst
    best = brute_force_total(scores, eligible, slots)
    dense, _ = bench.dense_lsa_total(scores, eligible, slots)
    rows, cols = np.nonzero(eligible)
    milp, _, status = bench.milp_total(rows, cols, scores[rows, cols], slots, scores.shape[0])
    flow, _, secs = bench.ortools_all_pairs(rows, cols, scores[rows, cols], slots, scores.shape[0])
    assert abs(dense - best) < 1e-9
    assert abs(milp - best) < 1e-9
    assert abs(flow - best) < 1e-9 and secs >= 0
    assert status in ("optimal", "no eligible pairs")
    assert abs(solve(scores, eligible, slots).total - best) < 1e-9


def _edge_list(n: int, m: int, seed: int = 1) -> tuple[tuple[np.ndarray, ...], float]:
    cands, packs = wbamatch.synthetic(n, m, seed=seed)
    cfg = bench.config_for(n, m)
    problem = prepare(cands, packs, cfg, None)
    edges = collect_edges(problem.cand, problem.pkg, problem.minutes_for, cfg)
    elig = bench._eligible(edges, cfg)
    pairs = (edges.rows[elig], edges.cols[elig], edges.scores[elig], problem.pkg.slots)
    return pairs, wbamatch.match(cands, packs, cfg).total_score


@pytest.mark.parametrize(("n", "m"), [(50, 20), (300, 60)])
def test_solver_table_every_method_finds_match_total(n: int, m: int) -> None:
    (rows, cols, scores, slots), total = _edge_list(n, m)
    out = bench.compare_solvers(rows, cols, scores, slots, n, repeat=2, reference_total=total)
    assert out["pairs"] == rows.size > 0
    for key, _ in bench.SOLVER_METHODS:
        got = out[key]
        assert got["ran"], key
        assert abs(got["total"] - total) <= 1e-6, key
        assert got["runs"] == 2 and got["seconds"] >= 0
        assert got["peak_mb"] >= got["rss_before_mb"] * 0.9 > 0
    assert out["auto_fast"]["assigned"] == out["ortools_all_pairs"]["assigned"]
    assert out["agrees"] and out["ratio"] == pytest.approx(
        out["ortools_all_pairs"]["seconds"] / out["auto_fast"]["seconds"]
    )
    assert out["ortools_all_pairs"]["arcs"] == rows.size + n + m + 1
    # a wrong reference shows up in the agreement column
    assert not bench.compare_solvers(rows, cols, scores, slots, n, reference_total=total + 1)[
        "agrees"
    ]


def test_core_only_keeps_ortools_out_of_solve_edges() -> None:
    (rows, cols, scores, slots), total = _edge_list(300, 60)
    tiny = Limits(dense_cells=0, prune_above=10**9)  # past dense: flow, or components without
    assert bench.flow_in_use()
    fast = solve_edges(rows, cols, scores, slots, limits=tiny)
    with bench.core_only():
        assert not bench.flow_in_use()
        core = solve_edges(rows, cols, scores, slots, limits=tiny)
    assert bench.flow_in_use()
    assert fast.solver == "min_cost_flow" and "min_cost_flow" not in core.solver
    assert abs(fast.total - total) <= 1e-9 and abs(core.total - total) <= 1e-9


def test_solver_table_skips_what_does_not_fit() -> None:
    (rows, cols, scores, slots), _ = _edge_list(50, 20)
    out = bench.compare_solvers(rows, cols, scores, slots, 50, dense_max_cells=1, flow_max_arcs=1)
    assert not out["dense_lsa"]["ran"] and "limit 1 cells" in out["dense_lsa"]["reason"]
    assert (
        not out["ortools_all_pairs"]["ran"] and "limit 1 arcs" in out["ortools_all_pairs"]["reason"]
    )
    assert out["ratio"] is None and out["agrees"]
    with bench.core_only():
        out = bench.compare_solvers(rows, cols, scores, slots, 50)
    assert out["auto_fast"] == {"ran": False, "reason": "OR-Tools not installed"}
    assert not out["ortools_all_pairs"]["ran"] and out["auto_core"]["ran"]


def test_baselines_too_large_are_skipped_with_the_reason() -> None:
    cands, packs = wbamatch.synthetic(30, 6, seed=1, slots_total=8)
    out = bench.compare(cands, packs, loop_pairs=5, dense_max_cells=10, milp_max_pairs=0)
    assert not out["dense"]["ran"] and "GiB" in out["dense"]["reason"]
    assert not out["milp"]["ran"] and "limit 0" in out["milp"]["reason"]
    assert out["loop"]["pairs"] == 5 and not out["loop"]["complete"]
    assert out["loop"]["extrapolated_s"] == pytest.approx(out["loop"]["per_pair_us"] * 180e-6)


def test_instance_row_and_results_markdown() -> None:
    row = bench.run_instance(40, 10, 14, repeat=1, loop_pairs=20)
    assert row["slots"] == 14 and row["match_runs"] == 1
    assert (
        row["total"]
        == wbamatch.match(*wbamatch.synthetic(40, 10, seed=1, slots_total=14)).total_score
    )
    assert row["milp"]["agrees"] and row["loop"]["agrees"] and row["solvers"]["agrees"]
    assert not row["dense"]["ran"] and "solver table" in row["dense"]["reason"]
    assert row["match_peak_mb"] >= row["rss_before_mb"] * 0.9 > 0
    service = bench.run_service(5)
    service["size"] = "50x20"
    with bench.core_only():
        service["core"] = bench.run_service(5)
    text = bench.render([service, row], bench.machine(), None, "test run")
    assert "## Targets" in text and "### 40x10x14" in text and "- test run" in text
    assert "| 50 × 20: one call of match(), with the extra | < 3.0 ms |" in text
    assert "| 50 × 20: one call of match(), core only | < 3.0 ms |" in text
    assert "| baselines agree with match() | all | 2 of 2 | met |" in text
    assert "| solver tables: all totals agree within 1e-06 | all | 1 of 1 | met |" in text
    assert "| with `wbamatch[fast]` | 5 |" in text and "| core only | 5 |" in text
    assert "(service: 5 calls of match() per run)" in text
    failed = {"size": "2000x500x1000", "error": "timed out after 9 s (killed)"}
    assert "not met (timed out after 9 s (killed))" in "\n".join(bench.targets_md([failed], None))


@pytest.mark.parametrize(("n", "m"), [(50, 20), (300, 60)])
def test_rows_with_the_extra_and_core_only_have_the_new_columns(n: int, m: int) -> None:
    fast = bench.run_instance(n, m, None, repeat=2, loop_pairs=10)
    with bench.core_only():
        core = bench.run_instance(n, m, None, repeat=1, baselines=False, solvers=False)
    assert fast["flow"] and not core["flow"] and fast["ortools"]
    assert fast["certificate_gap"] == core["certificate_gap"] == 0.0
    assert abs(fast["total"] - core["total"]) <= 1e-9
    assert "solvers" not in core and "loop" not in core
    table = fast["solvers"]
    assert table["agrees"] and fast["solve_ratio"] == table["ratio"] > 0
    assert all(table[key]["ran"] for key, _ in bench.SOLVER_METHODS)
    assert table["pairs"] == fast["eligible_pairs"]
    for key in ("prepare_s", "edges_s", "assign_s", "result_s", "match_peak_mb"):
        assert fast[key] >= 0 and core[key] >= 0
    fast["core"] = core
    text = "\n".join(bench._instance_md(fast))
    assert f"### {n}x{m} ({n} candidates, {m} packages" in text
    assert "| with `wbamatch[fast]` |" in text and "| core only |" in text
    assert f"Solvers on the same {table['pairs']:,} eligible pairs" in text
    assert "plain OR-Tools `SimpleMinCostFlow`, all pairs" in text
    assert "dense `linear_sum_assignment`, slots expanded" in text
    assert "All totals agree within 1e-06: yes." in text and "**NO**" not in text
    assert f"**{table['ratio']:.2f}** (target ≥ 1.5)" in text
    assert "exact MILP, HiGHS" in text


def test_targets_met_and_not_met() -> None:
    rows = [
        {"size": "2000x500x1000", "match_s": 0.7, "solve_ratio": 1.2},
        {
            "size": "20000x5000x8000",
            "match_s": 2.0,
            "match_peak_mb": 500.0,
            "solve_ratio": 1.6,
            "core": {"match_s": 4.5, "match_peak_mb": 700.0},
        },
        {"size": bench.NATIONAL, "flow": False, "match_s": 100.0, "core": {"match_s": 200.0}},
    ]
    table = "\n".join(bench.targets_md(rows, {"net_s": 0.2}))
    first = "| 2,000 × 500, 1,000 slots: match(), with the extra | < 0.5 s | 0.70 s | **not met** |"
    assert first in table
    mid = "| 20,000 × 5,000, 8,000 slots:"
    assert f"{mid} match(), with the extra | < 2.5 s | 2.00 s | met |" in table
    assert f"{mid} peak memory, with the extra | < 600 MiB | 500 MiB | met |" in table
    assert f"{mid} match(), core only | < 4.0 s | 4.50 s | **not met** |" in table
    assert (
        f"{mid} plain OR-Tools all pairs / `solve_edges` auto | ≥ 1.5 × | 1.60 × | met |" in table
    )
    assert (
        "1,000 slots: plain OR-Tools all pairs / `solve_edges` auto | ≥ 1.5 × | 1.20 × | **not"
        in (table)
    )
    assert "| `import wbamatch` | < 0.5 s | 0.200 s | met |" in table
    nat = "| 250,000 × 20,000 (national):"
    assert (
        f"{nat} match(), with the extra | < 120.0 s | - | not run (OR-Tools not installed) |"
        in (table)
    )
    assert f"{nat} match(), core only | < 240.0 s | 200.00 s | met |" in table
    assert f"{nat} peak memory, core only | < 6,144 MiB | - | not met (no figure) |" in table
    assert (
        "100,000 × 10,000: plain OR-Tools all pairs / `solve_edges` auto | ≥ 1.5 × | - | not run |"
        in (table)
    )
    skipped = {
        "size": "100000x10000",
        "solvers": {
            "auto_fast": {"ran": True},
            "ortools_all_pairs": {"ran": False, "reason": "too many arcs"},
            "agrees": True,
        },
    }
    assert "| - | not measured (too many arcs) |" in "\n".join(bench.targets_md([skipped], None))


def test_script_end_to_end_in_a_child_process(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    bench.main(["--sizes", "30x8x12", "--no-import", "--out", str(out), "--timeout", "120"])
    text = out.read_text(encoding="utf-8")
    assert "### 30x8x12 (30 candidates, 8 packages, 12 slots, seed 1;" in text
    assert "Did not finish" not in text
    assert "**NO**" not in text
    assert "| with `wbamatch[fast]` |" in text and "| core only |" in text
    core_line = next(ln for ln in text.splitlines() if ln.startswith("| core only |"))
    assert "min_cost_flow" not in core_line
    assert "plain OR-Tools `SimpleMinCostFlow`, all pairs" in text
    assert "ortools 9" in text or "ortools not installed" in text


def test_docstring_examples_run() -> None:
    assert doctest.testmod(bench, optionflags=doctest.ELLIPSIS).failed == 0


def test_a_run_stopped_part_way_still_shows_its_figures() -> None:
    row = bench.run_instance(30, 8, 12, repeat=1, baselines=False)
    partial = {k: v for k, v in row.items() if k not in ("edges_s", "assign_s", "result_s")}
    partial["error"] = "timed out after 900 s (killed)"
    text = "\n".join(bench._instance_md(partial))
    assert "Did not finish: timed out after 900 s (killed). Figures measured before" in text
    assert f"**{row['match_s']:,.3f}**" in text
    assert "Baselines not run (the run stopped first)." in text
    assert "| core only | not run |" in text
    national = {**partial, "size": bench.NATIONAL, "match_s": 300.0, "match_peak_mb": 9000.0}
    table = "\n".join(bench.targets_md([national], None))
    assert "(national): match(), with the extra | < 120.0 s | 300.00 s | **not met** |" in table
    assert "(national): peak memory, with the extra | < 4,096 MiB | 9,000 MiB | **not met** |" in (
        table
    )
    # the extra's child died before match() finished, the core one did not
    dead = {"size": "30x8x12", "error": "exit code -9 after 5 s", "core": row}
    text = "\n".join(bench._instance_md(dead))
    assert "| with `wbamatch[fast]` | did not finish: exit code -9 after 5 s |" in text
    assert f"| core only | {row['prepare_s']:,.3f} |" in text
    both = {"size": "30x8x12", "error": "a", "core": {"error": "b"}}
    assert "Did not finish: a; core only: b" in "\n".join(bench._instance_md(both))


def test_a_child_that_times_out_becomes_an_error_row() -> None:
    args = argparse.Namespace(
        seed=1, dense_max_cells=1, milp_max_pairs=0, max_rss_mb=4000.0, no_baselines=True
    )
    row = bench.run_child("2000x500x1000", args, timeout=0.3)
    assert row["size"] == "2000x500x1000"
    assert row["error"].startswith("timed out after 0 s (killed)")
    assert "Did not finish: timed out" in "\n".join(bench._instance_md(row))
    core = bench.run_child("2000x500x1000", args, timeout=0.3, core=True)
    assert core["error"].startswith("timed out")
