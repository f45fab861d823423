"""The public entry points over time: :func:`plan_over_time` and :func:`hindsight_optimum`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any, cast, get_args

import numpy as np

from .._exceptions import InputError
from .._models import Candidate, TaskPackage
from .._pipeline import Problem, prepare
from .._pipeline._solve import _pins
from .._validation import positive_int
from .._vocabulary import HOURS_PER_JOB
from ._hindsight import hindsight
from ._policies import batch_week, greedy_week, potentials_policy
from ._potentials import Forecaster, Profiles
from ._run import Committed, run
from ._stream import Stream, stream_of
from ._timeline import Placement, Policy, Timeline, WeekCommitment

__all__ = ["forecaster_for", "hindsight_optimum", "plan_over_time", "timeline_of"]

#: Samples of later arrivals averaged into the potentials, by default.
DEFAULT_SAMPLES = 16

_POLICIES = tuple(p for p in get_args(Policy) if p != "hindsight")


def plan_over_time(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    policy: str = "potentials",
    forecast: Iterable[Candidate | Mapping[str, Any]] | None = None,
    config: Any = None,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> Timeline:
    """Plan placements week by week, each week's commitments final, as a recruiter would.

    Weeks count from the Monday of the earliest date in any ``available`` or ``open`` window
    (none: a single week). Each week the policy sees the candidates present and not placed and
    the packages open with a slot left, and commits placements; a candidate not placed waits
    (until their ``until``), a slot not filled closes with its package. The pairs and their
    scores are those of :func:`wbamatch.match` (hard rules, ``min_score``, pins and forbidden
    pairs of ``config``); pinned placements stand from the first week both sides take part.

    Policies:

    - ``"greedy"``: first come, first served. In order of arrival (then id) each candidate
      takes the best open slot still free (highest score, then package id), at once.
    - ``"batch"``: the exact optimum of the week (present x open), committed in full.
    - ``"potentials"``: the exact optimum of the week on score minus half of each package's
      *potential* (its LP dual price over the people present plus ``samples`` samples of later
      arrivals, averaged) and half of what waiting is worth to the person (their dual price in
      the LP of the people present and later against sampled packages opening later). People
      are drawn from ``forecast`` (default: the people seen so far), packages from those opened
      so far, each at the rate seen so far; a later arrival counts ``config.wait_penalty`` less
      per week until they come. A pair whose reduced score is not positive is held back,
      unless it is the candidate's or the package's last week, or a tie (exactly 0: people
      present tying for a slot, which waiting cannot improve). Of the week's optimum only the
      pairs in the candidate's or the package's last week are committed; the others wait,
      since a later week knows more arrivals (people wait longer than with ``"batch"``: on
      synthetic years about 13-16 weeks on average against 6-9).

    Parameters
    ----------
    candidates, packages
        Models or dicts in their JSON shape (with ``available`` / ``open`` windows); any order.
    policy
        ``"potentials"`` (default), ``"batch"`` or ``"greedy"``.
    forecast
        Candidates like those expected to arrive (past or synthetic ones; their windows are not
        read): the profiles later arrivals are drawn from. None: the people seen so far.
    config
        A :class:`~wbamatch.MatchConfig` or a dict of its fields; default settings when None.
    samples
        Samples of later arrivals averaged into the potentials (``"potentials"`` only).
    seed
        Seed of the samples; the same inputs and seed give the same plan.

    Returns
    -------
    Timeline
        Placements (candidate, package, week, score), total score, number placed, banen, mean
        and 90th-percentile weeks waited, and per week what was committed.

    Raises
    ------
    pydantic.ValidationError, InputError
        As for :func:`wbamatch.match`; also an unknown ``policy`` or a count below 1.

    Example
    -------
    >>> import wbamatch
    >>> cands, packs = wbamatch.synthetic_stream(80, 20, weeks=12, seed=2)
    >>> plan = wbamatch.plan_over_time(cands, packs, policy="potentials")
    >>> best = wbamatch.hindsight_optimum(cands, packs)
    >>> plan.total_score <= best.total_score + 1e-9
    True
    """
    if policy not in _POLICIES:
        raise InputError(f"unknown policy {policy!r}; use one of {', '.join(_POLICIES)}")
    n_samples = positive_int(samples, "samples")
    chosen = cast(Policy, policy)  # checked against _POLICIES above
    problem = prepare(candidates, packages, config, None)
    stream = stream_of(problem)
    if policy == "greedy":
        done = run(stream, greedy_week)
    elif policy == "batch":
        done = run(stream, batch_week)
    else:
        forecaster = forecaster_for(problem, stream, forecast, n_samples, seed)
        done = run(stream, potentials_policy(forecaster))
    return timeline_of(problem, stream, done, chosen)


def hindsight_optimum(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    config: Any = None,
) -> Timeline:
    """The best plan knowing everyone's dates in advance: the yardstick of :func:`plan_over_time`.

    A pair is possible only when the candidate is present while the package is open; among the
    possible pairs the total score is maximal (the solver of :func:`wbamatch.match`, exact),
    each placement in the first week both take part. Slots do not come back and placements
    are final, so no order of the weeks can do better than this.

    Parameters
    ----------
    candidates, packages, config
        As for :func:`plan_over_time`.

    Returns
    -------
    Timeline
        Of the same shape as :func:`plan_over_time`'s, ``policy="hindsight"``.

    Example
    -------
    >>> import wbamatch
    >>> best = wbamatch.hindsight_optimum(*wbamatch.demo_data())
    >>> best.n_weeks, round(best.total_score, 6) == round(
    ...     wbamatch.match(*wbamatch.demo_data()).total_score, 6)
    (1, True)
    """
    problem = prepare(candidates, packages, config, None)
    stream = stream_of(problem)
    return timeline_of(problem, stream, hindsight(stream), "hindsight")


def forecaster_for(
    problem: Problem,
    stream: Stream,
    forecast: Iterable[Candidate | Mapping[str, Any]] | None,
    samples: int,
    seed: int,
) -> Forecaster:
    """The forecaster of a plan: people drawn from ``forecast`` (its pairs with the plan's
    packages under the same config) or from the stream's own people as they arrive; packages
    from the plan's packages as they open."""
    wait = problem.config.wait_penalty
    weeks = stream.weeks
    if forecast is None:
        stays = weeks.cand_until - weeks.cand_from
        return Forecaster(Profiles.of_stream(stream, stays, weeks.cand_from), samples, seed, wait)
    past = pool_stream(problem, forecast)
    stays = past.weeks.cand_until - past.weeks.cand_from
    if past.weeks.start is None:  # no dates in the forecast: they stay to the end
        stays = np.full(past.n_rows, weeks.n_weeks, dtype=np.int64)
    return Forecaster(Profiles.of_stream(past, stays), samples, seed, wait)


def pool_stream(problem: Problem, pool: Iterable[Candidate | Mapping[str, Any]]) -> Stream:
    """The pairs of a pool of candidates (a forecast, the people seen so far) with the plan's
    packages, under the plan's config without its pins and forbidden pairs."""
    cfg = problem.config.model_copy(update={"pinned": [], "forbidden": []})
    return stream_of(prepare(pool, problem.packages, cfg, None))


def timeline_of(problem: Problem, stream: Stream, done: Committed, policy: Policy) -> Timeline:
    """The :class:`Timeline` of what a run committed (the config's pins included)."""
    cand, pkg, weeks = problem.cand, problem.pkg, stream.weeks
    state = done.state
    rows = np.flatnonzero(state.placed_col >= 0)
    edge = state.placed_edge[rows]
    when = state.placed_week[rows]
    records = [
        {
            "row": r,
            "candidate_id": cand.ids[r],
            "package_id": pkg.ids[c],
            "week": w,
            "score": s,
            "banen": b,
            "waited": w - max(f, 0),
            "pinned": False,
        }
        for r, c, w, s, b, f in zip(
            rows.tolist(),
            stream.cols[edge].tolist(),
            when.tolist(),
            stream.scores[edge].tolist(),
            stream.banen[edge].tolist(),
            weeks.cand_from[rows].tolist(),
            strict=True,
        )
    ]
    for pin in _pins(problem):
        first = int(max(weeks.cand_from[pin.row], weeks.pkg_from[pin.col], 0))
        first = min(first, weeks.n_weeks - 1)
        counts = bool(cand.registered[pin.row] and pkg.counts[pin.col])
        records.append(
            {
                "row": pin.row,
                "candidate_id": cand.ids[pin.row],
                "package_id": pkg.ids[pin.col],
                "week": first,
                "score": pin.score,
                "banen": float(pkg.per_week[pin.col]) / HOURS_PER_JOB if counts else 0.0,
                "waited": 0,
                "pinned": True,
            }
        )
    records.sort(key=lambda r: (r["week"], r["candidate_id"]))

    def monday(week: int) -> Any:
        return None if weeks.start is None else weeks.start + timedelta(weeks=week)

    placements = [
        Placement(**{k: v for k, v in r.items() if k != "row"}, week_start=monday(r["week"]))
        for r in records
    ]
    per_week = [
        WeekCommitment(
            week=t,
            week_start=monday(t),
            present=int(done.present[t]),
            open_slots=int(done.open_slots[t]),
            placed=sum(1 for p in placements if p.week == t),
            score=sum(p.score for p in placements if p.week == t),
            banen=sum(p.banen for p in placements if p.week == t),
        )
        for t in range(weeks.n_weeks)
    ]
    waited = np.asarray([p.waited for p in placements], dtype=np.float64)
    return Timeline(
        policy=policy,
        start=weeks.start,
        n_weeks=weeks.n_weeks,
        placements=placements,
        weeks=per_week,
        total_score=float(sum(p.score for p in placements)),
        n_placed=len(placements),
        banen=float(sum(p.banen for p in placements)),
        mean_wait=float(waited.mean()) if waited.size else 0.0,
        p90_wait=float(np.percentile(waited, 90)) if waited.size else 0.0,
        n_candidates=len(cand),
        n_packages=len(pkg),
        n_slots=int(pkg.slots.sum()),
        config=problem.config,
    )
