"""The public entry points: validate at the boundary, then run the pipeline.

``candidates`` and ``packages`` may be model instances or plain dicts in the JSON shapes of
:class:`~wbamatch.Candidate` and :class:`~wbamatch.TaskPackage`; inputs are never mutated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pydantic import ValidationError
from pydantic_core import InitErrorDetails

from ._assignment import solve_edges
from ._canonical import array_digest, keyed_digest, list_adapter, records_digest
from ._commute import EstimatedTravelTime, TravelTimeProvider
from ._compatibility import (
    Compatibility,
    Edges,
    MinutesFor,
    ReachFor,
    bit_reason_counts,
    block_violations,
    build_compatibility,
    check_dense,
    collect_edges,
    edges_of,
    hard_reason_counts,
    lookup_id,
    projected_edge_bytes,
)
from ._config import MatchConfig
from ._constraints import code_mask, decode
from ._encode import (
    CandidateArrays,
    PackageArrays,
    encode_candidates,
    encode_packages,
    sort_by_id,
)
from ._exceptions import InputError, ResourceLimitError
from ._explain import Explanation, explain_pair
from ._gc import paused_gc
from ._models import Candidate, TaskPackage, as_model
from ._progress import ProgressOption
from ._results import (
    BELOW_MIN_SCORE,
    FORBIDDEN,
    OUTCOMPETED,
    Assignment,
    AuditRecord,
    MatchResult,
    OpenSlots,
    SolveContext,
    UnassignedCandidate,
)
from ._vocabulary import HOURS_PER_JOB
from .rules import REGISTRY, max_commute

__all__ = ["compatibility", "explain", "match"]

M = TypeVar("M", Candidate, TaskPackage)

#: Up to this many candidate x package pairs, match() evaluates all pairs in one dense pass.
SMALL_PAIRS = 250_000

#: Above this many candidate x package pairs, match() first projects the memory of the run
#: from a sample and refuses a run that would not fit, before spending minutes on it.
PROJECT_ABOVE_PAIRS = 200_000_000

#: How many reason codes an unassigned candidate lists.
_TOP_REASONS = 5

TravelMinutes = ArrayLike | TravelTimeProvider | None


def _validated(records: Iterable[Any], model: type[M], kind: str, limit: int) -> list[M]:
    if isinstance(records, (str, bytes, Mapping)) or not isinstance(records, Iterable):
        raise InputError(
            f"{kind}s must be a list of records, got a single {type(records).__name__}"
        )
    out: list[M] = []
    failed: list[tuple[str, ValidationError]] = []
    for k, rec in enumerate(records):
        if isinstance(rec, model):
            out.append(rec)
        elif isinstance(rec, Mapping):
            try:
                out.append(model.model_validate(rec))
            except ValidationError as exc:
                # The title names the record by its id, or it has none usable: its position.
                named = exc.title != model.__name__
                failed.append((exc.title if named else f"{model.__name__} #{k}", exc))
                if len(failed) >= MAX_RECORD_ERRORS:
                    break
        else:
            raise InputError(
                f"{kind} #{k}: expected a {model.__name__} or a dict, got {type(rec).__name__}"
            )
        if len(out) > limit:
            raise InputError(
                f"more than {limit} {kind}s; raise MatchConfig.max_{kind}s or split the run"
            )
    if failed:
        raise _all_records(failed, model, kind)
    if not out:
        raise InputError(f"no {kind}s given; pass at least one {kind}")
    return out


#: Invalid records reported together; past this many the check stops.
MAX_RECORD_ERRORS = 100


def _all_records(
    failed: list[tuple[str, ValidationError]], model: type[M], kind: str
) -> ValidationError:
    """The errors of every invalid record in one, each located at its record.

    One invalid record keeps its own title (``Candidate 'c-1'``); several are titled by their
    number, and each error's location starts with its record (``Candidate 'c-2'`` or
    ``Candidate #3``).
    """
    if len(failed) == 1:
        title, exc = failed[0]
        return _renamed(exc, title, ())
    more = " (the first ones)" if len(failed) >= MAX_RECORD_ERRORS else ""
    details: list[InitErrorDetails] = []
    for title, exc in failed:
        label = title.removeprefix(model.__name__).strip()
        details += _details(exc, (label,))
    return ValidationError.from_exception_data(
        f"{len(failed)} invalid {kind}s{more}", details, hide_input=True
    )


def _details(error: ValidationError, prefix: tuple[str, ...]) -> list[InitErrorDetails]:
    from pydantic_core import PydanticCustomError

    # Our own error types (same type and message), so no pydantic web link is added.
    text = [(e, str(e["msg"]).replace("{", "{{").replace("}", "}}")) for e in error.errors()]
    return [
        InitErrorDetails(
            type=PydanticCustomError(e["type"], msg), loc=(*prefix, *e["loc"]), input=None
        )
        for e, msg in text
    ]


def _renamed(error: ValidationError, title: str, prefix: tuple[str, ...]) -> ValidationError:
    """The same errors under ``title`` (the record's position when its id is unusable)."""
    return ValidationError.from_exception_data(title, _details(error, prefix), hide_input=True)


def config_of(config: MatchConfig | Mapping[str, Any] | None) -> MatchConfig:
    """The config as given, validated from a dict, or the defaults when None."""
    return MatchConfig() if config is None else as_model(config, MatchConfig, "config")


@dataclass(frozen=True, eq=False)
class Problem:
    """Validated, encoded inputs and a way to get travel minutes for any candidate rows."""

    cand: CandidateArrays
    pkg: PackageArrays
    config: MatchConfig
    minutes_for: MinutesFor
    candidates: list[Candidate] = field(repr=False)
    packages: list[TaskPackage] = field(repr=False)
    travel_times: str = "estimated"
    #: Threads for block-wise work: the cores (None), or 1 when a caller's own travel-time
    #: provider is in use (it may not be safe to call from several threads at once).
    workers: int | None = None
    #: With the built-in estimate: a superset of the pairs within each candidate's commute
    #: limit, from a KD-tree, so reasons need travel times only there. None otherwise.
    reach_for: ReachFor | None = None


def prepare(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    config: MatchConfig | Mapping[str, Any] | None,
    travel_minutes: TravelMinutes,
) -> Problem:
    """Validate at the boundary and encode; travel minutes are computed per block on demand."""
    cfg = config_of(config)
    with paused_gc():
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
            try:
                out = np.asarray(
                    provider.minutes(cand.home[rows], pkg.location, picked), dtype=np.float64
                )
            except (TypeError, ValueError) as exc:
                raise InputError(
                    f"travel-time provider {type(provider).__name__} did not return numbers"
                ) from exc
            if out.shape != (len(picked), len(pkg)):
                raise InputError(
                    f"travel-time provider returned shape {out.shape}, "
                    f"expected {(len(picked), len(pkg))}"
                )
            if np.any(np.isinf(out)) or np.any(out < 0):
                raise InputError(
                    f"travel-time provider {type(provider).__name__} returned negative or "
                    "infinite minutes; return finite minutes >= 0, NaN for unknown"
                )
            return out

        travel = (
            "estimated"
            if isinstance(provider, EstimatedTravelTime)
            else (f"provider {type(provider).__name__}")
        )
        if not isinstance(provider, EstimatedTravelTime):
            # A caller's provider may not be safe to call from several threads at once.
            return Problem(cand, pkg, cfg, minutes_for, cands, packs, travel, workers=1)
        estimate = provider
        limits = max_commute(cand, cfg)

        def reach_for(rows: NDArray[np.intp]) -> NDArray[np.bool_]:
            picked = [modes[k] for k in rows.tolist()]
            return estimate.reachable(cand.home[rows], pkg.location, picked, limits[rows])

        return Problem(cand, pkg, cfg, minutes_for, cands, packs, travel, None, reach_for)
    matrix = _minutes_matrix(travel_minutes, expected)
    ordered = matrix[np.ix_(sort_by_id(cands), sort_by_id(packs))]

    def from_matrix(
        rows: slice | NDArray[np.intp], where: NDArray[np.bool_] | None = None
    ) -> NDArray[np.float64]:
        return ordered[rows]

    travel = f"matrix sha256:{array_digest(matrix)}"
    return Problem(cand, pkg, cfg, from_matrix, cands, packs, travel)


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
        (NaN = unknown), or a :class:`~wbamatch._commute.TravelTimeProvider`. Default: estimated
        from coordinates by :class:`~wbamatch._commute.EstimatedTravelTime`.

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
    check_dense(len(problem.cand), len(problem.pkg), problem.config)
    return build_compatibility(
        problem.cand, problem.pkg, problem.minutes_for(slice(None)), problem.config
    )


def match(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    travel_minutes: TravelMinutes = None,
    progress: ProgressOption = None,
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
    progress
        ``None``: a progress bar when run in a terminal or notebook (after half a second);
        ``False``: none; a callable ``(blocks_done, blocks_total)`` for services, which may
        raise any exception to cancel the run (the exception reaches the caller).

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
    return solve_problem(prepare(candidates, packages, config, travel_minutes), progress=progress)


def solve_problem(
    problem: Problem, *, method: str = "auto", progress: ProgressOption = False
) -> MatchResult:
    """Collect the feasible pairs block by block, solve exactly, and build the result.

    Pinned pairs are placed first and take their slots; forbidden pairs and pinned people are
    left out of the optimisation, which then fills the remaining slots.
    """
    with paused_gc():
        return _solve_problem(problem, method, progress)


def _solve_problem(problem: Problem, method: str, progress: ProgressOption) -> MatchResult:
    cfg, cand, pkg = problem.config, problem.cand, problem.pkg
    pins = _pins(problem)
    comp: Compatibility | None = None
    if len(cand) * len(pkg) <= SMALL_PAIRS:
        # Small (a service call): one dense pass gives the pairs, their reasons and penalties.
        comp = build_compatibility(cand, pkg, problem.minutes_for(slice(None)), cfg)
        edges = edges_of(comp)
    else:
        max_bytes = cfg.max_memory_mb << 20
        if len(cand) * len(pkg) > PROJECT_ABOVE_PAIRS:
            _refuse_if_too_big(problem, max_bytes)
        edges = collect_edges(
            cand,
            pkg,
            problem.minutes_for,
            cfg,
            progress=progress,
            max_bytes=max_bytes,
            workers=problem.workers,
        )
    eligible = edges.feasible & (edges.scores >= cfg.min_score)
    banned = _forbidden_edges(problem, edges)
    slots = pkg.slots.copy()
    pinned_rows = np.zeros(len(cand), dtype=np.bool_)
    for pin in pins:
        slots[pin.col] -= 1
        pinned_rows[pin.row] = True
    open_to_solver = eligible & ~banned & ~pinned_rows[edges.rows]
    outcome = solve_edges(
        edges.rows[open_to_solver],
        edges.cols[open_to_solver],
        edges.scores[open_to_solver],
        slots,
        method=method,
        max_bytes=cfg.max_memory_mb << 20,
    )
    penalty_bits = code_mask(cfg, "penalty")
    penalties: dict[int, NDArray[np.uint64]] = {}
    if penalty_bits and outcome.rows.size:
        bits = (
            comp.violations[outcome.rows]
            if comp is not None
            else block_violations(cand, pkg, problem.minutes_for, cfg, outcome.rows)
        )
        penalties = {int(r): bits[k] for k, r in enumerate(outcome.rows.tolist())}
    found: dict[int, dict[str, Any]] = {}
    chosen = _pair_scores(edges, outcome.rows, outcome.cols).tolist()
    for k, (i, j) in enumerate(zip(outcome.rows.tolist(), outcome.cols.tolist(), strict=True)):
        soft = penalties[i][j] & penalty_bits if penalties else np.uint64(0)
        found[i] = _assignment(problem, i, j, chosen[k], decode(soft))
    for pin in pins:
        found[pin.row] = _assignment(
            problem,
            pin.row,
            pin.col,
            pin.score,
            pin.penalties,
            pinned=True,
            override=bool(pin.breaks),
            breaks=pin.breaks,
        )
    # One validation call for all placements, in candidate order.
    assignments: list[Assignment] = list_adapter(Assignment).validate_python(
        [found[i] for i in sorted(found)]
    )
    placed = np.zeros(len(cand), dtype=np.bool_)
    placed[list(found)] = True
    taken = np.concatenate([outcome.cols, np.asarray([pin.col for pin in pins], dtype=np.intp)])
    used = np.bincount(taken, minlength=len(pkg))
    feasible_per_package = np.bincount(edges.cols[edges.feasible], minlength=len(pkg))
    result = MatchResult(
        status=outcome.status,
        solver=outcome.solver,
        assignments=assignments,
        unassigned=_unassigned(problem, edges, eligible, banned, placed, comp),
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
            "capacities": int(cand.capacities_unknown.sum()),
        },
        config=cfg,
    )
    result = result.model_copy(update={"audit": _audit_record(problem, result)})

    def resolve(config: MatchConfig) -> MatchResult:
        return solve_problem(replace(problem, config=config), method=method)

    result._attach(SolveContext(problem, edges, open_to_solver, slots, resolve))
    return result


def _refuse_if_too_big(problem: Problem, max_bytes: int) -> None:
    projected, sampled = projected_edge_bytes(
        problem.cand, problem.pkg, problem.minutes_for, problem.config, workers=problem.workers
    )
    if projected > max_bytes:
        raise ResourceLimitError(
            f"this run would need about {projected >> 20:,} MB for its compatible pairs "
            f"(projected from {sampled} of {len(problem.cand):,} candidates), more than "
            f"MatchConfig.max_memory_mb={max_bytes >> 20:,}; raise the limit if the machine has "
            "the memory, tighten the rules (a lower default commute, min_score) or split the "
            "run by region"
        )


def _assignment(
    problem: Problem,
    i: int,
    j: int,
    score: float,
    penalties: list[str],
    *,
    pinned: bool = False,
    override: bool = False,
    breaks: list[str] | None = None,
) -> dict[str, Any]:
    """The fields of one :class:`Assignment` (validated together, see below)."""
    cand, pkg = problem.cand, problem.pkg
    counts = bool(cand.registered[i] and pkg.counts[j])
    hours = float(pkg.per_week[j])
    return {
        "candidate_id": cand.ids[i],
        "package_id": pkg.ids[j],
        "employer": pkg.employers[j],
        "title": pkg.titles[j],
        "organisation": pkg.organisations[j],
        "track": pkg.tracks[j],
        "score": score,
        "hours": hours,
        "counts": counts,
        "banen": hours / HOURS_PER_JOB if counts else 0.0,
        "penalties": penalties,
        "pinned": pinned,
        "override": override,
        "breaks": breaks or [],
        "not_counting": [
            why
            for why, ok in (("register", cand.registered[i]), ("contract", pkg.counts[j]))
            if not ok
        ],
    }


@dataclass(frozen=True)
class _PinnedPair:
    row: int
    col: int
    score: float
    penalties: list[str]
    breaks: list[str]


def _pins(problem: Problem) -> list[_PinnedPair]:
    """Check every pin against the rules, with the same dense code path as compatibility()."""
    cfg, cand, pkg = problem.config, problem.cand, problem.pkg
    if not cfg.pinned:
        return []
    rows = [
        lookup_id(cand.ids, p.candidate_id, "candidate", f"MatchConfig.pinned[{k}].candidate_id")
        for k, p in enumerate(cfg.pinned)
    ]
    cols = [
        lookup_id(pkg.ids, p.package_id, "package", f"MatchConfig.pinned[{k}].package_id")
        for k, p in enumerate(cfg.pinned)
    ]
    taken = np.bincount(cols, minlength=len(pkg))
    for j in np.flatnonzero(taken > pkg.slots).tolist():
        raise InputError(
            f"MatchConfig.pinned: package {pkg.ids[j]!r} has {int(pkg.slots[j])} slot(s) but "
            f"{int(taken[j])} pins; unpin someone or raise the package's slots"
        )
    idx = np.asarray(rows, dtype=np.intp)
    check_dense(idx.size, len(pkg), cfg, "checking the pins")
    comp = build_compatibility(cand.take(idx), pkg, problem.minutes_for(idx), cfg)
    hard, soft = code_mask(cfg, "hard"), code_mask(cfg, "penalty")
    out: list[_PinnedPair] = []
    refused = REGISTRY.unrelaxable_bits
    for k, (pin, i, j) in enumerate(zip(cfg.pinned, rows, cols, strict=True)):
        if comp.violations[k, j] & refused:
            raise InputError(
                f"MatchConfig.pinned[{k}]: candidate {pin.candidate_id!r} said no to package "
                f"{pin.package_id!r}; a candidate's own no stands, even against an override. "
                "Remove the pin, or remove the package from their excluded_packages if they "
                "changed their mind"
            )
        breaks = decode(comp.violations[k, j] & hard)
        if breaks and not pin.override:
            raise InputError(
                f"MatchConfig.pinned[{k}]: {pin.candidate_id!r} at {pin.package_id!r} breaks "
                f"hard rules ({', '.join(breaks)}); set override=True to place them anyway as a "
                "human decision"
            )
        out.append(
            _PinnedPair(
                row=i,
                col=j,
                score=float(comp.raw_scores[k, j]),
                penalties=decode(comp.violations[k, j] & soft),
                breaks=breaks,
            )
        )
    return out


def _forbidden_edges(problem: Problem, edges: Edges) -> NDArray[np.bool_]:
    """Which edges a person ruled out (MatchConfig.forbidden)."""
    cfg, cand, pkg = problem.config, problem.cand, problem.pkg
    banned = np.zeros(edges.rows.size, dtype=np.bool_)
    if not cfg.forbidden:
        return banned
    m = len(pkg)
    keys = [
        lookup_id(cand.ids, f.candidate_id, "candidate", f"MatchConfig.forbidden[{k}].candidate_id")
        * m
        + lookup_id(pkg.ids, f.package_id, "package", f"MatchConfig.forbidden[{k}].package_id")
        for k, f in enumerate(cfg.forbidden)
    ]
    banned[np.isin(edges.rows.astype(np.int64) * m + edges.cols, keys)] = True
    return banned


def _audit_record(problem: Problem, result: MatchResult) -> AuditRecord:
    cfg = problem.config
    key = cfg.audit_key_bytes()
    pins = list(cfg.pinned)
    if not cfg.audit_pin_notes:
        pins = [p.model_copy(update={"note": ""}) if p.note else p for p in pins]
    return AuditRecord(
        library_version=library_version(),
        timestamp=datetime.now(UTC),
        keyed=key is not None,
        candidates_digest=None if key is None else records_digest(problem.candidates, key),
        packages_digest=records_digest(problem.packages, key),
        config_digest=keyed_digest(cfg.model_dump_json().encode(), key),
        travel_times=problem.travel_times,
        rules={code: cfg.mode_of(code) for code in REGISTRY.codes},
        weights=cfg.component_weights(),
        penalty=cfg.penalty,
        min_score=cfg.min_score,
        solver=result.solver,
        status=result.status,
        n_candidates=result.n_candidates,
        n_packages=result.n_packages,
        n_slots=result.n_slots,
        n_feasible_pairs=result.n_feasible_pairs,
        n_assigned=len(result.assignments),
        pins=pins,
        overrides=[a for a in result.assignments if a.override],
        n_forbidden=len(cfg.forbidden),
    )


@cache
def library_version() -> str:
    """The installed wbamatch version (``0.0.0+unknown`` when run from a source tree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wbamatch")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0+unknown"


def _pair_scores(
    edges: Edges, rows: NDArray[np.intp], cols: NDArray[np.intp]
) -> NDArray[np.float64]:
    """Scores of the given pairs, looked up in the edge list (sorted by row, then column)."""
    m = edges.shape[1]
    keys = edges.rows.astype(np.int64) * m + edges.cols
    at = np.searchsorted(keys, rows.astype(np.int64) * m + cols)
    found: NDArray[np.float64] = edges.scores[at]
    return found


def _unassigned(
    problem: Problem,
    edges: Edges,
    eligible: NDArray[np.bool_],
    banned: NDArray[np.bool_],
    placed: NDArray[np.bool_],
    comp: Compatibility | None,
) -> list[UnassignedCandidate]:
    rows = np.flatnonzero(~placed)
    if rows.size == 0:
        return []
    n = len(problem.cand)
    codes = REGISTRY.codes
    if comp is not None:
        counts = bit_reason_counts(comp.violations[rows], problem.config, codes)
    else:
        counts = hard_reason_counts(
            problem.cand,
            problem.pkg,
            problem.minutes_for,
            problem.config,
            rows,
            codes,
            workers=problem.workers,
            reach_for=problem.reach_for,
        )
    feasible = np.bincount(edges.rows[edges.feasible], minlength=n)[rows]
    below = np.bincount(edges.rows[edges.feasible & ~eligible], minlength=n)[rows]
    outcompeted = np.bincount(edges.rows[eligible & ~banned], minlength=n)[rows]
    ruled_out = np.bincount(edges.rows[eligible & banned], minlength=n)[rows]
    # Only the codes that ruled something out: most of the forty-odd codes count 0 for a row.
    per_row: list[list[tuple[int, str]]] = [[] for _ in range(rows.size)]
    hit_rows, hit_codes = np.nonzero(counts)
    for k, c, n_ in zip(
        hit_rows.tolist(), hit_codes.tolist(), counts[hit_rows, hit_codes].tolist(), strict=True
    ):
        per_row[k].append((n_, codes[c]))
    out: list[dict[str, Any]] = []
    for k, i in enumerate(rows.tolist()):
        pairs = per_row[k] + [
            (int(below[k]), BELOW_MIN_SCORE),
            (int(outcompeted[k]), OUTCOMPETED),
            (int(ruled_out[k]), FORBIDDEN),
        ]
        top = sorted((p for p in pairs if p[0] > 0), key=lambda p: (-p[0], p[1]))[:_TOP_REASONS]
        out.append(
            {
                "candidate_id": problem.cand.ids[i],
                "feasible_packages": int(feasible[k]),
                "reasons": [{"code": code, "packages": n_} for n_, code in top],
            }
        )
    # One validation call for the whole list (tens of thousands on a national run).
    validated: list[UnassignedCandidate] = list_adapter(UnassignedCandidate).validate_python(out)
    return validated


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
