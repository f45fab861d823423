"""Building shortlists: the top-k feasible counterparts of each package (or candidate).

Built on the same edge list that :func:`wbamatch.match` solves on: only feasible pairs scoring
at least ``config.min_score`` are listed, ranked by score with ties broken by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from .._compatibility import Edges, collect_edges
from .._config import MatchConfig
from .._encode import CandidateArrays, PackageArrays
from .._exceptions import InputError
from .._gc import paused_gc
from .._models import Candidate, TaskPackage
from .._pipeline import CurrentOption, Problem, TravelMinutes, prepare
from .._progress import ProgressOption
from .._topk import top_per_group
from .._validation import positive_int
from ._lists import NearMiss, Shortlist, ShortlistEntry, Shortlists
from ._near import for_managers, near_miss_lists

__all__ = ["shortlist"]


def shortlist(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    k: int = 10,
    by: Literal["package", "candidate"] = "package",
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    near_misses: int = 0,
    travel_minutes: TravelMinutes = None,
    progress: ProgressOption = None,
    audience: Literal["manager", "recruiter"] | None = None,
    lang: str | None = None,
    current: CurrentOption = None,
    internal_first: bool = False,
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
        rule's code and both values (e.g. ``commute``: 52 min against at most 45); never a
        package the candidate said no to.
    progress
        As for :func:`wbamatch.match`: a bar (auto), ``False``, or a callback that may cancel.
    audience
        Who reads the lists: ``"manager"`` (the default for ``by="package"``, the lists that go
        to managers) gets near misses that say only that one of the candidate's conditions is
        not met and that the recruiter can explain, never which need or its values;
        ``"recruiter"`` (the default for ``by="candidate"``) gets the rule and both values.
    lang
        Language of the lists' texts (``"nl"`` or ``"en"``); default ``config.lang``, else
        ``WBAMATCH_LANG``, else Dutch.
    current
        The placements that exist, as for :func:`wbamatch.match` (the internal view, like a
        kandidatenkrant): a current employee with ``open_to_move`` is an internal candidate
        (``entry.internal``), never listed for the package they hold; one who is not open to
        move is listed nowhere.
    internal_first
        Put the internal candidates first in each list (then by score), so a manager meets
        them before anyone from outside.

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
    >>> inside = wbamatch.shortlist(*wbamatch.demo_data(), k=3, internal_first=True,
    ...     current=[{"candidate_id": "c-002", "package_id": "p-001"}])
    >>> any(e.internal for sl in inside.lists for e in sl.entries)
    False
    """
    if by not in ("package", "candidate"):
        raise InputError(f"by must be 'package' or 'candidate', got {by!r}")
    k = positive_int(k, "k")
    near_misses = positive_int(near_misses, "near_misses", least=0)
    if audience is None:
        audience = "manager" if by == "package" else "recruiter"
    if audience not in ("manager", "recruiter"):
        raise InputError(f"audience must be 'manager' or 'recruiter', got {audience!r}")
    with paused_gc():  # thousands of entry models: see wbamatch._gc
        lists = _shortlist(
            candidates,
            packages,
            k,
            by,
            config,
            near_misses,
            travel_minutes,
            progress,
            lang,
            current,
            internal_first,
        )
    return lists if audience == "recruiter" else for_managers(lists)


def _shortlist(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    k: int,
    by: Literal["package", "candidate"],
    config: MatchConfig | Mapping[str, Any] | None,
    near_misses: int,
    travel_minutes: TravelMinutes,
    progress: ProgressOption,
    lang: str | None,
    current: CurrentOption = None,
    internal_first: bool = False,
) -> Shortlists:
    """The lists for every audience, the arguments of :func:`shortlist` checked."""
    problem = prepare(candidates, packages, config, travel_minutes, current=current)
    language = problem.config.text_lang(lang)
    cand, pkg, cfg = problem.cand, problem.pkg, problem.config
    edges = collect_edges(
        cand,
        pkg,
        problem.minutes_for,
        cfg,
        near_misses=near_misses > 0,
        keep_components=True,
        progress=progress,
        max_bytes=cfg.max_memory_mb << 20,
        workers=problem.workers,
        limits=problem.limits,
    )
    group, other = (edges.cols, edges.rows) if by == "package" else (edges.rows, edges.cols)
    n_groups = len(pkg) if by == "package" else len(cand)
    keys = pkg.ids if by == "package" else cand.ids

    internal, unavailable, held = _internal(problem)
    listed = edges.feasible & (edges.scores >= cfg.min_score)
    listed &= ~unavailable[edges.rows] & (held[edges.rows] != edges.cols)
    rank_by = edges.scores[listed]
    if internal_first:
        # Internal candidates above everyone else, by score within each part; keys in [0, 1].
        rank_by = 0.5 * internal[edges.rows[listed]] + 0.4999 * rank_by
    top = np.flatnonzero(listed)[top_per_group(group[listed], other[listed], rank_by, k)]
    entries = _entries(edges, top, group, n_groups, cand, pkg, internal)
    misses: list[list[NearMiss]] = [[] for _ in range(n_groups)]
    if near_misses:
        misses = near_miss_lists(problem, edges, group, other, near_misses, n_groups)
    return Shortlists(
        by=by,
        k=k,
        lang=language,
        lists=[
            Shortlist(
                id=keys[g],
                by=by,
                title=_heading(pkg, g) if by == "package" else "",
                entries=entries[g],
                near_misses=misses[g],
                lang=language,
            )
            for g in range(n_groups)
        ],
    )


def _entries(
    edges: Edges,
    top: NDArray[np.intp],
    group: NDArray[np.intp],
    n_groups: int,
    cand: CandidateArrays,
    pkg: PackageArrays,
    internal: NDArray[np.bool_],
) -> list[list[ShortlistEntry]]:
    """The entries of each list: ``top`` holds the listed edges, best first within a list."""
    strongest = _strongest(edges, top)
    entries: list[list[ShortlistEntry]] = [[] for _ in range(n_groups)]
    for row, e in enumerate(top.tolist()):
        bucket = entries[int(group[e])]
        bucket.append(
            ShortlistEntry(
                candidate_id=cand.ids[edges.rows[e]],
                package_id=pkg.ids[edges.cols[e]],
                title=pkg.titles[edges.cols[e]],
                employer=pkg.employers[edges.cols[e]],
                rank=len(bucket) + 1,
                score=float(edges.scores[e]),
                top_components=strongest[row],
                internal=bool(internal[edges.rows[e]]),
            )
        )
    return entries


def _internal(
    problem: Problem,
) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.intp]]:
    """Per candidate row: internal (at work, open to move), unavailable (at work, not open to
    move), and the package column they hold (-1 for none)."""
    n = len(problem.cand)
    at_work = np.zeros(n, dtype=np.bool_)
    held = np.full(n, -1, dtype=np.intp)
    at_work[problem.current.rows] = True
    held[problem.current.rows] = problem.current.cols
    internal: NDArray[np.bool_] = at_work & problem.cand.open_to_move
    return internal, at_work & ~problem.cand.open_to_move, held


def _strongest(edges: Edges, top: NDArray[np.intp]) -> list[list[tuple[str, float]]]:
    """The two strongest weighted score components of each edge in ``top``, as (name, value).

    Example
    -------
    >>> from wbamatch._compatibility import Edges
    >>> one = np.array([0], dtype=np.intp)
    >>> parts = {"skills": np.array([0.2]), "commute": np.array([0.3]), "level": np.array([0.2])}
    >>> edges = Edges(one, one, np.ones(1), np.ones(1, bool), np.zeros(1, np.int16), (1, 1), parts)
    >>> _strongest(edges, one)
    [[('commute', 0.3), ('level', 0.2)]]
    """
    # Ties by name: a stable sort over name-ordered columns.
    names = sorted(edges.components)
    if not names:
        return [[] for _ in range(top.size)]
    contrib = np.stack([edges.components[n][top] for n in names], axis=1)
    best2 = np.argsort(-contrib, axis=1, kind="stable")[:, :2]
    values = np.take_along_axis(contrib, best2, axis=1).round(6).tolist()
    return [
        [(names[q], v) for q, v in zip(columns, row, strict=True)]
        for columns, row in zip(best2.tolist(), values, strict=True)
    ]


def _heading(pkg: PackageArrays, j: int) -> str:
    """The heading of package ``j``'s list: its id, with its title and employer when known."""
    named = ", ".join(x for x in (pkg.titles[j], pkg.employers[j]) if x)
    return f"{pkg.ids[j]} ({named})" if named else pkg.ids[j]
