"""What every source gives the reader: a table of raw cells, and the words for where a cell is.

A source (CSV, XLSX, DataFrame) is read into a :class:`_Table`: its header cells and an iterator
of sparse rows. The helpers here name a place in a file for a message and read a whole file
within :data:`~wbamatch.io.MAX_FILE_BYTES`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._exceptions import InputError
from . import _bounds
from ._cells import _letter

__all__ = ["Row"]

#: One row of a source: its spreadsheet row number and its non-empty cells by 0-based column.
#: Sparse, so that the work per row follows the cells in the file, not the widest row.
Row = tuple[int, dict[int, Any]]


@dataclass
class _Table:
    """A source as read: its header cells and its rows, both by 0-based column.

    ``letters``: a message names a column by its letter (False for a DataFrame, whose columns
    are numbered).
    """

    file: str
    sheet: str
    header: dict[int, Any]
    rows: Iterator[Row]
    letters: bool = True


def _shown(text: str) -> str:
    """Text from outside (a file or sheet name) for a message: escaped like repr() if needed."""
    return text if text.isprintable() else repr(text)[1:-1]


def _where(file: str, sheet: str = "", row: int | None = None, column: int | None = None) -> str:
    """``c.xlsx, sheet 'candidates', row 5, column C`` for a message."""
    parts = [file]
    if sheet:
        parts.append(f"sheet {sheet!r}")
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column {_letter(column)}")
    return ", ".join(parts)


def _read_bytes(path: Path) -> bytes:
    """The whole file, refused before reading when it is over :data:`MAX_FILE_BYTES`."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"file {str(path)!r} cannot be read: {exc.strerror}") from None
    if size > _bounds.MAX_FILE_BYTES:
        raise InputError(
            f"file {str(path)!r} is {size} bytes; the limit is {_bounds.MAX_FILE_BYTES}. Split it."
        )
    try:
        with path.open("rb") as handle:
            # A pipe or device reports size 0: read no more than the limit, whatever stat said.
            raw = handle.read(_bounds.MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"file {str(path)!r} cannot be read: {exc.strerror}") from None
    if len(raw) > _bounds.MAX_FILE_BYTES:
        raise InputError(
            f"file {str(path)!r} is over the limit of {_bounds.MAX_FILE_BYTES} bytes. Split it."
        )
    return raw


def _too_many(where: str) -> str:
    return (
        f"{where}: more than {_bounds.MAX_ROWS} rows below the header; split it into several files"
    )


def _too_wide(where: str) -> str:
    return (
        f"{where}: the row has cells beyond column {_letter(_bounds.MAX_COLUMNS - 1)}; the limit "
        f"is {_bounds.MAX_COLUMNS} columns. Delete the columns after the data (or the stray "
        "cells), or save the sheet as a new file"
    )


@dataclass(frozen=True)
class _Formula:
    """A formula (``f``) or error (``e``) cell of an XLSX file: refused, never evaluated."""

    data_type: str
