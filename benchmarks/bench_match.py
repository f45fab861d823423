"""Benchmark match() on synthetic instances; prints a table of time per phase and peak memory.

Run: ``python benchmarks/bench_match.py [--sizes 2000x500x1000 ...] [--repeat 3]``.
Not a timed test: the figures depend on the machine; record them in the issue notes.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import time

import numpy as np

import wbamatch
from wbamatch._pipeline import prepare, solve_problem


def _phase_times(cands: list, packs: list) -> dict[str, float]:
    t0 = time.perf_counter()
    problem = prepare(cands, packs, None, None)
    t1 = time.perf_counter()
    result = solve_problem(problem)
    t2 = time.perf_counter()
    return {
        "validate_encode_s": t1 - t0,
        "rules_scores_solve_s": t2 - t1,
        "total_s": t2 - t0,
        "assigned": len(result.assignments),
        "feasible_pairs": result.n_feasible_pairs,
        "total_score": result.total_score,
        "solver": result.solver,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="*", default=["2000x500x1000"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {platform.processor() or '?'}, python "
        f"{platform.python_version()}, numpy {np.__version__}"
    )
    print(
        "| candidates | packages | slots | feasible pairs | assigned | compatibility s | "
        "solve+result s | match() s (median) | total score | peak RSS MiB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        n, m, s = (int(x) for x in size.split("x"))
        cands, packs = wbamatch.synthetic(n, m, seed=1, slots_total=s)
        wbamatch.match(cands, packs)  # warm-up: imports, caches
        runs = [_phase_times(cands, packs) for _ in range(args.repeat)]
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0] if k != "solver"}
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"| {n} | {m} | {s} | {int(med['feasible_pairs'])} | {int(med['assigned'])} | "
            f"{med['validate_encode_s']:.3f} | {med['rules_scores_solve_s']:.3f} | "
            f"{med['total_s']:.3f} | {runs[0]['solver']} | {med['total_score']:.3f} | "
            f"{peak:.0f} |"
        )


if __name__ == "__main__":
    main()
