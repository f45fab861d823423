"""The printed handouts: a cover page for the organiser, a page per manager and per candidate.

Large type (18pt body) and a print style sheet that starts every section on a new page. Every
text comes from the catalogue (``data/catalogue/<lang>/meetgreet.json``) and is HTML-escaped.
Nobody's page shows a score, and a near miss is only flagged, never with the rule it breaks:
that can disclose a need (see :mod:`wbamatch._meetgreet`).
"""

from __future__ import annotations

from typing import Final

from .._catalogue import Clock, Lang, text
from .._html import Cell, esc, page, paragraph, print_table
from ._meetings import Meeting, PlanFields
from ._schedule import Handout, count

__all__ = ["html_page"]

_CSS: Final[str] = """
body { font-family: Verdana, Arial, sans-serif; font-size: 18pt; line-height: 1.45;
       margin: 1.5cm; color: #000; background: #fff; }
h1 { font-size: 30pt; margin: 0 0 0.4em; }
h2 { font-size: 26pt; margin: 0 0 0.4em; }
h3 { font-size: 20pt; margin: 1em 0 0.3em; }
p { margin: 0 0 0.6em; }
p.lead { font-size: 22pt; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin-top: 0.5em; }
th, td { border: 2px solid #333; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { background: #e6e6e6; }
td.num { text-align: right; }
td.time { white-space: nowrap; font-weight: bold; }
td.free { color: #555; font-style: italic; }
section { margin-bottom: 2em; }
@media print {
  body { margin: 0; }
  section { margin: 0; break-inside: avoid-page; }
  section + section { break-before: page; page-break-before: always; }
  tr { break-inside: avoid; page-break-inside: avoid; }
}
"""


def html_page(plan: PlanFields, sheet: Handout) -> str:
    """The whole HTML document: the cover, then the managers' and the candidates' pages.

    Example
    -------
    >>> import wbamatch
    >>> plan = wbamatch.plan_meet_and_greet(*wbamatch.demo_data(), 3, 2, 3)
    >>> page = html_page(plan, Handout.make(plan, "en", "10:00", 20, 0, None, None))
    >>> page.startswith("<!DOCTYPE html>"), page.count("<section>") == 1 + len(
    ...     plan.by_package()) + len(plan.by_candidate())
    (True, True)
    """
    parts = [_cover(plan, sheet)]
    parts += [_manager_page(plan, sheet, pid, ms) for pid, ms in plan.by_package().items()]
    parts += [_candidate_page(sheet, cid, ms) for cid, ms in plan.by_candidate().items()]
    return page(sheet.lang, text("meetgreet.page.title", sheet.lang), _CSS, parts)


# ---------------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------------
def _h3(value: str) -> str:
    return f"<h3>{esc(value)}</h3>"


def _title(m: Meeting, lang: Lang) -> str:
    return m.title or text("meetgreet.package.untitled", lang, id=m.package_id)


# ---------------------------------------------------------------------------------------------
# The organiser's cover page
# ---------------------------------------------------------------------------------------------
def _cover(plan: PlanFields, sheet: Handout) -> str:
    lang = sheet.lang
    out = [f"<section><h1>{esc(text('meetgreet.cover.heading', lang))}</h1>"]
    if not plan.meetings:
        out.append(paragraph(text("meetgreet.cover.empty", lang), "lead"))
    else:
        summary = text(
            "meetgreet.cover.summary",
            lang,
            conversations=count("conversations", len(plan.meetings), lang),
            rounds=count("rounds", plan.rounds_used, lang),
            managers=count("managers", len(plan.by_package()), lang),
            candidates=count("candidates", len(plan.by_candidate()), lang),
        )
        out.append(paragraph(summary, "lead"))
        out += _cover_times(plan, sheet)
        out += _cover_grid(plan, sheet)
    out += _cover_without(plan, sheet)
    if plan.meetings:
        out.append(paragraph(text("meetgreet.cover.pages", lang)))
    out.append("</section>")
    return "".join(out)


def _cover_times(plan: PlanFields, sheet: Handout) -> list[str]:
    """When the event runs, the break, and the times of every round."""
    lang = sheet.lang
    first, last = sheet.span(1), sheet.span(plan.rounds_used)
    if first is None or last is None:
        return [paragraph(text("meetgreet.cover.no_times", lang))]
    duration = sheet.duration(sheet.round_minutes)
    out: list[str] = [
        paragraph(
            text(
                "meetgreet.cover.times",
                lang,
                start=Clock(first[0]),
                end=Clock(last[1]),
                duration=duration,
            )
        )
    ]
    if sheet.break_minutes and plan.rounds_used > 1:
        pause = sheet.duration(sheet.break_minutes)
        out.append(paragraph(text("meetgreet.cover.break", lang, duration=pause)))
    out.append(_h3(text("meetgreet.cover.rounds", lang)))
    out.append(
        print_table(
            [text("meetgreet.column.round", lang), text("meetgreet.column.time", lang)],
            [[(str(r), "num"), (sheet.when(r), "time")] for r in range(1, plan.rounds_used + 1)],
        )
    )
    return out


def _cover_grid(plan: PlanFields, sheet: Handout) -> list[str]:
    """Who sits at which table when: near misses marked ``*``, never with the rule."""
    lang = sheet.lang
    rounds = range(1, plan.rounds_used + 1)
    grid: list[list[Cell]] = []
    for pid, meetings in plan.by_package().items():
        at = {m.round: sheet.name(m.candidate_id) + (" *" if m.near_miss else "") for m in meetings}
        grid.append(
            [
                (sheet.tables[pid], ""),
                (pid, ""),
                (_title(meetings[0], lang), ""),
                *((at.get(r, "–"), "" if r in at else "free") for r in rounds),
            ]
        )
    head = [
        text("meetgreet.column.table", lang),
        text("meetgreet.column.package", lang),
        text("meetgreet.column.job", lang),
        *(text("meetgreet.round", lang, round=r) for r in rounds),
    ]
    out = [_h3(text("meetgreet.cover.grid", lang)), print_table(head, grid)]
    if any(m.near_miss for m in plan.meetings):
        out.append(paragraph(text("meetgreet.cover.mark", lang)))
    return out


def _cover_without(plan: PlanFields, sheet: Handout) -> list[str]:
    """Who has no conversation, candidates (by name where given) and packages."""
    lang = sheet.lang
    out = [_h3(text("meetgreet.cover.without", lang))]
    lonely = [sheet.name(cid) for cid in plan.candidates_without_meeting]
    if lonely:
        out.append(
            paragraph(text("meetgreet.cover.without.candidates", lang, ids=", ".join(lonely)))
        )
    if plan.packages_without_meeting:
        ids = ", ".join(plan.packages_without_meeting)
        out.append(paragraph(text("meetgreet.cover.without.packages", lang, ids=ids)))
    if not lonely and not plan.packages_without_meeting:
        out.append(paragraph(text("meetgreet.cover.everyone", lang)))
    return out


# ---------------------------------------------------------------------------------------------
# A manager's and a candidate's page
# ---------------------------------------------------------------------------------------------
def _manager_page(
    plan: PlanFields, sheet: Handout, package_id: str, meetings: list[Meeting]
) -> str:
    lang = sheet.lang
    first = meetings[0]
    timed = sheet.start is not None
    flagged = any(m.near_miss for m in meetings)
    out = [
        f"<section><h2>{esc(text('meetgreet.manager.heading', lang, title=_title(first, lang)))}"
        "</h2>",
        paragraph(text("meetgreet.manager.table", lang, table=sheet.tables[package_id]), "lead"),
    ]
    if first.employer:
        out.append(paragraph(text("meetgreet.manager.employer", lang, employer=first.employer)))
    out.append(paragraph(text("meetgreet.manager.package", lang, id=package_id)))
    intro = text(
        "meetgreet.manager.intro",
        lang,
        conversations=count("conversations", len(meetings), lang),
    )
    if timed:
        intro += " " + text(
            "meetgreet.duration", lang, duration=sheet.duration(sheet.round_minutes)
        )
    out.append(paragraph(intro))
    head = [text("meetgreet.column.round", lang)]
    head += [text("meetgreet.column.time", lang)] if timed else []
    head += [text("meetgreet.column.candidate", lang)]
    head += [text("meetgreet.column.note", lang)] if flagged else []
    out.append(print_table(head, _manager_rows(plan, sheet, meetings, flagged)))
    out.append("</section>")
    return "".join(out)


def _manager_rows(
    plan: PlanFields, sheet: Handout, meetings: list[Meeting], flagged: bool
) -> list[list[Cell]]:
    """One row per round of the event, free rounds included."""
    lang = sheet.lang
    timed = sheet.start is not None
    at = {m.round: m for m in meetings}
    rows: list[list[Cell]] = []
    for r in range(1, plan.rounds_used + 1):
        row: list[Cell] = [(str(r), "num")]
        row += [(sheet.when(r), "time")] if timed else []
        m = at.get(r)
        if m is None:
            row.append((text("meetgreet.manager.free", lang), "free"))
            row += [("", "")] if flagged else []
        else:
            row.append((sheet.name(m.candidate_id), ""))
            # Which condition is never said: it can disclose a need. The recruiter explains.
            row += [(text("meetgreet.not_met", lang) if m.near_miss else "", "")] if flagged else []
        rows.append(row)
    return rows


def _candidate_page(sheet: Handout, candidate_id: str, meetings: list[Meeting]) -> str:
    # A candidate's page shows neither scores nor whether a condition is not met.
    lang, name = sheet.lang, sheet.name(candidate_id)
    timed = sheet.start is not None
    out = [
        f"<section><h2>{esc(text('meetgreet.candidate.heading', lang, name=name))}</h2>",
        paragraph(
            text(
                "meetgreet.candidate.intro",
                lang,
                conversations=count("conversations", len(meetings), lang),
            ),
            "lead",
        ),
    ]
    if timed:
        out.append(
            paragraph(
                text("meetgreet.duration", lang, duration=sheet.duration(sheet.round_minutes))
            )
        )
    head = [text("meetgreet.column.round", lang)]
    head += [text("meetgreet.column.time", lang)] if timed else []
    head += [
        text("meetgreet.column.table", lang),
        text("meetgreet.column.job", lang),
        text("meetgreet.column.employer", lang),
    ]
    rows: list[list[Cell]] = []
    for m in meetings:
        row: list[Cell] = [(str(m.round), "num")]
        row += [(sheet.when(m.round), "time")] if timed else []
        row += [(sheet.tables[m.package_id], ""), (_title(m, lang), ""), (m.employer, "")]
        rows.append(row)
    out.append(print_table(head, rows))
    out.append(paragraph(text("meetgreet.candidate.closing", lang)))
    out.append("</section>")
    return "".join(out)
