"""Benchmark: carve a package for one candidate from a pool of 200 tasks (target: under 1 s).

Run: ``PYTHONPATH=src python benchmarks/bench_carve.py [n_tasks] [repeats] [--no-team]``. Prints
the time of :func:`wbamatch._jobcarving.carve` per candidate profile (median of the repeats, after
one warm-up call that pays for the lazy imports; wall clock and CPU, since the CPU time is what a
machine shared with other jobs does not distort) and of :func:`carve_team` for five people (the
first three profiles, the first two twice) on a pool of 50 tasks and of ``n_tasks`` (with its
default 10 s time limit and the gap it reports).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

from wbamatch._jobcarving import PackageTerms, Task, carve, carve_team

_TAGS = [
    "archiving", "scanning", "digitising", "data_entry", "mail_sorting", "copying", "reception",
    "telephone", "stock_keeping", "facility", "coffee_service", "cleaning", "planning_support",
    "inspections", "order_picking", "packing", "assembly", "research_support", "translation",
    "policy_support", "gardening", "catering", "dishwashing", "laundry", "printing",
    "bookkeeping", "ict_support", "logistics", "security", "transport",
]  # fmt: skip
_DIMENSIONS = [
    "concentration", "task_switching", "time_pressure", "work_pace", "customer_contact",
    "lifting", "walking", "noise", "screen_work", "standing",
]  # fmt: skip
_STARTS = ["07:30", "08:00", "08:30", "09:00", "09:30", "10:00", "13:00", None]


def pool(n: int, seed: int = 7) -> list[Task]:
    """A department's pool: two workplaces and some remote work, tasks of 2-16 hours a week."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        out.append(
            Task.model_validate(
                {
                    "id": f"t-{k:04d}",
                    "department": rng.choice(["Records", "Facilities", "Post room"]),
                    "tags": rng.sample(_TAGS, rng.randint(1, 3)),
                    "hours": rng.choice([2, 3, 4, 4, 6, 8, 8, 10, 12, 16]),
                    "demands": {d: rng.randint(0, 3) for d in rng.sample(_DIMENSIONS, 3)},
                    "schedule": {
                        "kind": rng.choice(["fixed"] * 6 + ["flexible", "evening", "shifts"]),
                        "start": rng.choice(_STARTS),
                    },
                    "stimulus": rng.choice(["low", "low", "medium", "high"]),
                    "location": rng.choice([None, None, {"place": "Utrecht"}]),
                    "work_location": rng.choice(["office"] * 5 + ["hybrid", "remote"]),
                }
            )
        )
    return out


TERMS = PackageTerms.model_validate(
    {
        "location": {"place": "Den Haag"},
        "offers": {"structure": True, "jobcoach": True, "mentor": True, "colleague": True},
        "contract": {"type": "permanent"},
        "tags": ["public_service"],
        "growth_hours": 8,
    }
)

PROFILES: dict[str, dict[str, Any]] = {
    "no limits, 24-32 h": {
        "hours": {"min": 24, "max": 32},
        "skills": ["archiving", "scanning", "data_entry", "printing"],
        "interests": ["public_service", "logistics"],
        "home": {"place": "Delft"},
        "wants_growth": True,
    },
    "Bert: 2 tasks, fixed hours": {
        "hours": {"min": 16, "max": 24, "max_per_day": 6},
        "capacities": {"unpredictability": 1, "task_switching": 1, "time_pressure": 1},
        "needs": {"structure": True, "fixed_hours": True, "colleague": True, "travel_mode": "bike"},
        "home": {"place": "Delft"},
        "skills": ["archiving", "mail_sorting", "scanning"],
    },
    "rush hour, low stimulus": {
        "hours": {"min": 16, "max": 20},
        "capacities": {"noise": 1, "task_switching": 2},
        "needs": {"low_stimulus": True, "avoid_rush_hour": True, "max_commute_minutes": 45},
        "home": {"place": "Den Haag"},
        "skills": ["archiving", "data_entry", "digitising"],
        "interests": ["administration"],
    },
    # The rules of the registry: no evening or night work, moving, every day at the office.
    "days only, moves, office": {
        "hours": {"min": 16, "max": 28},
        "needs": {
            "no_evening_work": True,
            "no_night_work": True,
            "movement": True,
            "office": True,
            "travel_mode": "bike",
        },
        "home": {"place": "Delft"},
        "skills": ["facility", "mail_sorting", "stock_keeping"],
    },
    "capacities unknown": {
        "hours": {"min": 12, "max": 24},
        "capacities": None,
        "home": {"place": "Den Haag"},
        "skills": ["archiving", "scanning"],
    },
}

#: The team of :func:`carve_team`: the first three profiles, the first two twice.
TEAM: list[dict[str, Any]] = [*list(PROFILES.values())[:3], *list(PROFILES.values())[:2]]


def _time(fn: Any, repeats: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds (CPU shows the cost on a machine shared with others)."""
    fn()  # warm-up: lazy imports (scipy, sklearn) and the gazetteer
    wall, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n_tasks", nargs="?", type=int, default=200, help="pool size (200)")
    parser.add_argument("repeats", nargs="?", type=int, default=3, help="timed calls (3)")
    parser.add_argument("--no-team", action="store_true", help="skip the carve_team timings")
    args = parser.parse_args()
    n, repeats = args.n_tasks, args.repeats
    tasks = pool(n)
    print(f"carve from a pool of {n} tasks (median of {repeats}; target under 1 s):")
    for name, profile in PROFILES.items():
        cand = {"id": "c-1", "education": "mbo2", **profile}
        result = carve(tasks, cand, terms=TERMS)
        seconds, cpu = _time(lambda c=cand: carve(tasks, c, terms=TERMS), repeats)
        print(
            f"  {name:<28} {seconds:6.3f} s (cpu {cpu:.3f} s)  {result.status.value:<8} "
            f"{len(result.tasks)} tasks, {result.hours:g} h, score {result.score:.3f}"
        )
    if args.no_team:
        return
    team = [{"id": f"c-{k}", "education": "mbo2", **profile} for k, profile in enumerate(TEAM)]
    for size in sorted({min(50, n), n}):
        t0 = time.perf_counter()
        result = carve_team(pool(size), team, terms=TERMS, time_limit=10)
        seconds = time.perf_counter() - t0
        gap = "-" if result.mip_gap is None else f"{result.mip_gap:.2%}"
        placed = sum(r.package is not None for r in result.results)
        print(
            f"carve_team, 5 people, {size} tasks: {seconds:.3f} s, {result.status.value}, "
            f"gap {gap}, {placed} placed, total score {result.total_score:.3f}"
        )


if __name__ == "__main__":
    main()
