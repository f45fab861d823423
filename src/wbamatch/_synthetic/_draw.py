"""Random draws on whole arrays, shared by the candidate and the package generator.

Each helper draws from the generator it is given, in a fixed order: calling them in the same
order gives the same data for the same seed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._tables import FAMILIES, INTERESTS, KM_PER_DEG_LAT, TASKS, TOWNS

__all__ = [
    "family_interest_weights",
    "family_task_weights",
    "jitter",
    "normalised",
    "pick_by_row",
    "shared",
    "tag_lists",
    "top_k",
]


def normalised(weights: Any) -> NDArray[np.float64]:
    """Weights normalised to probabilities.

    >>> normalised([1, 3]).tolist()
    [0.25, 0.75]
    """
    w = np.asarray(weights, dtype=np.float64)
    out: NDArray[np.float64] = w / w.sum()
    return out


def pick_by_row(
    rng: np.random.Generator, table: NDArray[np.float64], row_of: NDArray[np.int64]
) -> NDArray[np.int64]:
    """Per item ``k``, a column of ``table`` drawn with the weights of row ``row_of[k]``.

    >>> rng = np.random.default_rng(0)
    >>> pick_by_row(rng, np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0, 1, 1])).tolist()
    [0, 1, 1]
    """
    cdf = np.cumsum(table / table.sum(axis=1, keepdims=True), axis=1)
    out: NDArray[np.int64] = np.minimum(
        (rng.random(row_of.size)[:, None] > cdf[row_of]).sum(axis=1), table.shape[1] - 1
    )
    return out


def top_k(
    rng: np.random.Generator, weights: NDArray[np.float64], k: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Draw ``k[i]`` distinct columns per row without replacement, by weight (Gumbel top-k).

    ``weights`` has shape ``(n, t)``; a zero weight is never drawn, so a row may get fewer than
    ``k[i]`` columns. Returns the drawn columns, shape ``(n, max(k))`` in draw order, and a mask of
    the same shape telling which of them count.

    >>> rng = np.random.default_rng(0)
    >>> order, ok = top_k(rng, np.array([[1.0, 0.0, 1.0]]), np.array([3]))
    >>> sorted(order[ok].tolist())
    [0, 2]
    """
    n, t = weights.shape
    kmax = min(int(k.max(initial=0)), t)
    with np.errstate(divide="ignore"):
        keys = np.log(weights) + rng.gumbel(size=(n, t))
    if kmax == 0:
        return np.zeros((n, 0), dtype=np.int64), np.zeros((n, 0), dtype=bool)
    top = np.argpartition(-keys, kmax - 1, axis=1)[:, :kmax]
    top_keys = np.take_along_axis(keys, top, axis=1)
    rank = np.argsort(-top_keys, axis=1)
    order = np.take_along_axis(top, rank, axis=1)
    ok = np.isfinite(np.take_along_axis(top_keys, rank, axis=1))
    ok &= np.arange(kmax)[None, :] < k[:, None]
    return order, ok


def tag_lists(
    names: tuple[str, ...], order: NDArray[np.int64], ok: NDArray[np.bool_]
) -> list[list[str]]:
    """Turn the drawn columns of :func:`top_k` into one list of tag names per row.

    >>> tag_lists(("a", "b"), np.array([[1, 0], [0, 1]]), np.array([[True, True], [True, False]]))
    [['b', 'a'], ['a']]
    """
    flat = [names[c] for c in order[ok].tolist()]
    ends = np.cumsum(ok.sum(axis=1)).tolist()
    starts = [0, *ends[:-1]][: len(ends)]
    return [flat[a:b] for a, b in zip(starts, ends, strict=True)]


def shared(rows: NDArray[np.int64], build: Callable[[list[int]], Any]) -> list[Any]:
    """Build one object per distinct row of ``rows`` and return it for every row.

    ``rows`` has shape ``(n, k)`` and holds small integers in ``-1 .. 9998``. The sub-models
    are frozen, so candidates with the same hours, needs or capacities can share one validated
    instance: that saves most of the validation time and memory.

    >>> a, b, c = shared(np.array([[1, 2], [3, 4], [1, 2]]), list)
    >>> a is c, a, b
    (True, [1, 2], [3, 4])
    """
    if rows.shape[0] == 0:
        return []
    if rows.shape[1] > 4 or rows.min() < -1 or rows.max() > 9998:
        raise AssertionError("shared packs at most 4 columns of -1 .. 9998")  # pragma: no cover
    key = np.zeros(rows.shape[0], dtype=np.int64)
    for col in (rows + 1).T:  # mixed radix 10**4 per column; at most 4 columns fit in int64
        key = key * 10_000 + col
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    objects = [build(row) for row in rows[first].tolist()]
    return [objects[i] for i in inverse.tolist()]


def jitter(
    rng: np.random.Generator, town: NDArray[np.int64], km: float
) -> tuple[list[float], list[float]]:
    """Points around the centres of ``town`` (indices into ``TOWNS``), ``km`` apart (s.d.)."""
    lat0 = np.array([t[1] for t in TOWNS])[town]
    lon0 = np.array([t[2] for t in TOWNS])[town]
    noise = rng.normal(size=(2, town.size)) * km
    lat = lat0 + noise[0] / KM_PER_DEG_LAT
    lon = lon0 + noise[1] / (KM_PER_DEG_LAT * np.cos(np.radians(lat0)))
    return np.round(lat, 4).tolist(), np.round(lon, 4).tolist()


def family_task_weights() -> NDArray[np.float64]:
    """Shape ``(n_families, n_tasks)``: 1 where the family has the task, else 0."""
    w = np.zeros((len(FAMILIES), len(TASKS)))
    for f, fam in enumerate(FAMILIES):
        for task in fam.tasks:
            w[f, TASKS.index(task)] = 1.0
    return w


def family_interest_weights() -> NDArray[np.float64]:
    """Shape ``(n_families, n_interests)``: ``1 / (1 + rank)`` of the family's interests."""
    w = np.zeros((len(FAMILIES), len(INTERESTS)))
    for f, fam in enumerate(FAMILIES):
        for rank, tag in enumerate(fam.interests):
            w[f, INTERESTS.index(tag)] = 1.0 / (1 + rank)
    return w
