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

XLSX needs openpyxl and DataFrames need pandas: ``pip install 'wbamatch[excel]'``.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import math
import os
import types
import typing
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from io import BytesIO, StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from ._cells import neutralise, require, restore
from ._files import write_atomic
from .exceptions import CellError, InputError, SpreadsheetError
from .explain import Explanation
from .models import Candidate, TaskPackage, _Levels
from .results import MatchResult
from .shortlist import Shortlists

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

#: Name of the sheet that explains each column in an XLSX template.
EXPLANATION_SHEET: Final[str] = "explanation"

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
#: What is allowed, where a field's type alone (text) says too little.
_HINTS: Final[dict[tuple[str, ...], str]] = {
    ("schedule", "start"): "a time HH:MM (24 h), e.g. 09:30",
    ("id",): "text of 1 to 200 characters, unique in the file; a pseudonym, never a name or BSN",
}


# ---------------------------------------------------------------------------------------------
# The column layout, generated from the models
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """One column of the flat layout.

    ``path`` is where the value lives in the model (``("hours", "min")``); ``kind`` is one of
    ``bool``, ``int``, ``float``, ``text``, ``choice`` and ``list``; ``sensitive`` columns hold
    health data.
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
    #: Overrides of :meth:`allowed` and :meth:`if_empty` where the type alone says too little.
    hint: str = ""
    empty: str = ""

    def allowed(self) -> str:
        """What a cell of this column may hold, in words."""
        if self.hint:
            return self.hint
        if self.kind == "bool":
            return "yes or no (ja / nee)"
        if self.kind == "choice":
            return "one of: " + ", ".join(self.choices)
        if self.kind == "list":
            return f"a list separated by '{_SEPARATOR}', e.g. 'archiving; scanning'"
        if self.kind == "numbers":
            return f"numbers separated by '{_SEPARATOR}', e.g. '8; 4; 4; 4'"
        if self.kind == "text":
            return f"text of at most {self.max_length} characters" if self.max_length else "text"
        words = {"ge": "at least", "gt": "above", "le": "at most", "lt": "below"}
        what = "a whole number" if self.kind == "int" else "a number"
        limits = " and ".join(f"{words[op]} {_number_text(v)}" for op, v in self.bounds)
        return f"{what} {limits}" if limits else what

    def if_empty(self) -> str:
        """What an empty cell means."""
        if self.required:
            return "required: cannot be empty"
        if self.empty:
            return self.empty
        if self.default is None:
            return "not given (see meaning)"
        if isinstance(self.default, bool):
            return "no" if not self.default else "yes"
        if isinstance(self.default, Enum):
            return str(self.default.value)
        if self.default == "" or self.default == []:
            return "none"
        return _number_text(self.default)


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
        kind, choices = "choice", tuple(str(e.value) for e in tp)
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
    )


def _walk(
    model: type[BaseModel], path: tuple[str, ...], prefix: str, required: bool, sens: bool
) -> list[Column]:
    out: list[Column] = []
    for field, info in model.model_fields.items():
        sub = (*path, field)
        short = _PREFIX.get(field, field)
        name = f"{prefix}_{short}" if prefix else short
        tp = _unwrap(info.annotation)[0]
        sensitive = sens or sub in _SENSITIVE
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            out += _walk(tp, sub, name, required and info.is_required(), sensitive)
            continue
        column = _leaf(name, sub, info, required and info.is_required(), sensitive)
        if issubclass(model, _Levels):  # None stands for the model's default level
            column = replace(column, empty=f"{model._default} (the default level)")
        out.append(replace(column, hint=_HINTS.get(sub, "")))
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
    empty="known when a cap_ cell is filled, unknown when all are empty",
)

_LAYOUT: dict[str, tuple[Column, ...]] = {}


def columns(kind: Kind) -> tuple[Column, ...]:
    """The columns of the flat layout for ``"candidates"`` or ``"packages"``, in order.

    Example
    -------
    >>> [c.name for c in columns("candidates")][:6]
    ['id', 'registered', 'target_group', 'education', 'hours_min', 'hours_max']
    >>> [c.name for c in columns("packages") if c.name.startswith("schedule")]
    ['schedule_kind', 'schedule_start']
    """
    if kind not in _MODELS:
        raise InputError(f"kind must be 'candidates' or 'packages', got {kind!r}")
    if kind not in _LAYOUT:
        walked = _walk(_MODELS[kind], (), "", True, False)
        if kind == "candidates":
            last = max(k for k, c in enumerate(walked) if c.path[0] == "capacities")
            walked.insert(last + 1, PROFILE_COLUMN)
        layout = tuple(walked)
        names = [c.name for c in layout]
        if len(set(names)) != len(names):  # pragma: no cover - guards a future model change
            raise TypeError(f"two model fields map to one spreadsheet column: {names}")
        _LAYOUT[kind] = layout
    return _LAYOUT[kind]


# ---------------------------------------------------------------------------------------------
# Reading cells
# ---------------------------------------------------------------------------------------------
class _BadCellError(Exception):
    """A cell that cannot be read as its column's kind; the message says what is allowed."""


def _normalise_header(name: object) -> str:
    return str(name).strip().lower().replace(" ", "_").replace("-", "_")


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


def _parse(column: Column, value: Any) -> Any:
    """The model value of a non-empty cell, or :class:`_BadCellError`."""
    kind = column.kind
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
            if text not in column.choices:
                raise ValueError(text)
            return text
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
    except (ValueError, OverflowError):
        raise _BadCellError(column.allowed()) from None


def _got(column: Column, value: Any) -> str:
    """The offending value for a message, unless it is health data."""
    if column.sensitive:
        return "this value is not allowed"
    text = _as_text(value) if not isinstance(value, str) else value.strip()
    text = text if len(text) <= 40 else text[:37] + "..."
    return f"got {text!r}"


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ---------------------------------------------------------------------------------------------
# Sources: CSV, XLSX, DataFrame -> header and rows of raw values
# ---------------------------------------------------------------------------------------------
@dataclass
class _Table:
    file: str
    sheet: str
    header: list[Any]
    rows: list[tuple[int, list[Any]]]
    letters: bool = True


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"file {str(path)!r} cannot be read: {exc.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"file {str(path)!r} is {size} bytes; the limit is {MAX_FILE_BYTES}. Split it."
        )


def _read_csv(path: Path) -> _Table:
    _check_size(path)
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
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" as Windows-1252 unless told to use UTF-8.
        text = raw.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Any]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                raise InputError(_too_many(path.name))
    except csv.Error as exc:
        raise SpreadsheetError(
            [CellError(path.name, "", reader.line_num, "", f"not readable as CSV: {exc}")]
        ) from None
    header = rows[0] if rows else []
    return _Table(path.name, "", header, [(k + 2, r) for k, r in enumerate(rows[1:])])


def _read_xlsx(path: Path, sheet: str | None, kind: str) -> _Table:
    _check_size(path)
    openpyxl = require("openpyxl")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{path.name} is not a readable XLSX file ({exc})") from None
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise InputError(
                f"{path.name} has no sheet {sheet!r}; its sheets are: {', '.join(names)}"
            )
        chosen = sheet if sheet is not None else (kind if kind in names else names[0])
        ws = book[chosen]
        header: list[Any] = []
        rows: list[tuple[int, list[Any]]] = []
        for number, cells in enumerate(ws.iter_rows(), start=1):
            values = [
                _Formula(cell.data_type)
                if getattr(cell, "data_type", None) in ("f", "e")
                else cell.value
                for cell in cells
            ]
            if number == 1:
                header = values
            else:
                rows.append((number, values))
                if len(rows) > MAX_ROWS:
                    raise InputError(_too_many(path.name))
        return _Table(path.name, chosen, header, rows)
    finally:
        book.close()


def _too_many(name: str) -> str:
    return f"{name} has more than {MAX_ROWS} rows; split it into several files"


@dataclass(frozen=True)
class _Formula:
    """A formula (``f``) or error (``e``) cell of an XLSX file: refused, never evaluated."""

    data_type: str


def _from_dataframe(frame: Any) -> _Table:
    pd = require("pandas")
    header = [str(c) for c in frame.columns]

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

    rows = [
        (k + 2, [plain(v) for v in row])
        for k, row in enumerate(frame.itertuples(index=False, name=None))
    ]
    return _Table("DataFrame", "", header, rows, letters=False)


def _load(source: Any, sheet: str | None, kind: str) -> _Table:
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            return _read_csv(path)
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path, sheet, kind)
        raise InputError(f"{path.name}: read .csv or .xlsx files; got suffix {suffix or 'none'!r}")
    if hasattr(source, "columns") and hasattr(source, "itertuples"):
        return _from_dataframe(source)
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


def _read(source: Any, kind: Kind, sheet: str | None) -> list[Any]:
    layout = columns(kind)
    model = _MODELS[kind]
    table = _load(source, sheet, kind)
    errors: list[tuple[int, int, CellError]] = []

    def err(row: int, index: int | None, column: str, message: str) -> None:
        letter = _letter(index) if index is not None and table.letters else ""
        where = -1 if index is None else index
        errors.append(
            (row, where, CellError(table.file, table.sheet, row, column, message, letter))
        )

    by_name = {c.name: c for c in layout}
    placed: list[tuple[int, Column]] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(table.header):
        if isinstance(raw, _Formula) or _is_empty(raw):
            if any(index < len(v) and not _is_empty(v[index]) for _, v in table.rows):
                err(1, index, "", "this column has values but no name in row 1; add the name")
            continue
        name = _normalise_header(raw)
        if name.startswith("#"):
            continue  # a notes column
        if name in seen:
            err(1, index, name, f"column appears twice (also column {_letter(seen[name])})")
            continue
        seen[name] = index
        if name not in by_name:
            near = difflib.get_close_matches(name, list(by_name), n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            err(
                1,
                index,
                str(raw).strip(),
                f"unknown column; {hint}the template's '{EXPLANATION_SHEET}' sheet lists the "
                "columns (wbamatch template). Start a notes column's name with '#'.",
            )
            continue
        placed.append((index, by_name[name]))
    missing = [c for c in layout if c.required and c.name not in seen]
    for c in missing:
        err(1, None, c.name, f"required column is missing; add it: {c.allowed()}")
    missing_paths = {c.path for c in missing}
    groups = _required_groups(layout)

    records: list[Any] = []
    first_row: dict[str, int] = {}
    id_index = seen.get("id")
    for number, values in table.rows:
        if all(_is_empty(v) for v in values):
            continue
        data: dict[str, Any] = {}
        reported: set[tuple[str, ...]] = set(missing_paths)
        for index, column in placed:
            value = values[index] if index < len(values) else None
            if isinstance(value, _Formula):
                what = "a formula" if value.data_type == "f" else "an Excel error value"
                err(
                    number,
                    index,
                    column.name,
                    f"holds {what}; wbamatch reads values only: type the value, or copy the "
                    f"column and paste it as values ({column.allowed()})",
                )
                reported.add(column.path)
                continue
            if _is_empty(value):
                continue
            try:
                _set(data, column.path, _parse(column, value))
            except _BadCellError as exc:
                err(number, index, column.name, f"{_got(column, value)}; allowed: {exc}")
                reported.add(column.path)
        for group in sorted(groups, key=len):
            if not _has(data, group):
                _set(data, group, {})
        if model is Candidate and not _profile(data):
            at = seen.get(PROFILE_COLUMN.name)
            err(number, at, PROFILE_COLUMN.name, "is no, but capacity cells are filled; empty "
                "them or write yes")
            reported.add(PROFILE_COLUMN.path)
        try:
            record = model.model_validate(data)
        except ValidationError as exc:
            for e in exc.errors(include_url=False):
                loc = tuple(str(p) for p in e["loc"] if isinstance(p, str))
                if any(loc[: len(p)] == p for p in reported):
                    continue
                cols = [c for c in layout if c.path[: len(loc)] == loc] if loc else []
                at = seen.get(cols[0].name) if len(cols) == 1 else None
                name = ", ".join(c.name for c in cols if c.name in seen or c.required)
                message = str(e["msg"]).removeprefix("Value error, ")
                if e["type"] == "missing":
                    message = "required: cannot be empty"
                if len(cols) == 1:
                    message += f"; allowed: {cols[0].allowed()}"
                err(number, at, name, message)
            continue
        if not reported - missing_paths:
            previous = first_row.setdefault(record.id, number)
            if previous != number:
                err(
                    number,
                    id_index,
                    "id",
                    f"id {record.id!r} is also on row {previous}; ids must be unique",
                )
                continue
            records.append(record)
    if errors:
        errors.sort(key=lambda e: (e[0], e[1]))
        raise SpreadsheetError(e for _, _, e in errors)
    return records


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
        When the file cannot be opened at all.
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
Sheet = tuple[str, Sequence[str], Sequence[Sequence[Any]]]


def _cell_value(record: BaseModel, column: Column) -> Any:
    if column is PROFILE_COLUMN:
        return "no" if getattr(record, "capacities", None) is None else "yes"
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
        return "yes" if value else "no"
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


def _records_sheet(kind: Kind, records: Iterable[Any]) -> Sheet:
    model = _MODELS[kind]
    layout = columns(kind)
    rows = []
    for r in records:
        record = r if isinstance(r, model) else model.model_validate(r)
        rows.append([_cell_value(record, c) for c in layout])
    return (kind, [c.name for c in layout], rows)


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


def _csv_bytes(sheet: Sheet) -> str:
    _, header, rows = sheet
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    # The BOM makes Excel read the file as UTF-8 instead of the local code page.
    return "\ufeff" + buffer.getvalue()


def _xlsx_bytes(sheets: Sequence[Sheet], decorate: Callable[[Any], None] | None = None) -> bytes:
    openpyxl = require("openpyxl")
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        ws = book.create_sheet(title=title)
        for r, values in enumerate([list(header), *map(list, rows)], start=1):
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
        for c in range(1, len(header) + 1):
            ws.cell(row=1, column=c).font = Font(bold=True)
            width = max(
                [len(str(header[c - 1]))]
                + [len(str(row[c - 1])) for row in rows[:200] if row[c - 1] is not None]
            )
            ws.column_dimensions[_letter(c - 1)].width = min(max(width + 2, 8), 60)
        ws.freeze_panes = "A2"
    if decorate is not None:
        decorate(book)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write(
    path: str | os.PathLike[str],
    sheets: Sequence[Sheet],
    decorate: Callable[[Any], None] | None = None,
) -> Path:
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        return write_atomic(target, _csv_bytes(sheets[0]))
    if suffix == ".xlsx":
        return write_atomic(target, _xlsx_bytes(sheets, decorate))
    raise InputError(f"{target.name}: write .csv or .xlsx files; got suffix {suffix or 'none'!r}")


def write_candidates(
    candidates: Iterable[Candidate | Mapping[str, Any]], path: str | os.PathLike[str]
) -> Path:
    """Write candidates in the flat layout to a ``.csv`` or ``.xlsx`` file (atomically).

    :func:`read_candidates` reads the file back to equal models. The file holds capacities and
    needs: health data; keep it where only the recruiter can read it.

    Raises
    ------
    InputError
        A suffix other than ``.csv`` / ``.xlsx``, or a list item containing ``;``.

    Example
    -------
    >>> import tempfile, pathlib, wbamatch
    >>> cands, _ = wbamatch.demo_data()
    >>> path = write_candidates(cands, pathlib.Path(tempfile.mkdtemp()) / "c.csv")
    >>> read_candidates(path) == list(cands)
    True
    """
    return _write(path, [_records_sheet("candidates", candidates)])


def write_packages(
    packages: Iterable[TaskPackage | Mapping[str, Any]], path: str | os.PathLike[str]
) -> Path:
    """Write task packages in the flat layout to a ``.csv`` or ``.xlsx`` file (atomically).

    Example
    -------
    >>> import tempfile, pathlib, wbamatch
    >>> _, packs = wbamatch.demo_data()
    >>> path = write_packages(packs, pathlib.Path(tempfile.mkdtemp()) / "p.csv")
    >>> read_packages(path) == list(packs)
    True
    """
    return _write(path, [_records_sheet("packages", packages)])


# ---------------------------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------------------------
_EXAMPLES: Final[dict[str, dict[str, Any]]] = {
    "candidates": {
        "id": "c-001",
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
        "skills": ["archiving", "data_entry"],
        "interests": ["government"],
        "wants_growth": True,
    },
    "packages": {
        "id": "p-001",
        "employer": "Ministerie van IenW",
        "track": "individual",
        "tasks": ["archiving", "scanning"],
        "tags": ["government"],
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

_EXPLANATION_HEADER: Final[tuple[str, ...]] = (
    "column",
    "meaning",
    "allowed",
    "if empty",
    "example",
)


def _explanation_sheet(kind: Kind, example: Sequence[Any]) -> Sheet:
    rows = [
        [c.name, c.description, c.allowed(), c.if_empty(), "" if v is None else v]
        for c, v in zip(columns(kind), example, strict=True)
    ]
    return (EXPLANATION_SHEET, _EXPLANATION_HEADER, rows)


def _validation(book: Any, kind: Kind, last_row: int = 1000) -> None:
    """Drop-down lists and number checks on the data sheet of a template."""
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = book[kind]
    for k, c in enumerate(columns(kind)):
        area = f"{_letter(k)}2:{_letter(k)}{last_row}"
        rule: Any = None
        if c.kind == "bool":
            rule = DataValidation(type="list", formula1='"yes,no,ja,nee"', allow_blank=True)
        elif c.kind == "choice" and len(",".join(c.choices)) < 250:
            rule = DataValidation(
                type="list", formula1=f'"{",".join(c.choices)}"', allow_blank=True
            )
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
            rule.error = f"{c.name}: {c.allowed()}"
            rule.errorTitle = "wbamatch"
            rule.showErrorMessage = True
            ws.add_data_validation(rule)
            rule.add(area)


def write_template(kind: Kind, path: str | os.PathLike[str]) -> Path:
    """Write an empty-to-fill spreadsheet for ``"candidates"`` or ``"packages"``.

    XLSX: a data sheet (named after ``kind``) with the header row and one example row, with
    drop-down lists for yes/no and choice columns, and an ``explanation`` sheet describing each
    column: meaning, what is allowed, what an empty cell means, and the example. CSV: the header
    and the example row. Replace the example row with real records; :func:`read_candidates`
    and :func:`read_packages` read the file.

    Raises
    ------
    InputError
        An unknown ``kind`` or a suffix other than ``.csv`` / ``.xlsx``.

    Example
    -------
    >>> import tempfile, pathlib
    >>> path = write_template("packages", pathlib.Path(tempfile.mkdtemp()) / "p.csv")
    >>> [p.id for p in read_packages(path)]
    ['p-001']
    """
    if kind not in _MODELS:
        raise InputError(f"kind must be 'candidates' or 'packages', got {kind!r}")
    data = _records_sheet(kind, [_EXAMPLES[kind]])
    sheets = [data, _explanation_sheet(kind, data[2][0])]
    return _write(path, sheets, lambda book: _validation(book, kind))


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------
def _records(records: Sequence[Mapping[str, Any]], header: Sequence[str]) -> list[list[Any]]:
    return [[r.get(h) for h in header] for r in records]


def _result_sheets(result: MatchResult) -> list[Sheet]:
    from .results import MATCH_COLUMNS

    reasons = [
        [u.candidate_id, u.feasible_packages, r.code, r.packages]
        for u in sorted(result.unassigned, key=lambda u: u.candidate_id)
        for r in u.reasons
    ]
    summary: list[list[Any]] = [
        ["placed", len(result.assignments)],
        ["candidates", result.n_candidates],
        ["packages", result.n_packages],
        ["slots", result.n_slots],
        ["open slots", sum(o.open for o in result.open_slots)],
        ["banen", result.banen],
        ["total score", result.total_score],
        ["feasible pairs", result.n_feasible_pairs],
        ["status", result.status.value],
        ["solver", result.solver],
    ]
    return [
        ("candidates", MATCH_COLUMNS, _records(result.to_records(), MATCH_COLUMNS)),
        ("unassigned", ("candidate_id", "feasible_packages", "code", "packages"), reasons),
        (
            "open_slots",
            ("package_id", "open", "feasible_candidates"),
            [
                [o.package_id, o.open, o.feasible_candidates]
                for o in sorted(result.open_slots, key=lambda o: o.package_id)
            ],
        ),
        ("summary", ("what", "value"), summary),
    ]


def write_results(
    result: MatchResult | Shortlists | Explanation, path: str | os.PathLike[str]
) -> Path:
    """Write a match result, shortlists or an explanation to ``.csv`` or ``.xlsx`` (atomically).

    The table is the object's ``to_records()``. For a :class:`~wbamatch.MatchResult` a CSV
    file holds the one-row-per-candidate table; an XLSX file has the sheets ``candidates``,
    ``unassigned`` (each blocking reason with the number of packages it ruled out),
    ``open_slots`` and ``summary``. Text cells that a spreadsheet would run as a formula are
    neutralised with a leading ``'``.

    Raises
    ------
    InputError
        A suffix other than ``.csv`` / ``.xlsx``, or an object of another type.

    Example
    -------
    >>> import tempfile, pathlib, wbamatch
    >>> result = wbamatch.match(*wbamatch.demo_data())
    >>> path = write_results(result, pathlib.Path(tempfile.mkdtemp()) / "result.csv")
    >>> path.read_text(encoding="utf-8-sig").splitlines()[0]
    'candidate_id,status,package_id,employer,score,hours,counts,banen,reasons'
    """
    sheets: list[Sheet]
    if isinstance(result, MatchResult):
        sheets = _result_sheets(result)
    elif isinstance(result, Shortlists):
        from .shortlist import SHORTLIST_COLUMNS

        sheets = [
            ("shortlists", SHORTLIST_COLUMNS, _records(result.to_records(), SHORTLIST_COLUMNS))
        ]
    elif isinstance(result, Explanation):
        from .explain import EXPLANATION_COLUMNS

        sheets = [
            ("explanation", EXPLANATION_COLUMNS, _records(result.to_records(), EXPLANATION_COLUMNS))
        ]
    else:
        raise InputError(
            "write_results takes a MatchResult, Shortlists or an Explanation, got "
            f"{type(result).__name__}"
        )
    return _write(path, sheets)
