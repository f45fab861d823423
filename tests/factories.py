"""Small builders for candidates and packages in tests: a valid default, override what matters."""

from __future__ import annotations

import copy
from typing import Any

from wbamatch import Candidate, TaskPackage

UTRECHT = {"lat": 52.0907, "lon": 5.1214}
DEN_HAAG = {"lat": 52.0767, "lon": 4.2986}
AMERSFOORT = {"lat": 52.1561, "lon": 5.3878}


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    # Deep copies: a test that edits what it got must not change the shared constants.
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def cand_dict(cid: str = "c-1", **over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": cid,
        "registered": True,
        "target_group": "wajong",
        "education": "mbo2",
        "hours": {"min": 16, "max": 24},
        "home": UTRECHT,
        "skills": ["archiving"],
    }
    return _merge(base, over)


def pkg_dict(pid: str = "p-1", **over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": pid,
        "employer": "Ministerie",
        "tasks": ["archiving"],
        "hours": {"per_week": 20, "days": 4},
        "schedule": {"kind": "fixed", "start": "09:30"},
        "stimulus": "low",
        "offers": {"structure": True, "jobcoach": True, "mentor": True, "colleague": True},
        "work_location": "office",
        "contract": {"type": "permanent"},
        "location": UTRECHT,
    }
    return _merge(base, over)


def cand(cid: str = "c-1", **over: Any) -> Candidate:
    return Candidate.model_validate(cand_dict(cid, **over))


def pkg(pid: str = "p-1", **over: Any) -> TaskPackage:
    return TaskPackage.model_validate(pkg_dict(pid, **over))
