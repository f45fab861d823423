"""Segments: the families of packages that the core judges alike apart from hours and tags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._api import compatibility
from .._commute import TravelTimeProvider
from .._config import MatchConfig
from .._models import Candidate, TaskPackage
from ._pieces import _OPEN_MARGIN, _merge, _Piece, _pieces, _Probe, _signature
from ._pool import _Pool
from ._probes import _probe_values, _Variant


@dataclass(frozen=True, eq=False)
class _Segment:
    """A family of packages that the core judges alike apart from hours and tags.

    Every package whose tasks all lie in ``allowed``, that has at least one task in each of
    ``required`` and whose hours lie in ``[lo, hi]`` scores ``alpha + beta * hours`` plus its
    tag components (and, for a candidate who needs to move, its movement component), and breaks
    no hard rule outside :data:`PER_TASK_CODES` and ``movement``.
    """

    allowed: NDArray[np.bool_]
    required: tuple[NDArray[np.bool_], ...]
    lo: float
    hi: float
    alpha: float
    beta: float


#: One schedule kind of a variant, judged: kind, probes per start, pieces per start, signature.
_Judged = tuple[int | None, tuple[_Probe, ...], list[list[_Piece]], tuple[Any, ...]]


def _kind_runs(
    pool: _Pool,
    variant: _Variant,
    values: NDArray[np.float64],
    hard: NDArray[np.uint64],
) -> list[
    tuple[NDArray[np.bool_], list[NDArray[np.bool_]], tuple[_Probe, ...], list[list[_Piece]]]
]:
    """Group a variant's schedule kinds into runs the core judges alike.

    A package of kind ``k`` has tasks of kind ``k`` or less and one of kind ``k``; neighbouring
    kinds (in :data:`SCHEDULE_STRICTNESS` order) with the same pieces at every start make one
    family of the tasks up to the strictest and one task from the least strict on.
    """
    judged: list[_Judged] = []
    for k, fams in variant.kinds:
        pieces = [_pieces(fam, values, hard) for fam in fams]
        sig = tuple(tuple(_signature(p) for p in _merge(parts)) for parts in pieces)
        judged.append((k, fams, pieces, sig))
    runs: list[list[_Judged]] = []
    for item in judged:
        if runs and runs[-1][-1][3] == item[3]:
            runs[-1].append(item)
        else:
            runs.append([item])
    out = []
    for run in runs:
        k_lo, k_hi = run[0][0], run[-1][0]
        members = variant.members
        required = list(variant.required)
        if k_lo is not None and k_hi is not None:
            members = members & (pool.kind <= k_hi)
            upper = members & (pool.kind >= k_lo)
            if not np.array_equal(upper, members):
                required.append(upper)
        _, fams, pieces, _ = run[0]
        out.append((members, required, fams, pieces))
    return out


def _start_groups(
    pool: _Pool,
    members: NDArray[np.bool_],
    required: list[NDArray[np.bool_]],
    fams: Sequence[_Probe],
    merged: list[list[_Piece]],
) -> list[tuple[NDArray[np.bool_], list[NDArray[np.bool_]], list[_Piece]]]:
    """Split a family's packages by start time only where the start changes the verdict.

    A package starts at the earliest start of its tasks (unknown when one is unknown). When every
    start gives the same pieces, one group holds all the family's tasks. When packages of an
    unknown start break a hard rule at every hours, tasks without a start are left out.
    """
    starts = pool.start
    known = np.isfinite(starts)
    pairs = list(zip(fams, merged, strict=True))
    if len(pairs) > 1 and any(np.isnan(f.start) and not parts for f, parts in pairs):
        members = members & known
        pairs = [(f, parts) for f, parts in pairs if not np.isnan(f.start)]
    if len({tuple(_signature(p) for p in parts) for _, parts in pairs}) <= 1:
        return [(members, required, pairs[0][1] if pairs else [])]
    groups = []
    for fam, parts in pairs:
        if np.isnan(fam.start):
            groups.append((members, [*required, members & ~known], parts))
        else:
            own = members & known & (np.nan_to_num(starts, nan=-1.0) >= fam.start)
            groups.append((own, [*required, own & (starts == fam.start)], parts))
    return groups


@dataclass(frozen=True, eq=False)
class _Found:
    """The segments of one candidate's families, and what blocks the families without any."""

    segments: list[_Segment]
    blockers: int  # hard codes (bits) that some family breaks at every hours
    piecewise_blocked: bool  # a family broken at every hours, but not by one code throughout


def _segments(
    pool: _Pool,
    candidate: Candidate,
    cfg: MatchConfig,
    probes: Sequence[TaskPackage],
    variants: Sequence[_Variant],
    travel_minutes: TravelTimeProvider | None,
) -> _Found:
    """Have the core judge the probes, and read each variant's segments from its pieces."""
    segments: list[_Segment] = []
    blockers = 0
    piecewise_blocked = False
    if not probes:
        return _Found(segments, blockers, piecewise_blocked)
    comp = compatibility([candidate], probes, cfg, travel_minutes=travel_minutes)
    values, probe_hard = _probe_values(comp, cfg)
    for variant in variants:
        for members, required, run, pieces in _kind_runs(pool, variant, values, probe_hard):
            merged = [_merge(per_start) for per_start in pieces]
            everywhere = ~0
            for per_start in pieces:
                for piece in per_start:
                    everywhere &= piece.codes
            blockers |= everywhere
            if not any(merged) and not everywhere:
                piecewise_blocked = True
            for own, req, parts in _start_groups(pool, members, required, run, merged):
                segments += _group_segments(pool, own, req, parts)
    return _Found(segments, blockers, piecewise_blocked)


def _group_segments(
    pool: _Pool,
    own: NDArray[np.bool_],
    required: list[NDArray[np.bool_]],
    parts: Sequence[_Piece],
) -> list[_Segment]:
    """One segment per piece of a start group, its open ends moved inwards by the margin and its
    low end raised to the group's shortest task."""
    if not own.any() or not all((r & own).any() for r in required):
        return []  # no package of these tasks has this start
    shortest = float(pool.hours[own].min())
    out = []
    for p in parts:
        lo = max(p.lo + (_OPEN_MARGIN if p.lo_open else 0.0), shortest)
        hi = p.hi - (_OPEN_MARGIN if p.hi_open else 0.0)
        if lo <= hi:
            beta = p.beta if p.has_line else 0.0
            out.append(_Segment(own, tuple(required), lo, hi, p.alpha, beta))
    return out
