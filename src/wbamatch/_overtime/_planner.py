"""Live planning, one week at a time: :class:`Planner`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import numpy as np

from .._config import MatchConfig, config_of
from .._encode import sort_by_id
from .._exceptions import InputError, UnknownIdError
from .._models import Candidate, TaskPackage, as_model
from .._pipeline import Problem, prepare, solve_problem
from .._results import MatchResult
from .._settings import Pair, Pin
from .._validation import positive_int
from ._plan import DEFAULT_SAMPLES, pool_stream
from ._policies import TIE, reduced_scores
from ._potentials import Forecaster, Profiles
from ._run import State
from ._stream import Stream, stream_of
from ._windows import monday_of, week_of, weeks_of

__all__ = ["LOOKAHEAD_WEEKS", "Planner"]

#: How far ahead a live plan looks for a window without an end (half a year).
LOOKAHEAD_WEEKS = 26


def _covers(window: Any, monday: date) -> bool:
    """Whether a window (None = always) takes part in the week of ``monday``."""
    if window is None:
        return True
    sunday = monday.toordinal() + 6
    return bool(window.start.toordinal() <= sunday) and (
        window.until is None or window.until >= monday
    )


class Planner:
    """Propose each week's placements live, with potentials, as :func:`wbamatch.match` results.

    Each call of :meth:`week` takes the register and the packages as they are that week,
    keeps the candidates available and the packages open in that week, and proposes
    placements: :func:`wbamatch.match` on them, with the pairs the potentials hold back this
    week (reduced score below 0, nobody's last week: see :func:`wbamatch.plan_over_time`)
    added to ``config.forbidden`` for this week only. So the proposal has match()'s reasons,
    certificate and audit record, and the audit shows what was held back. What a person
    accepts (:meth:`accept`) is fixed from then on, as a pin, and keeps its slot.

    Unlike ``plan_over_time(policy="potentials")``, it proposes pairs before their last week
    and holds back by the full potentials: a live plan has no end, so a window without an
    ``until`` would never come to its last week.

    Parameters
    ----------
    config
        A :class:`~wbamatch.MatchConfig` or a dict of its fields.
    forecast
        Candidates like those expected to arrive (e.g. last year's); None: the people seen in
        earlier weeks.
    samples, seed
        As for :func:`wbamatch.plan_over_time`.

    Example
    -------
    >>> import datetime, wbamatch
    >>> cands, packs = wbamatch.synthetic_stream(80, 20, weeks=8, seed=5, start=datetime.date(
    ...     2027, 1, 4))
    >>> planner = wbamatch.Planner()
    >>> first = planner.week(datetime.date(2027, 1, 4), cands, packs)
    >>> planner.accept(first, [a.candidate_id for a in first.assignments])
    >>> second = planner.week(datetime.date(2027, 1, 11), cands, packs)
    >>> accepted = {p.candidate_id for p in planner.accepted}
    >>> all(a.pinned for a in second.assignments if a.candidate_id in accepted)
    True
    """

    def __init__(
        self,
        config: MatchConfig | Mapping[str, Any] | None = None,
        forecast: Iterable[Candidate | Mapping[str, Any]] | None = None,
        *,
        samples: int = DEFAULT_SAMPLES,
        seed: int = 0,
    ) -> None:
        self.config = config_of(config)
        self.forecast = (
            None if forecast is None else [as_model(c, Candidate, "forecast") for c in forecast]
        )
        self.samples = positive_int(samples, "samples")
        self.seed = seed
        self._start: date | None = None
        self._accepted: list[Pin] = []
        #: Week each candidate id was first seen, and their record (the default forecast).
        self._first_seen: dict[str, tuple[int, Candidate]] = {}
        #: Week each package id was first seen open (the rate of openings).
        self._packages_seen: dict[str, int] = {}

    @property
    def accepted(self) -> list[Pin]:
        """The placements accepted so far, as pins."""
        return list(self._accepted)

    def accept(self, result: MatchResult, candidate_ids: Iterable[str]) -> None:
        """Fix the proposals of ``result`` that these candidates accepted.

        Raises
        ------
        UnknownIdError
            A candidate has no proposal in ``result``.
        """
        for cid in candidate_ids:
            placed = result.assignment_of(cid)
            if placed is None:
                raise UnknownIdError(f"candidate {cid!r} has no proposal in this result")
            if any(p.candidate_id == cid for p in self._accepted):
                continue
            self._accepted.append(Pin(candidate_id=cid, package_id=placed.package_id))

    def week(
        self,
        day: date,
        candidates: Iterable[Candidate | Mapping[str, Any]],
        packages: Iterable[TaskPackage | Mapping[str, Any]],
    ) -> MatchResult:
        """This week's proposal for the candidates available and the packages open.

        Parameters
        ----------
        day
            Any day of the week planned (weeks run Monday to Sunday); weeks count from the
            first week planned.
        candidates, packages
            The register and the packages (any order); those outside their window this week
            are left out, people already accepted keep their placement (as pins).

        Returns
        -------
        MatchResult
            As :func:`wbamatch.match` returns it.

        Raises
        ------
        InputError
            Nobody is available or no package open this week, or the week comes before the
            first week planned; or as for :func:`wbamatch.match`.
        """
        monday = monday_of(day)
        if self._start is None:
            self._start = monday
        t = week_of(monday, self._start)
        if t < 0:
            raise InputError(
                f"the week of {monday.isoformat()} comes before the first week planned "
                f"({self._start.isoformat()}); plan the weeks in order, or start a new Planner"
            )
        cands = [as_model(c, Candidate, "candidate") for c in candidates]
        packs = [as_model(p, TaskPackage, "package") for p in packages]
        pinned = {p.candidate_id: p for p in self._accepted}
        taken: dict[str, int] = {}
        for pin in self._accepted:
            taken[pin.package_id] = taken.get(pin.package_id, 0) + 1
        present = [c for c in cands if c.id in pinned or _covers(c.available, monday)]
        for c in present:
            self._first_seen.setdefault(c.id, (t, c))
        open_now = [p for p in packs if _covers(p.open, monday)]
        for p in open_now:
            self._packages_seen.setdefault(p.id, t)
        ids = {c.id for c in present}
        keep_pins = [p for p in self._accepted if p.candidate_id in ids]
        # A package's slots taken by people accepted but no longer listed: fewer slots left.
        gone = {k: v - sum(1 for p in keep_pins if p.package_id == k) for k, v in taken.items()}
        open_now = [
            p if gone.get(p.id, 0) == 0 else p.model_copy(update={"slots": p.slots - gone[p.id]})
            for p in open_now
            if p.slots - gone.get(p.id, 0) > 0
        ]
        pkg_ids = {p.id for p in open_now}
        keep_pins = [p for p in keep_pins if p.package_id in pkg_ids]
        if not present or not open_now:
            raise InputError(
                f"nobody available or no package open in the week of {monday.isoformat()}; "
                "check the dates of available and open"
            )
        cfg = self.config.model_copy(update={"pinned": [*self.config.pinned, *keep_pins]})
        cfg = MatchConfig.model_validate({**cfg.model_dump(), "audit_key": self.config.audit_key})
        problem = prepare(present, open_now, cfg, None)
        held = self._held_back(problem, t)
        if held:
            cfg = MatchConfig.model_validate(
                {
                    **cfg.model_dump(),
                    "forbidden": [*cfg.forbidden, *held],
                    "audit_key": self.config.audit_key,
                }
            )
            problem = problem.with_config(cfg)
        return solve_problem(problem)

    def _held_back(self, problem: Problem, t: int) -> list[Pair]:
        """The pairs of this week the potentials hold back."""
        assert self._start is not None
        cands = [problem.candidates[k] for k in sort_by_id(problem.candidates)]
        packs = [problem.packages[k] for k in sort_by_id(problem.packages)]
        weeks = weeks_of(cands, packs, start=self._start, n_weeks=t + 1)
        # A live plan has no end: an open-ended window reaches LOOKAHEAD_WEEKS ahead, for the
        # forecast, and never its last week.
        ends_c = [c.available.until if c.available else None for c in cands]
        ends_p = [p.open.until if p.open else None for p in packs]
        far = t + LOOKAHEAD_WEEKS
        weeks = type(weeks)(
            start=weeks.start,
            n_weeks=weeks.n_weeks,
            cand_from=np.minimum(weeks.cand_from, t),
            cand_until=np.asarray(
                [far if d is None else week_of(d, self._start) for d in ends_c], dtype=np.int64
            ),
            pkg_from=np.minimum(weeks.pkg_from, t),
            pkg_until=np.asarray(
                [far if d is None else week_of(d, self._start) for d in ends_p], dtype=np.int64
            ),
        )
        stream = stream_of(problem, weeks)
        if stream.rows.size == 0:
            return []
        forecaster = self._forecaster(problem, stream, t)
        state = State.start(stream)
        edges = np.flatnonzero(state.left[stream.cols] > 0).astype(np.intp)
        reduced, last_chance = reduced_scores(forecaster, stream, t, edges, state)
        held = (reduced < -TIE) & ~last_chance
        rows, cols = stream.rows[edges][held], stream.cols[edges][held]
        cand_ids, pkg_ids = problem.cand.ids, problem.pkg.ids
        return [
            Pair(candidate_id=cand_ids[r], package_id=pkg_ids[c])
            for r, c in zip(rows.tolist(), cols.tolist(), strict=True)
        ]

    def _forecaster(self, problem: Problem, stream: Stream, t: int) -> Forecaster:
        """People from the forecast or the people seen so far, packages like those open now,
        each at the rate seen so far."""
        later = sum(1 for w, _ in self._first_seen.values() if 1 <= w <= t)
        opened = sum(1 for w in self._packages_seen.values() if 1 <= w <= t)
        pool = self.forecast
        if pool is None:
            pool = [c for _, c in sorted(self._first_seen.values(), key=lambda x: x[1].id)]
        seen = pool_stream(problem, pool)
        stays = np.asarray(
            [
                LOOKAHEAD_WEEKS
                if c.available is None or c.available.until is None
                else (c.available.until - c.available.start).days // 7
                for c in (pool[k] for k in sort_by_id(pool))
            ],
            dtype=np.int64,
        )
        return Forecaster(
            Profiles.of_stream(seen, stays),
            self.samples,
            self.seed,
            problem.config.wait_penalty,
            people_rate=later / t if t else 0.0,
            package_rate=opened / t if t else 0.0,
            package_since=np.zeros(stream.n_cols, dtype=np.int64),
            horizon_end=t + LOOKAHEAD_WEEKS,
        )
