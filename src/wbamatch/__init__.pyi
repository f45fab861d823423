"""The public names of wbamatch: the one table of them.

Type checkers and IDEs read this stub; at run time ``wbamatch/__init__.py`` reads the same
lines to load each name from its module on first use. Add a public name here, nowhere else.
"""

__version__: str

from . import audit as audit, io as io, plots as plots, rules as rules
from ._api import (
    check_certificate as check_certificate,
    compatibility as compatibility,
    explain as explain,
    match as match,
)
from ._catalogue import (
    words as words,
)
from ._cellerror import (
    CellError as CellError,
    SpreadsheetError as SpreadsheetError,
)
from ._compatibility import (
    Compatibility as Compatibility,
)
from ._config import (
    MatchConfig as MatchConfig,
)
from ._demo import (
    demo_data as demo_data,
)
from ._diagnose import (
    Diagnosis as Diagnosis,
    DiagnosisAlternative as DiagnosisAlternative,
    DimensionGap as DimensionGap,
    diagnose as diagnose,
)
from ._exceptions import (
    DuplicateIdError as DuplicateIdError,
    InputError as InputError,
    MissingDependencyError as MissingDependencyError,
    ResourceLimitError as ResourceLimitError,
    SolverError as SolverError,
    UnknownIdError as UnknownIdError,
    UnknownPlaceError as UnknownPlaceError,
    WbamatchError as WbamatchError,
)
from ._explain import (
    Explanation as Explanation,
    Violation as Violation,
    score_words as score_words,
)
from ._fairness import (
    FairnessReport as FairnessReport,
    GroupStats as GroupStats,
    fairness_report as fairness_report,
)
from ._jobcarving import (
    CarveReason as CarveReason,
    CarveResult as CarveResult,
    CarveStatus as CarveStatus,
    LeftoverTask as LeftoverTask,
    PackageTerms as PackageTerms,
    Task as Task,
    TeamCarveResult as TeamCarveResult,
    carve as carve,
    carve_team as carve_team,
    demo_tasks as demo_tasks,
    demo_terms as demo_terms,
    package_from_tasks as package_from_tasks,
)
from ._limits import (
    Limits as Limits,
)
from ._meetgreet import (
    MeetGreetPlan as MeetGreetPlan,
    Meeting as Meeting,
    Pairing as Pairing,
    plan_meet_and_greet as plan_meet_and_greet,
)
from ._models import (
    Candidate as Candidate,
    TaskPackage as TaskPackage,
)
from ._overtime import (
    Placement as Placement,
    Planner as Planner,
    Timeline as Timeline,
    WeekCommitment as WeekCommitment,
    hindsight_optimum as hindsight_optimum,
    plan_over_time as plan_over_time,
)
from ._pseudonymise import (
    depseudonymise as depseudonymise,
    pseudonymise as pseudonymise,
)
from ._results import (
    Alternative as Alternative,
    Assignment as Assignment,
    AuditRecord as AuditRecord,
    Certificate as Certificate,
    CertificateCheck as CertificateCheck,
    FlagAlternative as FlagAlternative,
    Flagged as Flagged,
    MatchResult as MatchResult,
    Move as Move,
    OpenSlots as OpenSlots,
    PlacementStatus as PlacementStatus,
    ReasonCount as ReasonCount,
    UnassignedCandidate as UnassignedCandidate,
    Why as Why,
    reason_words as reason_words,
)
from ._settings import (
    CommuteSettings as CommuteSettings,
    Pair as Pair,
    Pin as Pin,
)
from ._shortlist import (
    NearMiss as NearMiss,
    Shortlist as Shortlist,
    ShortlistEntry as ShortlistEntry,
    Shortlists as Shortlists,
    shortlist as shortlist,
)
from ._summary import (
    DepartmentSummary as DepartmentSummary,
    department_summary as department_summary,
)
from ._synthetic import (
    synthetic as synthetic,
    synthetic_stream as synthetic_stream,
)
from ._vocabulary import (
    DIMENSIONS as DIMENSIONS,
    HOURS_PER_JOB as HOURS_PER_JOB,
    SCORE_COMPONENTS as SCORE_COMPONENTS,
    SolverStatus as SolverStatus,
)
from .io import (
    read_candidates as read_candidates,
    read_packages as read_packages,
    write_candidates as write_candidates,
    write_packages as write_packages,
    write_results as write_results,
    write_template as write_template,
)
from .plots import (
    plot_banen as plot_banen,
    plot_blocking_reasons as plot_blocking_reasons,
    plot_commute_times as plot_commute_times,
    plot_score_heatmap as plot_score_heatmap,
)
from .rules import (
    REASON_CODES as REASON_CODES,
    RULES as RULES,
    Rule as Rule,
)
