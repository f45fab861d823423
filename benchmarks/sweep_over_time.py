"""The three policies on streams of other shapes than the benchmark's (issue 18).

``bench_over_time.py`` measures 500 x 150 and 5,000 x 1,500 over 52 weeks with 1.3 slots per
package, on seeds 1-5. This sweep runs the public calls only (``synthetic_stream``,
``hindsight_optimum``, ``plan_over_time`` with their defaults) on seeds none of the tuning used
(101-104), for smaller and larger streams, shorter plans and one slot per package (the default
of ``synthetic_stream``): whether "potentials" beats "batch" and "greedy" everywhere.

Run: ``python benchmarks/sweep_over_time.py [--seeds 101 102 103 104]``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import wbamatch

#: (people, packages, weeks, slots per package: None for one each, as synthetic_stream does).
SHAPES: list[tuple[int, int, int, float | None]] = [
    (60, 20, 13, None),
    (100, 30, 52, None),
    (200, 60, 52, None),
    (300, 100, 26, None),
    (500, 150, 52, None),
    (500, 150, 26, 1.3),
    (1000, 300, 52, None),
]
POLICIES = ("greedy", "batch", "potentials")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", nargs="*", type=int, default=[101, 102, 103, 104])
    args = parser.parse_args()
    print("| people x packages, weeks, slots | greedy | batch | potentials (min) | wins | s |")
    print("|---|---|---|---|---|---|")
    for n, m, weeks, per in SHAPES:
        shares: dict[str, list[float]] = {p: [] for p in POLICIES}
        seconds = []
        for seed in args.seeds:
            slots = None if per is None else round(per * m)
            cands, packs = wbamatch.synthetic_stream(n, m, weeks, seed, slots_total=slots)
            best = wbamatch.hindsight_optimum(cands, packs).total_score
            for policy in POLICIES:
                t0 = time.perf_counter()
                total = wbamatch.plan_over_time(cands, packs, policy=policy).total_score
                if policy == "potentials":
                    seconds.append(time.perf_counter() - t0)
                shares[policy].append(total / best if best else 1.0)
        pot, bat, gre = shares["potentials"], shares["batch"], shares["greedy"]
        wins = sum(p > max(b, g) for p, b, g in zip(pot, bat, gre, strict=True))
        slots_text = "1 each" if per is None else f"{per} each"
        print(
            f"| {n} x {m}, {weeks}, {slots_text} | {statistics.mean(gre):.4f} | "
            f"{statistics.mean(bat):.4f} | {statistics.mean(pot):.4f} ({min(pot):.4f}) | "
            f"{wins}/{len(pot)} | {max(seconds):.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
