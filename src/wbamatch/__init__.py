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

from .api import compatibility, explain, match
from .assignment import SolverStatus
from .compatibility import Compatibility
from .config import CommuteSettings, MatchConfig
from .demo import demo_data
from .exceptions import (
    DuplicateIdError,
    InputError,
    SolverError,
    UnknownIdError,
    UnknownPlaceError,
    WbamatchError,
)
from .explain import Explanation, Violation
from .meetgreet import MeetGreetPlan, Meeting, Pairing, plan_meet_and_greet
from .models import Candidate, TaskPackage
from .results import (
    Alternative,
    Assignment,
    MatchResult,
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
    "Candidate",
    "CommuteSettings",
    "Compatibility",
    "DuplicateIdError",
    "Explanation",
    "InputError",
    "MatchConfig",
    "MatchResult",
    "MeetGreetPlan",
    "Meeting",
    "NearMiss",
    "OpenSlots",
    "Pairing",
    "ReasonCount",
    "Shortlist",
    "ShortlistEntry",
    "Shortlists",
    "SolverError",
    "SolverStatus",
    "TaskPackage",
    "UnassignedCandidate",
    "UnknownIdError",
    "UnknownPlaceError",
    "Violation",
    "WbamatchError",
    "Why",
    "__version__",
    "compatibility",
    "demo_data",
    "explain",
    "match",
    "plan_meet_and_greet",
    "shortlist",
    "synthetic",
]
