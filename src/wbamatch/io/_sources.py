"""Opening a source: a ``.csv`` or ``.xlsx`` path, or a pandas DataFrame, as a :class:`_Table`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .._cells import require
from .._exceptions import InputError
from . import _bounds
from ._cells import _is_empty
from ._csvfile import _read_csv
from ._table import Row, _shown, _Table
from ._xlsx import _open_xlsx


def _from_dataframe(frame: Any) -> _Table:
    """A DataFrame as a table, held to the row and column limits; missing values are empty."""
    pd = require("pandas")
    n_rows, n_columns = frame.shape
    if n_rows > _bounds.MAX_ROWS:
        raise InputError(
            f"the DataFrame has {n_rows} rows; the limit is {_bounds.MAX_ROWS}: read it in parts"
        )
    if n_columns > _bounds.MAX_COLUMNS:
        raise InputError(
            f"the DataFrame has {n_columns} columns; the limit is {_bounds.MAX_COLUMNS}: select "
            "the columns of the layout first"
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
    """The table of ``source``: a path by its suffix (``sheet``: the XLSX sheet), or a DataFrame."""
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
