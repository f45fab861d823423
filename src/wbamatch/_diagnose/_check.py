"""Checking a placement: :func:`diagnose`, from the feasibility, scores and arrays of
:func:`wbamatch.compatibility`, so that a diagnosis agrees with :func:`wbamatch.match` and
:func:`wbamatch.explain`.

Example
-------
>>> import wbamatch
>>> cands, packs = wbamatch.demo_data()
>>> diagnose(cands[0], packs[0]).flags
['underused']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from .._api import compatibility
from .._commute import TravelTimeProvider
from .._compatibility import Compatibility
from .._config import MatchConfig
from .._explain import explain_pair
from .._models import Candidate, TaskPackage, as_model
from .._vocabulary import DIMENSIONS, EDUCATION_RANK
from ._findings import (
    FAR_ABOVE_LEVEL,
    N_ALTERNATIVES,
    STRETCH_DIMENSIONS,
    UNDERUSED_GAP,
    Diagnosis,
    DiagnosisAlternative,
    DimensionGap,
)

__all__ = ["diagnose"]

#: Education rank -> its value, for the package's level.
_EDUCATION = {rank: edu.value for edu, rank in EDUCATION_RANK.items()}


def diagnose(
    candidate: Candidate | Mapping[str, Any],
    package: TaskPackage | Mapping[str, Any],
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    alternatives: Iterable[TaskPackage | Mapping[str, Any]] | None = None,
    travel_minutes: TravelTimeProvider | None = None,
) -> Diagnosis:
    """Check how well a current placement fits: too heavy, far below capacity, room to grow.

    Parameters
    ----------
    candidate
        The person placed, a :class:`~wbamatch.Candidate` or a dict.
    package
        The package they hold, a :class:`~wbamatch.TaskPackage` or a dict.
    config
        A :class:`~wbamatch.MatchConfig` (or a dict): rule modes and score weights.
    alternatives
        Packages to compare with; the :data:`N_ALTERNATIVES` best feasible ones (by core score,
        ties by id; the current package's id left out) are listed.
    travel_minutes
        A :class:`~wbamatch._commute.TravelTimeProvider`; default: estimated.

    Returns
    -------
    Diagnosis
        The findings, their ``flags`` and the explanation of the current pair.

    Raises
    ------
    pydantic.ValidationError, InputError
        A record does not validate, or the alternatives hold duplicate ids.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._diagnose import diagnose
    >>> person = {"id": "c-1", "education": "hbo", "hours": {"min": 16, "max": 32},
    ...           "wants_growth": True, "home": {"place": "Utrecht"}}
    >>> job = {"id": "p-1", "hours": {"per_week": 16, "growth_to": 24},
    ...        "location": {"place": "Utrecht"}, "demands": {"concentration": 1}}
    >>> d = diagnose(person, job)
    >>> d.overqualified, d.growth_possible, "underused" in d.flags
    (True, 8.0, True)
    """
    cand = as_model(candidate, Candidate, "candidate")
    pkg = as_model(package, TaskPackage, "package")
    comp = compatibility([cand], [pkg], config, travel_minutes=travel_minutes)
    alts = _alternatives(cand, pkg.id, alternatives, config, travel_minutes)
    return _diagnosis(cand, pkg, comp, alts)


def _diagnosis(
    cand: Candidate, pkg: TaskPackage, comp: Compatibility, alts: list[DiagnosisAlternative]
) -> Diagnosis:
    """The findings on the one pair of ``comp``, compared with the alternatives ``alts``."""
    explanation = explain_pair(comp, 0, 0)
    too_heavy, underused = _gaps(comp)
    edu = int(comp.candidates.education[0])
    level = max(int(comp.packages.min_education[0]), 0)  # no minimum: level "none"
    gap = None if edu < 0 else edu - level
    overqualified = gap is not None and gap >= FAR_ABOVE_LEVEL
    per_week = pkg.hours.per_week
    headroom = cand.hours.max - per_week
    growth_to = pkg.hours.growth_to
    growth_possible = max(0.0, min(headroom, (growth_to or per_week) - per_week))
    score = float(comp.scores[0, 0])
    flags = [
        name
        for name, on in (
            ("infeasible", not bool(comp.feasible[0, 0])),
            ("too_heavy", bool(too_heavy)),
            ("underused", bool(underused)),
            ("overqualified", overqualified),
            ("far_below_capacity", bool(underused) and overqualified),
            ("no_growth", cand.wants_growth and growth_possible <= 0),
            ("better_alternative", any(a.score > score for a in alts)),
        )
        if on
    ]
    return Diagnosis(
        candidate_id=cand.id,
        package_id=pkg.id,
        feasible=bool(comp.feasible[0, 0]),
        score=score,
        broken_rules=[v.code for v in explanation.violations if v.mode == "hard"],
        too_heavy=too_heavy,
        underused=underused,
        education=cand.education.value,
        package_level=_EDUCATION[level],
        education_gap=gap,
        overqualified=overqualified,
        hours=per_week,
        hours_headroom=headroom,
        growth_to=growth_to,
        growth_possible=growth_possible,
        wants_growth=cand.wants_growth,
        alternatives=alts,
        flags=flags,
        explanation=explanation,
        title=pkg.title,
        employer=pkg.employer or pkg.organisation,
        lang=comp.config.lang,
    )


def _gaps(comp: Compatibility) -> tuple[list[DimensionGap], list[DimensionGap]]:
    """The dimensions too heavy, and those of :data:`STRETCH_DIMENSIONS` far below capacity."""
    capacities = comp.candidates.capacities[0]
    demands = comp.packages.demands[0]
    # An unknown profile has no gaps to show either way: too heavy or underused is not known
    # (its rule, capacity_unknown, is in the explanation).
    known = not bool(comp.candidates.capacities_unknown[0])
    too_heavy = [
        DimensionGap(dimension=d, capacity=int(capacities[k]), demand=int(demands[k]))
        for k, d in enumerate(DIMENSIONS)
        if known and demands[k] > capacities[k]
    ]
    stretch = {DIMENSIONS.index(d) for d in STRETCH_DIMENSIONS}
    underused = [
        DimensionGap(dimension=d, capacity=int(capacities[k]), demand=int(demands[k]))
        for k, d in enumerate(DIMENSIONS)
        if known and k in stretch and capacities[k] - demands[k] >= UNDERUSED_GAP
    ]
    return too_heavy, underused


def _alternatives(
    cand: Candidate,
    current: str,
    alternatives: Iterable[TaskPackage | Mapping[str, Any]] | None,
    config: MatchConfig | Mapping[str, Any] | None,
    travel_minutes: TravelTimeProvider | None,
) -> list[DiagnosisAlternative]:
    """The :data:`N_ALTERNATIVES` best feasible packages of ``alternatives`` for ``cand``, by
    core score, ties by id; the package ``current`` left out."""
    if alternatives is None:
        return []
    others = [
        p for p in (as_model(a, TaskPackage, "package") for a in alternatives) if p.id != current
    ]
    if not others:
        return []
    comp = compatibility([cand], others, config, travel_minutes=travel_minutes)
    by_id = {p.id: p for p in others}
    feasible = np.flatnonzero(comp.feasible[0])
    # Columns are in id order, so a stable sort on the score breaks ties by id.
    order = feasible[np.argsort(-comp.scores[0, feasible], kind="stable")][:N_ALTERNATIVES]
    return [
        DiagnosisAlternative(
            package_id=comp.package_ids[j],
            employer=by_id[comp.package_ids[j]].employer,
            score=float(comp.scores[0, j]),
            hours=by_id[comp.package_ids[j]].hours.per_week,
            title=by_id[comp.package_ids[j]].title,
        )
        for j in order.tolist()
    ]
