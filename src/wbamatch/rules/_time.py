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

from ..config import MatchConfig
from ..encode import SCHEDULE_CODE, CandidateArrays, PackageArrays
from ..vocabulary import ScheduleKind
from ._arrays import EPS, col, overlaps_daily, row, work_minutes
from ._registry import REGISTRY, Mask, PairContext, Rule
from ._text import Clock, CodeText, Listing, Number, Term, Words

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
    p: PackageArrays, config: MatchConfig
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
    name: str, need: NDArray[np.bool_], p: PackageArrays, config: MatchConfig
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


def _hours_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchConfig, i: int, j: int
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
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchConfig, i: int, j: int
) -> dict[str, Any]:
    lengths = p.day_hours[j][~np.isnan(p.day_hours[j])]
    uneven = bool(p.uneven_days[j]) and p.schedule[j] not in _VARYING
    return {
        "kind": Term(_KINDS[int(p.schedule[j])]),
        "lengths": Listing(tuple(Number(float(h), 2) for h in lengths)),
        "variant": "uneven" if uneven else "",
    }


def _window_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchConfig, i: int, j: int
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


def _window_texts(name: str) -> dict[str, CodeText]:
    evening = name == "evening"
    en_part, nl_part = ("the evening", "de avond") if evening else ("the night", "de nacht")
    candidate = Words("no work between {from} and {until}", "geen werk tussen {from} en {until}")
    if name == "evening":
        candidate = Words("needs to be done by {from}", "moet om {from} klaar zijn")
    unknown_package = {
        "no_start": Words("start time not given", "begintijd niet bekend"),
        "": Words("{kind}, so the times vary", "{kind}, dus wisselende tijden"),
    }
    return {
        name: CodeText(
            reason=Words(f"work in {en_part}", f"werk in {nl_part}"),
            candidate=candidate,
            package={
                "window": Words("works {start} to {end}", "werkt van {start} tot {end}"),
                "": Words("{kind}", "{kind}"),
            },
            message={
                "window": Words(
                    f"The work runs from {{start}} to {{end}}, into {en_part}; the candidate "
                    "cannot work between {from} and {until}.",
                    f"Het werk loopt van {{start}} tot {{end}}, tot in {nl_part}; de kandidaat "
                    "kan niet werken tussen {from} en {until}.",
                ),
                "": Words(
                    "This is evening work; the candidate cannot work between {from} and "
                    "{until}.",
                    "Dit is avondwerk; de kandidaat kan niet werken tussen {from} en {until}.",
                ),
            },
        ),
        f"{name}_unknown": CodeText(
            reason=Words(f"work in {en_part} not ruled out", f"werk in {nl_part} niet uitgesloten"),
            candidate=candidate,
            package=unknown_package,
            message=Words(
                f"It is not known whether the work falls in {en_part} ({{package}}); the "
                "candidate cannot work between {from} and {until}.",
                f"Het is niet bekend of het werk in {nl_part} valt ({{package}}); de kandidaat "
                "kan niet werken tussen {from} en {until}.",
            ),
        ),
    }


REGISTRY.register(
    Rule(
        name="hours",
        function=hours,
        values=_hours_values,
        texts={
            "hours": CodeText(
                reason=Words("hours do not fit", "uren passen niet"),
                candidate={
                    "": Words("{min} to {max} hours a week", "{min} tot {max} uur per week"),
                    "daily": Words(
                        "{min} to {max} hours a week, at most {limit} hours a day",
                        "{min} tot {max} uur per week, hoogstens {limit} uur per dag",
                    ),
                },
                package={
                    "": Words(
                        "{per_week} hours a week, {longest} hours a day",
                        "{per_week} uur per week, {longest} uur per dag",
                    ),
                    "uneven": Words(
                        "{per_week} hours a week, days of {lengths} hours",
                        "{per_week} uur per week, dagen van {lengths} uur",
                    ),
                },
                message={
                    "week": Words(
                        "The hours do not fit: the package has {per_week} hours a week, the "
                        "candidate can work {min} to {max}.",
                        "De uren passen niet: het pakket heeft {per_week} uur per week, de "
                        "kandidaat kan {min} tot {max} uur werken.",
                    ),
                    "": Words(
                        "The working days are too long: the longest is {longest} hours, the "
                        "candidate can work at most {limit} hours a day.",
                        "De werkdagen zijn te lang: de langste duurt {longest} uur, de "
                        "kandidaat kan hoogstens {limit} uur per dag werken.",
                    ),
                },
            )
        },
        reads=("hours_min", "hours_max", "max_per_day"),
        package_reads=("per_week", "longest_day"),
        summary=Words(
            "the weekly hours lie outside the candidate's range, or the longest working day "
            "is longer than their daily limit",
            "de uren per week vallen buiten wat de kandidaat kan, of de langste werkdag is "
            "langer dan de daggrens",
        ),
    )
)

REGISTRY.register(
    Rule(
        name="fixed_hours",
        function=fixed_hours,
        values=_kind_values,
        texts={
            "fixed_hours": CodeText(
                reason=Words("no fixed working hours", "geen vaste werktijden"),
                candidate=Words(
                    "needs the same hours every working day",
                    "heeft elke werkdag dezelfde werktijden nodig",
                ),
                package={
                    "": Words("{kind}", "{kind}"),
                    "uneven": Words("days of {lengths} hours", "dagen van {lengths} uur"),
                },
                message={
                    "": Words(
                        "The candidate needs the same hours every working day; the package "
                        "has {kind}.",
                        "De kandidaat heeft elke werkdag dezelfde werktijden nodig; het pakket "
                        "heeft {kind}.",
                    ),
                    "uneven": Words(
                        "The candidate needs the same hours every working day; the package "
                        "has working days of different lengths ({lengths} hours).",
                        "De kandidaat heeft elke werkdag dezelfde werktijden nodig; het pakket "
                        "heeft werkdagen van verschillende lengte ({lengths} uur).",
                    ),
                },
            )
        },
        reads=("need_fixed_hours",),
        package_reads=("schedule", "uneven_days"),
        per_task=True,
        summary=Words(
            "the candidate needs the same hours every working day; the package has shifts, "
            "flexible hours or days of different lengths",
            "de kandidaat heeft elke werkdag dezelfde werktijden nodig; het pakket heeft "
            "wisselende diensten, flexibele werktijden of ongelijke werkdagen",
        ),
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
            texts=_window_texts(_name),
            reads=(_need,),
            package_reads=("start", "longest_day", "schedule"),
            summary=Words(
                f"the candidate cannot work in the {_name}; the working window (start time "
                f"and the longest day) reaches into MatchConfig.{_name}_window, or is unknown",
                f"de kandidaat kan niet in de {'avond' if _name == 'evening' else 'nacht'} "
                "werken; de werktijden (begintijd en langste dag) lopen daarin door, of zijn "
                "onbekend",
            ),
        )
    )
