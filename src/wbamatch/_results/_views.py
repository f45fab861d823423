"""The notebook views of a result: :meth:`MatchResult._repr_html_` and :meth:`Why._repr_html_`.

A match's view shows the summary, then a table each of the placements (with score bars), the
placements that moved after a rematch, who was not placed and why, and the open slots. Rows are
built only for what is shown (:data:`~wbamatch._html.MAX_ROWS` a table): a large run has
thousands; each table still says how many there are in all.

The views take the parts they show, not the result: :class:`MatchResult` and :class:`Why` call
them, so the views import only the parts (``_outcome``) and never the models that call them.

Example
-------
>>> import wbamatch
>>> result = wbamatch.match(*wbamatch.demo_data())
>>> "<table" in result._repr_html_(), "<table" in result.why("c-007")._repr_html_()
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence

from .._catalogue import Lang, catalogue, text
from .._html import MAX_ROWS, Html, bar, block, heading, number, table
from ._outcome import Assignment, Move, OpenSlots, ReasonCount, UnassignedCandidate
from ._words import placement_notes, reason_words

__all__ = ["match_html", "why_html"]


def why_html(candidate_id: str, paragraph: str, reasons: Sequence[ReasonCount], lang: Lang) -> str:
    """The paragraph of :meth:`Why.text`, and for someone not placed the reasons, counted.

    Parameters
    ----------
    candidate_id
        Who the answer is about (the title).
    paragraph
        :meth:`Why.text` in ``lang``.
    reasons
        What ruled out packages for someone not placed, with counts; empty for someone placed.
    lang
        The language of the titles and reasons.
    """
    parts = []
    if reasons:
        rows = [[reason_words(r.code, lang), r.packages] for r in reasons]
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
    return block(text("results.html.why", lang, candidate=candidate_id), [paragraph], parts)


def match_html(
    summary: str,
    assignments: Sequence[Assignment],
    moved: Sequence[Move],
    unassigned: Sequence[UnassignedCandidate],
    open_slots: Sequence[OpenSlots],
    lang: Lang,
) -> str:
    """Placements with score bars, moves, who was not placed and why, open slots.

    Parameters
    ----------
    summary
        :meth:`MatchResult.summary` in ``lang``, the view's first paragraph.
    assignments, moved, unassigned, open_slots
        The fields of the same name of the :class:`MatchResult`.
    lang
        The language of the titles, columns and notes.
    """
    return block(
        text("results.html.title", lang),
        [summary],
        [
            *_placed(assignments, lang),
            *_moved(moved, lang),
            *_unplaced(unassigned, lang),
            *_open(open_slots, lang),
        ],
    )


def _columns(lang: Lang, *names: str) -> list[str]:
    """Column titles: the catalogue's ``results.html.col.<name>``."""
    return [text(f"results.html.col.{name}", lang) for name in names]


def _placed(assignments: Sequence[Assignment], lang: Lang) -> list[Html]:
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
        for a in assignments[:MAX_ROWS]
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
        heading(text("results.html.placed", lang, n=len(assignments))),
        table(
            header,
            rows,
            numeric=[6, 7],
            empty=text("results.html.placed.none", lang),
            total=len(assignments),
            lang=lang,
        ),
    ]


def _moved(moved: Sequence[Move], lang: Lang) -> list[Html]:
    """After a rematch, whose placement changed (nothing when none did)."""
    nowhere = text("results.html.not_placed", lang)
    rows = [[m.candidate_id, m.before or nowhere, m.after or nowhere] for m in moved[:MAX_ROWS]]
    if not rows:
        return []
    return [
        heading(text("results.html.moved", lang, n=len(rows))),
        table(
            _columns(lang, "candidate", "before", "after"),
            rows,
            total=len(moved),
            lang=lang,
        ),
    ]


def _unplaced(unassigned: Sequence[UnassignedCandidate], lang: Lang) -> list[Html]:
    """Who was not placed: how many packages fitted, and the reasons with their counts."""
    rows = [
        [
            u.candidate_id,
            u.feasible_packages,
            ", ".join(f"{reason_words(r.code, lang)} ({r.packages})" for r in u.reasons) or "-",
        ]
        for u in unassigned[:MAX_ROWS]
    ]
    return [
        heading(text("results.html.unplaced", lang, n=len(unassigned))),
        table(
            _columns(lang, "candidate", "fitting", "why_not"),
            rows,
            numeric=[1],
            empty=text("results.html.unplaced.none", lang),
            total=len(unassigned),
            lang=lang,
        ),
    ]


def _open(open_slots: Sequence[OpenSlots], lang: Lang) -> list[Html]:
    """The packages with slots left, and how many candidates could have taken them."""
    rows = [[o.package_id, o.open, o.feasible_candidates] for o in open_slots[:MAX_ROWS]]
    return [
        heading(text("results.html.open", lang, n=sum(o.open for o in open_slots))),
        table(
            _columns(lang, "package", "open", "fit_candidates"),
            rows,
            numeric=[1, 2],
            empty=text("results.html.open.none", lang),
            total=len(open_slots),
            lang=lang,
        ),
    ]
