"""The options of the handouts and schedules: language, clock times, tables and names.

They are checked once, in :meth:`Handout.make`, for the HTML pages and the CSV files alike.
Round ``r`` runs from ``event_start + (r - 1) * (round_minutes + break_minutes)`` for
``round_minutes``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from typing import Final

from .._catalogue import Clock, Lang, format_value, text
from .._exceptions import InputError
from .._validation import positive_int
from ._meetings import PlanFields

__all__ = [
    "DEFAULT_ROUND_MINUTES",
    "DEFAULT_START",
    "Handout",
    "Names",
    "Start",
    "Tables",
    "count",
]

#: When the first round starts unless told otherwise, and how long a round takes (minutes).
DEFAULT_START: Final[str] = "09:30"
DEFAULT_ROUND_MINUTES: Final[int] = 20

#: What the writers accept for ``tables``, ``names`` and ``event_start``.
Tables = Mapping[str, str] | None
Names = Mapping[str, str] | None
Start = str | time | None

_DAY: Final[int] = 24 * 60
_START: Final[re.Pattern[str]] = re.compile(r"(\d{1,2})[:.](\d{2})")


def count(kind: str, n: int, lang: Lang) -> str:
    """``1 gesprek``, ``3 gesprekken``: a count with its noun, from the catalogue.

    Example
    -------
    >>> count("conversations", 1, "nl"), count("rounds", 3, "en")
    ('1 gesprek', '3 rounds')
    """
    return text(f"meetgreet.count.{kind}.{'one' if n == 1 else 'other'}", lang, n=n)


@dataclass(frozen=True)
class Handout:
    """What the handouts need besides the plan: checked once, for HTML and CSV alike.

    Example
    -------
    >>> import wbamatch
    >>> plan = wbamatch.plan_meet_and_greet(*wbamatch.demo_data(), 3, 2, 3)
    >>> sheet = Handout.make(plan, "en", "9.30", 20, 5, None, None)
    >>> sheet.clock(2), sheet.tables[plan.meetings[0].package_id].startswith("Table")
    (('09:55', '10:15'), True)
    """

    lang: Lang
    start: int | None  # minutes after midnight of round 1; None: no clock times
    round_minutes: int
    break_minutes: int
    tables: Mapping[str, str]  # package id -> table, for every package with a meeting
    names: Mapping[str, str]  # candidate id -> display name, only where one is given

    @classmethod
    def make(
        cls,
        plan: PlanFields,
        lang: str | None,
        event_start: object,
        round_minutes: object,
        break_minutes: object,
        tables: object,
        names: object,
    ) -> Handout:
        """Check the options against the plan; raise :class:`InputError` for a bad one."""
        chosen = plan.config.text_lang(lang)
        start = _start_minutes(event_start)
        length = positive_int(round_minutes, "round_minutes", unit="minutes")
        pause = positive_int(break_minutes, "break_minutes", least=0, unit="minutes")
        if start is not None and plan.rounds_used:
            end = start + plan.rounds_used * length + (plan.rounds_used - 1) * pause
            if end > _DAY:
                raise InputError(
                    f"the event would run past midnight: {plan.rounds_used} rounds of {length} "
                    f"minutes with {pause} minutes between them from {event_start}; start "
                    "earlier or make the rounds shorter"
                )
        chosen_tables = _tables(plan, tables, chosen)
        return cls(chosen, start, length, pause, chosen_tables, _text_map(names, "names"))

    def span(self, round_: int) -> tuple[int, int] | None:
        """Start and end of a round in minutes after midnight; None without clock times."""
        if self.start is None:
            return None
        begin = self.start + (round_ - 1) * (self.round_minutes + self.break_minutes)
        return begin, begin + self.round_minutes

    def clock(self, round_: int) -> tuple[str, str]:
        """``("09:30", "09:50")``: a round's start and end; empty without clock times."""
        span = self.span(round_)
        if span is None:
            return "", ""
        return _clock(span[0], self.lang), _clock(span[1], self.lang)

    def when(self, round_: int) -> str:
        """``09:30–09:50``, or empty without clock times."""
        start, end = self.clock(round_)
        return text("meetgreet.time.range", self.lang, start=start, end=end) if start else ""

    def name(self, candidate_id: str) -> str:
        """The display name of a candidate, else the id."""
        return self.names.get(candidate_id, candidate_id)

    def duration(self, minutes: int) -> str:
        """``20 minuten``: a number of minutes in words."""
        return count("minutes", minutes, self.lang)


def _start_minutes(value: object) -> int | None:
    """Minutes after midnight of ``event_start``; None when it is None."""
    if value is None:
        return None
    if isinstance(value, time):
        return value.hour * 60 + value.minute
    if isinstance(value, str):
        found = _START.fullmatch(value.strip())
        if found and int(found[1]) < 24 and int(found[2]) < 60:
            return int(found[1]) * 60 + int(found[2])
    raise InputError(f"event_start must be a time of day such as '09:30', or None, got {value!r}")


def _text_map(value: object, name: str) -> dict[str, str]:
    """A mapping of ids to texts, stripped; empty texts left out."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InputError(f"{name} must be a mapping of ids to texts, got {type(value).__name__}")
    out: dict[str, str] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise InputError(f"{name} must map ids (text) to texts; {key!r} does not")
        if item.strip():
            out[key] = item.strip()
    return out


def _tables(plan: PlanFields, tables: object, lang: Lang) -> dict[str, str]:
    """The table of every package with a conversation: as given, or numbered in id order."""
    by_package = plan.by_package()
    if tables is None:
        return {
            pid: text("meetgreet.table.default", lang, number=k + 1)
            for k, pid in enumerate(by_package)
        }
    given = _text_map(tables, "tables")
    missing = [pid for pid in by_package if pid not in given]
    if missing:
        shown = ", ".join(map(repr, missing[:5])) + (" ..." if len(missing) > 5 else "")
        raise InputError(
            f"tables has no table for {len(missing)} package(s) with a conversation: "
            f"{shown}; give a table for every one of them"
        )
    chosen = {pid: given[pid] for pid in by_package}
    _check_tables(plan, chosen)
    return chosen


def _check_tables(plan: PlanFields, tables: Mapping[str, str]) -> None:
    """Two packages at one table must never talk in the same round."""
    seen: dict[tuple[int, str], str] = {}
    for m in plan.meetings:
        key = (m.round, tables[m.package_id])
        other = seen.setdefault(key, m.package_id)
        if other != m.package_id:
            raise InputError(
                f"packages {other!r} and {m.package_id!r} both have table {key[1]!r} in round "
                f"{m.round}; give them different tables"
            )


def _clock(minutes: int, lang: Lang) -> str:
    return format_value(Clock(minutes), lang)
