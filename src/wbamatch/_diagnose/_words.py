"""A diagnosis in words, for a jobcoach or recruiter: :func:`sentences`.

First whether the pair fits (and how well, or which hard rules it breaks), then what stands
out: dimensions too heavy, dimensions far below capacity, education far above the package's
level, room to grow, and the alternatives.

Example
-------
>>> import wbamatch
>>> from wbamatch._diagnose import diagnose
>>> cands, packs = wbamatch.demo_data()
>>> sentences(diagnose(cands[1], packs[1]), "en")[1].startswith("Too heavy")
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._catalogue import Lang, Listing, Number, Percent, Term, text
from .._explain import package_name, reason_in, score_words
from .._vocabulary import Education

if TYPE_CHECKING:
    from ._findings import Diagnosis

__all__ = ["sentences"]


def sentences(d: Diagnosis, lang: Lang) -> list[str]:
    """The sentences of :meth:`Diagnosis.text`, in order."""
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
