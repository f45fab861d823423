"""Rules about getting to work: the commute limit, rush hour and travelling independently."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._encode import TRAVEL_MODE_CODE, CandidateArrays, PackageArrays
from .._settings import MatchSettings
from .._vocabulary import TravelMode
from ._arrays import col, overlaps, row, work_minutes
from ._registry import REGISTRY, Mask, PairContext, Rule, max_commute
from ._text import Clock, Number, Term, from_catalogue, summary

__all__ = ["commute", "commute_pairs", "independent_travel", "rush_hour", "rush_hour_pairs"]

_MODES = list(TravelMode)
_PUBLIC = TRAVEL_MODE_CODE[TravelMode.PUBLIC_TRANSPORT]
_SPECIAL = TRAVEL_MODE_CODE[TravelMode.SPECIAL_TRANSPORT]


def commute(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``commute``: travel time above the limit; ``commute_unknown``: limited but not computable."""
    return _commute(row(~p.remote), col(ctx.max_commute(c)), ctx.minutes)


def commute_pairs(
    c: CandidateArrays, p: PackageArrays, ctx: PairContext, i: NDArray[np.intp], j: NDArray[np.intp]
) -> dict[str, Mask]:
    """:func:`commute` on the pairs ``(i[k], j[k])``, ``ctx.minutes[k]`` their travel times."""
    return _commute(~p.remote[j], ctx.max_commute(c)[i], ctx.minutes)


def _commute(
    travels: Mask, limit: NDArray[np.float64], minutes: NDArray[np.float64]
) -> dict[str, Mask]:
    """The commute codes from arrays that broadcast against each other (grid or pair list)."""
    unknown = np.isnan(minutes)
    with np.errstate(invalid="ignore"):
        too_long = minutes > limit
    return {
        "commute": travels & too_long,
        "commute_unknown": travels & unknown & np.isfinite(limit),
    }


def rush_hour(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``rush_hour``: someone who avoids the peak would travel by public transport in it.

    The trip to work is ``[start - minutes, start]``, the trip home ``[end, end + minutes]``
    with ``end = start + hours of that day + break``, on every working day; either overlapping
    a peak window is a violation. An unknown start time or travel time is a violation too.
    """
    cfg = ctx.config
    rows = np.flatnonzero(_avoids_peak(c))
    mask = np.zeros((len(c), len(p)), dtype=np.bool_)
    if rows.size == 0:
        return {"rush_hour": mask}
    # Only the few candidates who avoid the peak need the interval arithmetic; each distinct
    # day length of a package ends its day at another time (most packages have one).
    lengths = _distinct_days(p)
    work = [row(work_minutes(lengths[:, k], cfg)) for k in range(lengths.shape[1])]
    in_peak = _in_peak(row(p.start), ctx.minutes[rows], work, cfg)
    mask[rows] = row(~p.remote) & in_peak
    return {"rush_hour": mask}


def rush_hour_pairs(
    c: CandidateArrays, p: PackageArrays, ctx: PairContext, i: NDArray[np.intp], j: NDArray[np.intp]
) -> dict[str, Mask]:
    """:func:`rush_hour` on the pairs ``(i[k], j[k])``, ``ctx.minutes[k]`` their travel times."""
    cfg = ctx.config
    mask = np.zeros(i.size, dtype=np.bool_)
    at = np.flatnonzero(_avoids_peak(c)[i])
    if at.size == 0:
        return {"rush_hour": mask}
    cols = j[at]
    lengths = _distinct_days(p)[cols]
    work = [work_minutes(lengths[:, k], cfg) for k in range(lengths.shape[1])]
    mask[at] = ~p.remote[cols] & _in_peak(p.start[cols], ctx.minutes[at], work, cfg)
    return {"rush_hour": mask}


def _avoids_peak(c: CandidateArrays) -> Mask:
    """Who avoids the peak and travels by public transport: the only rows rush hour judges."""
    out: Mask = c.avoid_rush_hour & (c.travel_mode == _PUBLIC)
    return out


def _in_peak(
    start: NDArray[np.float64],
    minutes: NDArray[np.float64],
    work: list[NDArray[np.float64]],
    cfg: MatchSettings,
) -> Mask:
    """Either trip of a working day of ``work`` minutes in a peak window, or unknown times.

    ``start``, ``minutes`` and each ``work`` broadcast against each other (grid or pair list).
    """
    in_peak = np.zeros(np.broadcast_shapes(np.shape(start), np.shape(minutes)), dtype=np.bool_)
    for window in cfg.peak_minutes():
        in_peak |= overlaps(start - minutes, start, window)
        for day in work:
            end = start + day
            in_peak |= overlaps(end, end + minutes, window)
    out: Mask = in_peak | np.isnan(minutes) | np.isnan(start)
    return out


def _distinct_days(p: PackageArrays) -> NDArray[np.float64]:
    """Columns of day lengths that differ somewhere: ``(m, k)``, one column for even weeks."""
    if not p.uneven_days.any():
        return p.longest_day[:, None]
    filled = np.where(np.isnan(p.day_hours), p.day_hours[:, :1], p.day_hours)
    kept: list[NDArray[np.float64]] = []
    for d in range(filled.shape[1]):
        if not any(np.array_equal(filled[:, d], k) for k in kept):
            kept.append(filled[:, d])
    return np.column_stack(kept)


def independent_travel(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``independent_travel``: cannot travel alone and has no special transport; the package
    is not remote and the employer arranges no transport."""
    stranded = ~c.travels_independently & (c.travel_mode != _SPECIAL)
    return {"independent_travel": col(stranded) & row(~p.remote & ~p.offers_transport)}


def _near_commute(
    code: str,
    c: CandidateArrays,
    p: PackageArrays,
    t: NDArray[np.float64],
    cfg: MatchSettings,
    i: NDArray[np.intp],
    j: NDArray[np.intp],
) -> NDArray[np.bool_]:
    """At most ``commute_share`` of the limit or ``commute_minutes`` over it; unknown: never."""
    if code == "commute_unknown":
        return np.zeros(i.size, dtype=np.bool_)
    limit = max_commute(c, cfg)[i]
    slack = np.maximum(cfg.near_miss.commute_share * limit, cfg.near_miss.commute_minutes)
    with np.errstate(invalid="ignore"):
        out: NDArray[np.bool_] = t <= limit + slack
    return out


def _commute_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchSettings, i: int, j: int
) -> dict[str, Any]:
    limit = float(max_commute(c.take(np.array([i])), cfg)[0])
    values: dict[str, Any] = {"mode": Term(_MODES[int(c.travel_mode[i])])}
    values["variant_candidate"] = "limit" if np.isfinite(limit) else ""
    if np.isfinite(limit):
        values["limit"] = Number(limit, 0)
    if code == "commute_unknown":
        home = not np.isnan(c.home[i, 0])
        place = not np.isnan(p.location[j, 0])
        values["variant"] = "" if home and place else ("place" if home else "home")
    else:
        values["minutes"] = Number(t, 0)
    return values


def _rush_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchSettings, i: int, j: int
) -> dict[str, Any]:
    start = float(p.start[j])
    if np.isnan(start):
        return {"variant": "no_start"}
    if np.isnan(t):
        return {"variant": "no_time"}
    end = start + float(work_minutes(p.longest_day[j : j + 1], cfg)[0])
    return {"variant": "peak", "start": Clock(start), "end": Clock(end), "minutes": Number(t, 0)}


def _travel_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchSettings, i: int, j: int
) -> dict[str, Any]:
    return {"mode": Term(_MODES[int(c.travel_mode[i])])}


REGISTRY.register(
    Rule(
        name="commute",
        function=commute,
        values=_commute_values,
        texts=from_catalogue("commute", "commute_unknown"),
        reads=("max_commute",),
        package_reads=("work_location", "location"),
        travel=True,
        reach_safe=True,
        pairs=commute_pairs,
        near=_near_commute,
        summary=summary("commute"),
    )
)

REGISTRY.register(
    Rule(
        name="rush_hour",
        function=rush_hour,
        values=_rush_values,
        texts=from_catalogue("rush_hour"),
        reads=("avoid_rush_hour", "travel_mode"),
        package_reads=("start", "day_hours", "work_location"),
        travel=True,
        pairs=rush_hour_pairs,
        summary=summary("rush_hour"),
    )
)

REGISTRY.register(
    Rule(
        name="independent_travel",
        function=independent_travel,
        values=_travel_values,
        texts=from_catalogue("independent_travel"),
        reads=("travels_independently", "travel_mode"),
        package_reads=("work_location", "offers_transport"),
        summary=summary("independent_travel"),
    )
)
