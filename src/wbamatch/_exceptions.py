"""Exceptions raised by wbamatch.

Every error that wbamatch raises on purpose is a :class:`WbamatchError`. Each subclass also
derives from the builtin a generic handler would expect (``ValueError``, ``LookupError``), so
``except ValueError`` in a caller still works. Model validation raises pydantic's
``ValidationError`` instead; its title names the record id.

Messages name the record id and the field, never the value of a capacity or a need: those are
health data.
"""

from __future__ import annotations

__all__ = [
    "DuplicateIdError",
    "InputError",
    "MissingDependencyError",
    "ResourceLimitError",
    "SolverError",
    "UnknownIdError",
    "UnknownPlaceError",
    "WbamatchError",
]


class WbamatchError(Exception):
    """Base class of every error wbamatch raises on purpose."""


class InputError(WbamatchError, ValueError):
    """Input that is well-formed per record but wrong as a whole (shapes, sizes, combinations)."""


class DuplicateIdError(InputError):
    """Two records share one id; ids must be unique within candidates and within packages."""


class UnknownIdError(WbamatchError, LookupError):
    """An id was asked for that is not among the inputs."""


class UnknownPlaceError(InputError):
    """A ``{"place": name}`` location that the shipped gazetteer does not know."""


class SolverError(WbamatchError, RuntimeError):
    """The assignment solver failed in a way that is a bug in wbamatch, not in the input."""


class ResourceLimitError(WbamatchError, RuntimeError):
    """A run would exceed a size or memory limit of the config; it stops before it does."""


class MissingDependencyError(WbamatchError, ImportError):
    """An optional dependency (pandas, openpyxl) is needed; the message says which extra."""
