"""Locations of records to coordinates, with every unknown place reported in one error.

Example
-------
>>> from wbamatch._models import Location
>>> resolve_locations([Location(lat=52.0, lon=5.0)], ["c-1"], "home").tolist()
[[52.0, 5.0]]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

import numpy as np

from .._exceptions import InputError, UnknownPlaceError
from ._gazetteer import Gazetteer
from ._geometry import Coordinates

if TYPE_CHECKING:
    from .._models import Location

__all__ = ["resolve_locations"]

#: Unknown places listed one by one in an :class:`UnknownPlaceError`; the rest are counted.
_MAX_LISTED: Final[int] = 20
#: Unknown places that get a "did you mean" suggestion (fuzzy matching is the slow part).
_MAX_SUGGESTED: Final[int] = 5
#: Place names are echoed in errors up to this many characters.
_MAX_ECHO: Final[int] = 80

_HOW_TO_FIX: Final[str] = 'use a Dutch place name from the gazetteer or give {"lat": .., "lon": ..}'

#: Record kind per location field, for error messages.
_RECORD_OF_FIELD: Final[dict[str, str]] = {"home": "Candidate", "location": "TaskPackage"}


def resolve_locations(
    locations: Sequence[Location | None],
    ids: Sequence[str],
    field: str,
    gazetteer: Gazetteer | None = None,
    *,
    record: str | None = None,
) -> Coordinates:
    """Turn locations into an ``(n, 2)`` array of ``(lat, lon)``; NaN rows for None.

    Place names are looked up in the gazetteer (only read when a name occurs); coordinates are
    taken as given. Every unknown place in the list is reported in one error.

    Parameters
    ----------
    locations
        One location (or None = unknown) per record.
    ids
        The record ids, same length, for error messages.
    field
        The location's field on the record, e.g. ``"home"`` or ``"location"``.
    gazetteer
        Default: :meth:`Gazetteer.default`.
    record
        The record kind named in errors; default ``"Candidate"`` for ``home``, ``"TaskPackage"``
        for ``location`` and ``"Record"`` otherwise.

    Returns
    -------
    numpy.ndarray
        float64, shape ``(n, 2)``: latitude and longitude in degrees.

    Raises
    ------
    UnknownPlaceError
        When a place name is not in the gazetteer. The message names each record id and field
        (the first 20, then a count), e.g. ``Candidate 'c-7', field home.place: unknown place
        'Atlantis'; use a Dutch place name ...``.
    InputError
        When ``locations`` and ``ids`` differ in length.

    Example
    -------
    >>> from wbamatch._models import Location
    >>> resolve_locations([Location(place="Den Haag"), None, Location(lat=52.0, lon=5.0)],
    ...                   ["c-1", "c-2", "c-3"], "home")
    array([[52.07667,  4.29861],
           [     nan,      nan],
           [52.     ,  5.     ]])
    """
    n = len(locations)
    if len(ids) != n:
        raise InputError(f"resolve_locations got {n} locations but {len(ids)} ids")
    out, unknown, gaz = _looked_up(locations, ids, gazetteer)
    if unknown:
        gaz = gaz if gaz is not None else Gazetteer.default()
        kind = record or _RECORD_OF_FIELD.get(field.split(".")[0], "Record")
        label = field if field.endswith(".place") else f"{field}.place"
        raise UnknownPlaceError(_unknown_message(unknown, kind, label, gaz))
    return out


def _looked_up(
    locations: Sequence[Location | None], ids: Sequence[str], gazetteer: Gazetteer | None
) -> tuple[Coordinates, list[tuple[str, str]], Gazetteer | None]:
    """The coordinates of each location, ``(id, place)`` of each unknown place, and the gazetteer.

    The gazetteer is the one given, else the default read only when a place name occurs (None
    when none does); each distinct name is looked up once.
    """
    out = np.full((len(locations), 2), np.nan, dtype=np.float64)
    gaz = gazetteer
    found: dict[str, tuple[float, float] | None] = {}
    unknown: list[tuple[str, str]] = []
    for row, (loc, rid) in enumerate(zip(locations, ids, strict=True)):
        if loc is None:
            continue
        if loc.place is None:
            if loc.lat is not None and loc.lon is not None:
                out[row] = (loc.lat, loc.lon)
            continue
        if loc.place not in found:
            if gaz is None:
                gaz = Gazetteer.default()
            found[loc.place] = gaz.lookup(loc.place)
        coords = found[loc.place]
        if coords is None:
            unknown.append((rid, loc.place))
        else:
            out[row] = coords
    return out, unknown, gaz


def _unknown_message(
    unknown: Sequence[tuple[str, str]], kind: str, field: str, gaz: Gazetteer
) -> str:
    """One message for every unknown place: the first ones listed, with a few suggestions."""
    suggestions: dict[str, str | None] = {}
    lines: list[str] = []
    for rid, place in unknown[:_MAX_LISTED]:
        echo = place if len(place) <= _MAX_ECHO else place[: _MAX_ECHO - 3] + "..."
        line = f"{kind} {rid!r}, field {field}: unknown place {echo!r}"
        if place not in suggestions and len(suggestions) < _MAX_SUGGESTED:
            suggestions[place] = gaz.suggest(place)
        hint = suggestions.get(place)
        lines.append(line if hint is None else f"{line} (did you mean {hint!r}?)")
    if len(unknown) == 1:
        return f"{lines[0]}; {_HOW_TO_FIX}"
    if len(unknown) > _MAX_LISTED:
        lines.append(f"and {len(unknown) - _MAX_LISTED} more")
    return f"{len(unknown)} unknown places; {_HOW_TO_FIX}:\n  " + "\n  ".join(lines)
