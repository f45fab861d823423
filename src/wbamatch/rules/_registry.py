"""The rule registry: one :class:`Rule` record per hard rule, and every rule table derived from it.

A rule record holds the rule's function (whole arrays in, one violation mask per reason code
out), the reason codes it gives with their texts in English and Dutch, the candidate and package
fields it reads, and how the pipeline may shortcut it (no travel times needed, evaluated once per
distinct value of what it reads, a packed "breaks any code" form). The bit order of the packed
reason field, the code -> rule lookup, the place-free and travel rules, the rules jobcarving
judges per task: all are read from the registry, so a rule is added in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from .._encode import CandidateArrays, PackageArrays
from .._settings import MatchSettings
from .._vocabulary import DIMENSIONS
from ._text import LANGS, CodeText, Lang, Term, Words, render

__all__ = [
    "MAX_CODES",
    "REGISTRY",
    "Description",
    "Mask",
    "PairContext",
    "Rule",
    "RuleRegistry",
    "max_commute",
    "no_values",
]

Mask = NDArray[np.bool_]

#: Reason codes fit in one ``uint64`` bit field per pair.
MAX_CODES: Final[int] = 64


@dataclass(frozen=True, eq=False)
class PairContext:
    """What rules and scores share about the pairs.

    Attributes
    ----------
    minutes
        One-way travel time in minutes, shape ``(n_candidates, n_packages)``; NaN = unknown.
        Ignored for remote packages. For a rule's pairs form (:data:`PairsFunction`) and the
        scores of listed pairs, shape ``(n_pairs,)``: the listed pairs' travel times.
    config
        The match configuration.
    """

    minutes: NDArray[np.float64]
    config: MatchSettings

    def max_commute(self, cand: CandidateArrays) -> NDArray[np.float64]:
        """Each candidate's commute limit, the config default where none was given."""
        return max_commute(cand, self.config)

    def minutes_at(self, i: NDArray[np.intp], j: NDArray[np.intp]) -> NDArray[np.float64]:
        """The travel minutes of the pairs ``(i[k], j[k])``: read from the grid, or, for minutes
        of listed pairs (one dimension), those themselves (aligned with ``i`` and ``j``)."""
        if self.minutes.ndim == 1:
            return self.minutes
        out: NDArray[np.float64] = self.minutes[i, j]
        return out


def max_commute(cand: CandidateArrays, config: MatchSettings) -> NDArray[np.float64]:
    """Each candidate's commute limit in minutes, the config default where none was given."""
    default = config.default_max_commute_minutes
    fill = np.inf if default is None else float(default)
    return np.where(np.isnan(cand.max_commute), fill, cand.max_commute)


#: ``(candidates, packages, context) -> {reason code: mask}``; each mask broadcasts to
#: ``(n_candidates, n_packages)`` and is True where the pair breaks that code. Codes whose mask
#: would be all False may be left out.
RuleFunction = Callable[[CandidateArrays, PackageArrays, PairContext], dict[str, Mask]]

#: ``(code, candidates, packages, minutes, config, i, j) -> values``: the values behind a code for
#: the pair at row ``i``, column ``j``, for the code's texts (:class:`~wbamatch.rules.CodeText`).
#: A ``"variant"`` value picks one of several texts.
ValuesFunction = Callable[
    [str, CandidateArrays, PackageArrays, float, MatchSettings, int, int], dict[str, Any]
]

#: ``(code, candidates, packages, minutes, config, i, j) -> mask``: for pairs ``(i[k], j[k])`` that
#: break ``code`` and no other hard rule (``minutes[k]`` their travel times), which are within
#: ``config.near_miss`` of passing, so worth showing as a near miss.
NearFunction = Callable[
    [
        str,
        CandidateArrays,
        PackageArrays,
        NDArray[np.float64],
        MatchSettings,
        NDArray[np.intp],
        NDArray[np.intp],
    ],
    NDArray[np.bool_],
]

#: ``(candidates, packages, context, i, j) -> {reason code: mask}``: the rule on the listed pairs
#: ``(i[k], j[k])`` only, ``context.minutes[k]`` their travel times; each mask has shape
#: ``(len(i),)`` and equals :data:`RuleFunction`'s mask at those pairs.
PairsFunction = Callable[
    [CandidateArrays, PackageArrays, PairContext, NDArray[np.intp], NDArray[np.intp]],
    dict[str, Mask],
]

#: ``(candidates, packages, context, acc)``: OR "breaks any of the rule's codes" into ``acc``, a
#: ``(n_candidates, ceil(n_packages / 8))`` uint8 array with the bits packed along the packages.
PackedFunction = Callable[[CandidateArrays, PackageArrays, PairContext, NDArray[np.uint8]], None]

_CANDIDATE_FIELDS: Final[frozenset[str]] = frozenset(f.name for f in fields(CandidateArrays))
_PACKAGE_FIELDS: Final[frozenset[str]] = frozenset(
    [f.name for f in fields(PackageArrays)] + ["remote"]
)


@dataclass(frozen=True)
class Description:
    """A reason code for one pair, in words: both sides' values and a message, per language."""

    code: str
    candidate: Words
    package: Words
    message: Words

    def texts(self) -> dict[str, str]:
        """The texts under the field names of explanations and near misses."""
        return {
            "candidate_value": self.candidate.en,
            "package_value": self.package.en,
            "candidate_value_nl": self.candidate.nl,
            "package_value_nl": self.package.nl,
            "message_en": self.message.en,
            "message_nl": self.message.nl,
        }


def no_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchSettings, i: int, j: int
) -> dict[str, Any]:
    """The values function of a rule whose texts need no values."""
    return {}


@dataclass(frozen=True, eq=False)
class Rule:
    """One hard rule: its function, its reason codes and texts, and what it reads.

    Parameters
    ----------
    name
        Stable rule name, also the key of ``MatchConfig.rules``.
    function
        The rule on whole arrays (:data:`RuleFunction`).
    values
        The values behind a code for one pair (:data:`ValuesFunction`), for the texts.
    texts
        Reason code -> its :class:`~wbamatch.rules.CodeText`, in bit order. A key containing
        ``{dim}`` stands for one code per capacity dimension (``capacity:{dim}``).
    reads
        The :class:`~wbamatch._encode.CandidateArrays` fields the function reads (besides the
        travel minutes). Candidates equal on them get equal rows, which the pipeline uses to
        evaluate the rule once per distinct value; a test checks every rule against this.
    package_reads
        The :class:`~wbamatch._encode.PackageArrays` fields it reads.
    travel
        True when the function reads travel minutes; the other rules run before any travel
        time is computed.
    per_dimension
        For codes ``<name>:<dimension>``: the candidate field whose column ``k`` alone decides
        the code of dimension ``k`` (capacity: ``capacities``), so reason counts take one row
        per level.
    per_task
        Jobcarving: a package breaks this rule exactly when one of its tasks alone does (the
        package takes the highest demand, the strictest schedule kind, the busiest workplace).
    relaxable
        False for the candidate's own "no": always hard, never a near miss.
    reach_safe
        A travel rule whose verdict stays the same when every travel time beyond the
        candidate's commute limit is replaced by infinity (the commute rule), so reason counts
        need travel times only within reach. Any other travel rule must fire on unknown (NaN)
        travel times wherever it could fire on known ones (unknown is never a pass).
    packed
        Optional faster form for feasibility when every code of the rule is hard
        (:data:`PackedFunction`).
    pairs
        Optional form on a list of pairs (:data:`PairsFunction`) for a travel rule: with it,
        the travel rules run only on the pairs that need them (those no other rule rules out,
        those within reach) instead of on every pair of a block; the same verdicts as
        ``function``, which a test checks.
    near
        Which pairs breaking one of the rule's codes alone are near enough to passing to show
        as a near miss (:data:`NearFunction`, ``MatchConfig.near_miss``); None: all of them.
    summary
        What the rule checks, one line per language (README table, docs).
    """

    name: str
    function: RuleFunction
    values: ValuesFunction
    texts: Mapping[str, CodeText]
    reads: tuple[str, ...]
    package_reads: tuple[str, ...] = ()
    travel: bool = False
    per_dimension: str | None = None
    per_task: bool = False
    relaxable: bool = True
    reach_safe: bool = False
    packed: PackedFunction | None = None
    pairs: PairsFunction | None = None
    near: NearFunction | None = None
    summary: Words = field(default=Words("", ""))

    @cached_property
    def codes(self) -> tuple[str, ...]:
        """Every reason code of the rule, in bit order."""
        out: list[str] = []
        for key in self.texts:
            out += [key.format(dim=d) for d in DIMENSIONS] if "{dim}" in key else [key]
        return tuple(out)

    def dimension(self, code: str) -> str | None:
        """The capacity dimension of a per-dimension code, else None."""
        prefix = f"{self.name}:"
        if self.per_dimension is not None and code.startswith(prefix):
            return code[len(prefix) :]
        return None

    def text(self, code: str) -> CodeText:
        """The texts of one of the rule's codes."""
        if self.dimension(code) is not None:
            return self.texts[f"{self.name}:{{dim}}"]
        return self.texts[code]

    def reason(self, code: str, lang: Lang = "en") -> str:
        """A code in a few words: ``"commute too long"``."""
        dim = self.dimension(code)
        values = {} if dim is None else {"dim": Term(dim)}
        return render(self.text(code).reason, values, lang, "reason")

    def describe(
        self,
        code: str,
        c: CandidateArrays,
        p: PackageArrays,
        minutes: float,
        config: MatchSettings,
        i: int,
        j: int,
    ) -> Description:
        """Both sides' values and the message of ``code`` for the pair at ``(i, j)``."""
        values = dict(self.values(code, c, p, minutes, config, i, j))
        dim = self.dimension(code)
        if dim is not None:
            values["dim"] = Term(dim)
        text = self.text(code)
        sides: dict[str, dict[Lang, str]] = {"candidate": {}, "package": {}, "message": {}}
        for lang in LANGS:
            sides["candidate"][lang] = render(text.candidate, values, lang, "candidate")
            sides["package"][lang] = render(text.package, values, lang, "package")
            both = {
                **values,
                "candidate": sides["candidate"][lang],
                "package": sides["package"][lang],
            }
            sides["message"][lang] = render(text.message, both, lang)
        return Description(
            code=code,
            candidate=Words(sides["candidate"]["en"], sides["candidate"]["nl"]),
            package=Words(sides["package"]["en"], sides["package"]["nl"]),
            message=Words(sides["message"]["en"], sides["message"]["nl"]),
        )


@dataclass(frozen=True)
class _Derived:
    """Tables read off the registered rules, rebuilt whenever a rule is added or removed."""

    names: tuple[str, ...]
    codes: tuple[str, ...]
    bits: Mapping[str, np.uint64]
    index: Mapping[str, int]
    rule_of: Mapping[str, Rule]
    travel: tuple[Rule, ...]
    place_free: tuple[Rule, ...]
    unrelaxable: np.uint64
    per_task: np.uint64


class RuleRegistry:
    """The registered rules, in evaluation and bit order.

    Example
    -------
    >>> from wbamatch.rules import REGISTRY
    >>> REGISTRY.rule_of("evening_unknown").name, REGISTRY["night"].travel
    ('evening', False)
    >>> REGISTRY.decode(REGISTRY.bits["hours"] | REGISTRY.bits["excluded"])
    ['hours', 'excluded']
    """

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._derived: _Derived | None = None

    # -- changing the registry -----------------------------------------------------------------
    def register(self, rule: Rule) -> Rule:
        """Add ``rule`` after the registered ones; its codes take the next bits.

        Raises
        ------
        ValueError
            The name or a code is taken, the codes would not fit in 64 bits, or the rule reads
            a field the encoded arrays do not have.
        """
        if rule.name in self._rules:
            raise ValueError(f"a rule named {rule.name!r} is already registered")
        taken = set(self.codes)
        clash = [c for c in rule.codes if c in taken or c in self._rules]
        if clash or not rule.codes:
            raise ValueError(f"rule {rule.name!r}: codes {clash or 'none'} cannot be registered")
        if len(taken) + len(rule.codes) > MAX_CODES:
            raise ValueError(f"rule {rule.name!r}: more than {MAX_CODES} reason codes in all")
        unknown = [r for r in rule.reads if r not in _CANDIDATE_FIELDS] + [
            r for r in rule.package_reads if r not in _PACKAGE_FIELDS
        ]
        if unknown or (rule.per_dimension is not None and rule.per_dimension not in rule.reads):
            raise ValueError(f"rule {rule.name!r} reads unknown fields: {unknown}")
        self._rules[rule.name] = rule
        self._derived = None
        return rule

    def unregister(self, name: str) -> None:
        """Remove a rule (the codes after it move down a bit)."""
        del self._rules[name]
        self._derived = None

    @contextmanager
    def added(self, rule: Rule) -> Iterator[Rule]:
        """Register ``rule`` for the duration of a ``with`` block (tests, experiments)."""
        self.register(rule)
        try:
            yield rule
        finally:
            self.unregister(rule.name)

    # -- reading it ----------------------------------------------------------------------------
    @property
    def _tables(self) -> _Derived:
        if self._derived is None:
            rules = tuple(self._rules.values())
            codes = tuple(code for rule in rules for code in rule.codes)
            bits = {code: np.uint64(1) << np.uint64(k) for k, code in enumerate(codes)}

            def mask(which: Callable[[Rule], bool]) -> np.uint64:
                out = np.uint64(0)
                for rule in rules:
                    if which(rule):
                        for code in rule.codes:
                            out |= bits[code]
                return out

            self._derived = _Derived(
                names=tuple(self._rules),
                codes=codes,
                bits=bits,
                index={code: k for k, code in enumerate(codes)},
                rule_of={code: rule for rule in rules for code in rule.codes},
                travel=tuple(r for r in rules if r.travel),
                place_free=tuple(r for r in rules if not r.travel),
                unrelaxable=mask(lambda r: not r.relaxable),
                per_task=mask(lambda r: r.per_task),
            )
        return self._derived

    def __iter__(self) -> Iterator[Rule]:
        return iter(tuple(self._rules.values()))

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, name: object) -> bool:
        return name in self._rules

    def __getitem__(self, name: str) -> Rule:
        return self._rules[name]

    @property
    def names(self) -> tuple[str, ...]:
        """Rule names, in order."""
        return self._tables.names

    @property
    def codes(self) -> tuple[str, ...]:
        """Every reason code, in bit order of the packed reason field."""
        return self._tables.codes

    @property
    def bits(self) -> Mapping[str, np.uint64]:
        """Bit value of each reason code."""
        return self._tables.bits

    def index(self, code: str) -> int:
        """Bit position of a reason code."""
        return self._tables.index[code]

    def rule_of(self, code: str) -> Rule:
        """The rule a reason code belongs to (``capacity:sitting`` -> capacity)."""
        try:
            return self._tables.rule_of[code]
        except KeyError:
            raise KeyError(f"unknown reason code {code!r}") from None

    @property
    def travel(self) -> tuple[Rule, ...]:
        """Rules that read travel times."""
        return self._tables.travel

    @property
    def place_free(self) -> tuple[Rule, ...]:
        """Rules decided before any travel time is known."""
        return self._tables.place_free

    @property
    def unrelaxable_bits(self) -> np.uint64:
        """Bits of the codes that are always hard (the candidate's own "no")."""
        return self._tables.unrelaxable

    @property
    def per_task_bits(self) -> np.uint64:
        """Bits of the codes jobcarving judges per task (:attr:`Rule.per_task`)."""
        return self._tables.per_task

    def decode(self, bits: int | np.uint64) -> list[str]:
        """Reason codes set in a packed violation field, in bit order."""
        value = np.uint64(bits)
        table = self._tables.bits
        return [code for code in self._tables.codes if value & table[code]]

    def reason(self, code: str, lang: Lang = "en") -> str:
        """A reason code in a few words, in ``lang``."""
        return self.rule_of(code).reason(code, lang)


#: The registry of the library's rules; :mod:`wbamatch.rules` registers the built-in ones.
REGISTRY: Final[RuleRegistry] = RuleRegistry()
