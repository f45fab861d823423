"""Weeks from dates: when each candidate is present and each package open, as week numbers.

Week 0 is the week of the Monday on or before the earliest date of any window; the plan runs
to the week of the latest date. A window without ``until`` (or no window at all) lasts to the
end of the plan, and no window at all starts in week 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from .._models import Candidate, DateWindow, TaskPackage

__all__ = ["Weeks", "monday_of", "week_of", "weeks_of"]


def monday_of(day: date) -> date:
    """The Monday of the week of ``day``.

    Example
    -------
    >>> monday_of(date(2027, 1, 7)).isoformat()
    '2027-01-04'
    """
    return day - timedelta(days=day.weekday())


def week_of(day: date, start: date) -> int:
    """The week number of ``day`` counted from the Monday ``start`` (negative before it).

    Example
    -------
    >>> week_of(date(2027, 1, 18), date(2027, 1, 4))
    2
    """
    return (day - start).days // 7


@dataclass(frozen=True, eq=False)
class Weeks:
    """First and last week (both included) of every candidate row and package column.

    Rows and columns are in id order, as in the encoded arrays of a problem.
    """

    #: The Monday of week 0; None when no record has a window.
    start: date | None
    #: Weeks in the plan (at least 1).
    n_weeks: int
    cand_from: NDArray[np.int64]
    cand_until: NDArray[np.int64]
    pkg_from: NDArray[np.int64]
    pkg_until: NDArray[np.int64]

    def pair_weeks(
        self, rows: NDArray[np.intp], cols: NDArray[np.intp]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """First and last week in which each pair is possible (empty when first > last)."""
        first = np.maximum(self.cand_from[rows], self.pkg_from[cols])
        last = np.minimum(self.cand_until[rows], self.pkg_until[cols])
        return first, last


def _bounds(windows: Sequence[DateWindow | None], start: date, end: int) -> NDArray[np.int64]:
    out = np.empty((2, len(windows)), dtype=np.int64)
    for k, w in enumerate(windows):
        if w is None:
            out[:, k] = (0, end)
        else:
            out[0, k] = week_of(w.start, start)
            out[1, k] = end if w.until is None else week_of(w.until, start)
    return out


def weeks_of(
    candidates: Sequence[Candidate],
    packages: Sequence[TaskPackage],
    *,
    start: date | None = None,
    n_weeks: int | None = None,
) -> Weeks:
    """The weeks of ``candidates`` and ``packages`` (each already in id order).

    ``start`` and ``n_weeks`` fix the calendar (the planner's live weeks); by default it runs
    from the Monday of the earliest date to the week of the latest. A window that ends before
    week 0 or starts after the last week makes an empty range (first > last).

    Example
    -------
    >>> c = Candidate.model_validate({"id": "c", "hours": {"min": 8, "max": 16},
    ...                               "available": {"from": "2027-01-13"}})
    >>> p = TaskPackage.model_validate({"id": "p", "hours": {"per_week": 12},
    ...     "open": {"from": "2027-01-04", "until": "2027-02-01"}})
    >>> w = weeks_of([c], [p])
    >>> w.start.isoformat(), w.n_weeks, w.cand_from.tolist(), w.pkg_until.tolist()
    ('2027-01-04', 5, [1], [4])
    """
    windows = [c.available for c in candidates] + [p.open for p in packages]
    dates = [d for w in windows if w is not None for d in (w.start, w.until) if d is not None]
    if start is None and dates:
        start = monday_of(min(dates))
    if n_weeks is None:
        n_weeks = 1 if start is None else max(week_of(d, start) for d in dates) + 1
    n_weeks = max(n_weeks, 1)
    anchor = start if start is not None else date(2000, 1, 3)  # unused: no window has a date
    cand = _bounds([c.available for c in candidates], anchor, n_weeks - 1)
    pkg = _bounds([p.open for p in packages], anchor, n_weeks - 1)
    # Clipped to the plan: a window from before week 0 starts in week 0, one past the end
    # ends in the last week (a window wholly outside the plan stays empty).
    last = n_weeks - 1
    return Weeks(
        start=start,
        n_weeks=n_weeks,
        cand_from=np.maximum(cand[0], 0),
        cand_until=np.minimum(cand[1], last),
        pkg_from=np.maximum(pkg[0], 0),
        pkg_until=np.minimum(pkg[1], last),
    )
