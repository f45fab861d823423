"""Levels on the shared dimensions: what a candidate can bear and what a package asks.

The fields are generated from :data:`wbamatch._vocabulary.DIMENSION_DESCRIPTIONS`, one per
dimension, each 0..3 or left out (then the model's default).

Example
-------
>>> Capacities(work_pace=1).level("work_pace"), Capacities().level("lifting")
(1, 3)
>>> Demands(lifting=2).level("lifting"), Demands().level("lifting")
(2, 0)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import Field, StrictInt, create_model

from .._vocabulary import DIMENSION_DESCRIPTIONS, DIMENSIONS, MAX_LEVEL
from ._base import StrictModel

__all__ = ["Capacities", "Demands", "Level", "_Levels"]

Level = Annotated[StrictInt, Field(ge=0, le=MAX_LEVEL)]


class _Levels(StrictModel):
    """Levels on the shared dimensions; a dimension left out takes :attr:`_default`."""

    _default: ClassVar[int] = 0

    def level(self, dimension: str) -> int:
        """Return the level on ``dimension``, the default when it was not listed.

        Example
        -------
        >>> Demands().level("lifting")
        0
        """
        if dimension not in DIMENSION_DESCRIPTIONS:
            raise KeyError(f"unknown dimension {dimension!r}; known: {', '.join(DIMENSIONS)}")
        value = getattr(self, dimension)
        return self._default if value is None else int(value)

    def as_tuple(self) -> tuple[int, ...]:
        """Levels in :data:`wbamatch._vocabulary.DIMENSIONS` order, defaults filled in.

        Example
        -------
        >>> set(Capacities().as_tuple())
        {3}
        """
        values = self.__dict__  # hot path when encoding many records: skip getattr
        default = self._default
        return tuple(default if values[d] is None else values[d] for d in DIMENSIONS)


def _levels_model(name: str, default: int, doc: str) -> type[_Levels]:
    """A :class:`_Levels` model with one optional level field per dimension."""
    fields: dict[str, Any] = {
        dim: (
            Level | None,
            Field(default=None, description=f"{desc} (FML: {section}); 0..3, default {default}"),
        )
        for dim, (section, desc) in DIMENSION_DESCRIPTIONS.items()
    }
    model = create_model(name, __base__=_Levels, __doc__=doc, __module__=__name__, **fields)
    model._default = default
    return model


if TYPE_CHECKING:  # the fields are generated from DIMENSIONS; type checkers see the base

    class Capacities(_Levels):
        """What a candidate can bear per dimension."""

    class Demands(_Levels):
        """What a package asks per dimension."""

else:
    Capacities = _levels_model(
        "Capacities",
        MAX_LEVEL,
        "What a candidate can bear per dimension (0 = cannot .. 3 = no limitation, the default).",
    )
    Demands = _levels_model(
        "Demands",
        0,
        "What a package asks per dimension (0 = not required, the default .. 3 = a lot).",
    )
