"""Score components: one function per named component, each a matrix in [0, 1].

The score of a pair is the weighted mean of its components (weights from
:meth:`MatchConfig.component_weights`), minus ``config.penalty`` for each rule in penalty mode
that the pair breaks, clipped to [0, 1]. :func:`score_components` keeps each weighted
contribution, so an explanation adds exactly the numbers that made the score.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from .constraints import PairContext
from .encode import CONTRACT_CODE, CandidateArrays, PackageArrays
from .vocabulary import SCORE_COMPONENTS, ContractType

__all__ = [
    "COMPONENT_FUNCTIONS",
    "CONTRACT_DURABILITY",
    "combine",
    "score_components",
]

Matrix = NDArray[np.float64]

#: Durability score per contract type: permanent jobs first (the seeds prefer them over
#: temporary jobs and secondment); contracts that do not count for the Banenafspraak last.
CONTRACT_DURABILITY: dict[ContractType, float] = {
    ContractType.PERMANENT: 1.0,
    ContractType.TEMPORARY: 0.5,  # up to 0.7 for a contract of 24 months or more
    ContractType.SECONDMENT: 0.4,
    ContractType.AGENCY: 0.0,
    ContractType.ZERO_HOURS: 0.0,
    ContractType.MIN_MAX: 0.0,
}


def _cosine(left: Sequence[Sequence[str]], right: Sequence[Sequence[str]]) -> Matrix:
    """Cosine similarity of tag sets, shape ``(len(left), len(right))``; empty sets score 0."""
    from sklearn.preprocessing import MultiLabelBinarizer, normalize

    classes = sorted({t for tags in left for t in tags} | {t for tags in right for t in tags})
    if not classes:
        return np.zeros((len(left), len(right)))
    binarizer = MultiLabelBinarizer(classes=classes, sparse_output=True)
    a = normalize(binarizer.fit_transform(left).astype(np.float64))
    b = normalize(binarizer.transform(right).astype(np.float64))
    sim: Matrix = np.asarray((a @ b.T).toarray(), dtype=np.float64)
    return np.clip(sim, 0.0, 1.0)


def skills(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> Matrix:
    """Cosine similarity of the candidate's skills and the package's tasks."""
    return _cosine(c.skills, p.tasks)


def interests(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> Matrix:
    """Cosine similarity of the candidate's interests and the package's tasks and tags."""
    return _cosine(c.interests, [t + g for t, g in zip(p.tasks, p.tags, strict=True)])


def level(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> Matrix:
    """Level fit: 1 up to ``config.level_tolerance`` ranks above the package, then down by a third
    per rank (a job far below a person's level leads to dropout). A package without minimum is
    taken as level ``none``; an unknown education scores 0.5 (unknown is not a fit).
    """
    package_level = np.maximum(p.min_education, 0).astype(np.float64)
    gap = c.education[:, None] - package_level[None, :] - ctx.config.level_tolerance
    fit = np.clip(1.0 - np.maximum(gap, 0.0) / 3.0, 0.0, 1.0)
    return np.where(c.education[:, None] < 0, 0.5, fit)


def hours(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> Matrix:
    """Hours fit: inside the candidate's range, 0.6 at its minimum up to 1 at its maximum (more
    hours, more income and more banen); 0 outside the range.
    """
    lo, hi = c.hours_min[:, None], c.hours_max[:, None]
    week = p.per_week[None, :]
    span = np.maximum(hi - lo, 1e-9)
    inside = (week >= lo - 1e-9) & (week <= hi + 1e-9)
    fit = 0.6 + 0.4 * np.clip((week - lo) / span, 0.0, 1.0)
    return np.where(inside, fit, 0.0)


def commute(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> Matrix:
    """Commute: 1 for no travel (remote), falling linearly to 0 at ``commute_score_minutes``;
    0 when the travel time is unknown.
    """
    t = ctx.minutes
    score = np.clip(1.0 - t / ctx.config.commute_score_minutes, 0.0, 1.0)
    score = np.where(np.isnan(t), 0.0, score)
    return np.where(p.remote[None, :], 1.0, score)


def contract(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> Matrix:
    """Contract durability per :data:`CONTRACT_DURABILITY`; temporary gains with its length."""
    base = np.zeros(len(p))
    for kind, value in CONTRACT_DURABILITY.items():
        base[p.contract == CONTRACT_CODE[kind]] = value
    temporary = p.contract == CONTRACT_CODE[ContractType.TEMPORARY]
    months = np.nan_to_num(p.months, nan=0.0)
    base = np.where(temporary, base + 0.2 * np.clip(months / 24.0, 0.0, 1.0), base)
    return np.broadcast_to(base[None, :], (len(c), len(p))).astype(np.float64)


def growth(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> Matrix:
    """Growth: for candidates who want to grow, 1 when the package can grow by 8 hours or more
    (K. grew from 16 to 32), pro rata below; 1 for candidates who did not ask for growth.
    """
    room = np.nan_to_num(p.growth_to - p.per_week, nan=0.0)
    offered = np.clip(room / 8.0, 0.0, 1.0)
    return np.where(c.wants_growth[:, None], offered[None, :], 1.0)


ComponentFunction = Callable[[CandidateArrays, PackageArrays, PairContext], Matrix]

#: Component name -> function. Keys are exactly :data:`~wbamatch.vocabulary.SCORE_COMPONENTS`.
COMPONENT_FUNCTIONS: Mapping[str, ComponentFunction] = {
    "skills": skills,
    "interests": interests,
    "level": level,
    "hours": hours,
    "commute": commute,
    "contract": contract,
    "growth": growth,
}
assert tuple(COMPONENT_FUNCTIONS) == SCORE_COMPONENTS


def score_components(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Matrix]:
    """Weighted contribution of every component, shape ``(n_candidates, n_packages)`` each.

    Contributions are ``weight * component / sum(weights)``, so they add up to the unpenalised
    score. Components with weight 0 are not computed (their contribution is 0).
    """
    weights = ctx.config.component_weights()
    total = sum(weights.values())
    shape = (len(c), len(p))
    out: dict[str, Matrix] = {}
    for name, fn in COMPONENT_FUNCTIONS.items():
        w = weights[name]
        if w == 0:
            out[name] = np.zeros(shape)
            continue
        out[name] = np.broadcast_to(fn(c, p, ctx), shape) * (w / total)
    return out


def combine(
    contributions: Mapping[str, Matrix], n_penalties: NDArray[np.integer], penalty: float
) -> Matrix:
    """Score = sum of contributions minus ``penalty`` per penalised rule broken, in [0, 1]."""
    total = np.zeros(n_penalties.shape)
    for value in contributions.values():
        total = total + value
    return np.clip(total - penalty * n_penalties, 0.0, 1.0)
