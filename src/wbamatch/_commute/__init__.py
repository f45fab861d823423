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

Modules
-------
``_names``, ``_gazetteer``, ``_resolve``
    Place lookup: names to one key, the gazetteer, and the locations of records to
    coordinates.
``_geometry``
    Great-circle distances.
``_provider``, ``_estimate``
    Travel times: the provider protocol and the built-in estimate.
"""

from __future__ import annotations

from ._estimate import EstimatedTravelTime
from ._gazetteer import Gazetteer, Place
from ._geometry import EARTH_RADIUS_KM, Coordinates, haversine_km
from ._names import normalise_place
from ._provider import TravelTimeProvider
from ._resolve import resolve_locations

__all__ = [
    "EARTH_RADIUS_KM",
    "Coordinates",
    "EstimatedTravelTime",
    "Gazetteer",
    "Place",
    "TravelTimeProvider",
    "haversine_km",
    "normalise_place",
    "resolve_locations",
]
