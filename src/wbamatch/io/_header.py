"""The header row of a table, placed on the layout: which column of the sheet is which field.

A header cell names a column by its name or by its heading in either language, without regard
to case; ``#`` columns are notes. An unknown name gets a did-you-mean, a name given twice is
reported at its second place, and a row with no known name at all is reported as a missing
header row (not as a row of unknown columns).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .._exceptions import InputError
from . import _bounds
from ._layout import (
    Column,
    Kind,
    _aliases,
    _allowed,
    _label,
    _layout,
    _normalise_header,
    columns,
)
from ._problems import _Problems, _TooManyProblemsError
from ._table import _Formula, _Table, _too_wide, _where
from ._words import _say, _Words


@dataclass
class _Header:
    """Where the layout's columns are in a table."""

    #: (0-based column, the column there), in the order of the header.
    placed: list[tuple[int, Column]] = field(default_factory=list)
    #: Column name -> its 0-based column.
    seen: dict[str, int] = field(default_factory=dict)
    #: Columns with something in row 1 (values below them are not orphans).
    headed: set[int] = field(default_factory=set)
    #: Paths of the required columns the header lacks (reported once, not on every row).
    missing_paths: set[tuple[str, ...]] = field(default_factory=set)


def _place_header(table: _Table, kind: Kind, problems: _Problems) -> _Header:
    """The columns of ``table`` by the names in its header; what is wrong with them reported."""
    aliases = _aliases(kind)
    kind_words = _say(f"io.kind.{kind}")
    header = _Header()
    for index, raw in sorted(table.header.items()):
        if index >= _bounds.MAX_COLUMNS:
            raise InputError(_too_wide(_where(table.file, table.sheet, 1)))
        if isinstance(raw, _Formula):
            continue
        header.headed.add(index)
        name = _normalise_header(raw)
        if name.startswith("#"):
            continue  # a notes column
        column = aliases.get(name)
        if column is None:
            problems.add(1, index, "", _unknown(kind, name, problems.named(index), kind_words))
            continue
        if column.name in header.seen:
            other = problems.named(header.seen[column.name])
            problems.add(1, index, column.name, _say("io.error.twice", other=other))
            continue
        header.seen[column.name] = index
        header.placed.append((index, column))
    if not header.seen:
        # No known name at all: the header row is missing (the first record's cells would
        # otherwise be listed as column names), or it is not this kind of sheet.
        problems.found.clear()
        problems.add(1, None, "", _no_names(table, kind, kind_words))
        raise _TooManyProblemsError
    missing = [c for c in _layout(kind) if c.required and c.name not in header.seen]
    for c in missing:
        problems.add(1, None, c.name, _say("io.error.missing_column", allowed=_allowed(c)))
    header.missing_paths = {c.path for c in missing}
    return header


def _unknown(kind: Kind, name: str, column: _Words, kind_words: _Words) -> _Words:
    """A header that names no column of ``kind``, with the nearest name if one is close."""
    aliases = _aliases(kind)
    near = difflib.get_close_matches(name, list(aliases), n=1) if len(name) <= 64 else []
    hint = (
        _say("io.error.did_you_mean", name=repr(_spelled(kind, near[0])))
        if near
        else _Words("", "")
    )
    return _say(
        "io.error.unknown_column",
        column=column,
        kind=kind_words,
        hint=hint,
        sheet=_say("io.sheet.explanation"),
    )


def _no_names(table: _Table, kind: Kind, kind_words: _Words) -> _Words:
    """A header row without a single known name: missing, empty, or another kind of sheet."""
    example = _Words(
        ", ".join(c.name for c in _layout(kind)[:3]),
        ", ".join(c.label for c in columns(kind, "nl")[:3]),
    )
    if not table.letters:  # a DataFrame: its column labels are the header
        return _say("io.error.no_names.frame", kind=kind_words, example=example)
    what = _say(
        "io.error.no_names.cells" if table.header else "io.error.no_names.empty",
        kind=kind_words,
    )
    return _say("io.error.no_names", what=what, example=example, kind=kind_words, machine=kind)


def _spelled(kind: Kind, alias: str) -> str:
    """A normalised header as the layout spells it: the column name, or the label."""
    column = _aliases(kind)[alias]
    if alias == column.name:
        return alias
    label = _label(column)
    return next(
        (words for words in (label.nl, label.en) if _normalise_header(words) == alias),
        column.name,
    )
