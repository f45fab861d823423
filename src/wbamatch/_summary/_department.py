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
from pathlib import Path

from .._files import write_atomic
from ._data import SummaryData
from ._lines import SheetRows
from ._page import page_html
from ._sheet import sheet_rows

__all__ = ["DepartmentSummary"]


@dataclass(frozen=True)
class DepartmentSummary(SummaryData):
    """What a department head reads about a match; built by :func:`department_summary`.

    The fields are those of :class:`SummaryData`: ``organisations`` and ``tracks`` are
    :class:`Line` s (banen first, most first); ``reasons`` counts the main reason of each
    candidate without a place; ``people`` lists those candidates as ``(id, name)`` (the name
    only when a ``names`` mapping gave one); ``open_places`` the packages with places left.
    """

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
