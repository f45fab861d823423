"""Shortlists and explanations exported for people, as XLSX sheets in the chosen language.

(Their CSV is their ``to_records()`` table, written by :func:`~wbamatch.io.write_results`.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._catalogue import Lang, text as _text
from .._explain import Explanation
from .._shortlist import Shortlists
from ._sheets import _PERCENT, _WHOLE, _Sheet, _sheet_title


def _shortlist_sheets(lists: Shortlists, lang: Lang, names: Mapping[str, str]) -> list[_Sheet]:
    """Shortlists for people: the ranked entries, then the near misses, in words.

    A near miss names the rule in words and the message of the list's audience (a manager's
    list says only that a condition is not met); codes stay in the CSV.
    """

    def t(key: str) -> str:
        return _text(key, lang)

    lists_head = t(f"shortlist.head.list.{lists.by}")
    other_head = t(f"shortlist.head.{'candidate' if lists.by == 'package' else 'package'}")
    who = [*([t("io.results.name")] if names else [])]
    entries, misses = _shortlist_rows(lists, lang, names)
    shift = len(who)
    used: set[str] = set()
    sheets = [
        _Sheet(
            _sheet_title(t("io.shortlist.sheet"), used),
            [
                lists_head,
                t("shortlist.head.rank"),
                other_head,
                *who,
                t("io.results.title"),
                t("io.results.employer"),
                t("shortlist.head.score"),
                t("shortlist.head.strongest"),
            ],
            entries,
            formats={1: _WHOLE, 6 + shift: _PERCENT},
            wrap=frozenset({4 + shift, 7 + shift}),
            widths={4 + shift: 30, 7 + shift: 50},
            filtered=True,
            printed="landscape",
        )
    ]
    if misses:
        sheets.append(
            _Sheet(
                _sheet_title(t("io.shortlist.sheet.near"), used),
                [
                    lists_head,
                    other_head,
                    *who,
                    t("shortlist.head.rule"),
                    t("shortlist.head.would"),
                    t("shortlist.head.words"),
                ],
                misses,
                formats={3 + shift: _PERCENT},
                wrap=frozenset({2 + shift, 4 + shift}),
                widths={2 + shift: 30, 4 + shift: 60},
                filtered=True,
                printed="landscape",
            )
        )
    return sheets


def _shortlist_rows(
    lists: Shortlists, lang: Lang, names: Mapping[str, str]
) -> tuple[list[list[Any]], list[list[Any]]]:
    """The rows of the entries sheet and of the near-misses sheet, list by list."""
    from .._results import reason_words

    by_package = lists.by == "package"
    named = bool(names)
    entries: list[list[Any]] = []
    misses: list[list[Any]] = []
    for sl in lists.lists:
        for e in sl.entries:
            other = e.candidate_id if by_package else e.package_id
            entries.append(
                [
                    sl.id,
                    e.rank,
                    other,
                    *([names.get(e.candidate_id)] if named else []),
                    e.title,
                    e.employer,
                    round(e.score, 3),
                    "; ".join(_text(f"component.{n}", lang) for n, _ in e.top_components),
                ]
            )
        for m in sl.near_misses:
            other = m.candidate_id if by_package else m.package_id
            misses.append(
                [
                    sl.id,
                    other,
                    *([names.get(m.candidate_id)] if named else []),
                    reason_words(m.code, lang),
                    round(m.score, 3),
                    m.message_nl if lang == "nl" else m.message_en,
                ]
            )
    return entries, misses


def _explanation_sheets(ex: Explanation, lang: Lang) -> list[_Sheet]:
    """One pair for people: the verdict in words, what does not fit, the score's parts."""
    (rules_head, rules), (parts_head, parts) = ex.tables(lang)
    used: set[str] = set()
    lead = [[ex.text(lang)], []]
    return [
        _Sheet(
            _sheet_title(_text("explain.html.rules", lang), used),
            rules_head,
            rules or [[_text("explain.html.no_rules", lang)]],
            lead=lead,
            wrap=frozenset({0, 2, 3, 4}),
            widths={0: 30, 1: 22, 2: 30, 3: 30, 4: 60},
            merge_lead=True,
            printed="landscape",
        ),
        _Sheet(
            _sheet_title(_text("io.explanation.parts.sheet", lang), used),
            parts_head,
            [
                [name, round(fit, 3) if fit is not None else words, share]
                for name, fit, words, share in parts
            ],
            formats={1: _PERCENT},
            widths={0: 30, 1: 22, 2: 16},
            printed="portrait",
        ),
    ]
