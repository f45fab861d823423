"""The compatibility of every candidate with every package: feasibility, reasons and scores.

Built by :func:`wbamatch.compatibility` from the same rule and score functions that
:func:`wbamatch.match` uses; explanations read from it, so they cannot disagree with a decision.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from .config import MatchConfig
from .constraints import BIT, PairContext, code_mask, decode, violations
from .encode import CandidateArrays, PackageArrays
from .exceptions import UnknownIdError
from .scoring import combine, score_components

__all__ = ["Compatibility", "build_compatibility"]


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
        rows = _lookup(self.candidate_ids, candidate_id, "candidate")
        cols = _lookup(self.package_ids, package_id, "package")
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


def _lookup(ids: tuple[str, ...], rid: str, kind: str) -> int:
    k = bisect_left(ids, rid)  # ids are sorted
    if k < len(ids) and ids[k] == rid:
        return k
    raise UnknownIdError(f"no {kind} with id {rid!r}; check the id or pass that {kind} in")


def build_compatibility(
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes: NDArray[np.float64],
    config: MatchConfig,
) -> Compatibility:
    """Evaluate every rule and score component for all pairs of ``cand`` and ``pkg``."""
    ctx = PairContext(minutes=minutes, config=config)
    bits = violations(cand, pkg, ctx)
    hard = code_mask(config, "hard")
    soft = code_mask(config, "penalty")
    feasible = (bits & hard) == 0
    n_penalties = np.bitwise_count(bits & soft).astype(np.int64)
    components = score_components(cand, pkg, ctx)
    raw = combine(components, n_penalties, config.penalty)
    scores = np.where(feasible, raw, 0.0)
    return Compatibility(
        candidate_ids=cand.ids,
        package_ids=pkg.ids,
        feasible=feasible,
        scores=scores,
        raw_scores=raw,
        violations=bits,
        components=components,
        n_penalties=n_penalties,
        minutes=minutes,
        config=config,
        candidates=cand,
        packages=pkg,
    )


def reason_counts(bits: NDArray[np.uint64], codes: tuple[str, ...]) -> NDArray[np.int64]:
    """Count, per row of ``bits``, how many columns break each of ``codes``: ``(rows, codes)``."""
    out = np.zeros((bits.shape[0], len(codes)), dtype=np.int64)
    present = np.bitwise_or.reduce(bits, axis=None) if bits.size else np.uint64(0)
    for k, code in enumerate(codes):
        if present & BIT[code]:  # most codes never occur: skip their full pass
            out[:, k] = ((bits & BIT[code]) != 0).sum(axis=1)
    return out
