"""The parts of a result: placements, moves, the audit record, who stays unassigned and why,
open slots, and what kept someone from the package that came closest.

Plain data: pydantic models, frozen, with no unknown fields, so they round-trip through JSON.

Example
-------
>>> a = Assignment(candidate_id="c-1", package_id="p-1", score=0.8, hours=25.5, counts=True,
...                banen=1.0)
>>> Assignment.model_validate_json(a.model_dump_json()) == a
True
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from .._config import Pin
from .._explain import Violation
from .._models import ResultModel
from .._vocabulary import HOURS_PER_JOB, PlacementStatus, SolverStatus

__all__ = [
    "Alternative",
    "Assignment",
    "AuditRecord",
    "Closest",
    "Move",
    "OpenSlots",
    "ReasonCount",
    "UnassignedCandidate",
]


class Assignment(ResultModel):
    """One proposed placement."""

    candidate_id: str
    package_id: str
    employer: str = Field("", description="Employer of the package.")
    title: str = Field("", description="Title of the package (what the job is called).")
    organisation: str = Field("", description="Ministry or employer group (else the employer).")
    track: str = Field("individual", description="Banenafspraak track of the package.")
    score: float = Field(ge=0, le=1, description="Score of the pair in [0, 1].")
    hours: float = Field(description="Hours a week of the package.")
    counts: bool = Field(
        description="Counts for the Banenafspraak: registered candidate, counting contract."
    )
    banen: float = Field(description=f"hours / {HOURS_PER_JOB} when it counts, else 0.")
    penalties: list[str] = Field(
        default_factory=list, description="Penalty-mode rules this placement breaks."
    )
    pinned: bool = Field(False, description="Decided by a person (MatchConfig.pinned).")
    override: bool = Field(
        False, description="A human override: pinned although it breaks the hard rules below."
    )
    breaks: list[str] = Field(
        default_factory=list, description="Hard rules an override placement breaks."
    )
    not_counting: list[Literal["register", "contract", "schakelplek"]] = Field(
        default_factory=list,
        description="Why it does not count: 'register' (the candidate is not in the "
        "doelgroepregister), 'contract' (a contract type that does not count), 'schakelplek' "
        "(a switch place, counted apart).",
    )
    status: PlacementStatus = Field(
        PlacementStatus.NEW,
        description="'new': a newcomer's placement (its banen are new); 'stays': someone at "
        "work keeps their package; 'moves': someone at work moves to another package (no new "
        "banen either way). See match(current=...).",
    )
    current_package_id: str | None = Field(
        None, description="The package the person holds now (match(current=...)), else None."
    )
    growth_to: float | None = Field(
        None, description="Hours a week the package can grow to (hours.growth_to), if any."
    )
    growth_level: str | None = Field(
        None, description="The education or complexity level the package can grow to, if any."
    )


class Move(ResultModel):
    """How one candidate's placement changed between two results (None = unassigned)."""

    candidate_id: str
    before: str | None
    after: str | None


class AuditRecord(ResultModel):
    """What was run, on what, with which rules: enough to reproduce and check a result.

    Exactly these fields, and no record fields (no capacities, needs, homes or tags):

    - ``library_version``, ``timestamp`` (UTC);
    - ``keyed``: whether an organisation key (``MatchConfig.audit_key`` or the environment
      variable ``WBAMATCH_AUDIT_KEY``) made the digests HMAC-SHA256; ``candidates_digest``:
      HMAC-SHA256 of the canonical candidate records under that key, and **None without a
      key** (an unkeyed digest of a few people's records can be reversed by guessing their
      capacities and needs); ``packages_digest`` and ``config_digest`` (the config's JSON,
      which never holds the key): HMAC-SHA256 with a key, SHA-256 without; ``travel_times``;
    - the ``rules`` in force (mode per reason code), ``weights``, ``penalty``, ``min_score``;
    - ``solver``, ``status`` and the counts ``n_candidates``, ``n_packages``, ``n_slots``,
      ``n_feasible_pairs``, ``n_assigned``, ``n_forbidden``;
    - ``pins`` (ids and override flags; their notes only with ``MatchConfig.audit_pin_notes``)
      and ``overrides`` (the placements a person forced through, with the rules they break).

    :func:`wbamatch.audit.verify` recomputes a result and compares.
    """

    library_version: str
    timestamp: datetime = Field(description="When the match ran (UTC).")
    keyed: bool = Field(description="The digests are HMAC-SHA256 under an organisation key.")
    candidates_digest: str | None = Field(
        description="HMAC-SHA256 of the canonical candidate records; None without a key."
    )
    packages_digest: str = Field(
        description="HMAC-SHA256 (SHA-256 without a key) of the canonical packages."
    )
    config_digest: str = Field(
        description="HMAC-SHA256 (SHA-256 without a key) of the configuration's JSON."
    )
    travel_times: str = Field(
        description="'estimated', 'matrix sha256:<digest>' or 'provider <class name>'."
    )
    rules: dict[str, str] = Field(description="Mode (hard, penalty, off) of every reason code.")
    weights: dict[str, float] = Field(description="Weight of every score component.")
    penalty: float
    min_score: float
    solver: str
    status: SolverStatus
    n_candidates: int
    n_packages: int
    n_slots: int
    n_feasible_pairs: int
    n_assigned: int
    pins: list[Pin] = Field(default_factory=list, description="Placements decided by a person.")
    overrides: list[Assignment] = Field(
        default_factory=list, description="Pinned placements that break hard rules."
    )
    n_forbidden: int = Field(0, description="Pairs a person ruled out.")


class ReasonCount(ResultModel):
    """A reason code and the number of packages it blocked."""

    code: str
    packages: int


class UnassignedCandidate(ResultModel):
    """A candidate left without a placement, with the reasons that blocked them most.

    ``reasons`` counts, per reason code, the packages that code ruled out, most frequent first.
    Two more codes appear when feasible packages existed: ``below_min_score`` (feasible, but
    scoring below ``config.min_score``) and ``outcompeted`` (feasible, but the optimum for the
    whole group gave those slots to others).
    """

    candidate_id: str
    feasible_packages: int = Field(description="Packages this candidate could have taken.")
    reasons: list[ReasonCount]


class OpenSlots(ResultModel):
    """A package with slots left over."""

    package_id: str
    open: int
    feasible_candidates: int = Field(description="Candidates who could have taken it.")


class Alternative(ResultModel):
    """The best feasible package an unassigned candidate lost to others, and the cost of it."""

    package_id: str
    score: float = Field(description="Score this candidate would have had there.")
    held_by: list[str] = Field(description="Candidates the optimum placed there instead.")
    total_difference: float = Field(
        description="Best group total with this pair forced in, minus the optimum (<= 0)."
    )


class Closest(ResultModel):
    """The package that came closest for someone not placed, and what kept them from it.

    ``blocked_by`` is ``"outcompeted"`` (it fits, the places went to others: ``held_by``),
    ``"below_min_score"`` (it fits, but scores below ``config.min_score``), ``"forbidden"`` (it
    fits, but a person ruled the pair out) or ``"rules"`` (it breaks the hard rules in
    ``violations``; of all packages the candidate did not say no to, it breaks the fewest, ties
    by the higher score it would have).
    """

    package_id: str
    title: str = ""
    employer: str = ""
    score: float = Field(description="The score there; for 'rules', the score without them.")
    blocked_by: str
    violations: list[Violation] = Field(
        default_factory=list, description="The hard rules it breaks (blocked_by 'rules')."
    )
    held_by: list[str] = Field(
        default_factory=list, description="Who has its places (blocked_by 'outcompeted')."
    )
    min_score: float = Field(0.0, description="config.min_score of the match.")
