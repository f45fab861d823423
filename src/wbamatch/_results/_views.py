"""The notebook views of a result: :meth:`MatchResult._repr_html_` and :meth:`Why._repr_html_`.

A match's view shows the summary, then a table each of the placements (with score bars), the
placements that moved after a rematch, who was not placed and why, and the open slots. Rows are
built only for what is shown (:data:`~wbamatch._html.MAX_ROWS` a table): a large run has
thousands; each table still says how many there are in all.

Example
-------
>>> import wbamatch
>>> result = wbamatch.match(*wbamatch.demo_data())
>>> "<table" in match_html(result), "<table" in why_html(result.why("c-007"))
(True, True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._catalogue import Lang, catalogue, resolve_lang, text
from .._html import MAX_ROWS, Html, bar, block, heading, number, table
from ._words import placement_notes, reason_words

if TYPE_CHECKING:
    from ._match import MatchResult
    from ._why import Why

__all__ = ["match_html", "why_html"]


def why_html(why: Why) -> str:
    """The paragraph of :meth:`Why.text`, and for someone not placed the reasons, counted."""
    lang = resolve_lang(why.lang)
    parts = []
    if why.unassigned is not None and why.unassigned.reasons:
        rows = [[reason_words(r.code, lang), r.packages] for r in why.unassigned.reasons]
        parts = [
            heading(text("results.html.reasons", lang)),
            table(
                [
                    text("results.html.col.reason", lang),
                    text("results.html.col.ruled_out", lang),
                ],
                rows,
                numeric=[1],
                lang=lang,
            ),
        ]
    return block(
        text("results.html.why", lang, candidate=why.candidate_id), [why.text(lang)], parts
    )


def match_html(result: MatchResult) -> str:
    """Placements with score bars, moves, who was not placed and why, open slots."""
    lang = result.config.text_lang()
    return block(
        text("results.html.title", lang),
        [result.summary(lang)],
        [
            *_placed(result, lang),
            *_moved(result, lang),
            *_unplaced(result, lang),
            *_open(result, lang),
        ],
    )


def _columns(lang: Lang, *names: str) -> list[str]:
    """Column titles: the catalogue's ``results.html.col.<name>``."""
    return [text(f"results.html.col.{name}", lang) for name in names]


def _placed(result: MatchResult, lang: Lang) -> list[Html]:
    """The placements: who, where, the score as a bar, hours, banen and notes."""
    tracks = catalogue(lang)
    rows = [
        [
            a.candidate_id,
            a.package_id,
            a.title,
            a.employer,
            text(f"track.{a.track}", lang) if f"track.{a.track}" in tracks else a.track,
            bar(a.score),
            number(a.hours, 1, lang),
            number(a.banen, 2, lang),  # the note says why a placement does not count
            "; ".join(placement_notes(a, lang)),
        ]
        for a in result.assignments[:MAX_ROWS]
    ]
    header = _columns(
        lang,
        "candidate",
        "package",
        "title",
        "employer",
        "track",
        "score",
        "hours",
        "banen",
        "note",
    )
    return [
        heading(text("results.html.placed", lang, n=len(result.assignments))),
        table(
            header,
            rows,
            numeric=[6, 7],
            empty=text("results.html.placed.none", lang),
            total=len(result.assignments),
            lang=lang,
        ),
    ]


def _moved(result: MatchResult, lang: Lang) -> list[Html]:
    """After a rematch, whose placement changed (nothing when none did)."""
    nowhere = text("results.html.not_placed", lang)
    rows = [
        [m.candidate_id, m.before or nowhere, m.after or nowhere] for m in result.moved[:MAX_ROWS]
    ]
    if not rows:
        return []
    return [
        heading(text("results.html.moved", lang, n=len(rows))),
        table(
            _columns(lang, "candidate", "before", "after"),
            rows,
            total=len(result.moved),
            lang=lang,
        ),
    ]


def _unplaced(result: MatchResult, lang: Lang) -> list[Html]:
    """Who was not placed: how many packages fitted, and the reasons with their counts."""
    rows = [
        [
            u.candidate_id,
            u.feasible_packages,
            ", ".join(f"{reason_words(r.code, lang)} ({r.packages})" for r in u.reasons) or "-",
        ]
        for u in result.unassigned[:MAX_ROWS]
    ]
    return [
        heading(text("results.html.unplaced", lang, n=len(result.unassigned))),
        table(
            _columns(lang, "candidate", "fitting", "why_not"),
            rows,
            numeric=[1],
            empty=text("results.html.unplaced.none", lang),
            total=len(result.unassigned),
            lang=lang,
        ),
    ]


def _open(result: MatchResult, lang: Lang) -> list[Html]:
    """The packages with slots left, and how many candidates could have taken them."""
    rows = [[o.package_id, o.open, o.feasible_candidates] for o in result.open_slots[:MAX_ROWS]]
    return [
        heading(text("results.html.open", lang, n=sum(o.open for o in result.open_slots))),
        table(
            _columns(lang, "package", "open", "fit_candidates"),
            rows,
            numeric=[1, 2],
            empty=text("results.html.open.none", lang),
            total=len(result.open_slots),
            lang=lang,
        ),
    ]
