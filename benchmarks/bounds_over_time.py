"""Bounds for the potentials policy: what it reaches when parts of the future are known.

Not policies: the *oracle* rows below read the true later arrivals of the stream, which no plan
can know. They show where the potentials policy loses against the hindsight optimum, and how
far a better forecast could take it. Rows:

- ``potentials``: the shipped policy (people and packages drawn from those seen so far).
- ``oracle: true later packages`` / ``people`` / ``both``: the same policy with the true later
  packages (people, both) in place of the samples (one "sample" when both are true).
- ``windowed LP``: another last-week rule. Each week in which a pair is in its last week, the
  LP of everyone present who is *not* in their last week, the open packages not closing, and
  sampled later people and packages (pairs only when both windows meet) prices each side; then
  the last-week sides are matched on score minus the price of the other side (in full), and
  only those pairs are committed. With the samples, with later packages drawn from the
  generator (as below), and with the true later packages or the whole true future (*oracle*).
- ``two-stage LP``: a third last-week rule, the sample-average two-stage LP. Each week in which
  a pair is in its last week, one LP decides the last-week pairs (the first stage, shared by
  every sample) together with, for each sample, the rest of the plan in that sample (the
  second stage: the sides not in their last week and the sampled later people and packages,
  pairs only when both windows meet, a week's wait at least for a pair decided later), each
  sample weighted 1 / samples; the last-week pairs the LP takes more than half of are
  committed. With the samples, with later packages drawn from two fresh ``synthetic_stream``
  streams of the same size (the generator's own distribution: a *distribution* oracle), and
  with the true later packages or the whole true future (*oracle*).
- ``oracle: seen packages at the true later weeks`` (both last-week rules): copies of seen
  packages that open and close when the true later packages do: whether the timing of the
  later packages or their content is what the samples miss.

Run: ``python benchmarks/bounds_over_time.py [--size 500x150] [--seeds 1 2 3 4 5 6 7 8]
[--rows NAME ...]`` (rows whose name starts with one of the NAMEs).
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable, Iterator

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.optimize import linprog

import wbamatch
from wbamatch._assignment import solve_edges
from wbamatch._overtime import _potentials as pot
from wbamatch._overtime._hindsight import hindsight
from wbamatch._overtime._plan import forecaster_for
from wbamatch._overtime._policies import TIE, _last_week, potentials_policy, solve_week
from wbamatch._overtime._run import Committed, State, WeekPolicy, run
from wbamatch._overtime._stream import Stream, stream_of
from wbamatch._pipeline import Problem, prepare

SAMPLES = 16


def _total(stream: Stream, done: Committed) -> float:
    edges = done.state.placed_edge
    return float(stream.scores[edges[edges >= 0]].sum())


def _truth(stream: Stream, week: int, side: str) -> pot._Sample:
    w = stream.weeks
    if side == "people":
        k = np.flatnonzero(w.cand_from > week)
        return pot._Sample(k, w.cand_from[k], w.cand_until[k])
    k = np.flatnonzero(w.pkg_from > week)
    return pot._Sample(k, w.pkg_from[k], w.pkg_until[k])


class _Oracle(pot.Forecaster):
    """The shipped forecaster with the true later people and/or packages (not a policy)."""

    known: tuple[str, ...] = ()

    def potentials(
        self, stream: Stream, week: int, edges: NDArray[np.intp], state: State
    ) -> pot.Potentials:
        n, m, weeks = stream.n_rows, stream.n_cols, stream.weeks
        end = weeks.n_weeks - 1
        ahead = end - week
        if ahead <= 0:
            return pot.Potentials(np.zeros(m), np.zeros(n))
        is_open = np.zeros(m, dtype=np.bool_)
        is_open[stream.cols[edges]] = True
        present = np.zeros(n, dtype=np.bool_)
        present[stream.rows[edges]] = True
        plan = sp.csr_matrix((stream.scores, (stream.rows, stream.cols)), shape=(n, m))
        people_rate = self._rate(None, weeks.cand_from, week)
        package_rate = self._rate(None, weeks.pkg_from, week)
        pool = np.flatnonzero(weeks.cand_from <= week)
        seen = np.flatnonzero(weeks.pkg_from <= week)
        stays = np.maximum(weeks.pkg_until - weeks.pkg_from, 0)
        v, u = np.zeros(m), np.zeros(n)
        for k in range(self.samples):
            rng = np.random.default_rng([self.seed, week, k])
            later = pot._draw(rng, pool, people_rate * ahead, week, ahead, self.people.stays, end)
            opening = pot._draw(rng, seen, package_rate * ahead, week, ahead, stays, end)
            if "people" in self.known:
                later = _truth(stream, week, "people")
            if "packages" in self.known:
                opening = _truth(stream, week, "packages")
            v += self._package_prices(stream, week, edges, state, is_open, later)
            u += self._people_prices(stream, week, plan, present, later, opening)
        return pot.Potentials(v / self.samples, u / self.samples)


def _oracle(known: tuple[str, ...]) -> Callable[[Problem, Stream, int], WeekPolicy]:
    def make(problem: Problem, stream: Stream, seed: int) -> WeekPolicy:
        base = forecaster_for(problem, stream, None, SAMPLES, seed)
        samples = 1 if len(known) == 2 else SAMPLES
        f = _Oracle(base.people, samples, seed, base.wait_penalty)
        object.__setattr__(f, "known", known)
        return potentials_policy(f)

    return make


def _second_stage(
    stream: Stream,
    plan: sp.csr_matrix,
    week: int,
    edges: NDArray[np.intp],
    later: pot._Sample,
    opening: pot._Sample,
    wait: float,
    now_wait: float,
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
    """One sample's pairs for the rest of the plan: the sides not in their last week (each
    score less ``now_wait``) and the later arrivals (later people as rows ``n + k``, later
    packages as columns ``m + k``)."""
    n, m, w = stream.n_rows, stream.n_cols, stream.weeks
    r, c, s = stream.rows[edges], stream.cols[edges], stream.scores[edges]
    stay_r, stay_c = w.cand_until > week, w.pkg_until > week
    now = stay_r[r] & stay_c[c]
    parts = [(r[now], c[now], s[now] - now_wait)]
    open_cols, rows_now = np.unique(c[stay_c[c]]), np.unique(r[stay_r[r]])
    b = plan[later.which][:, open_cols].tocoo()
    cols, comes = open_cols[b.col], later.comes[b.row]
    sc = b.data - wait * (comes - week)
    ok = (comes <= w.pkg_until[cols]) & (sc > 0)
    parts.append((n + b.row[ok], cols[ok], sc[ok]))
    b = plan[rows_now][:, opening.which].tocoo()
    rows, comes = rows_now[b.row], opening.comes[b.col]
    sc = b.data - wait * (comes - week)
    ok = (comes <= w.cand_until[rows]) & (sc > 0)
    parts.append((rows[ok], m + b.col[ok], sc[ok]))
    b = plan[later.which][:, opening.which].tocoo()
    first = np.maximum(later.comes[b.row], opening.comes[b.col])
    last = np.minimum(later.leaves[b.row], opening.leaves[b.col])
    sc = b.data - wait * (first - week)
    ok = (first <= last) & (sc > 0)
    parts.append((n + b.row[ok], m + b.col[ok], sc[ok]))
    rr = np.concatenate([p[0] for p in parts]).astype(np.intp)
    cc = np.concatenate([p[1] for p in parts]).astype(np.intp)
    return rr, cc, np.concatenate([p[2] for p in parts])


def _futures(
    stream: Stream,
    week: int,
    seed: int,
    count: int,
    known: tuple[str, ...],
    drawn: NDArray[np.intp] | None,
    stays_q: NDArray[np.int64],
) -> Iterator[tuple[pot._Sample, pot._Sample]]:
    """``count`` samples of the later people and packages (packages drawn from the columns
    ``drawn``, None: those seen so far, each staying ``stays_q``), at the rates seen so far; the
    true ones where ``known``."""
    w = stream.weeks
    seen = np.flatnonzero(w.pkg_from <= week) if drawn is None else drawn
    end = w.n_weeks - 1
    ahead = end - week
    pool = np.flatnonzero(w.cand_from <= week)
    p_rate = float(((w.cand_from >= 1) & (w.cand_from <= week)).sum()) / max(week, 1)
    q_rate = float(((w.pkg_from >= 1) & (w.pkg_from <= week)).sum()) / max(week, 1)
    stays_p = w.cand_until - w.cand_from
    for k in range(count):
        rng = np.random.default_rng([seed, week, k])
        later = pot._draw(rng, pool, p_rate * ahead, week, ahead, stays_p, end)
        opening = pot._draw(rng, seen, q_rate * ahead, week, ahead, stays_q, end)
        if "people" in known:
            later = _truth(stream, week, "people")
        if "packages" in known:
            opening = _truth(stream, week, "packages")
        if "timing" in known:
            # Copies of seen packages at the true later openings (and closings).
            true = _truth(stream, week, "packages")
            which = seen[rng.integers(0, seen.size, size=true.which.size)]
            opening = pot._Sample(which, true.comes, true.leaves)
        yield later, opening


def _windowed_prices(
    stream: Stream,
    plan: sp.csr_matrix,
    slots_all: NDArray[np.int64],
    week: int,
    edges: NDArray[np.intp],
    state: State,
    later: pot._Sample,
    opening: pot._Sample,
    wait: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Duals of the LP of the sides not in their last week plus the later arrivals (``plan``:
    the people's scores with every package a sample may draw, whose slots are ``slots_all``)."""
    n, m = stream.n_rows, stream.n_cols
    stay_c = stream.weeks.pkg_until > week
    rr, cc, ss = _second_stage(stream, plan, week, edges, later, opening, wait, 0.0)
    u, v = np.zeros(n), np.zeros(m)
    if rr.size == 0:
        return u, v
    order = np.lexsort((cc, rr))
    slots = np.concatenate([np.where(stay_c, state.left, 0), slots_all[opening.which]])
    out = solve_edges(rr[order], cc[order], ss[order], slots)
    assert out.duals is not None
    hu, hv = min(n, out.duals.rows.size), min(m, out.duals.cols.size)
    u[:hu], v[:hv] = out.duals.rows[:hu], out.duals.cols[:hv]
    return u, v


def _windowed(
    known: tuple[str, ...], generator: bool = False
) -> Callable[[Problem, Stream, int], WeekPolicy]:
    def make(problem: Problem, stream: Stream, seed: int) -> WeekPolicy:
        w = stream.weeks
        end = w.n_weeks - 1
        wait = problem.config.wait_penalty
        plan, slots, drawn, stays_q = _drawable_packages(problem, stream, seed, generator)
        samples = 1 if len(known) == 2 else 8

        def step(
            stream: Stream, week: int, edges: NDArray[np.intp], state: State
        ) -> NDArray[np.intp]:
            last = _last_week(stream, week, edges)
            if not last.any():
                return np.empty(0, dtype=np.intp)
            r, c = stream.rows[edges], stream.cols[edges]
            u, v = np.zeros(stream.n_rows), np.zeros(stream.n_cols)
            ahead = end - week
            if ahead > 0:
                for later, opening in _futures(stream, week, seed, samples, known, drawn, stays_q):
                    du, dv = _windowed_prices(
                        stream, plan, slots, week, edges, state, later, opening, wait
                    )
                    u, v = u + du / samples, v + dv / samples
            weight = stream.scores[edges] - np.where(w.cand_until[r] <= week, 0.0, u[r])
            weight -= np.where(w.pkg_until[c] <= week, 0.0, v[c])
            keep = last & (weight > TIE)
            if not keep.any():
                return np.empty(0, dtype=np.intp)
            return solve_week(stream, edges[keep], weight[keep], state)

        return step

    return make


def _drawable_packages(
    problem: Problem, stream: Stream, seed: int, generator: bool
) -> tuple[sp.csr_matrix, NDArray[np.int64], NDArray[np.intp] | None, NDArray[np.int64]]:
    """The packages a sample may draw from: the people's scores with them, their slots, the
    columns to draw (None: the stream's packages seen so far) and how long each stays open.
    With ``generator``, also the packages of two fresh streams of the same size (the
    generator's distribution), the ones drawn."""
    n, m, w = stream.n_rows, stream.n_cols, stream.weeks
    if not generator:
        plan = sp.csr_matrix((stream.scores, (stream.rows, stream.cols)), shape=(n, m))
        return plan, stream.slots, None, np.maximum(w.pkg_until - w.pkg_from, 0)
    fresh = []
    for k, prefix in ((1000, "zy"), (2000, "zz")):
        _, packs = wbamatch.synthetic_stream(n, m, 52, seed + k, slots_total=round(1.3 * m))
        fresh += [p.model_copy(update={"id": prefix + p.id}) for p in packs]
    both = stream_of(prepare(list(problem.candidates), list(problem.packages) + fresh, None, None))
    assert np.array_equal(both.weeks.pkg_from[:m], stream.weeks.pkg_from)
    plan = sp.csr_matrix((both.scores, (both.rows, both.cols)), shape=(n, both.n_cols))
    stays = np.maximum(both.weeks.pkg_until - both.weeks.pkg_from, 0)
    return plan, both.slots, np.arange(m, both.n_cols), stays


def _two_stage(
    known: tuple[str, ...], samples: int = 16, generator: bool = False
) -> Callable[[Problem, Stream, int], WeekPolicy]:
    def make(problem: Problem, stream: Stream, seed: int) -> WeekPolicy:
        w = stream.weeks
        m, end = stream.n_cols, w.n_weeks - 1
        wait = problem.config.wait_penalty
        plan, slots, drawn, stays_q = _drawable_packages(problem, stream, seed, generator)
        count = 1 if len(known) == 2 else samples

        def step(
            stream: Stream, week: int, edges: NDArray[np.intp], state: State
        ) -> NDArray[np.intp]:
            last = _last_week(stream, week, edges)
            if not last.any():
                return np.empty(0, dtype=np.intp)
            first = edges[last]
            ahead = end - week
            if ahead <= 0:
                return solve_week(stream, first, stream.scores[first], state)
            fr, fc, nx = stream.rows[first], stream.cols[first], first.size
            a_rows, a_cols, bounds, costs = [], [], [], [-stream.scores[first]]
            n_vars, n_cons = nx, 0
            for later, opening in _futures(stream, week, seed, count, known, drawn, stays_q):
                rr, cc, ss = _second_stage(stream, plan, week, edges, later, opening, wait, wait)
                people, at_r = np.unique(np.concatenate([fr, rr]), return_inverse=True)
                packs, at_c = np.unique(np.concatenate([fc, cc]), return_inverse=True)
                var = np.concatenate([np.arange(nx), n_vars + np.arange(rr.size)])
                a_rows += [n_cons + at_r, n_cons + people.size + at_c]
                a_cols += [var, var]
                cap = np.zeros(packs.size)
                here = packs < m
                cap[here] = state.left[packs[here]]
                cap[~here] = slots[opening.which[packs[~here] - m]]
                bounds += [np.ones(people.size), cap]
                costs.append(-ss / count)
                n_vars += rr.size
                n_cons += people.size + packs.size
            rows_a, cols_a = np.concatenate(a_rows), np.concatenate(a_cols)
            a = sp.csr_matrix((np.ones(rows_a.size), (rows_a, cols_a)), shape=(n_cons, n_vars))
            res = linprog(
                np.concatenate(costs),
                A_ub=a,
                b_ub=np.concatenate(bounds),
                bounds=(0, 1),
                method="highs",
            )
            take: NDArray[np.intp] = first[np.asarray(res.x)[:nx] > 0.5]
            if take.size == 0:
                return take
            return solve_week(stream, take, stream.scores[take], state)

        return step

    return make


ROWS: dict[str, Callable[[Problem, Stream, int], WeekPolicy]] = {
    "potentials (the policy)": lambda p, s, seed: potentials_policy(
        forecaster_for(p, s, None, SAMPLES, seed)
    ),
    "oracle: true later packages": _oracle(("packages",)),
    "oracle: true later people": _oracle(("people",)),
    "oracle: both true": _oracle(("people", "packages")),
    "windowed LP, 8 samples": _windowed(()),
    "windowed LP, oracle: true later packages": _windowed(("packages",)),
    "windowed LP, oracle: both true": _windowed(("people", "packages")),
    "windowed LP, later packages from the generator": _windowed((), generator=True),
    "windowed LP, oracle: seen packages at the true later weeks": _windowed(("timing",)),
    "two-stage LP, 16 samples": _two_stage(()),
    "two-stage LP, 32 samples": _two_stage((), samples=32),
    "two-stage LP, later packages from the generator": _two_stage((), generator=True),
    "two-stage LP, oracle: true later packages": _two_stage(("packages",)),
    "two-stage LP, oracle: both true": _two_stage(("people", "packages")),
    "two-stage LP, oracle: seen packages at the true later weeks": _two_stage(("timing",)),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="500x150")
    parser.add_argument("--seeds", nargs="*", type=int, default=[1, 2, 3, 4, 5, 6, 7, 8])
    parser.add_argument("--rows", nargs="*", default=[])
    args = parser.parse_args()
    n, m = (int(x) for x in args.size.split("x"))
    cases = []
    for seed in args.seeds:
        cands, packs = wbamatch.synthetic_stream(n, m, 52, seed, slots_total=round(1.3 * m))
        problem = prepare(cands, packs, None, None)
        stream = stream_of(problem)
        cases.append((seed, problem, stream, _total(stream, hindsight(stream))))
    print(f"{args.size}, seeds {' '.join(map(str, args.seeds))}: share of the hindsight total")
    print()
    print("| variant | mean | min | per seed |")
    print("|---|---|---|---|")
    for name, make in ROWS.items():
        if args.rows and not any(name.startswith(prefix) for prefix in args.rows):
            continue
        shares = [
            _total(stream, run(stream, make(problem, stream, seed))) / best
            for seed, problem, stream, best in cases
        ]
        print(
            f"| {name} | {statistics.mean(shares):.4f} | {min(shares):.4f} | "
            + " ".join(f"{x:.4f}" for x in shares)
            + " |",
            flush=True,
        )


if __name__ == "__main__":
    main()
