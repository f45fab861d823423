"""The shortlist models: entries, near misses, one list, and all lists of a run; and their
notebook views (ranked counterparts with score bars, then near misses).

Example
-------
>>> entry = ShortlistEntry(candidate_id="c-1", package_id="p-1", rank=1, score=0.8,
...                        top_components=[("skills", 0.4)])
>>> lists = Shortlists(by="package", k=1, lists=[Shortlist(id="p-1", entries=[entry])])
>>> lists["p-1"].entries[0].rank, len(lists)
(1, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Literal

from pydantic import Field

from .._catalogue import Lang, text
from .._cells import RecordsFrame
from .._exceptions import UnknownIdError
from .._models import ResultModel

__all__ = [
    "SHORTLIST_COLUMNS",
    "NearMiss",
    "Shortlist",
    "ShortlistEntry",
    "Shortlists",
    "shortlist_html",
    "shortlists_html",
    "table_rows",
]

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
    "internal",
)


class ShortlistEntry(ResultModel):
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
    internal: bool = Field(
        False,
        description="Already at work here and open to move (shortlist(current=...)): an "
        "internal candidate.",
    )


class NearMiss(ResultModel):
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


class Shortlist(ResultModel):
    """Ranked counterparts of one package (or one candidate)."""

    id: str = Field(description="The package id (by='package') or candidate id.")
    by: Literal["package", "candidate"] = Field(
        "package", description="Whose list it is: a package's candidates or a candidate's packages."
    )
    title: str = Field("", description="The package's title and employer, for a package list.")
    entries: list[ShortlistEntry]
    near_misses: list[NearMiss] = Field(default_factory=list)
    lang: Lang = Field("nl", description="Language of the texts for people (nl or en).")

    def _repr_html_(self) -> str:
        """Notebook view: the ranked counterparts with score bars, then the near misses."""
        return shortlist_html(self)


class Shortlists(ResultModel, RecordsFrame):
    """A shortlist for every package (or candidate), in id order.

    ``audience`` says who may read it: a ``"manager"`` view names no need of a candidate and
    no value of one (a near miss says only that a condition is not met, and that the recruiter
    can explain); a ``"recruiter"`` view has the rule and both values.
    """

    _record_columns: ClassVar[Sequence[str]] = SHORTLIST_COLUMNS

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
                    "internal": e.internal,
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

    def _repr_html_(self) -> str:
        """Notebook view: one table of all lists (first rows only), then the near misses."""
        return shortlists_html(self)


# The views live with the models: the models' _repr_html_ call them and they read the models'
# fields, so in a module of their own they would import the models back.

Rows = list[list[object]]


def _counterpart(by: str, lang: Lang) -> str:
    """The heading of the other side of a list: the candidate of a package's list, and back."""
    return text(f"shortlist.head.{'candidate' if by == 'package' else 'package'}", lang)


def table_rows(sl: Shortlist, by: str) -> tuple[Rows, Rows]:
    """Rows of the entries and near-miss tables, the counterpart named by ``by``.

    A list without entries gets one row that says so.

    Example
    -------
    >>> from wbamatch._shortlist import Shortlist
    >>> table_rows(Shortlist(id="p-1", entries=[], lang="en"), "package")[0][0][0]
    '-'
    """
    from .._html import bar, percent
    from .._results import reason_words

    lang = sl.lang

    def other(pair: ShortlistEntry | NearMiss) -> str:
        if by == "package":
            return pair.candidate_id
        named = getattr(pair, "title", "")
        return f"{pair.package_id} ({named})" if named else pair.package_id

    entries: Rows = [
        [
            e.rank,
            other(e),
            bar(e.score),
            "; ".join(text(f"component.{n}", lang) for n, _ in e.top_components),
        ]
        for e in sl.entries
    ] or [
        [
            "-",
            text("shortlist.nobody" if by == "package" else "shortlist.no_package", lang),
            "",
            "",
        ]
    ]
    misses: Rows = [
        [
            other(m),
            reason_words(m.code, lang),
            percent(m.score),
            m.message_nl if lang == "nl" else m.message_en,
        ]
        for m in sl.near_misses
    ]
    return entries, misses


def shortlist_html(sl: Shortlist) -> str:
    """One list: the ranked counterparts with score bars, then the near misses."""
    from .._html import block, heading, table

    by = sl.by
    entries, misses = table_rows(sl, by)
    lang = sl.lang
    other = _counterpart(by, lang)
    head = [text("shortlist.head.rank", lang), other, text("shortlist.head.score", lang)]
    keys = ("rule", "would", "words")
    near_head = [other, *(text(f"shortlist.head.{k}", lang) for k in keys)]
    return block(
        text(f"shortlist.title.{by}", lang, title=sl.title or sl.id),
        [text("shortlist.lead", lang, fit=len(sl.entries), near=len(sl.near_misses))],
        [
            table([*head, text("shortlist.head.strongest", lang)], entries, numeric=[0]),
            *(
                [heading(text("shortlist.near.heading", lang)), table(near_head, misses)]
                if misses
                else []
            ),
        ],
    )


def _shown_rows(lists: Shortlists) -> tuple[Rows, Rows]:
    """The rows of all lists, each led by its list's id, built only as far as they are shown."""
    from .._html import MAX_ROWS

    entries: Rows = []
    misses: Rows = []
    for sl in lists.lists:
        # Rows are built only for what is shown: a large run has thousands.
        if len(entries) >= MAX_ROWS and len(misses) >= MAX_ROWS:
            break
        rows, near = table_rows(sl, lists.by)
        entries += [[sl.id, *row] for row in rows]
        misses += [[sl.id, *row] for row in near]
    return entries, misses


def shortlists_html(lists: Shortlists) -> str:
    """All lists: one table of their entries (first rows only), then the near misses.

    Example
    -------
    >>> import wbamatch
    >>> lists = wbamatch.shortlist(*wbamatch.demo_data(), k=2, near_misses=1, lang="en")
    >>> "<table" in shortlists_html(lists) and "<table" in shortlist_html(lists.lists[0])
    True
    """
    from .._html import block, heading, table

    entries, misses = _shown_rows(lists)
    n_entries = sum(max(len(sl.entries), 1) for sl in lists.lists)
    n_misses = sum(len(sl.near_misses) for sl in lists.lists)
    lang = lists.lang
    mine = text(f"shortlist.head.list.{lists.by}", lang)
    other = _counterpart(lists.by, lang)
    words = {k: text(f"shortlist.head.{k}", lang) for k in ("rank", "score", "strongest")}
    near_head = [text(f"shortlist.head.{k}", lang) for k in ("rule", "would", "words")]
    listed = sum(len(sl.entries) for sl in lists.lists)
    return block(
        text(f"shortlist.all.title.{lists.by}", lang, k=lists.k),
        [text("shortlist.all.lead", lang, lists=len(lists.lists), entries=listed)],
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
