"""Reading one cell: its raw value (text, number, logical, date) as its column's model value.

Not :mod:`wbamatch._cells` (formula neutralising, shared by every writer): this module knows the
columns of the layout.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Final

from .._cells import restore
from ._layout import _SEPARATOR, Column, _allowed, _choice_aliases, _normalise_header
from ._words import _say, _Words

#: What a yes/no cell may hold for yes and for no, in either language (compared lower case).
_YES: Final[frozenset[str]] = frozenset({"yes", "y", "ja", "j", "true", "waar", "1", "x"})
_NO: Final[frozenset[str]] = frozenset({"no", "n", "nee", "false", "onwaar", "0"})


class _BadCellError(Exception):
    """A cell that cannot be read as its column's kind; ``words`` say what is allowed."""

    def __init__(self, words: _Words) -> None:
        super().__init__(words.en)
        self.words = words


def _letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index: 0 -> A, 26 -> AA."""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _parse_number(text: str) -> float:
    t = text.strip().replace(" ", "")
    if "," in t and "." not in t and t.count(",") == 1:
        t = t.replace(",", ".")  # a Dutch decimal comma
    if "_" in t:
        raise ValueError(t)
    value = float(t)
    if not math.isfinite(value):
        raise ValueError(t)
    return value


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return restore(value.strip())
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        # Excel keeps a bare time as a datetime on its epoch day.
        if value.date() in (dt.date(1899, 12, 30), dt.date(1899, 12, 31), dt.date(1900, 1, 1)):
            return value.strftime("%H:%M")
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


#: Text columns that take a time typed as one (an XLSX time cell): "HH:MM".
_TIME_COLUMNS: Final[frozenset[tuple[str, ...]]] = frozenset({("schedule", "start")})
#: The dates Excel keeps a bare time on (its day 0 in both epochs, and day 1).
_EPOCH_DAYS: Final[frozenset[dt.date]] = frozenset(
    {dt.date(1899, 12, 30), dt.date(1899, 12, 31), dt.date(1900, 1, 1), dt.date(1904, 1, 1)}
)


def _typed_text(column: Column, value: Any) -> None:
    """Refuse a typed cell in a text or list column: TRUE/FALSE, a date, a time, a duration.

    Excel turns ``TRUE`` or ``1-1-2024`` typed into a cell into a logical value or a date;
    read as text they would become ``yes`` or ``2024-01-01`` silently, so an id or an excluded
    package would no longer be the one that was meant.
    """
    if isinstance(value, bool):
        raise _BadCellError(_say("io.error.logical", allowed=_allowed(column)))
    bare_time = isinstance(value, dt.time) or (
        isinstance(value, dt.datetime) and value.date() in _EPOCH_DAYS
    )
    if bare_time and column.path in _TIME_COLUMNS:
        return
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        raise _BadCellError(_say("io.error.date_cell", allowed=_allowed(column)))


def _parse(column: Column, value: Any) -> Any:
    """The model value of a non-empty cell, or :class:`_BadCellError`."""
    kind = column.kind
    if kind in ("text", "list") and not isinstance(value, str):
        _typed_text(column, value)
    try:
        if kind == "date":
            return _parse_date(value)
        if kind == "text":
            return _as_text(value)
        if kind == "list":
            return [p.strip() for p in _as_text(value).split(_SEPARATOR) if p.strip()]
        if kind == "numbers":
            if isinstance(value, int | float) and not isinstance(value, bool):
                return [float(value)]
            return [_parse_number(p) for p in _as_text(value).split(_SEPARATOR) if p.strip()]
        if kind == "choice":
            text = _normalise_header(_as_text(value))
            if text in column.choices:
                return text
            # The words of a value, in Dutch or English ("fiets"), as the explanation shows.
            return _choice_aliases(column.enum, column.choices)[text]
        if kind == "bool":
            if isinstance(value, bool):
                return value
            text = _as_text(value).lower()
            if text in _YES:
                return True
            if text in _NO:
                return False
            raise ValueError(text)
        if isinstance(value, bool):
            raise ValueError(value)
        number = float(value) if isinstance(value, int | float) else _parse_number(_as_text(value))
        if kind == "int":
            if not number.is_integer():
                raise ValueError(number)
            return int(number)
        return number
    except (ValueError, OverflowError, KeyError):
        raise _BadCellError(_allowed(column)) from None


def _parse_date(value: Any) -> dt.date:
    """A date cell (as Excel stores one), or text: ``2027-01-04`` or ``4-1-2027`` (day first)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _as_text(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        day, month, year = (int(part) for part in text.replace("/", "-").split("-"))
        return dt.date(year, month, day)


def _got(column: Column, value: Any) -> _Words:
    """The offending value for a message, unless it is health data (shown escaped, short)."""
    if column.sensitive:
        return _say("io.got.hidden")
    if isinstance(value, bool):
        return _say("io.got.value", value=str(value).upper())
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return _say("io.got.date", value=str(value))
    text = _as_text(value) if not isinstance(value, str) else value.strip()
    text = text if len(text) <= 40 else text[:37] + "..."
    return _say("io.got.value", value=repr(text))


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
