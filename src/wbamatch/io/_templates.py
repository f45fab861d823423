"""Templates: an empty-to-fill spreadsheet per kind, with an example row and an explanation.

The data sheet has each column's heading in the chosen language, a comment on every heading,
drop-down lists and number checks (XLSX); the explanation sheet lists every column with what it
means, what it may hold and what an empty cell means. The readers skip the example row.
"""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from .._catalogue import Lang, resolve_lang, text as _text
from .._exceptions import InputError
from .._models import Candidate, TaskPackage
from ._cells import _letter
from ._layout import (
    _MODELS,
    _SEPARATOR,
    Column,
    Kind,
    _choice_words,
    _layout,
    _number_text,
    _unwrap,
    columns,
)
from ._records import _cell_value
from ._sheets import _Sheet, _suffix, _write

__all__ = ["EXPLANATION_SHEET", "EXPLANATION_SHEETS", "example", "write_template"]

#: Name of the sheet that explains each column in an XLSX template, per language.
EXPLANATION_SHEETS: Final[Mapping[str, str]] = types.MappingProxyType(
    {"nl": "Toelichting", "en": "Explanation"}
)
#: The Dutch name (the default language); :data:`EXPLANATION_SHEETS` has both.
EXPLANATION_SHEET: Final[str] = EXPLANATION_SHEETS["nl"]


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
    >>> from wbamatch.io import read_packages
    >>> path = write_template("packages", pathlib.Path(tempfile.mkdtemp()) / "p.csv")
    >>> read_packages(path)  # only the example row: nothing to read yet
    []
    """
    if kind not in _MODELS:
        raise InputError(f"kind must be 'candidates' or 'packages', got {kind!r}")
    chosen = resolve_lang(lang)
    _suffix(path)
    row = _example_row(kind, chosen)
    title = _text(f"io.sheet.{kind}", chosen)
    sheets = [_data_sheet(kind, chosen, title, row), _explanation_sheet(kind, chosen, row)]
    return _write(
        path,
        sheets,
        lambda book: _validation(book, kind, title, chosen),
        overwrite=overwrite,
    )


def _example_row(kind: Kind, lang: Lang) -> list[Any]:
    """The cells of the example row, as people type them in ``lang`` (``ja``, ``fiets``)."""
    yes, no = _text("io.yes", lang), _text("io.no", lang)
    record = example(kind, lang)
    return [
        _choice_words(c.enum, value, lang) if c.kind == "choice" and value else value
        for c, value in ((c, _cell_value(record, c, yes, no)) for c in columns(kind, lang))
    ]


def _data_sheet(kind: Kind, lang: Lang, title: str, row: Sequence[Any]) -> _Sheet:
    """The sheet to fill in: the headings, each with a comment on the column, and the example."""
    cols = columns(kind, lang)
    comments = {
        (1, k + 1): _text(
            "io.comment.header",
            lang,
            meaning=c.description,
            allowed=c.allowed(),
            empty=c.if_empty(),
        )
        for k, c in enumerate(cols)
    }
    marker = _text("io.example.id", lang)
    comments[(2, 1)] = _text("io.example.note", lang, marker=marker)
    return _Sheet(
        title,
        [c.label for c in cols],
        [row],
        comments=comments,
        muted=frozenset({2}),
        fancy=True,
        freeze="B2",
    )
