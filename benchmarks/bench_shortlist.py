"""Benchmark shortlist(): top-10 per package for 1,000 packages x 20,000 candidates.

Run: ``python benchmarks/bench_shortlist.py [--candidates 20000] [--packages 1000] [--repeat 3]``.
Synthetic data is generated first; the timing covers validation-free encoding, rules, scoring
and the top-k selection (the models are built once, as a service would hold them).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

import wbamatch


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=20_000)
    parser.add_argument("--packages", type=int, default=1_000)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cands, packs = wbamatch.synthetic(args.candidates, args.packages, seed=2)
    wbamatch.shortlist(cands[:50], packs[:10])  # warm-up: lazy imports
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        lists = wbamatch.shortlist(cands, packs, k=args.k)
        times.append(time.perf_counter() - t0)
    filled = sum(len(sl.entries) for sl in lists.lists)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"shortlist top-{args.k}: {args.packages} packages x {args.candidates} candidates: "
        f"median {statistics.median(times):.2f} s (runs {', '.join(f'{t:.2f}' for t in times)}), "
        f"{filled} entries, peak RSS {peak:.0f} MiB"
    )


if __name__ == "__main__":
    main()
