"""The entry points: :func:`carve` for one candidate and :func:`carve_team` for several."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from .._commute import TravelTimeProvider
from .._config import MatchConfig, config_of
from .._exceptions import InputError
from .._models import Candidate, as_model
from .._validation import record_models, unique_ids
from ._blocks import _add_block
from ._build import _terms
from ._milp import _Lp
from ._models import PackageTerms, Task
from ._plan import _Plan, _plan
from ._pool import _Pool, _pool
from ._report import _results
from ._results import CarveResult, CarveStatus, TeamCarveResult
from ._solver import _Outcome, _solve

__all__ = ["carve", "carve_team"]


def _run(
    pool: _Pool,
    plans: list[_Plan],
    cfg: MatchConfig,
    travel_minutes: TravelTimeProvider | None,
    time_limit: float,
    *,
    team: bool,
) -> tuple[_Outcome, list[CarveResult]]:
    """One model for every plan with segments (each task to at most one of them), solved and
    judged by the core; a result per plan, in the plans' order."""
    if not time_limit > 0:
        raise InputError(f"time_limit must be positive seconds, got {time_limit!r}")
    active = [p for p in plans if p.segments]
    outcome = _Outcome(CarveStatus.INFEASIBLE, None, [], [])
    if active:
        lp = _Lp()
        blocks = [_add_block(lp, pool, p, cfg, team=team) for p in active]
        x = np.concatenate([b.x for b in blocks])
        task = np.concatenate([b.rows for b in blocks])
        if len(blocks) > 1:  # each task to at most one person
            lp.rows(task, x, 1.0, len(pool), -np.inf, 1.0)
        outcome = _solve(pool, blocks, lp, cfg, travel_minutes, time_limit)
    return outcome, _results(pool, plans, active, outcome, cfg, team=team)


def _default_package_id(candidate_id: str, prefix: str) -> str:
    package_id = f"{prefix}{candidate_id}"
    if len(package_id) > 200:
        raise InputError(
            f"candidate {candidate_id[:40]!r}...: the package id {prefix!r} + candidate id is "
            "longer than 200 characters; pass a shorter prefix or package_id"
        )
    return package_id


def carve(
    tasks: Iterable[Task | Mapping[str, Any]],
    candidate: Candidate | Mapping[str, Any],
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    terms: PackageTerms | Mapping[str, Any] | None = None,
    package_id: str | None = None,
    travel_minutes: TravelTimeProvider | None = None,
    time_limit: float = 10.0,
) -> CarveResult:
    """Carve the best package for one candidate out of a pool of tasks.

    Among all subsets of ``tasks`` whose package (built by :func:`package_from_tasks`) breaks no
    hard rule of the core for this candidate, choose the one whose package has the highest core
    score (:func:`wbamatch.compatibility`, with ``config``). So the package's hours lie in the
    candidate's range, no task demands more than the candidate can bear, schedule, evening and
    night work, stimulus, movement, the office, commute, rush hour and travel fit, and the
    number of tasks stays within what the candidate's ``task_switching`` capacity allows
    (:data:`TASK_LIMIT_BY_TASK_SWITCHING`; for an unknown profile, what the norm demand level
    allows).

    "Best" is exactly the core score, including the tag cosines of skills and interests and the
    movement component, found with ``scipy.optimize.milp`` (how: see :mod:`wbamatch._jobcarving`);
    the chosen package is judged by the core again and its core score reported. The result does
    not depend on the order of the tasks: the pool is sorted by id first, and among packages
    with the same score the one the solver finds on that sorted pool is returned.

    Parameters
    ----------
    tasks
        The pool: :class:`Task` models or dicts in their JSON shape.
    candidate
        A :class:`~wbamatch.Candidate` or a dict in its JSON shape.
    config
        A :class:`~wbamatch.MatchConfig` (or a dict); rules in penalty mode lower the score,
        rules switched off are ignored, as in :func:`wbamatch.match`.
    terms
        :class:`PackageTerms`: employer, offers, contract, default workplace, days, growth.
    package_id
        Id of the carved package; default ``"p-" + candidate id``.
    travel_minutes
        A :class:`~wbamatch._commute.TravelTimeProvider`; default: estimated from coordinates.
    time_limit
        Seconds the solver may take; on expiry the best package found is returned with status
        ``time_limit``.

    Returns
    -------
    CarveResult
        The package, its tasks, the leftover tasks with reasons, the core score and the
        explanation; ``package`` is None (status ``infeasible``) when no subset fits.

    Raises
    ------
    InputError
        No tasks, a task list that is a single record, a bad config or terms.
    DuplicateIdError
        Two tasks share an id.
    pydantic.ValidationError
        A task or the candidate does not validate (for example a task with hours <= 0).

    Example
    -------
    >>> from wbamatch._jobcarving import carve
    >>> tasks = [{"id": "t1", "hours": 8, "tags": ["archiving"], "stimulus": "low"},
    ...          {"id": "t2", "hours": 12, "tags": ["scanning"], "stimulus": "low"},
    ...          {"id": "t3", "hours": 12, "tags": ["reception"], "stimulus": "high"}]
    >>> person = {"id": "c-1", "hours": {"min": 16, "max": 24}, "skills": ["archiving"],
    ...           "needs": {"low_stimulus": True}, "home": {"place": "Utrecht"}}
    >>> result = carve(tasks, person, terms={"location": {"place": "Utrecht"}})
    >>> result.task_ids, result.hours, result.leftover[0].reasons
    (['t1', 't2'], 20.0, ['stimulus'])
    """
    cfg = config_of(config)
    pool = _pool(tasks, _terms(terms))
    cand = as_model(candidate, Candidate, "candidate")
    pid = package_id if package_id is not None else _default_package_id(cand.id, "p-")
    plan = _plan(pool, cand, cfg, pid, travel_minutes)
    _, results = _run(pool, [plan], cfg, travel_minutes, time_limit, team=False)
    return results[0]


def carve_team(
    tasks: Iterable[Task | Mapping[str, Any]],
    candidates: Iterable[Candidate | Mapping[str, Any]],
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    terms: PackageTerms | Mapping[str, Any] | None = None,
    id_prefix: str = "p-",
    travel_minutes: TravelTimeProvider | None = None,
    time_limit: float = 10.0,
) -> TeamCarveResult:
    """Split one pool of tasks over several candidates, maximising the total score.

    Each task goes to at most one person; each person gets at most one package, which must
    meet every condition of :func:`carve` for them (and score at least ``config.min_score``); a
    person may get nothing. Among those splits, the sum of the packages' core scores is maximal.
    Solved exactly with one ``scipy.optimize.milp`` over everybody at once; when ``time_limit``
    stops it, the best split found is returned with status ``time_limit`` and the solver's gap.

    Parameters
    ----------
    tasks, config, terms, travel_minutes, time_limit
        As for :func:`carve`.
    candidates
        :class:`~wbamatch.Candidate` models or dicts; any order, unique ids.
    id_prefix
        Package ids are ``id_prefix + candidate id``.

    Returns
    -------
    TeamCarveResult
        One :class:`CarveResult` per candidate (sorted by id), the tasks nobody got, the total
        score, the Banenafspraak count and the solver's status and gap.

    Raises
    ------
    InputError, DuplicateIdError, pydantic.ValidationError
        As for :func:`carve`; also for no candidates or two candidates with one id.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._jobcarving import carve_team, demo_tasks, demo_terms
    >>> candidates, _ = wbamatch.demo_data()
    >>> team = carve_team(demo_tasks(), candidates[:5], terms=demo_terms())
    >>> given = [t for r in team.results for t in r.task_ids]
    >>> len(given) == len(set(given))
    True
    """
    cfg = config_of(config)
    pool = _pool(tasks, _terms(terms))
    cands = sorted(record_models(candidates, Candidate, "candidate"), key=lambda c: c.id)
    if not cands:
        raise InputError("no candidates given; pass at least one candidate")
    unique_ids((c.id for c in cands), "candidate")
    plans = [
        _plan(pool, c, cfg, _default_package_id(c.id, id_prefix), travel_minutes) for c in cands
    ]
    outcome, results = _run(pool, plans, cfg, travel_minutes, time_limit, team=True)
    given = {t.id for r in results for t in r.tasks}
    used = np.array([t.id in given for t in pool.tasks], dtype=np.bool_)
    return TeamCarveResult(
        status=outcome.status,
        mip_gap=outcome.gap,
        results=results,
        leftover=[pool.tasks[i].id for i in np.flatnonzero(~used).tolist()],
        leftover_hours=math.fsum(pool.hours[~used].tolist()),
        total_score=math.fsum(r.score for r in results),
        banen=math.fsum(r.banen for r in results),
    )
