"""The public entry points: validate at the boundary, then run the pipeline.

``candidates`` and ``packages`` may be model instances or plain dicts in the JSON shapes of
:class:`~wbamatch.Candidate` and :class:`~wbamatch.TaskPackage`; inputs are never mutated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .assignment import solve
from .commute import EstimatedTravelTime, TravelTimeProvider
from .compatibility import Compatibility, build_compatibility, reason_counts
from .config import MatchConfig
from .constraints import code_mask, decode
from .encode import encode_candidates, encode_packages, sort_by_id
from .exceptions import InputError
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

__all__ = ["compatibility", "match"]

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


def _minutes(
    travel_minutes: TravelMinutes,
    cands: Sequence[Candidate],
    packs: Sequence[TaskPackage],
    config: MatchConfig,
    origins: NDArray[np.float64],
    destinations: NDArray[np.float64],
    modes: Sequence[Any],
) -> NDArray[np.float64]:
    """Travel minutes in id order; a caller's matrix is given in the caller's input order."""
    if travel_minutes is None:
        travel_minutes = EstimatedTravelTime(config.commute)
    if isinstance(travel_minutes, TravelTimeProvider):
        out = np.asarray(travel_minutes.minutes(origins, destinations, modes), dtype=np.float64)
        expected = (len(cands), len(packs))
        if out.shape != expected:
            raise InputError(
                f"travel-time provider returned shape {out.shape}, expected {expected}"
            )
        return out
    try:
        matrix = np.array(travel_minutes, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(
            "travel_minutes must be a numeric (n_candidates, n_packages) array"
        ) from exc
    expected = (len(cands), len(packs))
    if matrix.shape != expected:
        raise InputError(
            f"travel_minutes has shape {matrix.shape}, expected {expected} "
            "(rows in the order of candidates, columns in the order of packages)"
        )
    if np.any(np.isinf(matrix)) or np.any(matrix < 0):
        raise InputError("travel_minutes must be finite and >= 0; use NaN for unknown")
    return matrix[np.ix_(sort_by_id(cands), sort_by_id(packs))]


def _prepare(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    config: MatchConfig | Mapping[str, Any] | None,
    travel_minutes: TravelMinutes,
) -> Compatibility:
    cfg = _config(config)
    cands = _validated(candidates, Candidate, "candidate", cfg.max_candidates)
    packs = _validated(packages, TaskPackage, "package", cfg.max_packages)
    cand = encode_candidates(cands)
    pkg = encode_packages(packs)
    minutes = _minutes(
        travel_minutes, cands, packs, cfg, cand.home, pkg.location, cand.travel_modes
    )
    return build_compatibility(cand, pkg, minutes, cfg)


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
    return _prepare(candidates, packages, config, travel_minutes)


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
    comp = _prepare(candidates, packages, config, travel_minutes)
    return _result(comp)


def _result(comp: Compatibility) -> MatchResult:
    cfg = comp.config
    cand, pkg = comp.candidates, comp.packages
    eligible = comp.feasible & (comp.scores >= cfg.min_score)
    outcome = solve(comp.scores, eligible, pkg.slots)

    soft = code_mask(cfg, "penalty")
    assignments: list[Assignment] = []
    for i, j in zip(outcome.rows.tolist(), outcome.cols.tolist(), strict=True):
        counts = bool(cand.registered[i] and pkg.counts[j])
        hours = float(pkg.per_week[j])
        assignments.append(
            Assignment(
                candidate_id=cand.ids[i],
                package_id=pkg.ids[j],
                score=float(comp.scores[i, j]),
                hours=hours,
                counts=counts,
                banen=hours / HOURS_PER_JOB if counts else 0.0,
                penalties=decode(comp.violations[i, j] & soft),
            )
        )

    placed = np.zeros(len(cand), dtype=np.bool_)
    placed[outcome.rows] = True
    used = np.bincount(outcome.cols, minlength=len(pkg))
    return MatchResult(
        status=outcome.status,
        solver=outcome.solver,
        assignments=assignments,
        unassigned=_unassigned(comp, placed, eligible),
        open_slots=[
            OpenSlots(
                package_id=pkg.ids[j],
                open=int(pkg.slots[j] - used[j]),
                feasible_candidates=int(comp.feasible[:, j].sum()),
            )
            for j in np.flatnonzero(used < pkg.slots).tolist()
        ],
        total_score=outcome.total,
        banen=sum(a.banen for a in assignments),
        n_candidates=len(cand),
        n_packages=len(pkg),
        n_slots=int(pkg.slots.sum()),
        n_feasible_pairs=int(comp.feasible.sum()),
        unknown={
            "education": int((cand.education < 0).sum()),
            "home": int(np.isnan(cand.home[:, 0]).sum()),
        },
        config=cfg,
    )


def _unassigned(
    comp: Compatibility, placed: NDArray[np.bool_], eligible: NDArray[np.bool_]
) -> list[UnassignedCandidate]:
    rows = np.flatnonzero(~placed)
    if rows.size == 0:
        return []
    hard_bits = comp.violations[rows] & code_mask(comp.config, "hard")
    counts = reason_counts(hard_bits, REASON_CODES)
    feasible = comp.feasible[rows]
    below = (feasible & ~eligible[rows]).sum(axis=1)
    outcompeted = eligible[rows].sum(axis=1)
    out: list[UnassignedCandidate] = []
    for k, i in enumerate(rows.tolist()):
        pairs = [
            (int(n), code) for code, n in zip(REASON_CODES, counts[k].tolist(), strict=True) if n
        ]
        pairs += [(int(below[k]), BELOW_MIN_SCORE), (int(outcompeted[k]), OUTCOMPETED)]
        top = sorted((p for p in pairs if p[0] > 0), key=lambda p: (-p[0], p[1]))[:_TOP_REASONS]
        out.append(
            UnassignedCandidate(
                candidate_id=comp.candidate_ids[i],
                feasible_packages=int(feasible[k].sum()),
                reasons=[ReasonCount(code=code, packages=n) for n, code in top],
            )
        )
    return out
