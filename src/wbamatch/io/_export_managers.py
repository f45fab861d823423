"""The managers' sheets of a result workbook: one per package, with only who is proposed there.

A manager sees the package, its places and the candidates proposed for it with their score,
hours and notes; nobody else's data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._catalogue import Lang, text as _text
from .._results import MatchResult
from ._sheets import _BANEN, _HOURS, _PERCENT, _WHOLE, _Sheet, _sheet_title


def _notes(a: Any, lang: Lang) -> str:
    """What a recruiter should know about a placement beyond its score, in words."""
    from .._results import placement_notes

    return "; ".join(placement_notes(a, lang))


def _manager_sheets(
    result: MatchResult,
    lang: Lang,
    facts: Mapping[str, Any],
    names: Mapping[str, str],
    used: set[str],
) -> list[_Sheet]:
    """One sheet per package (for its manager): who is proposed there, nobody else."""
    from .._summary import track_words

    def t(key: str) -> str:
        return _text(key, lang)

    named = bool(names)
    open_of = {o.package_id: o.open for o in result.open_slots}
    placed: dict[str, list[Any]] = {}
    for a in result.assignments:
        placed.setdefault(a.package_id, []).append(a)
    yes, no = t("io.yes"), t("io.no")
    sheets = []
    for pid in sorted(facts):
        fact = facts[pid]
        here = sorted(placed.get(pid, []), key=lambda a: a.candidate_id)
        slots = fact.slots if fact.slots is not None else len(here) + open_of.get(pid, 0)
        lead: list[list[Any]] = [
            [t("io.results.package"), pid],
            [t("io.results.title"), fact.title],
            [t("io.results.employer"), fact.employer],
            [t("io.results.organisation"), fact.organisation],
            [t("io.results.track"), track_words(fact.track, lang) if fact.track else None],
            [t("io.results.slots"), slots],
            [t("io.results.open"), open_of.get(pid, 0)],
            [] if here else [t("io.manager.none")],
        ]
        rows = [
            [
                a.candidate_id,
                *([names.get(a.candidate_id)] if named else []),
                round(a.score, 3),
                round(a.hours, 2),
                yes if a.counts else no,
                round(a.banen, 2),
                _notes(a, lang),
            ]
            for a in here
        ]
        shift = 1 if named else 0
        head = len(lead) + 1
        sheets.append(
            _Sheet(
                _sheet_title(f"{pid} {fact.title}".strip(), used),
                [
                    t("io.results.candidate"),
                    *([t("io.results.name")] if named else []),
                    t("io.results.score"),
                    t("io.results.hours"),
                    t("io.results.counts"),
                    t("io.results.banen"),
                    t("io.results.notes"),
                ],
                rows,
                lead=lead,
                formats={1 + shift: _PERCENT, 2 + shift: _HOURS, 4 + shift: _BANEN},
                cell_formats={(6, 2): _WHOLE, (7, 2): _WHOLE},
                wrap=frozenset({5 + shift}),
                widths={0: 22, 5 + shift: 50},
                bold=frozenset({1}),
                freeze=f"A{head + 1}",
                filtered=True,
                printed="landscape",
            )
        )
    return sheets
