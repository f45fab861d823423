"""The problems of one table, collected while it is read and raised together.

Each problem says where it is (file, sheet, row, column letter, the column's name and Dutch
heading) and what is allowed, in both languages. Reading stops after
:data:`~wbamatch.io.MAX_ERRORS` of them.
"""

from __future__ import annotations

from .._cellerror import CellError, SpreadsheetError
from . import _bounds
from ._cells import _letter
from ._layout import Kind, columns
from ._table import _Table
from ._words import _say, _Words


class _TooManyProblemsError(Exception):
    """:data:`MAX_ERRORS` problems are collected: reading stops and reports them."""


class _Problems:
    """The problems found in ``table`` so far, each with its row and 0-based column (-1: none)."""

    def __init__(self, table: _Table, kind: Kind) -> None:
        self.table = table
        self.found: list[tuple[int, int, CellError]] = []
        self.dutch = {c.name: c.label for c in columns(kind, "nl")}

    def add(self, row: int, index: int | None, column: str, message: _Words) -> None:
        """One problem at ``row`` and column ``index`` (``column``: names, comma separated).

        Raises :class:`_TooManyProblemsError` once :data:`MAX_ERRORS` are collected.
        """
        table = self.table
        letter = _letter(index) if index is not None and table.letters else ""
        where = -1 if index is None else index
        heading = ", ".join(self.dutch.get(n, n) for n in column.split(", ")) if column else ""
        self.found.append(
            (
                row,
                where,
                CellError(
                    table.file,
                    table.sheet,
                    row,
                    column,
                    message.en,
                    letter,
                    message_nl=message.nl,
                    column_nl=heading,
                ),
            )
        )
        if len(self.found) >= _bounds.MAX_ERRORS:
            raise _TooManyProblemsError

    def named(self, index: int) -> _Words:
        """A column by its place, never by the text in its header cell (it may be data)."""
        if self.table.letters:
            return _say("io.column.letter", letter=_letter(index))
        return _say("io.column.number", n=index + 1)

    def stopped(self) -> None:
        """After :class:`_TooManyProblemsError`: say so, when reading stopped at the limit."""
        last = self.found[-1][2].row if self.found else 1
        if len(self.found) >= _bounds.MAX_ERRORS:
            stopped = _say("io.error.stopped", n=_bounds.MAX_ERRORS)
            table = self.table
            self.found.append(
                (
                    last + 1,
                    -1,
                    CellError(table.file, table.sheet, last, "", stopped.en, message_nl=stopped.nl),
                )
            )

    def raise_found(self) -> None:
        """Raise every problem found as one :class:`SpreadsheetError`, by row and column."""
        if self.found:
            self.found.sort(key=lambda e: (e[0], e[1]))
            raise SpreadsheetError(e for _, _, e in self.found)
