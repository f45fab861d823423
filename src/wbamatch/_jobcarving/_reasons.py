"""Reason codes judged per task or read from one field, and the reasons a carve reports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np

from ..rules import REGISTRY
from ._results import CarveReason

__all__ = ["PER_TASK_CODES"]

#: Reason codes a package breaks exactly when one of its tasks, alone, breaks it: the package
#: takes the maximum demand, the strictest schedule and the highest stimulus of its tasks. These
#: are judged per task; every other rule is judged on the package. Read from the rule registry
#: (:attr:`wbamatch.rules.Rule.per_task`) when this module is imported; :func:`carve` reads the
#: registry itself (:attr:`~wbamatch.rules.RuleRegistry.per_task_bits`), rules added later
#: included.
PER_TASK_CODES: Final[tuple[str, ...]] = tuple(REGISTRY.decode(REGISTRY.per_task_bits))


def _rule_bits(field_name: str) -> np.uint64:
    """Bits of every code of the registered rules whose ``package_reads`` contain ``field_name``."""
    out = np.uint64(0)
    for rule in REGISTRY:
        if field_name in rule.package_reads:
            for code in rule.codes:
                out |= REGISTRY.bits[code]
    return out


def _package_wide(code: str) -> str:
    """A code that blocks a whole family of packages, in the registry's words."""
    words = REGISTRY.reason(code, "en") if code in REGISTRY.codes else code
    return (
        f"{code}: every package the fitting tasks can make at one workplace (or of one work "
        f"location or schedule kind), whatever its hours: {words}"
    )


def _task_reasons(ruled_out: Mapping[int, list[str]], n: int) -> list[CarveReason]:
    """One reason per code that rules tasks out on their own, most tasks first."""
    counts: dict[str, int] = {}
    for codes in ruled_out.values():
        for code in codes:
            counts[code] = counts.get(code, 0) + 1
    return [
        CarveReason(
            code=code,
            tasks=counts[code],
            message=f"{code}: {REGISTRY.reason(code, 'en')}, for {counts[code]} of {n} tasks "
            "on their own",
        )
        for code in sorted(counts, key=lambda c: (-counts[c], c))
    ]


def _said_no(package_id: str, n: int) -> CarveReason:
    """The candidate's "no" to the package id, which rules out every package of the pool."""
    return CarveReason(
        code="excluded", tasks=n, message=f"the candidate said no to package {package_id!r}"
    )


_NO_COMBINATION = CarveReason(
    code="no_combination",
    tasks=0,
    message="no combination of the tasks that fit meets every rule at once (hours range, "
    "task limit, one workplace, start time, schedule kind, work location, movement)",
)


_NO_TIME = CarveReason(
    code="time_limit",
    tasks=0,
    message="the time limit stopped the solver before it found a package; raise time_limit",
)


_OUTCOMPETED = CarveReason(
    code="outcompeted",
    tasks=0,
    message="packages for this candidate exist, but the best split of the pool gives those tasks "
    "to others",
)


def _below_min_score(tasks: int) -> CarveReason:
    """The best package of ``tasks`` tasks was withdrawn: it scores below ``config.min_score``."""
    return CarveReason(
        code="below_min_score",
        tasks=tasks,
        message="the best package scores below config.min_score",
    )
