"""The dense compatibility of a block of candidates with every package, and its lookups."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from .._config import MatchConfig
from .._constraints import (
    PairContext,
    code_mask,
    decode,
    evaluate,
)
from .._encode import CandidateArrays, PackageArrays
from .._exceptions import ResourceLimitError, UnknownIdError
from .._limits import DEFAULT_LIMITS, Limits
from .._scoring import combine, score_components
from ..rules import REGISTRY

__all__ = [
    "Compatibility",
    "MinutesFor",
    "build_compatibility",
    "check_dense",
    "flat_pairs",
    "listed_minutes",
    "lookup_id",
    "near_miss_mask",
]


@dataclass(frozen=True, eq=False)
class Compatibility:
    """Feasibility, reason codes and scores for all pairs.

    Rows follow ``candidate_ids`` and columns ``package_ids``, both sorted by id (so the arrays do
    not depend on input order).

    Attributes
    ----------
    candidate_ids, package_ids
        Row and column labels.
    feasible
        ``(n_candidates, n_packages)`` bool: True where no hard rule is broken.
    scores
        ``(n_candidates, n_packages)`` float in [0, 1]: the score of each feasible pair, 0 where
        the pair is infeasible (see :attr:`raw_scores` for what it would have scored).
    raw_scores
        Scores of all pairs, computed as if the pair were allowed.
    violations
        ``(n_candidates, n_packages)`` uint64 bit field of every rule broken (hard or penalty).
    components
        Weighted contribution per score component; they add up to ``raw_scores`` plus penalties.
    n_penalties
        Number of penalty-mode rules each pair breaks.
    minutes
        One-way travel minutes per pair (NaN where unknown).
    """

    candidate_ids: tuple[str, ...]
    package_ids: tuple[str, ...]
    feasible: NDArray[np.bool_]
    scores: NDArray[np.float64]
    raw_scores: NDArray[np.float64]
    violations: NDArray[np.uint64]
    components: Mapping[str, NDArray[np.float64]]
    n_penalties: NDArray[np.int64]
    minutes: NDArray[np.float64]
    config: MatchConfig
    candidates: CandidateArrays = field(repr=False)
    packages: PackageArrays = field(repr=False)

    @property
    def shape(self) -> tuple[int, int]:
        """``(n_candidates, n_packages)``."""
        return len(self.candidate_ids), len(self.package_ids)

    def index(self, candidate_id: str, package_id: str) -> tuple[int, int]:
        """Row and column of a pair; raises :class:`UnknownIdError` for an unknown id."""
        rows = lookup_id(self.candidate_ids, candidate_id, "candidate")
        cols = lookup_id(self.package_ids, package_id, "package")
        return rows, cols

    def reasons(self, candidate_id: str, package_id: str) -> list[str]:
        """Reason codes of every rule the pair breaks (hard and penalty), in code order.

        An empty list means the pair breaks no rule.
        """
        i, j = self.index(candidate_id, package_id)
        return decode(self.violations[i, j])

    def hard_reasons(self, candidate_id: str, package_id: str) -> list[str]:
        """Reason codes of the hard rules the pair breaks: empty exactly when it is feasible."""
        i, j = self.index(candidate_id, package_id)
        return decode(self.violations[i, j] & code_mask(self.config, "hard"))

    def score_components(self, candidate_id: str, package_id: str) -> dict[str, float]:
        """Weighted contribution of each component for one pair, plus ``"penalty"`` (<= 0)."""
        i, j = self.index(candidate_id, package_id)
        parts = {name: float(v[i, j]) for name, v in self.components.items()}
        parts["penalty"] = -self.config.penalty * float(self.n_penalties[i, j])
        return parts


def lookup_id(ids: tuple[str, ...], rid: str, kind: str, where: str = "") -> int:
    """Position of ``rid`` in the sorted ``ids``; :class:`UnknownIdError` naming ``where``."""
    prefix = f"{where}: " if where else ""
    if not isinstance(rid, str):
        raise UnknownIdError(f"{prefix}{kind} ids are text; got a {type(rid).__name__}")
    k = bisect_left(ids, rid)  # ids are sorted
    if k < len(ids) and ids[k] == rid:
        return k
    raise UnknownIdError(
        f"{prefix}no {kind} with id {rid!r} among the inputs; check the id or pass that {kind} in"
    )


class MinutesFor(Protocol):
    """Travel minutes for some candidate rows: ``(rows, where) -> (len(rows), n_packages)``.

    With ``where`` (a boolean ``(len(rows), n_packages)`` mask) only those pairs need a value;
    an implementation may return NaN for the others.
    """

    def __call__(
        self, rows: slice | NDArray[np.intp], where: NDArray[np.bool_] | None = None
    ) -> NDArray[np.float64]: ...


def listed_minutes(
    minutes_for: MinutesFor,
    rows: slice | NDArray[np.intp],
    where: NDArray[np.bool_],
    i: NDArray[np.intp],
    j: NDArray[np.intp],
) -> NDArray[np.float64]:
    """Travel minutes of the pairs ``(i[k], j[k])`` of the ``(rows, packages)`` grid, the
    pairs where ``where`` is True: ``(len(i),)``.

    A source that can compute listed pairs alone (the built-in estimate: a ``listed(rows, i,
    j)`` method) does; any other fills the grid where ``where`` is True and is read there.

    Example
    -------
    >>> table = np.arange(6.0).reshape(2, 3)
    >>> where = np.array([[False, True, False], [True, False, True]])
    >>> listed_minutes(lambda rows, where=None: table[rows], slice(0, 2), where, *np.nonzero(where))
    array([1., 3., 5.])
    """
    listed = getattr(minutes_for, "listed", None)
    if listed is not None:
        out: NDArray[np.float64] = listed(rows, i, j)
        return out
    return minutes_for(rows, where)[i, j]


def flat_pairs(mask: NDArray[np.bool_]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The positions ``(i, j)`` where a 2-D mask is True, in row order (like ``np.nonzero``,
    several times faster on a block of millions of pairs).

    Example
    -------
    >>> [a.tolist() for a in flat_pairs(np.array([[False, True], [True, True]]))]
    [[0, 1, 1], [1, 0, 1]]
    """
    m = mask.shape[1]
    flat = np.flatnonzero(mask)
    i = flat // m
    j: NDArray[np.intp] = flat - i * m
    return i, j


def _grid(n: int, m: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    return np.repeat(np.arange(n), m), np.tile(np.arange(m), n)


def check_dense(
    n: int,
    m: int,
    config: MatchConfig,
    what: str = "compatibility()",
    limits: Limits = DEFAULT_LIMITS,
) -> None:
    """Refuse, before any memory is spent, dense arrays of ``n x m`` pairs over the budget.

    A pair costs ``limits.dense_pair_bytes`` while the arrays of :class:`Compatibility` are
    built: the travel minutes, the packed reasons, scores, raw scores, the weighted components,
    penalty counts and the rules' temporary masks.

    Raises
    ------
    ResourceLimitError
        ``n * m * limits.dense_pair_bytes`` is more than ``config.max_memory_mb``.
    """
    need = n * m * limits.dense_pair_bytes
    if need > config.max_memory_mb << 20:
        raise ResourceLimitError(
            f"{what} on {n:,} candidates x {m:,} packages would need about {need >> 20:,} MB "
            f"for its dense arrays, more than MatchConfig.max_memory_mb="
            f"{config.max_memory_mb:,}; use match() or shortlist() (they keep only the "
            "compatible pairs), pass fewer candidates or packages, or raise the limit"
        )


def build_compatibility(
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes: NDArray[np.float64],
    config: MatchConfig,
) -> Compatibility:
    """Evaluate every rule and score component for all pairs of ``cand`` and ``pkg`` (dense)."""
    check_dense(len(cand), len(pkg), config)
    ctx = PairContext(minutes=minutes, config=config)
    outcome = evaluate(cand, pkg, ctx, want_bits=True)
    assert outcome.bits is not None
    n, m = len(cand), len(pkg)
    i, j = _grid(n, m)
    components = {
        name: v.reshape(n, m) for name, v in score_components(cand, pkg, ctx, i, j).items()
    }
    raw = combine(components, outcome.n_penalties.astype(np.int64), config.penalty)
    return Compatibility(
        candidate_ids=cand.ids,
        package_ids=pkg.ids,
        feasible=outcome.feasible,
        scores=np.where(outcome.feasible, raw, 0.0),
        raw_scores=raw,
        violations=outcome.bits,
        components=components,
        n_penalties=outcome.n_penalties.astype(np.int64),
        minutes=minutes,
        config=config,
        candidates=cand,
        packages=pkg,
    )


def near_miss_mask(
    cand: CandidateArrays,
    pkg: PackageArrays,
    config: MatchConfig,
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    code_index: NDArray[np.integer],
    minutes: NDArray[np.float64],
) -> NDArray[np.bool_]:
    """Which pairs, each breaking exactly one hard code (its index into ``REGISTRY.codes``),
    are near enough to passing to show as near misses (each rule's
    :attr:`~wbamatch.rules.Rule.near`, under ``config.near_miss``). ``minutes`` are the pairs'
    travel times."""
    out = np.ones(rows.size, dtype=np.bool_)
    codes = REGISTRY.codes
    for k in np.unique(code_index).tolist():
        rule = REGISTRY.rule_of(codes[k])
        if rule.near is None:
            continue
        sel = code_index == k
        out[sel] = rule.near(codes[k], cand, pkg, minutes[sel], config, rows[sel], cols[sel])
    return out
