"""Where a candidate lives or the work is: a Dutch place name, or coordinates.

Example
-------
>>> Location(place="Utrecht").place, Location(lat=52.09, lon=5.12).lat
('Utrecht', 52.09)
"""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from ._base import StrictModel
from ._fields import PlaceName

__all__ = ["Location"]


class Location(StrictModel):
    """A place name from the shipped Dutch gazetteer, or WGS84 coordinates.

    Either ``{"place": "Utrecht"}`` or ``{"lat": 52.09, "lon": 5.12}``.
    """

    place: PlaceName | None = Field(
        default=None,
        description="Dutch place name; case-insensitive, Dutch and English variants accepted.",
    )
    lat: float | None = Field(default=None, ge=-90, le=90, description="Latitude, degrees.")
    lon: float | None = Field(default=None, ge=-180, le=180, description="Longitude, degrees.")

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        has_place = self.place is not None
        has_coords = self.lat is not None and self.lon is not None
        if self.place is None and (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or a place name")
        if has_place == has_coords:
            raise ValueError('give either {"place": name} or {"lat": .., "lon": ..}, not both')
        return self
