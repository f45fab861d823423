"""Spreadsheet cells: formula neutralising, CSV text and the lazy bridge to pandas.

Shared by the result models (``to_records`` / ``to_dataframe``), :mod:`wbamatch._meetgreet` and
:mod:`wbamatch.io`; it sits low in the layers so all of them can use it. Every CSV file wbamatch
writes is made by :func:`csv_text`, so quoting and the formula guard are the same everywhere.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, Final

from ._exceptions import MissingDependencyError

__all__ = [
    "FORMULA_CHARACTERS",
    "FORMULA_START",
    "RecordsFrame",
    "csv_cell",
    "csv_text",
    "neutralise",
    "records_to_dataframe",
    "require",
    "restore",
]

#: Characters that make a spreadsheet run a cell as a formula (CSV injection): ``= + - @``, their
#: full-width forms (Excel with an East Asian input method), the small forms and the minus sign.
FORMULA_CHARACTERS: Final[str] = "=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212"

#: A cell starting with one of these is run as a formula by spreadsheets (CSV injection), or, for
#: a tab and a carriage return, may be (OWASP's list).
FORMULA_START: Final[tuple[str, ...]] = (*FORMULA_CHARACTERS, "\t", "\r")

#: The extra that brings each optional dependency.
_EXTRA: Final[dict[str, str]] = {"pandas": "notebook", "openpyxl": "excel"}


def _blank(char: str) -> bool:
    """Whitespace, line breaks, NUL and other control or invisible format characters.

    Spreadsheets (or the tools between them and the file) may skip these before the first
    character that counts, so ``" =1"``, ``"\\n=1"`` and ``"\\x00=1"`` are formulas too.
    """
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def _risky(text: str) -> bool:
    # Leading apostrophes are skipped (also among the blanks) so that text which already starts
    # with one (``'=x``) gets another: risky("'" + s) == risky(s) for every s, which keeps
    # neutralise() one-to-one and restore() its exact inverse.
    i, n = 0, len(text)
    while i < n and text[i] == "'":
        i += 1
    if text.startswith(("\t", "\r"), i):
        return True
    while i < n and (text[i] == "'" or _blank(text[i])):
        i += 1
    return i < n and text[i] in FORMULA_CHARACTERS


def neutralise(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula.

    Text gets one more ``'`` in front when, after any apostrophes, it starts with a tab or a
    carriage return, or when, after any apostrophes, whitespace, line breaks, NUL or other
    control and invisible characters, it starts with a formula character: ``=``, ``+``, ``-``,
    ``@``, their full-width forms ``＝ ＋ － ＠``, the small forms or the minus sign ``−``.
    Other text is returned as it is. :func:`restore` undoes it exactly.

    Parameters
    ----------
    text
        The cell text.

    Returns
    -------
    str
        Text that a spreadsheet shows as text: ``text`` or ``"'" + text``.

    Example
    -------
    >>> neutralise("=HYPERLINK(1)"), neutralise("c-1"), neutralise("-3"), neutralise(" =1")
    ("'=HYPERLINK(1)", 'c-1', "'-3", "' =1")
    >>> neutralise("\\n\\uff1dSUM(A1)")
    "'\\n＝SUM(A1)"
    """
    return "'" + text if _risky(text) else text


def restore(text: str) -> str:
    """Undo :func:`neutralise`: ``restore(neutralise(s)) == s`` for every string ``s``.

    Example
    -------
    >>> restore("'=1+1"), restore("'quoted"), restore(neutralise("'=x")), restore("' =1")
    ('=1+1', "'quoted", "'=x", ' =1')
    """
    return text[1:] if text.startswith("'") and _risky(text[1:]) else text


def csv_cell(value: Any) -> str:
    """A value as CSV text: numbers as written, ``yes``/``no``, text neutralised.

    Example
    -------
    >>> csv_cell(None), csv_cell(True), csv_cell(2.0), csv_cell(0.25), csv_cell(-3), csv_cell("-3")
    ('', 'yes', '2', '0.25', '-3', "'-3")
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]], *, bom: bool = False) -> str:
    """A CSV file's text: the header, then the rows, every cell through :func:`csv_cell`.

    Lines end in ``\\r\\n`` (RFC 4180). ``bom`` puts a byte order mark in front, which makes
    Excel read the file as UTF-8 instead of the local code page; the Meet & Greet schedules,
    made for mail merges, go without.

    Example
    -------
    >>> csv_text(["id", "n"], [["=1", 2]])
    "id,n\\r\\n'=1,2\\r\\n"
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" if bom else "") + buffer.getvalue()


def require(module: str) -> Any:
    """Import an optional dependency, or raise :class:`MissingDependencyError` with the fix.

    Example
    -------
    >>> require("json").dumps([1])
    '[1]'
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        extra = _EXTRA.get(module.split(".")[0], "notebook")
        raise MissingDependencyError(
            f"{module} is needed for this; install it with: pip install 'wbamatch[{extra}]'"
        ) from None


def records_to_dataframe(records: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> Any:
    """A pandas DataFrame of ``records`` with ``columns`` in this order, also when empty.

    Example
    -------
    >>> records_to_dataframe([{"a": 1, "b": None}], ["a", "b"]).shape
    (1, 2)
    """
    pd = require("pandas")
    return pd.DataFrame.from_records(list(records), columns=list(columns))


class RecordsFrame:
    """The ``to_dataframe()`` of every result with ``to_records()``: one frame, its columns fixed.

    A result class lists its columns in ``_record_columns`` (so an empty result still has them)
    and defines ``to_records``.
    """

    _record_columns: ClassVar[Sequence[str]] = ()

    def to_records(self) -> list[dict[str, Any]]:
        raise NotImplementedError  # each result defines its own rows

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a pandas DataFrame (needs ``pip install 'wbamatch[notebook]'``).

        Raises
        ------
        MissingDependencyError
            When pandas is not installed.

        Example
        -------
        >>> import wbamatch
        >>> df = wbamatch.match(*wbamatch.demo_data()).to_dataframe()
        >>> list(df.columns)[:3]
        ['candidate_id', 'status', 'package_id']
        """
        return records_to_dataframe(self.to_records(), self._record_columns)
