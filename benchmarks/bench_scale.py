"""Scale benchmark of match(), with and without the OR-Tools extra: phases, memory, solvers.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_scale.py                # default sizes
    PYTHONPATH=src python benchmarks/bench_scale.py --national     # also 250,000 x 20,000
    PYTHONPATH=src python benchmarks/bench_scale.py --sizes 50x20 2000x500x1000 --out /tmp/r.md

Default sizes: 50x20 (the service call), 2000x500x1000, 20000x5000x8000 and 100000x10000;
``--national`` adds 250000x20000. Every size runs in two fresh child processes (``--one``): one
with the ``wbamatch[fast]`` extra (OR-Tools) as installed, one core only (``--core``:
``wbamatch._assignment._edges.flow_available`` patched to return False for the whole child, so
scipy solves). Peak memory, read from the operating system (``VmHWM`` in ``/proc/self/status``,
reset through ``/proc/self/clear_refs`` before each measured step), so belongs to that instance
and that run alone. Each child prints JSON lines; the parent assembles ``benchmarks/results.md``
after every child, so an interrupted run keeps what it has.

Per instance (generated with :func:`wbamatch.synthetic`, generation not timed):

- ``match()``, in both children: the full call (median of a few runs on small sizes) and its
  phases, timed separately: ``prepare`` (validate + encode), ``collect_edges`` (rules and
  scores, block by block), ``solve_edges`` (the assignment), and building the result
  (``solve_problem`` minus the other two, since ``solve_problem`` collects the edges itself);
  the solver path (``result.solver``) and the certificate gap (``result.certificate.gap``).
  On 50x20, :data:`SERVICE_CALLS` calls of match() instead (ms per call), in both children.
- The solver table (child with the extra): on the very edge list match() solves,
  ``solve_edges`` auto with OR-Tools and core only (:func:`core_only`), a plain OR-Tools
  ``SimpleMinCostFlow`` on all pairs written here (:func:`ortools_all_pairs`: package
  capacities, no slot expansion, no pruning, cost ``-round(score * 1e9)``; only adding the
  arcs, solving and reading the flows is timed; skipped above ``--flow-max-arcs``), and dense
  ``linear_sum_assignment`` with slots expanded (:func:`dense_lsa_total`, when the matrix fits
  ``--dense-max-cells``). Seconds, peak MiB and total each; whether all totals agree within
  1e-6; and the ratio plain OR-Tools seconds / ``solve_edges`` auto seconds (target >= 1.5).
- Baseline, the spreadsheet way: :func:`wbamatch.explain` called pair by pair. Timed on a
  random sample of pairs and extrapolated to all pairs; the sample is checked against the edges.
- Baseline, an exact MILP (``scipy.optimize.milp``, HiGHS, gap 0) with a binary per eligible
  pair, when there are at most ``--milp-max-pairs`` of them. It is kept: under that limit it
  takes about a second (2000x500x1000), and every larger instance skips it.

The targets section marks each target of issue 16 met or not met from the measured figures.
Not a timed test: the figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

import wbamatch
from wbamatch import Candidate, MatchConfig, TaskPackage
from wbamatch._assignment import solve_edges
from wbamatch._compatibility import Edges, collect_edges
from wbamatch._pipeline import prepare, solve_problem
from wbamatch._pipeline._solve import offered_pairs
from wbamatch._pipeline._streamed import first_top, short_packages, widened

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "results.md"
DEFAULT_SIZES = ["50x20", "2000x500x1000", "20000x5000x8000", "100000x10000"]
NATIONAL = "250000x20000"
#: Tolerance for "the totals agree".
TOL = 1e-6
#: Calls of match() on the service-sized instance.
SERVICE_CALLS = 1_000
SERVICE_SIZE = (50, 20)
#: Wall-time budget of the per-pair loop sample (seconds) and its maximum number of pairs.
LOOP_BUDGET_S = 2.0
LOOP_MAX_PAIRS = 400
#: Above this many pairs the result phase is derived from match() instead of timed on its own.
HUGE_PAIRS = wbamatch.Limits().stream_above_pairs
#: Largest n x m score matrix the dense baseline builds (3 GiB of float64).
DENSE_MAX_SCORE_CELLS = 400_000_000
#: Scores to integer costs in the plain OR-Tools baseline (cost = -round(score * 1e9)).
ALL_PAIRS_SCALE = 1e9
#: Above this many arcs the plain OR-Tools baseline is skipped (about 160 bytes an arc: 8 GiB).
FLOW_MAX_ARCS = 50_000_000


# --------------------------------------------------------------------------------------------
# Memory, read from the operating system
# --------------------------------------------------------------------------------------------


def _status_mb(field: str) -> float | None:
    """A ``Vm*`` line of ``/proc/self/status`` in MiB, or None where there is no procfs."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def reset_peak() -> bool:
    """Reset the process's peak RSS (``VmHWM``) to its current RSS; False if not supported."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        return False
    return True


def peak_mb() -> float:
    """Peak resident memory of this process since the last :func:`reset_peak`, in MiB."""
    hwm = _status_mb("VmHWM")
    if hwm is not None:
        return hwm
    import resource  # ru_maxrss cannot be reset: then this is the peak of the whole process

    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1024 / 1024


def guard_memory(limit_mb: float, every_s: float = 0.2) -> None:
    """Stop this process (exit code 3) once its RSS passes ``limit_mb``.

    The machine is shared: a national-size run must not wake the out-of-memory killer, which may
    pick someone else's process.
    """
    import threading

    t0 = time.perf_counter()

    def watch() -> None:
        while True:
            rss = rss_mb()
            if rss > limit_mb:
                print(
                    f"memory guard: RSS {rss:,.0f} MiB above {limit_mb:,.0f} MiB after "
                    f"{time.perf_counter() - t0:,.0f} s; stopped",
                    file=sys.stderr,
                    flush=True,
                )
                os._exit(3)
            time.sleep(every_s)

    threading.Thread(target=watch, daemon=True).start()


def rss_mb() -> float:
    """Current resident memory in MiB (NaN without procfs)."""
    rss = _status_mb("VmRSS")
    return float("nan") if rss is None else rss


# --------------------------------------------------------------------------------------------
# Instances
# --------------------------------------------------------------------------------------------


def parse_size(text: str) -> tuple[int, int, int | None]:
    """``"2000x500x1000"`` -> (candidates, packages, total slots); slots optional.

    >>> parse_size("2000x500x1000"), parse_size("50x20")
    ((2000, 500, 1000), (50, 20, None))
    """
    parts = [int(x.replace("_", "").replace(",", "")) for x in text.lower().split("x")]
    if len(parts) == 2:
        return parts[0], parts[1], None
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    raise SystemExit(f"size {text!r}: expected CANDIDATESxPACKAGES[xSLOTS], e.g. 2000x500x1000")


def config_for(n: int, m: int) -> MatchConfig:
    """Default settings, with the size guards raised to fit the instance (national is 250k)."""
    return MatchConfig(max_candidates=max(n, 200_000), max_packages=max(m, 50_000))


def _slots_by_package(packs: Sequence[TaskPackage], package_ids: Sequence[str]) -> NDArray[Any]:
    slots = {p.id: p.slots for p in packs}
    return np.array([slots[pid] for pid in package_ids], dtype=np.int64)


def _eligible(edges: Edges, config: MatchConfig) -> NDArray[np.bool_]:
    # As solve_problem does without pins or forbidden pairs (the benchmark uses neither).
    return np.asarray(edges.feasible & (edges.scores >= config.min_score), dtype=np.bool_)


# --------------------------------------------------------------------------------------------
# Baselines
# --------------------------------------------------------------------------------------------


def per_pair_loop(
    cands: Sequence[Candidate],
    packs: Sequence[TaskPackage],
    pairs: Sequence[tuple[int, int]],
    config: MatchConfig | None = None,
) -> tuple[list[bool], list[float], float]:
    """The spreadsheet way: rules and score of each pair, one :func:`wbamatch.explain` at a time.

    Parameters
    ----------
    cands, packs
        The instance; ``pairs`` index into these lists as given.
    pairs
        ``(candidate index, package index)`` pairs to evaluate.
    config
        Settings, as for :func:`wbamatch.match`.

    Returns
    -------
    feasible, scores, seconds
        Per pair: feasible or not and its score (0 when infeasible); the wall time of the loop.

    Example
    -------
    >>> cands, packs = wbamatch.demo_data()
    >>> ok, scores, seconds = per_pair_loop(cands, packs, [(0, 0), (1, 0)])
    >>> len(ok) == len(scores) == 2 and seconds > 0
    True
    """
    feasible: list[bool] = []
    scores: list[float] = []
    t0 = time.perf_counter()
    for i, j in pairs:
        ex = wbamatch.explain(cands[i], packs[j], config)
        feasible.append(ex.feasible)
        scores.append(ex.score)
    return feasible, scores, time.perf_counter() - t0


def dense_lsa_total(
    scores: NDArray[np.float64], eligible: NDArray[np.bool_], slots: NDArray[np.integer]
) -> tuple[float, int]:
    """Optimum by dense ``linear_sum_assignment`` with every slot expanded to its own column.

    The smaller side (candidates or slots) are the rows, as scipy is fastest that way; the
    larger side gets one extra "stays unassigned" column per row at cost 0, so a complete
    assignment always exists. Ineligible cells are ``+inf`` (never chosen).

    Parameters
    ----------
    scores, eligible
        ``(n_candidates, n_packages)``.
    slots
        ``(n_packages,)`` slots per package.

    Returns
    -------
    total, assigned
        Best total score and the number of people placed.

    Example
    -------
    >>> total, k = dense_lsa_total(np.array([[0.9, 0.5], [0.8, 0.1]]), np.ones((2, 2), bool),
    ...                            np.array([1, 1]))
    >>> round(total, 6), k
    (1.3, 2)
    """
    from scipy.optimize import linear_sum_assignment

    n, _ = scores.shape
    owner = np.repeat(np.arange(scores.shape[1]), np.asarray(slots, dtype=np.int64))
    s = owner.size
    if n == 0 or s == 0:
        return 0.0, 0
    base = np.where(eligible, -scores, np.inf)
    by_slots = s < n
    small, large = (s, n) if by_slots else (n, s)
    full = np.zeros((small, large + small), dtype=np.float64)
    step = max(1, 4_000_000 // large)  # fill in row blocks: no second full-size temporary
    for r0 in range(0, small, step):
        r1 = min(small, r0 + step)
        full[r0:r1, :large] = base[:, owner[r0:r1]].T if by_slots else base[r0:r1][:, owner]
    del base
    r, c = linear_sum_assignment(full)
    real = c < large
    r, c = r[real], c[real]
    cand_rows, slot_cols = (c, r) if by_slots else (r, c)
    pkg_cols = owner[slot_cols]
    if not np.all(eligible[cand_rows, pkg_cols]):  # pragma: no cover - +inf is never optimal
        raise AssertionError("dense LSA chose an ineligible cell")
    return float(scores[cand_rows, pkg_cols].sum()), int(cand_rows.size)


def milp_total(
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    scores: NDArray[np.float64],
    slots: NDArray[np.integer],
    n_candidates: int,
    *,
    time_limit: float = 600.0,
) -> tuple[float, int, str]:
    """Optimum by an exact MILP: a binary per eligible pair, each person <= 1, package <= slots.

    Solved by HiGHS through ``scipy.optimize.milp`` with a relative gap of 0.

    Parameters
    ----------
    rows, cols, scores
        Eligible pairs (candidate row, package column) and their scores.
    slots
        Slots per package column.
    n_candidates
        Number of candidate rows.
    time_limit
        Seconds HiGHS may spend.

    Returns
    -------
    total, assigned, status
        Best total score, the number of people placed, and HiGHS's message.

    Example
    -------
    >>> total, k, _ = milp_total(np.array([0, 0, 1]), np.array([0, 1, 0]),
    ...                          np.array([0.9, 0.5, 0.8]), np.array([1, 1]), 2)
    >>> round(total, 6), k
    (1.3, 2)
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_array

    e = rows.size
    if e == 0:
        return 0.0, 0, "no eligible pairs"
    slots = np.asarray(slots, dtype=np.float64)
    ones, ks = np.ones(e), np.arange(e)
    per_person = csr_array((ones, (rows, ks)), shape=(n_candidates, e))
    per_package = csr_array((ones, (cols, ks)), shape=(slots.size, e))
    res = milp(
        c=-scores,
        constraints=[
            LinearConstraint(per_person, -np.inf, 1.0),
            LinearConstraint(per_package, -np.inf, slots),
        ],
        integrality=np.ones(e),
        bounds=Bounds(0.0, 1.0),
        options={"mip_rel_gap": 0.0, "time_limit": time_limit},
    )
    if res.x is None:
        return float("nan"), 0, f"no solution ({res.message})"
    chosen = res.x > 0.5
    if np.bincount(rows[chosen], minlength=n_candidates).max(initial=0) > 1 or np.any(
        np.bincount(cols[chosen], minlength=slots.size) > slots
    ):  # pragma: no cover - HiGHS returned an infeasible point
        raise AssertionError("MILP solution breaks a constraint")
    status = "optimal" if res.status == 0 else f"status {res.status}: {res.message}"
    return float(scores[chosen].sum()), int(chosen.sum()), status


@contextmanager
def core_only(active: bool = True) -> Iterator[None]:
    """Solve as without the ``wbamatch[fast]`` extra: OR-Tools counts as not installed.

    Patches ``wbamatch._assignment._edges.flow_available``, the one place the solver asks; a
    child run with ``--core`` keeps it patched for the whole process.

    >>> with core_only():
    ...     wbamatch.match(*wbamatch.demo_data()).solver != "min_cost_flow"
    True
    """
    from wbamatch._assignment import _edges

    saved = _edges.flow_available
    if active:
        _edges.flow_available = lambda: False
    try:
        yield
    finally:
        _edges.flow_available = saved


def flow_in_use() -> bool:
    """Whether solve_edges would use OR-Tools in this process now (installed, not patched)."""
    from wbamatch._assignment import _edges

    return bool(_edges.flow_available())


def ortools_version() -> str | None:
    """The installed OR-Tools version, or None."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ortools")
    except PackageNotFoundError:
        return None


def ortools_all_pairs(
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    scores: NDArray[np.float64],
    slots: NDArray[np.integer],
    n_rows: int,
) -> tuple[float, int, float]:
    """Optimum by a plain OR-Tools ``SimpleMinCostFlow`` on every given pair.

    Written here, independent of wbamatch's own wrapper: no slot expansion, no pruning, no
    certificate. Nodes: candidates, packages, a source and a sink. Arcs: source -> candidate
    (capacity 1), candidate -> package per pair (capacity 1, cost ``-round(score * 1e9)``),
    package -> sink (capacity = slots) and a source -> sink bypass (capacity ``n_rows``, cost 0),
    so that everyone may stay unplaced; supplies ``n_rows`` at the source, ``-n_rows`` at the
    sink. Only adding the arcs, solving and reading the flows is timed.

    Parameters
    ----------
    rows, cols, scores
        Eligible pairs (candidate row, package column) and their scores.
    slots
        Slots per package column.
    n_rows
        Number of candidates.

    Returns
    -------
    total, assigned, seconds
        The total score (of the float scores) of the pairs with flow, how many they are, and the
        timed seconds.

    Example
    -------
    >>> total, k, _ = ortools_all_pairs(np.array([0, 0, 1]), np.array([0, 1, 0]),
    ...                                 np.array([0.9, 0.5, 0.8]), np.array([1, 1]), 2)
    >>> round(total, 6), k
    (1.3, 2)
    """
    from ortools.graph.python import min_cost_flow

    m = int(np.asarray(slots).size)
    e = int(rows.size)
    source, sink = n_rows + m, n_rows + m + 1
    tails = np.concatenate([np.full(n_rows, source), rows, n_rows + np.arange(m), [source]]).astype(
        np.int32
    )
    heads = np.concatenate(
        [np.arange(n_rows), n_rows + np.asarray(cols), np.full(m, sink), [sink]]
    ).astype(np.int32)
    capacities = np.concatenate(
        [np.ones(n_rows + e, dtype=np.int64), np.asarray(slots, dtype=np.int64), [n_rows]]
    )
    costs = np.zeros(tails.size, dtype=np.int64)
    costs[n_rows : n_rows + e] = -np.round(scores * ALL_PAIRS_SCALE).astype(np.int64)
    pair_arcs = np.arange(n_rows, n_rows + e, dtype=np.int32)
    t0 = time.perf_counter()
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_nodes_supplies(np.array([source, sink], dtype=np.int32), np.array([n_rows, -n_rows]))
    status = flow.solve()
    flows = flow.flows(pair_arcs) if status == flow.OPTIMAL else None
    seconds = time.perf_counter() - t0
    if flows is None:  # pragma: no cover - the bypass makes every instance feasible
        raise AssertionError(f"OR-Tools min-cost flow ended with status {status}")
    chosen = flows > 0
    if np.bincount(rows[chosen], minlength=n_rows).max(initial=0) > 1 or np.any(
        np.bincount(cols[chosen], minlength=m) > np.asarray(slots)
    ):  # pragma: no cover - a flow within the capacities cannot
        raise AssertionError("OR-Tools flow breaks a constraint")
    return float(scores[chosen].sum()), int(chosen.sum()), seconds


# --------------------------------------------------------------------------------------------
# One instance (runs in the child)
# --------------------------------------------------------------------------------------------


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def _gib(cells: float) -> float:
    return cells * 8 / 2**30


def compare(
    cands: Sequence[Candidate],
    packs: Sequence[TaskPackage],
    config: MatchConfig | None = None,
    *,
    loop_pairs: int | None = None,
    loop_budget_s: float = LOOP_BUDGET_S,
    dense_max_cells: int = 250_000_000,
    dense_max_pairs: int = 12_000_000,
    milp_max_pairs: int = 200_000,
    milp_time_limit: float = 600.0,
    seed: int = 0,
    reference: dict[str, Any] | None = None,
    edges: Edges | None = None,
    dense: bool = True,
    streamed: Any = None,
) -> dict[str, Any]:
    """Run the three baselines on one instance and compare them with :func:`wbamatch.match`.

    Parameters
    ----------
    cands, packs
        The instance.
    config
        Settings for every method (default settings when None).
    loop_pairs
        Pairs for the per-pair loop: None samples up to :data:`LOOP_MAX_PAIRS` within
        ``loop_budget_s`` and extrapolates; a number >= n x m runs every pair.
    dense_max_cells, dense_max_pairs
        Skip dense LSA above this many cost-matrix cells. Its scores come from
        :func:`wbamatch.compatibility` up to ``dense_max_pairs`` pairs, above that (where
        compatibility() would need a dozen dense arrays) from the edge list spread into a dense
        matrix.
    milp_max_pairs, milp_time_limit
        Skip the MILP above this many eligible pairs; HiGHS's time limit.
    dense
        False skips dense LSA here (the benchmark runs it in the solver table instead).
    seed
        Seed of the pair sample.
    reference
        match()'s figures when already measured (keys ``total``, ``feasible_pairs``, ...);
        None runs match() here.
    edges
        :func:`~wbamatch._compatibility.collect_edges` of the instance when already computed.

    Returns
    -------
    dict
        ``match`` (total, assigned, feasible pairs, seconds), ``loop``, ``dense``, ``milp``: each
        with ``ran`` and either results and ``agrees`` or a ``reason`` why it was skipped.

    Example
    -------
    >>> out = compare(*wbamatch.demo_data(), loop_pairs=10**6)
    >>> out["dense"]["agrees"] and out["milp"]["agrees"] and out["loop"]["agrees"]
    True
    """
    cfg = config or MatchConfig()
    n, m = len(cands), len(packs)
    if reference is None:
        gc.collect()
        reset_peak()
        result, match_s = _timed(lambda: wbamatch.match(cands, packs, cfg))
        reference = {
            "seconds": match_s,
            "total": result.total_score,
            "assigned": len(result.assignments),
            "feasible_pairs": result.n_feasible_pairs,
            "solver": result.solver,
            "peak_mb": peak_mb(),
        }
        del result
    out: dict[str, Any] = {"match": reference}
    total = float(reference["total"])
    if edges is None:
        problem = prepare(cands, packs, cfg, None)
        edges = collect_edges(problem.cand, problem.pkg, problem.minutes_for, cfg)
        del problem
    elig = _eligible(edges, cfg)
    cand_ids = sorted(c.id for c in cands)  # the row and column order of the edges
    pkg_ids = sorted(p.id for p in packs)
    slots = _slots_by_package(packs, pkg_ids)
    cand_index = {cid: k for k, cid in enumerate(cand_ids)}
    pkg_index = {pid: k for k, pid in enumerate(pkg_ids)}
    feasible_keys = set((edges.rows[edges.feasible] * m + edges.cols[edges.feasible]).tolist())

    # 1. Per-pair loop (sample, or every pair on small instances).
    rng = np.random.default_rng(seed)
    if loop_pairs is not None and loop_pairs >= n * m:
        pairs = [(i, j) for i in range(n) for j in range(m)]
        budget = float("inf")
    else:
        k = min(loop_pairs or LOOP_MAX_PAIRS, n * m)
        flat = rng.choice(n * m, size=k, replace=False) if n * m else np.empty(0, np.int64)
        pairs = [(int(f) // m, int(f) % m) for f in flat]
        budget = loop_budget_s
    ok: list[bool] = []
    t_loop = 0.0
    for start in range(0, len(pairs), 25):  # stop early when the budget is spent
        got, _, secs = per_pair_loop(cands, packs, pairs[start : start + 25], cfg)
        ok += got
        t_loop += secs
        if t_loop > budget:
            break
    done = pairs[: len(ok)]
    if streamed is not None:
        # A streamed run kept each package's best pairs only: the sampled rows' feasible pairs
        # come from the same code for those rows alone.
        rows = np.unique([cand_index[cands[i].id] for i, _ in done]).astype(np.intp)
        own = offered_pairs(streamed, rows)[0]
        feasible_keys = set((own.rows[own.feasible] * m + own.cols[own.feasible]).tolist())
    expected = [
        cand_index[cands[i].id] * m + pkg_index[packs[j].id] in feasible_keys for i, j in done
    ]
    per_pair = t_loop / max(len(done), 1)
    out["loop"] = {
        "ran": True,
        "pairs": len(done),
        "all_pairs": n * m,
        "complete": len(done) == n * m,
        "seconds": t_loop,
        "per_pair_us": per_pair * 1e6,
        "extrapolated_s": per_pair * n * m,
        "feasible": int(sum(ok)),
        "agrees": ok == expected,
    }

    # 2. Dense LSA, slots expanded, on compatibility()'s scores.
    s_total = int(slots.sum())
    small = min(n, s_total)
    cells = small * (max(n, s_total) + small)
    dense_row: dict[str, Any] = {"ran": False, "cells": cells}
    if not dense:
        dense_row["reason"] = "run in the solver table, on the edge list"
    elif cells > dense_max_cells:
        dense_row["reason"] = (
            f"cost matrix {small:,} x {max(n, s_total) + small:,} would need "
            f"{_gib(cells):.1f} GiB (limit {dense_max_cells:,} cells)"
        )
    elif n * m > DENSE_MAX_SCORE_CELLS:
        dense_row["reason"] = f"a dense {n:,} x {m:,} score matrix would need {_gib(n * m):.1f} GiB"
    else:
        gc.collect()
        reset_peak()
        if n * m <= dense_max_pairs:
            comp, comp_s = _timed(lambda: wbamatch.compatibility(cands, packs, cfg))
            d_scores = comp.scores
            d_ok = comp.feasible & (comp.scores >= cfg.min_score)
            d_slots = _slots_by_package(packs, comp.package_ids)
            n_feasible = int(comp.feasible.sum())
            source = "compatibility()"
            del comp
        else:  # compatibility() keeps a dozen n x m arrays: spread the edge list out instead
            t0 = time.perf_counter()
            d_scores = np.zeros((n, m))
            d_ok = np.zeros((n, m), dtype=np.bool_)
            d_scores[edges.rows[elig], edges.cols[elig]] = edges.scores[elig]
            d_ok[edges.rows[elig], edges.cols[elig]] = True
            d_slots = slots
            n_feasible = int(edges.feasible.sum())
            comp_s = time.perf_counter() - t0
            source = "the edge list"
        (d_total, d_assigned), lsa_s = _timed(lambda: dense_lsa_total(d_scores, d_ok, d_slots))
        dense_row.update(
            ran=True,
            source=source,
            compatibility_s=comp_s,
            lsa_s=lsa_s,
            seconds=comp_s + lsa_s,
            total=d_total,
            assigned=d_assigned,
            peak_mb=peak_mb(),
            feasible_pairs=n_feasible,
            feasible_agrees=n_feasible == out["match"]["feasible_pairs"],
            agrees=abs(d_total - total) <= TOL,
        )
        del d_scores, d_ok
    out["dense"] = dense_row

    # 3. Exact MILP on the eligible pair list.
    n_elig = int(elig.sum())
    milp: dict[str, Any] = {"ran": False, "pairs": n_elig}
    if n_elig > milp_max_pairs:
        milp["reason"] = f"{n_elig:,} binaries (limit {milp_max_pairs:,})"
    else:
        gc.collect()
        reset_peak()
        (m_total, m_assigned, m_status), milp_s = _timed(
            lambda: milp_total(
                edges.rows[elig],
                edges.cols[elig],
                edges.scores[elig],
                slots,
                n,
                time_limit=milp_time_limit,
            )
        )
        milp.update(
            ran=True,
            seconds=milp_s,
            total=m_total,
            assigned=m_assigned,
            status=m_status,
            peak_mb=peak_mb(),
            agrees=abs(m_total - total) <= TOL,
        )
    out["milp"] = milp
    return out


#: The methods of the solver table, in its order: (key, label).
SOLVER_METHODS = [
    ("auto_fast", "`solve_edges` auto, with OR-Tools (`wbamatch[fast]`)"),
    ("auto_core", "`solve_edges` auto, core only (scipy)"),
    ("ortools_all_pairs", "plain OR-Tools `SimpleMinCostFlow`, all pairs"),
    ("dense_lsa", "dense `linear_sum_assignment`, slots expanded"),
]


def _measured(fn: Callable[[], tuple[float, int, Any]], repeat: int) -> dict[str, Any]:
    """Run ``fn`` (-> total, assigned, extra) ``repeat`` times: median seconds, peak memory.

    ``extra`` is the timed seconds (a float) when the method times itself, else a solver path.
    """
    gc.collect()
    before = rss_mb()
    reset_peak()
    times = []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        total, assigned, extra = fn()
        wall = time.perf_counter() - t0
        times.append(extra if isinstance(extra, float) else wall)
    out: dict[str, Any] = {
        "ran": True,
        "seconds": statistics.median(times),
        "runs": len(times),
        "peak_mb": peak_mb(),
        "rss_before_mb": before,
        "total": total,
        "assigned": assigned,
    }
    if isinstance(extra, str):
        out["solver"] = extra
    return out


def compare_solvers(
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    scores: NDArray[np.float64],
    slots: NDArray[np.integer],
    n_rows: int,
    *,
    repeat: int = 1,
    dense_max_cells: int = 250_000_000,
    flow_max_arcs: int = FLOW_MAX_ARCS,
    reference_total: float | None = None,
) -> dict[str, Any]:
    """Every solver of the solver table on one eligible edge list, side by side.

    Parameters
    ----------
    rows, cols, scores
        The eligible pairs, as ``solve_problem`` gives them to ``solve_edges``.
    slots
        Slots per package column.
    n_rows
        Number of candidates.
    repeat
        Runs per method (the median time is kept; dense LSA runs once above 20M cells).
    dense_max_cells, flow_max_arcs
        Skip dense LSA above this many cost-matrix cells, the plain OR-Tools flow above this
        many arcs.
    reference_total
        match()'s total: every total must equal it within :data:`TOL` too.

    Returns
    -------
    dict
        One entry per key of :data:`SOLVER_METHODS` (``ran`` and seconds, peak MiB, total,
        assigned, or a ``reason``), ``agrees`` (every total that ran, and the reference, within
        :data:`TOL` of each other) and ``ratio`` (plain OR-Tools seconds / ``solve_edges`` auto
        with OR-Tools seconds; None when either did not run).

    Example
    -------
    >>> out = compare_solvers(np.array([0, 0, 1]), np.array([0, 1, 0]),
    ...                       np.array([0.9, 0.5, 0.8]), np.array([1, 1]), 2)
    >>> out["agrees"], round(out["dense_lsa"]["total"], 6)
    (True, 1.3)
    """
    slots64 = np.asarray(slots, dtype=np.int64)
    m = slots64.size
    installed = ortools_version() is not None and flow_in_use()
    out: dict[str, Any] = {"pairs": int(rows.size)}

    def auto() -> tuple[float, int, str]:
        res = solve_edges(rows, cols, scores, slots64)
        return float(res.total), int(res.rows.size), res.solver

    if installed:
        out["auto_fast"] = _measured(auto, repeat)
    else:
        out["auto_fast"] = {"ran": False, "reason": "OR-Tools not installed"}
    with core_only():
        out["auto_core"] = _measured(auto, repeat)

    arcs = int(rows.size) + n_rows + m + 1
    if not installed:
        out["ortools_all_pairs"] = {"ran": False, "reason": "OR-Tools not installed"}
    elif arcs > flow_max_arcs:
        out["ortools_all_pairs"] = {
            "ran": False,
            "reason": f"{arcs:,} arcs, about {arcs * 160 / 2**30:.1f} GiB "
            f"(limit {flow_max_arcs:,} arcs)",
        }
    else:
        out["ortools_all_pairs"] = _measured(
            lambda: ortools_all_pairs(rows, cols, scores, slots64, n_rows), repeat
        )
        out["ortools_all_pairs"]["arcs"] = arcs

    s_total = int(slots64.sum())
    small = min(n_rows, s_total)
    cells = small * (max(n_rows, s_total) + small)
    if cells > dense_max_cells:
        out["dense_lsa"] = {
            "ran": False,
            "cells": cells,
            "reason": f"cost matrix {small:,} x {max(n_rows, s_total) + small:,} would need "
            f"{_gib(cells):.1f} GiB (limit {dense_max_cells:,} cells)",
        }
    elif n_rows * m > DENSE_MAX_SCORE_CELLS:
        out["dense_lsa"] = {
            "ran": False,
            "cells": cells,
            "reason": f"a dense {n_rows:,} x {m:,} score matrix would need "
            f"{_gib(n_rows * m):.1f} GiB",
        }
    else:

        def dense() -> tuple[float, int, float]:
            d_scores = np.zeros((n_rows, m))
            d_ok = np.zeros((n_rows, m), dtype=np.bool_)
            d_scores[rows, cols] = scores
            d_ok[rows, cols] = True
            t0 = time.perf_counter()  # the n x m spread of the edge list is not timed
            total, assigned = dense_lsa_total(d_scores, d_ok, slots64)
            return total, assigned, time.perf_counter() - t0

        out["dense_lsa"] = _measured(dense, repeat if cells <= 20_000_000 else 1)
        out["dense_lsa"]["cells"] = cells

    totals = [out[k]["total"] for k, _ in SOLVER_METHODS if out[k]["ran"]]
    if reference_total is not None:
        totals.append(float(reference_total))
    out["agrees"] = bool(totals) and max(totals) - min(totals) <= TOL
    fast, plain = out["auto_fast"], out["ortools_all_pairs"]
    out["ratio"] = (
        plain["seconds"] / fast["seconds"]
        if fast["ran"] and plain["ran"] and fast["seconds"] > 0
        else None
    )
    return out


def run_instance(
    n: int,
    m: int,
    slots: int | None,
    *,
    seed: int = 1,
    repeat: int | None = None,
    baselines: bool = True,
    solvers: bool = True,
    dense_max_cells: int = 250_000_000,
    flow_max_arcs: int = FLOW_MAX_ARCS,
    emit: Callable[[dict[str, Any]], None] | None = None,
    **compare_kw: Any,
) -> dict[str, Any]:
    """Generate one instance, time match() and its phases, then the solver table and baselines.

    match() solves as this process allows: with OR-Tools when installed, core only inside
    :func:`core_only` (``flow`` in the row says which). ``solvers`` runs :func:`compare_solvers`
    on the eligible edge list; ``baselines`` the per-pair loop and the MILP (:func:`compare`;
    dense LSA is in the solver table). ``emit`` receives the row so far after each step, so a
    run killed by a timeout or by the out-of-memory killer still reports what it measured.

    Example
    -------
    >>> row = run_instance(30, 8, 12, repeat=1, baselines=False, solvers=False)
    >>> row["candidates"], row["slots"], row["solver"] in ("dense_lsa", "none")
    (30, 12, True)
    >>> row["certificate_gap"], row["flow"] == (ortools_version() is not None)
    (0.0, True)
    """
    cfg = config_for(n, m)
    wbamatch.match(*wbamatch.synthetic(20, 5, seed=0), cfg)  # pay the lazy imports up front
    (cands, packs), gen_s = _timed(lambda: wbamatch.synthetic(n, m, seed=seed, slots_total=slots))
    row: dict[str, Any] = {
        "size": f"{n}x{m}" + (f"x{slots}" if slots else ""),
        "candidates": n,
        "packages": m,
        "slots": sum(p.slots for p in packs),
        "seed": seed,
        "generate_s": gen_s,
        "flow": flow_in_use(),
        "ortools": ortools_version(),
    }
    if repeat is None:
        repeat = 5 if n * m <= 2_000_000 else 3 if n * m <= 20_000_000 else 1
    gc.collect()
    row["rss_before_mb"] = rss_mb()
    row["peak_reset"] = reset_peak()
    times, cpu = [], []
    for _ in range(repeat):
        c0 = time.process_time()
        result, secs = _timed(lambda: wbamatch.match(cands, packs, cfg))
        cpu.append(time.process_time() - c0)
        times.append(secs)
    row["match_peak_mb"] = peak_mb()
    row.update(
        match_s=statistics.median(times),
        match_cpu_s=statistics.median(cpu),
        match_runs=repeat,
        solver=result.solver,
        status=str(result.status),
        total=result.total_score,
        assigned=len(result.assignments),
        feasible_pairs=result.n_feasible_pairs,
        banen=result.banen,
        certificate_gap=None if result.certificate is None else result.certificate.gap,
    )
    del result
    gc.collect()
    report = emit or (lambda _row: None)
    report(row)

    problem, row["prepare_s"] = _timed(lambda: prepare(cands, packs, cfg, None))
    if n * m > HUGE_PAIRS:
        # As match() collects a run this size: streamed, each package's best pairs only (all
        # pairs would not fit); the solver table then runs on the kept pairs match() solved.
        top, row["edges_s"] = _timed(lambda: first_top(problem, False))
        # The rounds match() runs: packages whose price falls short are collected again, so
        # the solver table gets the very pairs match() solved last.
        rounds = 1
        while True:
            kept = top.edges
            out = solve_edges(kept.rows, kept.cols, kept.scores, problem.pkg.slots)
            short = short_packages(top, out)
            if short.size == 0:
                break
            top = widened(problem, top, short, rounds >= problem.limits.prune_rounds)
            rounds += 1
        edges = top.edges
        row["streamed"] = rounds
    else:
        edges, row["edges_s"] = _timed(
            lambda: collect_edges(problem.cand, problem.pkg, problem.minutes_for, cfg)
        )
    elig = _eligible(edges, cfg)
    row["eligible_pairs"] = int(elig.sum())
    report(row)
    pkg_slots = problem.pkg.slots
    _, row["assign_s"] = _timed(
        lambda: solve_edges(edges.rows[elig], edges.cols[elig], edges.scores[elig], pkg_slots)
    )
    if n * m <= HUGE_PAIRS:
        _, solve_s = _timed(lambda: solve_problem(problem))
        row["result_s"] = max(0.0, solve_s - row["edges_s"] - row["assign_s"])
        row["result_from"] = "solve_problem"
    else:  # collecting the edges again would take minutes: derive the result phase
        row["result_s"] = max(
            0.0, row["match_s"] - row["prepare_s"] - row["edges_s"] - row["assign_s"]
        )
        row["result_from"] = "match"
    gc.collect()
    report(row)
    if solvers:
        row["solvers"] = compare_solvers(
            edges.rows[elig],
            edges.cols[elig],
            edges.scores[elig],
            pkg_slots,
            n,
            repeat=repeat,
            dense_max_cells=dense_max_cells,
            flow_max_arcs=flow_max_arcs,
            reference_total=row["total"],
        )
        row["solve_ratio"] = row["solvers"]["ratio"]
        gc.collect()
        report(row)
    if baselines:
        reference = {
            "seconds": row["match_s"],
            "total": row["total"],
            "assigned": row["assigned"],
            "feasible_pairs": row["feasible_pairs"],
            "solver": row["solver"],
            "peak_mb": row["match_peak_mb"],
        }
        cmp = compare(
            cands,
            packs,
            cfg,
            seed=seed,
            reference=reference,
            edges=edges,
            streamed=problem if row.get("streamed") else None,
            dense_max_cells=dense_max_cells,
            dense=not solvers,
            **compare_kw,
        )
        row["loop"], row["dense"], row["milp"] = cmp["loop"], cmp["dense"], cmp["milp"]
    return row


def run_service(calls: int = SERVICE_CALLS, *, seed: int = 1) -> dict[str, Any]:
    """Time ``calls`` calls of match() on a 50 x 20 instance (a service answering requests).

    Example
    -------
    >>> row = run_service(3)
    >>> row["calls"], row["ms_per_call"] > 0
    (3, True)
    """
    n, m = SERVICE_SIZE
    cands, packs = wbamatch.synthetic(n, m, seed=seed)
    as_json = [c.model_dump(mode="json") for c in cands], [p.model_dump(mode="json") for p in packs]
    wbamatch.match(cands, packs)  # lazy imports
    reset_peak()
    per_call = []
    c0 = time.process_time()
    t0 = time.perf_counter()
    for _ in range(calls):
        t = time.perf_counter()
        result = wbamatch.match(cands, packs)
        per_call.append(time.perf_counter() - t)
    total_s = time.perf_counter() - t0
    cpu_s = time.process_time() - c0
    dict_calls = min(calls, 200)  # a service receives JSON: dicts are validated on every call
    t1 = time.perf_counter()
    for _ in range(dict_calls):
        wbamatch.match(*as_json)
    dict_ms = (time.perf_counter() - t1) / dict_calls * 1e3
    return {
        "size": f"{n}x{m}",
        "candidates": n,
        "packages": m,
        "slots": sum(p.slots for p in packs),
        "calls": calls,
        "ms_per_call": total_s / calls * 1e3,
        "cpu_ms_per_call": cpu_s / calls * 1e3,
        "median_ms": statistics.median(per_call) * 1e3,
        "p95_ms": float(np.percentile(per_call, 95)) * 1e3,
        "dict_ms_per_call": dict_ms,
        "solver": result.solver,
        "certificate_gap": None if result.certificate is None else result.certificate.gap,
        "flow": flow_in_use(),
        "total": result.total_score,
        "assigned": len(result.assignments),
        "feasible_pairs": result.n_feasible_pairs,
        "match_peak_mb": peak_mb(),
    }


def import_time(runs: int = 5) -> dict[str, Any]:
    """Median wall time of ``python -c "import wbamatch"`` minus ``python -c "pass"``."""

    def median_of(code: str) -> float:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=_child_env())
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    base = median_of("pass")
    full = median_of("import wbamatch")
    # The package loads its parts on first use: what a service pays before its first match.
    to_match = median_of("from wbamatch import match, MatchConfig, Candidate, TaskPackage")
    heavy = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, wbamatch; print(','.join(sorted(m for m in "
            "('pandas', 'matplotlib', 'openpyxl', 'tqdm', 'scipy.optimize') if m in sys.modules)))",
        ],
        check=True,
        capture_output=True,
        text=True,
        env=_child_env(),
    ).stdout.strip()
    return {
        "runs": runs,
        "python_s": base,
        "import_s": full,
        "net_s": full - base,
        "heavy": heavy,
        "match_net_s": to_match - base,
    }


# --------------------------------------------------------------------------------------------
# Parent: children, machine, results.md
# --------------------------------------------------------------------------------------------


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(HERE.parent / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


def run_child(
    size: str, args: argparse.Namespace, timeout: float, *, core: bool = False
) -> dict[str, Any]:
    """Run one size in a fresh interpreter; a crash, a kill or a timeout becomes a row too.

    ``core`` runs it as without the extra (:func:`core_only` for the whole child), match() and
    its phases only: the solver table and the baselines run in the child with the extra.
    """
    cmd = [sys.executable, __file__, "--one", size, "--seed", str(args.seed)]
    cmd += ["--dense-max-cells", str(args.dense_max_cells)]
    cmd += ["--milp-max-pairs", str(args.milp_max_pairs), "--max-rss-mb", str(args.max_rss_mb)]
    cmd += ["--flow-max-arcs", str(getattr(args, "flow_max_arcs", FLOW_MAX_ARCS))]
    if core:
        cmd += ["--core", "--no-baselines", "--no-solvers"]
    else:
        if args.no_baselines:
            cmd.append("--no-baselines")
        if getattr(args, "no_solvers", False):
            cmd.append("--no-solvers")
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, env=_child_env(), check=False
        )
        stdout, stderr, code = proc.stdout, proc.stderr, proc.returncode
        error = "" if code == 0 else f"exit code {code}"
    except subprocess.TimeoutExpired as exc:
        stdout, stderr = _text(exc.stdout), _text(exc.stderr)
        error = f"timed out after {timeout:.0f} s (killed)"
    wall = time.perf_counter() - t0
    row: dict[str, Any] = {"size": size}
    for line in reversed(stdout.splitlines()):
        if line.startswith("{"):
            row = json.loads(line)
            break
    row["child_wall_s"] = wall
    if error:
        # the last line of a traceback says what went wrong; drop the ^^^ marker lines
        lines = [ln.strip() for ln in stderr.splitlines() if ln.strip().strip("^~")]
        tail = lines[-1] if lines else ""
        row["error"] = f"{error} after {wall:.0f} s" + (f": {tail}" if tail else "")
    return row


def _text(data: str | bytes | None) -> str:
    if isinstance(data, bytes):
        return data.decode("utf-8", errors="replace")
    return data or ""


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import scipy

    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            names = [ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    try:
        commit = subprocess.run(
            ["git", "-C", str(HERE.parent), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gib": mem,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "ortools": ortools_version() or "not installed",
        "wbamatch": wbamatch.__version__,
        "commit": commit or "?",
        "load": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def _f(x: Any, digits: int = 3) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def _yes(flag: Any) -> str:
    return "yes" if flag else "**NO**"


def _variants(row: dict[str, Any]) -> list[tuple[str, dict[str, Any] | None]]:
    """The two runs of one size: with the extra (this row) and core only (``row["core"]``)."""
    fast = "with `wbamatch[fast]`" if row.get("flow", True) else "extra: OR-Tools not installed"
    return [(fast, row), ("core only", row.get("core"))]


def _service_md(title: str, row: dict[str, Any]) -> list[str]:
    calls = (row if "calls" in row else row.get("core") or {}).get("calls", SERVICE_CALLS)
    lines = [
        title + f" (service: {calls:,} calls of match() per run)",
        "",
        "| run | calls | ms per call (mean) | CPU ms per call | median ms | p95 ms | "
        "ms per call from JSON dicts | solver | certificate gap | total score | assigned | "
        "feasible pairs | peak MiB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, r in _variants(row):
        if r is None:
            lines.append(f"| {label} | not run | | | | | | | | | | | |")
        elif "ms_per_call" not in r:
            lines.append(
                f"| {label} | did not finish: {r.get('error', '?')} | | | | | | | | | | | |"
            )
        else:
            lines.append(
                f"| {label} | {r['calls']:,} | {_f(r['ms_per_call'], 2)} | "
                f"{_f(r['cpu_ms_per_call'], 2)} | {_f(r['median_ms'], 2)} | "
                f"{_f(r['p95_ms'], 2)} | {_f(r['dict_ms_per_call'], 2)} | {r['solver']} | "
                f"{_gap(r.get('certificate_gap'))} | {_f(r['total'])} | {r['assigned']} | "
                f"{r['feasible_pairs']} | {_f(r['match_peak_mb'], 0)} |"
            )
    return [*lines, ""]


def _match_line(label: str, r: dict[str, Any] | None) -> str:
    if r is None:
        return f"| {label} | not run | | | | | | | | | | | |"
    if "match_s" not in r:
        return f"| {label} | did not finish: {r.get('error', '?')} | | | | | | | | | | | |"
    note = f" (stopped: {r['error']})" if "error" in r else ""
    return (
        f"| {label}{note} | {_f(r.get('prepare_s'))} | {_f(r.get('edges_s'))} | "
        f"{_f(r.get('assign_s'))} | {_f(r.get('result_s'))} | **{_f(r['match_s'])}** "
        f"({r['match_runs']}) | {_f(r['match_cpu_s'])} | "
        f"{_f(r['match_peak_mb'], 0)} ({_f(r['rss_before_mb'], 0)}) | {r['solver']} | "
        f"{_gap(r.get('certificate_gap'))} | {r['feasible_pairs']:,} | {r['assigned']:,} | "
        f"{_f(r['total'], 6)} |"
    )


def solvers_md(table: dict[str, Any], reference_total: float | None = None) -> list[str]:
    """The solver table of one instance: every method on the same eligible edge list.

    >>> out = compare_solvers(np.array([0, 0, 1]), np.array([0, 1, 0]),
    ...                       np.array([0.9, 0.5, 0.8]), np.array([1, 1]), 2)
    >>> [ln for ln in solvers_md(out) if ln.startswith("All totals")][0][:40]
    'All totals agree within 1e-06: yes. Plai'
    """
    lines = [
        f"Solvers on the same {table['pairs']:,} eligible pairs (median of the runs; peak MiB "
        "includes the instance and the edge list, the increase over the RSS before in brackets):",
        "",
        "| method | runs | seconds | peak MiB (+ increase) | total score | assigned | solver | "
        "agrees with match() |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, label in SOLVER_METHODS:
        got = table.get(key, {"ran": False, "reason": "not measured"})
        extra = ""
        if key == "ortools_all_pairs" and "arcs" in got:
            extra = f" ({got['arcs']:,} arcs; add arcs + solve + flows timed)"
        elif key == "dense_lsa" and "cells" in got:
            extra = f" ({got['cells']:,} cells; slot expansion + LSA timed)"
        if not got["ran"]:
            lines.append(f"| {label}{extra} | skipped: {got['reason']} | | | | | | |")
            continue
        agrees = (
            "-"
            if reference_total is None
            else _yes(abs(got["total"] - float(reference_total)) <= TOL)
        )
        lines.append(
            f"| {label}{extra} | {got['runs']} | {_f(got['seconds'], 4)} | "
            f"{_f(got['peak_mb'], 0)} (+{_f(got['peak_mb'] - got['rss_before_mb'], 0)}) | "
            f"{_f(got['total'], 6)} | {got['assigned']:,} | {got.get('solver', '-')} | {agrees} |"
        )
    ratio = table.get("ratio")
    verdict = "not measured" if ratio is None else f"**{ratio:.2f}**"
    lines += [
        "",
        f"All totals agree within {TOL:g}: {_yes(table['agrees'])}. Plain OR-Tools on all "
        f"pairs seconds / `solve_edges` auto (with OR-Tools) seconds: {verdict} "
        "(target ≥ 1.5).",
        "",
    ]
    return lines


def _gap(gap: Any) -> str:
    """A certificate gap: 0 for a proven optimum, else in scientific notation."""
    if gap is None:
        return "-"
    return "0" if gap == 0 else f"{float(gap):.1e}"


def _instance_md(row: dict[str, Any]) -> list[str]:
    title = f"### {row['size']}"
    core = row.get("core") or {}
    if "ms_per_call" in row or "ms_per_call" in core:
        return _service_md(title, row)
    info = row if "candidates" in row else core
    if "match_s" not in row and "match_s" not in core:
        lines = [title, "", f"Did not finish: {row.get('error', 'no figures')}"]
        if core:
            lines[-1] += f"; core only: {core.get('error', 'no figures')}"
        return [*lines, ""]
    lines = [
        title + f" ({info['candidates']:,} candidates, {info['packages']:,} packages, "
        f"{info['slots']:,} slots, seed {info['seed']}; generated in "
        f"{_f(info['generate_s'], 2)} s, not timed)",
        "",
    ]
    if "error" in row:  # killed part-way: show what was measured before
        lines += [f"Did not finish: {row['error']}. Figures measured before that:", ""]
    lines += [
        "| run | prepare s | collect_edges s | solve_edges s | result s | match() s (runs) | "
        "match() CPU s | peak MiB (before match) | solver | certificate gap | feasible pairs | "
        "assigned | total score |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *(_match_line(label, r) for label, r in _variants(row)),
        "",
    ]
    if "solvers" in row:
        if row.get("streamed"):
            lines += [
                "This run streamed its pairs (each package's best, widened where the "
                f"certificate asked, {row['streamed']} rounds): the solver table runs on the "
                "pairs its last round kept, the very pairs match() solved, not on all "
                "compatible pairs, which would not fit in memory.",
                "",
            ]
        lines += solvers_md(row["solvers"], row["total"])
    elif "match_s" not in row:
        return lines
    if "loop" not in row:
        why = "the run stopped first" if "error" in row else "`--no-baselines`"
        return [*lines, f"Baselines not run ({why}).", ""]
    loop, dense, milp = row["loop"], row["dense"], row["milp"]
    how = (
        f"all {loop['pairs']:,} pairs"
        if loop["complete"]
        else f"extrapolated from {loop['pairs']:,} pairs"
    )
    lines += [
        "| baseline | seconds | peak MiB | total score | agrees with match() |",
        "|---|---|---|---|---|",
        f"| per-pair loop, `explain()` per pair ({how}; "
        f"{_f(loop['per_pair_us'], 0)} µs per pair) | {_f(loop['extrapolated_s'], 1)} | - | "
        f"rules and scores only, no assignment | feasibility of the pairs done: "
        f"{_yes(loop['agrees'])} |",
    ]
    if dense["ran"]:
        lines.append(
            f"| dense LSA, slots expanded ({_f(dense['cells'])} cells; scores from "
            f"{dense['source']} {_f(dense['compatibility_s'], 2)} s + LSA "
            f"{_f(dense['lsa_s'], 2)} s) | "
            f"{_f(dense['seconds'], 2)} | {_f(dense['peak_mb'], 0)} | {_f(dense['total'], 6)} | "
            f"{_yes(dense['agrees'])} (feasible pairs: {_yes(dense['feasible_agrees'])}) |"
        )
    elif "solvers" not in row:
        lines.append(f"| dense LSA, slots expanded | skipped: {dense['reason']} | | | |")
    if milp["ran"]:
        lines.append(
            f"| exact MILP, HiGHS ({milp['pairs']:,} binaries, {milp['status']}) | "
            f"{_f(milp['seconds'], 2)} | {_f(milp['peak_mb'], 0)} | {_f(milp['total'], 6)} | "
            f"{_yes(milp['agrees'])} |"
        )
    else:
        lines.append(f"| exact MILP | skipped: {milp['reason']} | | | |")
    return [*lines, ""]


_MID = "20,000 × 5,000, 8,000 slots"
_NAT = "250,000 × 20,000 (national)"
_RATIO = ": plain OR-Tools all pairs / `solve_edges` auto"
#: (label, size, run, measure, comparison, limit, unit); run "fast" is with the extra (the
#: row itself), "core" the core-only child (``row["core"]``). 4 GB = 4,096 MiB.
TARGETS: list[tuple[str, str, str, str, str, float, str]] = [
    ("50 × 20: one call of match(), with the extra", "50x20", "fast", "ms_per_call", "<", 3.0,
     "ms"),
    ("50 × 20: one call of match(), core only", "50x20", "core", "ms_per_call", "<", 3.0, "ms"),
    ("2,000 × 500, 1,000 slots: match(), with the extra", "2000x500x1000", "fast", "match_s",
     "<", 0.5, "s"),
    (f"{_MID}: match(), with the extra", "20000x5000x8000", "fast", "match_s", "<", 2.5, "s"),
    (f"{_MID}: peak memory, with the extra", "20000x5000x8000", "fast", "match_peak_mb", "<",
     600, "MiB"),
    (f"{_MID}: match(), core only", "20000x5000x8000", "core", "match_s", "<", 4.0, "s"),
    (f"{_NAT}: match(), with the extra", NATIONAL, "fast", "match_s", "<", 120.0, "s"),
    (f"{_NAT}: peak memory, with the extra", NATIONAL, "fast", "match_peak_mb", "<", 4096,
     "MiB"),
    (f"{_NAT}: match(), core only", NATIONAL, "core", "match_s", "<", 240.0, "s"),
    (f"{_NAT}: peak memory, core only", NATIONAL, "core", "match_peak_mb", "<", 6144, "MiB"),
    (f"2,000 × 500, 1,000 slots{_RATIO}", "2000x500x1000", "fast", "solve_ratio", "≥", 1.5, "×"),
    (f"{_MID}{_RATIO}", "20000x5000x8000", "fast", "solve_ratio", "≥", 1.5, "×"),
    (f"100,000 × 10,000{_RATIO}", "100000x10000", "fast", "solve_ratio", "≥", 1.5, "×"),
    (f"{_NAT}{_RATIO}", NATIONAL, "fast", "solve_ratio", "≥", 1.5, "×"),
]  # fmt: skip


def _measured_value(row: dict[str, Any] | None, run: str, key: str) -> tuple[Any, str]:
    """(value or None, why there is none) of one target's figure."""
    if row is not None and run == "core":
        row = row.get("core")
    if row is None:
        return None, "not run"
    if run == "fast" and row.get("flow") is False:
        return None, "not run (OR-Tools not installed)"
    value = row.get(key)
    if value is not None:
        return value, ""
    if key == "solve_ratio" and "solvers" in row:
        skipped = [
            row["solvers"][k]["reason"]
            for k in ("auto_fast", "ortools_all_pairs")
            if not row["solvers"][k]["ran"]
        ]
        return None, f"not measured ({'; '.join(skipped) or 'no figure'})"
    return None, f"not met ({row.get('error', 'no figure')})"


def targets_md(rows: Sequence[dict[str, Any]], imp: dict[str, Any] | None) -> list[str]:
    """The targets table: each target with the measured value and met / not met / not run.

    >>> table = targets_md([{"size": "50x20", "ms_per_call": 2.0, "core": {"ms_per_call": 4.0}}],
    ...                    None)
    >>> [line for line in table if "50 × 20" in line]  # doctest: +NORMALIZE_WHITESPACE
    ['| 50 × 20: one call of match(), with the extra | < 3.0 ms | 2.00 ms | met |',
     '| 50 × 20: one call of match(), core only | < 3.0 ms | 4.00 ms | **not met** |']
    """
    by_size = {r["size"]: r for r in rows}
    out = ["| target | limit | measured | |", "|---|---|---|---|"]
    for label, size, run, key, op, limit, unit in TARGETS:
        v, why = _measured_value(by_size.get(size), run, key)
        if v is None:
            value, verdict = "-", why
        else:
            v = float(v)
            value = f"{v:,.0f} {unit}" if unit == "MiB" else f"{v:,.2f} {unit}"
            ok = v < limit if op == "<" else v >= limit
            verdict = "met" if ok else "**not met**"
        out.append(f"| {label} | {op} {limit:,} {unit} | {value} | {verdict} |")
    if imp is None:
        out.append("| `import wbamatch` | < 0.5 s | - | not run |")
    else:
        v = imp["net_s"]
        verdict = "met" if v < 0.5 else "**not met**"
        out.append(f"| `import wbamatch` | < 0.5 s | {v:.3f} s | {verdict} |")
    agree = [
        r[k]["agrees"] for r in rows for k in ("loop", "dense", "milp") if r.get(k, {}).get("ran")
    ]
    verdict = "not run" if not agree else "met" if all(agree) else "**not met**"
    out.append(f"| baselines agree with match() | all | {sum(agree)} of {len(agree)} | {verdict} |")
    tables = [r["solvers"]["agrees"] for r in rows if "solvers" in r]
    verdict = "not run" if not tables else "met" if all(tables) else "**not met**"
    out.append(
        f"| solver tables: all totals agree within {TOL:g} | all | {sum(tables)} of "
        f"{len(tables)} | {verdict} |"
    )
    return out


def render(
    rows: Sequence[dict[str, Any]], mach: dict[str, Any], imp: dict[str, Any] | None, note: str
) -> str:
    """The whole results.md."""
    load = mach["load"]
    lines = [
        "# Scale benchmark of `match()`",
        "",
        "Written by `PYTHONPATH=src python benchmarks/bench_scale.py` "
        f"({datetime.now(UTC):%Y-%m-%d %H:%M} UTC). Each instance is made by "
        "`wbamatch.synthetic(n_candidates, n_packages, seed, slots_total=...)` and measured in a "
        "fresh child process; generation is not timed. Every size runs twice: with the "
        "`wbamatch[fast]` extra (OR-Tools) and core only (a second child in which "
        "`wbamatch._assignment._edges.flow_available` returns False, so scipy solves). Phases: "
        "`prepare` (validate + encode), `collect_edges` (rules and scores, block by block), "
        "`solve_edges` (the assignment) and the result (`solve_problem` minus the other two); "
        "`match()` is timed as a whole on its own (median of the runs in brackets). Peak memory "
        "is the process's `VmHWM` from `/proc/self/status`, reset before the measured step; it "
        "includes the instance itself (RSS before match() in brackets). The certificate gap is "
        "`result.certificate.gap` (0: proven optimal). The solver table runs, in the child with "
        "the extra, on the very edge list `match()` solves: `solve_edges` auto with and without "
        "OR-Tools, a plain OR-Tools `SimpleMinCostFlow` on all pairs written in the benchmark "
        "(package capacities, no slot expansion, no pruning, cost `-round(score * 1e9)`) and "
        "dense `linear_sum_assignment` with slots expanded; all totals must agree within 1e-6. "
        "The per-pair loop is the spreadsheet way (`wbamatch.explain()` pair by pair); the MILP "
        "must reach the same total as match() (within 1e-6).",
        "",
        "## Machine",
        "",
        f"- {mach['platform']}; {mach['cpu']}; {mach['cpus']} CPUs; "
        f"{mach['memory_gib']:.1f} GiB memory",
        f"- Python {mach['python']}, numpy {mach['numpy']}, scipy {mach['scipy']}, "
        f"ortools {mach.get('ortools', '?')}, wbamatch {mach['wbamatch']} (tree {mach['commit']})",
        "- load average at the start: "
        + (", ".join(f"{x:.2f}" for x in load) if load else "?")
        + " (other processes may have been running)",
    ]
    if note:
        lines.append(f"- {note}")
    lines += ["", "## Targets", "", *targets_md(rows, imp), ""]
    if imp is not None:
        lines += [
            f"`import wbamatch`: median of {imp['runs']} fresh interpreters "
            f"{imp['import_s']:.3f} s minus `python -c pass` {imp['python_s']:.3f} s = "
            f"{imp['net_s']:.3f} s; heavy modules loaded by the import: "
            f"{imp['heavy'] or 'none'}. Everything else loads on first use: "
            "`from wbamatch import match, MatchConfig, Candidate, TaskPackage` (numpy, pydantic, "
            f"the models and the pipeline) takes {imp.get('match_net_s', float('nan')):.3f} s.",
            "",
        ]
    lines += ["## Instances", ""]
    for row in rows:
        lines += _instance_md(row)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", nargs="*", default=DEFAULT_SIZES)
    parser.add_argument("--national", action="store_true", help=f"also run {NATIONAL}")
    parser.add_argument("--national-timeout", type=float, default=900.0)
    parser.add_argument("--timeout", type=float, default=900.0, help="per size, seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dense-max-cells", type=int, default=250_000_000)
    parser.add_argument("--milp-max-pairs", type=int, default=200_000)
    parser.add_argument("--no-baselines", action="store_true", help="no per-pair loop, MILP")
    parser.add_argument("--no-solvers", action="store_true", help="no solver table")
    parser.add_argument("--no-core", action="store_true", help="no core-only child")
    parser.add_argument(
        "--flow-max-arcs",
        type=int,
        default=FLOW_MAX_ARCS,
        help="skip the plain OR-Tools baseline above this many arcs",
    )
    parser.add_argument(
        "--max-rss-mb", type=float, default=12_000.0, help="stop a child above this RSS"
    )
    parser.add_argument("--no-import", action="store_true", help="skip the import timing")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--note", default="", help="a line for the machine section")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child mode: one size, JSON out
    parser.add_argument("--core", action="store_true", help=argparse.SUPPRESS)  # child: core
    args = parser.parse_args(argv)

    if args.one:
        guard_memory(args.max_rss_mb)
        n, m, s = parse_size(args.one)
        with core_only(args.core):
            if (n, m, s) == (*SERVICE_SIZE, None):
                row = run_service(seed=args.seed)
            else:
                row = run_instance(
                    n,
                    m,
                    s,
                    seed=args.seed,
                    emit=lambda part: print(json.dumps({**part, "size": args.one}), flush=True),
                    baselines=not args.no_baselines,
                    solvers=not args.no_solvers,
                    dense_max_cells=args.dense_max_cells,
                    flow_max_arcs=args.flow_max_arcs,
                    milp_max_pairs=args.milp_max_pairs,
                )
        row["size"] = args.one
        print(json.dumps(row), flush=True)
        return

    mach = machine()
    imp = None if args.no_import else import_time()
    sizes = list(args.sizes) + ([NATIONAL] if args.national else [])
    rows: list[dict[str, Any]] = []
    from wbamatch._files import write_atomic

    for size in sizes:
        timeout = args.national_timeout if size == NATIONAL else args.timeout
        print(f"running {size} ...", file=sys.stderr, flush=True)
        row = run_child(size, args, timeout)
        rows.append(row)
        print(json.dumps(row), flush=True)
        write_atomic(args.out, render(rows, mach, imp, args.note))
        if not args.no_core:
            print(f"running {size} core only ...", file=sys.stderr, flush=True)
            row["core"] = run_child(size, args, timeout, core=True)
            print(json.dumps(row["core"]), flush=True)
            write_atomic(args.out, render(rows, mach, imp, args.note))
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
