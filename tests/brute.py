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


def brute_force_doorstroom(
    scores: NDArray[np.float64],
    allowed: NDArray[np.bool_],
    slots: NDArray[np.integer],
    must: NDArray[np.bool_],
    stay_col: NDArray[np.integer],
    bonus: float,
) -> float | None:
    """Best total of score + ``bonus`` per stay, trying every assignment in which each row
    with ``must`` is placed (``stay_col[i]``: the column row ``i`` holds now, -1 for none).
    None when no assignment places every such row."""
    n, m = scores.shape
    left = [int(s) for s in slots]
    best: float | None = None

    def rec(i: int, total: float) -> None:
        nonlocal best
        if i == n:
            best = total if best is None else max(best, total)
            return
        if not must[i]:
            rec(i + 1, total)
        for j in range(m):
            if allowed[i, j] and left[j] > 0:
                left[j] -= 1
                extra = bonus if j == stay_col[i] else 0.0
                rec(i + 1, total + float(scores[i, j]) + extra)
                left[j] += 1

    rec(0, 0.0)
    return best
