"""The gazetteer: Dutch place names and their variants to coordinates, offline.

The shipped one (``data/nl_places.csv``: about 2,000 Dutch places from GeoNames, CC BY 4.0, with
their Dutch and English variants) is read lazily on the first lookup, so importing stays cheap.

Example
-------
>>> gaz = Gazetteer.default()
>>> gaz.lookup("Den Haag") == gaz.lookup("'s-Gravenhage") == gaz.lookup("The Hague")
True
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import os
from collections.abc import Iterable
from typing import Final, NamedTuple, TextIO

from .._exceptions import InputError
from ._names import normalise_place

__all__ = ["Gazetteer", "Place"]

#: The shipped gazetteer, relative to the package.
_DATA_DIR: Final[str] = "data"
_CSV_NAME: Final[str] = "nl_places.csv"
_CSV_COLUMNS: Final[tuple[str, ...]] = ("name", "lat", "lon", "population", "aliases")


class Place(NamedTuple):
    """One gazetteer entry: a name, WGS84 coordinates, a population and alternative names."""

    name: str
    lat: float
    lon: float
    population: int = 0
    aliases: tuple[str, ...] = ()


class Gazetteer:
    """Case- and accent-insensitive lookup of place names and their aliases.

    A name that several places share resolves to one of them: places whose own name matches come
    before places that merely have it as an alias (so ``Hoorn`` is Hoorn, not Den Hoorn, and
    ``Putten`` is Putten, not Putte), then the most populous wins, then the first by name and
    coordinates. The result does not depend on the order of the places.

    Parameters
    ----------
    places
        The entries; :meth:`default` gives the shipped Dutch gazetteer.

    Example
    -------
    >>> gaz = Gazetteer([Place("Utrecht", 52.09083, 5.12222, 376435, ("Utreg",)),
    ...                  Place("Utrecht", 51.0, 5.0, 10)])
    >>> gaz.lookup("UTREG"), gaz.lookup("utrecht"), "Atlantis" in gaz, len(gaz)
    ((52.09083, 5.12222), (52.09083, 5.12222), False, 2)
    """

    def __init__(self, places: Iterable[Place]) -> None:
        self._places: tuple[Place, ...] = tuple(places)
        best: dict[str, tuple[tuple[int, int, str, float, float], int, str]] = {}
        for row, place in enumerate(self._places):
            labels = [(0, place.name), *((1, alias) for alias in place.aliases)]
            for tier, label in labels:
                key = normalise_place(label)
                if not key:
                    continue
                rank = (tier, -place.population, place.name, place.lat, place.lon)
                if key not in best or rank < best[key][0]:
                    best[key] = (rank, row, label)
        self._index: dict[str, int] = {key: row for key, (_, row, _) in best.items()}
        self._labels: dict[str, str] = {key: label for key, (_, _, label) in best.items()}
        self._names: tuple[str, ...] | None = None

    @classmethod
    def default(cls) -> Gazetteer:
        """The shipped Dutch gazetteer, read on first use and cached.

        Returns
        -------
        Gazetteer
            The same instance on every call.

        Example
        -------
        >>> Gazetteer.default() is Gazetteer.default()
        True
        """
        return _default_gazetteer()

    @classmethod
    def from_csv(cls, source: str | os.PathLike[str] | TextIO) -> Gazetteer:
        """Read a gazetteer from a CSV with the columns ``name,lat,lon,population,aliases``.

        Parameters
        ----------
        source
            A path or an open text file. ``aliases`` are separated by ``|``; ``population`` and
            ``aliases`` may be empty.

        Returns
        -------
        Gazetteer

        Example
        -------
        >>> import io
        >>> text = "name,lat,lon,population,aliases\\nDen Burg,53.05,4.8,7000,Texel\\n"
        >>> Gazetteer.from_csv(io.StringIO(text)).lookup("texel")
        (53.05, 4.8)
        """
        if isinstance(source, (str, os.PathLike)):
            with open(source, encoding="utf-8", newline="") as fh:
                return cls(_read_places(fh))
        return cls(_read_places(source))

    def find(self, name: str) -> Place | None:
        """The place a name or alias resolves to, or None when it is unknown.

        Example
        -------
        >>> Gazetteer.default().find("Den Bosch").name
        "'s-Hertogenbosch"
        """
        row = self._index.get(normalise_place(name))
        return None if row is None else self._places[row]

    def lookup(self, name: str) -> tuple[float, float] | None:
        """``(lat, lon)`` of a place name or alias, or None when it is unknown.

        Parameters
        ----------
        name
            Any spelling :func:`normalise_place` reduces to a known name or alias.

        Returns
        -------
        tuple of float or None
            WGS84 latitude and longitude in degrees.

        Example
        -------
        >>> Gazetteer.default().lookup("utrecht")
        (52.09083, 5.12222)
        """
        place = self.find(name)
        return None if place is None else (place.lat, place.lon)

    def suggest(self, name: str) -> str | None:
        """The known place name closest in spelling to ``name``, or None if none is close.

        Example
        -------
        >>> Gazetteer.default().suggest("Amsterdm")
        'Amsterdam'
        """
        import difflib

        if self._names is None:
            self._names = tuple(sorted({normalise_place(p.name) for p in self._places}))
        key = normalise_place(name)
        close = difflib.get_close_matches(key, self._names, n=1, cutoff=0.8) if key else []
        return self._labels[close[0]] if close else None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and normalise_place(name) in self._index

    def __len__(self) -> int:
        return len(self._places)

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self._places)} places, {len(self._index)} names>"


def _read_places(lines: Iterable[str]) -> list[Place]:
    """The places of a gazetteer CSV, refused whole at its first bad line.

    Example
    -------
    >>> _read_places(["name,lat,lon,population,aliases", "Urk,52.66,5.6,,"])
    [Place(name='Urk', lat=52.66, lon=5.6, population=0, aliases=())]
    """
    reader = csv.reader(lines)
    header = tuple(next(reader, ()))
    if header != _CSV_COLUMNS:
        raise InputError(f"gazetteer CSV must have the columns {','.join(_CSV_COLUMNS)}")
    places: list[Place] = []
    for line, row in enumerate(reader, start=2):
        if len(row) != len(_CSV_COLUMNS):
            raise InputError(f"gazetteer CSV line {line}: expected {len(_CSV_COLUMNS)} fields")
        name, lat, lon, population, aliases = row
        try:
            place = Place(
                name=name,
                lat=float(lat),
                lon=float(lon),
                population=int(population or 0),
                aliases=tuple(a for a in aliases.split("|") if a),
            )
        except ValueError as exc:
            raise InputError(f"gazetteer CSV line {line}: bad number") from exc
        places.append(place)
    return places


@functools.lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    """Read the shipped CSV once."""
    package = __name__.partition(".")[0]  # the data sit in wbamatch itself, not in _commute
    resource = importlib.resources.files(package) / _DATA_DIR / _CSV_NAME
    return Gazetteer(_read_places(resource.read_text(encoding="utf-8").splitlines()))
