"""The public names of wbamatch: the one table of them.

Type checkers and IDEs read this stub; at run time ``wbamatch/__init__.py`` reads the same
lines to load each name from its module on first use. Add a public name here, nowhere else.
"""

__version__: str

from . import audit as audit
from . import io as io
from . import plots as plots
from . import rules as rules
from ._api import (
    compatibility as compatibility,
)
from ._api import (
    explain as explain,
)
from ._api import (
    match as match,
)
from ._assignment import (
    SolverStatus as SolverStatus,
)
from ._catalogue import (
    words as words,
)
from ._compatibility import (
    Compatibility as Compatibility,
)
from ._config import (
    CommuteSettings as CommuteSettings,
)
from ._config import (
    MatchConfig as MatchConfig,
)
from ._config import (
    Pair as Pair,
)
from ._config import (
    Pin as Pin,
)
from ._demo import (
    demo_data as demo_data,
)
from ._diagnose import (
    Diagnosis as Diagnosis,
)
from ._diagnose import (
    DiagnosisAlternative as DiagnosisAlternative,
)
from ._diagnose import (
    DimensionGap as DimensionGap,
)
from ._diagnose import (
    diagnose as diagnose,
)
from ._exceptions import (
    CellError as CellError,
)
from ._exceptions import (
    DuplicateIdError as DuplicateIdError,
)
from ._exceptions import (
    InputError as InputError,
)
from ._exceptions import (
    MissingDependencyError as MissingDependencyError,
)
from ._exceptions import (
    ResourceLimitError as ResourceLimitError,
)
from ._exceptions import (
    SolverError as SolverError,
)
from ._exceptions import (
    SpreadsheetError as SpreadsheetError,
)
from ._exceptions import (
    UnknownIdError as UnknownIdError,
)
from ._exceptions import (
    UnknownPlaceError as UnknownPlaceError,
)
from ._exceptions import (
    WbamatchError as WbamatchError,
)
from ._explain import (
    Explanation as Explanation,
)
from ._explain import (
    Violation as Violation,
)
from ._explain import (
    score_words as score_words,
)
from ._fairness import (
    FairnessReport as FairnessReport,
)
from ._fairness import (
    GroupStats as GroupStats,
)
from ._fairness import (
    fairness_report as fairness_report,
)
from ._jobcarving import (
    CarveReason as CarveReason,
)
from ._jobcarving import (
    CarveResult as CarveResult,
)
from ._jobcarving import (
    CarveStatus as CarveStatus,
)
from ._jobcarving import (
    LeftoverTask as LeftoverTask,
)
from ._jobcarving import (
    PackageTerms as PackageTerms,
)
from ._jobcarving import (
    Task as Task,
)
from ._jobcarving import (
    TeamCarveResult as TeamCarveResult,
)
from ._jobcarving import (
    carve as carve,
)
from ._jobcarving import (
    carve_team as carve_team,
)
from ._jobcarving import (
    demo_tasks as demo_tasks,
)
from ._jobcarving import (
    demo_terms as demo_terms,
)
from ._jobcarving import (
    package_from_tasks as package_from_tasks,
)
from ._meetgreet import (
    MeetGreetPlan as MeetGreetPlan,
)
from ._meetgreet import (
    Meeting as Meeting,
)
from ._meetgreet import (
    Pairing as Pairing,
)
from ._meetgreet import (
    plan_meet_and_greet as plan_meet_and_greet,
)
from ._models import (
    Candidate as Candidate,
)
from ._models import (
    TaskPackage as TaskPackage,
)
from ._pseudonymise import (
    depseudonymise as depseudonymise,
)
from ._pseudonymise import (
    pseudonymise as pseudonymise,
)
from ._results import (
    Alternative as Alternative,
)
from ._results import (
    Assignment as Assignment,
)
from ._results import (
    AuditRecord as AuditRecord,
)
from ._results import (
    MatchResult as MatchResult,
)
from ._results import (
    Move as Move,
)
from ._results import (
    OpenSlots as OpenSlots,
)
from ._results import (
    ReasonCount as ReasonCount,
)
from ._results import (
    UnassignedCandidate as UnassignedCandidate,
)
from ._results import (
    Why as Why,
)
from ._results import (
    reason_words as reason_words,
)
from ._shortlist import (
    NearMiss as NearMiss,
)
from ._shortlist import (
    Shortlist as Shortlist,
)
from ._shortlist import (
    ShortlistEntry as ShortlistEntry,
)
from ._shortlist import (
    Shortlists as Shortlists,
)
from ._shortlist import (
    shortlist as shortlist,
)
from ._summary import (
    DepartmentSummary as DepartmentSummary,
)
from ._summary import (
    department_summary as department_summary,
)
from ._synthetic import (
    synthetic as synthetic,
)
from ._vocabulary import (
    DIMENSIONS as DIMENSIONS,
)
from ._vocabulary import (
    HOURS_PER_JOB as HOURS_PER_JOB,
)
from ._vocabulary import (
    SCORE_COMPONENTS as SCORE_COMPONENTS,
)
from .io import (
    read_candidates as read_candidates,
)
from .io import (
    read_packages as read_packages,
)
from .io import (
    write_candidates as write_candidates,
)
from .io import (
    write_packages as write_packages,
)
from .io import (
    write_results as write_results,
)
from .io import (
    write_template as write_template,
)
from .plots import (
    plot_banen as plot_banen,
)
from .plots import (
    plot_blocking_reasons as plot_blocking_reasons,
)
from .plots import (
    plot_commute_times as plot_commute_times,
)
from .plots import (
    plot_score_heatmap as plot_score_heatmap,
)
from .rules import (
    REASON_CODES as REASON_CODES,
)
from .rules import (
    RULES as RULES,
)
from .rules import (
    Rule as Rule,
)
