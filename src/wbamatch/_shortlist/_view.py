"""The notebook view of shortlists: ranked counterparts with score bars, then near misses.

Example
-------
>>> import wbamatch
>>> lists = wbamatch.shortlist(*wbamatch.demo_data(), k=2, near_misses=1, lang="en")
>>> "<table" in shortlists_html(lists) and "<table" in shortlist_html(lists.lists[0])
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._catalogue import Lang, text

if TYPE_CHECKING:
    from ._lists import NearMiss, Shortlist, ShortlistEntry, Shortlists

__all__ = ["shortlist_html", "shortlists_html", "table_rows"]

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
    """All lists: one table of their entries (first rows only), then the near misses."""
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
