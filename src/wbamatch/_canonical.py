"""Canonical JSON and SHA-256 digests of inputs, for the audit record.

Canonical means: the validated records sorted by id, serialised by pydantic in schema field order
without whitespace. Two input lists that differ only in order (or in the spelling pydantic
normalises away, such as tag case) have the same digest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
from pydantic import BaseModel, TypeAdapter

__all__ = ["array_digest", "canonical_json", "digest", "list_adapter", "records_digest"]


def canonical_json(records: Sequence[BaseModel]) -> bytes:
    """The records sorted by their ``id`` as one compact JSON array."""
    if not records:
        return b"[]"
    ordered = sorted(records, key=lambda r: str(getattr(r, "id", "")))
    return list_adapter(type(ordered[0])).dump_json(ordered)


@cache
def list_adapter(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    """A ``list[model]`` adapter, built once per class: it validates or dumps a whole list in
    one call into pydantic's core, several times faster than a model per Python call."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def digest(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def records_digest(records: Sequence[BaseModel]) -> str:
    """SHA-256 of :func:`canonical_json`.

    Example
    -------
    >>> from wbamatch import Candidate
    >>> a = Candidate(id="a", hours={"min": 8, "max": 16})
    >>> b = Candidate(id="b", hours={"min": 8, "max": 16})
    >>> records_digest([a, b]) == records_digest([b, a])
    True
    """
    return digest(canonical_json(records))


def array_digest(values: np.ndarray[Any, Any]) -> str:
    """SHA-256 of a float64 array's shape and little-endian bytes."""
    a = np.ascontiguousarray(values, dtype="<f8")
    return digest(repr(a.shape).encode() + a.tobytes())
