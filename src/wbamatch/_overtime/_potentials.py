"""Potentials: what waiting is worth, to each open package and to each person present.

Each week, for several samples of the future, two LPs are solved with the solver of
:func:`wbamatch.match`, and their dual prices read from its certificates:

- the people present plus sampled later arrivals against the open packages: each package's
  dual price is its *potential*, what one of its slots is worth to the rest of the plan;
- the people present plus sampled later arrivals against sampled packages opening later: each
  present person's dual price is what waiting for a later package is worth to them. When a
  sample has many later people, the present people, the later people and the later packages
  are dealt alike into groups (:data:`GROUP_PEOPLE`), each group its own LP: every present
  person meets the same share of the later people and packages as in the whole sample.

The averages over the samples are the potentials. A later arrival's score counts less by
``MatchConfig.wait_penalty`` for each week until they come. Later people are drawn from
candidate profiles (the forecast, or by default the people seen so far) and later packages from
the packages seen so far, each at the rate seen so far, uniformly over the weeks left.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from .._assignment import solve_edges
from ._run import State
from ._stream import Stream

__all__ = ["GROUP_PEOPLE", "Forecaster", "Potentials", "Profiles"]

#: Most later people in one LP of the people's prices: past it, a sample's present people, later
#: people and later packages are dealt alike into groups, each group its own LP. The LP of all
#: of them at once has millions of pairs at 5,000 people (48.6 s a plan). Thinning only the later
#: sides to 800 (the first way) left every present person facing all the present people for a
#: fifth of the later packages at 5,000 people, so their prices came out too low. Share of the
#: hindsight total at 5,000 x 1,500, seeds 1-5: thinned to 800: 97.48% (seeds 1-3: 97.41%);
#: groups of 400: 97.68% (seeds 1-3: 97.70%; groups of 800 / 200 there: 97.60 / 97.72%); at
#: 2,000 x 600, seeds 1-6: 97.32 / 97.30%. At 500 x 150 a sample has more than 400 later people
#: in the first weeks only (seeds 1-16: 96.4% either way).
GROUP_PEOPLE = 400


@dataclass(frozen=True, eq=False)
class Profiles:
    """Records to draw later arrivals from: each one's scores with the plan's packages.

    For people, ``matrix`` is ``(n_profiles, n_packages)``; for packages it is the plan's own
    pairs, ``(n_candidates, n_packages)``, and the profiles are its columns.
    """

    matrix: sp.csr_matrix
    #: The first week in which each profile may be drawn.
    since: NDArray[np.int64]
    #: Weeks each profile stays (a sampled arrival stays as long), from its first week.
    stays: NDArray[np.int64]

    @classmethod
    def of_edges(
        cls,
        rows: NDArray[np.intp],
        cols: NDArray[np.intp],
        scores: NDArray[np.float64],
        shape: tuple[int, int],
        since: NDArray[np.int64],
        stays: NDArray[np.int64],
    ) -> Profiles:
        """Profiles of the rows of an edge list."""
        matrix = sp.csr_matrix((scores, (rows, cols)), shape=shape)
        return cls(matrix, since, stays)

    @classmethod
    def of_stream(
        cls, stream: Stream, stays: NDArray[np.int64], since: NDArray[np.int64] | None = None
    ) -> Profiles:
        """Profiles of a stream's candidate rows; drawable from week 0 unless ``since``."""
        start = np.zeros(stream.n_rows, dtype=np.int64) if since is None else since
        shape = (stream.n_rows, stream.n_cols)
        return cls.of_edges(stream.rows, stream.cols, stream.scores, shape, start, stays)


@dataclass(frozen=True, eq=False)
class Potentials:
    """A week's potentials: per package column and per candidate row (0 where none)."""

    packages: NDArray[np.float64]
    people: NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class _Sample:
    """Sampled later people (profile, week they come, last week) or packages."""

    which: NDArray[np.intp]
    comes: NDArray[np.int64]
    leaves: NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class Forecaster:
    """Draws later arrivals and prices waiting (:meth:`potentials`)."""

    #: Candidate profiles (rows) against the plan's packages (columns).
    people: Profiles
    samples: int
    seed: int
    wait_penalty: float
    #: People a week to expect; None: the arrivals after week 0 so far, per week.
    people_rate: float | None = None
    #: Packages a week to expect; None: the openings after week 0 so far, per week.
    package_rate: float | None = None
    #: The first week each package may be drawn as a later one; None: when it opened.
    package_since: NDArray[np.int64] | None = None
    #: The last week to forecast; None: the last week of the plan.
    horizon_end: int | None = None
    group_people: int = GROUP_PEOPLE

    def potentials(
        self, stream: Stream, week: int, edges: NDArray[np.intp], state: State
    ) -> Potentials:
        """The potentials of ``week``, whose pairs are ``edges``."""
        n, m, weeks = stream.n_rows, stream.n_cols, stream.weeks
        end = weeks.n_weeks - 1 if self.horizon_end is None else self.horizon_end
        ahead = end - week
        none = Potentials(np.zeros(m), np.zeros(n))
        if ahead <= 0 or self.samples <= 0:
            return none
        is_open = np.zeros(m, dtype=np.bool_)
        is_open[stream.cols[edges]] = True
        present = np.zeros(n, dtype=np.bool_)
        present[stream.rows[edges]] = True
        people_rate = self._rate(self.people_rate, weeks.cand_from, week)
        package_rate = self._rate(self.package_rate, weeks.pkg_from, week)
        pool = np.flatnonzero(self.people.since <= week)
        since = weeks.pkg_from if self.package_since is None else self.package_since
        seen = np.flatnonzero(since <= week)
        if people_rate <= 0 or pool.size == 0:
            return none
        pkg_stays = np.maximum(weeks.pkg_until - weeks.pkg_from, 0)
        plan = sp.csr_matrix((stream.scores, (stream.rows, stream.cols)), shape=(n, m))
        v, u = np.zeros(m), np.zeros(n)
        for k in range(self.samples):
            rng = np.random.default_rng([self.seed, week, k])
            later = _draw(rng, pool, people_rate * ahead, week, ahead, self.people.stays, end)
            v += self._package_prices(stream, week, edges, state, is_open, later)
            if package_rate > 0 and seen.size:
                opening = _draw(rng, seen, package_rate * ahead, week, ahead, pkg_stays, end)
                u += self._people_prices(stream, week, plan, present, later, opening)
        return Potentials(v / self.samples, u / self.samples)

    @staticmethod
    def _rate(given: float | None, came: NDArray[np.int64], week: int) -> float:
        if given is not None:
            return given
        return float(((came >= 1) & (came <= week)).sum()) / week if week else 0.0

    def _discounted(
        self, scores: NDArray[np.float64], when: NDArray[np.int64], week: int
    ) -> NDArray[np.float64]:
        out: NDArray[np.float64] = scores - self.wait_penalty * (when - week)
        return out

    def _package_prices(
        self,
        stream: Stream,
        week: int,
        edges: NDArray[np.intp],
        state: State,
        is_open: NDArray[np.bool_],
        later: _Sample,
    ) -> NDArray[np.float64]:
        """Dual price of each open package: the people present and later against them."""
        m = stream.n_cols
        cols_open = np.flatnonzero(is_open)
        block = self.people.matrix[later.which][:, cols_open].tocoo()
        cols = cols_open[block.col]
        comes = later.comes[block.row]
        scores = self._discounted(block.data, comes, week)
        ok = (comes <= stream.weeks.pkg_until[cols]) & (scores > 0)
        out = solve_edges(
            np.concatenate([stream.rows[edges], stream.n_rows + block.row[ok]]),
            np.concatenate([stream.cols[edges], cols[ok]]),
            np.concatenate([stream.scores[edges], scores[ok]]),
            np.where(is_open, state.left, 0),
        )
        assert out.duals is not None  # solve_edges proves every optimum by its duals
        prices: NDArray[np.float64] = np.where(is_open, out.duals.cols[:m], 0.0)
        return prices

    def _people_prices(
        self,
        stream: Stream,
        week: int,
        plan: sp.csr_matrix,
        present: NDArray[np.bool_],
        later: _Sample,
        opening: _Sample,
    ) -> NDArray[np.float64]:
        """Dual price of each present person: they and the later people against the packages
        opening later, in groups of at most :attr:`group_people` later people (the present
        people, the later people and the later packages dealt alike; one LP whose pairs stay
        within a group, so that each group is its own LP)."""
        n = stream.n_rows
        groups = max(1, -(-later.which.size // max(self.group_people, 1)))
        rows_now = np.flatnonzero(present)
        if opening.which.size == 0 or rows_now.size == 0:
            return np.zeros(n)
        group_now = np.zeros(n, dtype=np.intp)
        group_now[rows_now] = np.arange(rows_now.size) % groups
        mine = plan[rows_now][:, opening.which].tocoo()
        r_now = rows_now[mine.row]
        comes = opening.comes[mine.col]
        s_now = self._discounted(mine.data, comes, week)
        ok_now = (comes <= stream.weeks.cand_until[r_now]) & (s_now > 0)
        ok_now &= group_now[r_now] == mine.col % groups
        if not ok_now.any():
            return np.zeros(n)
        theirs = self.people.matrix[later.which][:, opening.which].tocoo()
        first = np.maximum(later.comes[theirs.row], opening.comes[theirs.col])
        last = np.minimum(later.leaves[theirs.row], opening.leaves[theirs.col])
        s_later = self._discounted(theirs.data, first, week)
        ok_later = (first <= last) & (s_later > 0) & (theirs.row % groups == theirs.col % groups)
        out = solve_edges(
            np.concatenate([r_now[ok_now], n + theirs.row[ok_later]]),
            np.concatenate([mine.col[ok_now], theirs.col[ok_later]]),
            np.concatenate([s_now[ok_now], s_later[ok_later]]),
            stream.slots[opening.which],
        )
        assert out.duals is not None
        prices = np.zeros(n)
        have = min(n, out.duals.rows.size)
        prices[:have] = out.duals.rows[:have]
        return np.where(present, prices, 0.0)


def _draw(
    rng: np.random.Generator,
    pool: NDArray[np.intp],
    expected: float,
    week: int,
    ahead: int,
    stays: NDArray[np.int64],
    end: int,
) -> _Sample:
    """Arrivals drawn from ``pool``: how many (Poisson), which, in which later week."""
    count = int(rng.poisson(expected))
    which = pool[rng.integers(0, pool.size, size=count)]
    comes = week + rng.integers(1, ahead + 1, size=count)
    return _Sample(which, comes, np.minimum(comes + stays[which], end))
