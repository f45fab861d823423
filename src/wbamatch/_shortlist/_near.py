"""Near misses: pairs that break exactly one hard rule, and what a manager may read of them.

A recruiter can often fix one thing, so each near miss names the broken rule and both values
(``commute``: 52 min against at most 45). Those values can disclose a need (health data), so
the lists that go to managers say only that a condition of the candidate is not met.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .._compatibility import Edges, pair_minutes
from .._explain import describe
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
    minutes = pair_minutes(problem.minutes_for, *pairs, len(pkg), problem.limits.pairs_per_block)
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
