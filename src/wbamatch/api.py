"""The public entry points: validate at the boundary, then run the pipeline.

``candidates`` and ``packages`` may be model instances or plain dicts in the JSON shapes of
:class:`~wbamatch.Candidate` and :class:`~wbamatch.TaskPackage`; inputs are never mutated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .assignment import solve_edges
from .commute import EstimatedTravelTime, TravelTimeProvider
from .compatibility import (
    Compatibility,
    Edges,
    MinutesFor,
    block_violations,
    build_compatibility,
    collect_edges,
    reason_counts,
)
from .config import MatchConfig
from .constraints import code_mask, decode
from .encode import (
    CandidateArrays,
    PackageArrays,
    encode_candidates,
    encode_packages,
    sort_by_id,
)
from .exceptions import InputError
from .explain import Explanation, explain_pair
from .models import Candidate, TaskPackage
from .results import (
    BELOW_MIN_SCORE,
    OUTCOMPETED,
    Assignment,
    MatchResult,
    OpenSlots,
    ReasonCount,
    UnassignedCandidate,
)
from .vocabulary import HOURS_PER_JOB, REASON_CODES

__all__ = ["compatibility", "explain", "match"]

M = TypeVar("M", Candidate, TaskPackage)

#: How many reason codes an unassigned candidate lists.
_TOP_REASONS = 5

TravelMinutes = ArrayLike | TravelTimeProvider | None


def _validated(records: Iterable[Any], model: type[M], kind: str, limit: int) -> list[M]:
    if isinstance(records, (str, bytes, Mapping)):
        raise InputError(
            f"{kind}s must be a list of records, got a single {type(records).__name__}"
        )
    out: list[M] = []
    for k, rec in enumerate(records):
        if isinstance(rec, model):
            out.append(rec)
        elif isinstance(rec, Mapping):
            out.append(model.model_validate(rec))
        else:
            raise InputError(
                f"{kind} #{k}: expected a {model.__name__} or a dict, got {type(rec).__name__}"
            )
        if len(out) > limit:
            raise InputError(
                f"more than {limit} {kind}s; raise MatchConfig.max_{kind}s or split the run"
            )
    if not out:
        raise InputError(f"no {kind}s given; pass at least one {kind}")
    return out


def _config(config: MatchConfig | Mapping[str, Any] | None) -> MatchConfig:
    if config is None:
        return MatchConfig()
    if isinstance(config, MatchConfig):
        return config
    if isinstance(config, Mapping):
        return MatchConfig.model_validate(config)
    raise InputError(f"config must be a MatchConfig or a dict, got {type(config).__name__}")


@dataclass(frozen=True, eq=False)
class Problem:
    """Validated, encoded inputs and a way to get travel minutes for any candidate rows."""

    cand: CandidateArrays
    pkg: PackageArrays
    config: MatchConfig
    minutes_for: MinutesFor


def prepare(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    config: MatchConfig | Mapping[str, Any] | None,
    travel_minutes: TravelMinutes,
) -> Problem:
    """Validate at the boundary and encode; travel minutes are computed per block on demand."""
    cfg = _config(config)
    cands = _validated(candidates, Candidate, "candidate", cfg.max_candidates)
    packs = _validated(packages, TaskPackage, "package", cfg.max_packages)
    cand = encode_candidates(cands)
    pkg = encode_packages(packs)
    expected = (len(cands), len(packs))
    if travel_minutes is None:
        travel_minutes = EstimatedTravelTime(cfg.commute)
    if isinstance(travel_minutes, TravelTimeProvider):
        provider = travel_minutes
        modes = cand.travel_modes

        def minutes_for(
            rows: slice | NDArray[np.intp], where: NDArray[np.bool_] | None = None
        ) -> NDArray[np.float64]:
            picked = modes[rows] if isinstance(rows, slice) else [modes[k] for k in rows]
            if where is not None and isinstance(provider, EstimatedTravelTime):
                return provider.minutes_where(cand.home[rows], pkg.location, picked, where)
            out = np.asarray(
                provider.minutes(cand.home[rows], pkg.location, picked), dtype=np.float64
            )
            if out.shape != (len(picked), len(pkg)):
                raise InputError(
                    f"travel-time provider returned shape {out.shape}, "
                    f"expected {(len(picked), len(pkg))}"
                )
            return out

        return Problem(cand, pkg, cfg, minutes_for)
    matrix = _minutes_matrix(travel_minutes, expected)
    ordered = matrix[np.ix_(sort_by_id(cands), sort_by_id(packs))]

    def from_matrix(
        rows: slice | NDArray[np.intp], where: NDArray[np.bool_] | None = None
    ) -> NDArray[np.float64]:
        return ordered[rows]

    return Problem(cand, pkg, cfg, from_matrix)


def _minutes_matrix(travel_minutes: ArrayLike, expected: tuple[int, int]) -> NDArray[np.float64]:
    try:
        matrix = np.array(travel_minutes, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(
            "travel_minutes must be a numeric (n_candidates, n_packages) array"
        ) from exc
    if matrix.shape != expected:
        raise InputError(
            f"travel_minutes has shape {matrix.shape}, expected {expected} "
            "(rows in the order of candidates, columns in the order of packages)"
        )
    if np.any(np.isinf(matrix)) or np.any(matrix < 0):
        raise InputError("travel_minutes must be finite and >= 0; use NaN for unknown")
    return matrix


def compatibility(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    travel_minutes: TravelMinutes = None,
) -> Compatibility:
    """Feasibility, reasons and scores of every candidate-package pair.

    Parameters
    ----------
    candidates, packages
        Models or dicts in their JSON shape; any order.
    config
        A :class:`MatchConfig` (or a dict of its fields); default settings when None.
    travel_minutes
        Optional one-way travel minutes: a ``(n_candidates, n_packages)`` array in input order
        (NaN = unknown), or a :class:`~wbamatch.commute.TravelTimeProvider`. Default: estimated
        from coordinates by :class:`~wbamatch.commute.EstimatedTravelTime`.

    Returns
    -------
    Compatibility
        Arrays of shape ``(n_candidates, n_packages)``, rows and columns sorted by id.

    Raises
    ------
    pydantic.ValidationError
        A record does not validate; the title names the record id.
    InputError
        Empty lists, duplicate ids, unknown places, a travel matrix of the wrong shape.

    Example
    -------
    >>> import wbamatch
    >>> comp = wbamatch.compatibility(*wbamatch.demo_data())
    >>> comp.scores.shape == comp.feasible.shape
    True
    """
    problem = prepare(candidates, packages, config, travel_minutes)
    return build_compatibility(
        problem.cand, problem.pkg, problem.minutes_for(slice(None)), problem.config
    )


def match(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    travel_minutes: TravelMinutes = None,
) -> MatchResult:
    """Find the set of placements with the highest total score for the whole group.

    Every candidate gets at most one package, no package more people than its ``slots``, no
    pair that a hard rule forbids and no pair scoring below ``config.min_score``. Among those,
    the total score is maximal (solved exactly with scipy's ``linear_sum_assignment``). The
    result does not depend on the order of the inputs.

    Parameters
    ----------
    candidates, packages, config, travel_minutes
        As for :func:`compatibility`.

    Returns
    -------
    MatchResult
        Assignments, unassigned candidates with the reasons that blocked them most, open slots,
        the total score and the Banenafspraak count (``banen``).

    Raises
    ------
    pydantic.ValidationError, InputError
        As for :func:`compatibility`.

    Example
    -------
    >>> import wbamatch
    >>> result = wbamatch.match(*wbamatch.demo_data())
    >>> all(a.score > 0 for a in result.assignments)
    True
    """
    return solve_problem(prepare(candidates, packages, config, travel_minutes))


def solve_problem(problem: Problem, *, method: str = "auto") -> MatchResult:
    """Collect the feasible pairs block by block, solve exactly, and build the result."""
    cfg, cand, pkg = problem.config, problem.cand, problem.pkg
    edges = collect_edges(cand, pkg, problem.minutes_for, cfg)
    eligible = edges.feasible & (edges.scores >= cfg.min_score)
    outcome = solve_edges(
        edges.rows[eligible], edges.cols[eligible], edges.scores[eligible], pkg.slots, method=method
    )
    penalties: dict[int, NDArray[np.uint64]] = {}
    if code_mask(cfg, "penalty") and outcome.rows.size:
        bits = block_violations(cand, pkg, problem.minutes_for, cfg, outcome.rows)
        penalties = {int(r): bits[k] for k, r in enumerate(outcome.rows.tolist())}
    assignments: list[Assignment] = []
    for i, j in zip(outcome.rows.tolist(), outcome.cols.tolist(), strict=True):
        counts = bool(cand.registered[i] and pkg.counts[j])
        hours = float(pkg.per_week[j])
        soft = penalties[i][j] & code_mask(cfg, "penalty") if penalties else np.uint64(0)
        assignments.append(
            Assignment(
                candidate_id=cand.ids[i],
                package_id=pkg.ids[j],
                employer=pkg.employers[j],
                track=pkg.tracks[j],
                score=_pair_score(edges, i, j),
                hours=hours,
                counts=counts,
                banen=hours / HOURS_PER_JOB if counts else 0.0,
                penalties=decode(soft),
            )
        )
    placed = np.zeros(len(cand), dtype=np.bool_)
    placed[outcome.rows] = True
    used = np.bincount(outcome.cols, minlength=len(pkg))
    feasible_per_package = np.bincount(edges.cols[edges.feasible], minlength=len(pkg))
    result = MatchResult(
        status=outcome.status,
        solver=outcome.solver,
        assignments=assignments,
        unassigned=_unassigned(problem, edges, eligible, placed),
        open_slots=[
            OpenSlots(
                package_id=pkg.ids[j],
                open=int(pkg.slots[j] - used[j]),
                feasible_candidates=int(feasible_per_package[j]),
            )
            for j in np.flatnonzero(used < pkg.slots).tolist()
        ],
        total_score=sum(a.score for a in assignments),
        banen=sum(a.banen for a in assignments),
        n_candidates=len(cand),
        n_packages=len(pkg),
        n_slots=int(pkg.slots.sum()),
        n_feasible_pairs=int(edges.feasible.sum()),
        unknown={
            "education": int((cand.education < 0).sum()),
            "home": int(np.isnan(cand.home[:, 0]).sum()),
        },
        config=cfg,
    )
    result._attach(problem, edges)
    return result


def _pair_score(edges: Edges, i: int, j: int) -> float:
    lo, hi = np.searchsorted(edges.rows, [i, i + 1])
    k = lo + int(np.flatnonzero(edges.cols[lo:hi] == j)[0])
    return float(edges.scores[k])


def _unassigned(
    problem: Problem, edges: Edges, eligible: NDArray[np.bool_], placed: NDArray[np.bool_]
) -> list[UnassignedCandidate]:
    rows = np.flatnonzero(~placed)
    if rows.size == 0:
        return []
    n = len(problem.cand)
    hard_bits = block_violations(
        problem.cand, problem.pkg, problem.minutes_for, problem.config, rows
    ) & code_mask(problem.config, "hard")
    counts = reason_counts(hard_bits, REASON_CODES)
    feasible = np.bincount(edges.rows[edges.feasible], minlength=n)[rows]
    below = np.bincount(edges.rows[edges.feasible & ~eligible], minlength=n)[rows]
    outcompeted = np.bincount(edges.rows[eligible], minlength=n)[rows]
    out: list[UnassignedCandidate] = []
    for k, i in enumerate(rows.tolist()):
        pairs = [(n_, code) for code, n_ in zip(REASON_CODES, counts[k].tolist(), strict=True)]
        pairs += [(int(below[k]), BELOW_MIN_SCORE), (int(outcompeted[k]), OUTCOMPETED)]
        top = sorted((p for p in pairs if p[0] > 0), key=lambda p: (-p[0], p[1]))[:_TOP_REASONS]
        out.append(
            UnassignedCandidate(
                candidate_id=problem.cand.ids[i],
                feasible_packages=int(feasible[k]),
                reasons=[ReasonCount(code=code, packages=n_) for n_, code in top],
            )
        )
    return out


def explain(
    candidate: Candidate | Mapping[str, Any],
    package: TaskPackage | Mapping[str, Any],
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    travel_minutes: TravelMinutes = None,
) -> Explanation:
    """Explain one pair: each broken rule with both values and a message, and the score's parts.

    Built by :func:`compatibility` on the single pair, so it agrees with it on feasibility,
    reasons and score by construction.

    Parameters
    ----------
    candidate, package
        A model or a dict in its JSON shape.
    config, travel_minutes
        As for :func:`compatibility` (``travel_minutes`` as a 1 x 1 matrix or a provider).

    Example
    -------
    >>> import wbamatch
    >>> cands, packs = wbamatch.demo_data()
    >>> ex = wbamatch.explain(cands[0], packs[0])
    >>> abs(sum(ex.components.values()) - ex.raw_score) < 1e-9 or ex.raw_score in (0.0, 1.0)
    True
    """
    comp = compatibility([candidate], [package], config, travel_minutes=travel_minutes)
    return explain_pair(comp, 0, 0)
