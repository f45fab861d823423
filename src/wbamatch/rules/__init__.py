"""The hard rules, kept in one registry.

Each rule is one :class:`Rule` record: its function on whole arrays, its reason codes with their
texts in English and Dutch, the candidate and package fields it reads, and whether it needs
travel times. Everything else (the bit order of the packed reason field, which rules run before
travel times are known, reason counts, explanations, penalties, near misses, jobcarving's
per-task rules) is derived from the registry, so adding a rule is one record and its function.

The built-in rules, in bit order:

========================  =====================================================================
rule                      reason codes
========================  =====================================================================
capacity                  ``capacity:<dimension>``, ``capacity_unknown``
hours                     ``hours``
fixed_hours               ``fixed_hours``
evening / night           ``evening``, ``evening_unknown`` / ``night``, ``night_unknown``
structure, stimulus       ``structure``, ``stimulus``
movement                  ``movement``
jobcoach, mentor          ``jobcoach``, ``mentor``
colleague                 ``colleague``
trained_manager           ``trained_manager``
supervisor                ``supervisor``
office                    ``office``
commute                   ``commute``, ``commute_unknown``
rush_hour                 ``rush_hour``
independent_travel        ``independent_travel``
education                 ``education``, ``education_unknown``
excluded                  ``excluded`` (the candidate's "no": never relaxed)
========================  =====================================================================

Example
-------
A rule of one's own, for as long as a ``with`` block runs:

>>> import numpy as np, wbamatch
>>> from wbamatch.rules import REGISTRY, CodeText, Rule, Words
>>> def no_cleaning(c, p, ctx):
...     cleaning = np.array(["cleaning" in t for t in p.tasks])
...     return {"no_cleaning": np.broadcast_to(cleaning[None, :], (len(c), len(p)))}
>>> words = Words("cleaning work", "schoonmaakwerk")
>>> rule = Rule("no_cleaning", no_cleaning, lambda *a: {}, {"no_cleaning": CodeText(
...     words, words, words, words)}, reads=(), package_reads=("tasks",))
>>> with REGISTRY.added(rule):
...     comp = wbamatch.compatibility(*wbamatch.demo_data())
...     "no_cleaning" in comp.reasons("c-008", "p-004")
True
"""

from __future__ import annotations

from typing import Final

from ._registry import (
    MAX_CODES,
    REGISTRY,
    Description,
    Mask,
    PairContext,
    Rule,
    RuleRegistry,
    max_commute,
    no_values,
)
from ._text import (
    LANGS,
    Clock,
    CodeText,
    Lang,
    Listing,
    Number,
    Percent,
    Term,
    Words,
    format_value,
    from_catalogue,
    render,
)

# The built-in rules register themselves on import, in this order (the bit order).
from . import _capacity, _time, _workplace, _travel, _person  # noqa: F401  # isort: skip

__all__ = [
    "LANGS",
    "MAX_CODES",
    "REASON_CODES",
    "REGISTRY",
    "RULES",
    "Clock",
    "CodeText",
    "Description",
    "Lang",
    "Listing",
    "Mask",
    "Number",
    "PairContext",
    "Percent",
    "Rule",
    "RuleRegistry",
    "Term",
    "Words",
    "format_value",
    "from_catalogue",
    "max_commute",
    "no_values",
    "render",
]

#: The built-in rule names, in order (:attr:`REGISTRY.names <RuleRegistry.names>` is live).
RULES: Final[tuple[str, ...]] = REGISTRY.names

#: The built-in reason codes, in bit order (:attr:`REGISTRY.codes <RuleRegistry.codes>` is
#: live and includes rules registered later).
REASON_CODES: Final[tuple[str, ...]] = REGISTRY.codes
