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

from importlib.metadata import PackageNotFoundError, version

from . import audit
from .api import compatibility, explain, match
from .assignment import SolverStatus
from .compatibility import Compatibility
from .config import CommuteSettings, MatchConfig, Pair, Pin
from .demo import demo_data
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
from .models import Candidate, TaskPackage
from .plots import plot_banen, plot_blocking_reasons, plot_commute_times, plot_score_heatmap
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

try:
    __version__ = version("wbamatch")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

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
    "match",
    "package_from_tasks",
    "plan_meet_and_greet",
    "plot_banen",
    "plot_blocking_reasons",
    "plot_commute_times",
    "plot_score_heatmap",
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
