"""What a diagnosis finds: the thresholds, :class:`DimensionGap`, :class:`DiagnosisAlternative`
and :class:`Diagnosis`, with its paragraph in words (:func:`sentences`) and its notebook view.

The paragraph says first whether the pair fits (and how well, or which hard rules it breaks),
then what stands out: dimensions too heavy, dimensions far below capacity, education far above
the package's level, room to grow, and the alternatives.

The result carries capacity levels (health data): it is returned to the caller only and never
logged.

Example
-------
>>> DimensionGap(dimension="work_pace", capacity=1, demand=3).demand
3
"""

from __future__ import annotations

from typing import Final

from pydantic import Field

from .._catalogue import Lang, Listing, Number, Percent, Term, resolve_lang, term, text
from .._explain import Explanation, package_name, reason_in, score_words
from .._models import ResultModel
from .._vocabulary import FAR_ABOVE_LEVEL, Education

__all__ = [
    "FAR_ABOVE_LEVEL",
    "N_ALTERNATIVES",
    "STRETCH_DIMENSIONS",
    "UNDERUSED_GAP",
    "Diagnosis",
    "DiagnosisAlternative",
    "DimensionGap",
    "sentences",
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


#: How many alternative packages a diagnosis lists.
N_ALTERNATIVES: Final[int] = 2


class _Result(ResultModel):
    """The base of these models (:class:`~wbamatch._models.ResultModel`: frozen, no unknown
    fields)."""


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
        >>> "dit past, 75% — past goed." in d.text("nl"), "it fits, 75%" in d.text("en")
        (True, True)
        """
        chosen = resolve_lang(lang if lang is not None else self.lang)
        return " ".join(sentences(self, chosen))

    def _repr_html_(self) -> str:
        """Notebook view: the findings in words, and the dimensions that stand out."""
        from .._html import block, heading, table

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
            sentences(self, lang),
            parts,
        )


# The words live with the model they describe: Diagnosis.text() calls them, and they read
# every finding of a Diagnosis, so a separate module would have to import the model back.


def sentences(d: Diagnosis, lang: Lang) -> list[str]:
    """The sentences of :meth:`Diagnosis.text`, in order.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._diagnose import diagnose
    >>> cands, packs = wbamatch.demo_data()
    >>> sentences(diagnose(cands[1], packs[1]), "en")[1].startswith("Too heavy")
    True
    """
    parts = [_fit(d, lang), *_gaps(d, lang), *_education(d, lang)]
    if "far_below_capacity" in d.flags:
        parts.append(text("diagnose.far_below", lang))
    if d.growth_possible > 0:
        parts.append(text("diagnose.growth", lang, hours=Number(d.growth_possible)))
    elif d.wants_growth:
        parts.append(text("diagnose.no_growth", lang))
    return parts + _alternatives(d, lang)


def _fit(d: Diagnosis, lang: Lang) -> str:
    """Whether the pair fits, and how well; or the hard rules it breaks."""
    where = package_name(d.package_id, d.title, d.employer, lang)
    if d.feasible:
        return text(
            "diagnose.fits",
            lang,
            candidate=d.candidate_id,
            package=where,
            score=score_words(d.score, lang),
        )
    words = tuple(reason_in(code, lang) for code in d.broken_rules)
    return text(
        "diagnose.no_fit", lang, candidate=d.candidate_id, package=where, reasons=Listing(words)
    )


def _gaps(d: Diagnosis, lang: Lang) -> list[str]:
    """The dimensions too heavy (with demand and capacity), then those far below capacity."""
    parts = []
    if d.too_heavy:
        gaps = tuple(
            text(
                "diagnose.gap.heavy",
                lang,
                dim=Term(g.dimension),
                demand=g.demand,
                capacity=g.capacity,
            )
            for g in d.too_heavy
        )
        parts.append(text("diagnose.too_heavy", lang, dims=Listing(gaps)))
    if d.underused:
        dims = tuple(Term(g.dimension) for g in d.underused)
        parts.append(text("diagnose.underused", lang, dims=Listing(dims)))
    return parts


def _education(d: Diagnosis, lang: Lang) -> list[str]:
    """Education far above the package's level (or above a package without a minimum)."""
    if not d.overqualified or d.education_gap is None:
        return []
    values = {
        "education": Term(Education(d.education)),
        "level": Term(Education(d.package_level)),
        "gap": d.education_gap,
    }
    key = "diagnose.overqualified"
    if d.package_level == Education.NONE.value:
        key += ".no_minimum"
    return [text(key, lang, **values)]


def _alternatives(d: Diagnosis, lang: Lang) -> list[str]:
    """The alternatives with their scores, said to be better when one scores higher."""
    if not d.alternatives:
        return []
    named = tuple(
        text(
            "diagnose.alternative",
            lang,
            package=package_name(a.package_id, a.title, a.employer, lang),
            percent=Percent(a.score),
        )
        for a in d.alternatives
    )
    key = "diagnose.alternatives"
    if "better_alternative" in d.flags:
        key += ".better"
    return [text(key, lang, alternatives=Listing(named))]
