"""Rules about the person's level and their own say: education, and the candidate's "no"."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..config import MatchConfig
from ..encode import CandidateArrays, PackageArrays
from ..vocabulary import EDUCATION_RANK
from ._arrays import col, row
from ._registry import REGISTRY, Mask, PairContext, Rule, no_values
from ._text import CodeText, Term, Words

__all__ = ["education", "excluded"]

_EDUCATION = {rank: edu for edu, rank in EDUCATION_RANK.items()}


def education(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``education``: below the package minimum; ``education_unknown``: unknown, so not passed."""
    has_min = row(p.min_education >= 0)
    known = col(c.education >= 0)
    below = col(c.education) < row(p.min_education)
    return {
        "education": has_min & known & below,
        "education_unknown": has_min & ~known,
    }


def excluded(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``excluded``: the candidate said no to this package."""
    mask = np.zeros((len(c), len(p)), dtype=np.bool_)
    column = {pid: j for j, pid in enumerate(p.ids)}
    rows: list[int] = []
    cols: list[int] = []
    # A loop over each candidate's own short list of refusals, not over pairs.
    for i, refused in enumerate(c.excluded):
        for pid in refused:
            j = column.get(pid)
            if j is not None:
                rows.append(i)
                cols.append(j)
    mask[rows, cols] = True
    return {"excluded": mask}


def _education_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchConfig, i: int, j: int
) -> dict[str, Any]:
    return {
        "education": Term(_EDUCATION[int(c.education[i])]),
        "minimum": Term(_EDUCATION[int(p.min_education[j])]),
    }


REGISTRY.register(
    Rule(
        name="education",
        function=education,
        values=_education_values,
        texts={
            "education": CodeText(
                reason=Words("education below the minimum", "opleiding onder het vereiste niveau"),
                candidate=Words("education {education}", "opleiding {education}"),
                package=Words("asks at least {minimum}", "vraagt minimaal {minimum}"),
                message=Words(
                    "The candidate's education ({education}) is below what the package asks "
                    "({minimum}).",
                    "De opleiding van de kandidaat ({education}) ligt onder wat het pakket "
                    "vraagt ({minimum}).",
                ),
            ),
            "education_unknown": CodeText(
                reason=Words("education not known", "opleiding niet bekend"),
                candidate=Words("education not known", "opleiding niet bekend"),
                package=Words("asks at least {minimum}", "vraagt minimaal {minimum}"),
                message=Words(
                    "The candidate's education is not known, so the package's minimum "
                    "({minimum}) is not shown to be met.",
                    "De opleiding van de kandidaat is niet bekend, dus het vereiste niveau van "
                    "het pakket ({minimum}) is niet aangetoond.",
                ),
            ),
        },
        reads=("education",),
        package_reads=("min_education",),
        summary=Words(
            "the candidate's education is below the package's minimum, or not known",
            "de opleiding van de kandidaat ligt onder het vereiste niveau, of is onbekend",
        ),
    )
)

REGISTRY.register(
    Rule(
        name="excluded",
        function=excluded,
        values=no_values,
        texts={
            "excluded": CodeText(
                reason=Words("they said no to it", "de kandidaat wil dit niet"),
                candidate=Words("said no to this package", "heeft dit pakket afgewezen"),
                package=Words("this package", "dit pakket"),
                message=Words(
                    "The candidate said no to this package.",
                    "De kandidaat heeft dit pakket afgewezen.",
                ),
            )
        },
        reads=("excluded",),
        package_reads=("ids",),
        relaxable=False,
        summary=Words(
            "the candidate said no to this package (always hard, never a near miss)",
            "de kandidaat heeft dit pakket afgewezen (altijd hard, nooit een bijna-match)",
        ),
    )
)
