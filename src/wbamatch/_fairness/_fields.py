"""The candidate attributes a fairness report splits by: which fields can be named, what value
a candidate has there, and how the values are labelled and ordered.

An attribute is a candidate field, or a dotted path into a part (``"needs.office"``,
``"home.place"``, ``"capacities.work_pace"``), that holds a single value; a capacity not listed
reads as level 3 (no limitation), a missing value as the group ``"unknown"``.

Example
-------
>>> check_attribute("needs.office")
('needs', 'office')
>>> group_label(None), group_label(True)
(('unknown', (2, 0.0, '')), ('true', (0, 1.0, '')))
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Final, get_args, get_origin

from pydantic import BaseModel

from .._exceptions import InputError
from .._models import Candidate, _Levels

__all__ = ["DEFAULT_ATTRIBUTES", "UNKNOWN", "check_attribute", "group_label", "kinds", "resolve"]

#: The attributes a report splits candidates by when not told otherwise.
DEFAULT_ATTRIBUTES: Final[tuple[str, ...]] = ("target_group", "education", "registered")

#: The label of a group whose attribute is missing (None) or ``"unknown"``.
UNKNOWN: Final[str] = "unknown"


def kinds(attribute: str) -> set[type]:
    """The types a candidate attribute can hold (None left out); empty when not a field."""
    model: type[BaseModel] | None = Candidate
    annotation: Any = None
    for part in attribute.split("."):
        if model is None or part not in model.model_fields:
            return set()
        annotation = model.model_fields[part].annotation
        model = _submodel(annotation)
    return {k for k in (annotation, *get_args(annotation)) if isinstance(k, type)} - {type(None)}


def resolve(candidate: Candidate, path: tuple[str, ...]) -> Any:
    value: Any = candidate
    for part in path:
        if value is None:  # e.g. home.place of a candidate whose home is unknown
            return None
        # A capacity not listed is not unknown: it means no limitation (level 3).
        value = value.level(part) if isinstance(value, _Levels) else getattr(value, part)
    return value


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``Location | None``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def check_attribute(attribute: object) -> tuple[str, ...]:
    if not isinstance(attribute, str) or not attribute:
        raise InputError(f"by: attribute names are strings, got {type(attribute).__name__}")
    path = tuple(attribute.split("."))
    model: type[BaseModel] | None = Candidate
    annotation: Any = None
    for part in path:
        if model is None or part not in model.model_fields:
            raise InputError(
                f"by: {attribute!r} is not a candidate field; use e.g. "
                f"{', '.join(DEFAULT_ATTRIBUTES)} or 'needs.office'"
            )
        annotation = model.model_fields[part].annotation
        model = _submodel(annotation)
    if model is not None or get_origin(annotation) in (list, dict, tuple):
        raise InputError(f"by: {attribute!r} is not a single value; choose one of its fields")
    return path


def group_label(value: Any) -> tuple[str, tuple[int, float, str]]:
    """Group label and a sort key: enums in declaration order, numbers by size, 'unknown' last."""
    if value is None or (isinstance(value, Enum) and value.value == UNKNOWN):
        return UNKNOWN, (2, 0.0, "")
    if isinstance(value, Enum):
        return str(value.value), (0, float(list(type(value)).index(value)), "")
    if isinstance(value, bool):
        return str(value).lower(), (0, float(value), "")
    if isinstance(value, (int, float)):
        return str(value), (0, float(value), "")
    return str(value), (1, 0.0, str(value))
