"""Tests of the synthetic data generator and the shipped demo data."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib.resources import files

import numpy as np
import pytest

from wbamatch._demo import demo_data
from wbamatch._models import Candidate, TaskPackage
from wbamatch._synthetic import synthetic
from wbamatch._vocabulary import EDUCATION_RANK, ContractType, Education, ScheduleKind, Track

# The Netherlands, with a margin for the jitter around border towns.
NL_LAT = (50.6, 53.7)
NL_LON = (3.2, 7.4)


@pytest.fixture(scope="module")
def sample() -> tuple[list[Candidate], list[TaskPackage]]:
    return synthetic(2_000, 300, seed=11)


# --------------------------------------------------------------------------------------------
# synthetic(): determinism, counts, slots, input checks
# --------------------------------------------------------------------------------------------


def test_same_seed_same_data() -> None:
    assert synthetic(300, 40, seed=3, slots_total=90) == synthetic(300, 40, seed=3, slots_total=90)


def test_different_seed_different_data() -> None:
    c1, p1 = synthetic(300, 40, seed=3)
    c2, p2 = synthetic(300, 40, seed=4)
    assert c1 != c2
    assert p1 != p2
    assert [c.id for c in c1] == [c.id for c in c2]


def test_counts_and_ids() -> None:
    candidates, packages = synthetic(123, 45, seed=0)
    assert len(candidates) == 123
    assert len(packages) == 45
    assert candidates[0].id == "c-000000" and candidates[-1].id == "c-000122"
    assert packages[0].id == "p-00000" and packages[-1].id == "p-00044"
    assert [c.id for c in candidates] == sorted(c.id for c in candidates)
    assert [p.id for p in packages] == sorted(p.id for p in packages)
    assert len({c.id for c in candidates}) == 123
    assert len({p.id for p in packages}) == 45


def test_zero_counts() -> None:
    assert synthetic(0, 0) == ([], [])
    candidates, packages = synthetic(5, 0, slots_total=0)
    assert len(candidates) == 5 and packages == []
    assert all(c.excluded_packages == [] for c in candidates)
    candidates, packages = synthetic(0, 3)
    assert candidates == [] and len(packages) == 3


def test_default_one_slot_each() -> None:
    _, packages = synthetic(10, 50, seed=2)
    assert all(p.slots == 1 for p in packages)


@pytest.mark.parametrize("total", [50, 51, 137, 5_000])
def test_slots_total_is_distributed_exactly(total: int) -> None:
    _, packages = synthetic(10, 50, seed=2, slots_total=total)
    assert sum(p.slots for p in packages) == total
    assert all(p.slots >= 1 for p in packages)


def test_slots_total_at_the_model_limit() -> None:
    _, packages = synthetic(0, 3, seed=1, slots_total=30_000)
    assert [p.slots for p in packages] == [10_000, 10_000, 10_000]


def test_slots_do_not_change_the_packages() -> None:
    _, plain = synthetic(10, 30, seed=5)
    _, slotted = synthetic(10, 30, seed=5, slots_total=100)
    assert [p.model_copy(update={"slots": 1}) for p in slotted] == plain


def test_candidates_do_not_depend_on_package_count() -> None:
    few, _ = synthetic(200, 10, seed=8)
    many, _ = synthetic(200, 500, seed=8)
    strip = [c.model_copy(update={"excluded_packages": []}) for c in few]
    assert strip == [c.model_copy(update={"excluded_packages": []}) for c in many]


def test_collective_teams_get_more_slots() -> None:
    _, packages = synthetic(0, 400, seed=3, slots_total=2_000)
    mean = {
        track: np.mean([p.slots for p in packages if p.track == track])
        for track in (Track.COLLECTIVE, Track.INDIVIDUAL)
    }
    assert mean[Track.COLLECTIVE] > 2 * mean[Track.INDIVIDUAL]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"n_candidates": -1, "n_packages": 1}, ValueError),
        ({"n_candidates": 1, "n_packages": -3}, ValueError),
        ({"n_candidates": 1, "n_packages": 1, "seed": -1}, ValueError),
        ({"n_candidates": 1.5, "n_packages": 1}, TypeError),
        ({"n_candidates": "10", "n_packages": 1}, TypeError),
        ({"n_candidates": True, "n_packages": 1}, TypeError),
        ({"n_candidates": 1, "n_packages": 1, "seed": 0.5}, TypeError),
        ({"n_candidates": 1, "n_packages": 5, "slots_total": 4}, ValueError),
        ({"n_candidates": 1, "n_packages": 0, "slots_total": 1}, ValueError),
        ({"n_candidates": 1, "n_packages": 2, "slots_total": 20_001}, ValueError),
        ({"n_candidates": 1, "n_packages": 2, "slots_total": 3.0}, TypeError),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        synthetic(**kwargs)  # type: ignore[arg-type]


def test_numpy_integers_are_accepted() -> None:
    candidates, packages = synthetic(np.int64(3), np.int32(2), seed=np.uint8(1))  # type: ignore[arg-type]
    assert (len(candidates), len(packages)) == (3, 2)


# --------------------------------------------------------------------------------------------
# synthetic(): every record is valid, and the data look like the Banenafspraak
# --------------------------------------------------------------------------------------------


def test_every_record_round_trips(sample: tuple[list[Candidate], list[TaskPackage]]) -> None:
    candidates, packages = synthetic(300, 60, seed=21, slots_total=150)
    for c in candidates:
        assert Candidate.model_validate_json(c.model_dump_json()) == c
        assert Candidate.model_validate(c.model_dump()) == c
    for p in packages:
        assert TaskPackage.model_validate_json(p.model_dump_json()) == p
        assert TaskPackage.model_validate(p.model_dump()) == p


def test_candidates_look_real(sample: tuple[list[Candidate], list[TaskPackage]]) -> None:
    candidates, _ = sample
    n = len(candidates)
    education = Counter(c.education for c in candidates)
    assert 0.20 <= education[Education.UNKNOWN] / n <= 0.40
    low = sum(education[e] for e in (Education.VSO_PRO, Education.MBO1, Education.MBO2))
    high = education[Education.HBO] + education[Education.WO]
    assert low / n > 0.35
    assert 0 < high / n < 0.15
    registered = [c for c in candidates if c.registered]
    assert 0.78 <= len(registered) / n <= 0.92
    assert all(c.target_group is not None for c in registered)
    assert all(c.target_group is None for c in candidates if not c.registered)
    unknown = [c for c in candidates if c.capacities is None]
    assert 0 < len(unknown) < 0.08 * n  # a few profiles were never recorded
    for c in candidates:
        assert 4 <= c.hours.min <= c.hours.max <= 32
        assert c.hours.max_per_day in (None, 4.0, 6.0, 8.0)
        if c.capacities is None:
            continue
        limited = [d for d, v in c.capacities.model_dump().items() if v is not None]
        assert 1 <= len(limited) <= 2
        assert all(c.capacities.level(d) < 3 for d in limited)
        assert c.home is not None and c.home.lat is not None and c.home.lon is not None
        assert NL_LAT[0] < c.home.lat < NL_LAT[1] and NL_LON[0] < c.home.lon < NL_LON[1]
        assert round(c.home.lat, 4) == c.home.lat and round(c.home.lon, 4) == c.home.lon
        assert set(c.excluded_packages) <= {f"p-{j:05d}" for j in range(300)}
    share = {
        flag: sum(getattr(c.needs, flag) for c in candidates) / n
        for flag in ("structure", "fixed_hours", "low_stimulus", "avoid_rush_hour", "office")
    }
    assert share["structure"] > 0.3 and share["fixed_hours"] > 0.3 and share["low_stimulus"] > 0.2
    assert 0.10 <= share["avoid_rush_hour"] <= 0.20
    assert 0 < share["office"] < 0.3
    later = {
        flag: sum(getattr(c.needs, flag) for c in candidates) / n
        for flag in ("no_evening_work", "no_night_work", "movement")
    }
    assert 0.05 < later["no_evening_work"] < later["no_night_work"] < 0.4
    assert 0.02 < later["movement"] < 0.12
    assert all(c.needs.no_night_work for c in candidates if c.needs.no_evening_work)
    assert 0 < sum(not c.needs.travels_independently for c in candidates) < 0.1 * n
    modes = Counter(c.needs.travel_mode.value for c in candidates)
    assert modes["public_transport"] + modes["bike"] > 0.6 * n
    assert modes["car"] > 0 and modes["special_transport"] > 0
    limits = {c.needs.max_commute_minutes for c in candidates if c.needs.max_commute_minutes}
    assert limits and min(limits) >= 30 and max(limits) <= 90
    assert sum(bool(c.skills) for c in candidates) > 0.8 * n
    assert 0 < sum(bool(c.excluded_packages) for c in candidates) < 0.1 * n


def test_packages_look_real(sample: tuple[list[Candidate], list[TaskPackage]]) -> None:
    _, packages = sample
    m = len(packages)
    tracks = Counter(p.track for p in packages)
    assert tracks[Track.INDIVIDUAL] > tracks[Track.COLLECTIVE] > tracks[Track.MAATWERK]
    assert tracks[Track.MAATWERK] > tracks[Track.REGIONAL] > 0
    for p in packages:
        assert p.employer
        assert 1 <= len(p.tasks) <= 4
        assert 12 <= p.hours.per_week <= 32 and 3 <= p.hours.days <= 5
        assert 2.4 <= p.hours.longest_day <= 8
        assert p.hours.growth_to is None or p.hours.per_week < p.hours.growth_to <= 32
        if p.schedule.kind is ScheduleKind.FIXED:
            assert p.schedule.start is not None and "08:00" <= p.schedule.start <= "10:00"
        assert p.location is not None and p.location.lat is not None and p.location.lon is not None
        assert NL_LAT[0] < p.location.lat < NL_LAT[1] and NL_LON[0] < p.location.lon < NL_LON[1]
        if p.contract.type is ContractType.TEMPORARY:
            assert p.contract.months is not None and 6 <= p.contract.months <= 24
        if p.track is Track.COLLECTIVE:
            assert p.offers.jobcoach
    fixed = sum(p.schedule.kind is ScheduleKind.FIXED for p in packages)
    assert fixed > 0.6 * m
    counting = (ContractType.PERMANENT, ContractType.TEMPORARY)
    assert sum(p.contract.type in counting for p in packages) > 0.7 * m
    assert any(p.contract.type is ContractType.ZERO_HOURS for p in packages)
    assert 0 < sum(p.min_education is not None for p in packages) < 0.5 * m
    demands = [sum(v is not None for v in p.demands.model_dump().values()) for p in packages]
    assert 1.5 <= float(np.mean(demands)) <= 6
    assert any("Ministerie" in p.employer for p in packages)
    assert any(p.employer.startswith("Gemeente ") for p in packages)


def test_feasible_share_is_realistic() -> None:
    """With the default rules a few percent of all pairs fit: not none, not all."""
    from wbamatch._api import compatibility

    comp = compatibility(*synthetic(800, 200, seed=5))
    share = float(comp.feasible.mean())
    assert 0.01 <= share <= 0.25
    # Most candidates have somewhere to go, and most packages someone to take.
    assert comp.feasible.any(axis=1).mean() > 0.7
    assert comp.feasible.any(axis=0).mean() > 0.8


# --------------------------------------------------------------------------------------------
# demo_data()
# --------------------------------------------------------------------------------------------


def _demo_file(name: str) -> list[dict[str, object]]:
    records = json.loads(files("wbamatch").joinpath("data", name).read_text(encoding="utf-8"))
    assert isinstance(records, list)
    return records


def test_demo_files_validate_and_are_sorted() -> None:
    raw_c = _demo_file("demo_candidates.json")
    raw_p = _demo_file("demo_packages.json")
    for r in raw_c:
        Candidate.model_validate(r)
    for r in raw_p:
        TaskPackage.model_validate(r)
    ids_c = [str(r["id"]) for r in raw_c]
    ids_p = [str(r["id"]) for r in raw_p]
    assert ids_c == sorted(ids_c) and ids_p == sorted(ids_p)
    # Pseudonymous ids only, never names.
    assert all(re.fullmatch(r"c-\d{3}", i) for i in ids_c)
    assert all(re.fullmatch(r"p-\d{3}", i) for i in ids_p)


def test_demo_loads() -> None:
    candidates, packages = demo_data()
    assert len(candidates) == 12 and len(packages) == 8
    assert len({c.id for c in candidates}) == len(candidates)
    assert len({p.id for p in packages}) == len(packages)
    assert [c.id for c in candidates] == sorted(c.id for c in candidates)
    # Every package id a candidate refused exists.
    ids = {p.id for p in packages}
    assert all(set(c.excluded_packages) <= ids for c in candidates)


def test_demo_returns_fresh_lists() -> None:
    candidates, packages = demo_data()
    candidates.clear()
    packages.pop()
    again_c, again_p = demo_data()
    assert len(again_c) == 12 and len(again_p) == 8


def test_demo_has_the_brief_cases() -> None:
    candidates, packages = demo_data()
    # Bert: structure and fixed hours.
    assert any(c.needs.fixed_hours and c.needs.structure for c in candidates)
    # Joop: must walk (sitting capacity 1), higher level.
    assert any(
        c.capacities.level("sitting") <= 1 and EDUCATION_RANK[c.education] >= 5 for c in candidates
    )
    # Louis: no production tempo, jobcoach, no indication (not registered).
    assert any(
        c.capacities.level("work_pace") <= 1 and c.needs.jobcoach and not c.registered
        for c in candidates
    )
    # Chantal: wo, low stimulus, little customer contact and criticism, not registered.
    assert any(
        c.education is Education.WO
        and c.needs.low_stimulus
        and c.capacities.level("customer_contact") <= 1
        and c.capacities.level("conflict_handling") <= 1
        and not c.registered
        for c in candidates
    )
    assert any(c.needs.avoid_rush_hour for c in candidates)
    assert any(c.wants_growth and c.hours.min <= 16 and c.hours.max >= 32 for c in candidates)
    assert any(c.needs.office for c in candidates)
    assert any(c.education is Education.UNKNOWN for c in candidates)
    assert any(c.excluded_packages for c in candidates)

    kinds = {p.schedule.kind for p in packages}
    assert kinds & {ScheduleKind.EVENING, ScheduleKind.SHIFTS}
    assert any(p.schedule.start == "09:30" and "archiving" in p.tasks for p in packages)
    assert any(
        p.demands.level("work_pace") == 3 and p.demands.level("sitting") == 3 for p in packages
    )
    assert any(
        {"inspections", "stock_keeping"} <= set(p.tasks) and p.offers.jobcoach for p in packages
    )
    assert any(p.work_location.value == "remote" for p in packages)
    assert any(p.demands.level("customer_contact") == 3 for p in packages)
    assert any(p.min_education is Education.HBO for p in packages)
    assert any(p.contract.type is ContractType.ZERO_HOURS for p in packages)
    assert any(p.hours.growth_to is not None for p in packages)
    # A switch place is for people already at work (match(current=...)); the demo's are new.
    assert {p.track for p in packages} == set(Track) - {Track.SCHAKELPLEK}


@pytest.mark.parametrize(
    ("candidate", "package", "reason"),
    [
        ("c-001", "p-004", "evening"),  # Bert and the evening shift
        ("c-001", "p-008", "fixed_hours"),  # Bert and shifts
        ("c-002", "p-002", "movement"),  # Joop must move; seated packing all day
        ("c-002", "p-002", "capacity:sitting"),  # Joop and seated packing
        ("c-003", "p-002", "capacity:work_pace"),  # Louis and production tempo
        ("c-004", "p-006", "capacity:customer_contact"),  # Chantal and the reception desk
        ("c-007", "p-005", "office"),  # needs the office; the job is remote
        ("c-012", "p-008", "excluded"),  # said no
    ],
)
def test_demo_breaks_the_brief_rules(candidate: str, package: str, reason: str) -> None:
    from wbamatch._api import compatibility

    comp = compatibility(*demo_data())
    assert reason in comp.hard_reasons(candidate, package)


@pytest.mark.parametrize(
    ("candidate", "package"),
    [
        ("c-001", "p-001"),  # Bert: fixed 09:30 archiving at the ministry
        ("c-002", "p-003"),  # Joop: walking inspections
        ("c-003", "p-003"),  # Louis: inspections and stock keeping with a jobcoach
        ("c-004", "p-007"),  # Chantal: hbo-level, low stimulus
        ("c-005", "p-001"),  # rush hour avoided: 09:30 start, home by 13:30
        ("c-006", "p-005"),  # K.: 16 hours, can grow to 32
    ],
)
def test_demo_fits_the_brief_cases(candidate: str, package: str) -> None:
    from wbamatch._api import compatibility

    comp = compatibility(*demo_data())
    assert comp.hard_reasons(candidate, package) == []
