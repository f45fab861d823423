"""Jobcarving: bundle tasks from a department's pool into a package that fits a person.

Managers make Banenafspraak jobs by looking at work that is left undone and bundling tasks into a
task package (*jobcarving*, *jobcreatie*). This module does that step:

- :class:`Task` is one piece of work from the pool, with the same demands, schedule, stimulus and
  workplace fields as a :class:`~wbamatch.TaskPackage`.
- :func:`package_from_tasks` builds the package a set of tasks makes. :func:`carve` and
  :func:`carve_team` use this same function, so a carved package and a hand-made one are judged by
  the same rules and the same score.
- :func:`carve` picks, for one candidate, the subset of tasks whose package has the highest core
  score (:func:`wbamatch.compatibility`) among the packages that break no hard rule.
- :func:`carve_team` splits one pool over several people at once, each task to at most one
  person, maximising the total score.

How a set of tasks becomes a package
------------------------------------
=================  ===========================================================================
package field      from the tasks
=================  ===========================================================================
hours.per_week     the sum of the tasks' hours (at most 60), spread evenly over the days
demands            the maximum over the tasks per dimension; ``task_switching`` is at least the
                   level that the number of tasks asks (:data:`TASK_LIMIT_BY_TASK_SWITCHING`)
task_count         the number of tasks (``tasks`` below may hold more tags than that)
schedule.kind      the strictest kind (:data:`SCHEDULE_STRICTNESS`): one flexible task makes a
                   flexible package, one evening task (and none varying) an evening package
schedule.start     the earliest start; unknown when any task's start is unknown
stimulus           the highest level
work_location      ``remote`` when every task is remote, ``office`` when every task is at the
                   office, otherwise ``hybrid`` (office days not given: not every day there)
location           the one workplace of the non-remote tasks (a task without a location is done
                   at :attr:`PackageTerms.location`); tasks at two workplaces make no package
tasks              the union of the tasks' tags
everything else    from :class:`PackageTerms`: employer (default: the tasks' departments),
                   offers, contract, minimum education, track, days, growth, sector tags
=================  ===========================================================================

Tasks are always taken whole: a task is never split over two packages (``must_be_one_person`` is
recorded for the manager; splitting is left out on purpose, to keep packages recognisable).

Example
-------
>>> import wbamatch
>>> from wbamatch._jobcarving import carve, demo_tasks, demo_terms
>>> candidates, _ = wbamatch.demo_data()
>>> result = carve(demo_tasks(), candidates[0], terms=demo_terms())
>>> result.status.value, len(result.tasks) <= 2, result.package is not None
('optimal', True, True)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ._api import compatibility, config_of
from ._commute import TravelTimeProvider, normalise_place, resolve_locations
from ._compatibility import Compatibility
from ._config import MatchConfig
from ._constraints import BIT, code_mask, decode
from ._exceptions import DuplicateIdError, InputError, SolverError
from ._explain import Explanation, explain_pair
from ._models import (
    MAX_HOURS_PER_WEEK,
    Candidate,
    Contract,
    Demands,
    Location,
    Offers,
    PackageHours,
    RecordId,
    Schedule,
    Tag,
    TaskPackage,
    _clean_tags,
    _known_minimum,
    _Model,
    _Record,
    as_model,
)
from ._vocabulary import (
    DIMENSIONS,
    HOURS_PER_JOB,
    MAX_LEVEL,
    TASK_LIMIT_BY_TASK_SWITCHING,
    Education,
    ScheduleKind,
    Stimulus,
    Track,
    WorkLocation,
    task_switching_demand,
)
from .rules import REGISTRY
from .rules._arrays import BREAK_AFTER_HOURS_PER_DAY

__all__ = [
    "PER_TASK_CODES",
    "SCHEDULE_STRICTNESS",
    "TASK_LIMIT_BY_TASK_SWITCHING",
    "CarveReason",
    "CarveResult",
    "CarveStatus",
    "LeftoverTask",
    "PackageTerms",
    "Task",
    "TeamCarveResult",
    "carve",
    "carve_team",
    "demo_tasks",
    "demo_terms",
    "package_from_tasks",
    "task_limit",
    "task_switching_demand",
]

#: Schedule kinds from least to most demanding; a package takes the strictest kind among its
#: tasks. Fixed and evening work have a known working window, flexible hours and shifts do not
#: (and break ``fixed_hours``), so a package with one varying task varies: ``fixed_hours`` then
#: breaks exactly when one of the tasks alone breaks it, as :attr:`~wbamatch.rules.Rule.per_task`
#: says, and so do ``evening_unknown`` and ``night_unknown``.
SCHEDULE_STRICTNESS: Final[tuple[ScheduleKind, ...]] = (
    ScheduleKind.FIXED,
    ScheduleKind.EVENING,
    ScheduleKind.FLEXIBLE,
    ScheduleKind.SHIFTS,
)

_STIMULUS_ORDER: Final[tuple[Stimulus, ...]] = (Stimulus.LOW, Stimulus.MEDIUM, Stimulus.HIGH)

#: Reason codes a package breaks exactly when one of its tasks, alone, breaks it: the package
#: takes the maximum demand, the strictest schedule and the highest stimulus of its tasks. These
#: are judged per task; every other rule is judged on the package. Read from the rule registry
#: (:attr:`wbamatch.rules.Rule.per_task`) when this module is imported; :func:`carve` reads the
#: registry itself (:attr:`~wbamatch.rules.RuleRegistry.per_task_bits`), rules added later
#: included.
PER_TASK_CODES: Final[tuple[str, ...]] = tuple(REGISTRY.decode(REGISTRY.per_task_bits))

#: Hours a week are compared with this margin where a rule is strict (``<`` rather than ``<=``):
#: far above the solver's feasibility tolerance, far below any real difference in hours.
_OPEN_MARGIN: Final[float] = 1e-6
#: Two score values closer than this are the same.
_SAME: Final[float] = 1e-9
#: How many times a package the core rejects is cut off before giving up (a guard: the model is
#: built to agree with the core, so this never happens unless the two drift apart).
_MAX_CUTS: Final[int] = 20
#: Solver gap below which a solution counts as optimal.
_MIP_REL_GAP: Final[float] = 1e-9
#: HiGHS options for these small models, passed through ``scipy.optimize.milp`` (which hands
#: options it does not know to HiGHS verbatim). Measured on the 200-task benchmark: the sub-MIP
#: heuristics (RINS, RENS, root reduced cost) took most of the time of a solve that needed one
#: node; without them a carve is 2-3x faster. Only the search effort changes, not the optimum.
_HIGHS_TUNING: Final[dict[str, Any]] = {
    "mip_heuristic_effort": 0.0,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
    "mip_heuristic_run_root_reduced_cost": False,
}
#: Score components that depend on the tasks' tags; they are modelled exactly in the solver.
_TAG_COMPONENTS: Final[frozenset[str]] = frozenset({"skills", "interests"})

_REMOTE: Final[tuple[str, ...]] = ("remote",)
_UNKNOWN: Final[tuple[str, ...]] = ("unknown",)
LocationKey = tuple[Any, ...]


# --------------------------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------------------------


class Task(_Record):
    """One task from a department's pool: work left undone that can be bundled into a package."""

    id: RecordId
    department: str = Field("", max_length=200, description="Department the work comes from.")
    description: str = Field("", max_length=500, description="What the task is, in words.")
    tags: list[Tag] = Field(
        default_factory=list,
        max_length=100,
        description="What the task is as free tags (e.g. 'archiving'); they become the "
        "package's task tags and are matched against skills and interests.",
    )
    hours: float = Field(gt=0, le=MAX_HOURS_PER_WEEK, description="Hours a week the task takes.")
    demands: Demands = Field(
        default_factory=Demands, description="Demand per dimension 0..3; not listed = 0."
    )
    schedule: Schedule = Field(default_factory=Schedule, description="When the task is done.")
    stimulus: Stimulus = Field(Stimulus.MEDIUM, description="Stimulus level (default medium).")
    location: Location | None = Field(
        None,
        description="Where the task is done; None = at the terms' location (or unknown).",
    )
    work_location: WorkLocation = Field(WorkLocation.OFFICE, description="office, hybrid, remote.")
    must_be_one_person: bool = Field(
        False,
        description="The task cannot be split between people. wbamatch never splits tasks; "
        "the flag is kept for the manager.",
    )

    _clean = field_validator("tags")(_clean_tags)


class PackageTerms(_Model):
    """What the employer offers with any package carved from a pool.

    Everything a package has that its tasks do not say: the employer, the support on offer, the
    contract, the minimum education, the default workplace, the working days and the growth path.
    """

    employer: str = Field(
        "", max_length=200, description="Employer; default: the tasks' departments."
    )
    track: Track = Field(Track.INDIVIDUAL, description="Banenafspraak track (spoor).")
    tags: list[Tag] = Field(
        default_factory=list,
        max_length=100,
        description="Field or sector tags, matched against interests.",
    )
    offers: Offers = Field(default_factory=Offers)
    contract: Contract = Field(default_factory=Contract)
    min_education: Education | None = Field(None, description="Minimum education; None = none.")
    location: Location | None = Field(
        None, description="The department's workplace, for tasks without a location of their own."
    )
    days: int = Field(5, ge=1, le=7, description="Working days a week of a carved package.")
    growth_hours: float | None = Field(
        None,
        gt=0,
        le=MAX_HOURS_PER_WEEK,
        description="Hours a week a carved package can grow by (capped at 60 in total).",
    )

    _clean = field_validator("tags")(_clean_tags)

    _minimum = field_validator("min_education")(_known_minimum)


class CarveStatus(StrEnum):
    """How a carve ended. Expected outcomes are statuses, not exceptions."""

    #: A proven optimum.
    OPTIMAL = "optimal"
    #: No subset of the pool makes a package that breaks no hard rule; see the reasons.
    INFEASIBLE = "infeasible"
    #: The time limit stopped the solver; the best packages found so far, not proven optimal.
    TIME_LIMIT = "time_limit"


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CarveReason(_Result):
    """Why tasks, or the whole pool, could not be used for a candidate."""

    code: str = Field(description="Reason code, e.g. 'capacity:lifting', 'hours', 'commute'.")
    tasks: int = Field(description="Number of tasks it rules out.")
    message: str = Field(description="The reason in words (English).")


class LeftoverTask(_Result):
    """A task that went into no package."""

    task_id: str
    hours: float
    reasons: list[str] = Field(
        default_factory=list,
        description="Reason codes that rule the task out for this candidate on its own; empty "
        "when it fits but the best package did without it.",
    )


class CarveResult(_Result):
    """The package carved for one candidate, the tasks it used and the work left over.

    ``score`` is the core score (:func:`wbamatch.compatibility`) of ``package`` for the
    candidate; ``explanation`` is :func:`wbamatch.explain` of the pair. When nothing fits,
    ``package`` is None and ``reasons`` says why.
    """

    candidate_id: str
    status: CarveStatus
    package: TaskPackage | None = None
    tasks: list[Task] = Field(default_factory=list, description="The tasks in the package.")
    leftover: list[LeftoverTask] = Field(default_factory=list)
    score: float = Field(0.0, description="Core score of the package for the candidate.")
    hours: float = Field(0.0, description="Hours a week of the package.")
    task_limit: int | None = Field(
        None,
        description="Most tasks the candidate's task switching allows (None = no limit); for "
        "an unknown capacity profile, what config.norm_demand_level allows (None when "
        "capacity_unknown is off).",
    )
    counts: bool = Field(False, description="Counts for the Banenafspraak.")
    banen: float = Field(0.0, description=f"hours / {HOURS_PER_JOB} when it counts, else 0.")
    explanation: Explanation | None = None
    reasons: list[CarveReason] = Field(default_factory=list)

    @property
    def task_ids(self) -> list[str]:
        """Ids of the tasks in the package, sorted."""
        return [t.id for t in self.tasks]

    @property
    def leftover_task_ids(self) -> list[str]:
        """Ids of the tasks left over, sorted."""
        return [t.task_id for t in self.leftover]

    def text(self, lang: str | None = None) -> str:
        """A short paragraph for a manager or recruiter, in plain words.

        ``lang`` is ``"nl"`` or ``"en"``; None takes the config's language (carried by the
        explanation), else ``WBAMATCH_LANG``, else Dutch.
        """
        from ._catalogue import Listing, Number, resolve_lang
        from ._catalogue import text as say
        from ._explain import score_words
        from ._results import counting_sentence

        chosen = resolve_lang(lang if lang is not None else self._lang())
        if self.package is None:
            why = "; ".join(self._reason_words(r, chosen) for r in self.reasons)
            if not why:
                return say("carve.none.unknown", chosen, candidate=self.candidate_id)
            return say("carve.none", chosen, candidate=self.candidate_id, reasons=why)
        names = Listing(tuple(t.description or t.id for t in self.tasks))
        n = len(self.tasks)
        tasks = say("carve.tasks.one" if n == 1 else "carve.tasks", chosen, n=n, names=names)
        parts = [
            say(
                "carve.package",
                chosen,
                package=self.package.id,
                candidate=self.candidate_id,
                tasks=tasks,
                hours=Number(self.hours),
            ),
            say("score.sentence", chosen, score=score_words(self.score, chosen)),
        ]
        if self.explanation is not None and (strong := self.explanation.strongest(chosen)):
            parts.append(strong)
        contract = self.package.contract.type
        parts.append(counting_sentence(self.counts, self.banen, None, contract, chosen))
        if self.status is CarveStatus.TIME_LIMIT:
            parts.append(say("carve.time_limit", chosen))
        left = len(self.leftover)
        hours_left = Number(sum(t.hours for t in self.leftover))
        key = "carve.leftover" + (".none" if left == 0 else ".one" if left == 1 else "")
        parts.append(say(key, chosen, n=left, hours=hours_left))
        return " ".join(parts)

    def _lang(self) -> str | None:
        """The config's language, as far as this result knows it."""
        return None if self.explanation is None else self.explanation.lang

    def _reason_words(self, reason: CarveReason, lang: str) -> str:
        """A reason of an empty carve in words (a rule's own codes in the registry's words)."""
        from ._catalogue import catalogue, resolve_lang
        from ._catalogue import text as say

        chosen = resolve_lang(lang)
        own = f"carve.reason.{reason.code}"
        if own in catalogue(chosen):
            return say(own, chosen)
        if reason.code not in REGISTRY.codes:
            return reason.message
        words = REGISTRY.reason(reason.code, chosen)
        if any(reason.code in t.reasons for t in self.leftover):  # ruled out task by task
            n = len(self.tasks) + len(self.leftover)
            return say("carve.reason.tasks", chosen, reason=words, tasks=reason.tasks, n=n)
        return say("carve.reason.package_wide", chosen, reason=words)


class TeamCarveResult(_Result):
    """One pool split over several candidates: a result per candidate and the work left over.

    ``results`` has one :class:`CarveResult` per candidate, sorted by candidate id; each one's
    ``leftover`` lists the tasks nobody got, with that candidate's reasons.
    """

    status: CarveStatus
    mip_gap: float | None = Field(
        None, description="Relative gap between the best package set found and the bound."
    )
    results: list[CarveResult]
    leftover: list[str] = Field(default_factory=list, description="Task ids nobody got.")
    leftover_hours: float = 0.0
    total_score: float = 0.0
    banen: float = 0.0

    def result_for(self, candidate_id: str) -> CarveResult:
        """The result of one candidate; raises :class:`UnknownIdError` for an unknown id."""
        from ._exceptions import UnknownIdError

        for r in self.results:
            if r.candidate_id == candidate_id:
                return r
        raise UnknownIdError(f"no candidate with id {candidate_id!r} in this team carve")

    def text(self, lang: str | None = None) -> str:
        """One line per candidate and a summary, in plain words.

        ``lang`` is ``"nl"`` or ``"en"``; None takes the config's language (carried by the
        explanations), else ``WBAMATCH_LANG``, else Dutch.
        """
        from ._catalogue import Listing, Number, resolve_lang
        from ._catalogue import text as say
        from ._explain import score_words

        known = next((r._lang() for r in self.results if r._lang() is not None), None)
        chosen = resolve_lang(lang if lang is not None else known)
        lines = []
        for r in self.results:
            if r.package is None:
                why = "; ".join(r._reason_words(x, chosen) for x in r.reasons)
                key = "carve.team.none" if why else "carve.team.none.unknown"
                lines.append(say(key, chosen, candidate=r.candidate_id, reasons=why))
            else:
                lines.append(
                    say(
                        "carve.team.line",
                        chosen,
                        candidate=r.candidate_id,
                        tasks=Listing(tuple(r.task_ids)),
                        hours=Number(r.hours),
                        score=score_words(r.score, chosen),
                    )
                )
        n = len(self.results)
        given = sum(r.package is not None for r in self.results)
        left = len(self.leftover)
        hours_left = Number(self.leftover_hours)
        key = "carve.team.left" + (".none" if left == 0 else ".one" if left == 1 else "")
        banen = "summary.banen.one" if round(self.banen, 1) == 1 else "summary.banen"
        lines.append(
            say(
                "carve.team.summary.one" if n == 1 else "carve.team.summary",
                chosen,
                given=given,
                n=n,
                banen=say(banen, chosen, banen=Number(self.banen, 1)),
                left=say(key, chosen, n=left, hours=hours_left),
            )
        )
        if self.status is CarveStatus.TIME_LIMIT:
            lines.append(say("carve.team.time_limit", chosen))
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Building a package from tasks
# --------------------------------------------------------------------------------------------


def task_limit(task_switching: int) -> int | None:
    """Most tasks for a ``task_switching`` capacity, per :data:`TASK_LIMIT_BY_TASK_SWITCHING`.

    Example
    -------
    >>> task_limit(0), task_limit(2), task_limit(3)
    (1, 4, None)
    """
    return TASK_LIMIT_BY_TASK_SWITCHING[task_switching]


def _location_key(location: Location | None) -> LocationKey:
    if location is None:
        return _UNKNOWN
    if location.place is not None:
        return ("place", normalise_place(location.place))
    return ("coords", location.lat, location.lon)


def _effective_key(task: Task, terms: PackageTerms) -> LocationKey:
    if task.work_location is WorkLocation.REMOTE:
        return _REMOTE
    return _location_key(task.location if task.location is not None else terms.location)


def _package_hours(per_week: float, terms: PackageTerms) -> PackageHours:
    growth_to = None
    if terms.growth_hours is not None:
        growth_to = min(MAX_HOURS_PER_WEEK, per_week + terms.growth_hours)
    return PackageHours(per_week=per_week, days=terms.days, growth_to=growth_to)


def _build_package(tasks: Sequence[Task], package_id: str, terms: PackageTerms) -> TaskPackage:
    """The package ``tasks`` make (validated, sorted by id, non-empty) under ``terms``."""
    total = math.fsum(t.hours for t in tasks)
    if total > MAX_HOURS_PER_WEEK + 1e-9:
        raise InputError(
            f"package {package_id!r}: its {len(tasks)} tasks add up to {total:g} hours a week, "
            f"above {MAX_HOURS_PER_WEEK:g}; use fewer tasks"
        )
    levels = np.array([t.demands.as_tuple() for t in tasks], dtype=np.int64).max(axis=0)
    k = DIMENSIONS.index("task_switching")
    levels[k] = max(int(levels[k]), task_switching_demand(len(tasks)))
    demands = Demands(**{d: int(v) for d, v in zip(DIMENSIONS, levels.tolist(), strict=True) if v})
    kind = max((t.schedule.kind for t in tasks), key=SCHEDULE_STRICTNESS.index)
    starts = [t.schedule.start for t in tasks]
    start = None if any(s is None for s in starts) else min(s for s in starts if s is not None)
    stimulus = max((t.stimulus for t in tasks), key=_STIMULUS_ORDER.index)
    places = {t.work_location for t in tasks}
    if places == {WorkLocation.REMOTE}:
        work_location = WorkLocation.REMOTE
    elif places == {WorkLocation.OFFICE}:
        work_location = WorkLocation.OFFICE
    else:
        work_location = WorkLocation.HYBRID
    location = terms.location
    on_site = [t for t in tasks if t.work_location is not WorkLocation.REMOTE]
    if on_site:
        keys = {_effective_key(t, terms) for t in on_site}
        if len(keys) > 1:
            raise InputError(
                f"package {package_id!r}: tasks {', '.join(repr(t.id) for t in on_site[:5])} "
                "are done at different workplaces; a package has one workplace, so bundle tasks "
                "of one place (or set PackageTerms.location for tasks without a location)"
            )
        first = on_site[0]
        location = first.location if first.location is not None else terms.location
    employer = terms.employer or ", ".join(sorted({t.department for t in tasks if t.department}))
    return TaskPackage(
        id=package_id,
        employer=employer[:200],
        track=terms.track,
        tasks=sorted({tag for t in tasks for tag in t.tags}),
        tags=list(terms.tags),
        demands=demands,
        hours=_package_hours(total, terms),
        schedule=Schedule(kind=kind, start=start),
        stimulus=stimulus,
        offers=terms.offers,
        work_location=work_location,
        contract=terms.contract,
        min_education=terms.min_education,
        location=location,
        task_count=len(tasks),
        slots=1,
    )


def _validated_tasks(tasks: Iterable[Task | Mapping[str, Any]]) -> list[Task]:
    if isinstance(tasks, (str, bytes, Mapping)):
        raise InputError(f"tasks must be a list of records, got a single {type(tasks).__name__}")
    out: list[Task] = []
    for k, rec in enumerate(tasks):
        if isinstance(rec, Task):
            out.append(rec)
        elif isinstance(rec, Mapping):
            out.append(Task.model_validate(rec))
        else:
            raise InputError(f"task #{k}: expected a Task or a dict, got {type(rec).__name__}")
    if not out:
        raise InputError("no tasks given; pass at least one task")
    ids = sorted(t.id for t in out)
    dups = sorted({a for a, b in itertools.pairwise(ids) if a == b})
    if dups:
        shown = ", ".join(repr(d) for d in dups[:20])
        raise DuplicateIdError(
            f"task ids must be unique; duplicated: {shown}. Give each task its own id."
        )
    return sorted(out, key=lambda t: t.id)


def _terms(terms: PackageTerms | Mapping[str, Any] | None) -> PackageTerms:
    return PackageTerms() if terms is None else as_model(terms, PackageTerms, "terms")


def package_from_tasks(
    tasks: Iterable[Task | Mapping[str, Any]],
    id: str,
    terms: PackageTerms | Mapping[str, Any] | None = None,
) -> TaskPackage:
    """Build the :class:`~wbamatch.TaskPackage` that a set of tasks makes.

    Hours are summed, demands are the maximum over the tasks (and ``task_switching`` at least
    what the number of tasks asks), schedule and stimulus the strictest; see the module docstring
    for every field. :func:`carve` builds its packages with this function.

    Parameters
    ----------
    tasks
        :class:`Task` models or dicts in their JSON shape; any order.
    id
        Id of the package.
    terms
        :class:`PackageTerms` (or a dict of its fields): employer, offers, contract, ...

    Returns
    -------
    TaskPackage
        Ready for :func:`wbamatch.match` and :func:`wbamatch.compatibility`.

    Raises
    ------
    InputError
        No tasks, more than 60 hours a week, or tasks at two workplaces.
    DuplicateIdError
        Two tasks share an id.
    pydantic.ValidationError
        A task does not validate (for example hours <= 0); the title names the task id.

    Example
    -------
    >>> pkg = package_from_tasks(
    ...     [{"id": "t1", "hours": 8, "tags": ["archiving"], "demands": {"lifting": 1}},
    ...      {"id": "t2", "hours": 12, "tags": ["scanning"], "stimulus": "low",
    ...       "schedule": {"kind": "evening", "start": "18:00"}}],
    ...     id="p-carved")
    >>> pkg.hours.per_week, pkg.tasks, pkg.schedule.kind.value, pkg.stimulus.value
    (20.0, ['archiving', 'scanning'], 'evening', 'medium')
    >>> pkg.demands.level("lifting"), pkg.demands.level("task_switching")
    (1, 1)
    """
    return _build_package(_validated_tasks(tasks), id, _terms(terms))


# --------------------------------------------------------------------------------------------
# The pool, judged per candidate
# --------------------------------------------------------------------------------------------

_SITTING, _WALKING, _STANDING = (DIMENSIONS.index(d) for d in ("sitting", "walking", "standing"))
#: Index of the fixed schedule in :data:`SCHEDULE_STRICTNESS` (the least strict kind).
_FIXED_KIND: Final[int] = SCHEDULE_STRICTNESS.index(ScheduleKind.FIXED)


@dataclass(frozen=True, eq=False)
class _Pool:
    """The tasks in id order as arrays, and each task alone as a package."""

    tasks: tuple[Task, ...]
    terms: PackageTerms
    hours: NDArray[np.float64]
    keys: tuple[LocationKey, ...]  # workplace per task; _REMOTE for remote tasks
    places: dict[LocationKey, Location | None]  # a location object per workplace key
    start: NDArray[np.float64]  # minutes after midnight, NaN = unknown
    kind: NDArray[np.int64]  # schedule kind, index in SCHEDULE_STRICTNESS
    office: NDArray[np.bool_]  # done at the office (not hybrid, not remote)
    demands: NDArray[np.int64]  # (n_tasks, n_dimensions), as given
    tags: tuple[str, ...]
    incidence: NDArray[np.bool_]  # (n_tasks, n_tags)
    singles: tuple[TaskPackage, ...]

    def __len__(self) -> int:
        return len(self.tasks)


def _pool(tasks: Iterable[Task | Mapping[str, Any]], terms: PackageTerms) -> _Pool:
    ts = _validated_tasks(tasks)
    ids = [t.id for t in ts]
    # Unknown places are reported here, naming the task, not later under a made-up package id.
    resolve_locations([t.location for t in ts], ids, "location", record="Task")
    resolve_locations([terms.location], ["terms"], "location", record="PackageTerms")
    keys = tuple(_effective_key(t, terms) for t in ts)
    places: dict[LocationKey, Location | None] = {}
    for t, key in zip(ts, keys, strict=True):
        if key not in places and key != _REMOTE:
            places[key] = t.location if t.location is not None else terms.location
    tags = tuple(sorted({g for t in ts for g in t.tags}))
    column = {g: k for k, g in enumerate(tags)}
    incidence = np.zeros((len(ts), len(tags)), dtype=np.bool_)
    for i, t in enumerate(ts):
        incidence[i, [column[g] for g in t.tags]] = True
    width = len(str(len(ts)))
    singles = tuple(_build_package([t], f"~task{k:0{width}d}", terms) for k, t in enumerate(ts))
    return _Pool(
        tasks=tuple(ts),
        terms=terms,
        hours=np.array([t.hours for t in ts], dtype=np.float64),
        keys=keys,
        places=places,
        start=np.array(
            [np.nan if s is None else float(s) for s in (t.schedule.start_minutes for t in ts)]
        ),
        kind=np.array([SCHEDULE_STRICTNESS.index(t.schedule.kind) for t in ts], dtype=np.int64),
        office=np.array([t.work_location is WorkLocation.OFFICE for t in ts], dtype=np.bool_),
        demands=np.array([t.demands.as_tuple() for t in ts], dtype=np.int64).reshape(
            len(ts), len(DIMENSIONS)
        ),
        tags=tags,
        incidence=incidence,
        singles=singles,
    )


def _rule_bits(field_name: str) -> np.uint64:
    """Bits of every code of the registered rules whose ``package_reads`` contain ``field_name``."""
    out = np.uint64(0)
    for rule in REGISTRY:
        if field_name in rule.package_reads:
            for code in rule.codes:
                out |= REGISTRY.bits[code]
    return out


def _count_limit(candidate: Candidate, cfg: MatchConfig) -> tuple[str, int | None]:
    """The reason code that caps the number of tasks, and the cap (None = no cap).

    More tasks ask more task switching (:data:`TASK_LIMIT_BY_TASK_SWITCHING`). A known profile is
    capped by its ``task_switching`` capacity (``capacity:task_switching``); an unknown profile
    (``capacities: null``) passes no demand above ``config.norm_demand_level``
    (``capacity_unknown``), so it is capped by the number of tasks that level admits.
    """
    if candidate.capacities is None:
        return "capacity_unknown", task_limit(cfg.norm_demand_level)
    return "capacity:task_switching", task_limit(candidate.capacities.level("task_switching"))


def _reported_limit(candidate: Candidate, cfg: MatchConfig) -> int | None:
    """:attr:`CarveResult.task_limit`: the cap of :func:`_count_limit`; for an unknown profile
    None when ``capacity_unknown`` is switched off."""
    code, limit = _count_limit(candidate, cfg)
    if candidate.capacities is None and cfg.mode_of(code) == "off":
        return None
    return limit


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


@dataclass(frozen=True, eq=False)
class _Movement:
    """The ``movement`` rule and score component for a candidate who must move regularly.

    A package is seated all day when a task sits at the top level and no task asks walking or
    standing (:func:`wbamatch.rules._workplace.seated_only` on the maximum demands); the score
    component is 1 when some task asks walking. Probe packages ask nothing, so the segments
    score this component 0 for such a candidate and the model adds it.
    """

    seated: NDArray[np.bool_]  # over the pool's tasks
    moving: NDArray[np.bool_]
    walking: NDArray[np.bool_]
    mode: str  # of the movement code: hard, penalty or off
    weight: float  # the component's share of the score


@dataclass(frozen=True, eq=False)
class _Plan:
    """What the solver needs to know about one candidate and the pool."""

    candidate: Candidate
    package_id: str
    allowed: NDArray[np.bool_]  # tasks that break no hard per-task rule
    ruled_out: dict[int, list[str]]  # task row -> hard codes that rule it out on its own
    penalised: dict[str, NDArray[np.bool_]]  # penalty-mode per-task code -> tasks breaking it
    limit: int | None  # task count limit, None = none
    limit_is_penalty: bool
    limit_code: str  # the code a package with too many tasks breaks
    reported_limit: int | None  # CarveResult.task_limit
    movement: _Movement | None
    segments: tuple[_Segment, ...]
    reasons: tuple[CarveReason, ...]  # package-wide blockers, for an empty result
    skills_weight: float
    interests_weight: float


@dataclass
class _Piece:
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


def _breakpoints(
    candidate: Candidate, terms: PackageTerms, cfg: MatchConfig, start: float, minutes: float
) -> list[float]:
    """Hours a week where a rule or a score component of the core may change its form.

    Between two of them the core's non-tag score is linear in the hours and its verdicts are
    constant; :func:`_plan` checks that on every piece, so a point missed here cannot pass
    unnoticed.
    """
    d = terms.days
    out = [candidate.hours.min, candidate.hours.max, BREAK_AFTER_HOURS_PER_DAY * d]
    if candidate.hours.max_per_day is not None:
        out.append(candidate.hours.max_per_day * d)
    if terms.growth_hours is not None:
        out += [MAX_HOURS_PER_WEEK - terms.growth_hours, MAX_HOURS_PER_WEEK - 8.0]
    if np.isfinite(start):
        # The working day [start, end) with end = start + 60 * hours / days (+ break) reaches
        # into an evening or night window (a, b), or into that window a day earlier or later
        # (the night wraps past midnight), once end passes a.
        for a, _ in cfg.day_windows().values():
            for shift in (-24 * 60.0, 0.0, 24 * 60.0):
                for pause in (0.0, cfg.break_minutes):
                    out.append((a + shift - start - pause) * d / 60.0)
    if np.isfinite(start) and np.isfinite(minutes):
        # Trip home [end, end + minutes] with end = start + 60 * hours / days (+ break): it
        # touches a peak window (a, b) for ends between a - minutes and b.
        for a, b in cfg.peak_minutes():
            for pause in (0.0, cfg.break_minutes):
                out.append((a - minutes - start - pause) * d / 60.0)
                out.append((b - start - pause) * d / 60.0)
    return out


@dataclass(frozen=True, eq=False)
class _Probe:
    """Packages that sample one (workplace, start) family: each point, then three per interval."""

    start: float
    points: list[float]
    intervals: list[tuple[float, float]]
    first: int  # probe column of the first point


@dataclass(frozen=True, eq=False)
class _Variant:
    """The packages of one workplace and one work location: office only, hybrid (an on-site
    task and a hybrid or remote one), either of the two when the core judges them alike, or
    remote. ``kinds`` holds the probes per schedule kind (index in :data:`SCHEDULE_STRICTNESS`;
    one entry ``None`` when the kind changes nothing) and start time."""

    members: NDArray[np.bool_]
    required: tuple[NDArray[np.bool_], ...]
    kinds: tuple[tuple[int | None, tuple[_Probe, ...]], ...]


_INTERIOR: Final[tuple[float, float, float]] = (0.25, 0.5, 0.75)


def _probe_task(
    key: LocationKey,
    start: float,
    place: Location | None,
    kind: ScheduleKind = ScheduleKind.FIXED,
    where: WorkLocation | None = None,
) -> Task:
    hhmm = None if np.isnan(start) else f"{int(start) // 60:02d}:{int(start) % 60:02d}"
    if where is None:
        where = WorkLocation.REMOTE if key == _REMOTE else WorkLocation.OFFICE
    return Task(
        id="probe",
        hours=1.0,
        schedule=Schedule(kind=kind, start=hhmm),
        stimulus=Stimulus.LOW,
        location=place,
        work_location=where,
    )


def _probe_values(
    comp: Compatibility, cfg: MatchConfig
) -> tuple[NDArray[np.float64], NDArray[np.uint64]]:
    """Each probe's score without the tag components, and its hard codes.

    Codes judged per task are left out of both: the model adds them task by task (a probe with
    flexible hours breaks ``fixed_hours``, which the model charges to the flexible tasks).
    """
    per_task = REGISTRY.per_task_bits
    violations = comp.violations[0]
    n_penalties = comp.n_penalties[0].astype(np.float64)
    for code in decode(code_mask(cfg, "penalty") & per_task):
        n_penalties = n_penalties - ((violations & BIT[code]) != 0)
    values = (
        sum(
            (v[0] for name, v in comp.components.items() if name not in _TAG_COMPONENTS),
            start=np.zeros(violations.size),
        )
        - cfg.penalty * n_penalties
    )
    hard = violations & code_mask(cfg, "hard") & ~(BIT["excluded"] | per_task)
    return values, hard


def _sensitivity(
    pool: _Pool,
    candidate: Candidate,
    cfg: MatchConfig,
    workplaces: Sequence[LocationKey],
    travel_minutes: TravelTimeProvider | None,
) -> list[tuple[bool, bool, bool]]:
    """Per workplace: whether start times, schedule kinds and hybrid work need their own families.

    Three packages per workplace tell: fixed hours with an unknown start, flexible hours with an
    unknown start, and hybrid work. This rests on two properties of the rules, read from their
    :attr:`~wbamatch.rules.Rule.package_reads`: a rule reading the start time breaks on an
    unknown start whenever it applies at all (rush hour, evening, night: unknown is never a
    pass), and a rule reading the schedule (other than the per-task ``fixed_hours``) breaks on
    flexible hours, whose working window is unknown, whenever it applies at all (evening,
    night). Hybrid work gets its own families when its package differs from the office one in
    any code or in its score (the ``office`` need, with office days not given). The core's
    final judgement of the chosen package guards all three shortcuts.
    """
    if not workplaces:
        return []
    probes: list[TaskPackage] = []
    for m, key in enumerate(workplaces):
        place = pool.places.get(key)
        hybrid = WorkLocation.REMOTE if key == _REMOTE else WorkLocation.HYBRID
        looks = (
            _probe_task(key, math.nan, place),
            _probe_task(key, math.nan, place, ScheduleKind.FLEXIBLE),
            _probe_task(key, math.nan, place, where=hybrid),
        )
        for j, t in enumerate(looks):
            probes.append(_build_package([t], f"~look{3 * m + j:06d}", pool.terms))
    comp = compatibility([candidate], probes, cfg, travel_minutes=travel_minutes)
    values, _ = _probe_values(comp, cfg)
    bits = comp.violations[0]
    start_bits = _rule_bits("start")
    schedule_bits = _rule_bits("schedule") & ~REGISTRY.per_task_bits
    out = []
    for m in range(len(workplaces)):
        fixed, flexible, hybrid_at = 3 * m, 3 * m + 1, 3 * m + 2
        out.append(
            (
                bool(bits[fixed] & start_bits),
                bool(bits[flexible] & schedule_bits),
                bool(bits[hybrid_at] != bits[fixed])
                or abs(float(values[hybrid_at]) - float(values[fixed])) > _SAME,
            )
        )
    return out


def _ruled_out(
    allowed: NDArray[np.bool_],
    bits: NDArray[np.uint64],
    hard: np.uint64,
    varying: NDArray[np.bool_],
) -> dict[int, list[str]]:
    """Task row -> the hard codes that rule it out on its own: the per-task codes and, for a task
    whose schedule is not fixed, those of the rules that read the schedule (see :func:`_plan`)."""
    per_task = REGISTRY.per_task_bits
    schedule = _rule_bits("schedule")
    return {
        i: decode(bits[i] & hard & (per_task | (schedule if varying[i] else np.uint64(0))))
        for i in np.flatnonzero(~allowed).tolist()
    }


def _package_wide(code: str) -> str:
    """A code that blocks a whole family of packages, in the registry's words."""
    words = REGISTRY.reason(code, "en") if code in REGISTRY.codes else code
    return (
        f"{code}: every package the fitting tasks can make at one workplace (or of one work "
        f"location or schedule kind), whatever its hours: {words}"
    )


def _plan(
    pool: _Pool,
    candidate: Candidate,
    cfg: MatchConfig,
    package_id: str,
    travel_minutes: TravelTimeProvider | None,
) -> _Plan:
    """Judge every task and every family of packages with the core.

    1. Each task alone: a rule that a package breaks exactly when one of its tasks alone does
       (:attr:`REGISTRY.per_task_bits <wbamatch.rules.RuleRegistry.per_task_bits>`: capacity,
       fixed hours, stimulus) removes the tasks that break it in hard mode, and charges those
       that break it in penalty mode.
    2. Families of packages: one workplace (or all remote), one work location (office only or
       hybrid, where the core tells them apart), one schedule kind (where it matters) and one
       start time (where it matters). A package takes the strictest kind and the earliest start
       of its tasks, so a family of kind ``k`` holds the tasks of kind ``k`` or less and needs
       one of kind ``k``. Within a family the core is sampled at the hours breakpoints.
    3. Rules that read the schedule (evening, night) are judged on the families, not per task:
       an evening task alone may reach into the night when a package starting earlier does not.
       A task whose schedule is not fixed and which no family can use, and which breaks such a
       rule on its own in hard mode, is ruled out with those codes as its reasons: one such
       task makes every package's window unknown (flexible, shifts) or evening work.
    """
    n = len(pool)
    hard = code_mask(cfg, "hard")
    per_task = REGISTRY.per_task_bits
    varying = pool.kind != _FIXED_KIND
    # 1. Each task alone: the per-task rules.
    single = compatibility([candidate], pool.singles, cfg, travel_minutes=travel_minutes)
    bits = single.violations[0]
    allowed = (bits & hard & per_task) == 0
    penalised: dict[str, NDArray[np.bool_]] = {}
    for code in decode(per_task):
        if cfg.mode_of(code) == "penalty":
            mask = ((bits & BIT[code]) != 0) & allowed
            if mask.any():
                penalised[code] = mask
    if candidate.excluded_packages and package_id in candidate.excluded_packages:
        ruled_out = _ruled_out(allowed, bits, hard, varying)
        reasons = [*_task_reasons(ruled_out, n)]
        reasons.append(
            CarveReason(
                code="excluded",
                tasks=n,
                message=f"the candidate said no to package {package_id!r}",
            )
        )
        return _empty_plan(candidate, package_id, allowed, ruled_out, cfg, reasons)

    # 2. Families of packages.
    key_index = {k: m for m, k in enumerate(dict.fromkeys(pool.keys))}
    keys = np.array([key_index[k] for k in pool.keys], dtype=np.int64)
    remote = keys == key_index.get(_REMOTE, -1)
    minutes_at = {
        pool.keys[j]: float(single.minutes[0, j]) for j in range(n) if pool.keys[j] != _REMOTE
    }
    workplaces = sorted({k for k, ok in zip(pool.keys, allowed, strict=True) if ok}, key=repr)
    looks = _sensitivity(pool, candidate, cfg, workplaces, travel_minutes)
    probes: list[TaskPackage] = []
    variants: list[_Variant] = []
    for key, (start_matters, kind_matters, hybrid_differs) in zip(workplaces, looks, strict=True):
        place = pool.places.get(key)
        on_site = allowed & (keys == key_index[key])
        options: list[tuple[WorkLocation, NDArray[np.bool_], list[NDArray[np.bool_]]]]
        if key == _REMOTE:
            everything = on_site
            options = [(WorkLocation.REMOTE, on_site, [])]
        else:
            everything = on_site | (allowed & remote)
            if not hybrid_differs:
                options = [(WorkLocation.OFFICE, everything, [on_site])]
            else:  # office-only packages apart from those with a hybrid or remote task
                office_only = on_site & pool.office
                non_office = everything & ~pool.office
                options = []
                if office_only.any():
                    options.append((WorkLocation.OFFICE, office_only, []))
                if non_office.any():
                    options.append((WorkLocation.HYBRID, everything, [on_site, non_office]))
        cap = min(MAX_HOURS_PER_WEEK, math.fsum(pool.hours[everything].tolist()))
        starts = pool.start[everything]
        classes = sorted(set(starts[np.isfinite(starts)].tolist()))
        if not start_matters:
            classes = [math.nan]  # one family: every start is judged alike
        elif np.isnan(starts).any():
            classes.append(math.nan)
        grids = []
        for start in classes:
            bps = _breakpoints(candidate, pool.terms, cfg, start, minutes_at.get(key, math.nan))
            points = [*sorted({round(b, 9) for b in bps if 0.0 < b < cap - _SAME}), cap]
            intervals = [
                (lo, hi)
                for lo, hi in zip([0.0, *points[:-1]], points, strict=True)
                if hi - lo > 4 * _OPEN_MARGIN
            ]
            grids.append((start, points, intervals))
        for where, members, required in options:
            kinds: list[int | None] = [None]
            if kind_matters:
                kinds = [int(k) for k in sorted(set(pool.kind[members].tolist()))]
            per_kind = []
            for k in kinds:
                kind = SCHEDULE_STRICTNESS[_FIXED_KIND if k is None else k]
                fams: list[_Probe] = []
                for start, points, intervals in grids:
                    probe = _probe_task(key, start, place, kind, where)
                    base = _build_package([probe], "~probe", pool.terms)
                    first = len(probes)
                    hours = [
                        *points,
                        *(lo + f * (hi - lo) for lo, hi in intervals for f in _INTERIOR),
                    ]
                    for h in hours:
                        update = {
                            "id": f"~probe{len(probes):07d}",
                            "hours": _package_hours(h, pool.terms),
                        }
                        probes.append(base.model_copy(update=update))
                    fams.append(_Probe(start, points, intervals, first))
                per_kind.append((k, tuple(fams)))
            variants.append(_Variant(members, tuple(required), tuple(per_kind)))

    segments: list[_Segment] = []
    blockers = 0
    piecewise_blocked = False
    if probes:
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
                    if not own.any() or not all((r & own).any() for r in req):
                        continue  # no package of these tasks has this start
                    shortest = float(pool.hours[own].min())
                    for p in parts:
                        lo = max(p.lo + (_OPEN_MARGIN if p.lo_open else 0.0), shortest)
                        hi = p.hi - (_OPEN_MARGIN if p.hi_open else 0.0)
                        if lo <= hi:
                            beta = p.beta if p.has_line else 0.0
                            segments.append(_Segment(own, tuple(req), lo, hi, p.alpha, beta))

    # 3. A varying or evening task no family can use, that breaks a schedule rule on its own.
    usable = np.zeros(n, dtype=np.bool_)
    for seg in segments:
        usable |= seg.allowed
    dead = allowed & ~usable & varying & ((bits & hard & _rule_bits("schedule")) != 0)
    allowed = allowed & ~dead
    ruled_out = _ruled_out(allowed, bits, hard, varying)
    reasons = _task_reasons(ruled_out, n)
    if not allowed.any():
        reasons.append(CarveReason(code="no_task_fits", tasks=n, message="no task fits on its own"))
    elif not segments:
        for code in decode(np.uint64(blockers)):
            reasons.append(
                CarveReason(code=code, tasks=int(allowed.sum()), message=_package_wide(code))
            )
        if piecewise_blocked or not blockers:
            reasons.append(_NO_COMBINATION)

    limit_code, count_limit = _count_limit(candidate, cfg)
    limit_mode = cfg.mode_of(limit_code)
    limit = None if limit_mode == "off" else count_limit
    limit_is_penalty = limit_mode == "penalty"
    if limit is not None and limit_is_penalty and limit >= int(allowed.sum()):
        limit = None
    weights = cfg.component_weights()
    total = sum(weights.values())
    movement = None
    if candidate.needs.movement:
        d = pool.demands
        movement = _Movement(
            seated=d[:, _SITTING] >= MAX_LEVEL,
            moving=(d[:, _WALKING] > 0) | (d[:, _STANDING] > 0),
            walking=d[:, _WALKING] > 0,
            mode=cfg.mode_of("movement"),
            weight=weights["movement"] / total,
        )
    return _Plan(
        candidate=candidate,
        package_id=package_id,
        allowed=allowed,
        ruled_out=ruled_out,
        penalised=penalised,
        limit=limit,
        limit_is_penalty=limit_is_penalty,
        limit_code=limit_code,
        reported_limit=_reported_limit(candidate, cfg),
        movement=movement,
        segments=tuple(segments),
        reasons=tuple(reasons),
        skills_weight=weights["skills"] / total,
        interests_weight=weights["interests"] / total,
    )


def _task_reasons(ruled_out: Mapping[int, list[str]], n: int) -> list[CarveReason]:
    """One reason per code that rules tasks out on their own, most tasks first."""
    counts: dict[str, int] = {}
    for codes in ruled_out.values():
        for code in codes:
            counts[code] = counts.get(code, 0) + 1
    return [
        CarveReason(
            code=code,
            tasks=counts[code],
            message=f"{code}: {REGISTRY.reason(code, 'en')}, for {counts[code]} of {n} tasks "
            "on their own",
        )
        for code in sorted(counts, key=lambda c: (-counts[c], c))
    ]


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


_NO_COMBINATION = CarveReason(
    code="no_combination",
    tasks=0,
    message="no combination of the tasks that fit meets every rule at once (hours range, "
    "task limit, one workplace, start time, schedule kind, work location, movement)",
)


_NO_TIME = CarveReason(
    code="time_limit",
    tasks=0,
    message="the time limit stopped the solver before it found a package; raise time_limit",
)


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


def _empty_plan(
    candidate: Candidate,
    package_id: str,
    allowed: NDArray[np.bool_],
    ruled_out: dict[int, list[str]],
    cfg: MatchConfig,
    reasons: list[CarveReason],
) -> _Plan:
    return _Plan(
        candidate=candidate,
        package_id=package_id,
        allowed=np.zeros_like(allowed),
        ruled_out=ruled_out,
        penalised={},
        limit=None,
        limit_is_penalty=False,
        limit_code=_count_limit(candidate, cfg)[0],
        reported_limit=_reported_limit(candidate, cfg),
        movement=None,
        segments=(),
        reasons=tuple(reasons),
        skills_weight=0.0,
        interests_weight=0.0,
    )


# --------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------


class _Lp:
    """A mixed-integer program built up in blocks of columns and rows (maximisation)."""

    def __init__(self) -> None:
        self.obj: list[float] = []
        self.lb: list[float] = []
        self.ub: list[float] = []
        self.integer: list[int] = []
        self.r: list[NDArray[np.intp]] = []
        self.c: list[NDArray[np.intp]] = []
        self.v: list[NDArray[np.float64]] = []
        self.rlb: list[float] = []
        self.rub: list[float] = []

    def var(
        self, n: int, obj: Any = 0.0, ub: Any = 1.0, *, integer: bool = False
    ) -> NDArray[np.intp]:
        start = len(self.obj)
        self.obj += np.broadcast_to(np.asarray(obj, dtype=np.float64), (n,)).tolist()
        self.lb += [0.0] * n
        self.ub += np.broadcast_to(np.asarray(ub, dtype=np.float64), (n,)).tolist()
        self.integer += [int(integer)] * n
        return np.arange(start, start + n, dtype=np.intp)

    def rows(
        self,
        local: NDArray[np.intp],
        cols: NDArray[np.intp],
        vals: NDArray[np.float64] | float,
        n_rows: int,
        lb: float,
        ub: float,
    ) -> None:
        """Add ``n_rows`` rows ``lb <= sum(vals * x[cols]) <= ub``; ``local`` numbers the rows."""
        offset = len(self.rlb)
        self.r.append(np.asarray(local, dtype=np.intp) + offset)
        self.c.append(np.asarray(cols, dtype=np.intp))
        self.v.append(np.broadcast_to(np.asarray(vals, dtype=np.float64), np.shape(cols)).copy())
        self.rlb += [lb] * n_rows
        self.rub += [ub] * n_rows

    def row(self, cols: NDArray[np.intp], vals: Any, lb: float, ub: float) -> None:
        self.rows(np.zeros(len(cols), dtype=np.intp), cols, vals, 1, lb, ub)

    def solve(self, time_limit: float, *, tuned: bool = True) -> Any:
        """``scipy.optimize.milp`` on the model, with :data:`_HIGHS_TUNING` when ``tuned``.

        A team keeps HiGHS's default heuristics: with many blocks competing for tasks they find
        good splits early (measured: 6.1 s against 8.3 s for five people and 50 tasks).

        HiGHS's presolve (scipy 1.17) may end some small infeasible models in a "solve error"
        (status 4) instead of proving them infeasible; such a model is solved again without
        presolve, which proves it.
        """
        import time

        start = time.monotonic()
        res = self._milp(time_limit, tuned=tuned, presolve=True)
        if res.x is None and res.status == 4:
            left = max(time_limit - (time.monotonic() - start), 0.01)
            res = self._milp(left, tuned=tuned, presolve=False)
        return res

    def _milp(self, time_limit: float, *, tuned: bool, presolve: bool) -> Any:
        import warnings

        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import csr_array

        n = len(self.obj)
        constraints = []
        if self.rlb:  # the matrix is rebuilt per solve: cuts may have added rows
            matrix = csr_array(
                (np.concatenate(self.v), (np.concatenate(self.r), np.concatenate(self.c))),
                shape=(len(self.rlb), n),
            )
            constraints.append(LinearConstraint(matrix, self.rlb, self.rub))
        options: dict[str, Any] = {"time_limit": float(time_limit), "mip_rel_gap": _MIP_REL_GAP}
        if not presolve:
            options["presolve"] = False
        c, integrality = -np.asarray(self.obj), np.asarray(self.integer)
        bounds = Bounds(np.asarray(self.lb), np.asarray(self.ub))
        if tuned:
            with warnings.catch_warnings():
                # scipy warns that it hands options it does not know to HiGHS: intended here.
                warnings.simplefilter("ignore", RuntimeWarning)
                try:
                    return milp(
                        c,
                        integrality=integrality,
                        bounds=bounds,
                        constraints=constraints,
                        options={**options, **_HIGHS_TUNING},
                    )
                except (AttributeError, TypeError, ValueError, KeyError):
                    pass  # a scipy or HiGHS without these options: solve with the defaults
        return milp(
            c, integrality=integrality, bounds=bounds, constraints=constraints, options=options
        )


@dataclass(frozen=True, eq=False)
class _Cosine:
    """One tag cosine of the score: ``weight * matched / sqrt(n_ref * size)``.

    The package's tag set has ``size = n_fixed + (tags in counted)`` tags, of which
    ``matched = n_fixed_matched + (tags in matched)`` are in the reference set of ``n_ref`` tags
    (the candidate's skills, or interests). ``n_fixed`` counts tags every package has (the
    terms' sector tags, for interests).
    """

    counted: NDArray[np.bool_]  # over the block's tags
    matched: NDArray[np.bool_]
    n_fixed: int
    n_fixed_matched: int
    n_ref: int
    weight: float
    max_size: int  # most tags a package of this candidate can have, fixed ones included

    def value(self, present: NDArray[np.bool_]) -> float:
        """The weighted cosine of a package whose block tags ``present`` are in it."""
        size = self.n_fixed + int((present & self.counted).sum())
        matched = self.n_fixed_matched + int((present & self.matched).sum())
        return 0.0 if size == 0 else self.weight * matched / math.sqrt(self.n_ref * size)


@dataclass(frozen=True, eq=False)
class _Block:
    """Where one candidate's variables sit in the model."""

    plan: _Plan
    rows: NDArray[np.intp]  # pool rows of the tasks this candidate may get
    x: NDArray[np.intp]
    u: NDArray[np.intp]  # one column per tag of the block's tasks
    segment_cols: NDArray[np.intp]  # w and h: the score's linear part is values @ these
    segment_vals: NDArray[np.float64]
    # Per penalty-mode code: x columns of the tasks that break it, and the task count above
    # which the package breaks it too (task switching, unknown capacities), or None.
    penalised: tuple[tuple[NDArray[np.intp], int | None], ...]
    penalty: float
    cosines: tuple[_Cosine, ...]
    # The movement rule and component (over ``rows``), for a candidate who must move: a penalty
    # when a seated task is chosen and no moving one (penalty mode), and ``movement_weight``
    # when a walking task is chosen.
    seated: NDArray[np.bool_]
    moving: NDArray[np.bool_]
    walking: NDArray[np.bool_]
    movement_penalty: bool
    movement_weight: float

    def value(self, solution: NDArray[np.float64]) -> float:
        """The package's score (unclipped) at an integer solution, read from the tasks chosen.

        Penalty flags, the movement component and cosines are recomputed from ``x`` and ``u``
        rather than read from their own columns, which a solution stopped early may leave other
        than the tasks say.
        """
        chosen = solution[self.x] > 0.5
        present = solution[self.u] > 0.5
        value = float(self.segment_vals @ solution[self.segment_cols])
        for cols, limit in self.penalised:
            too_many = limit is not None and int(chosen.sum()) > limit
            if too_many or bool((solution[cols] > 0.5).any()):
                value -= self.penalty
        if self.movement_penalty and chosen[self.seated].any() and not chosen[self.moving].any():
            value -= self.penalty
        if chosen[self.walking].any():
            value += self.movement_weight
        return value + sum(c.value(present) for c in self.cosines)


def _add_block(lp: _Lp, pool: _Pool, plan: _Plan, cfg: MatchConfig, *, team: bool) -> _Block:
    """Add one candidate's package choice to ``lp``; its objective is the package's core score.

    Variables: ``x[t]`` takes task ``t``; ``w[s]`` picks segment ``s`` (at most one) and
    ``h[s]`` holds the package's hours when it does; ``u[g]`` is 1 when tag ``g`` is in the
    package. The tag cosines are added by :func:`_add_cosine`.
    """
    rows = np.flatnonzero(plan.allowed)
    n = rows.size
    segments = plan.segments
    x = lp.var(n, integer=True)
    w = lp.var(len(segments), [s.alpha for s in segments], integer=True)
    h = lp.var(len(segments), [s.beta for s in segments], [s.hi for s in segments])
    score_cols: list[NDArray[np.intp]] = [w, h]
    score_vals: list[NDArray[np.float64]] = [
        np.array([s.alpha for s in segments]),
        np.array([s.beta for s in segments]),
    ]
    one = np.ones(len(segments))
    lp.row(w, one, 1.0 if not team else 0.0, 1.0)
    # A task only within the chosen segment; each segment's required tasks present.
    member = np.array([s.allowed[rows] for s in segments], dtype=np.bool_).reshape(-1, n).T
    t_idx, s_idx = np.nonzero(member)
    lp.rows(
        np.concatenate([np.arange(n), t_idx]),
        np.concatenate([x, w[s_idx]]),
        np.concatenate([np.ones(n), -np.ones(t_idx.size)]),
        n,
        -np.inf,
        0.0,
    )
    # At least one task in a chosen package (so hours near 0 cannot pass within tolerances).
    lp.row(np.concatenate([x, w]), np.concatenate([np.ones(n), -one]), 0.0, np.inf)
    for k, seg in enumerate(segments):
        for req in seg.required:
            cols = x[req[rows]]
            lp.row(np.append(cols, w[k]), np.append(np.ones(cols.size), -1.0), 0.0, np.inf)
    # Hours: the tasks' sum lies in the chosen segment's range.
    lp.row(np.concatenate([x, h]), np.concatenate([pool.hours[rows], -one]), 0.0, 0.0)
    k_seg = np.arange(len(segments))
    for bound, lb, ub in (("lo", 0.0, np.inf), ("hi", -np.inf, 0.0)):
        lp.rows(
            np.concatenate([k_seg, k_seg]),
            np.concatenate([h, w]),
            np.concatenate([one, -np.array([getattr(s, bound) for s in segments])]),
            len(segments),
            lb,
            ub,
        )
    segment_cols, segment_vals = np.concatenate(score_cols), np.concatenate(score_vals)
    # Per-task rules in penalty mode: one penalty per code, when any chosen task breaks it.
    penalty = cfg.penalty
    count_code = plan.limit_code
    count_limit = plan.limit if plan.limit_is_penalty else None
    codes = dict(plan.penalised)
    if count_limit is not None:
        codes.setdefault(count_code, np.zeros(len(plan.allowed), dtype=np.bool_))
    penalised = []
    for code, mask in codes.items():
        limit = count_limit if code == count_code else None
        v = lp.var(1, -penalty, integer=limit is not None)
        breakers = x[mask[rows]]
        lp.rows(
            np.concatenate([np.arange(breakers.size)] * 2),
            np.concatenate([np.repeat(v, breakers.size), breakers]),
            np.concatenate([np.ones(breakers.size), -np.ones(breakers.size)]),
            breakers.size,
            0.0,
            np.inf,
        )
        if limit is not None:  # more tasks than the limit: the flag must be up
            lp.row(np.append(x, v), np.append(np.ones(n), -float(n - limit)), -np.inf, limit)
        score_cols.append(v)
        score_vals.append(np.array([-penalty]))
        penalised.append((breakers, limit))
    if plan.limit is not None and not plan.limit_is_penalty:
        lp.row(x, np.ones(n), -np.inf, float(plan.limit))
    seated, moving, walking, movement_penalty, movement_weight = _add_movement(
        lp, plan, rows, x, penalty, score_cols, score_vals
    )
    u, cosines = _add_tags(lp, pool, plan, rows, x, w, score_cols, score_vals)
    if team and cfg.min_score > 0:
        lp.row(
            np.concatenate([*score_cols, w]),
            np.concatenate([*score_vals, -cfg.min_score * one]),
            0.0,
            np.inf,
        )
    return _Block(
        plan,
        rows,
        x,
        u,
        segment_cols,
        segment_vals,
        tuple(penalised),
        penalty,
        cosines,
        seated,
        moving,
        walking,
        movement_penalty,
        movement_weight,
    )


def _add_movement(
    lp: _Lp,
    plan: _Plan,
    rows: NDArray[np.intp],
    x: NDArray[np.intp],
    penalty: float,
    score_cols: list[NDArray[np.intp]],
    score_vals: list[NDArray[np.float64]],
) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.bool_], bool, float]:
    """The ``movement`` rule and score component, for a candidate who must move regularly.

    ``y`` is 1 only when a task that asks walking or standing is chosen; a chosen seated task
    (sitting at the top level) needs ``y`` (hard mode) or raises the penalty flag ``v >= x - y``
    (penalty mode). ``m`` carries the component's weight when a walking task is chosen (the
    probes, which ask nothing, scored it 0).
    """
    none = np.zeros(rows.size, dtype=np.bool_)
    mv = plan.movement
    if mv is None:
        return none, none, none, False, 0.0
    seated, moving, walking = mv.seated[rows], mv.moving[rows], mv.walking[rows]
    is_penalty = False
    if mv.mode != "off" and seated.any():
        y = lp.var(1)
        lp.row(np.append(y, x[moving]), np.append(1.0, -np.ones(int(moving.sum()))), -np.inf, 0.0)
        sit = x[seated]
        k = np.arange(sit.size)
        if mv.mode == "hard":  # x[s] <= y
            lp.rows(
                np.concatenate([k, k]),
                np.concatenate([sit, np.repeat(y, sit.size)]),
                np.concatenate([np.ones(sit.size), -np.ones(sit.size)]),
                sit.size,
                -np.inf,
                0.0,
            )
        else:  # v >= x[s] - y
            is_penalty = True
            v = lp.var(1, -penalty, integer=True)
            lp.rows(
                np.concatenate([k, k, k]),
                np.concatenate([np.repeat(v, sit.size), sit, np.repeat(y, sit.size)]),
                np.concatenate([np.ones(sit.size), -np.ones(sit.size), np.ones(sit.size)]),
                sit.size,
                0.0,
                np.inf,
            )
            score_cols.append(v)
            score_vals.append(np.array([-penalty]))
    weight = mv.weight if walking.any() else 0.0
    if weight > 0:
        m = lp.var(1, weight)
        lp.row(np.append(m, x[walking]), np.append(1.0, -np.ones(int(walking.sum()))), -np.inf, 0.0)
        score_cols.append(m)
        score_vals.append(np.array([weight]))
    return seated, moving, walking, is_penalty, mv.weight


def _add_tags(
    lp: _Lp,
    pool: _Pool,
    plan: _Plan,
    rows: NDArray[np.intp],
    x: NDArray[np.intp],
    w: NDArray[np.intp],
    score_cols: list[NDArray[np.intp]],
    score_vals: list[NDArray[np.float64]],
) -> tuple[NDArray[np.intp], tuple[_Cosine, ...]]:
    """The skills and interests components: cosines of the candidate's tags and the package's."""
    cand = plan.candidate
    skills = set(cand.skills) if plan.skills_weight > 0 else set()
    interests = set(cand.interests) if plan.interests_weight > 0 else set()
    no_tags = np.empty(0, dtype=np.intp)
    if not skills and not interests:
        return no_tags, ()
    incidence = pool.incidence[rows]
    present = np.flatnonzero(incidence.any(axis=0))
    tags = [pool.tags[g] for g in present]
    incidence = incidence[:, present]
    u = lp.var(len(tags))
    t_idx, g_idx = np.nonzero(incidence)
    # u[g] >= x[t] for every task t with tag g, and u[g] <= sum of those x[t].
    lp.rows(
        np.concatenate([np.arange(t_idx.size)] * 2),
        np.concatenate([u[g_idx], x[t_idx]]),
        np.concatenate([np.ones(t_idx.size), -np.ones(t_idx.size)]),
        t_idx.size,
        0.0,
        np.inf,
    )
    lp.rows(
        np.concatenate([np.arange(len(tags)), g_idx]),
        np.concatenate([u, x[t_idx]]),
        np.concatenate([np.ones(len(tags)), -np.ones(t_idx.size)]),
        len(tags),
        -np.inf,
        0.0,
    )
    # Most distinct tags a package can have: with a task limit, those of its largest tasks.
    per_task = np.sort(incidence.sum(axis=1))[::-1]
    hard_limit = plan.limit is not None and not plan.limit_is_penalty
    most = int(per_task[: plan.limit].sum()) if hard_limit else len(tags)
    fixed = set(pool.terms.tags)
    cosines: list[_Cosine] = []
    if skills:
        matched = np.array([g in skills for g in tags], dtype=np.bool_)
        everything = np.ones(len(tags), dtype=np.bool_)
        cosines.append(
            _Cosine(
                everything, matched, 0, 0, len(skills), plan.skills_weight, min(most, len(tags))
            )
        )
    if interests:
        extra = np.array([g not in fixed for g in tags], dtype=np.bool_)
        wanted = np.array([g in interests for g in tags], dtype=np.bool_)
        cosines.append(
            _Cosine(
                extra,
                extra & wanted,
                len(fixed),
                len(fixed & interests),
                len(interests),
                plan.interests_weight,
                len(fixed) + min(most, int(extra.sum())),
            )
        )
    out = tuple(_add_cosine(lp, u, w, cos, score_cols, score_vals) for cos in cosines)
    return u, out


def _add_cosine(
    lp: _Lp,
    u: NDArray[np.intp],
    w: NDArray[np.intp],
    cos: _Cosine,
    score_cols: list[NDArray[np.intp]],
    score_vals: list[NDArray[np.float64]],
) -> _Cosine:
    """Add one cosine, exact in a linear model.

    ``z[s]`` picks the package's tag count ``s`` (one of them when a package is chosen) and
    ``a[s]`` carries the matched count at the weight ``1 / sqrt(n_ref * s)``; ``a[s]`` is 0
    unless ``z[s]`` is 1, and the ``a`` add up to at most the matched count.
    """
    sizes = np.arange(cos.n_fixed, cos.max_size + 1, dtype=np.float64)
    z = lp.var(sizes.size, integer=True)
    chosen = -np.ones(w.size)
    lp.row(np.concatenate([z, w]), np.concatenate([np.ones(z.size), chosen]), 0.0, 0.0)
    counted = u[cos.counted]
    lp.row(
        np.concatenate([z, counted, w]),
        np.concatenate([sizes, -np.ones(counted.size), cos.n_fixed * chosen]),
        0.0,
        0.0,
    )
    positive = sizes > 0
    coef = cos.weight / np.sqrt(cos.n_ref * sizes[positive])
    cap = np.minimum(cos.n_ref, sizes[positive])
    a = lp.var(coef.size, coef, cap)
    k = np.arange(coef.size)
    lp.rows(
        np.concatenate([k, k]),
        np.concatenate([a, z[positive]]),
        np.concatenate([np.ones(coef.size), -cap]),
        coef.size,
        -np.inf,
        0.0,
    )
    matched = u[cos.matched]
    lp.row(
        np.concatenate([a, matched, w]),
        np.concatenate([np.ones(a.size), -np.ones(matched.size), cos.n_fixed_matched * chosen]),
        -np.inf,
        0.0,
    )
    score_cols.append(a)
    score_vals.append(coef)
    return cos


# --------------------------------------------------------------------------------------------
# Solving and reporting
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Outcome:
    status: CarveStatus
    gap: float | None
    picks: list[NDArray[np.intp]]  # pool rows per block
    comps: list[Compatibility | None]  # the core's verdict on each block's package
    found: bool = True  # False when the solver stopped without any solution


def _judge(
    pool: _Pool,
    block: _Block,
    pick: NDArray[np.intp],
    cfg: MatchConfig,
    travel_minutes: TravelTimeProvider | None,
) -> Compatibility:
    package = _build_package([pool.tasks[i] for i in pick], block.plan.package_id, pool.terms)
    return compatibility([block.plan.candidate], [package], cfg, travel_minutes=travel_minutes)


def _check(block: _Block, comp: Compatibility, predicted: float) -> None:
    core = float(comp.scores[0, 0])
    if abs(float(np.clip(predicted, 0.0, 1.0)) - core) > 1e-6:
        raise SolverError(
            "internal error in carve: the model's score of a package differs from the core's "
            f"({predicted:.6f}, {core:.6f}); please report"
        )


def _cut(lp: _Lp, block: _Block, pick: NDArray[np.intp]) -> None:
    """Forbid exactly this set of tasks for this block."""
    chosen = np.isin(block.rows, pick)
    lp.row(block.x, np.where(chosen, 1.0, -1.0), -np.inf, float(pick.size - 1))


def _solve(
    pool: _Pool,
    blocks: list[_Block],
    lp: _Lp,
    cfg: MatchConfig,
    travel_minutes: TravelTimeProvider | None,
    time_limit: float,
) -> _Outcome:
    """Solve, then have the core judge every package; cut off any it rejects and solve again."""
    import time

    deadline = time.monotonic() + time_limit
    for _ in range(_MAX_CUTS + 1):
        res = lp.solve(max(deadline - time.monotonic(), 0.01), tuned=len(blocks) == 1)
        if res.x is None:
            status = CarveStatus.INFEASIBLE if res.status == 2 else CarveStatus.TIME_LIMIT
            empty = [np.empty(0, np.intp)] * len(blocks)
            return _Outcome(status, None, empty, [None] * len(blocks), found=False)
        solution = np.asarray(res.x)
        picks = [b.rows[solution[b.x] > 0.5] for b in blocks]
        comps: list[Compatibility | None] = []
        rejected = False
        for block, pick in zip(blocks, picks, strict=True):
            if pick.size == 0:
                comps.append(None)
                continue
            comp = _judge(pool, block, pick, cfg, travel_minutes)
            comps.append(comp)
            if not comp.feasible[0, 0]:
                rejected = True
                _cut(lp, block, pick)
                continue
            _check(block, comp, block.value(solution))
        if not rejected:
            optimal = res.status == 0
            gap = getattr(res, "mip_gap", None)
            return _Outcome(
                CarveStatus.OPTIMAL if optimal else CarveStatus.TIME_LIMIT,
                None if gap is None else float(gap),
                picks,
                comps,
            )
    raise SolverError(  # pragma: no cover - a guard, see _MAX_CUTS
        "internal error in carve: the core kept rejecting the model's packages; please report"
    )


def _leftover(pool: _Pool, plan: _Plan, used: NDArray[np.bool_]) -> list[LeftoverTask]:
    return [
        LeftoverTask(
            task_id=pool.tasks[i].id,
            hours=float(pool.hours[i]),
            reasons=plan.ruled_out.get(i, []),
        )
        for i in np.flatnonzero(~used).tolist()
    ]


def _result(
    pool: _Pool,
    plan: _Plan,
    pick: NDArray[np.intp],
    comp: Compatibility | None,
    status: CarveStatus,
    used: NDArray[np.bool_],
    reasons: Sequence[CarveReason],
) -> CarveResult:
    cand = plan.candidate
    limit = plan.reported_limit
    if comp is None or pick.size == 0:
        return CarveResult(
            candidate_id=cand.id,
            status=status,
            leftover=_leftover(pool, plan, used),
            task_limit=limit,
            reasons=list(reasons),
        )
    package = _build_package([pool.tasks[i] for i in pick], plan.package_id, pool.terms)
    counts = bool(comp.candidates.registered[0] and comp.packages.counts[0])
    hours = package.hours.per_week
    return CarveResult(
        candidate_id=cand.id,
        status=status,
        package=package,
        tasks=[pool.tasks[i] for i in pick],
        leftover=_leftover(pool, plan, used),
        score=float(comp.scores[0, 0]),
        hours=hours,
        task_limit=limit,
        counts=counts,
        banen=hours / HOURS_PER_JOB if counts else 0.0,
        explanation=explain_pair(comp, 0, 0),
        reasons=list(reasons),
    )


def _run(
    pool: _Pool,
    plans: list[_Plan],
    cfg: MatchConfig,
    travel_minutes: TravelTimeProvider | None,
    time_limit: float,
    *,
    team: bool,
) -> tuple[_Outcome, list[CarveResult]]:
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
    picks = dict(zip((id(p) for p in active), outcome.picks, strict=False))
    comps = dict(zip((id(p) for p in active), outcome.comps, strict=False))
    used = np.zeros(len(pool), dtype=np.bool_)
    for pick in outcome.picks:
        used[pick] = True
    results = []
    for plan in plans:
        pick = picks.get(id(plan), np.empty(0, np.intp))
        comp = comps.get(id(plan))
        status = outcome.status
        reasons: list[CarveReason] = list(plan.reasons)
        if not plan.segments:
            status = CarveStatus.INFEASIBLE
        elif pick.size == 0 and outcome.status is CarveStatus.INFEASIBLE:
            reasons.append(_NO_COMBINATION)
        elif pick.size == 0 and outcome.status is CarveStatus.TIME_LIMIT and not outcome.found:
            reasons.append(_NO_TIME)
        elif pick.size == 0 and team and outcome.status is not CarveStatus.INFEASIBLE:
            reasons.append(
                CarveReason(
                    code="outcompeted",
                    tasks=0,
                    message="packages for this candidate exist, but the best split of the pool "
                    "gives those tasks to others",
                )
            )
        if comp is not None and float(comp.scores[0, 0]) < cfg.min_score:
            reasons.append(
                CarveReason(
                    code="below_min_score",
                    tasks=int(pick.size),
                    message="the best package scores below config.min_score",
                )
            )
            used[pick] = False
            pick, comp, status = np.empty(0, np.intp), None, CarveStatus.INFEASIBLE
        results.append(_result(pool, plan, pick, comp, status, used, reasons))
    return outcome, results


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
    movement component. It is solved with ``scipy.optimize.milp``: rules that a package breaks
    exactly when one of its tasks does (:data:`PER_TASK_CODES`) remove tasks up front; the core
    is sampled on every (workplace, work location, schedule kind, start time, hours range)
    family of packages, where its score is linear in the hours; the movement rule and
    component are modelled on the tasks' postures; the cosines are made exact by choosing the
    number of distinct tags. The chosen
    package is judged by the core again and its core score reported. The result does not
    depend on the order of the tasks: the pool is sorted by id first, and among packages with
    the same score the one the solver finds on that sorted pool is returned.

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
    if isinstance(candidates, (str, bytes, Mapping)):
        raise InputError("candidates must be a list of records, got a single record")
    cands = sorted((as_model(c, Candidate, "candidate") for c in candidates), key=lambda c: c.id)
    if not cands:
        raise InputError("no candidates given; pass at least one candidate")
    ids = [c.id for c in cands]
    dups = sorted({a for a, b in itertools.pairwise(ids) if a == b})
    if dups:
        raise DuplicateIdError(
            f"candidate ids must be unique; duplicated: {', '.join(map(repr, dups[:20]))}"
        )
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


# --------------------------------------------------------------------------------------------
# Demo pool
# --------------------------------------------------------------------------------------------

#: The demo pool, one task a line: id | description | tags | hours | demands | schedule | stimulus
#: | work location. A ``*`` after the id marks a task that must stay with one person.
_DEMO_TASKS: Final[str] = """
t-01 | Afgesloten dossiers archiveren | archiving | 8 | concentration=1 lifting=1 | fixed 09:30 | low | office
t-02 | Binnenkomende papieren post scannen | scanning digitising | 8 | concentration=2 screen_work=2 | fixed 09:30 | low | office
t-03* | Achterstand in het papieren archief digitaliseren | digitising scanning | 12 | concentration=2 screen_work=2 | fixed 09:30 | low | office
t-04 | Postronde door het gebouw | mail_sorting | 6 | walking=2 customer_contact=1 | fixed 08:00 | medium | office
t-05 | Binnenkomende post per afdeling sorteren | mail_sorting | 4 | time_pressure=2 | fixed 08:30 | medium | office
t-06 | Aanmeldformulieren invoeren in het zaaksysteem | data_entry | 10 | concentration=2 screen_work=3 | fixed 09:30 | low | hybrid
t-07 | Metagegevens van digitale dossiers controleren en aanvullen | data_entry archiving | 8 | concentration=2 screen_work=2 | flexible | low | remote
t-08 | Rapporten kopiëren en inbinden | copying | 4 | standing=2 noise=1 | fixed 09:30 | medium | office
t-09 | De balie van de afdeling bemensen | reception telephone | 8 | customer_contact=3 conflict_handling=2 interruptions=2 | fixed 08:30 | high | office
t-10 | Kantoorartikelen op voorraad houden | stock_keeping facility | 4 | walking=2 lifting=2 | fixed 09:30 | medium | office
t-11 | Vergaderzalen en koffie klaarzetten | facility coffee_service | 6 | walking=2 time_pressure=2 lifting=1 | fixed 08:00 | medium | office
t-12 | Te vernietigen dossiers registreren en versnipperen | archiving | 4 | noise=2 concentration=1 | fixed 13:00 | medium | office
t-13 | Spoedstukken 's avonds scannen | scanning | 8 | concentration=2 screen_work=2 | evening 18:00 | low | office
t-14 | Zoekwerk bij Woo-verzoeken | research_support policy_support | 12 | concentration=3 independence=2 time_pressure=1 | fixed 10:00 | low | hybrid
"""  # noqa: E501 - a table reads best one task a line


def _demo_task(line: str) -> dict[str, Any]:
    tid, text, tags, hours, demands, schedule, stimulus, where = (
        f.strip() for f in line.split("|")
    )
    kind, *start = schedule.split()
    return {
        "id": tid.rstrip("*"),
        "department": "Documentaire informatievoorziening en facilitair",
        "description": text,
        "tags": tags.split(),
        "hours": float(hours),
        "demands": {d: int(v) for d, v in (pair.split("=") for pair in demands.split())},
        "schedule": {"kind": kind, "start": start[0] if start else None},
        "stimulus": stimulus,
        "work_location": where,
        "must_be_one_person": tid.endswith("*"),
    }


def demo_tasks() -> list[Task]:
    """A department's task pool for trying :func:`carve`: fourteen tasks of the records office.

    The work left undone at a ministry's records and facilities department in Den Haag:
    archiving, scanning, post, data entry, copying, the front desk, supplies, meeting rooms and
    research support, with their demands, start times and stimulus. Use with
    :func:`demo_terms` and the demo candidates of :func:`wbamatch.demo_data`.

    Example
    -------
    >>> tasks = demo_tasks()
    >>> len(tasks), tasks[0].id, sum(t.hours for t in tasks)
    (14, 't-01', 102.0)
    """
    lines = _DEMO_TASKS.strip().splitlines()
    return [Task.model_validate(_demo_task(line)) for line in lines]


def demo_terms() -> PackageTerms:
    """What the demo department offers with a carved package: permanent contract, structure,
    jobcoach, mentor and colleague, in Den Haag, five days, room to grow by 8 hours.

    Example
    -------
    >>> demo_terms().contract.type.value
    'permanent'
    """
    return PackageTerms.model_validate(
        {
            "employer": "Ministerie van IenW, DIV en facilitair",
            "tags": ["public_service", "administration"],
            "offers": {"structure": True, "jobcoach": True, "mentor": True, "colleague": True},
            "contract": {"type": "permanent"},
            "location": {"place": "Den Haag"},
            "days": 5,
            "growth_hours": 8,
        }
    )
