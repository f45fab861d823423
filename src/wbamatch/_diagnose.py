"""Fit check for a person already placed: too heavy, far below capacity, room to grow, options.

The brief: jobs far below a person's capacity, or too heavy, lead to dropout. :func:`diagnose`
looks at a current placement the way a jobcoach would at a review:

- **too heavy**: dimensions where the package demands more than the candidate can bear;
- **far below capacity**: dimensions of :data:`STRETCH_DIMENSIONS` where the candidate can do
  at least :data:`UNDERUSED_GAP` levels more than the package asks (``underused``), and an
  education :data:`FAR_ABOVE_LEVEL` or more ranks above the package's level (``overqualified``);
- **growth**: hours the candidate could add (their maximum minus the package's hours) and the
  hours the package can grow to;
- **alternatives**: the two best packages from a given list, by the core score.

Feasibility, the score and the alternatives come from :func:`wbamatch.compatibility`, so the
diagnosis agrees with :func:`wbamatch.match` and :func:`wbamatch.explain`.

The result carries capacity levels (health data): it is returned to the caller only and never
logged. :meth:`Diagnosis.text` says it in plain words: Dutch by default, English with
``lang="en"``, ``MatchConfig(lang="en")`` or ``WBAMATCH_LANG=en``.

Example
-------
>>> import wbamatch
>>> from wbamatch._diagnose import diagnose
>>> cands, packs = wbamatch.demo_data()
>>> d = diagnose(cands[1], packs[1], alternatives=packs)   # Joop on seated series packing
>>> [g.dimension for g in d.too_heavy], d.alternatives[0].package_id
(['sitting'], 'p-003')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ._api import compatibility
from ._catalogue import Lang, Listing, Number, Percent, Term, resolve_lang, term, text
from ._commute import TravelTimeProvider
from ._config import MatchConfig
from ._explain import Explanation, explain_pair, package_name, reason_in, score_words
from ._models import Candidate, TaskPackage, as_model
from ._vocabulary import DIMENSIONS, EDUCATION_RANK, Education

__all__ = [
    "FAR_ABOVE_LEVEL",
    "STRETCH_DIMENSIONS",
    "UNDERUSED_GAP",
    "Diagnosis",
    "DiagnosisAlternative",
    "DimensionGap",
    "diagnose",
]

#: A dimension counts as underused when the candidate can do this many levels more than the
#: package asks (for example capacity 3, demand 1: the job asks "a little" of someone without
#: limitation there).
UNDERUSED_GAP: Final[int] = 2

#: Dimensions where asking far less than a person can do means the work is below their
#: capacity: attention, switching, independence, deadlines and pace, the load of the work itself.
#: Tolerances (noise, lifting, sitting) and the social dimensions are left out: not being
#: exposed to noise or not supervising anyone does not under-challenge a person.
STRETCH_DIMENSIONS: Final[tuple[str, ...]] = (
    "concentration",
    "task_switching",
    "independence",
    "time_pressure",
    "work_pace",
)

#: Education this many ranks above the package's level is "far above" it (ranks of
#: :data:`~wbamatch._vocabulary.EDUCATION_RANK`: none, vso_pro, mbo1 .. mbo4, hbo, wo; a package
#: without a minimum counts as level none, as in the ``level`` score). Three ranks: an mbo2
#: candidate on a job for anyone is; an mbo1 candidate is not, nor a wo graduate on an hbo job.
FAR_ABOVE_LEVEL: Final[int] = 3

#: How many alternative packages a diagnosis lists.
N_ALTERNATIVES: Final[int] = 2

_EDUCATION = {rank: edu.value for edu, rank in EDUCATION_RANK.items()}


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DimensionGap(_Result):
    """A dimension where demand and capacity are far apart."""

    dimension: str
    capacity: int = Field(description="What the candidate can bear (0..3).")
    demand: int = Field(description="What the package asks (0..3).")


class DiagnosisAlternative(_Result):
    """A package from the alternatives that fits the candidate, with its core score."""

    package_id: str
    employer: str
    score: float
    hours: float
    title: str = ""


class Diagnosis(_Result):
    """How well a current placement fits, and what could be better.

    ``flags`` names what stands out, in this order: ``infeasible`` (a hard rule is broken),
    ``too_heavy``, ``underused``, ``overqualified``, ``far_below_capacity`` (underused and
    overqualified at once: the brief's dropout risk), ``no_growth`` (the candidate wants to grow
    and neither their hours nor the package leave room), ``better_alternative`` (an alternative
    scores higher).
    """

    candidate_id: str
    package_id: str
    feasible: bool = Field(description="No hard rule broken (as wbamatch.compatibility).")
    score: float = Field(description="Core score of the placement (0 when infeasible).")
    broken_rules: list[str] = Field(description="Reason codes of the hard rules broken.")
    too_heavy: list[DimensionGap] = Field(description="Demand above capacity.")
    underused: list[DimensionGap] = Field(
        description=f"Capacity at least {UNDERUSED_GAP} above demand, on STRETCH_DIMENSIONS."
    )
    education: str = Field(description="The candidate's education.")
    package_level: str = Field(description="The package's minimum education ('none' if none).")
    education_gap: int | None = Field(
        description="Education ranks above the package level; None when education is unknown."
    )
    overqualified: bool = Field(description=f"education_gap of {FAR_ABOVE_LEVEL} or more.")
    hours: float = Field(description="Hours a week of the package.")
    hours_headroom: float = Field(
        description="The candidate's maximum hours minus the package's (negative: too many)."
    )
    growth_to: float | None = Field(description="Hours the package can grow to, if any.")
    growth_possible: float = Field(
        description="Hours the placement could grow by: within both the candidate's maximum "
        "and the package's growth path (0 when either has no room)."
    )
    wants_growth: bool
    alternatives: list[DiagnosisAlternative] = Field(
        description="The best feasible packages from the alternatives, best first."
    )
    flags: list[str]
    explanation: Explanation
    title: str = Field("", description="Title of the package.")
    employer: str = Field("", description="Employer of the package (else its organisation).")
    lang: Lang | None = Field(None, description="Language of text(): the config's lang.")

    def text(self, lang: str | None = None) -> str:
        """A short paragraph for a jobcoach or recruiter, in plain words.

        ``lang`` is ``"nl"`` or ``"en"``; None takes the config's language, else
        ``WBAMATCH_LANG``, else Dutch.

        Example
        -------
        >>> import wbamatch
        >>> from wbamatch._diagnose import diagnose
        >>> cands, packs = wbamatch.demo_data()
        >>> d = diagnose(cands[0], packs[0])
        >>> "dit past, 78% — past goed." in d.text("nl"), "it fits, 78%" in d.text("en")
        (True, True)
        """
        chosen = resolve_lang(lang if lang is not None else self.lang)
        return " ".join(self._sentences(chosen))

    def _sentences(self, lang: Lang) -> list[str]:
        where = package_name(self.package_id, self.title, self.employer, lang)
        if self.feasible:
            head = text(
                "diagnose.fits",
                lang,
                candidate=self.candidate_id,
                package=where,
                score=score_words(self.score, lang),
            )
        else:
            words = tuple(reason_in(code, lang) for code in self.broken_rules)
            head = text(
                "diagnose.no_fit",
                lang,
                candidate=self.candidate_id,
                package=where,
                reasons=Listing(words),
            )
        parts = [head]
        if self.too_heavy:
            gaps = tuple(
                text(
                    "diagnose.gap.heavy",
                    lang,
                    dim=Term(g.dimension),
                    demand=g.demand,
                    capacity=g.capacity,
                )
                for g in self.too_heavy
            )
            parts.append(text("diagnose.too_heavy", lang, dims=Listing(gaps)))
        if self.underused:
            dims = tuple(Term(g.dimension) for g in self.underused)
            parts.append(text("diagnose.underused", lang, dims=Listing(dims)))
        if self.overqualified and self.education_gap is not None:
            values = {
                "education": Term(Education(self.education)),
                "level": Term(Education(self.package_level)),
                "gap": self.education_gap,
            }
            key = "diagnose.overqualified"
            if self.package_level == Education.NONE.value:
                key += ".no_minimum"
            parts.append(text(key, lang, **values))
        if "far_below_capacity" in self.flags:
            parts.append(text("diagnose.far_below", lang))
        if self.growth_possible > 0:
            parts.append(text("diagnose.growth", lang, hours=Number(self.growth_possible)))
        elif self.wants_growth:
            parts.append(text("diagnose.no_growth", lang))
        if self.alternatives:
            named = tuple(
                text(
                    "diagnose.alternative",
                    lang,
                    package=package_name(a.package_id, a.title, a.employer, lang),
                    percent=Percent(a.score),
                )
                for a in self.alternatives
            )
            key = "diagnose.alternatives"
            if "better_alternative" in self.flags:
                key += ".better"
            parts.append(text(key, lang, alternatives=Listing(named)))
        return parts

    def _repr_html_(self) -> str:
        """Notebook view: the findings in words, and the dimensions that stand out."""
        from ._html import block, heading, table

        lang = resolve_lang(self.lang)
        cells = [
            [text(f"diagnose.html.{kind}", lang), term(g.dimension, lang), g.demand, g.capacity]
            for kind, gaps in (("heavy", self.too_heavy), ("underused", self.underused))
            for g in gaps
        ]
        parts = []
        if cells:
            parts = [
                heading(text("diagnose.html.gaps", lang)),
                table(
                    [
                        text(f"diagnose.html.col.{c}", lang)
                        for c in ("finding", "part", "demand", "capacity")
                    ],
                    cells,
                    numeric=[2, 3],
                    lang=lang,
                ),
            ]
        return block(
            text("diagnose.html.title", lang, candidate=self.candidate_id, package=self.package_id),
            self._sentences(lang),
            parts,
        )


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
    explanation = explain_pair(comp, 0, 0)
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
    edu = int(comp.candidates.education[0])
    level = max(int(comp.packages.min_education[0]), 0)  # no minimum: level "none"
    gap = None if edu < 0 else edu - level
    overqualified = gap is not None and gap >= FAR_ABOVE_LEVEL
    per_week = pkg.hours.per_week
    headroom = cand.hours.max - per_week
    growth_to = pkg.hours.growth_to
    growth_possible = max(0.0, min(headroom, (growth_to or per_week) - per_week))
    alts = _alternatives(cand, pkg.id, alternatives, config, travel_minutes)
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


def _alternatives(
    cand: Candidate,
    current: str,
    alternatives: Iterable[TaskPackage | Mapping[str, Any]] | None,
    config: MatchConfig | Mapping[str, Any] | None,
    travel_minutes: TravelTimeProvider | None,
) -> list[DiagnosisAlternative]:
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
