"""Shortlists: the top-k feasible counterparts per package (or per candidate), and near misses.

Built on the same edge list that :func:`wbamatch.match` solves on: only feasible pairs scoring
at least ``config.min_score`` are listed, ranked by score with ties broken by id. Near misses
are pairs that break exactly one hard rule: a recruiter can often fix one thing. A package the
candidate said no to is never listed, not even as a near miss.

Example
-------
>>> import wbamatch
>>> lists = wbamatch.shortlist(*wbamatch.demo_data(), k=2)
>>> [e.rank for e in lists.lists[0].entries]
[1, 2]

Modules
-------
``_lists``
    The models: :class:`ShortlistEntry`, :class:`NearMiss`, :class:`Shortlist`,
    :class:`Shortlists`, and their notebook views.
``_build``
    :func:`shortlist`: the top ``k`` of each list from the edge list.
``_near``
    The near misses, and the manager's view of them.
"""

from __future__ import annotations

from ._build import shortlist
from ._lists import SHORTLIST_COLUMNS, NearMiss, Shortlist, ShortlistEntry, Shortlists

__all__ = [
    "SHORTLIST_COLUMNS",
    "NearMiss",
    "Shortlist",
    "ShortlistEntry",
    "Shortlists",
    "shortlist",
]
