"""Brute-force reference optimum for small assignment instances (tests only)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def brute_force_total(
    scores: NDArray[np.float64], eligible: NDArray[np.bool_], slots: NDArray[np.integer]
) -> float:
    """Best total score by trying every assignment (each row: one column or none)."""
    n, m = scores.shape
    left = [int(s) for s in slots]
    best = 0.0

    def rec(i: int, total: float) -> None:
        nonlocal best
        if i == n:
            best = max(best, total)
            return
        rec(i + 1, total)
        for j in range(m):
            if eligible[i, j] and left[j] > 0:
                left[j] -= 1
                rec(i + 1, total + float(scores[i, j]))
                left[j] += 1

    rec(0, 0.0)
    return best
