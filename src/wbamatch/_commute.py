"""Offline commute layer: Dutch place names to coordinates, distances and travel-time estimates.

Everything here works without a network. Place names are resolved with a small gazetteer shipped
with the package (``data/nl_places.csv``: about 2,000 Dutch places from GeoNames, CC BY 4.0, with
their Dutch and English variants); it is read lazily on the first lookup, so importing this module
stays cheap. Travel times are estimated from great-circle distances by
:class:`EstimatedTravelTime`; callers with better data can plug in their own
:class:`TravelTimeProvider` (for instance one backed by a routing service they run) or hand the
matching API a precomputed ``(n_candidates, n_packages)`` matrix of minutes instead.

Example
-------
>>> from wbamatch._commute import EstimatedTravelTime, Gazetteer
>>> gaz = Gazetteer.default()
>>> gaz.lookup("Den Haag") == gaz.lookup("'s-Gravenhage") == gaz.lookup("The Hague")
True
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final, NamedTuple, Protocol, TextIO, runtime_checkable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._exceptions import InputError, UnknownPlaceError
from ._vocabulary import TravelMode

if TYPE_CHECKING:
    from ._config import CommuteSettings
    from ._models import Location

__all__ = [
    "EARTH_RADIUS_KM",
    "EstimatedTravelTime",
    "Gazetteer",
    "Place",
    "TravelTimeProvider",
    "haversine_km",
    "normalise_place",
    "resolve_locations",
]

#: Mean Earth radius (IUGG), km.
EARTH_RADIUS_KM: Final[float] = 6371.0088

#: The shipped gazetteer, relative to the package.
_DATA_DIR: Final[str] = "data"
_CSV_NAME: Final[str] = "nl_places.csv"
_CSV_COLUMNS: Final[tuple[str, ...]] = ("name", "lat", "lon", "population", "aliases")

#: Unknown places listed one by one in an :class:`UnknownPlaceError`; the rest are counted.
_MAX_LISTED: Final[int] = 20
#: Unknown places that get a "did you mean" suggestion (fuzzy matching is the slow part).
_MAX_SUGGESTED: Final[int] = 5
#: Place names are echoed in errors up to this many characters.
_MAX_ECHO: Final[int] = 80

_HOW_TO_FIX: Final[str] = 'use a Dutch place name from the gazetteer or give {"lat": .., "lon": ..}'

#: Apostrophe look-alikes (typographic quotes, backtick, acute accent, modifier letters).
_APOSTROPHES: Final[dict[int, str]] = str.maketrans(
    {c: "'" for c in "\u2019\u2018\u201b`\u00b4\u02bc\u02bb\u2032"}
)
_NON_WORD: Final[re.Pattern[str]] = re.compile(r"[\W_]+")

#: Whole-word rewrites after splitting into words: the usual Dutch abbreviations.
_WORD_PAIRS: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("a", "d"): ("aan", "de"),  # "a/d", "a.d."
    ("aan", "den"): ("aan", "de"),
}
_WORDS: Final[dict[str, str]] = {"st": "sint"}  # "St. Oedenrode", "St-Michielsgestel"

#: Record kind per location field, for error messages.
_RECORD_OF_FIELD: Final[dict[str, str]] = {"home": "Candidate", "location": "TaskPackage"}

Coordinates = NDArray[np.float64]


def normalise_place(name: str) -> str:
    """Reduce a place name to the key under which it is looked up.

    The key is case-folded and accent-free; apostrophes (straight, typographic, backtick) are
    dropped, and hyphens, slashes, dots and any other punctuation or whitespace become single
    spaces. So ``'s-Gravenhage``, ``'S-GRAVENHAGE``, ``’s Gravenhage`` and ``s Gravenhage`` share
    one key. The Dutch abbreviation ``a/d`` (also ``a.d.``) and ``aan den`` become ``aan de``, and
    the word ``St`` becomes ``sint``, so ``Alphen a/d Rijn`` finds ``Alphen aan den Rijn``.

    Parameters
    ----------
    name
        A place name as typed.

    Returns
    -------
    str
        The lookup key; empty when the name has no letters or digits.

    Example
    -------
    >>> normalise_place("'S-GRAVENHAGE"), normalise_place("’s Gravenhage")
    ('s gravenhage', 's gravenhage')
    >>> normalise_place("Alphen a/d Rijn") == normalise_place("Alphen aan den Rijn")
    True
    """
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.translate(_APOSTROPHES)  # NFKD makes some: U+0149 -> U+02BC n
    words = _NON_WORD.sub(" ", text.replace("'", "")).split()
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = _WORD_PAIRS.get((words[i], words[i + 1])) if i + 1 < len(words) else None
        if pair is not None:
            out.extend(pair)
            i += 2
        else:
            out.append(_WORDS.get(words[i], words[i]))
            i += 1
    return " ".join(out)


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
    package = __name__.rpartition(".")[0]
    resource = importlib.resources.files(package) / _DATA_DIR / _CSV_NAME
    return Gazetteer(_read_places(resource.read_text(encoding="utf-8").splitlines()))


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
    out = np.full((n, 2), np.nan, dtype=np.float64)
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
    if unknown:
        gaz = gaz if gaz is not None else Gazetteer.default()
        kind = record or _RECORD_OF_FIELD.get(field.split(".")[0], "Record")
        label = field if field.endswith(".place") else f"{field}.place"
        raise UnknownPlaceError(_unknown_message(unknown, kind, label, gaz))
    return out


def _unknown_message(
    unknown: Sequence[tuple[str, str]], kind: str, field: str, gaz: Gazetteer
) -> str:
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


def _as_coordinates(values: ArrayLike, what: str) -> Coordinates:
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise InputError(f"{what} must have shape (n, 2) of (lat, lon), got {arr.shape}")
    return arr


def _unit_vectors(coords: Coordinates) -> Coordinates:
    """``(k, 2)`` degrees to ``(k, 3)`` points on the unit sphere; NaN stays NaN."""
    lat, lon = np.radians(coords[:, 0]), np.radians(coords[:, 1])
    cos_lat = np.cos(lat)
    return np.column_stack([cos_lat * np.cos(lon), cos_lat * np.sin(lon), np.sin(lat)])


def haversine_km(origins: ArrayLike, destinations: ArrayLike) -> Coordinates:
    """Great-circle distance in km between every origin and every destination.

    The haversine formula on a sphere of radius :data:`EARTH_RADIUS_KM`:
    ``d = 2 R asin(sqrt(h))`` with ``h = hav(dlat) + cos(lat1) cos(lat2) hav(dlon)``. The
    haversine ``h`` is computed in its equivalent form ``h = (c / 2)**2``, with ``c`` the straight
    chord between the two points on the unit sphere, which needs no trigonometry per pair and
    stays accurate for short distances. Within the Netherlands the error against the WGS84
    ellipsoid is well under 0.5%.

    Parameters
    ----------
    origins
        Shape ``(n, 2)``: latitude, longitude in degrees.
    destinations
        Shape ``(m, 2)``: latitude, longitude in degrees.

    Returns
    -------
    numpy.ndarray
        float64, shape ``(n, m)``; NaN where either end has a NaN coordinate, exactly 0 between
        identical points. Uses two ``(n, m)`` float64 buffers, so chunk very large inputs.

    Example
    -------
    >>> amsterdam, utrecht = (52.37403, 4.88969), (52.09083, 5.12222)
    >>> haversine_km([amsterdam], [amsterdam, utrecht]).round(1)
    array([[ 0. , 35.2]])
    """
    p = _unit_vectors(_as_coordinates(origins, "origins"))
    q = _unit_vectors(_as_coordinates(destinations, "destinations"))
    out = np.empty((p.shape[0], q.shape[0]), dtype=np.float64)
    tmp = np.empty_like(out)
    np.subtract(p[:, 0:1], q[:, 0], out=out)
    np.square(out, out=out)
    for axis in (1, 2):
        np.subtract(p[:, axis : axis + 1], q[:, axis], out=tmp)
        np.square(tmp, out=tmp)
        out += tmp
    del tmp
    np.sqrt(out, out=out)  # chord length c, 0..2
    out *= 0.5
    np.minimum(out, 1.0, out=out)  # rounding could push c / 2 a hair above 1; NaN stays NaN
    np.arcsin(out, out=out)
    out *= 2.0 * EARTH_RADIUS_KM
    return out


@runtime_checkable
class TravelTimeProvider(Protocol):
    """Anything that gives one-way travel minutes from origins to destinations.

    :class:`EstimatedTravelTime` is the built-in, offline implementation. A caller with real
    travel times can pass their own provider instead, for example one that queries a routing
    service they run (OSRM, OpenTripPlanner, a journey planner export), or pass the matching API a
    precomputed ``(n_candidates, n_packages)`` matrix of minutes. Implementations must be pure
    (the same input gives the same output) and should return NaN for pairs they cannot judge:
    NaN means unknown, never "close".
    """

    def minutes(
        self,
        origins: NDArray[np.float64],
        destinations: NDArray[np.float64],
        modes: Sequence[TravelMode],
    ) -> NDArray[np.float64]:
        """One-way door-to-door minutes for every origin-destination pair.

        Parameters
        ----------
        origins
            Shape ``(n, 2)``: latitude, longitude in degrees; a NaN row is an unknown location.
        destinations
            Shape ``(m, 2)``, same form.
        modes
            The travel mode of each origin (length ``n``).

        Returns
        -------
        numpy.ndarray
            float64, shape ``(n, m)``; NaN where unknown.
        """
        ...


class EstimatedTravelTime:
    """Travel minutes estimated from the great-circle distance, per travel mode.

    ``minutes = overhead[mode] + 60 * km * detour_factor[mode] / speed_kmh[mode]``, with ``km``
    from :func:`haversine_km`. The defaults (:class:`~wbamatch._config.CommuteSettings`) are
    door-to-door averages for the Netherlands:

    =================  ========  ======  ========
    mode               km/h      detour  overhead
    =================  ========  ======  ========
    public_transport   35        1.4     12 min
    bike               15        1.25    2 min
    car                55        1.3     5 min
    walk               5         1.2     0 min
    special_transport  40        1.3     15 min
    =================  ========  ======  ========

    It is a rough estimate: it knows no timetables, no rivers without bridges and no traffic, so
    use a custom :class:`TravelTimeProvider` where minutes matter.

    Parameters
    ----------
    settings
        Speeds, detour factors and overheads; a mode a custom setting leaves out keeps its
        default. Default: ``CommuteSettings()``.

    Example
    -------
    >>> est = EstimatedTravelTime()
    >>> utrecht, amsterdam = [[52.09083, 5.12222]], [[52.37403, 4.88969]]
    >>> est.minutes(utrecht, amsterdam, [TravelMode.CAR]).round()
    array([[55.]])
    """

    def __init__(self, settings: CommuteSettings | None = None) -> None:
        from ._config import CommuteSettings

        defaults = CommuteSettings()
        self.settings: CommuteSettings = defaults if settings is None else settings
        s = self.settings
        self._params: dict[TravelMode, tuple[float, float]] = {}
        for mode in TravelMode:
            speed = s.speed_kmh.get(mode, defaults.speed_kmh[mode])
            detour = s.detour_factor.get(mode, defaults.detour_factor[mode])
            overhead = s.overhead_minutes.get(mode, defaults.overhead_minutes[mode])
            self._params[mode] = (float(overhead), 60.0 * float(detour) / float(speed))

    def minutes(
        self,
        origins: ArrayLike,
        destinations: ArrayLike,
        modes: Sequence[TravelMode | str] | str,
    ) -> NDArray[np.float64]:
        """One-way minutes for every origin-destination pair, by each origin's travel mode.

        Parameters
        ----------
        origins
            Shape ``(n, 2)``: latitude, longitude in degrees; NaN = unknown.
        destinations
            Shape ``(m, 2)``, same form.
        modes
            The travel mode of each origin (length ``n``; mode names as strings work too), or a
            single mode for all of them.

        Returns
        -------
        numpy.ndarray
            float64, shape ``(n, m)``; NaN where either location is unknown.

        Example
        -------
        >>> est = EstimatedTravelTime()
        >>> home = [[52.09083, 5.12222], [52.09083, 5.12222]]
        >>> est.minutes(home, home[:1], ["bike", "walk"])
        array([[2.],
               [0.]])
        """
        km = haversine_km(origins, destinations)
        overhead_row, per_km_row = self._row_params(modes, km.shape[0])
        # Per-row factors applied in place: no gathered copies of the (n, m) matrix per mode.
        km *= per_km_row[:, None]
        km += overhead_row[:, None]
        return km

    def minutes_where(
        self,
        origins: ArrayLike,
        destinations: ArrayLike,
        modes: Sequence[TravelMode | str] | str,
        where: NDArray[np.bool_],
    ) -> NDArray[np.float64]:
        """Like :meth:`minutes`, but only for the pairs where ``where`` is True (NaN elsewhere).

        The matching rules ask for travel times only for pairs that no other rule has already
        ruled out, usually a small share of all pairs.

        Example
        -------
        >>> est = EstimatedTravelTime()
        >>> home, work = [[52.09083, 5.12222]], [[52.09083, 5.12222], [52.37403, 4.88969]]
        >>> est.minutes_where(home, work, "walk", np.array([[False, True]])).round()
        array([[ nan, 508.]])
        """
        o = _unit_vectors(_as_coordinates(origins, "origins"))
        d = _unit_vectors(_as_coordinates(destinations, "destinations"))
        if where.shape != (o.shape[0], d.shape[0]):
            raise InputError(f"where has shape {where.shape}, expected {(o.shape[0], d.shape[0])}")
        overhead_row, per_km_row = self._row_params(modes, o.shape[0])
        # Flat positions and one-dimensional gathers: much cheaper than 2-D fancy indexing.
        flat = np.flatnonzero(where)
        i, j = np.divmod(flat, where.shape[1])
        chord = np.square(o[:, 0][i] - d[:, 0][j])
        for axis in (1, 2):
            chord += np.square(o[:, axis][i] - d[:, axis][j])
        np.sqrt(chord, out=chord)
        chord *= 0.5
        np.minimum(chord, 1.0, out=chord)
        km = np.arcsin(chord, out=chord)
        km *= 2.0 * EARTH_RADIUS_KM
        out = np.full(where.shape, np.nan)
        out.ravel()[flat] = km * per_km_row[i] + overhead_row[i]
        return out

    def reachable(
        self,
        origins: ArrayLike,
        destinations: ArrayLike,
        modes: Sequence[TravelMode | str] | str,
        max_minutes: ArrayLike,
    ) -> NDArray[np.bool_]:
        """Pairs that may lie within each origin's time limit, found with a KD-tree.

        Every pair whose :meth:`minutes` are at most ``max_minutes`` of its origin is True; a
        few more may be (the search radius has a hair of slack for rounding), so callers still
        compare the exact minutes where this is True. Where it is False the minutes are over
        the limit. Pairs with an unknown location are False.

        Minutes grow with the straight-line chord between the two points on the unit sphere,
        so each limit is a chord radius: a ball search in a :class:`scipy.spatial.cKDTree` of
        the destinations finds the pairs within it, without computing any other distance.

        Parameters
        ----------
        origins, destinations, modes
            As for :meth:`minutes`.
        max_minutes
            Shape ``(n,)``: each origin's limit; ``inf`` = no limit (the whole row is True).

        Example
        -------
        >>> est = EstimatedTravelTime()
        >>> utrecht, amsterdam = [52.09083, 5.12222], [52.37403, 4.88969]
        >>> est.reachable([utrecht], [utrecht, amsterdam], "bike", [60.0]).tolist()
        [[True, False]]
        """
        from scipy.spatial import cKDTree

        o = _unit_vectors(_as_coordinates(origins, "origins"))
        d = _unit_vectors(_as_coordinates(destinations, "destinations"))
        limit = np.asarray(max_minutes, dtype=np.float64)
        if limit.shape != (o.shape[0],):
            raise InputError(f"max_minutes has shape {limit.shape}, expected {(o.shape[0],)}")
        overhead_row, per_km_row = self._row_params(modes, o.shape[0])
        out = np.zeros((o.shape[0], d.shape[0]), dtype=np.bool_)
        known_o = ~np.isnan(o[:, 0])
        known_d = np.flatnonzero(~np.isnan(d[:, 0]))
        with np.errstate(invalid="ignore"):
            km = (limit - overhead_row) / per_km_row
        # The chord of the largest allowed arc, with slack so rounding never loses a pair; an
        # arc past half the globe reaches everything (chord 2).
        half_arc = np.clip(km / (2.0 * EARTH_RADIUS_KM), -1.0, np.pi / 2)
        radius = np.where(km >= np.pi * EARTH_RADIUS_KM, 3.0, 2.0 * np.sin(half_arc))
        radius = radius * (1.0 + 1e-9) + 1e-12
        radius[~known_o | ~(km >= 0)] = -1.0  # unknown home, or a limit below the overhead
        everywhere = np.flatnonzero(radius >= 2.0)
        out[np.ix_(everywhere, known_d)] = True
        searched = (radius >= 0) & (radius < 2.0)
        if not searched.any() or known_d.size == 0:
            return out
        tree = cKDTree(d[known_d])
        # Limits come in a few values (mode x a handful of minutes): one search per value.
        values, group = np.unique(radius[searched], return_inverse=True)
        rows_searched = np.flatnonzero(searched)
        for g, r in enumerate(values.tolist()):
            rows = rows_searched[group == g]
            pairs = cKDTree(o[rows]).sparse_distance_matrix(tree, r, output_type="ndarray")
            out[rows[pairs["i"]], known_d[pairs["j"]]] = True
        return out

    def _row_params(
        self, modes: Sequence[TravelMode | str] | str, n: int
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Overhead minutes and minutes per km of each origin, by its travel mode."""
        overhead_row = np.empty(n)
        per_km_row = np.empty(n)
        if isinstance(modes, str):
            overhead_row[:], per_km_row[:] = self._params[_as_mode(modes)]
            return overhead_row, per_km_row
        if len(modes) != n:
            raise InputError(f"got {len(modes)} travel modes for {n} origins")
        seen: dict[str, tuple[float, float]] = {}
        for row, raw in enumerate(modes):
            params = seen.get(raw)
            if params is None:
                params = seen[raw] = self._params[_as_mode(raw)]
            overhead_row[row], per_km_row[row] = params
        return overhead_row, per_km_row

    def __repr__(self) -> str:
        return f"EstimatedTravelTime({self.settings!r})"


def _as_mode(value: str) -> TravelMode:
    try:
        return TravelMode(value)
    except ValueError:
        known = ", ".join(m.value for m in TravelMode)
        raise InputError(f"unknown travel mode {value!r}; use one of {known}") from None
