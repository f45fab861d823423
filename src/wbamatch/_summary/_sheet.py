"""The summary as rows of a sheet, every list in full: :func:`sheet_rows`, for the sheet of the
results workbook (:func:`wbamatch.io.write_results`).

The sheet has the figures, the breakdowns per organisation and per track, the main reasons, who
has no place yet, the open places and a few technical facts, each under a heading; numbers stay
numbers, with a number format per cell.

Example
-------
>>> import wbamatch
>>> from wbamatch._summary import department_summary
>>> cands, packs = wbamatch.demo_data()
>>> sheet = sheet_rows(department_summary(wbamatch.match(cands, packs), packs, lang="en"))
>>> sheet.rows[0], 1 in sheet.headings
(['Summary of the placements'], True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._catalogue import Number
from .._vocabulary import HOURS_PER_JOB
from ._data import SummaryData
from ._lines import SheetRows

__all__ = ["sheet_rows"]


class _Sheet:
    """Rows being laid out, the number format of each numeric cell, the rows that are headings
    (rows and columns counted from 1, as a workbook counts them)."""

    def __init__(self) -> None:
        self.rows: list[list[Any]] = []
        self.formats: dict[tuple[int, int], str] = {}
        self.headings: set[int] = set()

    def heading(self, title: str) -> None:
        """A heading row, after an empty row unless it is the first."""
        if self.rows:
            self.rows.append([])
        self.rows.append([title])
        self.headings.add(len(self.rows))

    def table(
        self, header: list[str] | None, body: Iterable[list[Any]], fmt: Mapping[int, str]
    ) -> None:
        """A header row (a heading too), then the body; ``fmt``: column -> number format."""
        if header is not None:
            self.rows.append(header)
            self.headings.add(len(self.rows))
        for row in body:
            self.rows.append(row)
            for column, code in fmt.items():
                if isinstance(row[column], int | float):
                    self.formats[(len(self.rows), column + 1)] = code

    def done(self) -> SheetRows:
        """The rows laid out."""
        return SheetRows(self.rows, self.formats, frozenset(self.headings))


def sheet_rows(s: SummaryData) -> SheetRows:
    """Every part of the summary under its heading, after the title and the date of the match."""
    t = s._t
    sheet = _Sheet()
    sheet.heading(t("summary.title"))
    if s.computed is not None:
        sheet.rows.append([t("summary.computed", date=s._date())])
    _figures(sheet, s)
    _breakdowns(sheet, s)
    _not_placed(sheet, s)
    _open_places(sheet, s)
    sheet.heading(t("summary.technical"))
    sheet.table(
        None,
        [
            [t("summary.technical.status"), s.status],
            [t("summary.technical.pairs"), s.feasible_pairs],
        ],
        {},
    )
    sheet.rows.append([])
    sheet.rows.append([t("summary.note.banen", hours=Number(HOURS_PER_JOB, 1))])
    return sheet.done()


def _figures(sheet: _Sheet, s: SummaryData) -> None:
    """The figures: candidates, placed, not placed, banen, places, open places."""
    t = s._t
    sheet.heading(t("summary.figures"))
    sheet.table(
        None,
        [
            [t("summary.figure.candidates"), s.candidates],
            [t("summary.figure.placed"), s.placed],
            [t("summary.figure.not_placed"), s.not_placed],
            [t("summary.figure.banen"), round(s.banen, 2)],
            [t("summary.figure.slots"), s.slots],
            [t("summary.figure.open"), s.open],
        ],
        {1: "0"},
    )
    sheet.formats[(len(sheet.rows) - 2, 2)] = "0.00"  # banen: the fourth of the six


def _breakdowns(sheet: _Sheet, s: SummaryData) -> None:
    """Placements, banen and open places per organisation and per track."""
    t = s._t
    columns = [t("summary.col.placements"), t("summary.col.banen"), t("summary.col.open")]
    for key, first, lines in (
        ("summary.by_organisation", "summary.col.organisation", s.organisations),
        ("summary.by_track", "summary.col.track", s.tracks),
    ):
        sheet.heading(t(key))
        sheet.table(
            [t(first), *columns],
            [[x.name, x.placements, round(x.banen, 2), x.open] for x in lines],
            {1: "0", 2: "0.00", 3: "0"},
        )


def _not_placed(sheet: _Sheet, s: SummaryData) -> None:
    """The main reasons, counted, and who has no place yet (with names where given)."""
    t = s._t
    sheet.heading(t("summary.reasons"))
    sheet.table(
        [t("summary.col.reason"), t("summary.col.people")],
        [[r.reason, r.candidates] for r in s.reasons],
        {1: "0"},
    )
    sheet.heading(t("summary.people"))
    named = any(name for _, name in s.people)
    sheet.table(
        [t("summary.col.candidate"), *([t("summary.col.name")] if named else [])],
        [[cid, *([name] if named else [])] for cid, name in s.people],
        {},
    )


def _open_places(sheet: _Sheet, s: SummaryData) -> None:
    """The packages with places left, and how many candidates would have fitted."""
    t = s._t
    sheet.heading(t("summary.open_places"))
    sheet.table(
        [
            t("summary.col.package"),
            t("summary.col.title"),
            t("summary.col.organisation"),
            t("summary.col.open"),
            t("summary.col.fitting"),
        ],
        [[o.package_id, o.title, o.organisation, o.open, o.fitting] for o in s.open_places],
        {3: "0", 4: "0"},
    )
