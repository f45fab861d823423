"""Field types shared by the input models: ids, names and tags, and the sizes that bound them.

Text in a record is refused when it has control, format or line-separator characters (ids
that look alike but differ, or text that rewrites a terminal line, are data errors); an id is
also NFC-normalised, so one id has one spelling.

Example
-------
>>> from pydantic import TypeAdapter
>>> TypeAdapter(RecordId).validate_python("c-e\\u0301001") == "c-\\u00e9001"
True
>>> _clean_tags([" Packing", "packing", "assembly", " "])
['assembly', 'packing']
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, Field

__all__ = [
    "MAX_EXCLUDED",
    "MAX_HOURS_PER_WEEK",
    "MAX_TAGS",
    "PlaceName",
    "RecordId",
    "Tag",
    "_clean_tags",
    "_no_controls",
]

#: Hours a week above this are refused as absurd.
MAX_HOURS_PER_WEEK = 60.0

#: Most entries in one list of free tags; more is a data error, not a profile.
MAX_TAGS = 500

#: Most package ids one candidate can have said no to (the default ``max_packages``).
MAX_EXCLUDED = 50_000


def _no_controls(value: str) -> str:
    """Refuse text with control, format or line-separator characters.

    ``str.isprintable`` also refuses C1 controls, zero-width and bidi-override characters: ids
    that look alike but differ, or text that rewrites a terminal line, are data errors.

    Example
    -------
    >>> _no_controls("Utrecht")
    'Utrecht'
    """
    if not value.isprintable():
        raise ValueError(
            "contains a control, formatting or line-break character; use printable text only"
        )
    return value


def _printable(value: str) -> str:
    """Refuse what :func:`_no_controls` refuses, and text of only spaces.

    Example
    -------
    >>> _printable(" c-1")
    ' c-1'
    """
    _no_controls(value)
    if not value.strip():
        raise ValueError("is only spaces; give a visible value")
    return value


def _record_id(value: str) -> str:
    """An id as one spelling: NFC-normalised, printable, without spaces around it.

    ``"c-é001"`` typed as ``e`` + combining accent and as one ``é`` is the same id; an id with
    a space in front or behind is refused rather than silently trimmed (two ids that differ
    only there would otherwise meet).

    Example
    -------
    >>> _record_id("c-e\\u0301001") == "c-\\u00e9001"
    True
    """
    value = unicodedata.normalize("NFC", _printable(value))
    if value != value.strip():
        raise ValueError("starts or ends with a space; remove it")
    return value


RecordId = Annotated[
    str,
    Field(
        min_length=1,
        max_length=200,
        description=(
            "Pseudonymous id: 1-200 printable characters (no control, format or line-break "
            "characters); never a name or BSN."
        ),
        # The schema keeps the ASCII part of the rule; validation applies all of it.
        json_schema_extra={"pattern": r"^\S([^\x00-\x1f\x7f]*\S)?$"},
    ),
    AfterValidator(_record_id),
]

PlaceName = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_controls)]

Tag = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_no_controls)]


def _clean_tags(values: list[str]) -> list[str]:
    """Lower-case, strip and deduplicate tags, keeping them sorted for determinism.

    Example
    -------
    >>> _clean_tags(["b", " A ", "a"])
    ['a', 'b']
    """
    return sorted({v.strip().lower() for v in values if v.strip()})
