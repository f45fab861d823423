"""The capacity rule: a package demands more than the candidate can bear (FML, per dimension).

A known profile lists only the limited dimensions (the rest bear every level, as in the FML);
an unknown profile (``capacities: null``) is never taken as "no limitation": wherever the
package asks more than the norm level (``MatchConfig.norm_demand_level``) it gives
``capacity_unknown``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._encode import CandidateArrays, PackageArrays
from .._settings import MatchSettings
from .._vocabulary import DIMENSIONS, MAX_LEVEL, task_switching_demand
from ._arrays import col, row
from ._registry import REGISTRY, Mask, PairContext, Rule
from ._text import Listing, Number, Term, from_catalogue, summary

__all__ = ["above_norm", "capacity", "capacity_packed", "too_heavy"]

_TASK_SWITCHING = DIMENSIONS.index("task_switching")


def above_norm(p: PackageArrays, config: MatchSettings) -> NDArray[np.bool_]:
    """Packages that ask more than the norm level on some dimension."""
    out: NDArray[np.bool_] = np.any(p.demands > config.norm_demand_level, axis=1)
    return out


def too_heavy(
    c: CandidateArrays, p: PackageArrays, i: NDArray[np.intp], j: NDArray[np.intp]
) -> NDArray[np.bool_]:
    """For the pairs ``(i[k], j[k])``: the package demands more than the candidate can bear on
    some dimension, whatever the capacity rule's mode (an unknown profile is never too heavy:
    that is not known). What ``diagnose`` and ``match(current=...)`` call too heavy.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._pipeline import prepare
    >>> pr = prepare(*wbamatch.demo_data(), None, None)
    >>> too_heavy(pr.cand, pr.pkg, np.array([1, 1]), np.array([0, 2])).tolist()
    [True, False]
    """
    over = np.any(p.demands[j] > c.capacities[i], axis=1)
    out: NDArray[np.bool_] = over & ~c.capacities_unknown[i]
    return out


def capacity(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``capacity:<dimension>``: the package demands more than the candidate can bear;
    ``capacity_unknown``: the profile is unknown and the package asks more than the norm."""
    if len(c) == 0 or len(p) == 0:
        return {}
    # A dimension where no package asks more than every candidate can bear breaks nothing:
    # skip its (n, m) comparison.
    relevant = p.demands.max(axis=0) > c.capacities.min(axis=0)
    out = {
        f"capacity:{dim}": p.demands[None, :, k] > c.capacities[:, None, k]
        for k, dim in enumerate(DIMENSIONS)
        if relevant[k]
    }
    if c.capacities_unknown.any():
        out["capacity_unknown"] = col(c.capacities_unknown) & row(above_norm(p, ctx.config))
    return out


def capacity_packed(
    c: CandidateArrays, p: PackageArrays, ctx: PairContext, acc: NDArray[np.uint8]
) -> None:
    """OR "breaks a capacity code" into ``acc``, bits packed along the packages.

    Per dimension and capacity level, the set of packages that ask more is a packed bitset;
    each candidate ORs the sets of its own levels, so the work is per candidate x dimension,
    not per pair x dimension.
    """
    if len(c) == 0 or len(p) == 0:
        return
    relevant = p.demands.max(axis=0) > c.capacities.min(axis=0)
    levels = np.arange(MAX_LEVEL + 1, dtype=np.int8)
    for k in np.flatnonzero(relevant).tolist():
        above = np.packbits(p.demands[None, :, k] > levels[:, None], axis=1)  # (levels, bytes)
        np.bitwise_or(acc, above[c.capacities[:, k]], out=acc)
    unknown = np.flatnonzero(c.capacities_unknown)
    if unknown.size:
        acc[unknown] |= np.packbits(above_norm(p, ctx.config))


def _values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchSettings, i: int, j: int
) -> dict[str, Any]:
    if code == "capacity_unknown":
        norm = cfg.norm_demand_level
        asked = [Term(d) for k, d in enumerate(DIMENSIONS) if p.demands[j, k] > norm]
        return {"norm": Number(norm), "dims": Listing(tuple(asked))}
    k = DIMENSIONS.index(code.split(":", 1)[1])
    demand = int(p.demands[j, k])
    values: dict[str, Any] = {"capacity": Number(int(c.capacities[i, k])), "demand": Number(demand)}
    count = int(p.task_count[j])
    if k == _TASK_SWITCHING and count > 1 and task_switching_demand(count) == demand:
        values.update(variant="tasks", tasks=Number(count))
    return values


def _near(
    code: str,
    c: CandidateArrays,
    p: PackageArrays,
    t: NDArray[np.float64],
    cfg: MatchSettings,
    i: NDArray[np.intp],
    j: NDArray[np.intp],
) -> NDArray[np.bool_]:
    """At most ``near_miss.levels`` levels short; an unknown profile is never near."""
    if code == "capacity_unknown":
        return np.zeros(i.size, dtype=np.bool_)
    k = DIMENSIONS.index(code.split(":", 1)[1])
    gap = p.demands[j, k].astype(np.int64) - c.capacities[i, k]
    out: NDArray[np.bool_] = gap <= cfg.near_miss.levels
    return out


REGISTRY.register(
    Rule(
        name="capacity",
        function=capacity,
        values=_values,
        texts=from_catalogue("capacity:{dim}", "capacity_unknown"),
        reads=("capacities", "capacities_unknown"),
        package_reads=("demands", "task_count"),
        per_dimension="capacities",
        per_task=True,
        packed=capacity_packed,
        near=_near,
        summary=summary("capacity"),
    )
)
