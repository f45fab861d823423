"""The compatibility of every candidate with every package: feasibility, reasons and scores.

Built by :func:`wbamatch.compatibility` from the same rule and score functions that
:func:`wbamatch.match` uses; explanations read from it, so they cannot disagree with a decision.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from ._config import MatchConfig
from ._constraints import (
    BIT,
    PairContext,
    RuleOutcome,
    code_mask,
    decode,
    distinct_rows,
    evaluate,
    evaluate_feasible,
)
from ._encode import CandidateArrays, PackageArrays
from ._exceptions import ResourceLimitError, UnknownIdError
from ._limits import DEFAULT_LIMITS, Limits
from ._parallel import in_order
from ._progress import ProgressOption, track
from ._scoring import combine, score_components
from ._vocabulary import DIMENSIONS, MAX_LEVEL, SCORE_COMPONENTS
from .rules import REGISTRY, Rule

__all__ = [
    "Compatibility",
    "Edges",
    "bit_reason_counts",
    "block_violations",
    "build_compatibility",
    "check_dense",
    "collect_edges",
    "edges_of",
    "hard_reason_counts",
    "lookup_id",
    "near_miss_mask",
    "projected_edge_bytes",
]


@dataclass(frozen=True, eq=False)
class Compatibility:
    """Feasibility, reason codes and scores for all pairs.

    Rows follow ``candidate_ids`` and columns ``package_ids``, both sorted by id (so the arrays do
    not depend on input order).

    Attributes
    ----------
    candidate_ids, package_ids
        Row and column labels.
    feasible
        ``(n_candidates, n_packages)`` bool: True where no hard rule is broken.
    scores
        ``(n_candidates, n_packages)`` float in [0, 1]: the score of each feasible pair, 0 where
        the pair is infeasible (see :attr:`raw_scores` for what it would have scored).
    raw_scores
        Scores of all pairs, computed as if the pair were allowed.
    violations
        ``(n_candidates, n_packages)`` uint64 bit field of every rule broken (hard or penalty).
    components
        Weighted contribution per score component; they add up to ``raw_scores`` plus penalties.
    n_penalties
        Number of penalty-mode rules each pair breaks.
    minutes
        One-way travel minutes per pair (NaN where unknown).
    """

    candidate_ids: tuple[str, ...]
    package_ids: tuple[str, ...]
    feasible: NDArray[np.bool_]
    scores: NDArray[np.float64]
    raw_scores: NDArray[np.float64]
    violations: NDArray[np.uint64]
    components: Mapping[str, NDArray[np.float64]]
    n_penalties: NDArray[np.int64]
    minutes: NDArray[np.float64]
    config: MatchConfig
    candidates: CandidateArrays = field(repr=False)
    packages: PackageArrays = field(repr=False)

    @property
    def shape(self) -> tuple[int, int]:
        """``(n_candidates, n_packages)``."""
        return len(self.candidate_ids), len(self.package_ids)

    def index(self, candidate_id: str, package_id: str) -> tuple[int, int]:
        """Row and column of a pair; raises :class:`UnknownIdError` for an unknown id."""
        rows = lookup_id(self.candidate_ids, candidate_id, "candidate")
        cols = lookup_id(self.package_ids, package_id, "package")
        return rows, cols

    def reasons(self, candidate_id: str, package_id: str) -> list[str]:
        """Reason codes of every rule the pair breaks (hard and penalty), in code order.

        An empty list means the pair breaks no rule.
        """
        i, j = self.index(candidate_id, package_id)
        return decode(self.violations[i, j])

    def hard_reasons(self, candidate_id: str, package_id: str) -> list[str]:
        """Reason codes of the hard rules the pair breaks: empty exactly when it is feasible."""
        i, j = self.index(candidate_id, package_id)
        return decode(self.violations[i, j] & code_mask(self.config, "hard"))

    def score_components(self, candidate_id: str, package_id: str) -> dict[str, float]:
        """Weighted contribution of each component for one pair, plus ``"penalty"`` (<= 0)."""
        i, j = self.index(candidate_id, package_id)
        parts = {name: float(v[i, j]) for name, v in self.components.items()}
        parts["penalty"] = -self.config.penalty * float(self.n_penalties[i, j])
        return parts


def lookup_id(ids: tuple[str, ...], rid: str, kind: str, where: str = "") -> int:
    """Position of ``rid`` in the sorted ``ids``; :class:`UnknownIdError` naming ``where``."""
    prefix = f"{where}: " if where else ""
    if not isinstance(rid, str):
        raise UnknownIdError(f"{prefix}{kind} ids are text; got a {type(rid).__name__}")
    k = bisect_left(ids, rid)  # ids are sorted
    if k < len(ids) and ids[k] == rid:
        return k
    raise UnknownIdError(
        f"{prefix}no {kind} with id {rid!r} among the inputs; check the id or pass that {kind} in"
    )


class MinutesFor(Protocol):
    """Travel minutes for some candidate rows: ``(rows, where) -> (len(rows), n_packages)``.

    With ``where`` (a boolean ``(len(rows), n_packages)`` mask) only those pairs need a value;
    an implementation may return NaN for the others.
    """

    def __call__(
        self, rows: slice | NDArray[np.intp], where: NDArray[np.bool_] | None = None
    ) -> NDArray[np.float64]: ...




def _grid(n: int, m: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    return np.repeat(np.arange(n), m), np.tile(np.arange(m), n)




def check_dense(
    n: int,
    m: int,
    config: MatchConfig,
    what: str = "compatibility()",
    limits: Limits = DEFAULT_LIMITS,
) -> None:
    """Refuse, before any memory is spent, dense arrays of ``n x m`` pairs over the budget.

    A pair costs ``limits.dense_pair_bytes`` while the arrays of :class:`Compatibility` are
    built: the travel minutes, the packed reasons, scores, raw scores, the weighted components,
    penalty counts and the rules' temporary masks.

    Raises
    ------
    ResourceLimitError
        ``n * m * limits.dense_pair_bytes`` is more than ``config.max_memory_mb``.
    """
    need = n * m * limits.dense_pair_bytes
    if need > config.max_memory_mb << 20:
        raise ResourceLimitError(
            f"{what} on {n:,} candidates x {m:,} packages would need about {need >> 20:,} MB "
            f"for its dense arrays, more than MatchConfig.max_memory_mb="
            f"{config.max_memory_mb:,}; use match() or shortlist() (they keep only the "
            "compatible pairs), pass fewer candidates or packages, or raise the limit"
        )


def build_compatibility(
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes: NDArray[np.float64],
    config: MatchConfig,
) -> Compatibility:
    """Evaluate every rule and score component for all pairs of ``cand`` and ``pkg`` (dense)."""
    check_dense(len(cand), len(pkg), config)
    ctx = PairContext(minutes=minutes, config=config)
    outcome = evaluate(cand, pkg, ctx, want_bits=True)
    assert outcome.bits is not None
    n, m = len(cand), len(pkg)
    i, j = _grid(n, m)
    components = {
        name: v.reshape(n, m) for name, v in score_components(cand, pkg, ctx, i, j).items()
    }
    raw = combine(components, outcome.n_penalties.astype(np.int64), config.penalty)
    return Compatibility(
        candidate_ids=cand.ids,
        package_ids=pkg.ids,
        feasible=outcome.feasible,
        scores=np.where(outcome.feasible, raw, 0.0),
        raw_scores=raw,
        violations=outcome.bits,
        components=components,
        n_penalties=outcome.n_penalties.astype(np.int64),
        minutes=minutes,
        config=config,
        candidates=cand,
        packages=pkg,
    )


@dataclass(frozen=True, eq=False)
class Edges:
    """The pairs worth keeping, as parallel arrays (an edge list), rows sorted.

    ``feasible`` marks pairs that break no hard rule; the others (only present when near misses
    were asked for) break exactly one, whose reason code index is in ``near_miss_code``.
    """

    rows: NDArray[np.intp]
    cols: NDArray[np.intp]
    scores: NDArray[np.float64]
    feasible: NDArray[np.bool_]
    near_miss_code: NDArray[np.int16]
    shape: tuple[int, int]
    components: dict[str, NDArray[np.float64]] = field(default_factory=dict)


def collect_edges(
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes_for: MinutesFor,
    config: MatchConfig,
    *,
    near_misses: bool = False,
    keep_components: bool = False,
    pairs_per_block: int | None = None,
    progress: ProgressOption = False,
    max_bytes: int | None = None,
    workers: int | None = 1,
) -> Edges:
    """Feasible pairs (and, on request, pairs breaking exactly one hard rule) with their scores.

    Works through the candidates in blocks so peak memory stays bounded, and scores only the
    pairs that survive the rules. ``progress`` reports blocks done (a callback may raise to
    cancel); past ``max_bytes`` of kept pairs a :class:`ResourceLimitError` stops the run.
    ``workers``: threads for the blocks (None = the machine's cores); only when ``minutes_for``
    may be called from several threads at once.
    """
    n, m = len(cand), len(pkg)
    block = max(1, (pairs_per_block or DEFAULT_LIMITS.pairs_per_block) // max(m, 1))
    hard = code_mask(config, "hard")
    unrelaxable = REGISTRY.unrelaxable_bits
    parts: list[tuple[NDArray[Any], ...]] = []
    comp_parts: dict[str, list[NDArray[np.float64]]] = {}
    kept = 0
    per_edge = DEFAULT_LIMITS.edge_bytes + (8 * len(SCORE_COMPONENTS) if keep_components else 0)
    starts = range(0, n, block)

    def one_block(start: int) -> tuple[tuple[NDArray[Any], ...], dict[str, NDArray[np.float64]]]:
        rows = slice(start, min(n, start + block))
        cb = cand.take(rows)
        if near_misses:  # a near miss may break the commute rule alone: travel times everywhere
            ctx = PairContext(minutes=minutes_for(rows), config=config)
            outcome = evaluate(cb, pkg, ctx, want_bits=True)
        else:
            ctx, outcome = _travel_last(cb, pkg, rows, minutes_for, config)
        keep = outcome.feasible
        code = None
        if near_misses:
            assert outcome.bits is not None
            hard_bits = outcome.bits & hard
            # One hard rule away, unless that rule is the candidate's own "no", and near enough.
            one = (np.bitwise_count(hard_bits) == 1) & ((hard_bits & unrelaxable) == 0)
            ni, nj = np.nonzero(one)
            if ni.size:
                idx = np.log2(hard_bits[ni, nj]).astype(np.int16)
                near = near_miss_mask(cb, pkg, config, ni, nj, idx, ctx.minutes[ni, nj])
                one[ni[~near], nj[~near]] = False
            keep = keep | one
        i, j = np.nonzero(keep)
        comps = score_components(cb, pkg, ctx, i, j)
        scores = combine(comps, outcome.n_penalties[i, j].astype(np.int64), config.penalty)
        feasible = outcome.feasible[i, j]
        if near_misses:
            # The single set bit's position is the index of its reason code.
            code = np.where(feasible, -1, np.log2(hard_bits[i, j] | 1).astype(np.int16))
        else:
            code = np.full(i.size, -1, dtype=np.int16)
        return (i + start, j, scores, feasible, code.astype(np.int16)), comps

    blocks = in_order(one_block, starts, workers)
    blocks = track(blocks, len(starts), "matching", progress)
    for start, (part, comps) in zip(starts, blocks, strict=True):
        parts.append(part)
        kept += part[0].size
        if max_bytes is not None and kept * per_edge > max_bytes:
            raise ResourceLimitError(
                f"the compatible pairs need more than {max_bytes // 2**20} MB after "
                f"{start + block} of {n} candidates; raise MatchConfig.max_memory_mb, tighten "
                "the rules (a lower default commute, min_score) or split the run by region"
            )
        if keep_components:
            for name, values in comps.items():
                comp_parts.setdefault(name, []).append(values)
    if not parts:
        parts.append(tuple(np.empty(0, dtype=t) for t in (np.intp, np.intp, float, bool, np.int16)))
    return Edges(
        rows=np.concatenate([p[0] for p in parts]).astype(np.intp),
        cols=np.concatenate([p[1] for p in parts]).astype(np.intp),
        scores=np.concatenate([p[2] for p in parts]),
        feasible=np.concatenate([p[3] for p in parts]),
        near_miss_code=np.concatenate([p[4] for p in parts]),
        shape=(n, m),
        components={name: np.concatenate(v) for name, v in comp_parts.items()},
    )




def projected_edge_bytes(
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes_for: MinutesFor,
    config: MatchConfig,
    *,
    workers: int | None = 1,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[int, int]:
    """Memory the compatible pairs of the whole run will take, projected from a sample.

    Collects the edges of ``limits.sample_candidates`` candidates spread evenly over the (id
    sorted) list, with the same code as the run, and scales up at ``limits.edge_bytes`` an
    edge. Returns ``(bytes, sampled)``.
    """
    n = len(cand)
    sample = np.unique(np.linspace(0, n - 1, min(n, limits.sample_candidates)).astype(np.intp))

    def sample_minutes(
        rows: slice | NDArray[np.intp], where: NDArray[np.bool_] | None = None
    ) -> NDArray[np.float64]:
        return minutes_for(sample[rows], where)

    edges = collect_edges(
        cand.take(sample),
        pkg,
        sample_minutes,
        config,
        pairs_per_block=limits.pairs_per_block,
        workers=workers,
    )
    return int(edges.rows.size / sample.size * n * limits.edge_bytes), int(sample.size)


def _travel_last(
    cb: CandidateArrays,
    pkg: PackageArrays,
    rows: slice,
    minutes_for: MinutesFor,
    config: MatchConfig,
) -> tuple[PairContext, RuleOutcome]:
    """Feasibility of a block with travel times computed only where no other rule objects.

    Only right for the pairs it calls feasible: a pair ruled out before its travel time was
    known keeps NaN minutes, so its penalty count is not meaningful (callers drop such pairs).
    """
    shape = (len(cb), len(pkg))
    unknown = np.broadcast_to(np.float64(np.nan), shape)
    first = evaluate_feasible(
        cb, pkg, PairContext(minutes=unknown, config=config), rules=REGISTRY.place_free
    )
    ctx = PairContext(minutes=minutes_for(rows, first.feasible), config=config)
    second = evaluate(cb, pkg, ctx, rules=REGISTRY.travel)
    n_penalties = first.n_penalties + second.n_penalties
    return ctx, RuleOutcome(
        feasible=first.feasible & second.feasible, n_penalties=n_penalties, bits=None, n_hard=None
    )


def near_miss_mask(
    cand: CandidateArrays,
    pkg: PackageArrays,
    config: MatchConfig,
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    code_index: NDArray[np.integer],
    minutes: NDArray[np.float64],
) -> NDArray[np.bool_]:
    """Which pairs, each breaking exactly one hard code (its index into ``REGISTRY.codes``),
    are near enough to passing to show as near misses (each rule's
    :attr:`~wbamatch.rules.Rule.near`, under ``config.near_miss``). ``minutes`` are the pairs'
    travel times."""
    out = np.ones(rows.size, dtype=np.bool_)
    codes = REGISTRY.codes
    for k in np.unique(code_index).tolist():
        rule = REGISTRY.rule_of(codes[k])
        if rule.near is None:
            continue
        sel = code_index == k
        out[sel] = rule.near(codes[k], cand, pkg, minutes[sel], config, rows[sel], cols[sel])
    return out


def edges_of(comp: Compatibility) -> Edges:
    """The feasible pairs of a dense :class:`Compatibility`, as :func:`collect_edges` gives them."""
    rows, cols = np.nonzero(comp.feasible)
    return Edges(
        rows=rows.astype(np.intp),
        cols=cols.astype(np.intp),
        scores=comp.scores[rows, cols],
        feasible=np.ones(rows.size, dtype=np.bool_),
        near_miss_code=np.full(rows.size, -1, dtype=np.int16),
        shape=comp.shape,
    )


def bit_reason_counts(
    bits: NDArray[np.uint64], config: MatchConfig, codes: tuple[str, ...]
) -> NDArray[np.int64]:
    """Per row of a packed reason field, how many columns each hard-mode code rules out."""
    hard = code_mask(config, "hard")
    out = np.zeros((bits.shape[0], len(codes)), dtype=np.int64)
    present = np.bitwise_or.reduce(bits, axis=None) & hard if bits.size else np.uint64(0)
    for k, code in enumerate(codes):
        if present & BIT[code]:  # most codes never occur: skip their pass
            out[:, k] = ((bits & BIT[code]) != 0).sum(axis=1)
    return out


def block_violations(
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes_for: MinutesFor,
    config: MatchConfig,
    rows: NDArray[np.intp],
) -> NDArray[np.uint64]:
    """The packed reason field of some candidate rows against all packages."""
    ctx = PairContext(minutes=minutes_for(rows), config=config)
    bits = evaluate(cand.take(rows), pkg, ctx, want_bits=True).bits
    assert bits is not None
    return bits


#: Where a run's travel-time source can bound commutes: for some candidate rows, a superset of
#: the pairs within each one's commute limit (see :meth:`EstimatedTravelTime.reachable`).
ReachFor = Callable[[NDArray[np.intp]], NDArray[np.bool_]]


def hard_reason_counts(
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes_for: MinutesFor,
    config: MatchConfig,
    rows: NDArray[np.intp],
    codes: tuple[str, ...],
    *,
    pairs_per_block: int = DEFAULT_LIMITS.pairs_per_block,
    workers: int | None = 1,
    reach_for: ReachFor | None = None,
) -> NDArray[np.int64]:
    """Per candidate row, how many packages each hard-mode code rules out: ``(rows, codes)``.

    The same rule functions as :func:`~wbamatch._constraints.evaluate`, counted without a packed
    reason field, and with as little work as the rules allow:

    - a rule that needs no travel time is evaluated once per distinct value of the fields it
      reads (:attr:`~wbamatch.rules.Rule.reads`): two rows for a yes/no need, one row per
      level for a per-dimension rule such as capacity (:attr:`~wbamatch.rules.Rule.per_dimension`);
    - the travel rules run block by block. With ``reach_for`` (the built-in estimate) travel
      times are computed only for the pairs a KD-tree search puts within the commute limit;
      the others are over it, and are given infinite minutes, which a reach-safe rule (the
      commute) counts as over the limit. Rows where another travel rule fires on unknown
      minutes get all their travel times (such a rule reads them all).
    """
    out = np.zeros((rows.size, len(codes)), dtype=np.int64)
    position = {code: k for k, code in enumerate(codes) if config.mode_of(code) == "hard"}
    if rows.size == 0 or not position:
        return out
    m = len(pkg)
    sub = cand.take(rows)
    unknown = np.broadcast_to(np.float64(np.nan), (1, m))
    place_free = PairContext(minutes=unknown, config=config)
    for rule in REGISTRY.place_free:
        if any(code in position for code in rule.codes):
            _count_distinct(sub, pkg, place_free, rule, position, out, pairs_per_block)

    travel = [r for r in REGISTRY.travel if any(code in position for code in r.codes)]
    if not travel:
        return out
    block = max(1, pairs_per_block // max(m, 1))
    needs_reach = any(r.reach_safe for r in travel)
    unknown_place = np.isnan(pkg.location[:, 0])

    def one_block(start: int) -> None:
        part = rows[start : start + block]
        cb = sub.take(slice(start, start + block))
        if reach_for is None:
            minutes = minutes_for(part)
        else:
            where = reach_for(part) if needs_reach else np.zeros((part.size, m), dtype=np.bool_)
            blind = PairContext(
                minutes=np.broadcast_to(np.float64(np.nan), (part.size, m)), config=config
            )
            for rule in travel:
                if rule.reach_safe:
                    continue
                # Rows it judges on their travel times (it fires on unknown ones): all of them.
                for mask in rule.function(cb, pkg, blind).values():
                    where[np.broadcast_to(mask, where.shape).any(axis=1)] = True
            if needs_reach:  # unknown places stay NaN: the commute_unknown code reads them
                where[np.isnan(cb.home[:, 0])] = True
                where[:, unknown_place] = True
            minutes = minutes_for(part, where)
            minutes[~where] = np.inf
        ctx = PairContext(minutes=minutes, config=config)
        for rule in travel:
            for code, mask in rule.function(cb, pkg, ctx).items():
                if code in position:
                    # Blocks write disjoint row ranges, so threads never touch the same cells.
                    counted = np.count_nonzero(np.broadcast_to(mask, (part.size, m)), axis=1)
                    out[start : start + part.size, position[code]] = counted

    for _ in in_order(one_block, range(0, rows.size, block), workers):
        pass
    return out


def _count_distinct(
    sub: CandidateArrays,
    pkg: PackageArrays,
    ctx: PairContext,
    rule: Rule,
    position: Mapping[str, int],
    out: NDArray[np.int64],
    pairs_per_block: int,
) -> None:
    """Count one place-free rule's codes per row, evaluating it once per distinct input."""
    m = len(pkg)
    reads = rule.reads
    if rule.per_dimension is not None:
        # One made-up row per level, that level on every dimension: code k of row L says which
        # packages ask more than L on dimension k; each real row reads its own level per code.
        field_name = rule.per_dimension
        levels = np.arange(MAX_LEVEL + 1, dtype=np.int8)
        own = getattr(sub, field_name)
        made_up: dict[str, Any] = {field_name: np.repeat(levels[:, None], own.shape[1], axis=1)}
        probe = replace(_neutral(sub, levels.size), **made_up)
        masks = rule.function(probe, pkg, ctx)
        for k, dim in enumerate(DIMENSIONS):
            code = f"{rule.name}:{dim}"
            if code in position and code in masks:
                per_level = np.count_nonzero(np.broadcast_to(masks[code], (levels.size, m)), axis=1)
                out[:, position[code]] = per_level[own[:, k]]
        reads = tuple(r for r in reads if r != field_name)
        if not any(c in position and rule.dimension(c) is None for c in rule.codes):
            return
    first, inverse = distinct_rows(sub, reads)
    step = max(1, pairs_per_block // max(m, 1))
    for start in range(0, first.size, step):
        reps = first[start : start + step]
        for code, mask in rule.function(sub.take(reps), pkg, ctx).items():
            if code in position and rule.dimension(code) is None:
                counted = np.count_nonzero(np.broadcast_to(mask, (reps.size, m)), axis=1)
                in_step = (inverse >= start) & (inverse < start + reps.size)
                out[in_step, position[code]] = counted[inverse[in_step] - start]


def _neutral(sub: CandidateArrays, n: int) -> CandidateArrays:
    """``n`` copies of the first row of ``sub`` (a base for made-up probe rows)."""
    return sub.take(np.zeros(n, dtype=np.intp))
