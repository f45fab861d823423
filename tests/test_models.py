"""Models: the documented JSON shapes validate; bad input fails loudly, naming id and field."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from wbamatch import Candidate, MatchConfig, TaskPackage
from wbamatch._vocabulary import DIMENSIONS

CANDIDATE = {
    "id": "c-001",
    "registered": True,
    "target_group": "wajong",
    "education": "mbo2",
    "hours": {"min": 16, "max": 24, "max_per_day": 6},
    "capacities": {"concentration": 2, "work_pace": 1, "customer_contact": 1, "sitting": 1},
    "needs": {
        "structure": True,
        "fixed_hours": True,
        "low_stimulus": True,
        "jobcoach": True,
        "mentor": False,
        "office": True,
        "avoid_rush_hour": True,
        "max_commute_minutes": 45,
        "travel_mode": "public_transport",
    },
    "home": {"place": "Utrecht"},
    "skills": ["archiving", "data_entry"],
    "interests": ["administration"],
    "excluded_packages": [],
    "wants_growth": True,
}
PACKAGE = {
    "id": "p-001",
    "employer": "Ministerie van IenW",
    "track": "individual",
    "tasks": ["archiving", "scanning"],
    "demands": {"concentration": 2, "work_pace": 1},
    "hours": {"per_week": 20, "days": 4, "growth_to": 32},
    "schedule": {"kind": "fixed", "start": "09:30"},
    "stimulus": "low",
    "offers": {"structure": True, "jobcoach": True, "mentor": True},
    "work_location": "office",
    "contract": {"type": "permanent", "months": None},
    "min_education": "mbo2",
    "location": {"place": "Den Haag"},
    "slots": 1,
}


def test_documented_shapes_validate() -> None:
    c = Candidate.model_validate(CANDIDATE)
    p = TaskPackage.model_validate(PACKAGE)
    assert c.capacities.level("work_pace") == 1
    assert c.capacities.level("lifting") == 3  # not listed: no limitation
    assert p.demands.level("lifting") == 0  # not listed: not required
    assert p.hours.per_day is None and p.hours.longest_day == 5.0
    assert p.hours.day_lengths == (5.0, 5.0, 5.0, 5.0)


def test_round_trip_json() -> None:
    for model, data in ((Candidate, CANDIDATE), (TaskPackage, PACKAGE)):
        obj = model.model_validate(data)
        assert model.model_validate_json(obj.model_dump_json()) == obj


def test_json_schema_exports() -> None:
    for model in (Candidate, TaskPackage, MatchConfig):
        schema = model.model_json_schema()
        json.dumps(schema)
    cap = Candidate.model_json_schema()["$defs"]["Capacities"]["properties"]
    assert set(cap) == set(DIMENSIONS)
    assert all("description" in v for v in cap.values())


def _error(model: type, data: dict) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return info.value


def test_unknown_dimension_is_an_error_naming_id_and_field() -> None:
    err = _error(Candidate, {**CANDIDATE, "capacities": {"stamina": 2}})
    text = str(err)
    assert "Candidate 'c-001'" in text and "capacities.stamina" in text


@pytest.mark.parametrize("level", [-1, 4, 2.5, "2", True])
def test_level_outside_scale_is_an_error_and_not_echoed(level: object) -> None:
    err = _error(Candidate, {**CANDIDATE, "capacities": {"concentration": level}})
    text = str(err)
    assert "capacities.concentration" in text and "c-001" in text
    assert "input_value" not in text
    assert all(e["input"] is None for e in err.errors())


def test_needs_values_are_not_echoed() -> None:
    err = _error(
        Candidate, {**CANDIDATE, "needs": {**CANDIDATE["needs"], "max_commute_minutes": -45}}
    )
    assert "-45" not in str(err) and "needs.max_commute_minutes" in str(err)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("hours", {"min": 30, "max": 20}),
        ("hours", {"min": 10, "max": 61}),
        ("hours", {"min": float("nan"), "max": 20}),
        ("education", "phd"),
        ("target_group", "wao"),
        ("home", {"place": "Utrecht", "lat": 52.0, "lon": 5.0}),
        ("home", {"lat": 52.0}),
        ("id", ""),
        ("id", "x" * 201),
        ("id", "c\n1"),
        ("surprise", 1),
    ],
)
def test_bad_candidate_fields(field: str, value: object) -> None:
    _error(Candidate, {**CANDIDATE, field: value})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("slots", 0),
        ("hours", {"per_week": 20, "growth_to": 10}),
        ("hours", {"per_week": 0}),
        ("schedule", {"kind": "fixed", "start": "25:00"}),
        ("schedule", {"kind": "night"}),
        ("contract", {"type": "freelance"}),
        ("min_education", "unknown"),
        ("demands", {"work_pace": 7}),
        ("stimulus", "extreme"),
    ],
)
def test_bad_package_fields(field: str, value: object) -> None:
    err = _error(TaskPackage, {**PACKAGE, field: value})
    assert "TaskPackage 'p-001'" in str(err)


def test_tags_are_normalised() -> None:
    c = Candidate.model_validate({**CANDIDATE, "skills": [" Archiving", "archiving", "Scanning "]})
    assert c.skills == ["archiving", "scanning"]


def test_models_are_immutable() -> None:
    c = Candidate.model_validate(CANDIDATE)
    with pytest.raises(ValidationError):
        c.id = "other"  # type: ignore[misc]


def test_unknown_education_is_the_default() -> None:
    c = Candidate.model_validate({"id": "x", "hours": {"min": 0, "max": 10}})
    assert c.education == "unknown" and c.registered is False
