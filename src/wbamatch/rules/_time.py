"""Rules about working time: hours a week and a day, fixed hours, evening and night work (FML VI).

A package's working window on a day runs from ``schedule.start`` for the length of that day,
plus the unpaid break on long days. It is known only for fixed and evening schedules with a
start time: shifts and flexible hours vary by definition, and without a start nothing is known.
An unknown window is never taken as a pass: it gives ``evening_unknown`` / ``night_unknown``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._encode import SCHEDULE_CODE, CandidateArrays, PackageArrays
from .._settings import MatchSettings
from .._vocabulary import ScheduleKind
from ._arrays import EPS, col, overlaps_daily, row, work_minutes
from ._registry import REGISTRY, Mask, PairContext, Rule
from ._text import Clock, Listing, Number, Term, from_catalogue, summary

__all__ = ["evening", "fixed_hours", "hours", "night", "working_window"]

_KINDS = list(ScheduleKind)
_FIXED, _EVENING = SCHEDULE_CODE[ScheduleKind.FIXED], SCHEDULE_CODE[ScheduleKind.EVENING]
_SHIFTS, _FLEXIBLE = SCHEDULE_CODE[ScheduleKind.SHIFTS], SCHEDULE_CODE[ScheduleKind.FLEXIBLE]
_VARYING = (_SHIFTS, _FLEXIBLE)


def hours(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``hours``: weekly hours outside the candidate's range, or a day longer than allowed.

    The daily limit is checked against the package's longest working day.
    """
    week = row(p.per_week)
    outside = (week < col(c.hours_min) - EPS) | (week > col(c.hours_max) + EPS)
    too_long_day = row(p.longest_day) > col(c.max_per_day) + EPS
    return {"hours": outside | too_long_day}


def fixed_hours(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``fixed_hours``: needs the same hours every working day; the package has shifts,
    flexible hours, or working days of different lengths."""
    varying = (p.schedule == _SHIFTS) | (p.schedule == _FLEXIBLE) | p.uneven_days
    return {"fixed_hours": col(c.need_fixed_hours) & row(varying)}


def working_window(
    p: PackageArrays, config: MatchSettings
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_]]:
    """``(start, end, known)`` of each package's longest working day, minutes after midnight.

    ``end`` may pass midnight (``> 1440``); ``known`` is False where the window is not known
    (no start time, or shifts and flexible hours, whose times vary).
    """
    start = p.start
    end = start + work_minutes(p.longest_day, config)
    known = ~np.isnan(start) & ((p.schedule == _FIXED) | (p.schedule == _EVENING))
    return start, end, known


def _window_rule(
    name: str, need: NDArray[np.bool_], p: PackageArrays, config: MatchSettings
) -> dict[str, Mask]:
    if not need.any():
        return {}
    start, end, known = working_window(p, config)
    hit = known & overlaps_daily(start, end, config.day_windows()[name])
    if name == "evening":  # an evening schedule is evening work, start time or not
        hit = hit | (p.schedule == _EVENING)
    wanted = col(need)
    return {name: wanted & row(hit), f"{name}_unknown": wanted & row(~known & ~hit)}


def evening(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``evening``: no evening work, and the working window reaches into the evening (or the
    schedule is evening work); ``evening_unknown``: the window is not known."""
    return _window_rule("evening", c.need_no_evening, p, ctx.config)


def night(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``night``: no night work, and the working window reaches into the night;
    ``night_unknown``: the window is not known."""
    return _window_rule("night", c.need_no_night, p, ctx.config)


def _near_hours(
    code: str,
    c: CandidateArrays,
    p: PackageArrays,
    t: NDArray[np.float64],
    cfg: MatchSettings,
    i: NDArray[np.intp],
    j: NDArray[np.intp],
) -> NDArray[np.bool_]:
    """Weekly hours, and the hours a week over the daily limit, at most ``near_miss.hours`` off."""
    week = p.per_week[j]
    off = np.maximum(np.maximum(c.hours_min[i] - week, week - c.hours_max[i]), 0.0)
    over_day = np.maximum(p.day_hours[j] - c.max_per_day[i][:, None], 0.0)
    daily = np.nansum(np.where(np.isfinite(over_day), over_day, 0.0), axis=1)
    out: NDArray[np.bool_] = (off <= cfg.near_miss.hours + EPS) & (
        daily <= cfg.near_miss.hours + EPS
    )
    return out


def _near_window(
    code: str,
    c: CandidateArrays,
    p: PackageArrays,
    t: NDArray[np.float64],
    cfg: MatchSettings,
    i: NDArray[np.intp],
    j: NDArray[np.intp],
) -> NDArray[np.bool_]:
    """Known evening or night work can often be moved; an unknown window is never near."""
    return np.full(i.size, not code.endswith("_unknown"), dtype=np.bool_)


def _hours_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchSettings, i: int, j: int
) -> dict[str, Any]:
    limit = float(c.max_per_day[i])
    lengths = p.day_hours[j][~np.isnan(p.day_hours[j])]
    week = float(p.per_week[j])
    outside = week < c.hours_min[i] - EPS or week > c.hours_max[i] + EPS
    return {
        "min": Number(float(c.hours_min[i])),
        "max": Number(float(c.hours_max[i])),
        "limit": Number(limit),
        "per_week": Number(week),
        "longest": Number(float(p.longest_day[j]), 2),
        "lengths": Listing(tuple(Number(float(h), 2) for h in lengths)),
        "variant": "week" if outside else "day",
        "variant_candidate": "daily" if np.isfinite(limit) else "",
        "variant_package": "uneven" if p.uneven_days[j] else "",
    }


def _kind_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchSettings, i: int, j: int
) -> dict[str, Any]:
    lengths = p.day_hours[j][~np.isnan(p.day_hours[j])]
    uneven = bool(p.uneven_days[j]) and p.schedule[j] not in _VARYING
    return {
        "kind": Term(_KINDS[int(p.schedule[j])]),
        "lengths": Listing(tuple(Number(float(h), 2) for h in lengths)),
        "variant": "uneven" if uneven else "",
    }


def _window_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchSettings, i: int, j: int
) -> dict[str, Any]:
    name = code.removesuffix("_unknown")
    start, end, known = working_window(p, cfg)
    lo, hi = cfg.day_windows()[name]
    values: dict[str, Any] = {
        "from": Clock(lo),
        "until": Clock(hi),
        "kind": Term(_KINDS[int(p.schedule[j])]),
    }
    span = (start[j : j + 1], end[j : j + 1])
    if known[j] and bool(overlaps_daily(*span, (lo, hi))[0]):
        values.update(start=Clock(float(start[j])), end=Clock(float(end[j])), variant="window")
    elif code.endswith("_unknown"):
        values["variant"] = "no_start" if np.isnan(start[j]) else "varying"
    else:
        values["variant"] = "kind"
    return values


REGISTRY.register(
    Rule(
        name="hours",
        function=hours,
        values=_hours_values,
        texts=from_catalogue("hours"),
        reads=("hours_min", "hours_max", "max_per_day"),
        package_reads=("per_week", "longest_day", "day_hours"),
        near=_near_hours,
        summary=summary("hours"),
    )
)

REGISTRY.register(
    Rule(
        name="fixed_hours",
        function=fixed_hours,
        values=_kind_values,
        texts=from_catalogue("fixed_hours"),
        reads=("need_fixed_hours",),
        package_reads=("schedule", "uneven_days"),
        per_task=True,
        summary=summary("fixed_hours"),
    )
)

for _name, _fn, _need in (
    ("evening", evening, "need_no_evening"),
    ("night", night, "need_no_night"),
):
    REGISTRY.register(
        Rule(
            name=_name,
            function=_fn,
            values=_window_values,
            texts=from_catalogue(_name, f"{_name}_unknown"),
            reads=(_need,),
            package_reads=("start", "longest_day", "schedule"),
            near=_near_window,
            summary=summary(_name),
        )
    )
