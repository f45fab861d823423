"""Shortlists: the top-k feasible counterparts per package (or per candidate), and near misses.

Built on the same edge list that :func:`wbamatch.match` solves on: only feasible pairs scoring
at least ``config.min_score`` are listed, ranked by score with ties broken by id. Near misses
are pairs that break exactly one hard rule: a recruiter can often fix one thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

from .api import TravelMinutes, prepare
from .compatibility import collect_edges
from .config import MatchConfig
from .exceptions import InputError, UnknownIdError
from .explain import message, values_of
from .models import Candidate, TaskPackage
from .vocabulary import REASON_CODES

__all__ = ["NearMiss", "Shortlist", "ShortlistEntry", "Shortlists", "shortlist"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ShortlistEntry(_Model):
    """One feasible counterpart, with the two score components that weigh most."""

    candidate_id: str
    package_id: str
    rank: int = Field(description="1 = best.")
    score: float
    top_components: list[tuple[str, float]] = Field(
        description="The two strongest weighted score components (name, contribution)."
    )


class NearMiss(_Model):
    """A pair that breaks exactly one hard rule, with the values that missed."""

    candidate_id: str
    package_id: str
    code: str
    score: float = Field(description="What the pair would score if the rule were met.")
    candidate_value: str
    package_value: str
    message_en: str
    message_nl: str


class Shortlist(_Model):
    """Ranked counterparts of one package (or one candidate)."""

    id: str = Field(description="The package id (by='package') or candidate id.")
    entries: list[ShortlistEntry]
    near_misses: list[NearMiss] = Field(default_factory=list)


class Shortlists(_Model):
    """A shortlist for every package (or candidate), in id order."""

    by: Literal["package", "candidate"]
    k: int
    lists: list[Shortlist]

    def __getitem__(self, key: str) -> Shortlist:
        for sl in self.lists:
            if sl.id == key:
                return sl
        raise UnknownIdError(f"no shortlist for {self.by} {key!r}")

    def __len__(self) -> int:
        return len(self.lists)


def _top_per_group(
    group: NDArray[np.intp], other: NDArray[np.intp], score: NDArray[np.float64], k: int
) -> NDArray[np.intp]:
    """Indices of the best ``k`` edges per group, ordered by group, score desc, then id."""
    if group.size == 0 or k == 0:
        return np.empty(0, dtype=np.intp)
    # Rows and columns are in id order, so sorting on the index breaks ties by id.
    order = np.lexsort((other, -score, group))
    g = group[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    rank = np.arange(g.size) - np.repeat(starts, np.diff(np.r_[starts, g.size]))
    picked: NDArray[np.intp] = order[rank < k]
    return picked


def shortlist(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    k: int = 10,
    by: Literal["package", "candidate"] = "package",
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    near_misses: int = 0,
    travel_minutes: TravelMinutes = None,
) -> Shortlists:
    """Top-``k`` feasible counterparts per package (or per candidate), ranked by score.

    Parameters
    ----------
    candidates, packages, config, travel_minutes
        As for :func:`wbamatch.match`.
    k
        Entries per list.
    by
        ``"package"``: which candidates should each manager meet; ``"candidate"``: which
        packages suit each person.
    near_misses
        Also list up to this many pairs per list that break exactly one hard rule, with the
        rule's code and both values (e.g. ``commute``: 52 min against at most 45).

    Returns
    -------
    Shortlists
        One :class:`Shortlist` per package (or candidate), in id order.

    Example
    -------
    >>> import wbamatch
    >>> lists = wbamatch.shortlist(*wbamatch.demo_data(), k=3, near_misses=1)
    >>> all(len(sl.entries) <= 3 for sl in lists.lists)
    True
    """
    if by not in ("package", "candidate"):
        raise InputError(f"by must be 'package' or 'candidate', got {by!r}")
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise InputError("k must be a positive whole number")
    if not isinstance(near_misses, int) or isinstance(near_misses, bool) or near_misses < 0:
        raise InputError("near_misses must be a whole number >= 0")
    problem = prepare(candidates, packages, config, travel_minutes)
    cand, pkg, cfg = problem.cand, problem.pkg, problem.config
    edges = collect_edges(
        cand, pkg, problem.minutes_for, cfg, near_misses=near_misses > 0, keep_components=True
    )
    group, other = (edges.cols, edges.rows) if by == "package" else (edges.rows, edges.cols)
    n_groups = len(pkg) if by == "package" else len(cand)
    keys = pkg.ids if by == "package" else cand.ids

    listed = edges.feasible & (edges.scores >= cfg.min_score)
    top = np.flatnonzero(listed)[
        _top_per_group(group[listed], other[listed], edges.scores[listed], k)
    ]
    # Two strongest components per entry, ties by name: a stable sort over name-ordered columns.
    names = sorted(edges.components)
    if names:
        contrib = np.stack([edges.components[n][top] for n in names], axis=1)
        best2 = np.argsort(-contrib, axis=1, kind="stable")[:, :2]
        best2_values = np.take_along_axis(contrib, best2, axis=1).round(6).tolist()
        best2_names = [[names[q] for q in row] for row in best2.tolist()]
    entries: list[list[ShortlistEntry]] = [[] for _ in range(n_groups)]
    for row, e in enumerate(top.tolist()):
        parts = list(zip(best2_names[row], best2_values[row], strict=True)) if names else []
        bucket = entries[int(group[e])]
        bucket.append(
            ShortlistEntry(
                candidate_id=cand.ids[edges.rows[e]],
                package_id=pkg.ids[edges.cols[e]],
                rank=len(bucket) + 1,
                score=float(edges.scores[e]),
                top_components=parts,
            )
        )

    misses: list[list[NearMiss]] = [[] for _ in range(n_groups)]
    if near_misses:
        near = np.flatnonzero(~edges.feasible)
        chosen = near[_top_per_group(group[near], other[near], edges.scores[near], near_misses)]
        rows = np.unique(edges.rows[chosen])
        minutes = problem.minutes_for(rows) if rows.size else np.empty((0, len(pkg)))
        row_pos = {int(r): q for q, r in enumerate(rows.tolist())}
        for e in chosen.tolist():
            i, j = int(edges.rows[e]), int(edges.cols[e])
            code = REASON_CODES[int(edges.near_miss_code[e])]
            cv, pv = values_of(code, cand, pkg, float(minutes[row_pos[i], j]), cfg, i, j)
            en, nl = message(code, cv, pv)
            misses[int(group[e])].append(
                NearMiss(
                    candidate_id=cand.ids[i],
                    package_id=pkg.ids[j],
                    code=code,
                    score=float(edges.scores[e]),
                    candidate_value=cv,
                    package_value=pv,
                    message_en=en,
                    message_nl=nl,
                )
            )
    return Shortlists(
        by=by,
        k=k,
        lists=[
            Shortlist(id=keys[g], entries=entries[g], near_misses=misses[g])
            for g in range(n_groups)
        ],
    )
