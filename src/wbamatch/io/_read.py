"""The readers: candidates and packages from a CSV or XLSX file or a DataFrame.

A source is opened as a table (:mod:`._sources`), its header placed on the layout
(:mod:`._header`) and its rows made into records (:mod:`._rows`); every problem found on the way
is raised at the end, together (:mod:`._problems`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .._models import Candidate, TaskPackage
from ._header import _place_header
from ._layout import Kind
from ._problems import _Problems, _TooManyProblemsError
from ._rows import _RowReader
from ._sources import _open
from ._table import _Table

if TYPE_CHECKING:
    from pandas import DataFrame

__all__ = ["read_candidates", "read_packages"]


def _read(source: Any, kind: Kind, sheet: str | None) -> list[Any]:
    with _open(source, sheet, kind) as table:
        return _table_records(table, kind)


def _table_records(table: _Table, kind: Kind) -> list[Any]:
    """The records of ``table``, or :class:`SpreadsheetError` with every problem it has."""
    problems = _Problems(table, kind)
    try:
        header = _place_header(table, kind, problems)
        records = _RowReader(kind, header, problems).records(table.rows)
    except _TooManyProblemsError:
        problems.stopped()
        records = []
    problems.raise_found()
    return records


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
