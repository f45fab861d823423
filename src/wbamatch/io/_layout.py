"""The flat layout: one column per model field, generated from the models (:func:`columns`).

A column's name, kind, bounds and default come from the field; its heading, meaning and the
words for what it may hold come from the catalogue, in both languages. Choice columns take
their values or the words of either language.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, Final, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .._catalogue import (
    LANGS,
    Lang,
    Listing,
    Number,
    Term,
    catalogue,
    format_value,
    resolve_lang,
    text as _text,
)
from .._exceptions import InputError
from .._models import Candidate, TaskPackage, _Levels
from .._vocabulary import DIMENSION_DESCRIPTIONS
from ._words import _say, _Words

__all__ = ["EXAMPLE_IDS", "PROFILE_COLUMN", "Column", "Kind", "columns"]

Kind = Literal["candidates", "packages"]

#: Ids that mark a template's example row (compared without regard to case): such a row is
#: skipped when reading, so a leftover example is never read as a record; writers refuse them.
EXAMPLE_IDS: Final[frozenset[str]] = frozenset({"voorbeeld", "example"})

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
#: What separates the items of a list cell (skills, tasks, excluded packages, numbers).
_SEPARATOR: Final[str] = ";"
#: Catalogue keys of what is allowed, where a field's type alone (text) says too little.
_HINTS: Final[dict[tuple[str, ...], str]] = {
    ("schedule", "start"): "io.hint.time",
    ("id",): "io.hint.id",
    ("excluded_packages",): "io.hint.excluded",
}


@dataclass(frozen=True)
class Column:
    """One column of the flat layout.

    ``path`` is where the value lives in the model (``("hours", "min")``); ``kind`` is one of
    ``bool``, ``int``, ``float``, ``text``, ``date``, ``choice``, ``list`` and ``numbers``;
    ``sensitive`` columns hold health data. ``label`` is the heading people see in a template
    and ``description`` what the column means, both in ``lang`` (:func:`columns` fills them
    in); :meth:`allowed` and :meth:`if_empty` are in ``lang`` too unless asked otherwise.
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
    #: Catalogue keys overriding :meth:`allowed` and :meth:`if_empty` where the type alone says
    #: too little.
    hint: str = ""
    empty: str = ""
    #: ``"candidates"`` or ``"packages"``: where the column's words are in the catalogue.
    layout: str = ""
    #: For a choice column, the name of its enumeration (``"TravelMode"``).
    enum: str = ""
    #: For a capacity or demand column, the level an empty cell stands for.
    level: int | None = None
    label: str = ""
    lang: str = ""

    def _lang(self, lang: str | None) -> Lang:
        return resolve_lang(lang if lang is not None else (self.lang or None))

    def allowed(self, lang: str | None = None) -> str:
        """What a cell of this column may hold, in words (in ``lang``, else the column's)."""
        return _allowed(self)(self._lang(lang))

    def if_empty(self, lang: str | None = None) -> str:
        """What an empty cell means (in ``lang``, else the column's)."""
        return _if_empty(self)(self._lang(lang))


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _choice_words(enum: str, value: str, lang: Lang) -> str:
    return _text(f"io.choice.{enum}.{value}", lang)


def _choice_item(column: Column, value: str) -> _Words:
    """``openbaar vervoer``: a choice value in the words of each language (the readers take
    the words of either language and the value itself, so people are shown only words)."""
    return _Words(*(_choice_words(column.enum, value, lang) for lang in ("en", "nl")))


def _allowed(column: Column) -> _Words:
    """What a cell of ``column`` may hold, in both languages."""
    if column.hint:
        return _say(column.hint)
    kind = column.kind
    if kind == "bool":
        return _say("io.allowed.bool")
    if kind == "choice":
        items = [_choice_item(column, v) for v in column.choices]
        return _Words(
            *(
                _text("io.allowed.choice", lang, values=", ".join(i(lang) for i in items))
                for lang in ("en", "nl")
            )
        )
    if kind == "list":
        example = _say("io.allowed.list_example")
        return _say("io.allowed.list", sep=_SEPARATOR, example=example)
    if kind == "numbers":
        return _say("io.allowed.numbers", sep=_SEPARATOR)
    if kind == "date":
        return _say("io.allowed.date")
    if kind == "text":
        if column.max_length:
            return _say("io.allowed.text_max", n=column.max_length)
        return _say("io.allowed.text")
    what = _say("io.allowed.int" if kind == "int" else "io.allowed.float")
    if not column.bounds:
        return what
    limits = [_say(f"io.bound.{op}", v=Number(v, 2)) for op, v in column.bounds]
    return _Words(
        *(
            _text(
                "io.allowed.bounded",
                lang,
                what=what(lang),
                limits=Listing(tuple(limit(lang) for limit in limits)),
            )
            for lang in ("en", "nl")
        )
    )


def _if_empty(column: Column) -> _Words:
    """What an empty cell of ``column`` means, in both languages."""
    if column.required:
        return _say("io.empty.required")
    specific = f"io.{column.layout}.{column.name}.empty"
    if column.layout and specific in catalogue("en"):
        return _say(specific)
    if column.empty:
        return _say(column.empty)
    if column.level is not None:
        return _say("io.empty.level", level=column.level)
    default = column.default
    if default is None:
        return _say("io.empty.unset")
    if isinstance(default, bool):
        return _say("io.yes" if default else "io.no")
    if isinstance(default, Enum):
        return _choice_item(column, str(default.value))
    if default == "" or default == []:
        return _say("io.empty.none")
    return _Words(_number_text(default), format_value(Number(float(default), 2), "nl"))


def _label(column: Column) -> _Words:
    """The heading of ``column`` in a template, in both languages."""
    dim = _dimension(column)
    if dim is not None:
        prefix = _PREFIX[column.path[0]]
        return _say(f"io.{column.layout}.{prefix}.label", dim=Term(dim))
    return _say(f"io.{column.layout}.{column.name}.label")


def _meaning(column: Column) -> _Words:
    """What ``column`` means, in plain words, in both languages."""
    dim = _dimension(column)
    if dim is not None:
        prefix = _PREFIX[column.path[0]]
        section = _say(f"io.fml.{DIMENSION_DESCRIPTIONS[dim][0]}")
        return _say(f"io.{column.layout}.{prefix}.meaning", dim=Term(dim), section=section)
    return _say(f"io.{column.layout}.{column.name}.meaning")


def _dimension(column: Column) -> str | None:
    if len(column.path) == 2 and column.path[0] in ("capacities", "demands"):
        return column.path[1]
    return None


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
    enum = ""
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
    elif tp is dt.date:
        kind = "date"
    elif isinstance(tp, type) and issubclass(tp, Enum):
        kind, choices, enum = "choice", tuple(str(e.value) for e in tp), tp.__name__
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
        enum=enum,
    )


def _walk(
    model: type[BaseModel],
    path: tuple[str, ...],
    prefix: str,
    required: bool,
    sens: bool,
    layout: str,
) -> list[Column]:
    out: list[Column] = []
    for part, info in model.model_fields.items():
        sub = (*path, part)
        # A field read and written under an alias (a date window's "from") is named by it.
        short = _PREFIX.get(part, info.alias or part)
        name = f"{prefix}_{short}" if prefix else short
        tp = _unwrap(info.annotation)[0]
        sensitive = sens or sub in _SENSITIVE
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            out += _walk(tp, sub, name, required and info.is_required(), sensitive, layout)
            continue
        column = _leaf(name, sub, info, required and info.is_required(), sensitive)
        if issubclass(model, _Levels):  # None stands for the model's default level
            column = replace(column, level=model._default)
        out.append(replace(column, hint=_HINTS.get(sub, ""), layout=layout))
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
    layout="candidates",
)

_LAYOUT: dict[str, tuple[Column, ...]] = {}


def _layout(kind: Kind) -> tuple[Column, ...]:
    """The columns of ``kind`` as the models give them (descriptions in the models' English)."""
    if kind not in _MODELS:
        raise InputError(f"kind must be 'candidates' or 'packages', got {kind!r}")
    if kind not in _LAYOUT:
        walked = _walk(_MODELS[kind], (), "", True, False, kind)
        if kind == "candidates":
            last = max(k for k, c in enumerate(walked) if c.path[0] == "capacities")
            walked.insert(last + 1, PROFILE_COLUMN)
        layout = tuple(walked)
        names = [c.name for c in layout]
        if len(set(names)) != len(names):  # pragma: no cover - guards a future model change
            raise TypeError(f"two model fields map to one spreadsheet column: {names}")
        _LAYOUT[kind] = layout
    return _LAYOUT[kind]


@functools.cache
def _columns(kind: Kind, lang: Lang) -> tuple[Column, ...]:
    return tuple(
        replace(c, label=_label(c)(lang), description=_meaning(c)(lang), lang=lang)
        for c in _layout(kind)
    )


def columns(kind: Kind, lang: str | None = None) -> tuple[Column, ...]:
    """The columns of the flat layout for ``"candidates"`` or ``"packages"``, in order.

    Each column's ``label`` (its heading in a template) and ``description`` (what it means)
    are in ``lang`` (default ``WBAMATCH_LANG``, else Dutch), and so are its
    :meth:`~Column.allowed` and :meth:`~Column.if_empty`. The readers take a column by its
    ``name`` or by its label in either language.

    Example
    -------
    >>> [c.name for c in columns("candidates")][:6]
    ['id', 'registered', 'target_group', 'education', 'hours_min', 'hours_max']
    >>> [c.name for c in columns("packages") if c.name.startswith("schedule")]
    ['schedule_kind', 'schedule_start']
    >>> hours = next(c for c in columns("candidates", "nl") if c.name == "hours_min")
    >>> hours.label, hours.allowed()
    ('Uren per week (min)', 'een getal, minstens 0 en hoogstens 60')
    """
    return _columns(kind, resolve_lang(lang)) if kind in _MODELS else _layout(kind)


@functools.cache
def _aliases(kind: Kind) -> Mapping[str, Column]:
    """Every header a column is read by, normalised: its name and its labels in both languages."""
    out: dict[str, Column] = {}
    for column in _layout(kind):
        label = _label(column)
        for alias in (column.name, label.en, label.nl):
            key = _normalise_header(alias)
            if out.setdefault(key, column).name != column.name:  # pragma: no cover - a guard
                raise TypeError(f"{kind}: {alias!r} names two columns")
    return types.MappingProxyType(out)


@functools.cache
def _choice_aliases(enum: str, choices: tuple[str, ...]) -> Mapping[str, str]:
    """The words a choice cell may hold for each value: the value, its words in both languages."""
    out: dict[str, str] = {}
    for value in choices:
        for alias in (value, *(_choice_words(enum, value, lang) for lang in LANGS)):
            key = _normalise_header(alias)
            if out.setdefault(key, value) != value:  # pragma: no cover - a guard
                raise TypeError(f"{enum}: {alias!r} names two values")
    return types.MappingProxyType(out)


def _normalise_header(name: object) -> str:
    """A header (or choice) as compared: lower case, runs of spaces and dashes as one ``_``."""
    return "_".join(str(name).lower().split()).replace("-", "_")


def _is_example(value: Any) -> bool:
    """Whether an id cell marks a template's example row (:data:`EXAMPLE_IDS`)."""
    return isinstance(value, str) and value.strip().casefold() in EXAMPLE_IDS
