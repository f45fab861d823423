"""The placements that exist (``match(current=...)``), checked at the boundary.

A current placement is a candidate and the package they hold now; the package's ``slots``
include its occupants. Every problem of the list is reported at once: an entry that is not a
pair, an unknown candidate or package id, two entries for one person, more occupants than
slots, a switch place with a longer contract than ``MatchConfig.schakelplek_months``.

Example
-------
>>> import wbamatch
>>> from wbamatch._pipeline import prepare
>>> problem = prepare(*wbamatch.demo_data(), None, None,
...                   current=[{"candidate_id": "c-001", "package_id": "p-001"}])
>>> problem.current.rows.tolist(), problem.current.cols.tolist()
([0], [0])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydantic import ValidationError

from .._config import MatchConfig, Pair
from .._encode import CandidateArrays, PackageArrays
from .._exceptions import InputError
from .._models import TaskPackage

__all__ = [
    "NO_CURRENT",
    "CurrentOption",
    "CurrentPlacements",
    "check_switch_places",
    "current_placements",
]

#: What a caller may give for the current placements: pairs, or dicts of their two ids.
CurrentOption = Iterable[Pair | Mapping[str, Any]] | None

#: Problems listed in one message at most; the rest are counted.
_SHOWN = 20


@dataclass(frozen=True, eq=False)
class CurrentPlacements:
    """The current placements as rows and columns of the encoded arrays, sorted by row."""

    pairs: tuple[Pair, ...]
    rows: NDArray[np.intp]
    cols: NDArray[np.intp]

    def __len__(self) -> int:
        return int(self.rows.size)


NO_CURRENT = CurrentPlacements((), np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp))


def current_placements(
    current: CurrentOption, cand: CandidateArrays, pkg: PackageArrays
) -> CurrentPlacements:
    """Check the current placements against the records and encode them.

    Raises
    ------
    InputError
        Every problem of the list at once, each naming the entry (``current[k]``), the id and
        what to do.
    """
    if current is None:
        return NO_CURRENT
    if isinstance(current, Mapping | str | bytes):
        raise InputError(
            "current must be a list of {'candidate_id': ..., 'package_id': ...} pairs, one per "
            f"person at work, got a {type(current).__name__}"
        )
    entries = list(current)
    if not entries:
        return NO_CURRENT
    problems: list[str] = []
    pairs: list[Pair] = []
    for k, entry in enumerate(entries):
        pair = _pair(entry, k, problems)
        if pair is not None:
            pairs.append(pair)
    cand_at = {c: i for i, c in enumerate(cand.ids)}
    pkg_at = {p: j for j, p in enumerate(pkg.ids)}
    seen: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    kept: list[Pair] = []
    for k, pair in enumerate(pairs):
        where = f"current[{k}]"
        ok = True
        if pair.candidate_id not in cand_at:
            problems.append(
                f"{where}: candidate {pair.candidate_id!r} is not among the candidates; add "
                "their record (everyone at work is a candidate too) or remove the entry"
            )
            ok = False
        if pair.package_id not in pkg_at:
            problems.append(
                f"{where}: package {pair.package_id!r} is not among the packages; add the "
                "package they hold or remove the entry"
            )
            ok = False
        if pair.candidate_id in seen:
            problems.append(
                f"{where}: candidate {pair.candidate_id!r} is already placed by "
                f"current[{seen[pair.candidate_id]}]; a person holds one package, keep one entry"
            )
            ok = False
        seen.setdefault(pair.candidate_id, k)
        if ok:
            rows.append(cand_at[pair.candidate_id])
            cols.append(pkg_at[pair.package_id])
            kept.append(pair)
    occupants = np.bincount(np.asarray(cols, dtype=np.intp), minlength=len(pkg))
    for j in np.flatnonzero(occupants > pkg.slots).tolist():
        problems.append(
            f"package {pkg.ids[j]!r} has {int(pkg.slots[j])} slot(s) but {int(occupants[j])} "
            "people in current; its slots include the people who hold it now, so raise its "
            "slots or correct the entries"
        )
    if problems:
        _raise(problems)
    order = np.argsort(np.asarray(rows, dtype=np.intp), kind="stable")
    return CurrentPlacements(
        pairs=tuple(kept[k] for k in order.tolist()),
        rows=np.asarray(rows, dtype=np.intp)[order],
        cols=np.asarray(cols, dtype=np.intp)[order],
    )


def _pair(entry: object, k: int, problems: list[str]) -> Pair | None:
    """One entry as a :class:`Pair`, or None with its problem added."""
    if isinstance(entry, Pair):
        return entry
    if not isinstance(entry, Mapping):
        problems.append(
            f"current[{k}]: expected {{'candidate_id': ..., 'package_id': ...}}, got a "
            f"{type(entry).__name__}"
        )
        return None
    try:
        return Pair.model_validate(entry)
    except ValidationError as exc:
        fields = sorted({".".join(map(str, e["loc"])) or "entry" for e in exc.errors()})
        problems.append(
            f"current[{k}]: {', '.join(fields)} not valid; give exactly 'candidate_id' and "
            "'package_id', each a record id"
        )
        return None


def check_switch_places(packages: list[TaskPackage], config: MatchConfig) -> None:
    """Refuse switch places (track ``schakelplek``) that last longer than the config allows.

    Raises
    ------
    InputError
        Every such package at once, with its id, its months and the limit.
    """
    limit = config.schakelplek_months
    long = [
        p
        for p in packages
        if p.track == "schakelplek" and p.contract.months is not None and p.contract.months > limit
    ]
    if long:
        _raise(
            [
                f"package {p.id!r}: a switch place (track 'schakelplek') is temporary, at most "
                f"MatchConfig.schakelplek_months={limit} months, but contract.months is "
                f"{p.contract.months}; shorten the contract or choose another track"
                for p in sorted(long, key=lambda p: p.id)
            ]
        )


def _raise(problems: list[str]) -> None:
    shown = problems[:_SHOWN]
    more = len(problems) - len(shown)
    tail = f"; and {more} more" if more else ""
    raise InputError(f"{len(problems)} problem(s): " + "; ".join(shown) + tail)
