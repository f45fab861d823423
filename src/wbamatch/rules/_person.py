"""Rules about the person's level and their own say: education, and the candidate's "no"."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._encode import CandidateArrays, PackageArrays
from .._settings import MatchSettings
from .._vocabulary import EDUCATION_RANK
from ._arrays import col, row
from ._registry import REGISTRY, Mask, PairContext, Rule, no_values
from ._text import Term, from_catalogue, summary

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
    column = p.column_of
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
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchSettings, i: int, j: int
) -> dict[str, Any]:
    return {
        "education": Term(_EDUCATION[int(c.education[i])]),
        "minimum": Term(_EDUCATION[int(p.min_education[j])]),
    }


def _near_education(
    code: str,
    c: CandidateArrays,
    p: PackageArrays,
    t: NDArray[np.float64],
    cfg: MatchSettings,
    i: NDArray[np.intp],
    j: NDArray[np.intp],
) -> NDArray[np.bool_]:
    """At most ``near_miss.levels`` ranks below the minimum; unknown is never near."""
    if code == "education_unknown":
        return np.zeros(i.size, dtype=np.bool_)
    gap = p.min_education[j].astype(np.int64) - c.education[i]
    out: NDArray[np.bool_] = gap <= cfg.near_miss.levels
    return out


REGISTRY.register(
    Rule(
        name="education",
        function=education,
        values=_education_values,
        texts=from_catalogue("education", "education_unknown"),
        reads=("education",),
        package_reads=("min_education",),
        near=_near_education,
        summary=summary("education"),
    )
)

REGISTRY.register(
    Rule(
        name="excluded",
        function=excluded,
        values=no_values,
        texts=from_catalogue("excluded"),
        reads=("excluded",),
        package_reads=("ids",),
        relaxable=False,
        summary=summary("excluded"),
    )
)
