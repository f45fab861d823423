"""The numbers and lists of a department summary: :class:`SummaryData`, the base of
:class:`~wbamatch._summary.DepartmentSummary`.

The page (``_page``) and the sheet (``_sheet``) are made from these, and
:class:`DepartmentSummary` shows itself through them; so the data sit here, below all three,
and none of them imports another back.

Example
-------
>>> s = SummaryData(lang="en", candidates=2, placed=1, not_placed=1, counting=1, banen=1.0,
...                 slots=2, open=1, organisations=(), tracks=(), reasons=(), people=(),
...                 open_places=(), status="optimal")
>>> s._n(2.2), s._date()
('2.20', '')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .._catalogue import Lang, text
from ._lines import Line, OpenPlace, ReasonLine

__all__ = ["SummaryData"]


@dataclass(frozen=True)
class SummaryData:
    """What a department summary counts (the fields are described at
    :class:`~wbamatch._summary.DepartmentSummary`), and its words and numbers in its language."""

    lang: Lang
    candidates: int
    placed: int
    not_placed: int
    counting: int
    banen: float
    slots: int
    open: int
    organisations: tuple[Line, ...]
    tracks: tuple[Line, ...]
    reasons: tuple[ReasonLine, ...]
    people: tuple[tuple[str, str], ...]
    open_places: tuple[OpenPlace, ...]
    status: str
    computed: datetime | None = None
    total_score: float = 0.0
    feasible_pairs: int = 0
    solver: str = ""

    def _t(self, key: str, **values: Any) -> str:
        """The catalogue's words for ``key`` in the summary's language."""
        return text(key, self.lang, **values)

    def _n(self, value: float, digits: int = 2) -> str:
        """A number with exactly ``digits`` decimals, as the language writes it: ``2,20``."""
        written = f"{value:.{digits}f}"
        return written.replace(".", ",") if self.lang == "nl" else written

    def _date(self) -> str:
        """The day the match ran, in words (``"3 maart 2025"``); empty when not known."""
        if self.computed is None:
            return ""
        when = self.computed
        month = self._t(f"summary.month.{when.month}")
        return self._t("summary.date", day=str(when.day), month=month, year=str(when.year))
