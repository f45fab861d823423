"""Texts for people: one catalogue per language, and values written the way each language does.

The catalogues ship as package data, a folder per language (``wbamatch/data/catalogue/nl/`` and
``en/``) with one JSON file per area (``rules.json``, ``results.json``, ...): flat keys
(``"rule.evening.message"``, ``"term.TravelMode.bike"``) with templates as values, in which
``{name}`` is filled in by the library. A translator edits those files and no code; a test checks
that both languages have the same keys and the same ``{names}`` in every template. No text is
made by replacing words in another language's text.

Values are passed as typed values (:class:`Number`, :class:`Clock`, :class:`Term`,
:class:`Listing`, :class:`Percent`) and written per language: ``7,5`` and ``16 uur`` in Dutch,
``7.5`` in English, times as ``09:30``, vocabulary values as the catalogue's words.

Dutch is the default language; ``WBAMATCH_LANG=en`` (or a ``lang`` argument) gives English.
"""

from __future__ import annotations

import json
import os
import string
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any, Final, Literal

from ._exceptions import InputError

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "LANG_VARIABLE",
    "Clock",
    "Lang",
    "Listing",
    "Number",
    "Percent",
    "Term",
    "catalogue",
    "fields",
    "fill",
    "format_value",
    "resolve_lang",
    "term",
    "text",
]

Lang = Literal["nl", "en"]

#: The languages every text exists in; Dutch first, the default.
LANGS: Final[tuple[Lang, ...]] = ("nl", "en")
DEFAULT_LANG: Final[Lang] = "nl"

#: Environment variable that sets the language when no ``lang`` is given.
LANG_VARIABLE: Final[str] = "WBAMATCH_LANG"


def resolve_lang(lang: str | None = None) -> Lang:
    """``lang`` if given, else ``WBAMATCH_LANG``, else Dutch.

    Raises
    ------
    InputError
        A language other than ``"nl"`` or ``"en"``.

    Example
    -------
    >>> resolve_lang("en")
    'en'
    """
    chosen = lang if lang is not None else (os.environ.get(LANG_VARIABLE) or DEFAULT_LANG)
    if chosen == "nl":
        return "nl"
    if chosen == "en":
        return "en"
    where = "lang" if lang is not None else LANG_VARIABLE
    raise InputError(f"{where} must be 'nl' (Dutch) or 'en' (English), got {chosen!r}")


@cache
def catalogue(lang: Lang) -> Mapping[str, str]:
    """All texts of one language, read from the package data once.

    A language is a folder of JSON files, one per area (``rules.json``, ``results.json``, ...);
    they are merged, and a key given twice is an error.
    """
    folder = files(__package__ or "wbamatch").joinpath("data", "catalogue", lang)
    merged: dict[str, str] = {}
    for part in sorted((p for p in folder.iterdir() if p.name.endswith(".json")), key=str):
        entries = json.loads(part.read_text(encoding="utf-8"))
        for key, value in entries.items():
            if key.startswith("_"):
                continue  # notes for translators
            if key in merged:
                raise ValueError(f"catalogue key {key!r} is in two files of {lang!r}")
            merged[key] = value
    return MappingProxyType(merged)


@dataclass(frozen=True)
class Clock:
    """A time of day, minutes after midnight (wrapping past 24:00): ``09:30``."""

    minutes: float


@dataclass(frozen=True)
class Number:
    """A number, shown with at most ``digits`` decimals: ``7.5`` / ``7,5``; ``16``."""

    value: float
    digits: int = 1


@dataclass(frozen=True)
class Percent:
    """A share in [0, 1], shown as a whole percentage: ``78%``."""

    value: float


@dataclass(frozen=True)
class Term:
    """A vocabulary value (an enum member, or a capacity dimension by name) in words."""

    value: Enum | str


@dataclass(frozen=True)
class Listing:
    """Several values as one list: ``8, 4, 4 and 4`` / ``8, 4, 4 en 4``."""

    items: tuple[Any, ...]


def words(value: Enum | str, lang: str | None = None) -> str:
    """A vocabulary value (an enum member of the models, or a capacity dimension by name) in
    the words of ``lang``: ``"nl"`` or ``"en"``, default ``WBAMATCH_LANG``, else Dutch.

    For tables of one's own that should read as the library's do.

    Example
    -------
    >>> import wbamatch
    >>> wbamatch.words(wbamatch.demo_data()[1][0].stimulus, "nl")
    'weinig prikkels'
    >>> wbamatch.words("work_pace", "en")
    'work pace'
    """
    return term(value, resolve_lang(lang))


def term(value: Enum | str, lang: Lang) -> str:
    """The catalogue's word for a vocabulary value.

    Example
    -------
    >>> from wbamatch._vocabulary import TravelMode
    >>> term(TravelMode.BIKE, "nl"), term("work_pace", "en")
    ('met de fiets', 'work pace')
    """
    key = (
        f"term.{type(value).__name__}.{value.value}"
        if isinstance(value, Enum)
        else f"term.dimension.{value}"
    )
    words = catalogue(lang).get(key)
    if words is None:
        raise KeyError(f"the catalogue has no words for {key!r}")
    return words


def _number(value: float, digits: int, lang: Lang) -> str:
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",") if lang == "nl" else text


def format_value(value: Any, lang: Lang) -> str:
    """One value as people read it in ``lang``.

    Example
    -------
    >>> format_value(Number(7.5), "nl"), format_value(Clock(22 * 60 + 30), "en")
    ('7,5', '22:30')
    >>> format_value(Percent(0.781), "nl"), format_value(Listing((Number(8), Number(4))), "nl")
    ('78%', '8 en 4')
    """
    if isinstance(value, Clock):
        minutes = round(value.minutes) % (24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, Number):
        return _number(value.value, value.digits, lang)
    if isinstance(value, Percent):
        return f"{round(100 * value.value):d}%"
    if isinstance(value, Term):
        return term(value.value, lang)
    if isinstance(value, Listing):
        parts = [format_value(v, lang) for v in value.items]
        if len(parts) < 2:
            return "".join(parts)
        return ", ".join(parts[:-1]) + (" en " if lang == "nl" else " and ") + parts[-1]
    if isinstance(value, bool | int | float):
        return _number(float(value), 1, lang)
    return str(value)


def fields(template: str) -> set[str]:
    """The ``{names}`` a template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def fill(template: str, values: Mapping[str, Any], lang: Lang) -> str:
    """``template`` with its ``{names}`` replaced by ``values`` written in ``lang``."""
    return template.format(**{k: format_value(values[k], lang) for k in fields(template)})


def text(key: str, lang: str | None = None, /, **values: Any) -> str:
    """The catalogue's text ``key`` in ``lang`` (default: ``WBAMATCH_LANG``, else Dutch).

    Example
    -------
    >>> text("rule.hours.reason", "nl"), text("rule.hours.reason", "en")
    ('uren passen niet', 'hours do not fit')
    """
    chosen = resolve_lang(lang)
    return fill(catalogue(chosen)[key], values, chosen)
