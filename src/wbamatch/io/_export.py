"""Exporting what wbamatch returns: :func:`write_results` for a match result, shortlists or an
explanation, as CSV for software or XLSX for people.

The object is validated again first, so one built with ``model_construct()`` or changed after
it was read back is refused rather than written half right.
"""

from __future__ import annotations

import os
import typing
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .._catalogue import resolve_lang
from .._exceptions import InputError
from .._explain import Explanation
from .._models import TaskPackage
from .._results import MatchResult
from .._shortlist import Shortlists
from ._export_lists import _explanation_sheets, _shortlist_sheets
from ._export_match import _result_csv, _result_sheets
from ._sheets import _Sheet, _suffix, _write

__all__ = ["write_results"]

_Exported = typing.TypeVar("_Exported", bound=BaseModel)


def _records(records: Sequence[Mapping[str, Any]], header: Sequence[str]) -> list[list[Any]]:
    return [[r.get(h) for h in header] for r in records]


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
    suffix = _suffix(path)
    if isinstance(result, MatchResult | Shortlists | Explanation):
        result = _revalidated(result)
    sheets = _export_sheets(result, suffix, lang, packages, names, per_manager)
    return _write(path, sheets, overwrite=overwrite)


def _export_sheets(
    result: object,
    suffix: str,
    lang: str | None,
    packages: Iterable[TaskPackage | Mapping[str, Any]] | None,
    names: Mapping[str, str] | None,
    per_manager: bool,
) -> list[_Sheet]:
    """What :func:`write_results` writes for ``result``: for CSV, the one table first."""
    from .._summary import check_names

    if isinstance(result, MatchResult):
        chosen = result.config.text_lang(lang)
        shown = check_names(names)
        if suffix == ".csv":
            return [_result_csv(result, chosen, shown)]
        return _result_sheets(result, chosen, packages, shown, per_manager)
    if isinstance(result, Shortlists):
        from .._shortlist import SHORTLIST_COLUMNS

        if suffix == ".csv":
            rows = _records(result.to_records(), SHORTLIST_COLUMNS)
            return [_Sheet("shortlists", SHORTLIST_COLUMNS, rows)]
        return _shortlist_sheets(result, resolve_lang(lang or result.lang), check_names(names))
    if isinstance(result, Explanation):
        from .._explain import EXPLANATION_COLUMNS

        if suffix == ".csv":
            rows = _records(result.to_records(), EXPLANATION_COLUMNS)
            return [_Sheet("explanation", EXPLANATION_COLUMNS, rows)]
        return _explanation_sheets(result, result.text_lang(lang))
    raise InputError(
        "write_results takes a MatchResult, Shortlists or an Explanation, got "
        f"{type(result).__name__}"
    )
