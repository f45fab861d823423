"""Score components: one function per named component, each giving values in [0, 1].

Components are evaluated on pairs given as index arrays ``(i, j)`` (candidate rows, package
rows), so the same code scores a dense grid of all pairs or only the feasible ones.

The score of a pair is the weighted mean of its components (weights from
:meth:`MatchConfig.component_weights`), minus ``config.penalty`` for each rule in penalty mode
that the pair breaks, clipped to [0, 1]. :func:`score_components` keeps each weighted
contribution, so an explanation adds exactly the numbers that made the score.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import NamedTuple
from weakref import WeakKeyDictionary

import numpy as np
from numpy.typing import NDArray

from ._encode import CONTRACT_CODE, CandidateArrays, PackageArrays
from ._vocabulary import DIMENSIONS, SCORE_COMPONENTS, SUPPORT_MIN_NEEDS, ContractType
from .rules import PairContext

__all__ = [
    "COMPONENT_FUNCTIONS",
    "CONTRACT_DURABILITY",
    "LEVEL_GROWTH_RANKS",
    "combine",
    "growth_offered",
    "score_components",
]

Values = NDArray[np.float64]
Index = NDArray[np.intp]

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


#: Education ranks of growth (``growth_level`` above the package's level) that score in full.
LEVEL_GROWTH_RANKS: float = 2.0


#: Package-side tag sets as bits, built once per encoded package set and reused by every block of
#: candidates (a national run scores thousands of blocks against the same packages).
_TAG_BITS: WeakKeyDictionary[PackageArrays, dict[str, _TagBits]] = WeakKeyDictionary()


class _TagBits(NamedTuple):
    """A tag field as bit sets: the vocabulary, one row of 64-bit words per set, and each set's
    weight ``1 / sqrt(size)`` (0 for an empty set)."""

    vocabulary: dict[str, int]
    bits: NDArray[np.uint64]
    weight: Values


def _bit_sets(sets: Sequence[Collection[str]], vocabulary: dict[str, int]) -> NDArray[np.uint64]:
    """``sets`` as rows of bits over ``vocabulary`` (tags outside it are left out)."""
    words = max(1, -(-len(vocabulary) // 64))
    flat = [(row, vocabulary[t]) for row, tags in enumerate(sets) for t in tags if t in vocabulary]
    bits = np.zeros((len(sets), words), dtype=np.uint64)
    if flat:
        at = np.asarray(flat, dtype=np.intp)
        word, bit = np.divmod(at[:, 1], 64)
        np.bitwise_or.at(bits, (at[:, 0], word), np.left_shift(np.uint64(1), bit.astype(np.uint64)))
    return bits


def _weights(sets: Sequence[Collection[str]]) -> Values:
    """``1 / sqrt(len(set))`` per set, 0 for an empty one (math.sqrt: the same correctly
    rounded root as np.sqrt, without the array-call overhead of service-sized calls)."""
    return np.array([1.0 / math.sqrt(len(t)) if t else 0.0 for t in sets])


def _package_tags(p: PackageArrays, name: str) -> _TagBits:
    """The packages' tag field ``name`` (``tasks``, or ``tasks_and_tags``) as bit sets."""
    cached = _TAG_BITS.setdefault(p, {})
    if name not in cached:
        sets = (
            [set(t) for t in p.tasks]
            if name == "tasks"
            else [{*t, *g} for t, g in zip(p.tasks, p.tags, strict=True)]
        )
        vocabulary = {t: k for k, t in enumerate(sorted(set().union(*sets)))}
        cached[name] = _TagBits(vocabulary, _bit_sets(sets, vocabulary), _weights(sets))
    return cached[name]


def _cosine(
    left: Sequence[Sequence[str]], p: PackageArrays, name: str, i: Index, j: Index
) -> Values:
    """Cosine similarity of the tag sets ``left[i]`` and package ``j``'s tag field ``name``.

    Both sides are sets, so a pair's dot product is the size of the intersection over the
    product of the two roots: a popcount of the common bits. Only the packages' vocabulary has
    bits: a candidate tag no package has cannot add to a dot product, it only counts in the
    candidate's norm. Empty sets score 0.

    Example
    -------
    >>> from wbamatch import TaskPackage
    >>> from wbamatch._encode import encode_packages
    >>> p = encode_packages([TaskPackage(id="p", hours={"per_week": 8}, tasks=["a", "b"])])
    >>> _cosine([["a"], ["a", "b"], []], p, "tasks", np.array([0, 1, 2]), np.zeros(3, np.intp))
    array([0.70710678, 1.        , 0.        ])
    """
    tags = _package_tags(p, name)
    if not tags.vocabulary or i.size == 0:
        return np.zeros(i.size)
    rows, inverse = np.unique(i, return_inverse=True)
    mine = [left[k] for k in rows.tolist()]
    own = _bit_sets(mine, tags.vocabulary)[inverse]
    common = np.bitwise_count(own[:, 0] & tags.bits[j, 0]).astype(np.float64)
    for w in range(1, own.shape[1]):
        common += np.bitwise_count(own[:, w] & tags.bits[j, w])
    sim = common * _weights(mine)[inverse] * tags.weight[j]
    out: Values = np.clip(sim, 0.0, 1.0)
    return out


def skills(c: CandidateArrays, p: PackageArrays, ctx: PairContext, i: Index, j: Index) -> Values:
    """Cosine similarity of the candidate's skills and the package's tasks."""
    return _cosine(c.skills, p, "tasks", i, j)


def interests(c: CandidateArrays, p: PackageArrays, ctx: PairContext, i: Index, j: Index) -> Values:
    """Cosine similarity of the candidate's interests and the package's tasks and tags."""
    return _cosine(c.interests, p, "tasks_and_tags", i, j)


def level(c: CandidateArrays, p: PackageArrays, ctx: PairContext, i: Index, j: Index) -> Values:
    """Level fit: 1 up to ``config.level_tolerance`` ranks above the package, then down by a third
    per rank (a job far below a person's level leads to dropout). A package without minimum is
    taken as level ``none``; an unknown education scores 0.5 (unknown is not a fit).
    """
    edu = c.education[i].astype(np.float64)
    package_level = np.maximum(p.min_education[j], 0).astype(np.float64)
    gap = edu - package_level - ctx.config.level_tolerance
    fit = np.clip(1.0 - np.maximum(gap, 0.0) / 3.0, 0.0, 1.0)
    return np.where(edu < 0, 0.5, fit)


def hours(c: CandidateArrays, p: PackageArrays, ctx: PairContext, i: Index, j: Index) -> Values:
    """Hours fit: inside the candidate's range, 0.6 at its minimum up to 1 at its maximum (more
    hours, more income and more banen); 0 outside the range.
    """
    lo, hi = c.hours_min[i], c.hours_max[i]
    week = p.per_week[j]
    span = np.maximum(hi - lo, 1e-9)
    inside = (week >= lo - 1e-9) & (week <= hi + 1e-9)
    fit = 0.6 + 0.4 * np.clip((week - lo) / span, 0.0, 1.0)
    return np.where(inside, fit, 0.0)


def commute(c: CandidateArrays, p: PackageArrays, ctx: PairContext, i: Index, j: Index) -> Values:
    """Commute: 1 for no travel (remote), falling linearly to 0 at ``commute_score_minutes``;
    0 when the travel time is unknown.
    """
    t = ctx.minutes_at(i, j)
    score = np.clip(1.0 - t / ctx.config.commute_score_minutes, 0.0, 1.0)
    score = np.where(np.isnan(t), 0.0, score)
    return np.where(p.remote[j], 1.0, score)


def contract(c: CandidateArrays, p: PackageArrays, ctx: PairContext, i: Index, j: Index) -> Values:
    """Contract durability per :data:`CONTRACT_DURABILITY`; temporary gains with its length."""
    base = np.zeros(len(p))
    for kind, value in CONTRACT_DURABILITY.items():
        base[p.contract == CONTRACT_CODE[kind]] = value
    temporary = p.contract == CONTRACT_CODE[ContractType.TEMPORARY]
    months = np.nan_to_num(p.months, nan=0.0)
    base = np.where(temporary, base + 0.2 * np.clip(months / 24.0, 0.0, 1.0), base)
    return base[j]


def growth_offered(p: PackageArrays) -> tuple[Values, Values]:
    """Per package, the growth it offers on a 0..1 scale: in hours (1 from 8 hours more, pro
    rata below) and in level (1 from :data:`LEVEL_GROWTH_RANKS` ranks above its minimum
    education, pro rata below; a package without minimum counts as level ``none``)."""
    hours_room = np.nan_to_num(p.growth_to - p.per_week, nan=0.0)
    level_room = np.where(
        p.growth_level >= 0, p.growth_level - np.maximum(p.min_education, 0), 0
    ).astype(np.float64)
    return (
        np.clip(hours_room / 8.0, 0.0, 1.0),
        np.clip(level_room / LEVEL_GROWTH_RANKS, 0.0, 1.0),
    )


def growth(c: CandidateArrays, p: PackageArrays, ctx: PairContext, i: Index, j: Index) -> Values:
    """Growth: for candidates who want to grow, the growth the package offers in hours (1 from
    8 hours more: K. grew from 16 to 32) and in level (``growth_level``, 1 from two ranks
    above the package's level), added and capped at 1; 1 for candidates who did not ask.
    A package without ``growth_level`` scores as before the level was added.
    """
    hours_part, level_part = growth_offered(p)
    offered = np.minimum(hours_part + level_part, 1.0)
    return np.where(c.wants_growth[i], offered[j], 1.0)


_WALKING = DIMENSIONS.index("walking")


def movement(c: CandidateArrays, p: PackageArrays, ctx: PairContext, i: Index, j: Index) -> Values:
    """Movement: for candidates who must walk and move regularly, 1 when the package asks some
    walking, 0 when it asks none (a desk job); 1 for everyone else. So between a desk job and a
    walking job that are otherwise alike, such a person gets the walking job.
    """
    walks = (p.demands[:, _WALKING] > 0).astype(np.float64)
    return np.where(c.need_movement[i], walks[j], 1.0)


def support(c: CandidateArrays, p: PackageArrays, ctx: PairContext, i: Index, j: Index) -> Values:
    """Support: for candidates with :data:`SUPPORT_MIN_NEEDS` needs or more, the share of a
    trained manager, a workplace supervisor and a team with experience of colleagues from the
    Banenafspraak that the package has (0, 1/3, 2/3 or 1); 1 for everyone else. The
    recruitment experiment's best match of candidate, manager and team, for those who need it
    most.
    """
    offered = (
        p.offers_trained_manager.astype(np.float64)
        + p.offers_supervisor.astype(np.float64)
        + p.team_experience.astype(np.float64)
    ) / 3.0
    return np.where(c.n_needs[i] >= SUPPORT_MIN_NEEDS, offered[j], 1.0)


ComponentFunction = Callable[[CandidateArrays, PackageArrays, PairContext, Index, Index], Values]

#: Component name -> function. Keys are exactly :data:`~wbamatch._vocabulary.SCORE_COMPONENTS`.
COMPONENT_FUNCTIONS: Mapping[str, ComponentFunction] = {
    "skills": skills,
    "interests": interests,
    "level": level,
    "hours": hours,
    "commute": commute,
    "contract": contract,
    "growth": growth,
    "movement": movement,
    "support": support,
}
assert tuple(COMPONENT_FUNCTIONS) == SCORE_COMPONENTS


def score_components(
    c: CandidateArrays, p: PackageArrays, ctx: PairContext, i: Index, j: Index
) -> dict[str, Values]:
    """Weighted contribution of every component for the pairs ``(i[k], j[k])``.

    Contributions are ``weight * component / sum(weights)``, so they add up to the unpenalised
    score. Components with weight 0 are not computed (their contribution is 0).
    """
    weights = ctx.config.component_weights()
    total = sum(weights.values())
    out: dict[str, Values] = {}
    for name, fn in COMPONENT_FUNCTIONS.items():
        w = weights[name]
        out[name] = np.zeros(i.size) if w == 0 else fn(c, p, ctx, i, j) * (w / total)
    return out


def combine(
    contributions: Mapping[str, Values], n_penalties: NDArray[np.integer], penalty: float
) -> Values:
    """Score = sum of contributions minus ``penalty`` per penalised rule broken, in [0, 1]."""
    total = np.zeros(n_penalties.shape)
    for value in contributions.values():
        total = total + value
    out: Values = np.clip(total - penalty * n_penalties, 0.0, 1.0)
    return out
