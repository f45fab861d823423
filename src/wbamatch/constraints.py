"""Hard rules: one small named function per rule, evaluated on whole arrays.

Each rule function takes the encoded candidates (``n`` rows), packages (``m`` rows) and the
:class:`PairContext`, and returns ``{reason_code: mask}`` where ``mask`` is a boolean array that
broadcasts to ``(n, m)`` and is True where the pair *violates* the rule. :func:`evaluate` packs
all codes into one ``uint64`` bit field per pair (bit ``k`` = ``REASON_CODES[k]``), which is
what the feasibility mask, the penalties, the reasons and the explanations are all read from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from .config import MatchConfig
from .encode import (
    CONTRACT_CODE,
    LOCATION_CODE,
    SCHEDULE_CODE,
    STIMULUS_CODE,
    TRAVEL_MODE_CODE,
    CandidateArrays,
    PackageArrays,
)
from .vocabulary import (
    DIMENSIONS,
    MAX_LEVEL,
    REASON_CODES,
    RULES,
    ContractType,
    ScheduleKind,
    Stimulus,
    TravelMode,
    WorkLocation,
    rule_of,
)

__all__ = [
    "BIT",
    "BREAK_AFTER_HOURS_PER_DAY",
    "PER_DIMENSION_RULES",
    "RULE_CODES",
    "RULE_FUNCTIONS",
    "RULE_READS",
    "TRAVEL_RULES",
    "PairContext",
    "RuleOutcome",
    "capacity_any",
    "code_mask",
    "decode",
    "distinct_rows",
    "evaluate",
    "evaluate_feasible",
]

Mask = NDArray[np.bool_]

#: Bit value of each reason code in the packed violation field.
BIT: dict[str, np.uint64] = {
    code: np.uint64(1) << np.uint64(k) for k, code in enumerate(REASON_CODES)
}

#: A working day longer than this many hours includes a break (``config.break_minutes``).
BREAK_AFTER_HOURS_PER_DAY = 5.5

# Hours are floats from user input; compare with a tolerance so 20.0 vs 19.999999 is not a reason.
_EPS = 1e-9


@dataclass(frozen=True, eq=False)
class PairContext:
    """What rules and scores share about the pairs.

    Attributes
    ----------
    minutes
        One-way travel time in minutes, shape ``(n_candidates, n_packages)``; NaN = unknown.
        Ignored for remote packages.
    config
        The match configuration.
    """

    minutes: NDArray[np.float64]
    config: MatchConfig

    def max_commute(self, cand: CandidateArrays) -> NDArray[np.float64]:
        """Each candidate's commute limit, the config default where none was given."""
        default = self.config.default_max_commute_minutes
        fill = np.inf if default is None else float(default)
        return np.where(np.isnan(cand.max_commute), fill, cand.max_commute)


_T = TypeVar("_T", bound=np.generic)


def _col(a: NDArray[_T]) -> NDArray[_T]:
    return a[:, None]


def _row(a: NDArray[_T]) -> NDArray[_T]:
    return a[None, :]


def capacity(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``capacity:<dimension>``: the package demands more than the candidate can bear."""
    # A dimension where no package asks more than every candidate can bear breaks nothing:
    # skip its (n, m) comparison.
    if len(c) == 0 or len(p) == 0:
        return {}
    relevant = p.demands.max(axis=0) > c.capacities.min(axis=0)
    return {
        f"capacity:{dim}": p.demands[None, :, k] > c.capacities[:, None, k]
        for k, dim in enumerate(DIMENSIONS)
        if relevant[k]
    }


def capacity_any(c: CandidateArrays, p: PackageArrays) -> Mask:
    """True where the package demands more than the candidate can bear on *any* dimension.

    The same comparisons as :func:`capacity`, OR-ed together: per dimension and capacity level,
    the set of packages that ask more is a packed bitset; each candidate ORs the sets of its own
    levels, so the work is per candidate x dimension, not per pair x dimension.
    """
    n, m = len(c), len(p)
    if n == 0 or m == 0:
        return np.zeros((n, m), dtype=np.bool_)
    acc = np.zeros((n, (m + 7) // 8), dtype=np.uint8)
    _or_capacity_packed(c, p, acc)
    out: Mask = np.unpackbits(acc, axis=1, count=m).view(np.bool_)
    return out


def _or_capacity_packed(c: CandidateArrays, p: PackageArrays, acc: NDArray[np.uint8]) -> None:
    """OR "over capacity on any dimension" into ``acc``, bits packed along the packages."""
    if len(c) == 0 or len(p) == 0:
        return
    relevant = p.demands.max(axis=0) > c.capacities.min(axis=0)
    levels = np.arange(MAX_LEVEL + 1, dtype=np.int8)
    for k in np.flatnonzero(relevant).tolist():
        above = np.packbits(p.demands[None, :, k] > levels[:, None], axis=1)  # (levels, bytes)
        np.bitwise_or(acc, above[c.capacities[:, k]], out=acc)


def _all_capacity_hard(config: MatchConfig) -> bool:
    return all(config.mode_of(f"capacity:{dim}") == "hard" for dim in DIMENSIONS)


def hours(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``hours``: weekly hours outside the candidate's range, or a day longer than allowed."""
    week = _row(p.per_week)
    outside = (week < _col(c.hours_min) - _EPS) | (week > _col(c.hours_max) + _EPS)
    too_long_day = _row(p.per_day) > _col(c.max_per_day) + _EPS
    return {"hours": outside | too_long_day}


def fixed_hours(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``fixed_hours``: needs fixed times; the package has shifts, evenings or flex hours."""
    not_fixed = p.schedule != SCHEDULE_CODE[ScheduleKind.FIXED]
    return {"fixed_hours": _col(c.need_fixed_hours) & _row(not_fixed)}


def structure(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``structure``: the candidate needs structure; the package does not offer it."""
    return {"structure": _col(c.need_structure) & _row(~p.offers_structure)}


def stimulus(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``stimulus``: the candidate needs low stimulus; the workplace is medium or high."""
    busy = p.stimulus != STIMULUS_CODE[Stimulus.LOW]
    return {"stimulus": _col(c.need_low_stimulus) & _row(busy)}


def commute(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``commute``: travel time above the limit; ``commute_unknown``: limited but not computable."""
    travels = _row(~p.remote)
    limit = _col(ctx.max_commute(c))
    unknown = np.isnan(ctx.minutes)
    with np.errstate(invalid="ignore"):
        too_long = ctx.minutes > limit
    return {
        "commute": travels & too_long,
        "commute_unknown": travels & unknown & np.isfinite(limit),
    }


def _overlaps(
    start: NDArray[np.float64], end: NDArray[np.float64], window: tuple[int, int]
) -> Mask:
    with np.errstate(invalid="ignore"):
        result: Mask = (start < window[1]) & (end > window[0])
    return result


def rush_hour(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``rush_hour``: someone who avoids the peak would travel by public transport in it.

    The trip to work is ``[start - minutes, start]``, the trip home ``[end, end + minutes]`` with
    ``end = start + hours a day + break``; either overlapping a peak window is a violation. An
    unknown start time (shifts, flex, not given) or travel time is a violation too.
    """
    cfg = ctx.config
    affected = c.avoid_rush_hour & (c.travel_mode == TRAVEL_MODE_CODE[TravelMode.PUBLIC_TRANSPORT])
    rows = np.flatnonzero(affected)
    mask = np.zeros((len(c), len(p)), dtype=np.bool_)
    if rows.size == 0:
        return {"rush_hour": mask}
    # Only the few candidates who avoid the peak need the interval arithmetic.
    work_minutes = p.per_day * 60.0 + np.where(
        p.per_day > BREAK_AFTER_HOURS_PER_DAY, cfg.break_minutes, 0.0
    )
    start = _row(p.start)
    end = start + _row(work_minutes)
    t = ctx.minutes[rows]
    in_peak = np.zeros(t.shape, dtype=np.bool_)
    for window in cfg.peak_minutes():
        in_peak |= _overlaps(start - t, start, window) | _overlaps(end, end + t, window)
    unknown = np.isnan(t) | np.isnan(start)
    mask[rows] = _row(~p.remote) & (in_peak | unknown)
    return {"rush_hour": mask}


def jobcoach(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``jobcoach``: needs a jobcoach; none offered, or the contract is too short to grant one.

    A jobcoach is granted only for contracts longer than ``config.jobcoach_min_months`` (6).
    A permanent contract without months is indefinite; any other contract without months is of
    unknown length and does not pass.
    """
    permanent = p.contract == CONTRACT_CODE[ContractType.PERMANENT]
    indefinite = permanent & np.isnan(p.months)
    with np.errstate(invalid="ignore"):
        long_enough = indefinite | (p.months > ctx.config.jobcoach_min_months)
    lacking = ~p.offers_jobcoach | ~long_enough
    return {"jobcoach": _col(c.need_jobcoach) & _row(lacking)}


def mentor(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``mentor``: needs a workplace mentor or buddy; the package has none."""
    return {"mentor": _col(c.need_mentor) & _row(~p.offers_mentor)}


def colleague(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``colleague``: needs a colleague to fall back on; the package has none."""
    return {"colleague": _col(c.need_colleague) & _row(~p.offers_colleague)}


def office(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``office``: needs the daily structure of the office; the package is remote."""
    remote = p.work_location == LOCATION_CODE[WorkLocation.REMOTE]
    return {"office": _col(c.need_office) & _row(remote)}


def education(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``education``: below the package minimum; ``education_unknown``: unknown, so not passed."""
    has_min = _row(p.min_education >= 0)
    known = _col(c.education >= 0)
    below = _col(c.education) < _row(p.min_education)
    return {
        "education": has_min & known & below,
        "education_unknown": has_min & ~known,
    }


def excluded(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``excluded``: the candidate said no to this package."""
    mask = np.zeros((len(c), len(p)), dtype=np.bool_)
    column = {pid: j for j, pid in enumerate(p.ids)}
    rows: list[int] = []
    cols: list[int] = []
    # A loop over each candidate's own short list of refusals, not over pairs.
    for i, refused in enumerate(c.excluded):
        for pid in refused:
            j = column.get(pid)
            if j is not None:
                rows.append(i)
                cols.append(j)
    mask[rows, cols] = True
    return {"excluded": mask}


RuleFunction = Callable[[CandidateArrays, PackageArrays, PairContext], dict[str, Mask]]

#: Rule name -> the function that evaluates it. Keys are exactly :data:`~wbamatch.vocabulary.RULES`.
RULE_FUNCTIONS: Mapping[str, RuleFunction] = {
    "capacity": capacity,
    "hours": hours,
    "fixed_hours": fixed_hours,
    "structure": structure,
    "stimulus": stimulus,
    "commute": commute,
    "rush_hour": rush_hour,
    "jobcoach": jobcoach,
    "mentor": mentor,
    "colleague": colleague,
    "office": office,
    "education": education,
    "excluded": excluded,
}
assert tuple(RULE_FUNCTIONS) == RULES

#: Rules that read travel times; all others can be decided before any travel time is known.
TRAVEL_RULES: tuple[str, ...] = ("commute", "rush_hour")

#: The candidate fields each rule reads (besides the travel minutes). Candidates equal on these
#: get equal rows from the rule, so counting reasons evaluates it once per distinct value;
#: ``tests/test_constraints.py`` checks that changing any other field changes nothing.
RULE_READS: Mapping[str, tuple[str, ...]] = {
    "capacity": ("capacities",),
    "hours": ("hours_min", "hours_max", "max_per_day"),
    "fixed_hours": ("need_fixed_hours",),
    "structure": ("need_structure",),
    "stimulus": ("need_low_stimulus",),
    "commute": ("max_commute",),
    "rush_hour": ("avoid_rush_hour", "travel_mode"),
    "jobcoach": ("need_jobcoach",),
    "mentor": ("need_mentor",),
    "colleague": ("need_colleague",),
    "office": ("need_office",),
    "education": ("education",),
    "excluded": ("excluded",),
}
assert tuple(RULE_READS) == RULES

#: The reason codes each rule can give.
RULE_CODES: Mapping[str, tuple[str, ...]] = {
    rule: tuple(code for code in REASON_CODES if rule_of(code) == rule) for rule in RULES
}

#: Rules whose code for dimension ``k`` reads column ``k`` of their field alone (capacity:
#: ``demands[:, k] > capacities[:, k]``): their counts come from one row per level.
PER_DIMENSION_RULES: frozenset[str] = frozenset({"capacity"})


@dataclass(frozen=True, eq=False)
class RuleOutcome:
    """What the rules say about a block of pairs, each array ``(n_candidates, n_packages)``.

    ``bits`` and ``n_hard`` are only computed on request: feasibility alone is a few boolean
    operations per rule, the packed reason field costs eight bytes per pair per rule.
    """

    feasible: NDArray[np.bool_]
    n_penalties: NDArray[np.int8]
    bits: NDArray[np.uint64] | None
    n_hard: NDArray[np.int8] | None


def evaluate(
    c: CandidateArrays,
    p: PackageArrays,
    ctx: PairContext,
    *,
    want_bits: bool = False,
    want_hard_count: bool = False,
    rules: Iterable[str] = RULES,
) -> RuleOutcome:
    """Evaluate every rule (or only ``rules``) in its configured mode on all pairs of c and p."""
    shape = (len(c), len(p))
    blocked = np.zeros(shape, dtype=np.bool_)
    n_penalties = np.zeros(shape, dtype=np.int8)
    bits = np.zeros(shape, dtype=np.uint64) if want_bits else None
    n_hard = np.zeros(shape, dtype=np.int8) if want_hard_count else None
    fast = not (want_bits or want_hard_count) and _all_capacity_hard(ctx.config)
    for rule in rules:
        if rule == "capacity" and fast:
            # Feasibility alone needs only "any dimension over capacity", which a packed
            # bitset answers in a fraction of the per-dimension comparisons.
            np.logical_or(blocked, capacity_any(c, p), out=blocked)
            continue
        for code, mask in RULE_FUNCTIONS[rule](c, p, ctx).items():
            mode = ctx.config.mode_of(code)
            if mode == "off" or not mask.any():
                continue
            full = np.broadcast_to(mask, shape)
            if mode == "hard":
                np.logical_or(blocked, full, out=blocked)
                if n_hard is not None:
                    np.add(n_hard, full, out=n_hard, casting="unsafe")
            else:
                np.add(n_penalties, full, out=n_penalties, casting="unsafe")
            if bits is not None:
                np.bitwise_or(bits, BIT[code], out=bits, where=full)
    return RuleOutcome(feasible=~blocked, n_penalties=n_penalties, bits=bits, n_hard=n_hard)


def evaluate_feasible(
    c: CandidateArrays, p: PackageArrays, ctx: PairContext, *, rules: Iterable[str] = RULES
) -> RuleOutcome:
    """Feasibility and penalty counts exactly as :func:`evaluate` gives them, with less work.

    A rule that reads no travel time and has no code in penalty mode only blocks pairs, and
    candidates equal on what it reads (:data:`RULE_READS`) get equal rows: it is evaluated once
    per distinct value in ``c`` and its blocked pairs are kept as bits packed along the
    packages, so each candidate costs an eighth of a byte per package per rule, not a
    comparison per pair. Capacity uses its per-level bitsets. Everything else goes through
    :func:`evaluate`.
    """
    n, m = len(c), len(p)
    config = ctx.config
    packed = np.zeros((n, (m + 7) // 8), dtype=np.uint8)
    rest: list[str] = []
    for rule in rules:
        modes = {config.mode_of(code) for code in RULE_CODES[rule]}
        if modes == {"off"}:
            continue
        if rule in TRAVEL_RULES or "penalty" in modes or n == 0:
            rest.append(rule)
        elif rule == "capacity":
            if modes == {"hard"}:
                _or_capacity_packed(c, p, packed)
            else:
                rest.append(rule)
        else:
            first, inverse = distinct_rows(c, RULE_READS[rule])
            blocked = np.zeros((first.size, m), dtype=np.bool_)
            for code, mask in RULE_FUNCTIONS[rule](c.take(first), p, ctx).items():
                if config.mode_of(code) == "hard":
                    np.logical_or(blocked, mask, out=blocked)
            np.bitwise_or(packed, np.packbits(blocked, axis=1)[inverse], out=packed)
    outcome = evaluate(c, p, ctx, rules=rest)
    feasible = outcome.feasible
    feasible &= ~np.unpackbits(packed, axis=1, count=m).view(np.bool_)
    return RuleOutcome(feasible=feasible, n_penalties=outcome.n_penalties, bits=None, n_hard=None)


def distinct_rows(
    c: CandidateArrays, names: tuple[str, ...]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """One representative row per distinct value of the fields ``names``, and each row's.

    Returns ``(first, inverse)``: ``c.take(first)`` has one row per distinct value, and row
    ``i`` of ``c`` equals row ``inverse[i]`` of it on those fields.
    """
    n = len(c)
    if n == 0:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
    labels: list[NDArray[np.intp]] = []
    for name in names:
        value = getattr(c, name)
        if isinstance(value, np.ndarray):
            raw = np.ascontiguousarray(value.reshape(n, -1)).view(np.uint8).reshape(n, -1)
            keys = raw.view(np.dtype((np.void, raw.shape[1]))).ravel()
            labels.append(np.unique(keys, return_inverse=True)[1].reshape(n).astype(np.intp))
        else:  # tuples of ids: equal lists, equal label
            seen: dict[tuple[str, ...], int] = {}
            labels.append(
                np.fromiter((seen.setdefault(tuple(v), len(seen)) for v in value), np.intp, n)
            )
    _, first, inverse = np.unique(
        np.column_stack(labels), axis=0, return_index=True, return_inverse=True
    )
    return first.astype(np.intp), inverse.reshape(n).astype(np.intp)


def code_mask(config: MatchConfig, mode: str) -> np.uint64:
    """Bits of every reason code whose mode in ``config`` is ``mode``."""
    bits = np.uint64(0)
    for code in REASON_CODES:
        if config.mode_of(code) == mode:
            bits |= BIT[code]
    return bits


def decode(bits: int | np.uint64) -> list[str]:
    """Reason codes set in a packed violation field, in :data:`REASON_CODES` order.

    Example
    -------
    >>> decode(BIT["hours"] | BIT["excluded"])
    ['hours', 'excluded']
    """
    value = np.uint64(bits)
    return [code for code in REASON_CODES if value & BIT[code]]
