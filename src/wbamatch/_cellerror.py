"""Problems in a spreadsheet: one :class:`CellError` record per problem (not an exception), in
English and in Dutch, and the :class:`SpreadsheetError` that carries all of a file's.

They sit above the message catalogue, so their Dutch text can come from it (the catalogue
itself raises the library's errors).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ._catalogue import resolve_lang, text
from ._exceptions import InputError

__all__ = ["CellError", "SpreadsheetError"]


@dataclass(frozen=True)
class CellError:
    """One problem in a spreadsheet: where it is and what is allowed there.

    ``row`` is the spreadsheet row number (the header is row 1, the first record row 2); row 1
    with a column name is a problem with the header. ``column`` is the column name, or empty
    when the problem concerns the whole row. ``letter`` is the spreadsheet column (``"C"``),
    empty when not known. ``sheet`` is empty for CSV files and data frames.

    ``message`` is English (``str()`` is English, like every exception's); ``message_nl`` is
    the same in Dutch and ``column_nl`` the column's Dutch heading, for people:
    :meth:`text` gives the whole line in either language.
    """

    file: str
    sheet: str
    row: int
    column: str
    message: str
    letter: str = ""
    message_nl: str = ""
    column_nl: str = ""

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet {self.sheet!r}")
        where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}" + (f" ({self.letter})" if self.letter else ""))
        return f"{', '.join(where)}: {self.message}"

    def text(self, lang: str | None = None) -> str:
        """Where the problem is and what it is, in ``lang`` (default ``WBAMATCH_LANG``, else
        Dutch); English is ``str()``.

        Example
        -------
        >>> e = CellError("c.xlsx", "Kandidaten", 5, "hours_min", "required", "D",
        ...               "verplicht", "Uren per week (min)")
        >>> e.text("nl")
        "c.xlsx, blad 'Kandidaten', rij 5, kolom D (Uren per week (min)): verplicht"
        >>> e.text("en") == str(e)
        True
        """
        chosen = resolve_lang(lang)
        if chosen == "en":
            return str(self)
        where = [self.file]
        if self.sheet:
            where.append(text("io.where.sheet", chosen, sheet=repr(self.sheet)))
        where.append(text("io.where.row", chosen, row=self.row))
        column = self.column_nl or self.column
        if column and self.letter:
            where.append(text("io.where.column_letter", chosen, letter=self.letter, column=column))
        elif column:
            where.append(text("io.where.column", chosen, column=column))
        return f"{', '.join(where)}: {self.message_nl or self.message}"


class SpreadsheetError(InputError):
    """Every problem found in one spreadsheet, reported together.

    ``errors`` lists the :class:`CellError` s in row, then column order; ``str()`` lists them all,
    one per line.
    """

    def __init__(self, errors: Iterable[CellError]) -> None:
        self.errors: list[CellError] = list(errors)
        n = len(self.errors)
        head = f"{n} problem{'s' if n != 1 else ''} in the spreadsheet; fix them and read it again"
        super().__init__("\n".join([head + ":", *(f"  {e}" for e in self.errors)]))

    def __reduce__(self) -> tuple[type[SpreadsheetError], tuple[list[CellError]]]:
        return (type(self), (self.errors,))
