"""The one writer every output goes through: sheets as CSV or as a formatted XLSX workbook.

A :class:`_Sheet` is a table with, for XLSX, how it looks and prints. Text cells that a
spreadsheet would run as a formula are neutralised on the way out (``'`` in front), whichever
format; CSV gets a BOM so Excel reads UTF-8. Files are written atomically.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any, Final

from .._cells import csv_text, neutralise, require
from .._exceptions import InputError
from .._files import write_atomic
from ._cells import _letter

#: Number formats of the exported workbooks.
_PERCENT: Final[str] = "0%"
_HOURS: Final[str] = "0.0"
_BANEN: Final[str] = "0.00"
_WHOLE: Final[str] = "0"


@dataclass
class _Sheet:
    """One sheet to write: a table (header and rows) and, for XLSX, how it looks and prints.

    Rows and columns in ``comments``, ``cell_formats``, ``bold`` and ``muted`` count from 1 as
    in a spreadsheet; ``formats``, ``wrap`` and ``widths`` are by 0-based column.
    """

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    #: Rows above the header (a title block); the header then is on row ``len(lead) + 1``.
    lead: Sequence[Sequence[Any]] = ()
    #: Number format of each column's numbers below the header.
    formats: Mapping[int, str] = field(default_factory=dict)
    cell_formats: Mapping[tuple[int, int], str] = field(default_factory=dict)
    wrap: frozenset[int] = frozenset()
    widths: Mapping[int, float] = field(default_factory=dict)
    comments: Mapping[tuple[int, int], str] = field(default_factory=dict)
    bold: frozenset[int] = frozenset()
    muted: frozenset[int] = frozenset()
    #: Where the panes freeze; None: below the header (column A), "": nowhere.
    freeze: str | None = None
    #: An autofilter on the table.
    filtered: bool = False
    #: Print settings: "" (none), "landscape" or "portrait"; always fit to the page width and
    #: repeat the header row on every page; ``one_page`` fits it to one page tall as well.
    printed: str = ""
    one_page: bool = False
    #: A template's header: filled and wrapped.
    fancy: bool = False
    #: Lead rows merged over the table's width and wrapped (long lines of text).
    merge_lead: bool = False

    @property
    def header_row(self) -> int:
        return len(self.lead) + 1


def _width(value: Any) -> int:
    """Characters a value takes in a cell (numbers as they are shown, rounded)."""
    if isinstance(value, float):
        return len(f"{value:.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _comment(text: str) -> Any:
    from openpyxl.comments import Comment

    lines = sum(max(1, math.ceil(len(line) / 48)) for line in text.splitlines())
    return Comment(text, "wbamatch", height=max(60, 15 * lines + 10), width=300)


@dataclass(frozen=True)
class _Styles:
    """The fonts, fill and alignment a workbook is written with (openpyxl objects)."""

    bold: Any
    title: Any
    muted: Any
    wrapped: Any
    fill: Any

    @classmethod
    def make(cls) -> _Styles:
        from openpyxl.styles import Alignment, Font, PatternFill

        return cls(
            bold=Font(bold=True),
            title=Font(bold=True, size=13),
            muted=Font(italic=True, color="666666"),
            wrapped=Alignment(wrap_text=True, vertical="top"),
            fill=PatternFill("solid", fgColor="DDE7F0"),
        )


def _xlsx_bytes(sheets: Sequence[_Sheet], decorate: Callable[[Any], None] | None = None) -> bytes:
    openpyxl = require("openpyxl")
    styles = _Styles.make()
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _fill_sheet(book.create_sheet(title=sheet.title), sheet, styles)
    if decorate is not None:
        decorate(book)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill_sheet(ws: Any, sheet: _Sheet, styles: _Styles) -> None:
    """One worksheet: its cells, then how it looks and prints."""
    head = sheet.header_row if sheet.header else 0
    _write_cells(ws, sheet, head, styles)
    width_of = max(len(sheet.header), max((len(r) for r in sheet.rows), default=0))
    if head:
        for c in range(1, len(sheet.header) + 1):
            cell = ws.cell(row=head, column=c)
            cell.font = styles.bold
            if sheet.fancy:
                cell.fill = styles.fill
                cell.alignment = styles.wrapped
    for (r, c), note in sheet.comments.items():
        ws.cell(row=r, column=c).comment = _comment(note)
    for c in range(1, width_of + 1):
        ws.column_dimensions[_letter(c - 1)].width = _column_width(sheet, c)
    if sheet.merge_lead and width_of:
        _merge_lead(ws, sheet, width_of, styles)
    freeze = sheet.freeze if sheet.freeze is not None else (f"A{head + 1}" if head else "")
    if freeze:
        ws.freeze_panes = freeze
    if sheet.filtered and head and sheet.header:
        last = max(len(sheet.rows), 1) + head
        ws.auto_filter.ref = f"A{head}:{_letter(len(sheet.header) - 1)}{last}"
    if sheet.printed:
        _print_setup(ws, sheet, head)


def _write_cells(ws: Any, sheet: _Sheet, head: int, styles: _Styles) -> None:
    """The lead rows, the header (row ``head``; 0: none) and the rows, with their formats."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    lines = [*map(list, sheet.lead), *([list(sheet.header)] if sheet.header else [])]
    for r, values in enumerate([*lines, *map(list, sheet.rows)], start=1):
        below = bool(head) and r > head
        for c, value in enumerate(values, start=1):
            if value is None:
                continue  # an empty cell: not creating it halves the time for sparse sheets
            if isinstance(value, bool):
                value = "yes" if value else "no"
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", neutralise(value))
                # openpyxl would store '#N/A' and the like as error cells; keep text text.
                cell.data_type = "s"
            else:
                cell.value = value
                code = sheet.cell_formats.get((r, c), sheet.formats.get(c - 1) if below else None)
                if code:
                    cell.number_format = code
            if below and c - 1 in sheet.wrap:
                cell.alignment = styles.wrapped
        if r in sheet.bold:
            for cell in ws[r]:
                cell.font = styles.title if r == 1 and not head else styles.bold
        if r in sheet.muted:
            for cell in ws[r]:
                cell.font = styles.muted


def _column_width(sheet: _Sheet, c: int) -> float:
    """The width of column ``c`` (from 1): as set, else from its header and first 200 rows."""
    if c - 1 in sheet.widths:
        return sheet.widths[c - 1]
    label = str(sheet.header[c - 1]) if c <= len(sheet.header) else ""
    shown = max((len(w) for w in label.split()), default=0) if sheet.fancy else len(label)
    cells = [row[c - 1] for row in sheet.rows[:200] if c <= len(row)]
    longest = max([shown, *(_width(v) for v in cells if v is not None)])
    return min(max(longest + 2, 8), 28 if sheet.fancy else 60)


def _merge_lead(ws: Any, sheet: _Sheet, width_of: int, styles: _Styles) -> None:
    """Lead rows of text merged over the table's width, wrapped, and tall enough to show."""
    total = sum(ws.column_dimensions[_letter(c)].width or 10 for c in range(width_of))
    for r, line in enumerate(sheet.lead, start=1):
        if line and r not in sheet.bold:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width_of)
            ws.cell(row=r, column=1).alignment = styles.wrapped
            chars = len(str(line[0]))
            ws.row_dimensions[r].height = 15 * max(1, math.ceil(chars * 1.1 / total))


def _print_setup(ws: Any, sheet: _Sheet, head: int) -> None:
    """A4 in the sheet's orientation, fitted to the page width, the header row on every page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = sheet.printed
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if sheet.one_page else 0
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if head:
        ws.print_title_rows = f"{head}:{head}"


def _write(
    path: str | os.PathLike[str],
    sheets: Sequence[_Sheet],
    decorate: Callable[[Any], None] | None = None,
    *,
    overwrite: bool = True,
) -> Path:
    """``sheets`` as an XLSX workbook (``decorate``: a last touch to the openpyxl book), or the
    first of them as CSV, by the suffix of ``path``; written atomically."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        return write_atomic(target, _csv_of(sheets[0]), overwrite=overwrite)
    if suffix == ".xlsx":
        return write_atomic(target, _xlsx_bytes(sheets, decorate), overwrite=overwrite)
    raise InputError(f"{target.name}: write .csv or .xlsx files; got suffix {suffix or 'none'!r}")


def _csv_of(sheet: _Sheet) -> str:
    # The BOM makes Excel read the file as UTF-8 instead of the local code page.
    return csv_text(sheet.header, sheet.rows, bom=True)


def _suffix(path: str | os.PathLike[str]) -> str:
    """The output format, checked before any work is done."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(
            f"{target.name}: write .csv or .xlsx files; got suffix {suffix or 'none'!r}"
        )
    return suffix


def _sheet_title(wanted: str, used: set[str]) -> str:
    """A sheet title Excel accepts (31 characters, none of ``[]:*?/\\``), unique in the book."""
    clean = re.sub(r"[\[\]:*?/\\]", " ", wanted).strip().strip("'") or "-"
    clean = " ".join(clean.split())[:31].rstrip()
    title, k = clean, 1
    while title.casefold() in used:
        k += 1
        tail = f" ({k})"
        title = clean[: 31 - len(tail)].rstrip() + tail
    used.add(title.casefold())
    return title
