"""Synthetic task packages: track, task family, employer, demands, hours, schedule, contract.

Each part is drawn for all packages at once, in a fixed order on one generator (the fields
added later come from a stream of their own, so the older fields keep their values); the
records are built from plain Python values afterwards.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from .._vocabulary import DIMENSIONS
from ._draw import (
    family_interest_weights,
    family_task_weights,
    jitter,
    normalised,
    pick_by_row,
    tag_lists,
    top_k,
)
from ._tables import (
    CONTRACT_P,
    CONTRACTS,
    EVENING_STARTS,
    FAMILIES,
    FIXED_STARTS,
    GOVERNMENT,
    INTERESTS,
    MINISTRY,
    OFFERS,
    PER_WEEK,
    PER_WEEK_P,
    REGIONAL_KINDS,
    SCHEDULE_KINDS,
    SHIFT_STARTS,
    STIMULUS,
    TASKS,
    TITLES,
    TOWN_INDEX,
    TOWNS,
    TRACK_P,
    TRACKS,
    WORK_JITTER_KM,
    WORK_LOCATIONS,
)

__all__ = ["MAX_SLOTS", "distribute_slots", "make_packages"]

#: Largest ``slots`` a single package may have (the model's limit).
MAX_SLOTS: Final[int] = 10_000

_COLLECTIVE: Final[int] = TRACKS.index("collective")
_LOGISTICS: Final[int] = [f.name for f in FAMILIES].index("logistics")


def make_packages(
    rng: np.random.Generator, m: int, later: np.random.Generator
) -> list[dict[str, Any]]:
    """The records of ``m`` packages, ids ``p-00000`` on; ``later`` draws the newer fields.

    >>> rng, later = np.random.default_rng(0).spawn(2)
    >>> [record] = make_packages(rng, 1, later)
    >>> record["id"], record["track"] in TRACKS
    ('p-00000', True)
    """
    track = rng.choice(len(TRACKS), size=m, p=normalised(TRACK_P))
    # Task family given the track.
    fam = pick_by_row(rng, np.array([f.track_weight for f in FAMILIES]).T, track)
    employer, town = _employers(rng, track)
    lat, lon = jitter(rng, town, WORK_JITTER_KM)
    tasks, tags = _tasks_and_tags(rng, fam)
    demands = _demands(rng, fam)
    collective = track == _COLLECTIVE
    # From a stream of their own: transport arranged, office days of hybrid work, days of
    # different lengths.
    transport = (later.random(m) < np.where(collective, 0.3, 0.05)).tolist()
    office_u = later.random(m).tolist()
    uneven = (later.random(m) < 0.1).tolist()
    hours, days = _hours(rng, m, uneven)
    # Schedule, stimulus, location, given the family.
    kind = pick_by_row(rng, np.array([f.schedule for f in FAMILIES]), fam).tolist()
    stimulus = pick_by_row(rng, np.array([f.stimulus for f in FAMILIES]), fam).tolist()
    location = pick_by_row(rng, np.array([f.work_location for f in FAMILIES]), fam).tolist()
    start_u = rng.random(m).tolist()
    schedules = [_schedule(SCHEDULE_KINDS[k], u) for k, u in zip(kind, start_u, strict=True)]
    where = [WORK_LOCATIONS[w] for w in location]
    offers = _offers(rng, collective, transport)
    contracts = _contracts(rng, m)
    min_education = _min_education(rng, fam)

    track_l, fam_l = track.tolist(), fam.tolist()
    records: list[dict[str, Any]] = []
    for j in range(m):
        family = FAMILIES[fam_l[j]]
        title, about = TITLES[family.name]
        rec: dict[str, Any] = {
            "id": f"p-{j:05d}",
            "title": title,
            "description": about,
            "employer": employer[j] or family.supplier,
            "organisation": MINISTRY.get(employer[j], "")
            or ("" if employer[j] else "Maatwerk voor mensen (inkoop Rijk)"),
            "track": TRACKS[track_l[j]],
            "tasks": tasks[j],
            "tags": tags[j],
            "demands": demands[j],
            "hours": hours[j],
            "schedule": schedules[j],
            "stimulus": STIMULUS[stimulus[j]],
            "offers": offers[j],
            "work_location": where[j],
            "contract": contracts[j],
            "office_days": _office_days(where[j], days[j], office_u[j]),
            "location": {"lat": lat[j], "lon": lon[j]},
        }
        if min_education[j] is not None:
            rec["min_education"] = min_education[j]
        records.append(rec)
    return records


def distribute_slots(
    rng: np.random.Generator, packages: list[dict[str, Any]], slots_total: int
) -> list[int]:
    """Spread ``slots_total`` over the packages, each at least one; collective teams get more.

    >>> rng = np.random.default_rng(0)
    >>> sum(distribute_slots(rng, [{"track": "collective"}, {"track": "regional"}], 7))
    7
    """
    m = len(packages)
    if m == 0:
        return []
    weight = np.where([p["track"] == "collective" for p in packages], 6.0, 1.0)
    weight = weight * rng.gamma(2.0, 1.0, size=m)
    slots = 1 + rng.multinomial(slots_total - m, normalised(weight))
    while (slots > MAX_SLOTS).any():  # rare: huge totals on few packages
        excess = int(np.maximum(slots - MAX_SLOTS, 0).sum())
        slots = np.minimum(slots, MAX_SLOTS)
        room = MAX_SLOTS - slots
        slots = slots + rng.multinomial(excess, normalised(room))
    return [int(s) for s in slots]


# ---------------------------------------------------------------------------------------------
# The parts, drawn for all packages at once
# ---------------------------------------------------------------------------------------------
def _employer_options() -> tuple[list[list[tuple[str, int]]], list[NDArray[np.float64]]]:
    """Per track: the (employer, town index) options and their probabilities."""
    gov = [
        (name, TOWN_INDEX[town], weight * share)
        for name, towns, weight in GOVERNMENT
        for town, share in towns.items()
    ]
    regional = [
        (f"{kind} {town}", i, pop * (1.0 if kind == "Gemeente" else 0.5))
        for i, (town, _, _, pop) in enumerate(TOWNS)
        for kind in REGIONAL_KINDS
    ]
    options, probs = [], []
    for track in TRACKS:
        if track in ("individual", "collective"):
            table = gov
        elif track == "regional":
            table = regional
        else:  # maatwerk: the employer is the supplier of the package's task family
            table = [("", i, pop) for i, (_, _, _, pop) in enumerate(TOWNS)]
        options.append([(name, town) for name, town, _ in table])
        probs.append(normalised([w for _, _, w in table]))
    return options, probs


def _employers(
    rng: np.random.Generator, track: NDArray[np.int64]
) -> tuple[list[str], NDArray[np.int64]]:
    """Employer ("" for the family's supplier) and town, given the track."""
    options, probs = _employer_options()
    employer = [""] * track.size
    town = np.zeros(track.size, dtype=np.int64)
    for t, (opts, p) in enumerate(zip(options, probs, strict=True)):
        idx = np.flatnonzero(track == t)
        pick = rng.choice(len(opts), size=idx.size, p=p).tolist()
        for i, k in zip(idx.tolist(), pick, strict=True):
            employer[i], town[i] = opts[k]
    return employer, town


def _tasks_and_tags(
    rng: np.random.Generator, fam: NDArray[np.int64]
) -> tuple[list[list[str]], list[list[str]]]:
    """Tasks (1-4) and sector tags (1-2) from the family."""
    m = fam.size
    task_w = family_task_weights()[fam] + 0.01
    n_tasks = rng.choice(np.arange(1, 5), size=m, p=normalised([0.25, 0.35, 0.25, 0.15]))
    tasks = tag_lists(TASKS, *top_k(rng, task_w, n_tasks))
    tag_w = family_interest_weights()[fam]
    n_tags = rng.choice(np.arange(1, 3), size=m, p=normalised([0.6, 0.4]))
    tags = tag_lists(INTERESTS, *top_k(rng, tag_w, n_tags))
    return tasks, tags


def _demands(rng: np.random.Generator, fam: NDArray[np.int64]) -> list[dict[str, int]]:
    """The family's profile, a level around its typical one, sometimes one extra demand."""
    m, n_dims = fam.size, len(DIMENSIONS)
    prob = np.zeros((len(FAMILIES), n_dims))
    typical = np.ones((len(FAMILIES), n_dims), dtype=np.int64)
    for f, family in enumerate(FAMILIES):
        for dim, (p_dim, level) in family.demands.items():
            prob[f, DIMENSIONS.index(dim)] = p_dim
            typical[f, DIMENSIONS.index(dim)] = level
    present = rng.random((m, n_dims)) < prob[fam]
    shift = rng.choice(np.array([-1, 0, 0, 1]), size=(m, n_dims))
    levels = np.clip(typical[fam] + shift, 1, 3)
    extra = rng.integers(0, n_dims, size=m)
    has_extra = rng.random(m) < 0.15
    present[np.arange(m), extra] |= has_extra
    demands = np.where(present, levels, 0)
    # Series production (Louis, Joop): packing at pace 3, seated all day.
    series = (fam == _LOGISTICS) & (rng.random(m) < 0.25)
    demands[series, DIMENSIONS.index("work_pace")] = 3
    demands[series, DIMENSIONS.index("sitting")] = 3
    return [{DIMENSIONS[d]: v for d, v in enumerate(row) if v} for row in demands.tolist()]


def _hours(
    rng: np.random.Generator, m: int, uneven: list[bool]
) -> tuple[list[dict[str, Any]], list[int]]:
    """Hours a week, then 3-5 days giving 3-8 hours a day; sometimes room to grow."""
    per_week = rng.choice(np.array(PER_WEEK), size=m, p=normalised(PER_WEEK_P))
    lo = np.maximum(3, np.ceil(per_week / 8))
    hi = np.minimum(5, np.floor(per_week / 3))
    days = (lo + np.floor(rng.random(m) * (hi - lo + 1))).astype(np.int64).tolist()
    growth = np.minimum(per_week + rng.choice(np.array([4.0, 8.0, 12.0, 16.0]), size=m), 32.0)
    growth = np.where((rng.random(m) < 0.2) & (per_week < 32), growth, 0.0)
    hours: list[dict[str, Any]] = []
    for week, n_days, grow, long_day in zip(
        per_week.tolist(), days, growth.tolist(), uneven, strict=True
    ):
        record: dict[str, Any] = {"per_week": week, "days": n_days}
        lengths = _uneven_days(float(week), n_days) if long_day else None
        if lengths is not None:
            record["per_day"] = lengths
        if grow:
            record["growth_to"] = grow
        hours.append(record)
    return hours, days


def _schedule(kind: str, u: float) -> dict[str, Any]:
    """The schedule of one package: its kind and, from ``u`` in [0, 1), the start time."""
    if kind == "fixed":
        start: str | None = FIXED_STARTS[int(u * len(FIXED_STARTS))]
    elif kind == "shifts":
        start = SHIFT_STARTS[int(u * len(SHIFT_STARTS))] or None
    elif kind == "evening":
        start = EVENING_STARTS[int(u * len(EVENING_STARTS))]
    else:
        start = "09:00" if u < 0.3 else None
    return {"kind": kind, "start": start}


def _offers(
    rng: np.random.Generator, collective: NDArray[np.bool_], transport: list[bool]
) -> list[dict[str, bool]]:
    """Support offered: the collective track always has a jobcoach and a team leader."""
    m = collective.size
    flags = np.stack(
        [
            collective | (rng.random(m) < 0.6),
            collective | (rng.random(m) < 0.35),
            rng.random(m) < 0.55,
            collective | (rng.random(m) < 0.7),
        ],
        axis=1,
    ).tolist()
    return [
        {name: True for name, flag in zip(OFFERS, row, strict=True) if flag}
        | ({"transport": True} if moved else {})
        for row, moved in zip(flags, transport, strict=True)
    ]


def _contracts(rng: np.random.Generator, m: int) -> list[dict[str, Any]]:
    """Contract type and, for the temporary kinds, its months."""
    contract = rng.choice(len(CONTRACTS), size=m, p=normalised(CONTRACT_P)).tolist()
    temp_months = rng.choice(np.array([6, 7, 12, 12, 18, 24]), size=m).tolist()
    other_months = rng.choice(np.array([6, 12]), size=m).tolist()
    out: list[dict[str, Any]] = []
    for c, temp, other in zip(contract, temp_months, other_months, strict=True):
        name = CONTRACTS[c]
        if name == "temporary":
            months: int | None = temp
        elif name in ("secondment", "agency", "min_max"):
            months = other
        else:
            months = None
        out.append({"type": name, "months": months})
    return out


def _min_education(rng: np.random.Generator, fam: NDArray[np.int64]) -> list[str | None]:
    """A minimum education for some packages, from the family's minimums; None for the rest."""
    edu_u = rng.random(fam.size).tolist()
    edu_k = rng.random(fam.size).tolist()
    out: list[str | None] = []
    for f, u, k in zip(fam.tolist(), edu_u, edu_k, strict=True):
        p_min, minimums = FAMILIES[f].min_education
        out.append(minimums[int(k * len(minimums))] if minimums and u < p_min else None)
    return out


def _uneven_days(per_week: float, days: int) -> list[float] | None:
    """One longer day (at most 8 hours), the rest of the week spread over the other days; None
    when the days are too full for one to be longer."""
    even = per_week / days
    long = min(8.0, round(even * 1.5 * 2) / 2)
    rest = (per_week - long) / (days - 1)
    if long <= even or rest <= 0:
        return None
    middle = [round(rest, 2)] * (days - 2)
    return [long, *middle, round(per_week - long - sum(middle), 2)]


def _office_days(where: str, days: int, u: float) -> int | None:
    """Office days of hybrid work: mostly fewer than the working days, sometimes not given."""
    if where != "hybrid" or u < 0.2:
        return None
    return 1 + int((u - 0.2) / 0.8 * days)  # 1 .. days
