"""Canonical JSON and digests of inputs, for the audit record (HMAC-SHA256 under a key).

Canonical means: the validated records sorted by id, serialised by pydantic in schema field order
without whitespace. Two input lists that differ only in order (or in the spelling pydantic
normalises away, such as tag case) have the same digest.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
from pydantic import BaseModel, TypeAdapter

__all__ = [
    "array_digest",
    "canonical_json",
    "digest",
    "keyed_digest",
    "list_adapter",
    "records_digest",
]


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


def keyed_digest(data: bytes, key: bytes | None) -> str:
    """Hex HMAC-SHA256 of ``data`` under ``key``; plain SHA-256 when ``key`` is None.

    Example
    -------
    >>> keyed_digest(b"x", b"k" * 16) != keyed_digest(b"x", None) == digest(b"x")
    True
    """
    if key is None:
        return digest(data)
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def records_digest(records: Sequence[BaseModel], key: bytes | None = None) -> str:
    """HMAC-SHA256 under ``key`` (SHA-256 without) of :func:`canonical_json`.

    Example
    -------
    >>> from wbamatch import Candidate
    >>> a = Candidate(id="a", hours={"min": 8, "max": 16})
    >>> b = Candidate(id="b", hours={"min": 8, "max": 16})
    >>> records_digest([a, b]) == records_digest([b, a])
    True
    """
    return keyed_digest(canonical_json(records), key)


def array_digest(values: np.ndarray[Any, Any]) -> str:
    """SHA-256 of a float64 array's shape and little-endian bytes."""
    a = np.ascontiguousarray(values, dtype="<f8")
    return digest(repr(a.shape).encode() + a.tobytes())
