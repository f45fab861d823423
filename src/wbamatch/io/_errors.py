"""Errors for people: a :class:`SpreadsheetError` in the chosen language, one problem a line."""

from __future__ import annotations

from .._catalogue import resolve_lang, text as _text
from .._cellerror import SpreadsheetError

__all__ = ["error_text"]


def error_text(error: BaseException, lang: str | None = None) -> str:
    """An error for people, in ``lang`` (default ``WBAMATCH_LANG``, else Dutch).

    A :class:`SpreadsheetError` lists its problems in that language, one a line (each
    :meth:`CellError.text`); any other error is its ``str()`` (English).

    Example
    -------
    >>> import tempfile, pathlib
    >>> from wbamatch.io import read_candidates
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
