"""Hypothesis strategies for candidates, packages and configs (small domains, many ties)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from wbamatch.vocabulary import DIMENSIONS

TAGS = ["archiving", "scanning", "data_entry", "inspections", "stock_keeping", "cleaning"]
TIMES = [None, "07:30", "08:30", "09:30", "10:00", "13:00"]


def _location() -> st.SearchStrategy[dict[str, float]]:
    return st.fixed_dictionaries(
        {
            "lat": st.sampled_from([52.09, 52.08, 52.16, 51.92]),
            "lon": st.sampled_from([5.12, 4.30, 5.39, 4.48]),
        }
    )


def _levels() -> st.SearchStrategy[dict[str, int]]:
    return st.dictionaries(st.sampled_from(DIMENSIONS[:6]), st.integers(0, 3), max_size=3)


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
        "capacities": draw(_levels()),
        "needs": {
            "structure": draw(st.booleans()),
            "fixed_hours": draw(st.booleans()),
            "low_stimulus": draw(st.booleans()),
            "jobcoach": draw(st.booleans()),
            "avoid_rush_hour": draw(st.booleans()),
            "max_commute_minutes": draw(st.sampled_from([None, 30, 60, 90])),
            "travel_mode": draw(st.sampled_from(["public_transport", "bike", "car"])),
        },
        "home": draw(st.one_of(st.none(), _location())),
        "skills": draw(st.lists(st.sampled_from(TAGS), max_size=3)),
        "interests": draw(st.lists(st.sampled_from(TAGS), max_size=2)),
        "wants_growth": draw(st.booleans()),
    }


@st.composite
def package_dicts(draw: st.DrawFn, pid: str) -> dict[str, Any]:
    return {
        "id": pid,
        "tasks": draw(st.lists(st.sampled_from(TAGS), max_size=3)),
        "demands": draw(_levels()),
        "hours": {
            "per_week": draw(st.sampled_from([8, 12, 16, 20, 24, 32])),
            "days": draw(st.integers(2, 5)),
            "growth_to": draw(st.sampled_from([None, 32])),
        },
        "schedule": {
            "kind": draw(st.sampled_from(["fixed", "fixed", "shifts", "evening"])),
            "start": draw(st.sampled_from(TIMES)),
        },
        "stimulus": draw(st.sampled_from(["low", "medium", "high"])),
        "offers": {"structure": draw(st.booleans()), "jobcoach": draw(st.booleans())},
        "work_location": draw(st.sampled_from(["office", "hybrid", "remote"])),
        "contract": draw(
            st.sampled_from(
                [
                    {"type": "permanent"},
                    {"type": "temporary", "months": 12},
                    {"type": "temporary", "months": 6},
                    {"type": "zero_hours"},
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
                st.sampled_from(["mentor", "structure", "stimulus", "commute", "education"]),
                st.sampled_from(["hard", "penalty", "off"]),
                max_size=2,
            ),
        }
    )
