"""Great-circle distances between coordinates, without trigonometry per pair.

Example
-------
>>> haversine_km([[52.0, 5.0]], [[52.0, 5.0], [np.nan, 5.0]]).tolist()
[[0.0, nan]]
"""

from __future__ import annotations

from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._exceptions import InputError

__all__ = ["EARTH_RADIUS_KM", "Coordinates", "haversine_km"]

#: Mean Earth radius (IUGG), km.
EARTH_RADIUS_KM: Final[float] = 6371.0088

Coordinates = NDArray[np.float64]


def _as_coordinates(values: ArrayLike, what: str) -> Coordinates:
    """``values`` as a float64 ``(n, 2)`` array of ``(lat, lon)``; any other shape is refused.

    Example
    -------
    >>> _as_coordinates([(52, 5)], "origins").dtype
    dtype('float64')
    """
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
    return _arc_km(out)


def _arc_km(squared_chord: NDArray[np.float64]) -> NDArray[np.float64]:
    """Great-circle km from squared chords on the unit sphere, computed in place.

    ``squared_chord`` is overwritten (the distance matrices are large: no second buffer).

    Example
    -------
    >>> _arc_km(np.array([0.0, 4.0])) / (np.pi * EARTH_RADIUS_KM)  # no way, and half the globe
    array([0., 1.])
    """
    out = np.sqrt(squared_chord, out=squared_chord)  # chord length c, 0..2
    out *= 0.5
    np.minimum(out, 1.0, out=out)  # rounding could push c / 2 a hair above 1; NaN stays NaN
    np.arcsin(out, out=out)
    out *= 2.0 * EARTH_RADIUS_KM
    return out
