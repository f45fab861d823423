"""CSV files: one text encoding throughout, ``,`` ``;`` or tab separated, held to the limits."""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any, Final

from .._exceptions import InputError
from . import _bounds
from ._table import Row, _read_bytes, _shown, _Table, _too_many, _too_wide, _where

#: A well-formed UTF-8 sequence of two to four bytes (RFC 3629): text that is UTF-8 on purpose.
_UTF8_MULTIBYTE: Final[re.Pattern[bytes]] = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _decode_csv(raw: bytes, name: str) -> str:
    """The text of a CSV file: UTF-8, or Windows-1252 when the file holds no UTF-8 at all."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(
            f"{name} is UTF-16 text ('Unicode text'); save it as 'CSV UTF-8 (comma delimited)'"
        )
    bom = raw.startswith(codecs.BOM_UTF8)
    body = raw[len(codecs.BOM_UTF8) :] if bom else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    line = body.count(b"\n", 0, bad) + 1
    at = bad - (body.rfind(b"\n", 0, bad) + 1) + 1
    if bom or _UTF8_MULTIBYTE.search(body):
        # One pasted Windows-1252 byte must not turn every UTF-8 id into mojibake (c-é -> c-Ã©).
        raise InputError(
            f"{name}, line {line}: byte {at} of the line is not UTF-8, but the file also holds "
            "UTF-8 text, so its encoding is mixed (text pasted from another program?). Retype "
            "the special characters on that line, or open the file in a text editor and save "
            "it as UTF-8"
        )
    try:
        # Excel on Windows saves "CSV" as Windows-1252 unless told to use UTF-8.
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{name}, line {line}: neither UTF-8 nor Windows-1252 text; save the file as "
            "'CSV UTF-8 (comma delimited)'"
        ) from None


def _read_csv(path: Path) -> _Table:
    name = _shown(path.name)
    text = _decode_csv(_read_bytes(path), name)
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = _csv_rows(csv.reader(StringIO(text, newline=""), delimiter=delimiter), name)
    number, header = next(rows, (1, {}))
    return _Table(name, "", header if number == 1 else {}, rows)


def _csv_rows(reader: Any, name: str) -> Iterator[Row]:
    number = 0
    try:
        for row in reader:
            number += 1
            if number > _bounds.MAX_ROWS + 1:
                raise InputError(_too_many(name))
            if len(row) > _bounds.MAX_COLUMNS:
                raise InputError(_too_wide(_where(name, row=number)))
            yield number, {k: v for k, v in enumerate(row) if v and not v.isspace()}
    except csv.Error as exc:
        where = f"{_where(name, row=number + 1)} (line {reader.line_num})"
        if "field limit" in str(exc):
            raise InputError(
                f"{where}: a cell holds more than {csv.field_size_limit()} characters; the "
                f"limit is {_bounds.MAX_CELL_CHARS} (an unclosed quote makes the rest of the file "
                "one cell)"
            ) from None
        raise InputError(f"{where}: not readable as CSV ({exc})") from None
