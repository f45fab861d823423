"""Arrivals over a year: :func:`synthetic_stream` dates the records of :func:`synthetic`.

People enter the register through the year (a backlog on the first day, then a steady flow;
some leave again after a while), packages open in waves around budget rounds and stay open a
few weeks to a few months, so some close unfilled.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from .._exceptions import InputError
from .._models import Candidate, DateWindow, TaskPackage
from ._generator import _check_count, synthetic

__all__ = ["synthetic_stream"]

#: Share of the people already in the register on the first day.
_BACKLOG = 0.15
#: Share of the people who leave again (work found elsewhere, moved), and after how many weeks.
_LEAVE, _STAY_WEEKS = 0.35, (6, 30)
#: Share of the packages that open in one of the waves; the rest open any week.
_IN_WAVES, _WAVES = 0.7, (0.02, 0.27, 0.52, 0.77)
#: Weeks a package stays open (most have a closing date).
_OPEN_WEEKS, _OPEN_ENDED = (3, 14), 0.15
#: The default first day: a Monday.
_START = date(2027, 1, 4)


def synthetic_stream(
    n_candidates: int,
    n_packages: int,
    weeks: int = 52,
    seed: int = 0,
    *,
    start: date = _START,
    slots_total: int | None = None,
) -> tuple[list[Candidate], list[TaskPackage]]:
    """Realistic, made-up candidates and packages that arrive over ``weeks`` weeks.

    The records are those of :func:`synthetic` with the same ``seed``, with an ``available``
    window for each candidate and an ``open`` window for each package: 15% of the people are in
    the register on the first day and the others arrive evenly through the plan; 35% leave
    again after 6 to 30 weeks. 70% of the packages open in four waves (around the budget
    rounds of each quarter), the rest any week; they stay open 3 to 14 weeks (15% without a
    closing date), so a slot nobody fills closes with its package.

    Parameters
    ----------
    n_candidates, n_packages
        Numbers of records, ``>= 0``.
    weeks
        Length of the plan in weeks, ``>= 1``; every date falls within it.
    seed
        Seed, ``>= 0``; the same arguments give the same records.
    start
        The first day (the Monday of week 0 when it is a Monday).
    slots_total
        As for :func:`synthetic`; None: one slot per package.

    Returns
    -------
    candidates : list of Candidate
    packages : list of TaskPackage
        Sorted by id, as :func:`synthetic` returns them.

    Raises
    ------
    TypeError, InputError
        As for :func:`synthetic`; also when ``weeks`` is not a whole number ``>= 1``.

    Example
    -------
    >>> cands, packs = synthetic_stream(100, 20, weeks=26, seed=3)
    >>> cands[0].available is not None and packs[0].open is not None
    True
    >>> max(p.open.start for p in packs) < date(2027, 1, 4) + timedelta(weeks=26)
    True
    """
    n_weeks = _check_count("weeks", weeks)
    if n_weeks < 1:
        raise InputError(f"weeks must be at least 1, got {n_weeks}; pass e.g. weeks=52")
    candidates, packages = synthetic(n_candidates, n_packages, seed, slots_total=slots_total)
    rng = np.random.default_rng([seed, 18])
    last_day = start + timedelta(days=7 * n_weeks - 1)

    def day(offset_days: int) -> date:
        return min(start + timedelta(days=int(offset_days)), last_day)

    n, m = len(candidates), len(packages)
    arrive = np.where(rng.random(n) < _BACKLOG, 0, rng.integers(0, 7 * n_weeks, size=n))
    stays = rng.integers(_STAY_WEEKS[0], _STAY_WEEKS[1] + 1, size=n) * 7
    leaves = rng.random(n) < _LEAVE
    cands = [
        c.model_copy(
            update={"available": DateWindow(start=day(a), until=day(a + s) if leave else None)}
        )
        for c, a, s, leave in zip(
            candidates, arrive.tolist(), stays.tolist(), leaves.tolist(), strict=True
        )
    ]
    wave = rng.integers(0, len(_WAVES), size=m)
    in_wave = rng.random(m) < _IN_WAVES
    wave_day = np.asarray(_WAVES)[wave] * 7 * n_weeks + rng.normal(0, 5, size=m)
    opens = np.where(in_wave, wave_day, rng.integers(0, 7 * n_weeks, size=m))
    opens = np.clip(np.round(opens), 0, 7 * n_weeks - 1).astype(np.int64)
    lasts = rng.integers(_OPEN_WEEKS[0], _OPEN_WEEKS[1] + 1, size=m) * 7
    ended = rng.random(m) >= _OPEN_ENDED
    packs = [
        p.model_copy(update={"open": DateWindow(start=day(o), until=day(o + d) if end else None)})
        for p, o, d, end in zip(
            packages, opens.tolist(), lasts.tolist(), ended.tolist(), strict=True
        )
    ]
    return cands, packs
