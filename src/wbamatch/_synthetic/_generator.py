"""The generator: :func:`synthetic` checks its arguments, draws the records and validates them.

Candidates, packages and slots are drawn from independent streams of one seed (see
:mod:`._candidates`, :mod:`._packages`), so one does not shift the others' draws.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from pydantic import TypeAdapter

from .._exceptions import InputError
from .._gc import paused_gc
from .._models import Candidate, TaskPackage
from ._candidates import make_candidates
from ._packages import MAX_SLOTS, distribute_slots, make_packages

__all__ = ["synthetic"]


@cache
def _adapters() -> tuple[TypeAdapter[list[Candidate]], TypeAdapter[list[TaskPackage]]]:
    """Bulk validators, built on first use (not at import)."""
    return TypeAdapter(list[Candidate]), TypeAdapter(list[TaskPackage])


def _check_count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}; pass e.g. {name}=100")
    if value < 0:
        raise InputError(f"{name} must be >= 0, got {value}; pass a non-negative int")
    return int(value)


def _check_slots_total(value: object, m: int) -> int:
    """``slots_total`` must give every one of the ``m`` packages between 1 and 10,000 slots."""
    total = _check_count("slots_total", value)
    if total < m:
        raise InputError(
            f"slots_total must be at least n_packages ({m}) so that every package gets a "
            f"slot, got {total}; raise slots_total or pass None for one slot each"
        )
    if total > MAX_SLOTS * m:
        raise InputError(
            f"slots_total must be at most {MAX_SLOTS} per package ({MAX_SLOTS * m}), "
            f"got {total}; add packages or lower slots_total"
        )
    return total


def synthetic(
    n_candidates: int,
    n_packages: int,
    seed: int = 0,
    *,
    slots_total: int | None = None,
) -> tuple[list[Candidate], list[TaskPackage]]:
    """Generate realistic, made-up candidates and task packages.

    Homes and workplaces lie near about forty Dutch towns (``{"lat": .., "lon": ..}``, a few km
    of jitter, population-weighted); about 30% of candidates have an unknown education, 85% are
    registered in a target group, and each has one or two limited capacities and the needs of the
    domain brief at plausible frequencies. Packages come from eight task families (documents,
    facility, catering, cleaning, green, logistics, ICT, knowledge work) in the four tracks
    (about 40/30/20/10%) at government employers, suppliers and regional employers. With the
    default rules a few percent of the pairs are feasible.

    Parameters
    ----------
    n_candidates
        Number of candidates, ``>= 0``; ids ``c-000000``, ``c-000001``, ...
    n_packages
        Number of task packages, ``>= 0``; ids ``p-00000``, ``p-00001``, ...
    seed
        Seed for :func:`numpy.random.default_rng`, ``>= 0``. The same arguments give the same
        records. Candidates do not depend on ``n_packages`` (except which package ids a few of
        them excluded), and packages do not depend on ``n_candidates`` or ``slots_total``
        (except their ``slots``).
    slots_total
        Total number of slots over all packages. ``None`` (the default) gives every package one
        slot; otherwise every package gets at least one and the rest is spread at random, more
        to collective-track teams. Needs ``n_packages <= slots_total <= 10_000 * n_packages``.

    Returns
    -------
    candidates : list of Candidate
        ``n_candidates`` validated candidates, sorted by id.
    packages : list of TaskPackage
        ``n_packages`` validated task packages, sorted by id.

    Raises
    ------
    TypeError
        If a count, the seed or ``slots_total`` is not an int.
    wbamatch._exceptions.InputError
        (a ``ValueError``) if a count or the seed is negative, or ``slots_total`` cannot give
        every package between 1 and 10,000 slots.

    Examples
    --------
    >>> from wbamatch._synthetic import synthetic
    >>> candidates, packages = synthetic(200, 10, seed=1, slots_total=30)
    >>> len(candidates), len(packages), sum(p.slots for p in packages)
    (200, 10, 30)
    >>> candidates[0].id, packages[-1].id
    ('c-000000', 'p-00009')
    >>> synthetic(200, 10, seed=1, slots_total=30) == (candidates, packages)
    True
    """
    n = _check_count("n_candidates", n_candidates)
    m = _check_count("n_packages", n_packages)
    seed = _check_count("seed", seed)
    total = None if slots_total is None else _check_slots_total(slots_total, m)

    # Independent streams: candidates, packages and slots do not shift each other's draws.
    # Streams added later come after the first three, so older fields keep their values.
    cand_rng, pkg_rng, slot_rng, cand_extra, pkg_extra = np.random.default_rng(seed).spawn(5)
    cand_adapter, pkg_adapter = _adapters()
    # Millions of small objects that all stay alive: the cyclic garbage collector would scan
    # them again and again (half the run time at 250,000 candidates) and can free none.
    with paused_gc():
        cand_records = make_candidates(cand_rng, n, m, cand_extra)
        pkg_records = make_packages(pkg_rng, m, pkg_extra)
        if total is not None:
            slots = distribute_slots(slot_rng, pkg_records, total)
            for rec, k in zip(pkg_records, slots, strict=True):
                rec["slots"] = k
        candidates = cand_adapter.validate_python(cand_records)
        packages = pkg_adapter.validate_python(pkg_records)
    return candidates, packages
