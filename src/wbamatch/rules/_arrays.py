"""Small array helpers the rule functions share."""

from __future__ import annotations

from typing import Final, TypeVar

import numpy as np
from numpy.typing import NDArray

from .._settings import MatchSettings

__all__ = [
    "BREAK_AFTER_HOURS_PER_DAY",
    "EPS",
    "col",
    "overlaps",
    "overlaps_daily",
    "row",
    "work_minutes",
]

#: A working day longer than this many hours includes a break (``config.break_minutes``).
BREAK_AFTER_HOURS_PER_DAY: Final[float] = 5.5

#: Hours are floats from user input; compare with a tolerance so 20.0 vs 19.999999 is no reason.
EPS: Final[float] = 1e-9

_T = TypeVar("_T", bound=np.generic)


def col(a: NDArray[_T]) -> NDArray[_T]:
    """A candidate array as a column, to broadcast against packages."""
    return a[:, None]


def row(a: NDArray[_T]) -> NDArray[_T]:
    """A package array as a row, to broadcast against candidates."""
    return a[None, :]


def work_minutes(hours: NDArray[np.float64], config: MatchSettings) -> NDArray[np.float64]:
    """Minutes from start to end of a working day of ``hours``, the unpaid break included."""
    pause = np.where(hours > BREAK_AFTER_HOURS_PER_DAY, config.break_minutes, 0.0)
    out: NDArray[np.float64] = hours * 60.0 + pause
    return out


def overlaps(
    start: NDArray[np.float64], end: NDArray[np.float64], window: tuple[int, int]
) -> NDArray[np.bool_]:
    """Where ``[start, end)`` overlaps ``window`` (minutes after midnight); NaN is False."""
    with np.errstate(invalid="ignore"):
        out: NDArray[np.bool_] = (start < window[1]) & (end > window[0])
    return out


def overlaps_daily(
    start: NDArray[np.float64], end: NDArray[np.float64], window: tuple[int, int]
) -> NDArray[np.bool_]:
    """Like :func:`overlaps` for a window that recurs every day (and may run past midnight).

    ``start`` lies in one day, ``end`` may lie in the next: the window of the day before, the
    day itself and the day after are all checked.
    """
    day = 24 * 60
    out = overlaps(start, end, window)
    for shift in (-day, day):
        out = out | overlaps(start, end, (window[0] + shift, window[1] + shift))
    return out
