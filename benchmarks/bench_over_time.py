"""Benchmark plans over time: each policy's share of the hindsight total, placements, waiting
and run time, on synthetic streams of several sizes and seeds.

Run: ``python benchmarks/bench_over_time.py [--sizes 500x150 5000x1500] [--seeds 1 2 3]
[--weeks 52] [--samples 16] [--forecast]``. Prints a Markdown table (copied into
``benchmarks/results_over_time.md``). Every run time is of the whole public call, validation,
pairs and all, in a warm process. ``--forecast`` passes a second stream (the next seed) as
the forecast; without it the potentials draw from the people seen so far.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

import wbamatch

POLICIES = ("greedy", "batch", "potentials")


def _row(size: str, seed: int, weeks: int, samples: int, forecast: bool) -> list[dict[str, object]]:
    n, m = (int(x) for x in size.split("x"))
    cands, packs = wbamatch.synthetic_stream(n, m, weeks, seed, slots_total=round(1.3 * m))
    future = None
    if forecast:
        future = wbamatch.synthetic_stream(n, m, weeks, seed + 1000)[0]
    t0 = time.perf_counter()
    best = wbamatch.hindsight_optimum(cands, packs)
    rows = [{"policy": "hindsight", "t": best, "s": time.perf_counter() - t0}]
    for policy in POLICIES:
        t0 = time.perf_counter()
        plan = wbamatch.plan_over_time(
            cands, packs, policy=policy, forecast=future, samples=samples, seed=seed
        )
        rows.append({"policy": policy, "t": plan, "s": time.perf_counter() - t0})
    out = []
    for r in rows:
        t = r["t"]
        assert isinstance(t, wbamatch.Timeline)
        out.append(
            {
                "size": size,
                "seed": seed,
                "policy": r["policy"],
                "share": t.share_of(best),
                "placed": t.n_placed,
                "banen": t.banen,
                "mean_wait": t.mean_wait,
                "p90_wait": t.p90_wait,
                "seconds": r["s"],
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="*", default=["500x150", "5000x1500"])
    parser.add_argument("--seeds", nargs="*", type=int, default=[1, 2, 3])
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--samples", type=int, default=16)
    parser.add_argument("--forecast", action="store_true")
    args = parser.parse_args()
    print(
        f"python {platform.python_version()}, {platform.machine()}, samples={args.samples}, "
        f"weeks={args.weeks}, forecast={'next seed' if args.forecast else 'people seen so far'}"
    )
    print()
    print(
        "| size | seed | policy | share of hindsight | placed | banen | mean wait | p90 wait | s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    summary: dict[tuple[str, str], list[float]] = {}
    times: dict[tuple[str, str], list[float]] = {}
    for size in args.sizes:
        for seed in args.seeds:
            for r in _row(size, seed, args.weeks, args.samples, args.forecast):
                key = (str(r["size"]), str(r["policy"]))
                summary.setdefault(key, []).append(float(r["share"]))  # type: ignore[arg-type]
                times.setdefault(key, []).append(float(r["seconds"]))  # type: ignore[arg-type]
                print(
                    f"| {r['size']} | {r['seed']} | {r['policy']} | {r['share']:.4f} | "
                    f"{r['placed']} | {r['banen']:.1f} | {r['mean_wait']:.2f} | "
                    f"{r['p90_wait']:.1f} | {r['seconds']:.2f} |",
                    flush=True,
                )
    print()
    print("| size | policy | mean share | min share | median s |")
    print("|---|---|---|---|---|")
    for (size, policy), shares in summary.items():
        print(
            f"| {size} | {policy} | {statistics.mean(shares):.4f} | {min(shares):.4f} | "
            f"{statistics.median(times[(size, policy)]):.2f} |"
        )


if __name__ == "__main__":
    main()
