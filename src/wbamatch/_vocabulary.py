"""The shared vocabulary: capacity/demand dimensions, the 0..3 scale and the enumerations.

Capacities (what a candidate can do, *belastbaarheid*) and demands (what a task package asks,
*belasting*) use the same named dimensions, after the six sections of UWV's Functionele
Mogelijkhedenlijst (FML), on one ordinal scale:

====  ==========================================  ===========================================
level capacity (candidate)                         demand (package)
====  ==========================================  ===========================================
0     cannot / none                               not required
1     strongly limited                            a little
2     somewhat limited                            regularly / moderate
3     no limitation (the default when not listed) a lot / high (the maximum)
====  ==========================================  ===========================================

A demand above the capacity on any dimension makes the pair infeasible (reason code
``capacity:<dimension>``). As in the FML, which records only deviations from the norm, a capacity
that is not listed means *no limitation* (3) and a demand that is not listed means *not required*
(0).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

__all__ = [
    "BELOW_MIN_SCORE",
    "BREAKS_RULES",
    "COUNTING_CONTRACTS",
    "DIMENSIONS",
    "DIMENSION_DESCRIPTIONS",
    "EDUCATION_RANK",
    "FAR_ABOVE_LEVEL",
    "FAR_BELOW_LEVEL",
    "FORBIDDEN",
    "HOURS_PER_JOB",
    "MAX_LEVEL",
    "NOT_MET",
    "OUTCOMPETED",
    "SCORE_COMPONENTS",
    "SUPPORT_MIN_NEEDS",
    "TASK_LIMIT_BY_TASK_SWITCHING",
    "TOO_HEAVY",
    "ContractType",
    "Education",
    "PlacementStatus",
    "ScheduleKind",
    "SolverStatus",
    "Stimulus",
    "TargetGroup",
    "Track",
    "TravelMode",
    "WorkLocation",
    "task_switching_demand",
]

#: One *baan* (job) for the Banenafspraak counts as 25.5 hours a week (one FTA).
HOURS_PER_JOB: Final[float] = 25.5

#: Highest level on the ordinal capacity/demand scale.
MAX_LEVEL: Final[int] = 3

#: Dimension name -> (FML section, what the level measures). The order is fixed: it is the column
#: order of the encoded arrays and the bit order of the reason codes.
DIMENSION_DESCRIPTIONS: Final[dict[str, tuple[str, str]]] = {
    # FML 1: personal functioning
    "concentration": ("personal", "sustained attention on one source (FML: 30 / about 30 / 5 min)"),
    "distraction": ("personal", "working amid distraction; capacity 1 = needs little distraction"),
    "task_switching": ("personal", "switching between tasks; capacity 1 = one task a day"),
    "independence": ("personal", "working without a colleague to fall back on"),
    "unpredictability": ("personal", "unplanned changes; capacity 1 = needs a predictable job"),
    "interruptions": ("personal", "frequent interruptions of the work"),
    "time_pressure": ("personal", "deadlines and production peaks"),
    "work_pace": ("personal", "working tempo; 3 = series-production pace"),
    "personal_risk": ("personal", "elevated personal risk (machines, heights, traffic)"),
    # FML 2: social functioning
    "customer_contact": ("social", "contact with customers or the public"),
    "collaboration": ("social", "working closely together with colleagues"),
    "conflict_handling": ("social", "handling conflicts and criticism"),
    "supervising": ("social", "supervisory or managing tasks"),
    # FML 3: physical environment
    "noise": ("environment", "noise, light and other sensory stimuli at the workplace"),
    # FML 4: dynamic actions
    "walking": ("dynamic", "walking during the work; capacity here is a tolerance, not a need"),
    "lifting": ("dynamic", "lifting and carrying (FML: 15 / 10 / 5 / 2 kg)"),
    "fine_motor": ("dynamic", "fine hand and finger work"),
    "screen_work": ("dynamic", "work at a screen"),
    # FML 5: static postures
    "sitting": ("static", "sitting for long periods"),
    "standing": ("static", "standing for long periods"),
}

#: Dimension names in their fixed order.
DIMENSIONS: Final[tuple[str, ...]] = tuple(DIMENSION_DESCRIPTIONS)


class TargetGroup(StrEnum):
    """The six target groups of UWV's doelgroepregister (LDR) for the Banenafspraak."""

    #: Assessed as unable to earn the minimum wage alone (beoordeling arbeidsvermogen,
    #: including the Praktijkroute).
    ASSESSMENT = "assessment"
    #: School leavers from VSO (special secondary) or PRO (practical education).
    VSO_PRO = "vso_pro"
    #: People with a WSW (sheltered employment) indication.
    WSW = "wsw"
    #: Wajong with working capacity.
    WAJONG = "wajong"
    #: People in a WIW or ID job.
    WIW_ID = "wiw_id"
    #: Illness or handicap from before 18 or during study, needing a provision to earn the
    #: minimum wage.
    EARLY_ONSET = "early_onset"


class Education(StrEnum):
    """Highest education, ordered ``none < vso_pro < ... < wo``; ``unknown`` is not a level."""

    UNKNOWN = "unknown"
    NONE = "none"
    VSO_PRO = "vso_pro"
    MBO1 = "mbo1"
    MBO2 = "mbo2"
    MBO3 = "mbo3"
    MBO4 = "mbo4"
    HBO = "hbo"
    WO = "wo"


#: Rank of each education level; ``unknown`` is -1 and never passes a minimum.
EDUCATION_RANK: Final[dict[Education, int]] = {
    Education.UNKNOWN: -1,
    Education.NONE: 0,
    Education.VSO_PRO: 1,
    Education.MBO1: 2,
    Education.MBO2: 3,
    Education.MBO3: 4,
    Education.MBO4: 5,
    Education.HBO: 6,
    Education.WO: 7,
}


class Track(StrEnum):
    """The four tracks (sporen) of the Banenafspraak at the government, and the switch place."""

    #: Individual placement in a regular team (about 40%).
    INDIVIDUAL = "individual"
    #: Collective placement in a team of 10-15 with a specialised team leader and jobcoach.
    COLLECTIVE = "collective"
    #: Jobs with suppliers through purchasing / social return ("Maatwerk voor mensen").
    MAATWERK = "maatwerk"
    #: Jobs with other employers in the region.
    REGIONAL = "regional"
    #: A switch place (schakelplek): a temporary package for someone already at work whose job
    #: breaks a rule, is too heavy or far below their level, while a lasting one is found.
    #: Proposed only to such current employees, and never counted as banen.
    SCHAKELPLEK = "schakelplek"


class ScheduleKind(StrEnum):
    """How working times are set."""

    FIXED = "fixed"
    SHIFTS = "shifts"
    EVENING = "evening"
    FLEXIBLE = "flexible"


class Stimulus(StrEnum):
    """Sensory and social stimulus level of the workplace."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class WorkLocation(StrEnum):
    """Where the work is done."""

    OFFICE = "office"
    HYBRID = "hybrid"
    REMOTE = "remote"


class ContractType(StrEnum):
    """Contract types; zero-hours, min-max and agency contracts do not count (Banenafspraak)."""

    PERMANENT = "permanent"
    TEMPORARY = "temporary"
    SECONDMENT = "secondment"
    AGENCY = "agency"
    ZERO_HOURS = "zero_hours"
    MIN_MAX = "min_max"


#: Contract types whose hours count toward the Banenafspraak.
COUNTING_CONTRACTS: Final[frozenset[ContractType]] = frozenset(
    {ContractType.PERMANENT, ContractType.TEMPORARY, ContractType.SECONDMENT}
)


class TravelMode(StrEnum):
    """How a candidate travels to work."""

    PUBLIC_TRANSPORT = "public_transport"
    BIKE = "bike"
    CAR = "car"
    WALK = "walk"
    SPECIAL_TRANSPORT = "special_transport"


#: Most tasks a person is given, by their ``task_switching`` capacity (0..3): 0 = one task,
#: 1 = two (the seeds: some prefer one task a day over five a week), 2 = four, 3 = no limit.
#: Read backwards it is the ``task_switching`` demand of a package with that many tasks: the
#: encoding raises a package's demand to it (unless the demand given is higher), so a five-task
#: package asks task switching 3 whether it was carved or written by hand.
TASK_LIMIT_BY_TASK_SWITCHING: Final[Mapping[int, int | None]] = {0: 1, 1: 2, 2: 4, 3: None}


def task_switching_demand(n_tasks: int) -> int:
    """The ``task_switching`` demand of a package with ``n_tasks`` tasks: the lowest capacity
    whose limit (:data:`TASK_LIMIT_BY_TASK_SWITCHING`) admits that many.

    Example
    -------
    >>> [task_switching_demand(n) for n in (0, 1, 2, 3, 4, 5)]
    [0, 0, 1, 2, 2, 3]
    """
    for level in range(MAX_LEVEL + 1):
        limit = TASK_LIMIT_BY_TASK_SWITCHING[level]
        if limit is None or n_tasks <= limit:
            return level
    return MAX_LEVEL  # pragma: no cover - the top level has no limit


class PlacementStatus(StrEnum):
    """What a placement is for the person (``match(current=...)``): new, or someone at work
    who stays or moves. Only new placements add banen."""

    NEW = "new"
    STAYS = "stays"
    MOVES = "moves"


class SolverStatus(StrEnum):
    """How the solver ended. Expected outcomes are statuses, not exceptions."""

    #: A proven optimum (which may leave people or slots open).
    OPTIMAL = "optimal"
    #: No pair is eligible, so nobody can be placed; the result is empty and correct.
    NO_ELIGIBLE_PAIRS = "no_eligible_pairs"


#: Outcome codes, beside the rules' reason codes: a candidate who fits a package but was not
#: placed there scores below the minimum, lost the place to people who fit better, or ruled it
#: out themselves (MatchConfig.forbidden).
BELOW_MIN_SCORE: Final[str] = "below_min_score"
OUTCOMPETED: Final[str] = "outcompeted"
FORBIDDEN: Final[str] = "forbidden"
#: What a manager's view says instead of a near miss's rule: which need, and its values, are
#: the recruiter's to explain.
NOT_MET: Final[str] = "not_met"
#: Why a current placement is flagged (``match(current=...)``), beside the hard rules it
#: breaks: the package demands more than the person can bear, or is far below their level.
TOO_HEAVY: Final[str] = "too_heavy"
FAR_BELOW_LEVEL: Final[str] = "far_below_level"
#: Why the package that came closest was not given, when it is no outcome above: it breaks rules.
BREAKS_RULES: Final[str] = "rules"

#: Names of the score components, in the order they are reported.
SCORE_COMPONENTS: Final[tuple[str, ...]] = (
    "skills",
    "interests",
    "level",
    "hours",
    "commute",
    "contract",
    "growth",
    "movement",
    "support",
)

#: Education this many ranks above the package's level is "far above" it (ranks of
#: :data:`EDUCATION_RANK`: none, vso_pro, mbo1 .. mbo4, hbo, wo; a package without a minimum
#: counts as level none, as in the ``level`` score). Three ranks: an mbo2 candidate on a job for
#: anyone is; an mbo1 candidate is not, nor a wo graduate on an hbo job. Read by ``diagnose``
#: (``overqualified``) and by ``match(current=...)``: a job far below a person's level.
FAR_ABOVE_LEVEL: Final[int] = 3

#: A candidate with at least this many needs is rewarded by the ``support`` score component
#: for a trained manager, a workplace supervisor and a team with experience.
SUPPORT_MIN_NEEDS: Final[int] = 3
