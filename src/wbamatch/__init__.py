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
import sys
import types
from typing import TYPE_CHECKING, Any

# Only the errors load with the package: they are light, and a service catching
# ``wbamatch.WbamatchError`` should not pay for numpy, scipy or pydantic until it matches.
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

if TYPE_CHECKING:  # the lazily loaded names below, for type checkers and IDEs
    __version__: str
    from . import audit, io, plots, rules
    from .api import (
        compatibility,
        explain,
        match,
    )
    from .assignment import (
        SolverStatus,
    )
    from .compatibility import (
        Compatibility,
    )
    from .config import (
        CommuteSettings,
        MatchConfig,
        Pair,
        Pin,
    )
    from .demo import (
        demo_data,
    )
    from .diagnose import (
        Diagnosis,
        DiagnosisAlternative,
        DimensionGap,
        diagnose,
    )
    from .explain import (
        Explanation,
        Violation,
    )
    from .fairness import (
        FairnessReport,
        GroupStats,
        fairness_report,
    )
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
    from .meetgreet import (
        MeetGreetPlan,
        Meeting,
        Pairing,
        plan_meet_and_greet,
    )
    from .models import (
        Candidate,
        TaskPackage,
    )
    from .plots import (
        plot_banen,
        plot_blocking_reasons,
        plot_commute_times,
        plot_score_heatmap,
    )
    from .pseudonymise import (
        depseudonymise,
        pseudonymise,
    )
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
    from .rules import (
        REASON_CODES,
        RULES,
        Rule,
    )
    from .shortlist import (
        NearMiss,
        Shortlist,
        ShortlistEntry,
        Shortlists,
        shortlist,
    )
    from .summary import DepartmentSummary, department_summary
    from .synthetic import synthetic
    from .vocabulary import (
        DIMENSIONS,
        HOURS_PER_JOB,
        SCORE_COMPONENTS,
    )

#: Every other public name, loaded on first use from its module: ``import wbamatch`` stays light
#: for services, and each part pulls in only what it needs (numpy, pydantic, scipy, pandas...).
_LAZY: dict[str, str] = {
    "Alternative": "results",
    "Assignment": "results",
    "AuditRecord": "results",
    "Candidate": "models",
    "CarveReason": "jobcarving",
    "CarveResult": "jobcarving",
    "CarveStatus": "jobcarving",
    "CommuteSettings": "config",
    "Compatibility": "compatibility",
    "DIMENSIONS": "vocabulary",
    "DepartmentSummary": "summary",
    "Diagnosis": "diagnose",
    "DiagnosisAlternative": "diagnose",
    "DimensionGap": "diagnose",
    "Explanation": "explain",
    "FairnessReport": "fairness",
    "GroupStats": "fairness",
    "HOURS_PER_JOB": "vocabulary",
    "LeftoverTask": "jobcarving",
    "MatchConfig": "config",
    "MatchResult": "results",
    "MeetGreetPlan": "meetgreet",
    "Meeting": "meetgreet",
    "Move": "results",
    "NearMiss": "shortlist",
    "OpenSlots": "results",
    "PackageTerms": "jobcarving",
    "Pair": "config",
    "Pairing": "meetgreet",
    "Pin": "config",
    "REASON_CODES": "rules",
    "RULES": "rules",
    "ReasonCount": "results",
    "Rule": "rules",
    "SCORE_COMPONENTS": "vocabulary",
    "Shortlist": "shortlist",
    "ShortlistEntry": "shortlist",
    "Shortlists": "shortlist",
    "SolverStatus": "assignment",
    "Task": "jobcarving",
    "TaskPackage": "models",
    "TeamCarveResult": "jobcarving",
    "UnassignedCandidate": "results",
    "Violation": "explain",
    "Why": "results",
    "audit": "audit",
    "carve": "jobcarving",
    "carve_team": "jobcarving",
    "compatibility": "api",
    "demo_data": "demo",
    "department_summary": "summary",
    "depseudonymise": "pseudonymise",
    "diagnose": "diagnose",
    "explain": "api",
    "fairness_report": "fairness",
    "io": "io",
    "match": "api",
    "package_from_tasks": "jobcarving",
    "plan_meet_and_greet": "meetgreet",
    "plot_banen": "plots",
    "plot_blocking_reasons": "plots",
    "plot_commute_times": "plots",
    "plot_score_heatmap": "plots",
    "plots": "plots",
    "pseudonymise": "pseudonymise",
    "read_candidates": "io",
    "read_packages": "io",
    "rules": "rules",
    "shortlist": "shortlist",
    "synthetic": "synthetic",
    "write_candidates": "io",
    "write_packages": "io",
    "write_results": "io",
    "write_template": "io",
}

#: Functions named like the module that defines or holds them (``wbamatch.explain`` is the
#: function). Importing such a submodule would make the import system bind the *module* to the
#: package attribute; :class:`_Package` keeps the function there instead.
_SHADOWED: frozenset[str] = frozenset(
    {"compatibility", "diagnose", "explain", "pseudonymise", "shortlist", "synthetic"}
)


class _Package(types.ModuleType):
    """The package module, refusing to let a submodule replace a public function of its name."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            return  # the function is found through __getattr__ below
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name == "__version__":  # importlib.metadata costs ~80 ms to import: only when asked
        from .api import library_version

        globals()[name] = library_version()
        return globals()[name]
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wbamatch' has no attribute {name!r}")
    loaded = importlib.import_module(f"{__name__}.{module}")
    value = loaded if name == module and name not in _SHADOWED else getattr(loaded, name)
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
    "DepartmentSummary",
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
    "Rule",
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
    "department_summary",
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
    "rules",
    "shortlist",
    "synthetic",
    "write_candidates",
    "write_packages",
    "write_results",
    "write_template",
]
