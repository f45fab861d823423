"""Rules about getting to work: the commute limit, rush hour and travelling independently."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..config import MatchConfig
from ..encode import TRAVEL_MODE_CODE, CandidateArrays, PackageArrays
from ..vocabulary import TravelMode
from ._arrays import col, overlaps, row, work_minutes
from ._registry import REGISTRY, Mask, PairContext, Rule, max_commute
from ._text import Clock, CodeText, Number, Term, Words

__all__ = ["commute", "independent_travel", "rush_hour"]

_MODES = list(TravelMode)
_PUBLIC = TRAVEL_MODE_CODE[TravelMode.PUBLIC_TRANSPORT]
_SPECIAL = TRAVEL_MODE_CODE[TravelMode.SPECIAL_TRANSPORT]


def commute(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``commute``: travel time above the limit; ``commute_unknown``: limited but not computable."""
    travels = row(~p.remote)
    limit = col(ctx.max_commute(c))
    unknown = np.isnan(ctx.minutes)
    with np.errstate(invalid="ignore"):
        too_long = ctx.minutes > limit
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
    affected = c.avoid_rush_hour & (c.travel_mode == _PUBLIC)
    rows = np.flatnonzero(affected)
    mask = np.zeros((len(c), len(p)), dtype=np.bool_)
    if rows.size == 0:
        return {"rush_hour": mask}
    # Only the few candidates who avoid the peak need the interval arithmetic; each distinct
    # day length of a package ends its day at another time (most packages have one).
    lengths = _distinct_days(p)
    start = row(p.start)
    t = ctx.minutes[rows]
    in_peak = np.zeros(t.shape, dtype=np.bool_)
    for window in cfg.peak_minutes():
        in_peak |= overlaps(start - t, start, window)
        for k in range(lengths.shape[1]):
            end = start + row(work_minutes(lengths[:, k], cfg))
            in_peak |= overlaps(end, end + t, window)
    unknown = np.isnan(t) | np.isnan(start)
    mask[rows] = row(~p.remote) & (in_peak | unknown)
    return {"rush_hour": mask}


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


def _commute_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchConfig, i: int, j: int
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
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchConfig, i: int, j: int
) -> dict[str, Any]:
    start = float(p.start[j])
    if np.isnan(start):
        return {"variant": "no_start"}
    if np.isnan(t):
        return {"variant": "no_time"}
    end = start + float(work_minutes(p.longest_day[j : j + 1], cfg)[0])
    return {"variant": "peak", "start": Clock(start), "end": Clock(end), "minutes": Number(t, 0)}


def _travel_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchConfig, i: int, j: int
) -> dict[str, Any]:
    return {"mode": Term(_MODES[int(c.travel_mode[i])])}


_LIMIT = {
    "limit": Words("at most {limit} minutes {mode}", "hoogstens {limit} minuten {mode}"),
    "": Words("no limit, {mode}", "geen grens, {mode}"),
}

REGISTRY.register(
    Rule(
        name="commute",
        function=commute,
        values=_commute_values,
        texts={
            "commute": CodeText(
                reason=Words("commute too long", "reistijd te lang"),
                candidate=_LIMIT,
                package=Words("{minutes} minutes one way", "{minutes} minuten enkele reis"),
                message=Words(
                    "The commute is too long: {minutes} minutes {mode}, where the candidate "
                    "can travel at most {limit} minutes.",
                    "De reistijd is te lang: {minutes} minuten {mode}, terwijl de kandidaat "
                    "hoogstens {limit} minuten kan reizen.",
                ),
            ),
            "commute_unknown": CodeText(
                reason=Words("commute cannot be judged", "reistijd niet te beoordelen"),
                candidate={
                    "home": Words("home not known", "woonplaats niet bekend"),
                    **_LIMIT,
                },
                package={
                    "place": Words("workplace not known", "werkplek niet bekend"),
                    "": Words("travel time not known", "reistijd niet bekend"),
                },
                message={
                    "home": Words(
                        "The commute cannot be judged: the candidate's home is not known.",
                        "De reistijd is niet te beoordelen: de woonplaats van de kandidaat is "
                        "niet bekend.",
                    ),
                    "place": Words(
                        "The commute cannot be judged: the workplace is not known.",
                        "De reistijd is niet te beoordelen: de werkplek is niet bekend.",
                    ),
                    "": Words(
                        "The commute cannot be judged: the travel time is not known.",
                        "De reistijd is niet te beoordelen: die is niet bekend.",
                    ),
                },
            ),
        },
        reads=("max_commute",),
        package_reads=("work_location", "location"),
        travel=True,
        reach_safe=True,
        summary=Words(
            "the one-way travel time is above the candidate's limit, or cannot be worked out",
            "de reistijd enkele reis is langer dan de grens van de kandidaat, of niet te "
            "berekenen",
        ),
    )
)

REGISTRY.register(
    Rule(
        name="rush_hour",
        function=rush_hour,
        values=_rush_values,
        texts={
            "rush_hour": CodeText(
                reason=Words("trip in rush hour", "reis in de spits"),
                candidate=Words(
                    "cannot travel by public transport in rush hour",
                    "kan niet in de spits met het openbaar vervoer reizen",
                ),
                package={
                    "peak": Words(
                        "works {start} to {end}, {minutes} minutes of travel",
                        "werkt van {start} tot {end}, {minutes} minuten reizen",
                    ),
                    "no_start": Words("start time not given", "begintijd niet bekend"),
                    "": Words("travel time not known", "reistijd niet bekend"),
                },
                message={
                    "peak": Words(
                        "The trip would fall in rush hour on public transport (work from "
                        "{start} to {end}, {minutes} minutes of travel).",
                        "De reis valt in de spits met het openbaar vervoer (werk van {start} "
                        "tot {end}, {minutes} minuten reizen).",
                    ),
                    "no_start": Words(
                        "It is not known whether the trip falls in rush hour: the start time "
                        "is not given.",
                        "Het is niet bekend of de reis in de spits valt: de begintijd is niet "
                        "bekend.",
                    ),
                    "": Words(
                        "It is not known whether the trip falls in rush hour: the travel time "
                        "cannot be worked out.",
                        "Het is niet bekend of de reis in de spits valt: de reistijd is niet te "
                        "berekenen.",
                    ),
                },
            )
        },
        reads=("avoid_rush_hour", "travel_mode"),
        package_reads=("start", "day_hours", "work_location"),
        travel=True,
        summary=Words(
            "the candidate cannot travel by public transport in rush hour, and a trip to or "
            "from work falls in a peak window (or the start time is unknown)",
            "de kandidaat kan niet in de spits met het openbaar vervoer reizen, en een reis van "
            "of naar het werk valt in de spits (of de begintijd is onbekend)",
        ),
    )
)

REGISTRY.register(
    Rule(
        name="independent_travel",
        function=independent_travel,
        values=_travel_values,
        texts={
            "independent_travel": CodeText(
                reason=Words("cannot travel there alone", "kan er niet zelfstandig heen"),
                candidate=Words(
                    "cannot travel alone; travels {mode}",
                    "kan niet zelfstandig reizen; reist {mode}",
                ),
                package=Words("no transport arranged", "geen vervoer geregeld"),
                message=Words(
                    "The candidate cannot travel to work alone and has no special transport; "
                    "the employer does not arrange transport.",
                    "De kandidaat kan niet zelfstandig naar het werk reizen en heeft geen "
                    "aangepast vervoer; de werkgever regelt geen vervoer.",
                ),
            )
        },
        reads=("travels_independently", "travel_mode"),
        package_reads=("work_location", "offers_transport"),
        summary=Words(
            "the candidate cannot travel alone and has no special transport; the work is not "
            "remote and the employer arranges no transport",
            "de kandidaat kan niet zelfstandig reizen en heeft geen aangepast vervoer; het werk "
            "is niet thuis en de werkgever regelt geen vervoer",
        ),
    )
)
