"""The rows of a table made into records: each cell parsed, the record validated by its model.

A problem is reported once, where it is: a cell that cannot be read is not reported again by the
model's check of its record, and a column missing from the header not again on every row. A
template's example row is skipped; a candidate row with a home must say how the candidate
travels; an id given twice is reported at its second row.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from pydantic import ValidationError

from .._catalogue import text as _text
from .._models import Candidate
from . import _bounds
from ._cells import _BadCellError, _got, _parse
from ._header import _Header
from ._layout import (
    _MODELS,
    PROFILE_COLUMN,
    Column,
    Kind,
    _allowed,
    _is_example,
    _label,
    _layout,
)
from ._problems import _Problems
from ._table import Row, _Formula
from ._words import _say, _Words

#: Where a candidate's travel mode is: required in a spreadsheet row that gives a home.
_TRAVEL_MODE: Final[tuple[str, ...]] = ("needs", "travel_mode")


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


class _RowReader:
    """Reads the rows below a placed header into records of ``kind``, reporting problems."""

    def __init__(self, kind: Kind, header: _Header, problems: _Problems) -> None:
        self.model = _MODELS[kind]
        self.layout = _layout(kind)
        self.header = header
        self.err = problems.add
        self.groups = sorted(_required_groups(self.layout), key=len)
        self.first_row: dict[str, int] = {}  # id -> the row it was first read from
        self.orphans: dict[int, int] = {}  # columns with values but no name: first row seen
        self.id_index = header.seen.get("id")
        self.travel = next((c for c in self.layout if c.path == _TRAVEL_MODE), None)
        self.travel_index = header.seen.get(self.travel.name) if self.travel is not None else None
        self.travel_told = False  # the missing travel-mode column is reported once

    def records(self, rows: Iterable[Row]) -> list[Any]:
        """The records of ``rows`` that have no problem, in row order."""
        records: list[Any] = []
        headed = self.header.headed
        for number, values in rows:
            if not values:
                continue
            if not values.keys() <= headed:
                for index in values.keys() - headed - self.orphans.keys():
                    self.orphans[index] = number
            if self.id_index is not None and _is_example(values.get(self.id_index)):
                continue  # a template's example row: never read as a record
            record = self._record(number, values)
            if record is not None:
                records.append(record)
        for index in sorted(self.orphans):
            self.err(1, index, "", _say("io.error.orphan"))
        return records

    def _record(self, number: int, values: Mapping[int, Any]) -> Any | None:
        """The record of row ``number``, or None when a problem was reported for it."""
        # Paths with a reported problem: the model's own errors there are not reported again.
        reported: set[tuple[str, ...]] = set(self.header.missing_paths)
        data = self._cells(number, values, reported)
        for group in self.groups:
            if not _has(data, group):
                _set(data, group, {})
        if self.model is Candidate and not _profile(data):
            at = self.header.seen.get(PROFILE_COLUMN.name)
            self.err(number, at, PROFILE_COLUMN.name, _say("io.error.profile"))
            reported.add(PROFILE_COLUMN.path)
        self._check_travel(number, data, reported)
        record = self._validated(number, data, reported)
        if record is None or reported - self.header.missing_paths:
            return None
        previous = self.first_row.setdefault(record.id, number)
        if previous != number:
            self.err(
                number,
                self.id_index,
                "id",
                _say("io.error.duplicate_id", id=repr(record.id), row=previous),
            )
            return None
        return record

    def _cells(
        self, number: int, values: Mapping[int, Any], reported: set[tuple[str, ...]]
    ) -> dict[str, Any]:
        """The model data of a row's cells; a cell that cannot be read is reported instead."""
        data: dict[str, Any] = {}
        for index, column in self.header.placed:
            value = values.get(index)
            if value is None:
                continue
            if isinstance(value, _Formula):
                what = _say("io.what.formula" if value.data_type == "f" else "io.what.error_value")
                self.err(
                    number,
                    index,
                    column.name,
                    _say("io.error.formula", what=what, allowed=_allowed(column)),
                )
                reported.add(column.path)
                continue
            if isinstance(value, str) and len(value) > _bounds.MAX_CELL_CHARS:
                self.err(
                    number,
                    index,
                    column.name,
                    _say(
                        "io.error.too_long",
                        n=len(value),
                        limit=_bounds.MAX_CELL_CHARS,
                        allowed=_allowed(column),
                    ),
                )
                reported.add(column.path)
                continue
            try:
                _set(data, column.path, _parse(column, value))
            except _BadCellError as exc:
                got = _got(column, value)
                self.err(
                    number, index, column.name, _say("io.error.bad", got=got, allowed=exc.words)
                )
                reported.add(column.path)
        return data

    def _check_travel(
        self, number: int, data: Mapping[str, Any], reported: set[tuple[str, ...]]
    ) -> None:
        """A row with a home must say how the candidate travels."""
        travel = self.travel
        if (
            travel is None
            or not data.get("home")
            or _TRAVEL_MODE in reported
            or _has(data, _TRAVEL_MODE)
        ):
            return
        # An empty cell would mean public transport: with a home, that guess decides the
        # commute, so how the candidate travels is asked for.
        if self.travel_index is not None:
            self.err(
                number,
                self.travel_index,
                travel.name,
                _say("io.error.travel_mode", allowed=_allowed(travel)),
            )
        elif not self.travel_told:
            label = _label(travel)
            self.err(
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
            self.travel_told = True
        reported.add(_TRAVEL_MODE)

    def _validated(
        self, number: int, data: dict[str, Any], reported: set[tuple[str, ...]]
    ) -> Any | None:
        """The row's record as its model validates it; None when the model refuses it.

        The model's errors are reported but for those at a path already reported.
        """
        try:
            return self.model.model_validate(data)
        except ValidationError as exc:
            layout, seen = self.layout, self.header.seen
            for e in exc.errors(include_url=False, include_input=False):
                loc = tuple(str(p) for p in e["loc"] if isinstance(p, str))
                if any(loc[: len(p)] == p for p in reported):
                    continue
                cols = [c for c in layout if c.path[: len(loc)] == loc] if loc else []
                at = seen.get(cols[0].name) if len(cols) == 1 else None
                name = ", ".join(c.name for c in cols if c.name in seen or c.required)
                self.err(number, at, name, _model_message(typing.cast(Mapping[str, Any], e), cols))
            return None


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
