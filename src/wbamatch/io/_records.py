"""The writers of records: candidates and packages in the flat layout, as a data file.

The header holds the column names and the cells the values as stored (``yes``/``no``, choice
values), so :func:`~wbamatch.io.read_candidates` and :func:`~wbamatch.io.read_packages` read the
file back to equal models.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .._exceptions import InputError
from .._models import Candidate, TaskPackage
from ._layout import (
    _MODELS,
    _SEPARATOR,
    PROFILE_COLUMN,
    Column,
    Kind,
    _is_example,
    _layout,
    _number_text,
)
from ._sheets import _Sheet, _write
from ._words import _say

__all__ = ["write_candidates", "write_packages"]


def _cell_value(record: BaseModel, column: Column, yes: str = "yes", no: str = "no") -> Any:
    """The cell of ``column`` for ``record``: values as stored, lists joined with ``;``."""
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
    if isinstance(value, dt.date):
        return value.isoformat()
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
    """The records as one sheet of the flat layout; a template's example id is refused."""
    model = _MODELS[kind]
    layout = _layout(kind)
    rows = []
    for r in records:
        record = r if isinstance(r, model) else model.model_validate(r)
        if _is_example(record.id):
            raise InputError(_say("io.error.example_id", id=repr(record.id)).en)
        rows.append([_cell_value(record, c) for c in layout])
    return _Sheet(kind, [c.name for c in layout], rows)


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
    >>> from wbamatch.io import read_candidates
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
    >>> from wbamatch.io import read_packages
    >>> _, packs = wbamatch.demo_data()
    >>> path = write_packages(packs, pathlib.Path(tempfile.mkdtemp()) / "p.csv")
    >>> read_packages(path) == list(packs)
    True
    """
    return _write(path, [_records_sheet("packages", packages)], overwrite=overwrite)
