"""Shortlists: the top-k feasible counterparts per package (or per candidate), and near misses.

Built on the same edge list that :func:`wbamatch.match` solves on: only feasible pairs scoring
at least ``config.min_score`` are listed, ranked by score with ties broken by id. Near misses
are pairs that break exactly one hard rule: a recruiter can often fix one thing. A package the
candidate said no to is never listed, not even as a near miss.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

from ._catalogue import Lang, text
from ._cells import records_to_dataframe
from ._compatibility import collect_edges
from ._config import MatchConfig
from ._exceptions import InputError, UnknownIdError
from ._explain import describe
from ._gc import paused_gc
from ._limits import DEFAULT_LIMITS
from ._models import Candidate, TaskPackage
from ._pipeline import TravelMinutes, prepare
from ._progress import ProgressOption
from ._topk import top_per_group
from .rules import REGISTRY

__all__ = ["NearMiss", "Shortlist", "ShortlistEntry", "Shortlists", "shortlist"]

#: Columns of :meth:`Shortlists.to_records`, in order.
SHORTLIST_COLUMNS: tuple[str, ...] = (
    "list_id",
    "candidate_id",
    "package_id",
    "rank",
    "score",
    "near_miss",
    "strongest",
    "code",
    "candidate_value",
    "package_value",
    "message_en",
    "message_nl",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ShortlistEntry(_Model):
    """One feasible counterpart, with the two score components that weigh most."""

    candidate_id: str
    package_id: str
    title: str = Field("", description="Title of the package (what the job is called).")
    employer: str = Field("", description="Employer of the package.")
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
    candidate_value_nl: str = ""
    package_value_nl: str = ""
    message_en: str
    message_nl: str


class Shortlist(_Model):
    """Ranked counterparts of one package (or one candidate)."""

    id: str = Field(description="The package id (by='package') or candidate id.")
    by: Literal["package", "candidate"] = Field(
        "package", description="Whose list it is: a package's candidates or a candidate's packages."
    )
    title: str = Field("", description="The package's title and employer, for a package list.")
    entries: list[ShortlistEntry]
    near_misses: list[NearMiss] = Field(default_factory=list)
    lang: Lang = Field("nl", description="Language of the texts for people (nl or en).")

    def _html_rows(self, by: str) -> tuple[list[list[object]], list[list[object]]]:
        """Rows of the entries and near-miss tables, the counterpart named by ``by``."""
        from ._html import bar, percent
        from ._results import reason_words

        lang = self.lang

        def other(pair: ShortlistEntry | NearMiss) -> str:
            if by == "package":
                return pair.candidate_id
            named = getattr(pair, "title", "")
            return f"{pair.package_id} ({named})" if named else pair.package_id

        entries: list[list[object]] = [
            [
                e.rank,
                other(e),
                bar(e.score),
                "; ".join(text(f"component.{n}", lang) for n, _ in e.top_components),
            ]
            for e in self.entries
        ] or [
            [
                "-",
                text("shortlist.nobody" if by == "package" else "shortlist.no_package", lang),
                "",
                "",
            ]
        ]
        misses: list[list[object]] = [
            [
                other(m),
                reason_words(m.code, lang),
                percent(m.score),
                m.message_nl if lang == "nl" else m.message_en,
            ]
            for m in self.near_misses
        ]
        return entries, misses

    def _repr_html_(self) -> str:
        """Notebook view: the ranked counterparts with score bars, then the near misses."""
        from ._html import block, heading, table

        by = self.by
        entries, misses = self._html_rows(by)
        lang = self.lang
        other = text(f"shortlist.head.{'candidate' if by == 'package' else 'package'}", lang)
        head = [text("shortlist.head.rank", lang), other, text("shortlist.head.score", lang)]
        keys = ("rule", "would", "words")
        near_head = [other, *(text(f"shortlist.head.{k}", lang) for k in keys)]
        return block(
            text(f"shortlist.title.{by}", lang, title=self.title or self.id),
            [text("shortlist.lead", lang, fit=len(self.entries), near=len(self.near_misses))],
            [
                table([*head, text("shortlist.head.strongest", lang)], entries, numeric=[0]),
                *(
                    [heading(text("shortlist.near.heading", lang)), table(near_head, misses)]
                    if misses
                    else []
                ),
            ],
        )


class Shortlists(_Model):
    """A shortlist for every package (or candidate), in id order.

    ``audience`` says who may read it: a ``"manager"`` view names no need of a candidate and
    no value of one (a near miss says only that a condition is not met, and that the recruiter
    can explain); a ``"recruiter"`` view has the rule and both values.
    """

    by: Literal["package", "candidate"]
    k: int
    lists: list[Shortlist]
    audience: Literal["manager", "recruiter"] = "recruiter"
    lang: Lang = Field("nl", description="Language of the texts for people (nl or en).")

    def __getitem__(self, key: str) -> Shortlist:
        for sl in self.lists:
            if sl.id == key:
                return sl
        raise UnknownIdError(f"no shortlist for {self.by} {key!r}")

    def __len__(self) -> int:
        return len(self.lists)

    def to_records(self) -> list[dict[str, Any]]:
        """One row per entry, then per near miss, list by list in id order; plain Python values.

        Columns (:data:`SHORTLIST_COLUMNS`): ``list_id`` (the package or candidate the list is
        for), both ids, ``rank`` (None for a near miss), ``score``, ``near_miss`` (True or
        False), ``strongest`` (the two strongest score components, for an entry), and for a near
        miss the broken rule's ``code``, both values and the messages. A near miss's values can
        disclose a need: health data, for the caller only. Needs no pandas.

        Example
        -------
        >>> import wbamatch
        >>> lists = wbamatch.shortlist(*wbamatch.demo_data(), k=2, near_misses=1)
        >>> rows = lists.to_records()
        >>> sorted({r["near_miss"] for r in rows})
        [False, True]
        """
        empty = dict.fromkeys(SHORTLIST_COLUMNS)
        rows: list[dict[str, Any]] = []
        for sl in self.lists:
            rows += [
                {
                    **empty,
                    "list_id": sl.id,
                    "candidate_id": e.candidate_id,
                    "package_id": e.package_id,
                    "rank": e.rank,
                    "score": e.score,
                    "near_miss": False,
                    "strongest": ", ".join(f"{n} {v:.2f}" for n, v in e.top_components),
                }
                for e in sl.entries
            ]
            rows += [
                {
                    **empty,
                    "list_id": sl.id,
                    "candidate_id": m.candidate_id,
                    "package_id": m.package_id,
                    "score": m.score,
                    "near_miss": True,
                    "code": m.code,
                    "candidate_value": m.candidate_value,
                    "package_value": m.package_value,
                    "message_en": m.message_en,
                    "message_nl": m.message_nl,
                }
                for m in sl.near_misses
            ]
        return rows

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a pandas DataFrame (needs ``pip install 'wbamatch[notebook]'``).

        Raises
        ------
        MissingDependencyError
            When pandas is not installed.
        """
        return records_to_dataframe(self.to_records(), SHORTLIST_COLUMNS)

    def _repr_html_(self) -> str:
        """Notebook view: one table of all lists (first rows only), then the near misses."""
        from ._html import MAX_ROWS, block, heading, table

        entries: list[list[object]] = []
        misses: list[list[object]] = []
        for sl in self.lists:
            # Rows are built only for what is shown: a large run has thousands.
            if len(entries) >= MAX_ROWS and len(misses) >= MAX_ROWS:
                break
            rows, near = sl._html_rows(self.by)
            entries += [[sl.id, *row] for row in rows]
            misses += [[sl.id, *row] for row in near]
        n_entries = sum(max(len(sl.entries), 1) for sl in self.lists)
        n_misses = sum(len(sl.near_misses) for sl in self.lists)
        lang = self.lang
        mine = text(f"shortlist.head.list.{self.by}", lang)
        other = text(f"shortlist.head.{'candidate' if self.by == 'package' else 'package'}", lang)
        words = {k: text(f"shortlist.head.{k}", lang) for k in ("rank", "score", "strongest")}
        near_head = [text(f"shortlist.head.{k}", lang) for k in ("rule", "would", "words")]
        listed = sum(len(sl.entries) for sl in self.lists)
        return block(
            text(f"shortlist.all.title.{self.by}", lang, k=self.k),
            [text("shortlist.all.lead", lang, lists=len(self.lists), entries=listed)],
            [
                table(
                    [mine, words["rank"], other, words["score"], words["strongest"]],
                    entries,
                    numeric=[1],
                    total=n_entries,
                ),
                *(
                    [
                        heading(text("shortlist.near.heading.count", lang, n=n_misses)),
                        table([mine, other, *near_head], misses, total=n_misses),
                    ]
                    if misses
                    else []
                ),
            ],
        )


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
    if audience is None:
        audience = "manager" if by == "package" else "recruiter"
    if audience not in ("manager", "recruiter"):
        raise InputError(f"audience must be 'manager' or 'recruiter', got {audience!r}")
    with paused_gc():  # thousands of entry models: see wbamatch._gc
        lists = _shortlist(
            candidates, packages, k, by, config, near_misses, travel_minutes, progress, lang
        )
    return lists if audience == "recruiter" else _for_managers(lists)


def _for_managers(lists: Shortlists) -> Shortlists:
    """The lists with every near miss's rule and values replaced by "a condition is not met"."""
    from ._results import reason_words
    from ._vocabulary import NOT_MET

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


def _pair_minutes(
    minutes_for: Any, rows: NDArray[np.intp], cols: NDArray[np.intp], m: int
) -> NDArray[np.float64]:
    """Travel minutes of the pairs ``(rows[k], cols[k])``, a block of candidates at a time.

    Only the blocks' rows are asked for (never all near-miss rows at once), so memory stays at
    one block of ``Limits.pairs_per_block`` pairs (the default limits) whatever the number of lists.
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
) -> Shortlists:
    problem = prepare(candidates, packages, config, travel_minutes)
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
    )
    group, other = (edges.cols, edges.rows) if by == "package" else (edges.rows, edges.cols)
    n_groups = len(pkg) if by == "package" else len(cand)
    keys = pkg.ids if by == "package" else cand.ids

    listed = edges.feasible & (edges.scores >= cfg.min_score)
    top = np.flatnonzero(listed)[
        top_per_group(group[listed], other[listed], edges.scores[listed], k)
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
                title=pkg.titles[edges.cols[e]],
                employer=pkg.employers[edges.cols[e]],
                rank=len(bucket) + 1,
                score=float(edges.scores[e]),
                top_components=parts,
            )
        )

    misses: list[list[NearMiss]] = [[] for _ in range(n_groups)]
    if near_misses:
        near = np.flatnonzero(~edges.feasible)
        chosen = near[top_per_group(group[near], other[near], edges.scores[near], near_misses)]
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

    def heading(g: int) -> str:
        if by != "package":
            return ""
        named = ", ".join(x for x in (pkg.titles[g], pkg.employers[g]) if x)
        return f"{keys[g]} ({named})" if named else keys[g]

    return Shortlists(
        by=by,
        k=k,
        lang=language,
        lists=[
            Shortlist(
                id=keys[g],
                by=by,
                title=heading(g),
                entries=entries[g],
                near_misses=misses[g],
                lang=language,
            )
            for g in range(n_groups)
        ],
    )
