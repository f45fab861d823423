"""wbamatch: match Banenafspraak candidates to vacancies and jobcarving task packages.

Needs are explicit, hard rules are never broken, the whole group is placed optimally at once,
and every decision has reasons.

>>> import wbamatch
>>> candidates, packages = wbamatch.demo_data()
>>> result = wbamatch.match(candidates, packages)
>>> result.n_candidates == len(candidates)
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .api import compatibility, explain, match
from .assignment import SolverStatus
from .compatibility import Compatibility
from .config import CommuteSettings, MatchConfig, Pair, Pin
from .demo import demo_data

# Functions named like their module are imported eagerly: importing the submodule would
# otherwise leave the module, not the function, as the package attribute.
from .diagnose import Diagnosis, DiagnosisAlternative, DimensionGap, diagnose
from .exceptions import (
    CellError,
    DuplicateIdError,
    InputError,
    MissingDependencyError,
    ResourceLimitError,
    SolverError,
    SpreadsheetError,
    UnknownIdError,
    UnknownPlaceError,
    WbamatchError,
)
from .explain import Explanation, Violation
from .models import Candidate, TaskPackage
from .pseudonymise import depseudonymise, pseudonymise
from .results import (
    Alternative,
    Assignment,
    AuditRecord,
    MatchResult,
    Move,
    OpenSlots,
    ReasonCount,
    UnassignedCandidate,
    Why,
)
from .shortlist import NearMiss, Shortlist, ShortlistEntry, Shortlists, shortlist
from .synthetic import synthetic
from .vocabulary import DIMENSIONS, HOURS_PER_JOB, REASON_CODES, RULES, SCORE_COMPONENTS

if TYPE_CHECKING:  # the lazily loaded names below, for type checkers and IDEs
    __version__: str
    from . import audit, io, plots
    from .fairness import FairnessReport, GroupStats, fairness_report
    from .io import (
        read_candidates,
        read_packages,
        write_candidates,
        write_packages,
        write_results,
        write_template,
    )
    from .jobcarving import (
        CarveReason,
        CarveResult,
        CarveStatus,
        LeftoverTask,
        PackageTerms,
        Task,
        TeamCarveResult,
        carve,
        carve_team,
        package_from_tasks,
    )
    from .meetgreet import MeetGreetPlan, Meeting, Pairing, plan_meet_and_greet
    from .plots import plot_banen, plot_blocking_reasons, plot_commute_times, plot_score_heatmap

#: Public names loaded on first use, by module: keeps ``import wbamatch`` light for services.
_LAZY: dict[str, str] = {
    "CarveReason": "jobcarving",
    "CarveResult": "jobcarving",
    "CarveStatus": "jobcarving",
    "FairnessReport": "fairness",
    "GroupStats": "fairness",
    "LeftoverTask": "jobcarving",
    "MeetGreetPlan": "meetgreet",
    "Meeting": "meetgreet",
    "PackageTerms": "jobcarving",
    "Pairing": "meetgreet",
    "Task": "jobcarving",
    "TeamCarveResult": "jobcarving",
    "audit": "audit",
    "carve": "jobcarving",
    "carve_team": "jobcarving",
    "fairness_report": "fairness",
    "io": "io",
    "package_from_tasks": "jobcarving",
    "plan_meet_and_greet": "meetgreet",
    "plot_banen": "plots",
    "plot_blocking_reasons": "plots",
    "plot_commute_times": "plots",
    "plot_score_heatmap": "plots",
    "plots": "plots",
    "read_candidates": "io",
    "read_packages": "io",
    "write_candidates": "io",
    "write_packages": "io",
    "write_results": "io",
    "write_template": "io",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":  # importlib.metadata costs ~80 ms to import: only when asked
        from .api import library_version

        globals()[name] = library_version()
        return globals()[name]
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wbamatch' has no attribute {name!r}")
    loaded = importlib.import_module(f"{__name__}.{module}")
    value = loaded if name == module else getattr(loaded, name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "DIMENSIONS",
    "HOURS_PER_JOB",
    "REASON_CODES",
    "RULES",
    "SCORE_COMPONENTS",
    "Alternative",
    "Assignment",
    "AuditRecord",
    "Candidate",
    "CarveReason",
    "CarveResult",
    "CarveStatus",
    "CellError",
    "CommuteSettings",
    "Compatibility",
    "Diagnosis",
    "DiagnosisAlternative",
    "DimensionGap",
    "DuplicateIdError",
    "Explanation",
    "FairnessReport",
    "GroupStats",
    "InputError",
    "LeftoverTask",
    "MatchConfig",
    "MatchResult",
    "MeetGreetPlan",
    "Meeting",
    "MissingDependencyError",
    "Move",
    "NearMiss",
    "OpenSlots",
    "PackageTerms",
    "Pair",
    "Pairing",
    "Pin",
    "ReasonCount",
    "ResourceLimitError",
    "Shortlist",
    "ShortlistEntry",
    "Shortlists",
    "SolverError",
    "SolverStatus",
    "SpreadsheetError",
    "Task",
    "TaskPackage",
    "TeamCarveResult",
    "UnassignedCandidate",
    "UnknownIdError",
    "UnknownPlaceError",
    "Violation",
    "WbamatchError",
    "Why",
    "__version__",
    "audit",
    "carve",
    "carve_team",
    "compatibility",
    "demo_data",
    "depseudonymise",
    "diagnose",
    "explain",
    "fairness_report",
    "io",
    "match",
    "package_from_tasks",
    "plan_meet_and_greet",
    "plot_banen",
    "plot_blocking_reasons",
    "plot_commute_times",
    "plot_score_heatmap",
    "plots",
    "pseudonymise",
    "read_candidates",
    "read_packages",
    "shortlist",
    "synthetic",
    "write_candidates",
    "write_packages",
    "write_results",
    "write_template",
]
