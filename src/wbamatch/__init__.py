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

from .api import compatibility, match
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
from .models import Candidate, TaskPackage
from .results import Assignment, MatchResult, OpenSlots, ReasonCount, UnassignedCandidate
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
    "Assignment",
    "Candidate",
    "CommuteSettings",
    "Compatibility",
    "DuplicateIdError",
    "InputError",
    "MatchConfig",
    "MatchResult",
    "OpenSlots",
    "ReasonCount",
    "SolverError",
    "SolverStatus",
    "TaskPackage",
    "UnassignedCandidate",
    "UnknownIdError",
    "UnknownPlaceError",
    "WbamatchError",
    "__version__",
    "compatibility",
    "demo_data",
    "match",
    "synthetic",
]
