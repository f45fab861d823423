"""XLSX files, read with openpyxl in read-only mode, row by row, after the zip scan.

Only a visible sheet is read; its declared size is held to the limits before openpyxl would pad
rows to it. Formula and error cells are kept as :class:`_Formula` markers, never evaluated.
"""

from __future__ import annotations

import functools
import operator
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from typing import Any

from .._catalogue import LANGS, text as _text
from .._cells import require
from .._exceptions import InputError, WbamatchError
from . import _bounds
from ._cells import _letter
from ._table import Row, _Formula, _read_bytes, _shown, _Table, _too_many, _too_wide, _where
from ._zipscan import _check_rows, _inspect_xlsx


def _check_dimension(where: str, ws: Any) -> None:
    """A worksheet's declared size within the limits (openpyxl would pad every row to it)."""
    rows, cols = ws.max_row, ws.max_column
    if rows is None or cols is None:
        return
    if rows > _bounds.MAX_ROWS + 1 or cols > _bounds.MAX_COLUMNS:
        first = f"{_letter(max(ws.min_column or 1, 1) - 1)}{ws.min_row or 1}"
        raise InputError(
            f"{where}: the sheet declares its size as {first}:{_letter(cols - 1)}{rows} "
            f"({rows} rows, {cols} columns), over the limits of {_bounds.MAX_ROWS} rows below the "
            f"header and {_bounds.MAX_COLUMNS} columns. Delete the empty rows and columns after "
            "the data (select them, right-click, Delete), save, and read it again; or split the "
            "file"
        )


def _unreadable(name: str, exc: BaseException, where: str = "") -> InputError:
    """An openpyxl failure on a broken file, as one line without the file's content."""
    if isinstance(exc, SyntaxError):  # xml.etree's ParseError: expat's words and position
        detail = f"malformed XML: {exc}"
    elif isinstance(exc, RecursionError):
        detail = "XML nested too deeply"
    elif isinstance(exc, KeyError):
        detail = "a part it refers to is missing"
    elif isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        detail = "a damaged zip archive"
    else:
        detail = f"{type(exc).__name__} in its XML"
    return InputError(
        f"{name} is not a readable XLSX file ({detail}{where}); open it in Excel and save it "
        "again, or save the sheet as CSV UTF-8"
    )


@contextmanager
def _open_xlsx(path: Path, sheet: str | None, kind: str) -> Iterator[_Table]:
    name = _shown(path.name)
    raw = _read_bytes(path)
    openpyxl = require("openpyxl")
    from openpyxl.cell.read_only import EMPTY_CELL

    scans = _inspect_xlsx(name, raw)
    with warnings.catch_warnings():
        # openpyxl warns about what it skips, sometimes with a cell's value: never shown.
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(
                BytesIO(raw), read_only=True, data_only=False, keep_links=False
            )
        except Exception as exc:  # openpyxl raises whatever its parsers hit on a broken file
            if isinstance(exc, WbamatchError | MemoryError):
                raise
            raise _unreadable(name, exc) from None
        try:
            ws = _choose_sheet(name, book, sheet, kind)
            title = str(ws.title)
            part = getattr(ws, "_worksheet_path", None)
            chosen = [scans[part]] if part in scans else list(scans.values())
            for scan in chosen:
                _check_rows(name, scan, f"sheet {title!r}")
            _check_dimension(_where(name, title), ws)
            ws.reset_dimensions()  # read the rows that are there: no padding, no cut-off
            rows = _xlsx_rows(ws, name, title, EMPTY_CELL)
            number, header = next(rows, (1, {}))
            yield _Table(name, title, header if number == 1 else {}, rows)
        finally:
            book.close()


def _choose_sheet(name: str, book: Any, sheet: str | None, kind: str) -> Any:
    """The worksheet to read: visible only; a hidden one is named, never read."""
    worksheets = list(book.worksheets)
    visible = [ws for ws in worksheets if ws.sheet_state == "visible"]
    by_title = {ws.title: ws for ws in worksheets}
    listed = ", ".join(repr(ws.title) for ws in visible) or "none"

    def hidden(title: str) -> InputError:
        return InputError(
            f"{name}: sheet {title!r} is hidden; wbamatch reads visible sheets only. Unhide it "
            "(right-click a sheet tab, Unhide) if it holds the data, or delete it; visible "
            f"sheets: {listed}"
        )

    if sheet is not None:
        ws = by_title.get(sheet)
        if ws is None:
            raise InputError(f"{name} has no sheet {sheet!r}; its visible sheets are: {listed}")
        if ws.sheet_state != "visible":
            raise hidden(sheet)
        return ws
    # The data sheet by its name: the kind, or a template's sheet name in either language.
    names = [kind, *(_text(f"io.sheet.{kind}", lang) for lang in LANGS)]
    ws = by_title.get(kind) or next(
        (w for n in names for w in worksheets if str(w.title).casefold() == n.casefold()), None
    )
    if ws is not None and ws.sheet_state != "visible":
        raise hidden(str(ws.title))
    if ws is None:
        if not visible:
            raise InputError(
                f"{name} has no visible worksheet; add a sheet named {kind!r} with the data"
            )
        ws = visible[0]
    return ws


def _xlsx_rows(ws: Any, name: str, title: str, empty: Any) -> Iterator[Row]:
    real = functools.partial(operator.is_not, empty)
    number = 0
    try:
        for number, cells in enumerate(ws.iter_rows(), start=1):
            if number > _bounds.MAX_ROWS + 1:
                raise InputError(_too_many(_where(name, title)))
            if len(cells) > _bounds.MAX_COLUMNS:
                raise InputError(_too_wide(_where(name, title, number)))
            values: dict[int, Any] = {}
            for cell in filter(real, cells):  # the cells in the file, not the padding
                kind = cell.data_type
                if kind == "f" or kind == "e":
                    values[cell.column - 1] = _Formula(kind)
                    continue
                value = cell.value
                if value is None or (isinstance(value, str) and (not value or value.isspace())):
                    continue
                values[cell.column - 1] = value
            yield number, values
    except Exception as exc:
        if isinstance(exc, WbamatchError | MemoryError):
            raise
        raise _unreadable(name, exc, f"; sheet {title!r}, near row {number + 1}") from None
