"""Benchmark match() on synthetic instances; prints a table of time per phase and peak memory.

Run: ``python benchmarks/bench_match.py [--sizes 2000x500x1000 ...] [--repeat 3]
[--current 0.5]``. ``--current F``: doorstroom, with a share F of the placements of a first
match given as ``current`` (half of those people open to move); the table then has a row
without and a row with them.
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


def _phase_times(cands: list, packs: list, current: list | None = None) -> dict[str, float]:
    t0 = time.perf_counter()
    problem = prepare(cands, packs, None, None, current=current)
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
    parser.add_argument("--current", type=float, default=0.0, help="share of placements given")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {platform.processor() or '?'}, python "
        f"{platform.python_version()}, numpy {np.__version__}"
    )
    print(
        "| candidates | packages | slots | current | feasible pairs | assigned | compatibility s | "
        "solve+result s | match() s (median) | solver | total score | peak RSS MiB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        n, m, s = (int(x) for x in size.split("x"))
        cands, packs = wbamatch.synthetic(n, m, seed=1, slots_total=s)
        first = wbamatch.match(cands, packs)  # also the warm-up: imports, caches
        cases: list[tuple[list, list | None]] = [(cands, None)]
        if args.current > 0:
            kept = first.assignments[: int(len(first.assignments) * args.current)]
            current = [{"candidate_id": a.candidate_id, "package_id": a.package_id} for a in kept]
            movers = {a.candidate_id for a in kept[::2]}
            with_moves = [
                c.model_copy(update={"open_to_move": c.id in movers}) if c.id in movers else c
                for c in cands
            ]
            cases.append((with_moves, current))
        del first  # its context holds the edge list: not part of what is measured
        for people, current in cases:
            runs = [_phase_times(people, packs, current) for _ in range(args.repeat)]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0] if k != "solver"}
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"| {n} | {m} | {s} | {len(current or [])} | {int(med['feasible_pairs'])} | "
                f"{int(med['assigned'])} | {med['validate_encode_s']:.3f} | "
                f"{med['rules_scores_solve_s']:.3f} | {med['total_s']:.3f} | "
                f"{runs[0]['solver']} | {med['total_score']:.3f} | {peak:.0f} |"
            )


if __name__ == "__main__":
    main()
