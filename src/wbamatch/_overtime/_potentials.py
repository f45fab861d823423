"""Potentials: what a slot of each open package is worth to the rest of the plan.

Each week the LP of the people present plus a sample of later arrivals is solved (the solver of
:func:`wbamatch.match`), and each package's dual price read from its certificate; the average
over several samples is the package's potential. A later arrival's score counts less by
``MatchConfig.wait_penalty`` for each week until they come, so a slot is only held for someone
worth the wait. Arrivals are drawn from candidate profiles (the forecast, or by default the
people seen so far) at the rate seen so far, over the weeks that the open packages stay open.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .._assignment import solve_edges
from ._run import State
from ._stream import Stream

__all__ = ["Forecaster", "Profiles"]


@dataclass(frozen=True, eq=False)
class Profiles:
    """Candidate profiles to draw later arrivals from: each profile's pairs with the packages of
    the plan (CSR: the pairs of profile ``p`` are ``indptr[p]:indptr[p + 1]``)."""

    indptr: NDArray[np.int64]
    cols: NDArray[np.intp]
    scores: NDArray[np.float64]
    #: The first week in which each profile may be drawn (0 for a forecast given in advance;
    #: a person's arrival week when the profiles are the people seen so far).
    since: NDArray[np.int64]

    @classmethod
    def of_edges(
        cls,
        rows: NDArray[np.intp],
        cols: NDArray[np.intp],
        scores: NDArray[np.float64],
        since: NDArray[np.int64],
    ) -> Profiles:
        """Profiles from an edge list sorted by row (one profile per row, ``since`` per row)."""
        counts = np.bincount(rows, minlength=since.size)
        indptr = np.zeros(since.size + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return cls(indptr, cols, scores, since)


@dataclass(frozen=True, eq=False)
class Forecaster:
    """Draws later arrivals and prices the open packages (:meth:`potentials`)."""

    profiles: Profiles
    #: Arrivals a week; None: the arrivals after week 0 so far, per week (0 in week 0).
    rate: float | None
    samples: int
    seed: int
    wait_penalty: float

    def arrivals_per_week(self, stream: Stream, week: int) -> float:
        """The rate of arrivals to expect after ``week``."""
        if self.rate is not None:
            return self.rate
        if week == 0:
            return 0.0
        came = stream.weeks.cand_from
        return float(((came >= 1) & (came <= week)).sum()) / week

    def potentials(
        self, stream: Stream, week: int, edges: NDArray[np.intp], state: State
    ) -> NDArray[np.float64]:
        """Potential per package column (0 for a package not open or with no later demand)."""
        m = stream.n_cols
        weeks = stream.weeks
        is_open = np.zeros(m, dtype=np.bool_)
        is_open[stream.cols[edges]] = True
        horizon = int(weeks.pkg_until[is_open].max(initial=week)) - week
        rate = self.arrivals_per_week(stream, week)
        pool = np.flatnonzero(self.profiles.since <= week)
        if horizon <= 0 or rate <= 0 or pool.size == 0 or self.samples <= 0:
            return np.zeros(m)
        slots = np.where(is_open, state.left, 0)
        total = np.zeros(m)
        for k in range(self.samples):
            rng = np.random.default_rng([self.seed, week, k])
            rows, cols, scores = self._arrivals(stream, week, horizon, rate, pool, is_open, rng)
            out = solve_edges(
                np.concatenate([stream.rows[edges], rows]),
                np.concatenate([stream.cols[edges], cols]),
                np.concatenate([stream.scores[edges], scores]),
                slots,
            )
            assert out.duals is not None  # solve_edges proves every optimum by its duals
            total += np.where(is_open, out.duals.cols[:m], 0.0)
        potentials: NDArray[np.float64] = total / self.samples
        return potentials

    def _arrivals(
        self,
        stream: Stream,
        week: int,
        horizon: int,
        rate: float,
        pool: NDArray[np.intp],
        is_open: NDArray[np.bool_],
        rng: np.random.Generator,
    ) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
        """One sample of later arrivals: their pairs with the open packages, rows after the
        stream's, scores less the wait until they come."""
        prof = self.profiles
        n = int(rng.poisson(rate * horizon))
        drawn = pool[rng.integers(0, pool.size, size=n)]
        comes = week + rng.integers(1, horizon + 1, size=n)
        lengths = prof.indptr[drawn + 1] - prof.indptr[drawn]
        offsets = np.cumsum(lengths) - lengths
        at = np.repeat(prof.indptr[drawn] - offsets, lengths) + np.arange(int(lengths.sum()))
        rows = np.repeat(stream.n_rows + np.arange(n), lengths)
        when = np.repeat(comes, lengths)
        cols = prof.cols[at]
        scores = prof.scores[at] - self.wait_penalty * (when - week)
        keep = is_open[cols] & (when <= stream.weeks.pkg_until[cols]) & (scores > 0)
        return rows[keep].astype(np.intp), cols[keep], scores[keep]
