"""The core's score over the hours as pieces: points and open intervals, read from probes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from .._exceptions import SolverError

#: Hours a week are compared with this margin where a rule is strict (``<`` rather than ``<=``):
#: far above the solver's feasibility tolerance, far below any real difference in hours.
_OPEN_MARGIN: Final[float] = 1e-6
#: Two score values closer than this are the same.
_SAME: Final[float] = 1e-9

#: Where the three probes inside an interval sit, as fractions of it: three points tell a line
#: with one verdict from a score that bends or a verdict that changes inside the interval.
_INTERIOR: Final[tuple[float, float, float]] = (0.25, 0.5, 0.75)


@dataclass(frozen=True, eq=False)
class _Probe:
    """Packages that sample one (workplace, start) family: each point, then three per interval."""

    start: float
    points: list[float]
    intervals: list[tuple[float, float]]
    first: int  # probe column of the first point


@dataclass
class _Piece:
    """A point or an open interval of hours on which the core's score is one line."""

    lo: float
    hi: float
    lo_open: bool
    hi_open: bool
    alpha: float
    beta: float
    has_line: bool
    hard: bool
    codes: int  # hard codes (bits) seen on the piece


def _value_at(p: _Piece, h: float) -> float:
    return p.alpha + p.beta * h


def _merge(pieces: Sequence[_Piece]) -> list[_Piece]:
    """Join neighbouring pieces that share one line and no hard rule; drop the hard ones."""
    out: list[_Piece] = []
    cur: _Piece | None = None
    for p in pieces:
        if p.hard:
            if cur is not None:
                out.append(cur)
            cur = None
            continue
        if cur is None:
            cur = _Piece(**vars(p))
            continue
        adjacent = math.isclose(cur.hi, p.lo, abs_tol=_SAME)
        if cur.has_line and p.has_line:
            same = all(abs(_value_at(cur, h) - _value_at(p, h)) < _SAME for h in (cur.lo, p.hi))
        elif cur.has_line:
            same = abs(_value_at(cur, p.lo) - p.alpha) < _SAME
        elif p.has_line:
            same = abs(_value_at(p, cur.hi) - cur.alpha) < _SAME
        else:
            same = False
        if adjacent and same:
            if p.has_line and not cur.has_line:
                cur.alpha, cur.beta, cur.has_line = p.alpha, p.beta, True
            cur.hi, cur.hi_open = p.hi, p.hi_open
        else:
            out.append(cur)
            cur = _Piece(**vars(p))
    if cur is not None:
        out.append(cur)
    return out


def _signature(p: _Piece) -> tuple[float, ...]:
    return (
        round(p.lo, 9),
        round(p.hi, 9),
        float(p.lo_open),
        float(p.hi_open),
        round(p.alpha, 12),
        round(p.beta if p.has_line else 0.0, 12),
    )


def _pieces(fam: _Probe, values: NDArray[np.float64], hard: NDArray[np.uint64]) -> list[_Piece]:
    """Points and open intervals of one family, in order, read from the probes."""
    base = fam.first
    n_points = len(fam.points)
    point_pieces = []
    for k, h in enumerate(fam.points):
        j = base + k
        point_pieces.append(
            _Piece(h, h, False, False, float(values[j]), 0.0, False, bool(hard[j]), int(hard[j]))
        )
    out: list[_Piece] = []
    by_lo: dict[float, _Piece] = {}
    for m, (lo, hi) in enumerate(fam.intervals):
        cols = [base + n_points + 3 * m + f for f in range(3)]
        hs = [lo + f * (hi - lo) for f in _INTERIOR]
        v = [float(values[c]) for c in cols]
        flags = {int(hard[c]) for c in cols}
        beta = (v[2] - v[0]) / (hs[2] - hs[0])
        alpha = v[1] - beta * hs[1]
        if len(flags) != 1 or abs(alpha + beta * hs[0] - v[0]) > _SAME:
            raise SolverError(
                "internal error in carve: the core's verdict or score changes inside an hours "
                f"range ({lo:g}-{hi:g} h) the carving model treats as one piece; please report"
            )
        code = flags.pop()
        by_lo[round(lo, 9)] = _Piece(lo, hi, True, True, alpha, beta, True, bool(code), code)
    for p in point_pieces:
        interval = by_lo.pop(round(_previous(fam.points, p.lo), 9), None)
        if interval is not None:
            out.append(interval)
        out.append(p)
    return out


def _previous(points: list[float], h: float) -> float:
    k = points.index(h)
    return 0.0 if k == 0 else points[k - 1]
