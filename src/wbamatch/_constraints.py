"""Evaluating the hard rules on whole arrays, as the rule registry describes them.

Each rule (:mod:`wbamatch.rules`) takes the encoded candidates (``n`` rows), packages (``m``
rows) and the :class:`PairContext`, and returns ``{reason_code: mask}`` where ``mask``
broadcasts to ``(n, m)`` and is True where the pair *violates* the code. :func:`evaluate` packs
all codes into one ``uint64`` bit field per pair (bit ``k`` = ``REGISTRY.codes[k]``), which is
what the feasibility mask, the penalties, the reasons and the explanations are all read from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._config import MatchConfig
from ._encode import CandidateArrays, PackageArrays
from ._settings import MatchSettings
from .rules import REGISTRY, PairContext, Rule

__all__ = [
    "BIT",
    "PairContext",
    "RuleOutcome",
    "code_mask",
    "decode",
    "distinct_rows",
    "evaluate",
    "evaluate_feasible",
    "evaluate_pairs",
    "has_pairs_form",
    "rules_named",
]


class _Bits(Mapping[str, np.uint64]):
    """Bit value of each reason code, read from the registry (rules may be added later)."""

    def __getitem__(self, code: str) -> np.uint64:
        return REGISTRY.bits[code]

    def __iter__(self) -> Iterator[str]:
        return iter(REGISTRY.codes)

    def __len__(self) -> int:
        return len(REGISTRY.codes)


#: Bit value of each reason code in the packed violation field.
BIT: Mapping[str, np.uint64] = _Bits()


@dataclass(frozen=True, eq=False)
class RuleOutcome:
    """What the rules say about a block of pairs, each array ``(n_candidates, n_packages)``
    (from :func:`evaluate_pairs`: ``(n_pairs,)``, one value per listed pair).

    ``bits``, ``n_hard`` and ``code_counts`` are only computed on request: feasibility alone is
    a few boolean operations per rule, the packed reason field costs eight bytes per pair per
    rule.
    """

    feasible: NDArray[np.bool_]
    n_penalties: NDArray[np.int8]
    bits: NDArray[np.uint64] | None
    n_hard: NDArray[np.int8] | None
    #: Per candidate, how many packages each hard-mode code of ``REGISTRY.codes`` rules out
    #: (``(n_candidates, len(REGISTRY.codes))``), on request.
    code_counts: NDArray[np.int64] | None = None


def rules_named(names: Iterable[str] | None) -> tuple[Rule, ...]:
    """The registered rules called ``names`` (all of them for None), in registry order."""
    if names is None:
        return tuple(REGISTRY)
    wanted = set(names)
    return tuple(rule for rule in REGISTRY if rule.name in wanted)


def _modes(rule: Rule, config: MatchSettings) -> set[str]:
    return {config.mode_in(code, rule.name) for code in rule.codes}


def evaluate(
    c: CandidateArrays,
    p: PackageArrays,
    ctx: PairContext,
    *,
    want_bits: bool = False,
    want_hard_count: bool = False,
    want_code_counts: bool = False,
    rules: Iterable[Rule] | None = None,
) -> RuleOutcome:
    """Evaluate every rule (or only ``rules``) in its configured mode on all pairs of c and p."""
    shape = (len(c), len(p))
    blocked = np.zeros(shape, dtype=np.bool_)
    n_penalties = np.zeros(shape, dtype=np.int8)
    bits = np.zeros(shape, dtype=np.uint64) if want_bits else None
    n_hard = np.zeros(shape, dtype=np.int8) if want_hard_count else None
    counts = np.zeros((shape[0], len(REGISTRY.codes)), np.int64) if want_code_counts else None
    fast = not (want_bits or want_hard_count or want_code_counts)
    table = REGISTRY.bits
    if not fast and not want_bits and shape[0] * shape[1] <= _STACKED_PAIRS:
        return _evaluate_stacked(c, p, ctx, want_hard_count, want_code_counts, rules)
    for rule in REGISTRY if rules is None else rules:
        if fast and rule.packed is not None and _modes(rule, ctx.config) == {"hard"}:
            # Feasibility alone needs only "breaks any code", which the rule's packed form
            # answers in a fraction of the per-code comparisons.
            packed = np.zeros((shape[0], (shape[1] + 7) // 8), dtype=np.uint8)
            rule.packed(c, p, ctx, packed)
            np.logical_or(blocked, _unpack(packed, shape[1]), out=blocked)
            continue
        for code, mask in rule.function(c, p, ctx).items():
            mode = ctx.config.mode_in(code, rule.name)
            if mode == "off" or not mask.any():
                continue
            full = np.broadcast_to(mask, shape)
            if mode == "hard":
                np.logical_or(blocked, full, out=blocked)
                if n_hard is not None:
                    np.add(n_hard, full, out=n_hard, casting="unsafe")
                if counts is not None:
                    counts[:, REGISTRY.index(code)] = np.count_nonzero(full, axis=1)
            else:
                np.add(n_penalties, full, out=n_penalties, casting="unsafe")
            if bits is not None:
                np.bitwise_or(bits, table[code], out=bits, where=full)
    return RuleOutcome(
        feasible=~blocked, n_penalties=n_penalties, bits=bits, n_hard=n_hard, code_counts=counts
    )


#: Up to this many pairs, :func:`evaluate` stacks the codes' masks and counts them in one go:
#: at service size (50 x 20) the per-code bookkeeping cost as much as the rules themselves.
_STACKED_PAIRS = 1 << 14


def _evaluate_stacked(
    c: CandidateArrays,
    p: PackageArrays,
    ctx: PairContext,
    want_hard_count: bool,
    want_code_counts: bool,
    rules: Iterable[Rule] | None,
) -> RuleOutcome:
    """:func:`evaluate` for a few pairs: every code's mask in one array, reduced at once."""
    shape = (len(c), len(p))
    hard: list[NDArray[np.bool_]] = []
    where: list[int] = []
    penalised: list[NDArray[np.bool_]] = []
    for rule in REGISTRY if rules is None else rules:
        for code, mask in rule.function(c, p, ctx).items():
            mode = ctx.config.mode_in(code, rule.name)
            if mode == "hard":
                hard.append(np.broadcast_to(mask, shape))
                where.append(REGISTRY.index(code))
            elif mode == "penalty":
                penalised.append(np.broadcast_to(mask, shape))
    stacked = np.stack(hard) if hard else np.zeros((0, *shape), dtype=np.bool_)
    n_penalties: NDArray[np.int8] = np.zeros(shape, np.int8)
    if penalised:
        np.sum(np.stack(penalised), axis=0, dtype=np.int8, out=n_penalties)
    blocked: NDArray[np.bool_] = np.any(stacked, axis=0, out=np.zeros(shape, np.bool_))
    counts = None
    if want_code_counts:
        counts = np.zeros((shape[0], len(REGISTRY.codes)), np.int64)
        counts[:, where] = np.count_nonzero(stacked, axis=2).T
    return RuleOutcome(
        feasible=~blocked,
        n_penalties=n_penalties,
        bits=None,
        n_hard=stacked.sum(axis=0, dtype=np.int8) if want_hard_count else None,
        code_counts=counts,
    )


def has_pairs_form(rules: Iterable[Rule]) -> bool:
    """Whether every rule of ``rules`` has a pairs form (:attr:`Rule.pairs`)."""
    return all(rule.pairs is not None for rule in rules)


def evaluate_pairs(
    c: CandidateArrays,
    p: PackageArrays,
    ctx: PairContext,
    i: NDArray[np.intp],
    j: NDArray[np.intp],
    *,
    rules: Iterable[Rule],
) -> RuleOutcome:
    """:func:`evaluate` on the listed pairs ``(i[k], j[k])`` only, ``ctx.minutes[k]`` their
    travel times, with each rule's pairs form (every rule must have one: :func:`has_pairs_form`).

    The outcome's arrays have one value per pair.
    """
    blocked = np.zeros(i.size, dtype=np.bool_)
    n_penalties = np.zeros(i.size, dtype=np.int8)
    for rule in rules:
        assert rule.pairs is not None, f"rule {rule.name!r} has no pairs form"
        for code, mask in rule.pairs(c, p, ctx, i, j).items():
            mode = ctx.config.mode_in(code, rule.name)
            if mode == "hard":
                np.logical_or(blocked, mask, out=blocked)
            elif mode == "penalty":
                np.add(n_penalties, mask, out=n_penalties, casting="unsafe")
    return RuleOutcome(feasible=~blocked, n_penalties=n_penalties, bits=None, n_hard=None)


def _unpack(packed: NDArray[np.uint8], m: int) -> NDArray[np.bool_]:
    out: NDArray[np.bool_] = np.unpackbits(packed, axis=1, count=m).view(np.bool_)
    return out


def evaluate_feasible(
    c: CandidateArrays,
    p: PackageArrays,
    ctx: PairContext,
    *,
    rules: Iterable[Rule] | None = None,
) -> RuleOutcome:
    """Feasibility and penalty counts exactly as :func:`evaluate` gives them, with less work.

    A rule that reads no travel time and has no code in penalty mode only blocks pairs, and
    candidates equal on what it reads (:attr:`Rule.reads`) get equal rows: it is evaluated
    once per distinct value in ``c`` and its blocked pairs are kept as bits packed along the
    packages, so each candidate costs an eighth of a byte per package per rule, not a
    comparison per pair. A rule with a packed form (capacity) uses it. Everything else goes
    through :func:`evaluate`.
    """
    n, m = len(c), len(p)
    config = ctx.config
    packed = np.zeros((n, (m + 7) // 8), dtype=np.uint8)
    rest: list[Rule] = []
    for rule in REGISTRY if rules is None else rules:
        modes = _modes(rule, config)
        if modes == {"off"}:
            continue
        if rule.travel or "penalty" in modes or n == 0:
            rest.append(rule)
        elif rule.packed is not None:
            if modes == {"hard"}:
                rule.packed(c, p, ctx, packed)
            else:
                rest.append(rule)
        else:
            first, inverse = distinct_rows(c, rule.reads)
            blocked = np.zeros((first.size, m), dtype=np.bool_)
            for code, mask in rule.function(c.take(first), p, ctx).items():
                if config.mode_in(code, rule.name) == "hard":
                    np.logical_or(blocked, mask, out=blocked)
            if blocked.any():
                np.bitwise_or(packed, np.packbits(blocked, axis=1)[inverse], out=packed)
    outcome = evaluate(c, p, ctx, rules=rest)
    feasible = outcome.feasible
    feasible &= ~_unpack(packed, m)
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
    key: NDArray[np.int64] | None = None
    for name in names:
        label = _labels(getattr(c, name), n)
        if key is None:
            key = label
        else:  # combine, then renumber densely so that the key never overflows
            key = np.unique(key * (int(label.max()) + 1) + label, return_inverse=True)[1]
            key = key.reshape(n).astype(np.int64)
    if key is None:
        return np.zeros(1, dtype=np.intp), np.zeros(n, dtype=np.intp)
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return first.astype(np.intp), inverse.reshape(n).astype(np.intp)


def _labels(value: Any, n: int) -> NDArray[np.int64]:
    """A dense integer label per row of one field: equal values, equal labels."""
    if isinstance(value, np.ndarray):
        if value.ndim == 1 and value.dtype.kind == "b":
            out: NDArray[np.int64] = value.astype(np.int64)
            return out
        if value.ndim == 1:  # numbers: np.unique on them directly (NaN equals NaN here)
            inverse = np.unique(value, return_inverse=True, equal_nan=True)[1]
            return inverse.reshape(n).astype(np.int64)
        raw = np.ascontiguousarray(value.reshape(n, -1)).view(np.uint8).reshape(n, -1)
        keys = raw.view(np.dtype((np.void, raw.shape[1]))).ravel()
        return np.unique(keys, return_inverse=True)[1].reshape(n).astype(np.int64)
    # tuples of ids: equal lists, equal label
    seen: dict[tuple[str, ...], int] = {}
    return np.fromiter((seen.setdefault(tuple(v), len(seen)) for v in value), np.int64, n)


def code_mask(config: MatchConfig, mode: str) -> np.uint64:
    """Bits of every reason code whose mode in ``config`` is ``mode``."""
    bits = np.uint64(0)
    table = REGISTRY.bits
    for code in REGISTRY.codes:
        if config.mode_of(code) == mode:
            bits |= table[code]
    return bits


def decode(bits: int | np.uint64) -> list[str]:
    """Reason codes set in a packed violation field, in bit order.

    Example
    -------
    >>> decode(BIT["hours"] | BIT["excluded"])
    ['hours', 'excluded']
    """
    return REGISTRY.decode(bits)
