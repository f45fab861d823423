"""Near misses: pairs that break exactly one hard rule, and what a manager may read of them.

A recruiter can often fix one thing, so each near miss names the broken rule and both values
(``commute``: 52 min against at most 45). Those values can disclose a need (health data), so
the lists that go to managers say only that a condition of the candidate is not met.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._compatibility import Edges
from .._explain import describe
from .._limits import DEFAULT_LIMITS
from .._pipeline import Problem
from .._topk import top_per_group
from ..rules import REGISTRY
from ._lists import NearMiss, Shortlists

__all__ = ["for_managers", "near_miss_lists"]


def near_miss_lists(
    problem: Problem,
    edges: Edges,
    group: NDArray[np.intp],
    other: NDArray[np.intp],
    per_list: int,
    n_groups: int,
) -> list[list[NearMiss]]:
    """The best ``per_list`` near misses of each list (``group`` numbers the lists), best first.

    Example
    -------
    >>> import wbamatch
    >>> lists = wbamatch.shortlist(*wbamatch.demo_data(), near_misses=1, audience="recruiter")
    >>> sorted({m.code for sl in lists.lists for m in sl.near_misses})[:2]
    ['commute', 'education']
    """
    cand, pkg, cfg = problem.cand, problem.pkg, problem.config
    misses: list[list[NearMiss]] = [[] for _ in range(n_groups)]
    near = np.flatnonzero(~edges.feasible)
    chosen = near[top_per_group(group[near], other[near], edges.scores[near], per_list)]
    pairs = (edges.rows[chosen], edges.cols[chosen])
    minutes = _pair_minutes(problem.minutes_for, *pairs, len(pkg))
    codes = REGISTRY.codes
    for e, t in zip(chosen.tolist(), minutes.tolist(), strict=True):
        i, j = int(edges.rows[e]), int(edges.cols[e])
        code = codes[int(edges.near_miss_code[e])]
        d = describe(code, cand, pkg, t, cfg, i, j)
        misses[int(group[e])].append(
            NearMiss(
                candidate_id=cand.ids[i],
                package_id=pkg.ids[j],
                code=code,
                score=float(edges.scores[e]),
                **d.texts(),
            )
        )
    return misses


def _pair_minutes(
    minutes_for: Any, rows: NDArray[np.intp], cols: NDArray[np.intp], m: int
) -> NDArray[np.float64]:
    """Travel minutes of the pairs ``(rows[k], cols[k])``, a block of candidates at a time.

    Only the blocks' rows are asked for (never all near-miss rows at once), so memory stays at
    one block of ``Limits.pairs_per_block`` pairs (the default limits) whatever the number of lists.

    Example
    -------
    >>> table = np.arange(6.0).reshape(2, 3)
    >>> _pair_minutes(lambda rows: table[rows], np.array([1, 0]), np.array([2, 1]), 3)
    array([5., 1.])
    """
    out = np.full(rows.size, np.nan)
    if rows.size == 0:
        return out
    distinct = np.unique(rows)
    step = max(1, DEFAULT_LIMITS.pairs_per_block // max(m, 1))
    for start in range(0, distinct.size, step):
        block = distinct[start : start + step]
        mine = np.flatnonzero(np.isin(rows, block))
        at = np.searchsorted(block, rows[mine])
        out[mine] = minutes_for(block)[at, cols[mine]]
    return out


def for_managers(lists: Shortlists) -> Shortlists:
    """The lists with every near miss's rule and values replaced by "a condition is not met".

    Example
    -------
    >>> import wbamatch
    >>> lists = wbamatch.shortlist(*wbamatch.demo_data(), near_misses=1, audience="recruiter")
    >>> {m.code for sl in for_managers(lists).lists for m in sl.near_misses}
    {'not_met'}
    """
    from .._results import reason_words
    from .._vocabulary import NOT_MET

    words = {"message_en": reason_words(NOT_MET, "en"), "message_nl": reason_words(NOT_MET, "nl")}
    blank = dict.fromkeys(
        ("candidate_value", "package_value", "candidate_value_nl", "package_value_nl"), ""
    )
    return lists.model_copy(
        update={
            "audience": "manager",
            "lists": [
                sl.model_copy(
                    update={
                        "near_misses": [
                            m.model_copy(update={"code": NOT_MET, **blank, **words})
                            for m in sl.near_misses
                        ]
                    }
                )
                for sl in lists.lists
            ],
        }
    )
