"""How many packages each hard rule rules out per candidate, with as little work as possible."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._config import MatchConfig
from .._constraints import (
    PairContext,
    distinct_rows,
    evaluate,
)
from .._encode import CandidateArrays, PackageArrays
from .._limits import DEFAULT_LIMITS, Limits
from .._parallel import in_order, one_blas_thread
from .._vocabulary import DIMENSIONS, MAX_LEVEL
from ..rules import REGISTRY, Rule
from ._dense import MinutesFor, flat_pairs, listed_minutes

__all__ = ["ReachFor", "hard_reason_counts", "travel_codes"]


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
    limits: Limits = DEFAULT_LIMITS,
    workers: int | None = 1,
    reach_for: ReachFor | None = None,
    travel: bool = True,
) -> NDArray[np.int64]:
    """Per candidate row, how many packages each hard-mode code rules out: ``(rows, codes)``.

    The same rule functions as :func:`~wbamatch._constraints.evaluate`, counted without a packed
    reason field, and with as little work as the rules allow:

    - a rule that needs no travel time is evaluated once per distinct value of the fields it
      reads (:attr:`~wbamatch.rules.Rule.reads`): two rows for a yes/no need, one row per
      level for a per-dimension rule such as capacity (:attr:`~wbamatch.rules.Rule.per_dimension`);
    - the travel rules run block by block. With ``reach_for`` (the built-in estimate) travel
      times are computed only for the pairs a dot-product bound puts within the commute limit;
      the others are over it, and are given infinite minutes, which a reach-safe rule (the
      commute) counts as over the limit. Rows where another travel rule fires on unknown
      minutes get all their travel times (such a rule reads them all).

    ``travel=False`` leaves the travel rules' codes (:func:`travel_codes`) at 0.
    """
    out = np.zeros((rows.size, len(codes)), dtype=np.int64)
    position = _hard_positions(config, codes)
    if rows.size == 0 or not position:
        return out
    m = len(pkg)
    sub = cand.take(rows)
    _place_free_counts(sub, pkg, config, position, out, limits.pairs_per_block)
    travel_rules = _travel_rules(position) if travel else []
    if not travel_rules:
        return out
    block = max(1, limits.pairs_per_block // max(m, 1))
    counted_codes = [code for r in travel_rules for code in r.codes if code in position]

    def one_block(start: int) -> None:
        part = rows[start : start + block]
        cb = sub.take(slice(start, start + block))
        if reach_for is None:
            minutes = minutes_for(part)
        else:
            where = _travel_where(cb, pkg, part, config, travel_rules, reach_for)
            # Out of reach is over the limit: infinite minutes, the others computed alone.
            i, j = flat_pairs(where)
            minutes = np.full(where.shape, np.inf)
            minutes[i, j] = listed_minutes(minutes_for, part, where, i, j)
        ctx = PairContext(minutes=minutes, config=config)
        counted = evaluate(cb, pkg, ctx, rules=travel_rules, want_code_counts=True).code_counts
        assert counted is not None
        # Blocks write disjoint row ranges, so threads never touch the same cells.
        for code in counted_codes:
            out[start : start + part.size, position[code]] = counted[:, REGISTRY.index(code)]

    with one_blas_thread() if reach_for is not None else nullcontext():
        for _ in in_order(one_block, range(0, rows.size, block), workers):
            pass
    return out


def travel_codes(config: MatchConfig) -> list[str]:
    """The hard-mode codes of the travel rules (commute, rush hour, travelling alone), sorted.

    Example
    -------
    >>> "commute" in travel_codes(MatchConfig())
    True
    """
    return sorted(c for r in REGISTRY.travel for c in r.codes if config.mode_of(c) == "hard")


def _hard_positions(config: MatchConfig, codes: tuple[str, ...]) -> dict[str, int]:
    """Each hard-mode code's column among ``codes``."""
    return {code: k for k, code in enumerate(codes) if config.mode_of(code) == "hard"}


def _travel_rules(position: Mapping[str, int]) -> list[Rule]:
    """The travel rules with a code to count."""
    return [r for r in REGISTRY.travel if any(code in position for code in r.codes)]


def _place_free_counts(
    sub: CandidateArrays,
    pkg: PackageArrays,
    config: MatchConfig,
    position: Mapping[str, int],
    out: NDArray[np.int64],
    pairs_per_block: int,
) -> None:
    """Count the place-free rules' codes into ``out``, each rule once per distinct input."""
    unknown = np.broadcast_to(np.float64(np.nan), (1, len(pkg)))
    place_free = PairContext(minutes=unknown, config=config)
    for rule in REGISTRY.place_free:
        if any(code in position for code in rule.codes):
            _count_distinct(sub, pkg, place_free, rule, position, out, pairs_per_block)


def _travel_where(
    cb: CandidateArrays,
    pkg: PackageArrays,
    part: NDArray[np.intp] | slice,
    config: MatchConfig,
    travel: list[Rule],
    reach_for: ReachFor,
) -> NDArray[np.bool_]:
    """The pairs of a block whose travel times the travel rules' counts need.

    Within reach for a reach-safe rule (the commute: out of reach is over the limit), whole
    rows where another rule fires on unknown minutes, and pairs with an unknown place (their
    NaN minutes are what the commute_unknown code reads).
    """
    m = len(pkg)
    n_rows = len(cb)
    needs_reach = any(r.reach_safe for r in travel)
    rows = np.arange(part.start, part.stop) if isinstance(part, slice) else part
    where = reach_for(rows) if needs_reach else np.zeros((n_rows, m), dtype=np.bool_)
    blind = PairContext(minutes=np.broadcast_to(np.float64(np.nan), (n_rows, m)), config=config)
    for rule in travel:
        if rule.reach_safe:
            continue
        # Rows it judges on their travel times (it fires on unknown ones): all of them.
        for mask in rule.function(cb, pkg, blind).values():
            where[np.broadcast_to(mask, where.shape).any(axis=1)] = True
    if needs_reach:
        where[np.isnan(cb.home[:, 0])] = True
        where[:, np.isnan(pkg.location[:, 0])] = True
    return where


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
