"""What a department head reads about a match: :class:`DepartmentSummary`, the numbers and lists
counted by :func:`~wbamatch._summary.department_summary`, shown as a page or a sheet.

Example
-------
>>> import wbamatch
>>> from wbamatch._summary import department_summary
>>> cands, packs = wbamatch.demo_data()
>>> summary = department_summary(wbamatch.match(cands, packs), packs, lang="en")
>>> summary.html().startswith("<!DOCTYPE html>"), summary.sheet().rows[0]
(True, ['Summary of the placements'])
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .._catalogue import Lang, text
from .._files import write_atomic
from ._lines import Line, OpenPlace, ReasonLine, SheetRows
from ._page import page_html
from ._sheet import sheet_rows

__all__ = ["DepartmentSummary"]


@dataclass(frozen=True)
class DepartmentSummary:
    """What a department head reads about a match; built by :func:`department_summary`.

    ``organisations`` and ``tracks`` are :class:`Line` s (banen first, most first);
    ``reasons`` counts the main reason of each candidate without a place; ``people`` lists
    those candidates as ``(id, name)`` (the name only when a ``names`` mapping gave one);
    ``open_places`` the packages with places left.
    """

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

    def html(self) -> str:
        """The summary as one HTML page (UTF-8, no scripts, print CSS for one A4 page)."""
        return page_html(self)

    def to_html(self, path: str | os.PathLike[str], overwrite: bool = True) -> Path:
        """Write :meth:`html` to ``path`` (atomically; the file is readable by its owner only).

        Raises
        ------
        OSError
            ``FileExistsError`` when the file exists and ``overwrite`` is false, or whatever
            the file system reports.
        """
        return write_atomic(Path(path), self.html(), overwrite=overwrite)

    def sheet(self) -> SheetRows:
        """The summary as rows of a sheet, every list in full (the results workbook's sheet)."""
        return sheet_rows(self)
