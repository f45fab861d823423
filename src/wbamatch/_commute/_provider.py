"""The travel-time provider protocol: what the matching asks of a source of travel minutes.

Example
-------
>>> from wbamatch._commute import EstimatedTravelTime
>>> isinstance(EstimatedTravelTime(), TravelTimeProvider)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from .._vocabulary import TravelMode

__all__ = ["TravelTimeProvider"]


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
