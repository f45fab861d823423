"""Hypothesis strategies for candidates, packages and configs (small domains, many ties)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from wbamatch._vocabulary import DIMENSIONS

TAGS = ["archiving", "scanning", "data_entry", "inspections", "stock_keeping", "cleaning"]
TIMES = [None, "05:00", "07:30", "08:30", "09:30", "10:00", "13:00", "16:00", "18:00", "22:00"]


def _location() -> st.SearchStrategy[dict[str, float]]:
    return st.fixed_dictionaries(
        {
            "lat": st.sampled_from([52.09, 52.08, 52.16, 51.92]),
            "lon": st.sampled_from([5.12, 4.30, 5.39, 4.48]),
        }
    )


#: The first six dimensions, and the postures the movement rule reads.
_DRAWN = (*DIMENSIONS[:6], "sitting", "walking", "standing")


def _levels() -> st.SearchStrategy[dict[str, int]]:
    return st.dictionaries(st.sampled_from(_DRAWN), st.integers(0, 3), max_size=3)


@st.composite
def candidate_dicts(draw: st.DrawFn, cid: str) -> dict[str, Any]:
    lo = draw(st.sampled_from([0, 8, 16, 24]))
    hi = lo + draw(st.sampled_from([0, 8, 16]))
    return {
        "id": cid,
        "registered": draw(st.booleans()),
        "education": draw(st.sampled_from(["unknown", "vso_pro", "mbo2", "hbo"])),
        "hours": {
            "min": lo,
            "max": max(hi, 4),
            "max_per_day": draw(st.sampled_from([None, 4, 6, 8])),
        },
        # Sometimes an unknown profile: never the same as "no limitations" ({}).
        "capacities": draw(st.one_of(_levels(), _levels(), _levels(), st.none())),
        "needs": {
            "structure": draw(st.booleans()),
            "fixed_hours": draw(st.booleans()),
            "low_stimulus": draw(st.booleans()),
            "jobcoach": draw(st.booleans()),
            "avoid_rush_hour": draw(st.booleans()),
            "no_evening_work": draw(st.booleans()),
            "no_night_work": draw(st.booleans()),
            "movement": draw(st.booleans()),
            "office": draw(st.booleans()),
            "travels_independently": draw(st.sampled_from([True, True, False])),
            "max_commute_minutes": draw(st.sampled_from([None, 30, 60, 90])),
            "travel_mode": draw(
                st.sampled_from(["public_transport", "bike", "car", "special_transport"])
            ),
        },
        "home": draw(st.one_of(st.none(), _location())),
        "skills": draw(st.lists(st.sampled_from(TAGS), max_size=3)),
        "interests": draw(st.lists(st.sampled_from(TAGS), max_size=2)),
        "wants_growth": draw(st.booleans()),
    }


@st.composite
def _package_hours(draw: st.DrawFn) -> dict[str, Any]:
    per_week = draw(st.sampled_from([8, 12, 16, 20, 24, 32]))
    days = draw(st.integers(2, 5))
    hours: dict[str, Any] = {
        "per_week": per_week,
        "days": days,
        "growth_to": draw(st.sampled_from([None, 32])),
    }
    if draw(st.integers(0, 4)) == 0:  # one longer day, the rest shorter
        long = min(per_week / days + 2, 8.0, per_week - (days - 1) * 0.5)
        rest = (per_week - long) / (days - 1)
        if rest > 0:
            hours["per_day"] = [long] + [rest] * (days - 1)
    return hours


@st.composite
def package_dicts(draw: st.DrawFn, pid: str) -> dict[str, Any]:
    hours = draw(_package_hours())
    where = draw(st.sampled_from(["office", "hybrid", "remote"]))
    return {
        "id": pid,
        "tasks": draw(st.lists(st.sampled_from(TAGS), max_size=3)),
        "demands": draw(_levels()),
        "hours": hours,
        "schedule": {
            "kind": draw(st.sampled_from(["fixed", "fixed", "shifts", "evening", "flexible"])),
            "start": draw(st.sampled_from(TIMES)),
        },
        "stimulus": draw(st.sampled_from(["low", "medium", "high"])),
        "offers": {
            "structure": draw(st.booleans()),
            "jobcoach": draw(st.booleans()),
            "transport": draw(st.booleans()),
        },
        "work_location": where,
        "office_days": (
            draw(st.sampled_from([None, 1, hours["days"]])) if where == "hybrid" else None
        ),
        "contract": draw(
            st.sampled_from(
                [
                    {"type": "permanent"},
                    {"type": "temporary", "months": 12},
                    {"type": "temporary", "months": 6},
                    {"type": "temporary"},
                    {"type": "zero_hours"},
                    {"type": "agency", "months": 12},
                ]
            )
        ),
        "min_education": draw(st.sampled_from([None, "mbo2"])),
        "location": draw(_location()),
        "slots": draw(st.integers(1, 3)),
    }


@st.composite
def problems(draw: st.DrawFn, max_candidates: int = 6, max_packages: int = 4) -> tuple[list, list]:
    n = draw(st.integers(1, max_candidates))
    m = draw(st.integers(1, max_packages))
    cands = [draw(candidate_dicts(f"c-{i}")) for i in range(n)]
    packs = [draw(package_dicts(f"p-{j}")) for j in range(m)]
    # Refusals that point at real packages.
    for c in cands:
        c["excluded_packages"] = draw(
            st.lists(st.sampled_from([p["id"] for p in packs]), max_size=1)
        )
    return cands, packs


def configs() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "min_score": st.sampled_from([0.0, 0.3, 0.6]),
            "rules": st.dictionaries(
                st.sampled_from(
                    [
                        "mentor",
                        "structure",
                        "stimulus",
                        "commute",
                        "education",
                        "evening",
                        "night_unknown",
                        "movement",
                        "independent_travel",
                        "capacity_unknown",
                        "office",
                        "fixed_hours",
                        "jobcoach",
                        "rush_hour",
                    ]
                ),
                st.sampled_from(["hard", "penalty", "off"]),
                max_size=3,
            ),
            "norm_demand_level": st.sampled_from([0, 1, 2]),
            "evening_window": st.sampled_from([("18:00", "22:00"), ("17:00", "23:00")]),
        }
    )


def windows(weeks: int = 6) -> st.SearchStrategy[dict[str, Any] | None]:
    """A date window within ``weeks`` weeks from Monday 2027-01-04 (or None: always)."""
    from datetime import date, timedelta

    day0 = date(2027, 1, 4)

    @st.composite
    def window(draw: st.DrawFn) -> dict[str, Any]:
        start = draw(st.integers(0, 7 * weeks - 1))
        end = draw(st.one_of(st.none(), st.integers(start, 7 * weeks - 1)))
        return {
            "from": (day0 + timedelta(days=start)).isoformat(),
            "until": None if end is None else (day0 + timedelta(days=end)).isoformat(),
        }

    return st.one_of(st.none(), window(), window())


@st.composite
def streams(draw: st.DrawFn, max_candidates: int = 6, max_packages: int = 4) -> tuple[list, list]:
    """A problem of :func:`problems` with date windows on (most of) its records."""
    cands, packs = draw(problems(max_candidates, max_packages))
    for c in cands:
        c["available"] = draw(windows())
    for p in packs:
        p["open"] = draw(windows())
        p["slots"] = draw(st.integers(1, 2))
    return cands, packs


@st.composite
def doorstroom_problems(
    draw: st.DrawFn, max_candidates: int = 5, max_packages: int = 3
) -> tuple[list, list, list]:
    """A problem with current placements: some candidates hold a package now (within its
    slots), some are open to move, and some packages are switch places."""
    cands, packs = draw(problems(max_candidates, max_packages))
    for p in packs:
        if draw(st.integers(0, 3)) == 0:
            p["track"] = "schakelplek"
            p["contract"] = {"type": "temporary", "months": 6}
        p["growth_level"] = draw(st.sampled_from([None, None, "hbo"]))
    left = {p["id"]: p["slots"] for p in packs}
    current = []
    for c in cands:
        c["open_to_move"] = draw(st.booleans())
        free = [pid for pid, n in left.items() if n > 0]
        if free and draw(st.booleans()):
            pid = draw(st.sampled_from(free))
            left[pid] -= 1
            current.append({"candidate_id": c["id"], "package_id": pid})
    return cands, packs, current
