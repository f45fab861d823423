"""Spreadsheets in and out: candidates and packages from CSV, XLSX or a pandas DataFrame.

The flat layout
---------------
One row per record and one column per field, generated from the models so that no field can be
forgotten (:func:`columns` lists them):

- top-level fields keep their name: ``id``, ``registered``, ``education``, ``slots``, ...;
- nested fields get the parent's name in front: ``hours_min``, ``hours_max``, ``home_place``,
  ``home_lat``, ``schedule_start``, ``contract_months``, ``offers_jobcoach``, ...;
- capacities, demands and needs use short prefixes: ``cap_<dimension>``, ``dem_<dimension>``,
  ``need_<name>`` (``need_structure``, ``need_max_commute_minutes``, ``need_travel_mode``).

Cells: yes/no fields take ``yes``/``no`` (also ``ja``/``nee``, ``true``/``false``, ``1``/``0``);
lists (skills, interests, tasks, tags, excluded packages) are separated by ``;``; an empty cell
means "not given", so the model's default applies (capacity 3, demand 0, no need, ...). Text is
stripped of surrounding spaces. Headers are matched without regard to case; columns whose name
starts with ``#`` are notes and are skipped. XLSX cells holding a formula are refused (wbamatch
reads values, not formulas). CSV files may be separated by ``,`` or ``;`` (Dutch Excel) and be
UTF-8 (with or without BOM) or Windows-1252; a decimal comma is accepted (``7,5``).

Errors point at the spreadsheet
-------------------------------
Every problem of a file is collected and raised together as one :class:`SpreadsheetError`: file,
sheet, row (the header is row 1, the first record row 2), column and what is allowed there.
The value of a capacity or need cell is never repeated in a message: it is health data.

Written files
-------------
:func:`write_candidates`, :func:`write_packages`, :func:`write_template` and
:func:`write_results` write CSV or XLSX, chosen by the file suffix, atomically. Text cells that
start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get a ``'`` in front, so a
spreadsheet never runs a formula from input data; the readers take that ``'`` off again, so a
file written here reads back to the same records.

Limits: every reader is bounded
-------------------------------
A file from outside is checked against these limits before memory is spent on it, and reading
stays linear in the size of the file; a file over a limit is refused with an :class:`InputError`
that names the file, the sheet, the row and the column (letter) and says what to do.

=================================  ==========  ==================================================
limit                              value       applies to
=================================  ==========  ==================================================
:data:`MAX_FILE_BYTES`             50 MiB      the CSV or XLSX file as stored
:data:`MAX_ROWS`                   200,000     records (rows below the header) of one sheet, also
                                               a DataFrame's rows
:data:`MAX_COLUMNS`                1,000       columns (A to ALL), also a DataFrame's columns
:data:`MAX_CELL_CHARS`             10,000      characters in one cell that is read
:data:`MAX_SHEET_BYTES`            512 MiB     one XLSX worksheet, unpacked (its XML)
:data:`MAX_SHARED_STRINGS`         2,000,000   texts in an XLSX shared-strings table
:data:`MAX_SHARED_STRINGS_BYTES`   64 MiB      the shared-strings table, unpacked
:data:`MAX_PART_BYTES`             16 MiB      any other part of an XLSX file, unpacked; also one
                                               row of a worksheet, and what a worksheet holds
                                               besides its rows
:data:`MAX_ZIP_ENTRIES`            10,000      parts of an XLSX file
:data:`MAX_ERRORS`                 500         problems collected before reading stops
``_jsonfile.MAX_DOCUMENT_BYTES``   10 MiB      a JSON document (the command line's records,
                                               config and tasks: ``wbamatch._jsonfile``)
``_jsonfile.MAX_DEPTH``            64          nesting of arrays and objects in a JSON document,
                                               measured on the bytes before parsing
=================================  ==========  ==================================================

XLSX files are read with openpyxl in read-only mode, row by row, after the zip archive itself
has been inspected: the unpacked size of every part (and, streaming through each part with a
byte cap, so a lying zip header cannot get past), the number of cells in each worksheet row,
the size a worksheet declares (``<dimension ref="A1:XFD1048576"/>``), the number of shared
strings. Only zip's *stored* and *deflate* methods, no encryption, and no XML document type
declarations (entities) are accepted. Only visible sheets are read: a hidden sheet is never
picked, and asking for one (or a hidden sheet named like the default) is an error that says
it is hidden. Cells typed as TRUE/FALSE or as a date in a text column (an ``id``, a list such
as ``excluded_packages``) are refused: ids are text.

CSV files must be one encoding throughout: UTF-8 (with or without BOM), or Windows-1252 when the
file holds no UTF-8 at all (Excel on Windows); a file that mixes them, or is neither, is refused
with the first line that is not UTF-8.

XLSX needs openpyxl and DataFrames need pandas: ``pip install 'wbamatch[excel]'``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import functools
import math
import operator
import os
import re
import types
import typing
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import Enum
from io import BytesIO, StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from ._catalogue import (
    LANGS,
    Lang,
    Listing,
    Number,
    Term,
    catalogue,
    format_value,
    resolve_lang,
)
from ._catalogue import text as _text
from ._cells import neutralise, require, restore
from ._exceptions import CellError, InputError, SpreadsheetError, WbamatchError
from ._explain import Explanation
from ._files import write_atomic
from ._models import Candidate, TaskPackage, _Levels
from ._results import MatchResult
from ._shortlist import Shortlists
from ._vocabulary import DIMENSION_DESCRIPTIONS

if TYPE_CHECKING:
    from pandas import DataFrame

__all__ = [
    "Column",
    "columns",
    "read_candidates",
    "read_packages",
    "write_candidates",
    "write_packages",
    "write_results",
    "write_template",
]

Kind = Literal["candidates", "packages"]

#: Largest CSV or XLSX file read.
MAX_FILE_BYTES: Final[int] = 50 * 1024 * 1024

#: Most rows read from one sheet (as many as ``MatchConfig.max_candidates``); a compressed XLSX
#: can unpack to far more than its file size.
MAX_ROWS: Final[int] = 200_000

#: Most columns of a sheet or DataFrame (column ALL); the layout has fewer than 100.
MAX_COLUMNS: Final[int] = 1_000

#: Most characters in one cell that is read (Excel itself allows 32,767).
MAX_CELL_CHARS: Final[int] = 10_000

#: Largest unpacked XLSX worksheet (its XML); 200,000 full candidate rows take about 280 MB.
MAX_SHEET_BYTES: Final[int] = 512 * 1024 * 1024

#: Most texts in the shared-strings table of an XLSX file.
MAX_SHARED_STRINGS: Final[int] = 2_000_000

#: Largest unpacked shared-strings table of an XLSX file.
MAX_SHARED_STRINGS_BYTES: Final[int] = 64 * 1024 * 1024

#: Largest unpacked part of an XLSX file other than worksheets and shared strings (styles, the
#: workbook, relationships, ...); also the largest row of a worksheet and the most a worksheet
#: may hold besides its rows (views, merged cells, validations, ...).
MAX_PART_BYTES: Final[int] = 16 * 1024 * 1024

#: Most parts (zip entries) of an XLSX file; a workbook has a few dozen.
MAX_ZIP_ENTRIES: Final[int] = 10_000

#: Most problems collected from one file; reading stops there and reports them.
MAX_ERRORS: Final[int] = 500

#: Name of the sheet that explains each column in an XLSX template, per language.
EXPLANATION_SHEETS: Final[Mapping[str, str]] = types.MappingProxyType(
    {"nl": "Toelichting", "en": "Explanation"}
)
#: The Dutch name (the default language); :data:`EXPLANATION_SHEETS` has both.
EXPLANATION_SHEET: Final[str] = EXPLANATION_SHEETS["nl"]

#: Ids that mark a template's example row (compared without regard to case): such a row is
#: skipped when reading, so a leftover example is never read as a record; writers refuse them.
EXAMPLE_IDS: Final[frozenset[str]] = frozenset({"voorbeeld", "example"})

_MODELS: Final[dict[str, type[Candidate] | type[TaskPackage]]] = {
    "candidates": Candidate,
    "packages": TaskPackage,
}
#: Nested models whose columns get a short prefix instead of the field name.
_PREFIX: Final[dict[str, str]] = {"capacities": "cap", "demands": "dem", "needs": "need"}
#: Candidate fields that are health data: their cell values never appear in a message.
_SENSITIVE: Final[frozenset[tuple[str, ...]]] = frozenset(
    {("capacities",), ("needs",), ("hours", "max_per_day")}
)
_YES: Final[frozenset[str]] = frozenset({"yes", "y", "ja", "j", "true", "waar", "1", "x"})
_NO: Final[frozenset[str]] = frozenset({"no", "n", "nee", "false", "onwaar", "0"})
_SEPARATOR: Final[str] = ";"
#: Catalogue keys of what is allowed, where a field's type alone (text) says too little.
_HINTS: Final[dict[tuple[str, ...], str]] = {
    ("schedule", "start"): "io.hint.time",
    ("id",): "io.hint.id",
    ("excluded_packages",): "io.hint.excluded",
}


@dataclass(frozen=True)
class _Words:
    """One text in both languages: English for exceptions, Dutch for people."""

    en: str
    nl: str

    def __call__(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en


def _say(key: str, **values: Any) -> _Words:
    """The catalogue's text ``key`` in both languages; :class:`_Words` values are picked per
    language, other values written the way each language does (:mod:`wbamatch._catalogue`)."""

    def one(lang: Lang) -> str:
        return _text(
            key, lang, **{k: v(lang) if isinstance(v, _Words) else v for k, v in values.items()}
        )

    return _Words(one("en"), one("nl"))


# ---------------------------------------------------------------------------------------------
# The column layout, generated from the models
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """One column of the flat layout.

    ``path`` is where the value lives in the model (``("hours", "min")``); ``kind`` is one of
    ``bool``, ``int``, ``float``, ``text``, ``choice``, ``list`` and ``numbers``;
    ``sensitive`` columns hold health data. ``label`` is the heading people see in a template
    and ``description`` what the column means, both in ``lang`` (:func:`columns` fills them
    in); :meth:`allowed` and :meth:`if_empty` are in ``lang`` too unless asked otherwise.
    """

    name: str
    path: tuple[str, ...]
    kind: str
    description: str
    required: bool
    default: Any
    choices: tuple[str, ...] = ()
    bounds: tuple[tuple[str, float], ...] = ()
    max_length: int | None = None
    sensitive: bool = False
    #: Catalogue keys overriding :meth:`allowed` and :meth:`if_empty` where the type alone says
    #: too little.
    hint: str = ""
    empty: str = ""
    #: ``"candidates"`` or ``"packages"``: where the column's words are in the catalogue.
    layout: str = ""
    #: For a choice column, the name of its enumeration (``"TravelMode"``).
    enum: str = ""
    #: For a capacity or demand column, the level an empty cell stands for.
    level: int | None = None
    label: str = ""
    lang: str = ""

    def _lang(self, lang: str | None) -> Lang:
        return resolve_lang(lang if lang is not None else (self.lang or None))

    def allowed(self, lang: str | None = None) -> str:
        """What a cell of this column may hold, in words (in ``lang``, else the column's)."""
        return _allowed(self)(self._lang(lang))

    def if_empty(self, lang: str | None = None) -> str:
        """What an empty cell means (in ``lang``, else the column's)."""
        return _if_empty(self)(self._lang(lang))


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _choice_words(enum: str, value: str, lang: Lang) -> str:
    return _text(f"io.choice.{enum}.{value}", lang)


def _choice_item(column: Column, value: str) -> _Words:
    """``openbaar vervoer``: a choice value in the words of each language (the readers take
    the words of either language and the value itself, so people are shown only words)."""
    return _Words(*(_choice_words(column.enum, value, lang) for lang in ("en", "nl")))


def _allowed(column: Column) -> _Words:
    """What a cell of ``column`` may hold, in both languages."""
    if column.hint:
        return _say(column.hint)
    kind = column.kind
    if kind == "bool":
        return _say("io.allowed.bool")
    if kind == "choice":
        items = [_choice_item(column, v) for v in column.choices]
        return _Words(
            *(
                _text("io.allowed.choice", lang, values=", ".join(i(lang) for i in items))
                for lang in ("en", "nl")
            )
        )
    if kind == "list":
        example = _say("io.allowed.list_example")
        return _say("io.allowed.list", sep=_SEPARATOR, example=example)
    if kind == "numbers":
        return _say("io.allowed.numbers", sep=_SEPARATOR)
    if kind == "text":
        if column.max_length:
            return _say("io.allowed.text_max", n=column.max_length)
        return _say("io.allowed.text")
    what = _say("io.allowed.int" if kind == "int" else "io.allowed.float")
    if not column.bounds:
        return what
    limits = [_say(f"io.bound.{op}", v=Number(v, 2)) for op, v in column.bounds]
    return _Words(
        *(
            _text(
                "io.allowed.bounded",
                lang,
                what=what(lang),
                limits=Listing(tuple(limit(lang) for limit in limits)),
            )
            for lang in ("en", "nl")
        )
    )


def _if_empty(column: Column) -> _Words:
    """What an empty cell of ``column`` means, in both languages."""
    if column.required:
        return _say("io.empty.required")
    specific = f"io.{column.layout}.{column.name}.empty"
    if column.layout and specific in catalogue("en"):
        return _say(specific)
    if column.empty:
        return _say(column.empty)
    if column.level is not None:
        return _say("io.empty.level", level=column.level)
    default = column.default
    if default is None:
        return _say("io.empty.unset")
    if isinstance(default, bool):
        return _say("io.yes" if default else "io.no")
    if isinstance(default, Enum):
        return _choice_item(column, str(default.value))
    if default == "" or default == []:
        return _say("io.empty.none")
    return _Words(_number_text(default), format_value(Number(float(default), 2), "nl"))


def _label(column: Column) -> _Words:
    """The heading of ``column`` in a template, in both languages."""
    dim = _dimension(column)
    if dim is not None:
        prefix = _PREFIX[column.path[0]]
        return _say(f"io.{column.layout}.{prefix}.label", dim=Term(dim))
    return _say(f"io.{column.layout}.{column.name}.label")


def _meaning(column: Column) -> _Words:
    """What ``column`` means, in plain words, in both languages."""
    dim = _dimension(column)
    if dim is not None:
        prefix = _PREFIX[column.path[0]]
        section = _say(f"io.fml.{DIMENSION_DESCRIPTIONS[dim][0]}")
        return _say(f"io.{column.layout}.{prefix}.meaning", dim=Term(dim), section=section)
    return _say(f"io.{column.layout}.{column.name}.meaning")


def _dimension(column: Column) -> str | None:
    if len(column.path) == 2 and column.path[0] in ("capacities", "demands"):
        return column.path[1]
    return None


def _unwrap(annotation: Any) -> tuple[Any, list[Any], bool]:
    """The bare type inside ``Annotated[...]`` / ``X | None``, its metadata, and optionality."""
    metadata: list[Any] = []
    optional = False
    tp = annotation
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp, *extra = typing.get_args(tp)
            for item in extra:
                metadata += item.metadata if isinstance(item, FieldInfo) else [item]
        elif origin is typing.Union or origin is types.UnionType:
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(tp))
            if len(args) != 1:
                raise TypeError(f"no spreadsheet column for a union {annotation!r}")
            tp = args[0]
        else:
            return tp, metadata, optional


def _leaf(name: str, path: tuple[str, ...], info: FieldInfo, required: bool, sens: bool) -> Column:
    tp, metadata, optional = _unwrap(info.annotation)
    metadata += info.metadata
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    if optional and default is not None:  # pragma: no cover - guards a future model change
        # An empty cell means "the default", so a None here would not survive a round trip.
        raise TypeError(f"field {'.'.join(path)}: None cannot be told apart from the default")
    choices: tuple[str, ...] = ()
    enum = ""
    if typing.get_origin(tp) is list:
        item = _unwrap(typing.get_args(tp)[0])[0]
        kind = "numbers" if item in (int, float) else "list"
    elif tp is bool:
        kind = "bool"
    elif tp is int:
        kind = "int"
    elif tp is float:
        kind = "float"
    elif tp is str:
        kind = "text"
    elif isinstance(tp, type) and issubclass(tp, Enum):
        kind, choices, enum = "choice", tuple(str(e.value) for e in tp), tp.__name__
    else:  # a new field type: fail loudly rather than drop the field from the spreadsheets
        raise TypeError(f"no spreadsheet column kind for field {'.'.join(path)} ({tp!r})")
    bounds = tuple(
        (op, float(getattr(m, op)))
        for m in metadata
        for op in ("ge", "gt", "le", "lt")
        if getattr(m, op, None) is not None
    )
    max_length = next((m.max_length for m in metadata if hasattr(m, "max_length")), None)
    return Column(
        name=name,
        path=path,
        kind=kind,
        description=info.description or "",
        required=required,
        default=default,
        choices=choices,
        bounds=bounds,
        max_length=max_length,
        sensitive=sens,
        enum=enum,
    )


def _walk(
    model: type[BaseModel],
    path: tuple[str, ...],
    prefix: str,
    required: bool,
    sens: bool,
    layout: str,
) -> list[Column]:
    out: list[Column] = []
    for part, info in model.model_fields.items():
        sub = (*path, part)
        short = _PREFIX.get(part, part)
        name = f"{prefix}_{short}" if prefix else short
        tp = _unwrap(info.annotation)[0]
        sensitive = sens or sub in _SENSITIVE
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            out += _walk(tp, sub, name, required and info.is_required(), sensitive, layout)
            continue
        column = _leaf(name, sub, info, required and info.is_required(), sensitive)
        if issubclass(model, _Levels):  # None stands for the model's default level
            column = replace(column, level=model._default)
        out.append(replace(column, hint=_HINTS.get(sub, ""), layout=layout))
    return out


#: A candidate column of its own, not a model field: whether the capacity profile is known.
#: The FML lists only what deviates from the norm, so empty capacity cells mean "no
#: limitation" only for a known profile; a row with all of them empty is an unknown profile
#: (``capacities: null``) unless this column says yes.
PROFILE_COLUMN: Final[Column] = Column(
    name="capacities_known",
    path=("capacities_known",),
    kind="bool",
    description="Whether the candidate's capacity profile (FML) is known. yes: an empty cap_ "
    "cell means no limitation; no: the profile is unknown, leave the cap_ cells empty. An "
    "unknown profile fits no package that asks more than the norm.",
    required=False,
    default=None,
    sensitive=True,
    layout="candidates",
)

_LAYOUT: dict[str, tuple[Column, ...]] = {}


def _layout(kind: Kind) -> tuple[Column, ...]:
    """The columns of ``kind`` as the models give them (descriptions in the models' English)."""
    if kind not in _MODELS:
        raise InputError(f"kind must be 'candidates' or 'packages', got {kind!r}")
    if kind not in _LAYOUT:
        walked = _walk(_MODELS[kind], (), "", True, False, kind)
        if kind == "candidates":
            last = max(k for k, c in enumerate(walked) if c.path[0] == "capacities")
            walked.insert(last + 1, PROFILE_COLUMN)
        layout = tuple(walked)
        names = [c.name for c in layout]
        if len(set(names)) != len(names):  # pragma: no cover - guards a future model change
            raise TypeError(f"two model fields map to one spreadsheet column: {names}")
        _LAYOUT[kind] = layout
    return _LAYOUT[kind]


@functools.cache
def _columns(kind: Kind, lang: Lang) -> tuple[Column, ...]:
    return tuple(
        replace(c, label=_label(c)(lang), description=_meaning(c)(lang), lang=lang)
        for c in _layout(kind)
    )


def columns(kind: Kind, lang: str | None = None) -> tuple[Column, ...]:
    """The columns of the flat layout for ``"candidates"`` or ``"packages"``, in order.

    Each column's ``label`` (its heading in a template) and ``description`` (what it means)
    are in ``lang`` (default ``WBAMATCH_LANG``, else Dutch), and so are its
    :meth:`~Column.allowed` and :meth:`~Column.if_empty`. The readers take a column by its
    ``name`` or by its label in either language.

    Example
    -------
    >>> [c.name for c in columns("candidates")][:6]
    ['id', 'registered', 'target_group', 'education', 'hours_min', 'hours_max']
    >>> [c.name for c in columns("packages") if c.name.startswith("schedule")]
    ['schedule_kind', 'schedule_start']
    >>> hours = next(c for c in columns("candidates", "nl") if c.name == "hours_min")
    >>> hours.label, hours.allowed()
    ('Uren per week (min)', 'een getal, minstens 0 en hoogstens 60')
    """
    return _columns(kind, resolve_lang(lang)) if kind in _MODELS else _layout(kind)


@functools.cache
def _aliases(kind: Kind) -> Mapping[str, Column]:
    """Every header a column is read by, normalised: its name and its labels in both languages."""
    out: dict[str, Column] = {}
    for column in _layout(kind):
        label = _label(column)
        for alias in (column.name, label.en, label.nl):
            key = _normalise_header(alias)
            if out.setdefault(key, column).name != column.name:  # pragma: no cover - a guard
                raise TypeError(f"{kind}: {alias!r} names two columns")
    return types.MappingProxyType(out)


@functools.cache
def _choice_aliases(enum: str, choices: tuple[str, ...]) -> Mapping[str, str]:
    """The words a choice cell may hold for each value: the value, its words in both languages."""
    out: dict[str, str] = {}
    for value in choices:
        for alias in (value, *(_choice_words(enum, value, lang) for lang in LANGS)):
            key = _normalise_header(alias)
            if out.setdefault(key, value) != value:  # pragma: no cover - a guard
                raise TypeError(f"{enum}: {alias!r} names two values")
    return types.MappingProxyType(out)


# ---------------------------------------------------------------------------------------------
# Reading cells
# ---------------------------------------------------------------------------------------------
class _BadCellError(Exception):
    """A cell that cannot be read as its column's kind; ``words`` say what is allowed."""

    def __init__(self, words: _Words) -> None:
        super().__init__(words.en)
        self.words = words


def _normalise_header(name: object) -> str:
    """A header (or choice) as compared: lower case, runs of spaces and dashes as one ``_``."""
    return "_".join(str(name).lower().split()).replace("-", "_")


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


# ---------------------------------------------------------------------------------------------
# Sources: CSV, XLSX, DataFrame -> header and rows of raw values
# ---------------------------------------------------------------------------------------------
#: One row of a source: its spreadsheet row number and its non-empty cells by 0-based column.
#: Sparse, so that the work per row follows the cells in the file, not the widest row.
Row = tuple[int, dict[int, Any]]


@dataclass
class _Table:
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
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"file {str(path)!r} is {size} bytes; the limit is {MAX_FILE_BYTES}. Split it."
        )
    try:
        with path.open("rb") as handle:
            # A pipe or device reports size 0: read no more than the limit, whatever stat said.
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"file {str(path)!r} cannot be read: {exc.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(
            f"file {str(path)!r} is over the limit of {MAX_FILE_BYTES} bytes. Split it."
        )
    return raw


def _too_many(where: str) -> str:
    return f"{where}: more than {MAX_ROWS} rows below the header; split it into several files"


def _too_wide(where: str) -> str:
    return (
        f"{where}: the row has cells beyond column {_letter(MAX_COLUMNS - 1)}; the limit is "
        f"{MAX_COLUMNS} columns. Delete the columns after the data (or the stray cells), or "
        "save the sheet as a new file"
    )


# CSV -----------------------------------------------------------------------------------------
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
            if number > MAX_ROWS + 1:
                raise InputError(_too_many(name))
            if len(row) > MAX_COLUMNS:
                raise InputError(_too_wide(_where(name, row=number)))
            yield number, {k: v for k, v in enumerate(row) if v and not v.isspace()}
    except csv.Error as exc:
        where = f"{_where(name, row=number + 1)} (line {reader.line_num})"
        if "field limit" in str(exc):
            raise InputError(
                f"{where}: a cell holds more than {csv.field_size_limit()} characters; the "
                f"limit is {MAX_CELL_CHARS} (an unclosed quote makes the rest of the file one "
                "cell)"
            ) from None
        raise InputError(f"{where}: not readable as CSV ({exc})") from None


# XLSX: the zip archive, inspected before openpyxl reads it ------------------------------------
_SHARED_STRINGS_TYPE: Final[str] = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
#: An XML name prefix (``x:``), at most 32 characters so every token fits in the carry-over.
_PREFIX_RE: Final[bytes] = rb"(?:[A-Za-z_][\w.\-]{0,31}:)?"
_ROW_RE: Final[re.Pattern[bytes]] = re.compile(rb"<" + _PREFIX_RE + rb"row[\s/>]")
_SI_RE: Final[re.Pattern[bytes]] = re.compile(rb"<" + _PREFIX_RE + rb"si[\s/>]")
_TAG_RE: Final[re.Pattern[bytes]] = re.compile(rb"<[A-Za-z_]")
_DATA_END_RE: Final[re.Pattern[bytes]] = re.compile(
    rb"</" + _PREFIX_RE + rb"sheetData\s{0,8}>|<" + _PREFIX_RE + rb"sheetData\s{0,8}/>"
)
_ROOT_RE: Final[re.Pattern[bytes]] = re.compile(
    rb"<([A-Za-z_][\w.\-]{0,31}:)?([A-Za-z_][\w.\-]*)([^>]{0,4096})>"
)
_DIMENSION_RE: Final[re.Pattern[bytes]] = re.compile(
    rb"<([A-Za-z_][\w.\-]{0,31}:)?dimension(\s[^>]*?\bref\s*=\s*[\"']([^\"'<>]{1,40})[\"'][^>]*)>"
)
_MAIN_NS: Final[bytes] = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_FIRST_ROW_RE: Final[re.Pattern[bytes]] = re.compile(rb"<" + _PREFIX_RE + rb"(?:row|sheetData)\b")
_ROW_NUMBER_RE: Final[re.Pattern[bytes]] = re.compile(rb"^[^>]*?\br\s*=\s*[\"'](\d{1,12})[\"']")
#: Most XML elements in one worksheet row: a cell is two or three (``<c><v>``, ``<c><is><t>``);
#: openpyxl turns every child of a row into a cell, so elements, not bytes, cost its memory.
_ROW_ELEMENTS: Final[int] = 8 * MAX_COLUMNS
#: Most XML elements of a worksheet outside its rows (columns, merged cells, validations, ...).
_OUTSIDE_ELEMENTS: Final[int] = 200_000
#: Bytes read at once from a part, and how much of a part's start is looked at for its root.
_CHUNK: Final[int] = 1 << 20
_HEAD: Final[int] = 1 << 16


@dataclass
class _PartScan:
    """What the byte scan of one zip part found (see :class:`_PartScanner`)."""

    part: str
    root: str = ""
    dimension: str | None = None
    rows: int = 0
    shared_strings: int = 0


class _PartScanner:
    """Streams the bytes of one zip part once, without parsing its XML.

    It finds the root element (refusing a document type declaration or UTF-16 before it) and a
    worksheet's declared ``<dimension>``; it splits the part at ``<row`` tags and holds every
    row to :data:`MAX_PART_BYTES` and to ``_ROW_ELEMENTS`` XML elements (counted only in rows
    long enough to hold that many: ``<c/>`` is 4 bytes), and what lies outside the rows to
    :data:`MAX_PART_BYTES` and ``_OUTSIDE_ELEMENTS``. Linear in the bytes: a tag that may go
    on in the next chunk is carried over.
    """

    def __init__(self, file: str, part: str, count_strings: bool) -> None:
        self.file, self.scan, self.count_strings = file, _PartScan(part), count_strings
        self.head = b""
        self.carry = b""
        self.phase = "before"  # before the first row -> rows -> after the rows (</sheetData>)
        self.total = self.outside = self.outside_tags = 0
        self.row_bytes = self.row_tags = 0
        self.row_head = b""  # the start of the current row's tag, for its number in a message

    def fail(self, message: str) -> InputError:
        return InputError(f"{self.file}, part {_shown(self.scan.part)}: {message}")

    def feed(self, chunk: bytes, final: bool = False) -> None:
        self.total += len(chunk)
        if len(self.head) < _HEAD:
            self.head += chunk[: _HEAD - len(self.head)]
        if not self.scan.root and (len(self.head) >= _HEAD or final):
            self._root()
        data = self.carry + chunk
        cut = len(data)
        if not final:  # keep a tag that may go on in the next chunk
            lt = data.rfind(b"<", max(0, len(data) - 64))
            cut = lt if lt >= 0 else cut
        self.carry, data = data[cut:], data[:cut]
        if self.count_strings:
            self.scan.shared_strings += len(_SI_RE.findall(data))
            if self.scan.shared_strings > MAX_SHARED_STRINGS:
                raise self.fail(
                    f"holds more than {MAX_SHARED_STRINGS} shared strings (texts); split the file"
                )
        self._scan(data)
        if final:
            self._end_row()

    def _root(self) -> None:
        head = self.head.removeprefix(codecs.BOM_UTF8)
        if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or b"\x00" in head[:4]:
            raise self.fail("is not UTF-8 XML; open the file in Excel and save it again")
        pos = 0
        while True:
            while pos < len(head) and head[pos] in b" \t\r\n":
                pos += 1
            if head.startswith(b"<?", pos):
                pos = head.find(b"?>", pos)
            elif head.startswith(b"<!--", pos):
                pos = head.find(b"-->", pos)
            elif head.startswith(b"<!", pos):
                raise self.fail(
                    "declares a document type (DTD); spreadsheets have none, and wbamatch does "
                    "not read XML entities. Open the file in Excel and save it again"
                )
            else:
                break
            if pos < 0:
                raise self.fail("does not start like a part of a spreadsheet")
            pos += 2
        match = _ROOT_RE.match(head, pos)
        self.scan.root = match.group(2).decode("ascii") if match else "(not XML)"
        if match and self.scan.root == "worksheet":
            # Only a size openpyxl will find counts: a <dimension> in the main namespace, with
            # the root's prefix, before the rows. Without one, openpyxl reads the part to its
            # end when it opens the workbook, so it is held to the row limit first.
            prefix = match.group(1) or b""
            xmlns = b"xmlns" + (b":" + prefix[:-1] if prefix else b"")
            declared = re.search(
                rb"\s" + re.escape(xmlns) + rb"\s*=\s*[\"']" + re.escape(_MAIN_NS) + rb"[\"']",
                match.group(3),
            )
            dim = _DIMENSION_RE.search(head, match.end())
            first = _FIRST_ROW_RE.search(head, match.end())
            if (
                declared
                and dim
                and (dim.group(1) or b"") == prefix
                and b"xmlns" not in dim.group(2)
                and (first is None or dim.start() < first.start())
            ):
                self.scan.dimension = dim.group(3).decode("ascii", "replace")

    def _scan(self, data: bytes) -> None:
        # Plain byte searches first: a regex is only run where its tag can be (speed).
        if self.phase == "rows":
            end = _DATA_END_RE.search(data) if b"sheetData" in data else None
            if end is not None:
                self._rows(data[: end.start()])
                self._end_row()
                self.phase, data = "after", data[end.start() :]
            else:
                self._rows(data)
                return
        if self.phase == "before":
            first = _ROW_RE.search(data) if b"row" in data else None
            if first is not None:
                self._outside(data[: first.start()])
                self.phase = "rows"
                self._scan(data[first.start() :])
                return
        self._outside(data)

    def _outside(self, data: bytes) -> None:
        if self.scan.root != "worksheet":  # other parts are held to MAX_PART_BYTES as a whole
            return
        self.outside += len(data)
        self.outside_tags += len(_TAG_RE.findall(data))
        if self.outside > MAX_PART_BYTES or self.outside_tags > _OUTSIDE_ELEMENTS:
            raise self.fail(
                f"holds more than {MAX_PART_BYTES} bytes or {_OUTSIDE_ELEMENTS} XML elements "
                "besides its rows (column formats, merged cells, validations, links, ...); "
                "copy the data into a new workbook (paste as values)"
            )

    def _rows(self, data: bytes) -> None:
        # Rows split at "<row"; with a prefix ("<x:row") anywhere in the chunk, by the regex.
        pieces = _ROW_RE.split(data) if b":row" in data else data.split(b"<row")
        self._add_to_row(pieces[0])
        for piece in pieces[1:]:
            self._end_row()
            self.scan.rows += 1
            self.row_head = piece[:256]
            self._add_to_row(piece)

    def _row_label(self) -> str:
        label = _ROW_NUMBER_RE.match(self.row_head)
        return label.group(1).decode() if label else f"#{self.scan.rows}"

    def _add_to_row(self, piece: bytes) -> None:
        # Tags are counted once a row is long enough to hold too many (so a row may reach up
        # to twice _ROW_ELEMENTS when its first 32 KB came in an earlier chunk).
        self.row_bytes += len(piece)
        if self.row_bytes > 4 * _ROW_ELEMENTS:
            self.row_tags += len(_TAG_RE.findall(piece))
        if self.row_bytes > MAX_PART_BYTES:
            raise self.fail(
                f"row {self._row_label()} holds more than {MAX_PART_BYTES} bytes; split the "
                "long texts over several rows or files"
            )

    def _end_row(self) -> None:
        if self.row_tags > _ROW_ELEMENTS:
            raise self.fail(
                f"row {self._row_label()} holds more than {_ROW_ELEMENTS} XML elements: more than "
                f"{MAX_COLUMNS} cells (the limit is column {_letter(MAX_COLUMNS - 1)}), or "
                "heavily formatted text; copy the data into a new workbook (paste as values)"
            )
        self.row_bytes = self.row_tags = 0


def _scan_part(
    name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, count_strings: bool
) -> _PartScan:
    """Stream one part through a :class:`_PartScanner` with a byte cap for its kind."""
    scanner = _PartScanner(name, info.filename, count_strings)
    limit = MAX_SHARED_STRINGS_BYTES if count_strings else MAX_SHEET_BYTES
    with zf.open(info) as fh:
        while True:
            # Never more than the limit, whatever the zip header claims about the size.
            chunk = fh.read(min(_CHUNK, limit + 1 - scanner.total))
            if not chunk:
                break
            scanner.feed(chunk)
            if scanner.scan.root and not count_strings and scanner.scan.root != "worksheet":
                limit = MAX_PART_BYTES
            if scanner.total > limit:
                what = (
                    "the shared-strings table"
                    if count_strings
                    else "this worksheet"
                    if scanner.scan.root == "worksheet"
                    else "this part"
                )
                raise scanner.fail(f"{what} unpacks to more than {limit} bytes; split the file")
        scanner.feed(b"", final=True)
    return scanner.scan


def _shared_string_parts(name: str, zf: zipfile.ZipFile, scans: dict[str, _PartScan]) -> set[str]:
    """Parts openpyxl reads as shared strings: as ``[Content_Types].xml`` names them."""
    parts = {part for part, scan in scans.items() if scan.root == "sst"}
    if "[Content_Types].xml" not in scans:
        return parts
    from xml.etree import ElementTree

    # Small (held to MAX_PART_BYTES), and the scan refused a document type declaration.
    try:
        tree = ElementTree.fromstring(zf.read("[Content_Types].xml"))
    except ElementTree.ParseError as exc:
        raise InputError(
            f"{name} is not a readable XLSX file (malformed XML in [Content_Types].xml: {exc})"
        ) from None
    for node in tree.iter():
        override = node.tag.rsplit("}", 1)[-1] == "Override"
        if override and node.get("ContentType") == _SHARED_STRINGS_TYPE:
            parts.add(str(node.get("PartName", ""))[1:])  # as openpyxl: drop the "/"
    return parts


def _inspect_xlsx(name: str, raw: bytes) -> dict[str, _PartScan]:
    """Check the zip archive of an XLSX file against the limits; the scan of every part."""
    try:
        zf = zipfile.ZipFile(BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(
            f"{name} is not a readable XLSX file (not a zip archive; a password-protected "
            "workbook is not one either): save it again as .xlsx without a password, or as CSV"
        ) from None
    with zf:
        infos = [info for info in zf.infolist() if not info.is_dir()]
        if len(infos) > MAX_ZIP_ENTRIES:
            raise InputError(f"{name} has more than {MAX_ZIP_ENTRIES} parts; not a spreadsheet")
        for info in infos:
            where = f"{name}, part {_shown(info.filename)}"
            if info.flag_bits & 0x1:
                raise InputError(f"{where}: encrypted; save the file again without a password")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise InputError(
                    f"{where}: compressed with an unusual method ({info.compress_type}); open "
                    "the file in Excel and save it again"
                )
            if info.file_size > MAX_SHEET_BYTES:
                raise InputError(
                    f"{where}: unpacks to {info.file_size} bytes, over the limit of "
                    f"{MAX_SHEET_BYTES}; split the file"
                )
        try:
            scans = {info.filename: _scan_part(name, zf, info, False) for info in infos}
            by_name = {i.filename: i for i in infos}
            for part in sorted(_shared_string_parts(name, zf, scans) & by_name.keys()):
                info = by_name[part]
                if info.file_size > MAX_SHARED_STRINGS_BYTES:
                    raise InputError(
                        f"{name}, part {_shown(part)}: the shared-strings table unpacks to "
                        f"{info.file_size} bytes, over the limit of {MAX_SHARED_STRINGS_BYTES}; "
                        "split the file, or save it as CSV"
                    )
                scans[part].shared_strings = _scan_part(name, zf, info, True).shared_strings
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError):
            raise InputError(
                f"{name} is not a readable XLSX file (a damaged zip archive); save it again"
            ) from None
    for scan in scans.values():
        if scan.dimension is None:
            # openpyxl reads a part without a declared size to its end when it opens the
            # workbook: hold it to the row limit before that happens.
            _check_rows(name, scan, f"part {_shown(scan.part)}")
    return scans


def _check_rows(name: str, scan: _PartScan, where: str) -> None:
    if scan.rows > MAX_ROWS + 1:
        raise InputError(_too_many(f"{name}, {where}"))


def _check_dimension(where: str, ws: Any) -> None:
    """A worksheet's declared size within the limits (openpyxl would pad every row to it)."""
    rows, cols = ws.max_row, ws.max_column
    if rows is None or cols is None:
        return
    if rows > MAX_ROWS + 1 or cols > MAX_COLUMNS:
        first = f"{_letter(max(ws.min_column or 1, 1) - 1)}{ws.min_row or 1}"
        raise InputError(
            f"{where}: the sheet declares its size as {first}:{_letter(cols - 1)}{rows} "
            f"({rows} rows, {cols} columns), over the limits of {MAX_ROWS} rows below the "
            f"header and {MAX_COLUMNS} columns. Delete the empty rows and columns after the "
            "data (select them, right-click, Delete), save, and read it again; or split the file"
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
            if number > MAX_ROWS + 1:
                raise InputError(_too_many(_where(name, title)))
            if len(cells) > MAX_COLUMNS:
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


@dataclass(frozen=True)
class _Formula:
    """A formula (``f``) or error (``e``) cell of an XLSX file: refused, never evaluated."""

    data_type: str


# DataFrame -----------------------------------------------------------------------------------
def _from_dataframe(frame: Any) -> _Table:
    pd = require("pandas")
    n_rows, n_columns = frame.shape
    if n_rows > MAX_ROWS:
        raise InputError(
            f"the DataFrame has {n_rows} rows; the limit is {MAX_ROWS}: read it in parts"
        )
    if n_columns > MAX_COLUMNS:
        raise InputError(
            f"the DataFrame has {n_columns} columns; the limit is {MAX_COLUMNS}: select the "
            "columns of the layout first"
        )
    header = {k: str(c) for k, c in enumerate(frame.columns) if not _is_empty(str(c))}

    def plain(value: Any) -> Any:
        if value is None:
            return None
        try:
            if pd.isna(value):
                return None
        except (TypeError, ValueError):  # list-like cells: leave them to the parser
            pass
        if isinstance(value, pd.Timestamp):
            return value.to_pydatetime()
        item = getattr(value, "item", None)
        return item() if callable(item) and not isinstance(value, str) else value

    def rows() -> Iterator[Row]:
        for k, row in enumerate(frame.itertuples(index=False, name=None)):
            values: dict[int, Any] = {}
            for index, cell in enumerate(row):
                value = plain(cell)
                if not _is_empty(value):
                    values[index] = value
            yield k + 2, values

    return _Table("DataFrame", "", header, rows(), letters=False)


@contextmanager
def _open(source: Any, sheet: str | None, kind: str) -> Iterator[_Table]:
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            yield _read_csv(path)
            return
        if suffix in (".xlsx", ".xlsm"):
            with _open_xlsx(path, sheet, kind) as table:
                yield table
            return
        raise InputError(
            f"{_shown(path.name)}: read .csv or .xlsx files; got suffix {suffix or 'none'!r}"
        )
    if hasattr(source, "columns") and hasattr(source, "itertuples"):
        yield _from_dataframe(source)
        return
    raise InputError(
        f"source must be a .csv or .xlsx path or a pandas DataFrame, got {type(source).__name__}"
    )


# ---------------------------------------------------------------------------------------------
# Reading records
# ---------------------------------------------------------------------------------------------
def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value


def _required_groups(layout: Sequence[Column]) -> set[tuple[str, ...]]:
    """Paths of nested models that must be present (so errors name their leaf columns)."""
    groups: set[tuple[str, ...]] = set()
    for c in layout:
        if c.required and len(c.path) > 1:
            groups.update(c.path[:k] for k in range(1, len(c.path)))
    return groups


class _TooManyProblemsError(Exception):
    """:data:`MAX_ERRORS` problems are collected: reading stops and reports them."""


def _read(source: Any, kind: Kind, sheet: str | None) -> list[Any]:
    with _open(source, sheet, kind) as table:
        return _table_records(table, kind)


def _table_records(table: _Table, kind: Kind) -> list[Any]:
    layout = _layout(kind)
    aliases = _aliases(kind)
    model = _MODELS[kind]
    errors: list[tuple[int, int, CellError]] = []
    dutch = {c.name: c.label for c in columns(kind, "nl")}

    def err(row: int, index: int | None, column: str, message: _Words) -> None:
        letter = _letter(index) if index is not None and table.letters else ""
        where = -1 if index is None else index
        heading = ", ".join(dutch.get(n, n) for n in column.split(", ")) if column else ""
        errors.append(
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
        if len(errors) >= MAX_ERRORS:
            raise _TooManyProblemsError

    def named(index: int) -> _Words:
        """A column by its place, never by the text in its header cell (it may be data)."""
        if table.letters:
            return _say("io.column.letter", letter=_letter(index))
        return _say("io.column.number", n=index + 1)

    kind_words = _say(f"io.kind.{kind}")
    placed: list[tuple[int, Column]] = []
    seen: dict[str, int] = {}
    headed: set[int] = set()  # columns with something in row 1 (values below are not orphans)
    try:
        for index, raw in sorted(table.header.items()):
            if index >= MAX_COLUMNS:
                raise InputError(_too_wide(_where(table.file, table.sheet, 1)))
            if isinstance(raw, _Formula):
                continue
            headed.add(index)
            name = _normalise_header(raw)
            if name.startswith("#"):
                continue  # a notes column
            column = aliases.get(name)
            if column is None:
                near = (
                    difflib.get_close_matches(name, list(aliases), n=1) if len(name) <= 64 else []
                )
                hint = (
                    _say("io.error.did_you_mean", name=repr(_spelled(kind, near[0])))
                    if near
                    else _Words("", "")
                )
                err(
                    1,
                    index,
                    "",
                    _say(
                        "io.error.unknown_column",
                        column=named(index),
                        kind=kind_words,
                        hint=hint,
                        sheet=_say("io.sheet.explanation"),
                    ),
                )
                continue
            if column.name in seen:
                other = named(seen[column.name])
                err(1, index, column.name, _say("io.error.twice", other=other))
                continue
            seen[column.name] = index
            placed.append((index, column))
        if not seen:
            # No known name at all: the header row is missing (the first record's cells would
            # otherwise be listed as column names), or it is not this kind of sheet.
            del errors[:]
            example = _Words(
                ", ".join(c.name for c in layout[:3]),
                ", ".join(c.label for c in columns(kind, "nl")[:3]),
            )
            if not table.letters:  # a DataFrame: its column labels are the header
                message = _say("io.error.no_names.frame", kind=kind_words, example=example)
            else:
                what = _say(
                    "io.error.no_names.cells" if table.header else "io.error.no_names.empty",
                    kind=kind_words,
                )
                message = _say(
                    "io.error.no_names", what=what, example=example, kind=kind_words, machine=kind
                )
            err(1, None, "", message)
            raise _TooManyProblemsError
        missing = [c for c in layout if c.required and c.name not in seen]
        for c in missing:
            err(1, None, c.name, _say("io.error.missing_column", allowed=_allowed(c)))
        missing_paths = {c.path for c in missing}
        groups = sorted(_required_groups(layout), key=len)
        records = _rows_to_records(
            table, model, layout, placed, seen, headed, missing_paths, groups, err
        )
    except _TooManyProblemsError:
        last = errors[-1][2].row if errors else 1
        if len(errors) >= MAX_ERRORS:
            stopped = _say("io.error.stopped", n=MAX_ERRORS)
            errors.append(
                (
                    last + 1,
                    -1,
                    CellError(table.file, table.sheet, last, "", stopped.en, message_nl=stopped.nl),
                )
            )
        records = []
    if errors:
        errors.sort(key=lambda e: (e[0], e[1]))
        raise SpreadsheetError(e for _, _, e in errors)
    return records


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


#: Messages of the models' own checks, by how the English one starts: the Dutch key.
_MODEL_WORDS: Final[tuple[tuple[str, str], ...]] = (
    ("hours.min is above", "io.model.hours_order"),
    ("give both lat and lon", "io.model.lat_lon"),
    ("give either", "io.model.place_or_coords"),
    ("hours.growth_to is below", "io.model.growth"),
    ("hours.per_day lists", "io.model.per_day_count"),
    ("hours.per_day does not add up", "io.model.per_day_sum"),
    ("office_days is more than", "io.model.office_days"),
    ("min_education cannot be", "io.model.min_education"),
    ("start must be a time", "io.model.time"),
    ("contains a control", "io.model.controls"),
    ("is only spaces", "io.model.spaces"),
    ("starts or ends with a space", "io.model.edge_space"),
)
_PER_DAY_RE: Final[re.Pattern[str]] = re.compile(r"lists (\d+) days but hours\.days is (\d+)")
#: pydantic's error types in Dutch words.
_TYPE_WORDS: Final[dict[str, str]] = {
    "greater_than": "io.model.too_small",
    "greater_than_equal": "io.model.too_small",
    "less_than": "io.model.too_large",
    "less_than_equal": "io.model.too_large",
    "string_too_long": "io.model.too_long",
    "too_long": "io.model.too_long",
    "string_too_short": "io.model.too_short",
    "too_short": "io.model.too_short",
    "missing": "io.empty.required",
}


def _model_message(error: Mapping[str, Any], cols: Sequence[Column]) -> _Words:
    """A model's validation error for a row, in both languages (English as pydantic says it)."""
    english = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "missing":
        english = _text("io.empty.required", "en")
    key = _TYPE_WORDS.get(str(error["type"]))
    values: dict[str, Any] = {}
    if key is None:
        key = next(
            (k for start, k in _MODEL_WORDS if english.startswith(start)),
            "io.model.combination" if len(cols) != 1 else "io.model.invalid",
        )
        counted = _PER_DAY_RE.search(english)
        if key == "io.model.per_day_count" and counted:
            values = {"n": int(counted.group(1)), "days": int(counted.group(2))}
        elif key == "io.model.per_day_count":  # pragma: no cover - a changed model message
            key = "io.model.combination"
    message = _Words(english, _text(key, "nl", **values))
    if len(cols) == 1:
        return _say("io.model.allowed", message=message, allowed=_allowed(cols[0]))
    return message


def _rows_to_records(
    table: _Table,
    model: type[Candidate] | type[TaskPackage],
    layout: Sequence[Column],
    placed: Sequence[tuple[int, Column]],
    seen: Mapping[str, int],
    headed: set[int],
    missing_paths: set[tuple[str, ...]],
    groups: Sequence[tuple[str, ...]],
    err: Callable[[int, int | None, str, _Words], None],
) -> list[Any]:
    records: list[Any] = []
    first_row: dict[str, int] = {}
    orphans: dict[int, int] = {}  # columns with values but no name: first row seen
    id_index = seen.get("id")
    travel = next((c for c in layout if c.path == _TRAVEL_MODE), None)
    travel_index = seen.get(travel.name) if travel is not None else None
    travel_told = False  # the missing travel-mode column is reported once
    for number, values in table.rows:
        if not values:
            continue
        if not values.keys() <= headed:
            for index in values.keys() - headed - orphans.keys():
                orphans[index] = number
        if id_index is not None and _is_example(values.get(id_index)):
            continue  # a template's example row: never read as a record
        data: dict[str, Any] = {}
        reported: set[tuple[str, ...]] = set(missing_paths)
        for index, column in placed:
            value = values.get(index)
            if value is None:
                continue
            if isinstance(value, _Formula):
                what = _say("io.what.formula" if value.data_type == "f" else "io.what.error_value")
                err(
                    number,
                    index,
                    column.name,
                    _say("io.error.formula", what=what, allowed=_allowed(column)),
                )
                reported.add(column.path)
                continue
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                err(
                    number,
                    index,
                    column.name,
                    _say(
                        "io.error.too_long",
                        n=len(value),
                        limit=MAX_CELL_CHARS,
                        allowed=_allowed(column),
                    ),
                )
                reported.add(column.path)
                continue
            try:
                _set(data, column.path, _parse(column, value))
            except _BadCellError as exc:
                got = _got(column, value)
                err(number, index, column.name, _say("io.error.bad", got=got, allowed=exc.words))
                reported.add(column.path)
        for group in groups:
            if not _has(data, group):
                _set(data, group, {})
        if model is Candidate and not _profile(data):
            at = seen.get(PROFILE_COLUMN.name)
            err(number, at, PROFILE_COLUMN.name, _say("io.error.profile"))
            reported.add(PROFILE_COLUMN.path)
        if (
            travel is not None
            and data.get("home")
            and _TRAVEL_MODE not in reported
            and not _has(data, _TRAVEL_MODE)
        ):
            # An empty cell would mean public transport: with a home, that guess decides the
            # commute, so how the candidate travels is asked for.
            if travel_index is not None:
                err(
                    number,
                    travel_index,
                    travel.name,
                    _say("io.error.travel_mode", allowed=_allowed(travel)),
                )
            elif not travel_told:
                label = _label(travel)
                err(
                    1,
                    None,
                    travel.name,
                    _say(
                        "io.error.travel_column",
                        row=number,
                        name=_Words(travel.name, repr(label.nl)),
                        allowed=_allowed(travel),
                    ),
                )
                travel_told = True
            reported.add(_TRAVEL_MODE)
        try:
            record = model.model_validate(data)
        except ValidationError as exc:
            for e in exc.errors(include_url=False, include_input=False):
                loc = tuple(str(p) for p in e["loc"] if isinstance(p, str))
                if any(loc[: len(p)] == p for p in reported):
                    continue
                cols = [c for c in layout if c.path[: len(loc)] == loc] if loc else []
                at = seen.get(cols[0].name) if len(cols) == 1 else None
                name = ", ".join(c.name for c in cols if c.name in seen or c.required)
                err(number, at, name, _model_message(typing.cast(Mapping[str, Any], e), cols))
            continue
        if not reported - missing_paths:
            previous = first_row.setdefault(record.id, number)
            if previous != number:
                err(
                    number,
                    id_index,
                    "id",
                    _say("io.error.duplicate_id", id=repr(record.id), row=previous),
                )
                continue
            records.append(record)
    for index in sorted(orphans):
        err(1, index, "", _say("io.error.orphan"))
    return records


#: Where a candidate's travel mode is: required in a spreadsheet row that gives a home.
_TRAVEL_MODE: Final[tuple[str, ...]] = ("needs", "travel_mode")


def _is_example(value: Any) -> bool:
    """Whether an id cell marks a template's example row (:data:`EXAMPLE_IDS`)."""
    return isinstance(value, str) and value.strip().casefold() in EXAMPLE_IDS


def _profile(data: dict[str, Any]) -> bool:
    """Settle ``capacities`` from the profile column; False when the two contradict."""
    known = data.pop(PROFILE_COLUMN.name, None)
    filled = bool(data.get("capacities"))
    if known is False and filled:
        return False
    if not filled and not known:
        data["capacities"] = None  # an unknown profile, never "no limitation"
    return True


def _has(data: Mapping[str, Any], path: tuple[str, ...]) -> bool:
    node: Any = data
    for part in path:
        if not isinstance(node, Mapping) or part not in node:
            return False
        node = node[part]
    return True


def read_candidates(
    source: str | os.PathLike[str] | DataFrame, *, sheet: str | None = None
) -> list[Candidate]:
    """Read candidates from a CSV or XLSX file or a pandas DataFrame in the flat layout.

    Parameters
    ----------
    source
        A ``.csv`` or ``.xlsx`` path, or a DataFrame with the layout's column names.
    sheet
        XLSX only: the sheet to read. Default: the sheet named ``candidates`` if there is one,
        else the first sheet.

    Returns
    -------
    list of Candidate
        In row order.

    Raises
    ------
    SpreadsheetError
        With every problem of the file (file, sheet, row, column, what is allowed).
    InputError
        When the file cannot be read at all: it is over one of the limits (module docstring,
        "Limits"), not one text encoding throughout, a broken workbook, or the sheet asked for
        is hidden or missing. The message names file, sheet, row and column.
    MissingDependencyError
        XLSX without openpyxl, or a DataFrame without pandas.

    Example
    -------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "c.csv").write_text(
    ...     "id,hours_min,hours_max,cap_work_pace,need_structure,skills\\n"
    ...     "c-1,16,24,1,ja,archiving; scanning\\n", encoding="utf-8")
    >>> [c] = read_candidates(folder / "c.csv")
    >>> c.capacities.level("work_pace"), c.needs.structure, c.skills
    (1, True, ['archiving', 'scanning'])
    """
    records: list[Candidate] = _read(source, "candidates", sheet)
    return records


def read_packages(
    source: str | os.PathLike[str] | DataFrame, *, sheet: str | None = None
) -> list[TaskPackage]:
    """Read task packages from a CSV or XLSX file or a pandas DataFrame in the flat layout.

    Parameters, returns and errors as for :func:`read_candidates` (the default sheet is
    ``packages``).

    Example
    -------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "p.csv").write_text(
    ...     "id;hours_per_week;dem_work_pace;offers_jobcoach;tasks;location_place\\n"
    ...     "p-1;20;2;yes;archiving;Utrecht\\n", encoding="utf-8")
    >>> [p] = read_packages(folder / "p.csv")
    >>> p.demands.level("work_pace"), p.offers.jobcoach, p.location.place
    (2, True, 'Utrecht')
    """
    records: list[TaskPackage] = _read(source, "packages", sheet)
    return records


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
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


def _cell_value(record: BaseModel, column: Column, yes: str = "yes", no: str = "no") -> Any:
    if column is PROFILE_COLUMN or column.path == PROFILE_COLUMN.path:
        return no if getattr(record, "capacities", None) is None else yes
    value: Any = record
    for part in column.path:
        if value is None:
            return None
        value = getattr(value, part)
    if value is None:
        return None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, list) and column.kind == "numbers":
        return f"{_SEPARATOR} ".join(_number_text(float(v)) for v in value)
    if isinstance(value, list):
        for item in value:
            if _SEPARATOR in item:
                rid = getattr(record, "id", "?")
                raise InputError(
                    f"record {rid!r}, field {column.name}: an item contains '{_SEPARATOR}', "
                    "which separates list items in a spreadsheet; remove it from the item"
                )
        return f"{_SEPARATOR} ".join(value)
    return value


def _records_sheet(kind: Kind, records: Iterable[Any]) -> _Sheet:
    model = _MODELS[kind]
    layout = _layout(kind)
    rows = []
    for r in records:
        record = r if isinstance(r, model) else model.model_validate(r)
        if _is_example(record.id):
            raise InputError(_say("io.error.example_id", id=repr(record.id)).en)
        rows.append([_cell_value(record, c) for c in layout])
    return _Sheet(kind, [c.name for c in layout], rows)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def _csv_bytes(sheet: _Sheet) -> str:
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_cell(h) for h in sheet.header])
    for row in sheet.rows:
        writer.writerow([_csv_cell(v) for v in row])
    # The BOM makes Excel read the file as UTF-8 instead of the local code page.
    return "\ufeff" + buffer.getvalue()


def _width(value: Any) -> int:
    """Characters a value takes in a cell (numbers as they are shown, rounded)."""
    if isinstance(value, float):
        return len(f"{value:.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _comment(text: str) -> Any:
    from openpyxl.comments import Comment

    lines = sum(max(1, math.ceil(len(line) / 48)) for line in text.splitlines())
    return Comment(text, "wbamatch", height=max(60, 15 * lines + 10), width=300)


def _xlsx_bytes(sheets: Sequence[_Sheet], decorate: Callable[[Any], None] | None = None) -> bytes:
    openpyxl = require("openpyxl")
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.properties import PageSetupProperties

    bold = Font(bold=True)
    title_font = Font(bold=True, size=13)
    muted = Font(italic=True, color="666666")
    wrapped = Alignment(wrap_text=True, vertical="top")
    fill = PatternFill("solid", fgColor="DDE7F0")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(title=sheet.title)
        head = sheet.header_row if sheet.header else 0
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
                    code = sheet.cell_formats.get(
                        (r, c), sheet.formats.get(c - 1) if below else None
                    )
                    if code:
                        cell.number_format = code
                if below and c - 1 in sheet.wrap:
                    cell.alignment = wrapped
            if r in sheet.bold:
                for cell in ws[r]:
                    cell.font = title_font if r == 1 and not head else bold
            if r in sheet.muted:
                for cell in ws[r]:
                    cell.font = muted
        width_of = max(len(sheet.header), max((len(r) for r in sheet.rows), default=0))
        if head:
            for c in range(1, len(sheet.header) + 1):
                cell = ws.cell(row=head, column=c)
                cell.font = bold
                if sheet.fancy:
                    cell.fill = fill
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        for (r, c), note in sheet.comments.items():
            ws.cell(row=r, column=c).comment = _comment(note)
        for c in range(1, width_of + 1):
            if c - 1 in sheet.widths:
                width = sheet.widths[c - 1]
            else:
                label = str(sheet.header[c - 1]) if c <= len(sheet.header) else ""
                shown = (
                    max((len(w) for w in label.split()), default=0) if sheet.fancy else len(label)
                )
                cells = [row[c - 1] for row in sheet.rows[:200] if c <= len(row)]
                longest = max([shown, *(_width(v) for v in cells if v is not None)])
                width = min(max(longest + 2, 8), 28 if sheet.fancy else 60)
            ws.column_dimensions[_letter(c - 1)].width = width
        if sheet.merge_lead and width_of:
            total = sum(ws.column_dimensions[_letter(c)].width or 10 for c in range(width_of))
            for r, line in enumerate(sheet.lead, start=1):
                if line and r not in sheet.bold:
                    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width_of)
                    ws.cell(row=r, column=1).alignment = wrapped
                    chars = len(str(line[0]))
                    ws.row_dimensions[r].height = 15 * max(1, math.ceil(chars * 1.1 / total))
        freeze = sheet.freeze if sheet.freeze is not None else (f"A{head + 1}" if head else "")
        if freeze:
            ws.freeze_panes = freeze
        if sheet.filtered and head and sheet.header:
            last = max(len(sheet.rows), 1) + head
            ws.auto_filter.ref = f"A{head}:{_letter(len(sheet.header) - 1)}{last}"
        if sheet.printed:
            ws.page_setup.orientation = sheet.printed
            ws.page_setup.paperSize = ws.PAPERSIZE_A4
            ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 1 if sheet.one_page else 0
            ws.page_margins.left = ws.page_margins.right = 0.5
            ws.page_margins.top = ws.page_margins.bottom = 0.6
            if head:
                ws.print_title_rows = f"{head}:{head}"
    if decorate is not None:
        decorate(book)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write(
    path: str | os.PathLike[str],
    sheets: Sequence[_Sheet],
    decorate: Callable[[Any], None] | None = None,
    *,
    overwrite: bool = True,
    csv_sheet: _Sheet | None = None,
) -> Path:
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        return write_atomic(target, _csv_bytes(csv_sheet or sheets[0]), overwrite=overwrite)
    if suffix == ".xlsx":
        return write_atomic(target, _xlsx_bytes(sheets, decorate), overwrite=overwrite)
    raise InputError(f"{target.name}: write .csv or .xlsx files; got suffix {suffix or 'none'!r}")


def _suffix(path: str | os.PathLike[str]) -> str:
    """The output format, checked before any work is done."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(
            f"{target.name}: write .csv or .xlsx files; got suffix {suffix or 'none'!r}"
        )
    return suffix


def write_candidates(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    path: str | os.PathLike[str],
    *,
    overwrite: bool = True,
) -> Path:
    """Write candidates in the flat layout to a ``.csv`` or ``.xlsx`` file (atomically).

    The header row holds the column names (machine names, the same in every language), cells
    the values as stored (``yes``/``no``, choice values): a data file, for the readers and for
    other software. :func:`read_candidates` reads it back to equal models. The file holds
    capacities and needs: health data; keep it where only the recruiter can read it.

    Raises
    ------
    InputError
        A suffix other than ``.csv`` / ``.xlsx``, a list item containing ``;``, or an id that
        marks a template's example row (:data:`EXAMPLE_IDS`: it would be skipped on reading).

    Example
    -------
    >>> import tempfile, pathlib, wbamatch
    >>> cands, _ = wbamatch.demo_data()
    >>> path = write_candidates(cands, pathlib.Path(tempfile.mkdtemp()) / "c.csv")
    >>> read_candidates(path) == list(cands)
    True
    """
    return _write(path, [_records_sheet("candidates", candidates)], overwrite=overwrite)


def write_packages(
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    path: str | os.PathLike[str],
    *,
    overwrite: bool = True,
) -> Path:
    """Write task packages in the flat layout to a ``.csv`` or ``.xlsx`` file (atomically).

    As :func:`write_candidates`: column names in the header, values as stored.

    Example
    -------
    >>> import tempfile, pathlib, wbamatch
    >>> _, packs = wbamatch.demo_data()
    >>> path = write_packages(packs, pathlib.Path(tempfile.mkdtemp()) / "p.csv")
    >>> read_packages(path) == list(packs)
    True
    """
    return _write(path, [_records_sheet("packages", packages)], overwrite=overwrite)


# ---------------------------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------------------------
_EXAMPLES: Final[dict[str, dict[str, Any]]] = {
    "candidates": {
        "registered": True,
        "target_group": "wajong",
        "education": "mbo2",
        "hours": {"min": 16, "max": 24, "max_per_day": 6},
        "capacities": {"concentration": 2, "work_pace": 1, "customer_contact": 1},
        "needs": {
            "structure": True,
            "fixed_hours": True,
            "jobcoach": True,
            "max_commute_minutes": 45,
            "travel_mode": "public_transport",
        },
        "home": {"place": "Utrecht"},
        "wants_growth": True,
    },
    "packages": {
        "employer": "Ministerie van IenW",
        "organisation": "Ministerie van IenW",
        "track": "individual",
        "demands": {"concentration": 2, "work_pace": 1},
        "hours": {"per_week": 20, "days": 4, "growth_to": 32},
        "schedule": {"kind": "fixed", "start": "09:30"},
        "stimulus": "low",
        "offers": {"structure": True, "jobcoach": True, "mentor": True},
        "work_location": "office",
        "contract": {"type": "permanent", "months": 12},
        "min_education": "mbo2",
        "location": {"place": "Utrecht"},
        "slots": 1,
    },
}
#: Example fields whose values are words, from the catalogue (lists split at ';').
_EXAMPLE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "candidates": ("skills", "interests"),
    "packages": ("title", "description", "tasks", "tags"),
}


def example(kind: Kind, lang: str | None = None) -> Candidate | TaskPackage:
    """The record on a template's example row, in ``lang``; its id marks it as the example.

    Example
    -------
    >>> example("packages", "nl").id, example("candidates", "en").skills
    ('VOORBEELD', ['archiving', 'data entry'])
    """
    _layout(kind)  # refuses an unknown kind
    chosen = resolve_lang(lang)
    model = _MODELS[kind]
    data: dict[str, Any] = {"id": _text("io.example.id", chosen), **_EXAMPLES[kind]}
    for name in _EXAMPLE_WORDS[kind]:
        words = _text(f"io.example.{kind}.{name}", chosen)
        field_type = model.model_fields[name].annotation
        is_list = typing.get_origin(_unwrap(field_type)[0]) is list
        data[name] = [w.strip() for w in words.split(_SEPARATOR)] if is_list else words
    return model.model_validate(data)


def _explanation_sheet(kind: Kind, lang: Lang, example_row: Sequence[Any]) -> _Sheet:
    cols = columns(kind, lang)
    data = _text(f"io.sheet.{kind}", lang)
    lead: list[list[Any]] = [
        [_text("io.explanation.title", lang, sheet=repr(data))],
        [_text("io.explanation.rows", lang, sheet=repr(data), one=_text(f"io.one.{kind}", lang))],
        [_text("io.explanation.example_row", lang, marker=_text("io.example.id", lang))],
        [_text("io.explanation.cells", lang)],
        [_text("io.explanation.names", lang)],
        [],
    ]
    header = [
        _text(f"io.explanation.{k}", lang)
        for k in ("label", "meaning", "allowed", "empty", "example")
    ]
    rows = [
        [c.label, c.description, c.allowed(), c.if_empty(), "" if v is None else v]
        for c, v in zip(cols, example_row, strict=True)
    ]
    return _Sheet(
        _text("io.sheet.explanation", lang),
        header,
        rows,
        lead=lead,
        wrap=frozenset({0, 1, 2, 3, 4}),
        widths={0: 26, 1: 60, 2: 38, 3: 30, 4: 18},
        bold=frozenset({1}),
        freeze=f"B{len(lead) + 2}",
        filtered=True,
        printed="landscape",
        merge_lead=True,
    )


def _choice_list(column: Column, lang: Lang) -> list[str]:
    """A choice column's drop-down: its values in the words of ``lang``."""
    return [_choice_words(column.enum, v, lang) for v in column.choices]


def _validation(book: Any, kind: Kind, title: str, lang: Lang, last_row: int = 1000) -> None:
    """Drop-down lists and number checks on the data sheet of a template."""
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = book[title]
    yes, no = _text("io.yes", lang), _text("io.no", lang)
    for k, c in enumerate(columns(kind, lang)):
        area = f"{_letter(k)}2:{_letter(k)}{last_row}"
        rule: Any = None
        if c.kind == "bool":
            rule = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True)
        elif c.kind == "choice" and len(",".join(words := _choice_list(c, lang))) < 250:
            rule = DataValidation(type="list", formula1=f'"{",".join(words)}"', allow_blank=True)
        elif c.kind in ("int", "float"):
            lo = next((v for op, v in c.bounds if op in ("ge", "gt")), None)
            hi = next((v for op, v in c.bounds if op in ("le", "lt")), None)
            if lo is not None and hi is not None:
                rule = DataValidation(
                    type="whole" if c.kind == "int" else "decimal",
                    operator="between",
                    formula1=_number_text(lo),
                    formula2=_number_text(hi),
                    allow_blank=True,
                )
        if rule is not None:
            # Excel shows at most 255 characters of a message.
            rule.error = _text("io.validation.error", lang, label=c.label, allowed=c.allowed())[
                :255
            ]
            rule.errorTitle = _text("io.validation.title", lang)[:32]
            rule.showErrorMessage = True
            ws.add_data_validation(rule)
            rule.add(area)


def write_template(
    kind: Kind,
    path: str | os.PathLike[str],
    *,
    overwrite: bool = True,
    lang: str | None = None,
) -> Path:
    """Write an empty-to-fill spreadsheet for ``"candidates"`` or ``"packages"``, in ``lang``.

    The header row holds each column's **heading in** ``lang`` (``Uren per week (min)``); the
    readers take a column by its heading in Dutch or English or by its name (``hours_min``),
    so the filled-in file reads as it is, whichever of the three its header uses. Row 2 is an
    **example** whose id is ``VOORBEELD`` (``EXAMPLE`` in English): the readers skip it, so a
    leftover example is never read as a record (:data:`EXAMPLE_IDS`).

    XLSX: the data sheet (``Kandidaten`` / ``Pakketten``; ``Candidates`` / ``Packages``) has a
    comment on every heading with what the column means, what it may hold, what an empty cell
    means and its name; drop-down lists for yes/no columns (``ja``/``nee`` in Dutch) and choice
    columns (the values as stored, e.g. ``public_transport``); number checks. The explanation
    sheet (``Toelichting`` / ``Explanation``) lists every column with its heading, name,
    meaning, what is allowed (choice values with their words: ``bike (fiets)``), what an empty
    cell means and the example, and prints on landscape pages, fitted to the width, the header
    row repeated. CSV: the header and the example row.

    Parameters
    ----------
    lang
        ``"nl"`` or ``"en"``; default ``WBAMATCH_LANG``, else Dutch.

    Raises
    ------
    InputError
        An unknown ``kind`` or a suffix other than ``.csv`` / ``.xlsx``.

    Example
    -------
    >>> import tempfile, pathlib
    >>> path = write_template("packages", pathlib.Path(tempfile.mkdtemp()) / "p.csv")
    >>> read_packages(path)  # only the example row: nothing to read yet
    []
    """
    if kind not in _MODELS:
        raise InputError(f"kind must be 'candidates' or 'packages', got {kind!r}")
    chosen = resolve_lang(lang)
    _suffix(path)
    cols = columns(kind, chosen)
    yes, no = _text("io.yes", chosen), _text("io.no", chosen)
    record = example(kind, chosen)
    row = [
        _choice_words(c.enum, value, chosen) if c.kind == "choice" and value else value
        for c, value in ((c, _cell_value(record, c, yes, no)) for c in cols)
    ]
    title = _text(f"io.sheet.{kind}", chosen)
    comments = {
        (1, k + 1): _text(
            "io.comment.header",
            chosen,
            meaning=c.description,
            allowed=c.allowed(),
            empty=c.if_empty(),
        )
        for k, c in enumerate(cols)
    }
    marker = _text("io.example.id", chosen)
    comments[(2, 1)] = _text("io.example.note", chosen, marker=marker)
    data = _Sheet(
        title,
        [c.label for c in cols],
        [row],
        comments=comments,
        muted=frozenset({2}),
        fancy=True,
        freeze="B2",
    )
    sheets = [data, _explanation_sheet(kind, chosen, row)]
    return _write(
        path,
        sheets,
        lambda book: _validation(book, kind, title, chosen),
        overwrite=overwrite,
    )


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------
#: Number formats of the results workbook.
_PERCENT: Final[str] = "0%"
_HOURS: Final[str] = "0.0"
_BANEN: Final[str] = "0.00"
_WHOLE: Final[str] = "0"


def _records(records: Sequence[Mapping[str, Any]], header: Sequence[str]) -> list[list[Any]]:
    return [[r.get(h) for h in header] for r in records]


def _notes(a: Any, lang: Lang) -> str:
    """What a recruiter should know about a placement beyond its score, in words."""
    from ._results import placement_notes

    return "; ".join(placement_notes(a, lang))


def _reason_text(code: str, packages: int, lang: Lang) -> str:
    from ._results import reason_words

    key = "io.note.reason_one" if packages == 1 else "io.note.reason_many"
    return _text(key, lang, reason=reason_words(code, lang), n=packages)


def _why_not(u: Any, lang: Lang) -> str:
    return "; ".join(_reason_text(r.code, r.packages, lang) for r in u.reasons) or _text(
        "io.note.no_packages", lang
    )


def _result_csv(result: MatchResult, lang: Lang, names: Mapping[str, str]) -> _Sheet:
    """The CSV table: :meth:`MatchResult.to_records` in ``lang``, its numbers rounded (and the
    name last, when ``names`` are given)."""
    from ._results import MATCH_COLUMNS

    config = result.config.model_copy(update={"lang": lang})
    records = result.model_copy(update={"config": config}).to_records()
    header = [*MATCH_COLUMNS, *(["name"] if names else [])]
    digits = {"score": 3, "hours": 2, "banen": 2}
    rows: list[list[Any]] = []
    for record in records:
        row = [
            round(v, digits[k]) if k in digits and isinstance(v, float) else v
            for k, v in ((k, record.get(k)) for k in MATCH_COLUMNS)
        ]
        if names:
            row.append(names.get(str(record["candidate_id"])))
        rows.append(row)
    return _Sheet("candidates", header, rows)


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


def _result_sheets(
    result: MatchResult,
    lang: Lang,
    packages: Iterable[Any] | None,
    names: Mapping[str, str],
    per_manager: bool,
) -> list[_Sheet]:
    from ._results import reason_words
    from ._summary import department_summary, package_facts, track_words

    def t(key: str) -> str:
        return _text(key, lang)

    facts = package_facts(result, packages)
    named = bool(names)
    who = [t("io.results.candidate"), *([t("io.results.name")] if named else [])]

    def person(cid: str) -> list[Any]:
        return [cid, *([names.get(cid)] if named else [])]

    yes, no = t("io.yes"), t("io.no")
    shift = len(who) - 1
    rows: list[list[Any]] = [
        [
            *person(a.candidate_id),
            t("io.status.placed"),
            a.package_id,
            a.title,
            a.employer,
            a.organisation,
            track_words(a.track, lang),
            round(a.score, 3),
            round(a.hours, 2),
            yes if a.counts else no,
            round(a.banen, 2),
            _notes(a, lang),
        ]
        for a in result.assignments
    ]
    rows += [
        [*person(u.candidate_id), t("io.status.unassigned"), *([None] * 9), _why_not(u, lang)]
        for u in result.unassigned
    ]
    rows.sort(key=lambda r: str(r[0]))
    header = [
        *who,
        *(
            t(f"io.results.{k}")
            for k in (
                "status",
                "package",
                "title",
                "employer",
                "organisation",
                "track",
                "score",
                "hours",
                "counts",
                "banen",
                "notes",
            )
        ),
    ]
    used: set[str] = set()
    candidates = _Sheet(
        _sheet_title(t("io.results.sheet.candidates"), used),
        header,
        rows,
        formats={7 + shift: _PERCENT, 8 + shift: _HOURS, 10 + shift: _BANEN},
        wrap=frozenset({3 + shift, 11 + shift}),
        widths={3 + shift: 24, 11 + shift: 50},
        freeze=f"{_letter(1 + shift)}2",
        filtered=True,
        printed="landscape",
    )
    reasons: list[list[Any]] = []
    for u in sorted(result.unassigned, key=lambda u: u.candidate_id):
        reasons += [
            [*person(u.candidate_id), u.feasible_packages, reason_words(r.code, lang), r.packages]
            for r in u.reasons
        ] or [[*person(u.candidate_id), u.feasible_packages, t("io.note.no_packages"), None]]
    unassigned = _Sheet(
        _sheet_title(t("io.results.sheet.unassigned"), used),
        [*who, t("io.results.feasible"), t("io.results.reason"), t("io.results.ruled_out")],
        reasons,
        formats={1 + shift: _WHOLE, 3 + shift: _WHOLE},
        wrap=frozenset({2 + shift}),
        widths={2 + shift: 60},
        filtered=True,
        printed="landscape",
    )
    open_rows = [
        [
            o.package_id,
            facts[o.package_id].title,
            facts[o.package_id].employer,
            facts[o.package_id].organisation,
            o.open,
            o.feasible_candidates,
        ]
        for o in sorted(result.open_slots, key=lambda o: o.package_id)
    ]
    open_slots = _Sheet(
        _sheet_title(t("io.results.sheet.open"), used),
        [
            t(f"io.results.{k}")
            for k in ("package", "title", "employer", "organisation", "open", "fitting")
        ],
        open_rows,
        formats={4: _WHOLE, 5: _WHOLE},
        filtered=True,
        printed="landscape",
    )
    summary = department_summary(result, packages, lang=lang, names=names).sheet()
    overview = _Sheet(
        _sheet_title(_text("summary.sheet", lang), used),
        (),
        summary.rows,
        cell_formats=summary.formats,
        bold=summary.headings,
        widths={0: 44, 1: 16, 2: 24, 3: 14, 4: 20},
        freeze="",
        printed="portrait",
        one_page=True,
    )
    sheets = [candidates, unassigned, open_slots, overview]
    if per_manager:
        sheets += _manager_sheets(result, lang, facts, names, used)
    return sheets


def _manager_sheets(
    result: MatchResult,
    lang: Lang,
    facts: Mapping[str, Any],
    names: Mapping[str, str],
    used: set[str],
) -> list[_Sheet]:
    """One sheet per package (for its manager): who is proposed there, nobody else."""
    from ._summary import track_words

    def t(key: str) -> str:
        return _text(key, lang)

    named = bool(names)
    open_of = {o.package_id: o.open for o in result.open_slots}
    placed: dict[str, list[Any]] = {}
    for a in result.assignments:
        placed.setdefault(a.package_id, []).append(a)
    yes, no = t("io.yes"), t("io.no")
    sheets = []
    for pid in sorted(facts):
        fact = facts[pid]
        here = sorted(placed.get(pid, []), key=lambda a: a.candidate_id)
        slots = fact.slots if fact.slots is not None else len(here) + open_of.get(pid, 0)
        lead: list[list[Any]] = [
            [t("io.results.package"), pid],
            [t("io.results.title"), fact.title],
            [t("io.results.employer"), fact.employer],
            [t("io.results.organisation"), fact.organisation],
            [t("io.results.track"), track_words(fact.track, lang) if fact.track else None],
            [t("io.results.slots"), slots],
            [t("io.results.open"), open_of.get(pid, 0)],
            [] if here else [t("io.manager.none")],
        ]
        rows = [
            [
                a.candidate_id,
                *([names.get(a.candidate_id)] if named else []),
                round(a.score, 3),
                round(a.hours, 2),
                yes if a.counts else no,
                round(a.banen, 2),
                _notes(a, lang),
            ]
            for a in here
        ]
        shift = 1 if named else 0
        head = len(lead) + 1
        sheets.append(
            _Sheet(
                _sheet_title(f"{pid} {fact.title}".strip(), used),
                [
                    t("io.results.candidate"),
                    *([t("io.results.name")] if named else []),
                    t("io.results.score"),
                    t("io.results.hours"),
                    t("io.results.counts"),
                    t("io.results.banen"),
                    t("io.results.notes"),
                ],
                rows,
                lead=lead,
                formats={1 + shift: _PERCENT, 2 + shift: _HOURS, 4 + shift: _BANEN},
                cell_formats={(6, 2): _WHOLE, (7, 2): _WHOLE},
                wrap=frozenset({5 + shift}),
                widths={0: 22, 5 + shift: 50},
                bold=frozenset({1}),
                freeze=f"A{head + 1}",
                filtered=True,
                printed="landscape",
            )
        )
    return sheets


_Exported = typing.TypeVar("_Exported", bound=BaseModel)


def _shortlist_sheets(lists: Shortlists, lang: Lang, names: Mapping[str, str]) -> list[_Sheet]:
    """Shortlists for people: the ranked entries, then the near misses, in words.

    A near miss names the rule in words and the message of the list's audience (a manager's
    list says only that a condition is not met); codes stay in the CSV.
    """
    from ._results import reason_words

    def t(key: str) -> str:
        return _text(key, lang)

    by_package = lists.by == "package"
    named = bool(names)
    lists_head = t(f"shortlist.head.list.{lists.by}")
    other_head = t(f"shortlist.head.{'candidate' if by_package else 'package'}")
    who = [*([t("io.results.name")] if named else [])]
    entries: list[list[Any]] = []
    misses: list[list[Any]] = []
    for sl in lists.lists:
        for e in sl.entries:
            other = e.candidate_id if by_package else e.package_id
            entries.append(
                [
                    sl.id,
                    e.rank,
                    other,
                    *([names.get(e.candidate_id)] if named else []),
                    e.title,
                    e.employer,
                    round(e.score, 3),
                    "; ".join(t(f"component.{n}") for n, _ in e.top_components),
                ]
            )
        for m in sl.near_misses:
            other = m.candidate_id if by_package else m.package_id
            misses.append(
                [
                    sl.id,
                    other,
                    *([names.get(m.candidate_id)] if named else []),
                    reason_words(m.code, lang),
                    round(m.score, 3),
                    m.message_nl if lang == "nl" else m.message_en,
                ]
            )
    shift = len(who)
    used: set[str] = set()
    sheets = [
        _Sheet(
            _sheet_title(t("io.shortlist.sheet"), used),
            [
                lists_head,
                t("shortlist.head.rank"),
                other_head,
                *who,
                t("io.results.title"),
                t("io.results.employer"),
                t("shortlist.head.score"),
                t("shortlist.head.strongest"),
            ],
            entries,
            formats={1: _WHOLE, 6 + shift: _PERCENT},
            wrap=frozenset({4 + shift, 7 + shift}),
            widths={4 + shift: 30, 7 + shift: 50},
            filtered=True,
            printed="landscape",
        )
    ]
    if misses:
        sheets.append(
            _Sheet(
                _sheet_title(t("io.shortlist.sheet.near"), used),
                [
                    lists_head,
                    other_head,
                    *who,
                    t("shortlist.head.rule"),
                    t("shortlist.head.would"),
                    t("shortlist.head.words"),
                ],
                misses,
                formats={3 + shift: _PERCENT},
                wrap=frozenset({2 + shift, 4 + shift}),
                widths={2 + shift: 30, 4 + shift: 60},
                filtered=True,
                printed="landscape",
            )
        )
    return sheets


def _explanation_sheets(ex: Explanation, lang: Lang) -> list[_Sheet]:
    """One pair for people: the verdict in words, what does not fit, the score's parts."""
    (rules_head, rules), (parts_head, parts) = ex.tables(lang)
    used: set[str] = set()
    lead = [[ex.text(lang)], []]
    return [
        _Sheet(
            _sheet_title(_text("explain.html.rules", lang), used),
            rules_head,
            rules or [[_text("explain.html.no_rules", lang)]],
            lead=lead,
            wrap=frozenset({0, 2, 3, 4}),
            widths={0: 30, 1: 22, 2: 30, 3: 30, 4: 60},
            merge_lead=True,
            printed="landscape",
        ),
        _Sheet(
            _sheet_title(_text("io.explanation.parts.sheet", lang), used),
            parts_head,
            [
                [name, round(fit, 3) if fit is not None else words, share]
                for name, fit, words, share in parts
            ],
            formats={1: _PERCENT},
            widths={0: 30, 1: 22, 2: 16},
            printed="portrait",
        ),
    ]


def _revalidated(result: _Exported) -> _Exported:
    """A fresh, validated copy of ``result``, or :class:`InputError` naming what is wrong."""
    kind = type(result).__name__
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pydantic warns while dumping wrong types
            data = result.model_dump()
        return type(result).model_validate(data)
    except ValidationError as exc:
        problems = exc.errors(include_url=False, include_input=False)
        listed = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(the object)'}: "
            + (e["type"] if e["type"] in ("value_error", "assertion_error") else e["msg"])
            for e in problems[:5]
        )
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise InputError(
            f"write_results: this {kind} is not valid, nothing was written: {listed}{more}. "
            f"Export a {kind} as wbamatch returns it, or rebuild it with {kind}.model_validate()"
        ) from None
    except (AttributeError, TypeError, ValueError, KeyError) as exc:
        raise InputError(
            f"write_results: this {kind} is incomplete or broken ({type(exc).__name__}), "
            f"nothing was written; rebuild it with {kind}.model_validate()"
        ) from None


def write_results(
    result: MatchResult | Shortlists | Explanation,
    path: str | os.PathLike[str],
    *,
    overwrite: bool = True,
    lang: str | None = None,
    packages: Iterable[TaskPackage | Mapping[str, Any]] | None = None,
    names: Mapping[str, str] | None = None,
    per_manager: bool = False,
) -> Path:
    """Write a match result, shortlists or an explanation to ``.csv`` or ``.xlsx`` (atomically).

    For a :class:`~wbamatch.MatchResult`:

    - **XLSX**, a workbook for people, in ``lang``: the sheets ``Kandidaten`` (one row per
      candidate: id, status, package with its title, employer, organisation and track, score
      as a percentage, hours, whether it counts, banen, and notes in words), ``Niet
      geplaatst`` (each blocking reason in words with the number of packages it ruled out),
      ``Open plekken`` and ``Samenvatting`` (the department summary of
      :func:`wbamatch._summary.department_summary`, on one printed page); in English
      ``Candidates``, ``Not placed``, ``Open places``, ``Summary``. Headings and words follow
      the language; numbers are rounded (score 3 decimals, hours and banen 2) and formatted
      (``0%``, ``0.0``, ``0.00``). Tables have a frozen header, an autofilter, column widths,
      and print on landscape pages fitted to the width with the header row on every page.
      ``per_manager=True`` adds one sheet per package, for its manager: the package, its
      places, and only the candidates proposed there.
    - **CSV**, a file for software: exactly the columns of :meth:`MatchResult.to_records`
      (:data:`wbamatch._results.MATCH_COLUMNS`; ``name`` last with ``names``): stable names,
      the same in every language; ``status`` as ``placed`` / ``unassigned``, numbers rounded
      as above; only ``reasons`` are words, in ``lang`` (``reason_codes`` has the codes).
      Titles and organisations are in the workbook.

    ``names`` (candidate id -> display name) adds a name column next to the id, for a printed
    export; the result itself stays pseudonymous. ``packages`` gives the title, employer and
    organisation of packages nobody was placed in (open places, the managers' sheets).

    Shortlists and explanations: in CSV their ``to_records()`` table (stable names, codes);
    in XLSX, for people in ``lang``, a ``Shortlists`` sheet (list, rank, counterpart, title,
    employer, fit as a percentage, strongest points in words) and a ``Bijna`` sheet of near
    misses (what is missing in words, the list audience's message), or for an explanation
    its verdict with what does not fit, and the score per part (:meth:`Explanation.tables`).
    Text cells that a spreadsheet would run as a formula are neutralised with a leading ``'``.
    The object is validated again before it is written: one built with ``model_construct()``,
    or read back from JSON and changed, is refused when it is no longer valid.

    Parameters
    ----------
    lang
        ``"nl"`` or ``"en"``; default the result's ``config.lang``, else ``WBAMATCH_LANG``,
        else Dutch.

    Raises
    ------
    InputError
        A suffix other than ``.csv`` / ``.xlsx``, an object of another type, an object that
        does not validate (the message names the fields, not their values), or ``names`` /
        ``packages`` of the wrong shape.

    Example
    -------
    >>> import tempfile, pathlib, wbamatch
    >>> result = wbamatch.match(*wbamatch.demo_data())
    >>> path = write_results(result, pathlib.Path(tempfile.mkdtemp()) / "result.csv")
    >>> path.read_text(encoding="utf-8-sig").splitlines()[0]
    'candidate_id,status,package_id,employer,score,hours,counts,banen,reasons,reason_codes'
    """
    from ._summary import check_names

    sheets: list[_Sheet]
    csv_sheet: _Sheet | None = None
    suffix = _suffix(path)
    if isinstance(result, MatchResult | Shortlists | Explanation):
        result = _revalidated(result)
    if isinstance(result, MatchResult):
        chosen = result.config.text_lang(lang)
        shown = check_names(names)
        if suffix == ".csv":
            csv_sheet = _result_csv(result, chosen, shown)
            sheets = [csv_sheet]
        else:
            sheets = _result_sheets(result, chosen, packages, shown, per_manager)
    elif isinstance(result, Shortlists):
        from ._shortlist import SHORTLIST_COLUMNS

        if suffix == ".csv":
            rows = _records(result.to_records(), SHORTLIST_COLUMNS)
            sheets = [_Sheet("shortlists", SHORTLIST_COLUMNS, rows)]
        else:
            sheets = _shortlist_sheets(
                result, resolve_lang(lang or result.lang), check_names(names)
            )
    elif isinstance(result, Explanation):
        from ._explain import EXPLANATION_COLUMNS

        if suffix == ".csv":
            rows = _records(result.to_records(), EXPLANATION_COLUMNS)
            sheets = [_Sheet("explanation", EXPLANATION_COLUMNS, rows)]
        else:
            sheets = _explanation_sheets(result, result.text_lang(lang))
    else:
        raise InputError(
            "write_results takes a MatchResult, Shortlists or an Explanation, got "
            f"{type(result).__name__}"
        )
    return _write(path, sheets, overwrite=overwrite, csv_sheet=csv_sheet)


def error_text(error: BaseException, lang: str | None = None) -> str:
    """An error for people, in ``lang`` (default ``WBAMATCH_LANG``, else Dutch).

    A :class:`SpreadsheetError` lists its problems in that language, one a line (each
    :meth:`CellError.text`); any other error is its ``str()`` (English).

    Example
    -------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = path.write_text("id,hours_min,hours_max\\nc-1,20,ten\\n", encoding="utf-8")
    >>> try:
    ...     read_candidates(path)
    ... except SpreadsheetError as exc:
    ...     print(error_text(exc, "nl"))  # doctest: +ELLIPSIS
    1 probleem in het spreadsheet; los het op en lees het opnieuw in:
      c.csv, rij 2, kolom C (Uren per week (max)): ingevuld: 'ten'; toegestaan: een getal, ...
    """
    chosen = resolve_lang(lang)
    if not isinstance(error, SpreadsheetError) or chosen == "en":
        return str(error)
    n = len(error.errors)
    head = _text("io.errors.one", chosen) if n == 1 else _text("io.errors.many", chosen, n=n)
    return "\n".join([head, *(f"  {e.text(chosen)}" for e in error.errors)])
