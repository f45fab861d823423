"""Spreadsheet cells: formula neutralising and the lazy bridge to pandas.

Shared by the result models (``to_records`` / ``to_dataframe``), :mod:`wbamatch.meetgreet` and
:mod:`wbamatch.io`; it sits low in the layers so all of them can use it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from .exceptions import MissingDependencyError

__all__ = [
    "FORMULA_START",
    "neutralise",
    "records_to_dataframe",
    "require",
    "restore",
]

#: A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_START: Final[tuple[str, ...]] = ("=", "+", "-", "@", "\t", "\r")

#: The extra that brings each optional dependency.
_EXTRA: Final[dict[str, str]] = {"pandas": "notebook", "openpyxl": "excel"}


def _risky(text: str) -> bool:
    # Apostrophes are skipped so that text which already starts with one (``'=x``) gets another:
    # that keeps neutralise() one-to-one and restore() its exact inverse.
    return text.lstrip("'").startswith(FORMULA_START)


def neutralise(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (after any
    apostrophes) gets one more ``'`` in front; other text is returned as it is.
    :func:`restore` undoes it exactly.

    Parameters
    ----------
    text
        The cell text.

    Returns
    -------
    str
        Text that a spreadsheet shows as text.

    Example
    -------
    >>> neutralise("=HYPERLINK(1)"), neutralise("c-1"), neutralise("-3")
    ("'=HYPERLINK(1)", 'c-1', "'-3")
    """
    return "'" + text if _risky(text) else text


def restore(text: str) -> str:
    """Undo :func:`neutralise`: ``restore(neutralise(s)) == s`` for every string ``s``.

    Example
    -------
    >>> restore("'=1+1"), restore("'quoted"), restore(neutralise("'=x"))
    ('=1+1', "'quoted", "'=x")
    """
    return text[1:] if text.startswith("'") and _risky(text[1:]) else text


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
