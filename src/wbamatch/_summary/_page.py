"""The summary as one HTML page that prints on one A4 sheet: :func:`page_html`.

Print CSS keeps it to one page; a long list is cut short (:data:`PAGE_ROWS`) with a line saying
how many more there are, and the organisations beyond the first few are added up in one line so
the totals still add up. The workbook sheet (:mod:`._sheet`) has every list in full. Every value
is escaped; the page has no scripts.

Example
-------
>>> import wbamatch
>>> from wbamatch._summary import department_summary
>>> cands, packs = wbamatch.demo_data()
>>> page = page_html(department_summary(wbamatch.match(cands, packs), packs))
>>> page.count("<section>"), "<script" in page
(5, False)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Final

from .._catalogue import Number
from .._html import esc, page, paragraph
from .._vocabulary import HOURS_PER_JOB
from ._data import SummaryData
from ._lines import Line

__all__ = ["PAGE_ROWS", "page_html"]

#: Rows of each list on the printed page before "and n more" (the workbook sheet has them all).
PAGE_ROWS: Final[Mapping[str, int]] = {
    "organisations": 8,
    "reasons": 6,
    "people": 36,
    "people_named": 14,
    "open_places": 8,
}


def page_html(s: SummaryData) -> str:
    """The page: the four figures, the breakdowns, the reasons, who has no place, open places."""
    t = s._t
    named = any(name for _, name in s.people)
    organisations = _lines_table(
        s, s.organisations, "summary.col.organisation", PAGE_ROWS["organisations"]
    )
    sections = [
        ("summary.by_organisation", organisations),
        ("summary.by_track", _lines_table(s, s.tracks, "summary.col.track", len(s.tracks))),
        ("summary.reasons", _reasons(s)),
        ("summary.people", _people_list(s, named)),
    ]
    grid = "".join(f"<section><h2>{esc(t(key))}</h2>{body}</section>" for key, body in sections)
    notes = [t("summary.note.banen", hours=Number(HOURS_PER_JOB, 1))]
    notes.append(t("summary.note.names" if named else "summary.note.pseudonyms"))
    meta = t("summary.computed", date=s._date()) if s.computed else ""
    parts = [f"<h1>{esc(t('summary.title'))}</h1>"]
    parts += [paragraph(meta, "meta")] if meta else []
    parts += [
        f'<div class="figures">{_figures(s)}</div>',
        f'<div class="grid">{grid}</div>',
        f"<section><h2>{esc(t('summary.open_places'))}</h2>{_open_places(s)}</section>",
        f"<footer>{''.join(paragraph(note) for note in notes)}</footer>",
    ]
    return page(s.lang, t("summary.title"), _CSS, parts)


def _figures(s: SummaryData) -> str:
    """The four boxes at the top: placed, banen, not placed, open places."""
    t = s._t
    figures = [
        (
            t("summary.figure.placed"),
            str(s.placed),
            t("summary.figure.placed_of", placed=s.placed, candidates=s.candidates),
        ),
        (
            t("summary.figure.banen"),
            s._n(s.banen),
            t("summary.figure.banen_note", counting=s.counting),
        ),
        (
            t("summary.figure.not_placed"),
            str(s.not_placed),
            t("summary.figure.not_placed_note"),
        ),
        (
            t("summary.figure.open"),
            str(s.open),
            t("summary.figure.open_of", open=s.open, slots=s.slots),
        ),
    ]
    return "".join(
        f'<div class="figure"><span>{esc(label)}</span><b>{esc(value)}</b>'
        f"<small>{esc(note)}</small></div>"
        for label, value, note in figures
    )


def _lines_table(s: SummaryData, lines: Sequence[Line], first: str, limit: int) -> str:
    """A breakdown with its total; beyond ``limit`` lines the rest is added up in one line."""
    t, n = s._t, s._n
    shown = list(lines)
    if len(shown) > limit:  # the rest as one line, so the totals still add up
        rest = shown[limit - 1 :]
        shown = [
            *shown[: limit - 1],
            Line(
                t("summary.other_organisations", n=len(rest)),
                sum(r.placements for r in rest),
                sum(r.banen for r in rest),
                sum(r.open for r in rest),
            ),
        ]
    rows = [[x.name, str(x.placements), n(x.banen), str(x.open)] for x in shown]
    total = [
        t("summary.total"),
        str(sum(x.placements for x in lines)),
        n(sum(x.banen for x in lines)),
        str(sum(x.open for x in lines)),
    ]
    return _table(
        [
            first and t(first),
            t("summary.col.placements"),
            t("summary.col.banen"),
            t("summary.col.open"),
        ],
        rows,
        numeric={1, 2, 3},
        total=total if rows else None,
        empty=t("summary.none.placed"),
    )


def _reasons(s: SummaryData) -> str:
    """The main reasons, each with the number of candidates it holds back."""
    t = s._t
    return _table(
        [t("summary.col.reason"), t("summary.col.people")],
        [[r.reason, str(r.candidates)] for r in s.reasons],
        numeric={1},
        limit=PAGE_ROWS["reasons"],
        more=lambda k: t("summary.more", n=k),
        empty=t("summary.none.people"),
    )


def _people_list(s: SummaryData, named: bool) -> str:
    """Who has no place yet: ids, or names with their ids (fewer to a page, in two columns)."""
    t = s._t
    return _people(
        [f"{name} ({cid})" if name else cid for cid, name in s.people],
        PAGE_ROWS["people_named" if named else "people"],
        lambda k: t("summary.more", n=k),
        t("summary.none.people"),
        columns=2 if named else 3,
    )


def _open_places(s: SummaryData) -> str:
    """The packages with places left, and how many candidates would have fitted."""
    t = s._t
    return _table(
        [
            t("summary.col.package"),
            t("summary.col.title"),
            t("summary.col.organisation"),
            t("summary.col.open"),
            t("summary.col.fitting"),
        ],
        [
            [o.package_id, o.title, o.organisation, str(o.open), str(o.fitting)]
            for o in s.open_places
        ],
        numeric={3, 4},
        limit=PAGE_ROWS["open_places"],
        more=lambda k: t("summary.more", n=k),
        empty=t("summary.none.open"),
    )


#: The page's style: one A4 sheet in print, the figures in a row, the breakdowns side by side.
_CSS: Final[str] = (
    "@page{size:A4 portrait;margin:12mm}"
    "*{box-sizing:border-box}"
    "body{font-family:'Segoe UI',Calibri,Arial,sans-serif;font-size:9pt;line-height:1.25;"
    "color:#111;max-width:186mm;margin:0 auto;padding:6mm 0}"
    "h1{font-size:15pt;margin:0 0 1mm}"
    "h2{font-size:10.5pt;margin:3.5mm 0 1mm}"
    "p{margin:0 0 1mm}"
    ".meta{color:#555}"
    ".figures{display:flex;gap:3mm;margin:3mm 0 1mm}"
    ".figure{flex:1;border:1px solid #bbb;border-radius:1.5mm;padding:1.5mm 2.5mm}"
    ".figure span,.figure small{display:block;color:#444}"
    ".figure b{display:block;font-size:16pt;line-height:1.2}"
    ".grid{display:grid;grid-template-columns:1fr 1fr;column-gap:6mm}"
    "section{break-inside:avoid;page-break-inside:avoid}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{text-align:left;padding:0.5mm 1.5mm;border-bottom:1px solid #ddd;vertical-align:top}"
    "th{border-bottom:1.5px solid #888;font-weight:600}"
    ".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "tfoot td{font-weight:600;border-top:1.5px solid #888;border-bottom:0}"
    ".more,.empty{color:#555;font-style:italic}"
    "ul.people{columns:3;column-gap:4mm;list-style:none;margin:0;padding:0}"
    "ul.people li{padding:0.3mm 1.5mm;border-bottom:1px solid #eee;break-inside:avoid}"
    "footer{margin-top:3mm;color:#555;font-size:8pt}"
    "@media print{body{padding:0;max-width:none}}"
)


def _people(
    items: Sequence[str], limit: int, more: Callable[[int], str], empty: str, columns: int
) -> str:
    """Who has no place yet, as a list in columns (ids are short; a table would take a page)."""
    if not items:
        return paragraph(empty, "empty")
    shown = items if len(items) <= limit else items[: limit - 1]
    rest = paragraph(more(len(items) - len(shown)), "more") if len(shown) < len(items) else ""
    entries = "".join(f"<li>{esc(i)}</li>" for i in shown)
    return f'<ul class="people" style="columns:{columns}">{entries}</ul>{rest}'


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric: set[int] | None = None,
    limit: int | None = None,
    more: Callable[[int], str] | None = None,
    total: Sequence[str] | None = None,
    empty: str = "",
) -> str:
    """A table with columns ``numeric`` right-aligned; beyond ``limit`` rows, one saying how
    many more (``more``); a ``total`` row at the foot; ``empty`` instead when there are no rows."""
    if not rows:
        return paragraph(empty, "empty")
    right = numeric or set()

    def cells(row: Sequence[str], tag: str) -> str:
        return "".join(
            f"<{tag}{' class=n' if k in right else ''}>{esc(v)}</{tag}>" for k, v in enumerate(row)
        )

    shown = rows if limit is None or len(rows) <= limit else rows[: max(limit - 1, 1)]
    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in shown)
    if len(shown) < len(rows) and more is not None:
        body += (
            f'<tr><td class="more" colspan="{len(header)}">{esc(more(len(rows) - len(shown)))}'
            "</td></tr>"
        )
    foot = f"<tfoot><tr>{cells(total, 'td')}</tr></tfoot>" if total else ""
    return (
        f"<table><thead><tr>{cells(header, 'th')}</tr></thead><tbody>{body}</tbody>{foot}</table>"
    )
