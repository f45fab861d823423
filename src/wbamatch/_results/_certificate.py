"""The proof that a result is optimal: LP dual prices, checkable without solving again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
from numpy.typing import NDArray
from pydantic import Field

from .._models import ResultModel

__all__ = ["Certificate", "CertificateCheck", "certificate_gap"]

#: Slack allowed per dual constraint and, times the total, on the totals (float sums of scores).
CERTIFICATE_TOLERANCE: Final[float] = 1e-9


def certificate_gap(dual_total: float, primal_total: float) -> float:
    """Dual minus primal total, 0 where the two agree within float rounding."""
    gap = dual_total - primal_total
    return 0.0 if abs(gap) <= CERTIFICATE_TOLERANCE * max(1.0, abs(primal_total)) else gap


class CertificateCheck(ResultModel):
    """What :meth:`Certificate.check` (and :func:`wbamatch.check_certificate`) found."""

    valid: bool = Field(description="Every check holds: the result is a proven optimum.")
    pairs_checked: int = Field(description="Pairs whose dual constraint was checked.")
    uncovered_pairs: int = Field(description="Pairs with u + v below their score.")
    worst_shortfall: float = Field(description="Largest score - (u + v) over the pairs, or 0.")
    negative_duals: int = Field(description="Dual values below zero.")
    dual_total_matches: bool = Field(description="sum u + sum slots * v equals dual_total.")
    closes_gap: bool = Field(description="dual_total equals primal_total (the gap is zero).")
    unknown_ids: int = Field(description="Pairs naming a candidate or package not in it.")
    placements_match: bool | None = Field(
        None,
        description=(
            "The result's own solver placements are offered pairs at their scores, within the "
            "slots, and sum to primal_total (None: not checked, no placements given)."
        ),
    )


class Certificate(ResultModel):
    """LP dual prices that prove a :class:`MatchResult` optimal.

    The optimisation maximises the total score with each candidate placed at most once and each
    package at most its slots. Its LP dual gives each candidate a value ``u`` and each package a
    price ``v``; when ``u, v >= 0``, ``u + v >= score`` on every pair that could be placed and
    ``sum u + sum slots * v`` equals the total score, no placement can do better. Both totals
    count the placements the solver chose (``primal_total``): pinned placements are fixed
    beforehand, so pinned people, their slots and forbidden pairs are outside the proof.

    Example
    -------
    >>> import wbamatch
    >>> cert = wbamatch.match(*wbamatch.demo_data()).certificate
    >>> cert.gap
    0.0
    """

    candidate_dual: dict[str, float] = Field(
        description="u per candidate id: what the placement gains beyond its package's price."
    )
    package_dual: dict[str, float] = Field(
        description="v per package id: the price of one of its slots."
    )
    slots: dict[str, int] = Field(
        description="Slots per package id that the optimisation filled (pinned ones excluded)."
    )
    primal_total: float = Field(description="Total score of the placements the solver chose.")
    dual_total: float = Field(description="sum u + sum slots * v.")
    gap: float = Field(description="dual_total - primal_total: 0 for a proven optimum.")

    def check(
        self,
        candidate_ids: Sequence[str],
        package_ids: Sequence[str],
        scores: Sequence[float] | NDArray[np.float64],
    ) -> CertificateCheck:
        """Check the prices against pairs that could be placed, ``(candidate, package, score)``.

        Give every pair the optimisation could use (feasible, at or above the minimum score,
        not forbidden, of a person who is not pinned); :func:`wbamatch.check_certificate` lists
        them from the inputs. Nothing is solved.

        Example
        -------
        >>> import wbamatch
        >>> cert = wbamatch.match(*wbamatch.demo_data()).certificate
        >>> cert.check(["nobody"], ["p-1"], [0.5]).unknown_ids
        1
        """
        s = np.asarray(scores, dtype=np.float64)
        if not len(candidate_ids) == len(package_ids) == s.size:
            raise ValueError("candidate_ids, package_ids and scores must have the same length")
        cand_at = {c: k for k, c in enumerate(self.candidate_dual)}
        pkg_at = {p: k for k, p in enumerate(self.package_dual)}
        rows = np.fromiter((cand_at.get(c, -1) for c in candidate_ids), np.intp, s.size)
        cols = np.fromiter((pkg_at.get(p, -1) for p in package_ids), np.intp, s.size)
        return self.check_indexed(rows, cols, s)

    def check_indexed(
        self, rows: NDArray[np.intp], cols: NDArray[np.intp], scores: NDArray[np.float64]
    ) -> CertificateCheck:
        """:meth:`check` on positions in ``candidate_dual`` and ``package_dual`` (-1: unknown)."""
        u = np.fromiter(self.candidate_dual.values(), np.float64, len(self.candidate_dual))
        v = np.fromiter(self.package_dual.values(), np.float64, len(self.package_dual))
        k = np.fromiter((self.slots.get(p, 0) for p in self.package_dual), np.float64, v.size)
        tol = CERTIFICATE_TOLERANCE
        known = (rows >= 0) & (cols >= 0)
        shortfall = scores[known] - u[rows[known]] - v[cols[known]]
        uncovered = int((shortfall > tol).sum())
        negative = int((u < -CERTIFICATE_TOLERANCE).sum() + (v < -CERTIFICATE_TOLERANCE).sum())
        recomputed = float(u.sum() + (k * v).sum())
        total_ok = abs(recomputed - self.dual_total) <= CERTIFICATE_TOLERANCE * max(
            1.0, abs(self.dual_total)
        )
        closes = certificate_gap(self.dual_total, self.primal_total) == 0.0
        unknown = int((~known).sum())
        return CertificateCheck(
            valid=uncovered == 0 and negative == 0 and total_ok and closes and unknown == 0,
            pairs_checked=int(known.sum()),
            uncovered_pairs=uncovered,
            worst_shortfall=max(float(shortfall.max(initial=0.0)), 0.0),
            negative_duals=negative,
            dual_total_matches=total_ok,
            closes_gap=closes,
            unknown_ids=unknown,
        )
