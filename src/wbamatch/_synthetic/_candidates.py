"""Synthetic candidates: homes, registration, hours, limited capacities, needs, skills.

Each part is drawn for all candidates at once, in a fixed order on one generator (the needs
added later come from a stream of their own, so the older fields keep their values); the
records are built from plain Python values afterwards.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from .._models import CandidateHours, Capacities, Needs
from .._vocabulary import DIMENSIONS
from ._draw import (
    family_interest_weights,
    family_task_weights,
    jitter,
    normalised,
    shared,
    tag_lists,
    top_k,
)
from ._tables import (
    COMMUTE_LIMITS,
    EDUCATION,
    FAMILIES,
    HOME_JITTER_KM,
    INTERESTS,
    LIMIT_WEIGHT,
    NEEDS,
    TARGET_GROUPS,
    TASKS,
    TIME_NEEDS,
    TOWNS,
    TRAVEL_MODES,
    TRAVEL_P,
    TRAVEL_P_RUSH,
    UNKNOWN_CAPACITIES,
)

__all__ = ["make_candidates"]

#: The flag needs in the order of their bits: the first draw, then those drawn later.
_NEED_NAMES: Final[tuple[str, ...]] = (
    *(name for name, _ in NEEDS),
    *(name for name, _, _ in TIME_NEEDS),
)


def make_candidates(
    rng: np.random.Generator, n: int, n_packages: int, extra: np.random.Generator
) -> list[dict[str, Any]]:
    """The records of ``n`` candidates, ids ``c-000000`` on; ``extra`` draws the later needs.

    >>> rng, extra = np.random.default_rng(0).spawn(2)
    >>> [record] = make_candidates(rng, 1, 5, extra)
    >>> record["id"], isinstance(record["hours"], CandidateHours)
    ('c-000000', True)
    """
    town = rng.choice(len(TOWNS), size=n, p=normalised([t[3] for t in TOWNS]))
    lat, lon = jitter(rng, town, HOME_JITTER_KM)
    registered, target_group, education = _registration(rng, n)
    hours, flexible = _hours(rng, n)
    capacities = _capacities(rng, n)
    needs, unknown_profile = _needs(rng, n, extra)
    skills, interests = _skills_and_interests(rng, n)
    excluded = _exclusions(rng, n, n_packages)
    wants_growth = (rng.random(n) < np.where(flexible, 0.35, 0.10)).tolist()

    records: list[dict[str, Any]] = [
        {
            "id": f"c-{i:06d}",
            "registered": registered[i],
            "target_group": target_group[i],
            "education": education[i],
            "hours": hours[i],
            "capacities": None if unknown_profile[i] else capacities[i],
            "needs": needs[i],
            "home": {"lat": lat[i], "lon": lon[i]},
            "skills": skills[i],
            "interests": interests[i],
            "wants_growth": wants_growth[i],
        }
        for i in range(n)
    ]
    for i, ids in excluded.items():
        records[i]["excluded_packages"] = ids
    return records


def _registration(
    rng: np.random.Generator, n: int
) -> tuple[list[bool], list[str | None], list[str]]:
    """Registered or not, the target group (of those registered), and the education."""
    registered = rng.random(n) < 0.85
    group = rng.choice(len(TARGET_GROUPS), size=n, p=normalised([g[1] for g in TARGET_GROUPS]))
    education = rng.choice(len(EDUCATION), size=n, p=normalised([e[1] for e in EDUCATION]))
    # School leavers from VSO/PRO have that education, or it was not recorded.
    vso = registered & (group == 1)
    education = np.where(vso, np.where(rng.random(n) < 0.6, 2, 0), education)
    group_names = [g[0] for g in TARGET_GROUPS]
    edu_names = [e[0] for e in EDUCATION]
    reg_l = registered.tolist()
    return (
        reg_l,
        [group_names[g] if r else None for g, r in zip(group.tolist(), reg_l, strict=True)],
        [edu_names[e] for e in education.tolist()],
    )


def _hours(rng: np.random.Generator, n: int) -> tuple[list[CandidateHours], NDArray[np.bool_]]:
    """Hours a week and a day, shared objects; and whether the weekly hours leave room."""
    h_min = rng.choice(
        np.array([8.0, 12.0, 16.0, 20.0, 24.0]), size=n, p=normalised([2, 2.5, 3, 1.5, 1])
    )
    h_span = rng.choice(
        np.array([0.0, 4.0, 8.0, 12.0, 16.0]), size=n, p=normalised([0.5, 1.5, 3, 3, 2])
    )
    h_max = np.minimum(h_min + h_span, 32.0)
    per_day = rng.choice(
        np.array([0.0, 4.0, 6.0, 8.0]), size=n, p=normalised([0.6, 0.15, 0.15, 0.1])
    )
    # At most 4 hours a day means at most 20 a week.
    h_max = np.minimum(h_max, np.where(per_day > 0, per_day * 5, np.inf))
    h_min = np.minimum(h_min, h_max)
    hours = shared(np.stack([h_min, h_max, per_day], axis=1).astype(np.int64), _build_hours)
    return hours, h_max > h_min


def _capacities(rng: np.random.Generator, n: int) -> list[Capacities]:
    """One or two limited capacities, the personal-functioning ones most often."""
    n_limited = np.where(rng.random(n) < 0.45, 2, 1)
    weights = np.broadcast_to(np.array([LIMIT_WEIGHT[d] for d in DIMENSIONS]), (n, len(DIMENSIONS)))
    limited, limited_ok = top_k(rng, weights, n_limited)
    levels = rng.choice(3, size=limited.shape, p=normalised([0.1, 0.5, 0.4]))
    rows = np.concatenate([np.where(limited_ok, limited, -1), levels], axis=1)
    return shared(rows, _build_capacities)


def _needs(
    rng: np.random.Generator, n: int, extra: np.random.Generator
) -> tuple[list[Needs], list[bool]]:
    """The needs (flags, travel mode, commute limit), shared; and whose profile is unknown."""
    names = [name for name, _ in NEEDS]
    needs = rng.random((n, len(NEEDS))) < np.array([p for _, p in NEEDS])
    rush = needs[:, names.index("avoid_rush_hour")]
    fixed = needs[:, names.index("fixed_hours")]
    share = np.where(
        fixed[:, None], [[q for _, _, q in TIME_NEEDS]], [[p for _, p, _ in TIME_NEEDS]]
    )
    later = extra.random((n, len(TIME_NEEDS))) < share
    later[:, 1] |= later[:, 0]  # no evening work, then no night work either
    needs = np.concatenate([needs, later], axis=1)
    unknown_profile = (extra.random(n) < UNKNOWN_CAPACITIES).tolist()
    mode = np.where(
        rush,
        rng.choice(len(TRAVEL_MODES), size=n, p=normalised(TRAVEL_P_RUSH)),
        rng.choice(len(TRAVEL_MODES), size=n, p=normalised(TRAVEL_P)),
    )
    # 0 = no own limit (the config default applies), else 1 + index into COMMUTE_LIMITS.
    commute = np.where(rng.random(n) < 0.55, 1 + rng.integers(0, len(COMMUTE_LIMITS), size=n), 0)
    bits = needs.astype(np.int64) @ (1 << np.arange(len(_NEED_NAMES), dtype=np.int64))
    return shared(np.stack([bits, mode, commute], axis=1), _build_needs), unknown_profile


def _skills_and_interests(
    rng: np.random.Generator, n: int
) -> tuple[list[list[str]], list[list[str]]]:
    """Skills from one or two task families; interests mostly from the first."""
    fam_w = normalised([f.candidate_weight for f in FAMILIES])
    fam1 = rng.choice(len(FAMILIES), size=n, p=fam_w)
    fam2 = rng.choice(len(FAMILIES), size=n, p=fam_w)
    task_fw = family_task_weights()
    second = np.where(rng.random(n) < 0.4, 0.5, 0.0)
    skill_w = task_fw[fam1] + second[:, None] * task_fw[fam2] + 0.01
    n_skills = rng.choice(6, size=n, p=normalised([0.08, 0.15, 0.25, 0.25, 0.17, 0.10]))
    skills = tag_lists(TASKS, *top_k(rng, skill_w, n_skills))
    interest_w = family_interest_weights()[fam1] + 0.05
    n_interests = rng.choice(4, size=n, p=normalised([0.20, 0.35, 0.30, 0.15]))
    interests = tag_lists(INTERESTS, *top_k(rng, interest_w, n_interests))
    return skills, interests


def _exclusions(rng: np.random.Generator, n: int, n_packages: int) -> dict[int, list[str]]:
    """A few candidates said no to a package or two: their rows and the package ids."""
    excluding = rng.random(n) < 0.03
    n_excluded = rng.integers(1, 3, size=n)
    excluded_idx = rng.integers(0, max(n_packages, 1), size=(n, 2))
    rows = np.flatnonzero(excluding & (n_packages > 0)).tolist()
    counts, picks = n_excluded.tolist(), excluded_idx.tolist()
    return {i: [f"p-{j:05d}" for j in sorted(set(picks[i][: counts[i]]))] for i in rows}


# Builders of the shared, validated sub-models, one per distinct row of drawn values.
def _build_hours(row: list[int]) -> CandidateHours:
    lo, hi, day = row
    return CandidateHours(min=float(lo), max=float(hi), max_per_day=float(day) if day else None)


def _build_needs(row: list[int]) -> Needs:
    bits, how, limit = row
    flags = {name: True for b, name in enumerate(_NEED_NAMES) if bits >> b & 1}
    if flags.pop("not_independent", False):
        flags["travels_independently"] = False
    return Needs.model_validate(
        {
            **flags,
            "travel_mode": TRAVEL_MODES[how],
            "max_commute_minutes": COMMUTE_LIMITS[limit - 1] if limit else None,
        }
    )


def _build_capacities(row: list[int]) -> Capacities:
    half = len(row) // 2
    return Capacities.model_validate(
        {DIMENSIONS[d]: lv for d, lv in zip(row[:half], row[half:], strict=True) if d >= 0}
    )
