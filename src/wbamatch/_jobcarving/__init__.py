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

How :func:`carve` finds the best package
----------------------------------------
"Best" is exactly the core score, including the tag cosines of skills and interests and the
movement component. It is solved with ``scipy.optimize.milp``: rules that a package breaks
exactly when one of its tasks does (:data:`PER_TASK_CODES`) remove tasks up front; the core is
sampled on every (workplace, work location, schedule kind, start time, hours range) family of
packages, where its score is linear in the hours; the movement rule and component are modelled
on the tasks' postures; the cosines are made exact by choosing the number of distinct tags. The
chosen package is judged by the core again and its core score reported.

The modules, each using only those above it:

===============  ==============================================================================
module           holds
===============  ==============================================================================
``_models``      :class:`Task` and :class:`PackageTerms`, the inputs
``_results``     :class:`CarveResult`, :class:`TeamCarveResult` and their parts and texts
``_build``       :func:`package_from_tasks`: the package a set of tasks makes
``_reasons``     reason codes judged per task, and the reasons of an empty carve
``_pool``        the pool as arrays, each task alone as a package
``_pieces``      the core's score over the hours as pieces, read from probe packages
``_probes``      the probe packages that sample a family, and the hours where rules change
``_segments``    families the core judges alike: runs of schedule kinds and start times
``_plan``        one candidate's plan: per-task verdicts, segments, task limit, movement
``_milp``        the mixed-integer program and its solve with HiGHS
``_blocks``      one candidate's package choice in the program
``_solver``      the solve, check and cut loop against the core
``_report``      a :class:`CarveResult` from the solver's pick
``_carve``       :func:`carve` and :func:`carve_team`
``_demo``        :func:`demo_tasks` and :func:`demo_terms`
===============  ==============================================================================

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

from .._vocabulary import TASK_LIMIT_BY_TASK_SWITCHING, task_switching_demand
from ._build import SCHEDULE_STRICTNESS, package_from_tasks, task_limit
from ._carve import carve, carve_team
from ._demo import demo_tasks, demo_terms
from ._models import PackageTerms, Task
from ._reasons import PER_TASK_CODES
from ._results import CarveReason, CarveResult, CarveStatus, LeftoverTask, TeamCarveResult

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
