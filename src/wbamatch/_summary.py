"""A one-page summary of a match for a department head: placements, banen, who has no place yet.

:func:`department_summary` counts what a head of department asks about a round of placements:

- how many candidates were placed and how many **banen** that makes (hours a week / 25.5, for
  registered candidates with a counting contract), per **organisation** (the ministry or
  employer group of each placement, :attr:`Assignment.organisation`) and per **track**;
- **who has no place yet**, and the **main reasons** in words: for each candidate without a
  place the reason that ruled out most packages, counted over the candidates. The reasons are
  counted, never listed per person: a reason can tell something about someone's health, and
  the summary is read by people who are not the recruiter (the recruiter's workbook,
  :func:`wbamatch.io.write_results`, has them per person);
- the **open places**: packages with places left, and how many candidates would have fitted.

:meth:`DepartmentSummary.to_html` writes it as one HTML page that prints on one A4 sheet (print
CSS; long lists are cut short with a line saying how many more there are, the workbook has them
all); :func:`wbamatch.io.write_results` puts the same summary, uncut, on a sheet of the results
workbook. Texts are Dutch by default (``lang="en"`` for English), numbers as each language
writes them.

Example
-------
>>> import wbamatch
>>> cands, packs = wbamatch.demo_data()
>>> summary = department_summary(wbamatch.match(cands, packs), packs)
>>> summary.placed + summary.not_placed == summary.candidates
True
>>> summary.organisations[0].name
'Ministerie van IenW'
"""

from __future__ import annotations

import html
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from ._catalogue import Lang, Number, catalogue, text
from ._exceptions import InputError
from ._files import write_atomic
from ._models import TaskPackage
from ._results import Assignment, MatchResult, UnassignedCandidate, reason_words
from ._vocabulary import HOURS_PER_JOB, Track

__all__ = [
    "DepartmentSummary",
    "Line",
    "OpenPlace",
    "ReasonLine",
    "department_summary",
]

#: Rows of each list on the printed page before "and n more" (the workbook sheet has them all).
PAGE_ROWS: Final[Mapping[str, int]] = {
    "organisations": 8,
    "reasons": 6,
    "people": 36,
    "people_named": 14,
    "open_places": 8,
}


@dataclass(frozen=True)
class Line:
    """One row of a breakdown (an organisation or a track): placements, banen, open places."""

    name: str
    placements: int
    banen: float
    open: int


@dataclass(frozen=True)
class ReasonLine:
    """A reason in words and the number of candidates for whom it is the main reason."""

    reason: str
    candidates: int


@dataclass(frozen=True)
class OpenPlace:
    """A package with places left."""

    package_id: str
    title: str
    organisation: str
    open: int
    fitting: int


@dataclass(frozen=True)
class PackageFacts:
    """What a summary or a workbook shows of a package next to its id."""

    title: str = ""
    employer: str = ""
    organisation: str = ""
    track: str = ""
    slots: int | None = None


@dataclass(frozen=True)
class SheetRows:
    """A summary laid out as rows of a sheet: rows, number formats per cell (1-based row and
    column), and the rows that are headings (the first is the title)."""

    rows: list[list[Any]]
    formats: dict[tuple[int, int], str]
    headings: frozenset[int]


@dataclass(frozen=True)
class DepartmentSummary:
    """What a department head reads about a match; built by :func:`department_summary`.

    ``organisations`` and ``tracks`` are :class:`Line` s (banen first, most first);
    ``reasons`` counts the main reason of each candidate without a place; ``people`` lists
    those candidates as ``(id, name)`` (the name only when a ``names`` mapping gave one);
    ``open_places`` the packages with places left.
    """

    lang: Lang
    candidates: int
    placed: int
    not_placed: int
    counting: int
    banen: float
    slots: int
    open: int
    organisations: tuple[Line, ...]
    tracks: tuple[Line, ...]
    reasons: tuple[ReasonLine, ...]
    people: tuple[tuple[str, str], ...]
    open_places: tuple[OpenPlace, ...]
    status: str
    computed: datetime | None = None
    total_score: float = 0.0
    feasible_pairs: int = 0
    solver: str = ""

    def _t(self, key: str, **values: Any) -> str:
        return text(key, self.lang, **values)

    def _n(self, value: float, digits: int = 2) -> str:
        """A number with exactly ``digits`` decimals, as the language writes it: ``2,20``."""
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if self.lang == "nl" else text

    def _date(self) -> str:
        if self.computed is None:
            return ""
        when = self.computed
        month = self._t(f"summary.month.{when.month}")
        return self._t("summary.date", day=str(when.day), month=month, year=str(when.year))

    def html(self) -> str:
        """The summary as one HTML page (UTF-8, no scripts, print CSS for one A4 page)."""
        t, n = self._t, self._n
        figures = [
            (
                t("summary.figure.placed"),
                str(self.placed),
                t("summary.figure.placed_of", placed=self.placed, candidates=self.candidates),
            ),
            (
                t("summary.figure.banen"),
                n(self.banen),
                t("summary.figure.banen_note", counting=self.counting),
            ),
            (
                t("summary.figure.not_placed"),
                str(self.not_placed),
                t("summary.figure.not_placed_note"),
            ),
            (
                t("summary.figure.open"),
                str(self.open),
                t("summary.figure.open_of", open=self.open, slots=self.slots),
            ),
        ]
        boxes = "".join(
            f'<div class="figure"><span>{_e(label)}</span><b>{_e(value)}</b>'
            f"<small>{_e(note)}</small></div>"
            for label, value, note in figures
        )
        organisations = self._lines_table(
            self.organisations, "summary.col.organisation", PAGE_ROWS["organisations"]
        )
        tracks = self._lines_table(self.tracks, "summary.col.track", len(self.tracks))
        reasons = _table(
            [t("summary.col.reason"), t("summary.col.people")],
            [[r.reason, str(r.candidates)] for r in self.reasons],
            numeric={1},
            limit=PAGE_ROWS["reasons"],
            more=lambda k: t("summary.more", n=k),
            empty=t("summary.none.people"),
        )
        named = any(name for _, name in self.people)
        people = _people(
            [f"{name} ({cid})" if name else cid for cid, name in self.people],
            PAGE_ROWS["people_named" if named else "people"],
            lambda k: t("summary.more", n=k),
            t("summary.none.people"),
            columns=2 if named else 3,
        )
        open_places = _table(
            [
                t("summary.col.package"),
                t("summary.col.title"),
                t("summary.col.organisation"),
                t("summary.col.open"),
                t("summary.col.fitting"),
            ],
            [
                [o.package_id, o.title, o.organisation, str(o.open), str(o.fitting)]
                for o in self.open_places
            ],
            numeric={3, 4},
            limit=PAGE_ROWS["open_places"],
            more=lambda k: t("summary.more", n=k),
            empty=t("summary.none.open"),
        )
        notes = [t("summary.note.banen", hours=Number(HOURS_PER_JOB, 1))]
        notes.append(t("summary.note.names" if named else "summary.note.pseudonyms"))
        meta = t("summary.computed", date=self._date()) if self.computed else ""
        sections = [
            ("summary.by_organisation", organisations),
            ("summary.by_track", tracks),
            ("summary.reasons", reasons),
            ("summary.people", people),
        ]
        grid = "".join(f"<section><h2>{_e(t(key))}</h2>{body}</section>" for key, body in sections)
        return (
            f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{_e(t('summary.title'))}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f"<h1>{_e(t('summary.title'))}</h1>\n"
            + (f'<p class="meta">{_e(meta)}</p>\n' if meta else "")
            + f'<div class="figures">{boxes}</div>\n<div class="grid">{grid}</div>\n'
            f"<section><h2>{_e(t('summary.open_places'))}</h2>{open_places}</section>\n"
            f"<footer>{''.join(f'<p>{_e(note)}</p>' for note in notes)}</footer>\n"
            "</body>\n</html>\n"
        )

    def _lines_table(self, lines: Sequence[Line], first: str, limit: int) -> str:
        t, n = self._t, self._n
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

    def to_html(self, path: str | os.PathLike[str], overwrite: bool = True) -> Path:
        """Write :meth:`html` to ``path`` (atomically; the file is readable by its owner only).

        Raises
        ------
        OSError
            ``FileExistsError`` when the file exists and ``overwrite`` is false, or whatever
            the file system reports.
        """
        return write_atomic(Path(path), self.html(), overwrite=overwrite)

    def sheet(self) -> SheetRows:
        """The summary as rows of a sheet, every list in full (the results workbook's sheet)."""
        t = self._t
        rows: list[list[Any]] = []
        formats: dict[tuple[int, int], str] = {}
        headings: set[int] = set()

        def heading(key: str) -> None:
            if rows:
                rows.append([])
            rows.append([t(key)])
            headings.add(len(rows))

        def table(
            header: list[str] | None, body: Iterable[list[Any]], fmt: Mapping[int, str]
        ) -> None:
            if header is not None:
                rows.append(header)
                headings.add(len(rows))
            for row in body:
                rows.append(row)
                for column, code in fmt.items():
                    if isinstance(row[column], int | float):
                        formats[(len(rows), column + 1)] = code

        rows.append([t("summary.title")])
        headings.add(1)
        if self.computed is not None:
            rows.append([t("summary.computed", date=self._date())])
        heading("summary.figures")
        table(
            None,
            [
                [t("summary.figure.candidates"), self.candidates],
                [t("summary.figure.placed"), self.placed],
                [t("summary.figure.not_placed"), self.not_placed],
                [t("summary.figure.banen"), round(self.banen, 2)],
                [t("summary.figure.slots"), self.slots],
                [t("summary.figure.open"), self.open],
            ],
            {1: "0"},
        )
        formats[(len(rows) - 2, 2)] = "0.00"  # banen
        lines_header = [
            "",
            t("summary.col.placements"),
            t("summary.col.banen"),
            t("summary.col.open"),
        ]
        for key, first, lines in (
            ("summary.by_organisation", "summary.col.organisation", self.organisations),
            ("summary.by_track", "summary.col.track", self.tracks),
        ):
            heading(key)
            table(
                [t(first), *lines_header[1:]],
                [[x.name, x.placements, round(x.banen, 2), x.open] for x in lines],
                {1: "0", 2: "0.00", 3: "0"},
            )
        heading("summary.reasons")
        table(
            [t("summary.col.reason"), t("summary.col.people")],
            [[r.reason, r.candidates] for r in self.reasons],
            {1: "0"},
        )
        heading("summary.people")
        named = any(name for _, name in self.people)
        table(
            [t("summary.col.candidate"), *([t("summary.col.name")] if named else [])],
            [[cid, *([name] if named else [])] for cid, name in self.people],
            {},
        )
        heading("summary.open_places")
        table(
            [
                t("summary.col.package"),
                t("summary.col.title"),
                t("summary.col.organisation"),
                t("summary.col.open"),
                t("summary.col.fitting"),
            ],
            [[o.package_id, o.title, o.organisation, o.open, o.fitting] for o in self.open_places],
            {3: "0", 4: "0"},
        )
        heading("summary.technical")
        table(
            None,
            [
                [t("summary.technical.status"), self.status],
                [t("summary.technical.pairs"), self.feasible_pairs],
            ],
            {},
        )
        rows.append([])
        rows.append([t("summary.note.banen", hours=Number(HOURS_PER_JOB, 1))])
        return SheetRows(rows, formats, frozenset(headings))


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


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _people(items: Sequence[str], limit: int, more: Any, empty: str, columns: int) -> str:
    """Who has no place yet, as a list in columns (ids are short; a table would take a page)."""
    if not items:
        return f'<p class="empty">{_e(empty)}</p>'
    shown = items if len(items) <= limit else items[: limit - 1]
    rest = (
        f'<p class="more">{_e(more(len(items) - len(shown)))}</p>'
        if len(shown) < len(items)
        else ""
    )
    entries = "".join(f"<li>{_e(i)}</li>" for i in shown)
    return f'<ul class="people" style="columns:{columns}">{entries}</ul>{rest}'


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric: set[int] | None = None,
    limit: int | None = None,
    more: Any = None,
    total: Sequence[str] | None = None,
    empty: str = "",
) -> str:
    if not rows:
        return f'<p class="empty">{_e(empty)}</p>'
    right = numeric or set()

    def cells(row: Sequence[str], tag: str) -> str:
        return "".join(
            f"<{tag}{' class=n' if k in right else ''}>{_e(v)}</{tag}>" for k, v in enumerate(row)
        )

    shown = rows if limit is None or len(rows) <= limit else rows[: max(limit - 1, 1)]
    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in shown)
    if len(shown) < len(rows) and more is not None:
        body += (
            f'<tr><td class="more" colspan="{len(header)}">{_e(more(len(rows) - len(shown)))}'
            "</td></tr>"
        )
    foot = f"<tfoot><tr>{cells(total, 'td')}</tr></tfoot>" if total else ""
    return (
        f"<table><thead><tr>{cells(header, 'th')}</tr></thead><tbody>{body}</tbody>{foot}</table>"
    )


def track_words(track: str, lang: Lang) -> str:
    """A track (spoor) in words; a value the catalogue does not know as it is."""
    key = f"io.choice.Track.{track}"
    return text(key, lang) if key in catalogue(lang) else track


def package_facts(
    result: MatchResult, packages: Iterable[TaskPackage | Mapping[str, Any]] | None = None
) -> dict[str, PackageFacts]:
    """Title, employer, organisation, track and places of every package a result names: from
    ``packages`` where given, else from the result's placements."""
    facts: dict[str, PackageFacts] = {}
    for p in _packages(packages):
        facts[p.id] = PackageFacts(
            title=p.title,
            employer=p.employer,
            organisation=p.organisation or p.employer,
            track=p.track.value,
            slots=p.slots,
        )
    for a in result.assignments:
        if a.package_id not in facts:
            facts[a.package_id] = PackageFacts(
                title=a.title,
                employer=a.employer,
                organisation=a.organisation or a.employer,
                track=a.track,
            )
    for o in result.open_slots:
        facts.setdefault(o.package_id, PackageFacts())
    return facts


def _packages(packages: Iterable[TaskPackage | Mapping[str, Any]] | None) -> list[TaskPackage]:
    if packages is None:
        return []
    if isinstance(packages, str | bytes | Mapping) or not isinstance(packages, Iterable):
        raise InputError(
            f"packages must be a list of TaskPackage or dicts, got {type(packages).__name__}"
        )
    out: list[TaskPackage] = []
    for p in packages:
        if isinstance(p, TaskPackage):
            out.append(p)
        elif isinstance(p, Mapping):
            out.append(TaskPackage.model_validate(p))
        else:
            raise InputError(
                f"packages: each must be a TaskPackage or a dict, got {type(p).__name__}"
            )
    return out


def check_names(names: Mapping[str, str] | None) -> Mapping[str, str]:
    """A ``names`` mapping (candidate id -> display name), checked; empty when None.

    The names are never checked against anything else, nor shown in a message.
    """
    if names is None:
        return {}
    if not isinstance(names, Mapping):
        raise InputError(
            f"names must be a mapping of candidate id to display name, got {type(names).__name__}"
        )
    for key, value in names.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise InputError("names: every candidate id and every name must be text")
    return names


def main_reason(u: UnassignedCandidate, lang: Lang) -> str:
    """The reason that ruled out most packages for a candidate without a place, in words."""
    if not u.reasons:
        return text("io.note.no_packages", lang)
    return reason_words(u.reasons[0].code, lang)


def department_summary(
    result: MatchResult,
    packages: Iterable[TaskPackage | Mapping[str, Any]] | None = None,
    *,
    lang: str | None = None,
    names: Mapping[str, str] | None = None,
) -> DepartmentSummary:
    """Count a match for a department head: placements, banen, who has no place yet, open places.

    Parameters
    ----------
    result
        The match.
    packages
        The packages matched (optional): the organisation, title and track of packages without
        a placement, so open places count for their organisation. Without them an open place
        takes those of a placement in the same package, else "not known".
    lang
        ``"nl"`` or ``"en"``; default ``result.config.lang``, else ``WBAMATCH_LANG``, else Dutch.
    names
        Candidate id -> display name, for a printed summary; the result stays pseudonymous.

    Raises
    ------
    InputError
        ``packages`` or ``names`` of the wrong shape.

    Example
    -------
    >>> import wbamatch
    >>> cands, packs = wbamatch.demo_data()
    >>> s = department_summary(wbamatch.match(cands, packs), packs, lang="nl")
    >>> s.tracks[0].name, s.banen == round(s.banen, 10)
    ('individuele plaatsing', True)
    """
    chosen = result.config.text_lang(lang)
    shown = check_names(names)
    facts = package_facts(result, packages)
    unknown_org = text("summary.unknown_organisation", chosen)
    unknown_track = text("summary.unknown_track", chosen)

    def organisation(a: Assignment | None, package_id: str) -> str:
        if a is not None:
            return a.organisation or a.employer or unknown_org
        return facts[package_id].organisation or unknown_org

    org: dict[str, list[float]] = {}  # name -> [placements, banen, open]
    tracks: dict[str, list[float]] = {}
    for a in result.assignments:
        for table, key in ((org, organisation(a, a.package_id)), (tracks, a.track)):
            row = table.setdefault(key, [0, 0.0, 0])
            row[0] += 1
            row[1] += a.banen
    for o in result.open_slots:
        fact = facts[o.package_id]
        for table, key in ((org, organisation(None, o.package_id)), (tracks, fact.track)):
            table.setdefault(key, [0, 0.0, 0])[2] += o.open

    def lines(table: dict[str, list[float]], order: Any) -> tuple[Line, ...]:
        return tuple(
            Line(name, int(v[0]), round(v[1], 10), int(v[2]))
            for name, v in sorted(table.items(), key=order)
        )

    organisations = lines(org, lambda kv: (-kv[1][1], -kv[1][0], -kv[1][2], kv[0]))
    rank = {t.value: k for k, t in enumerate(Track)}
    by_track = tuple(
        Line(
            track_words(x.name, chosen) if x.name else unknown_track, x.placements, x.banen, x.open
        )
        for x in lines(tracks, lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
    )
    tally = Counter(main_reason(u, chosen) for u in result.unassigned)
    reasons = tuple(
        ReasonLine(words, count)
        for words, count in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    people = tuple(
        (u.candidate_id, shown.get(u.candidate_id, ""))
        for u in sorted(result.unassigned, key=lambda u: u.candidate_id)
    )
    open_places = tuple(
        OpenPlace(
            o.package_id,
            facts[o.package_id].title,
            organisation(None, o.package_id),
            o.open,
            o.feasible_candidates,
        )
        for o in sorted(result.open_slots, key=lambda o: (-o.open, o.package_id))
    )
    status_key = f"summary.status.{result.status.value}"
    status = text(status_key, chosen) if status_key in catalogue(chosen) else result.status.value
    return DepartmentSummary(
        lang=chosen,
        candidates=result.n_candidates,
        placed=len(result.assignments),
        not_placed=len(result.unassigned),
        counting=sum(1 for a in result.assignments if a.counts),
        banen=round(result.banen, 10),
        slots=result.n_slots,
        open=sum(o.open for o in result.open_slots),
        organisations=organisations,
        tracks=by_track,
        reasons=reasons,
        people=people,
        open_places=open_places,
        status=status,
        computed=result.audit.timestamp if result.audit is not None else None,
        total_score=result.total_score,
        feasible_pairs=result.n_feasible_pairs,
        solver=result.solver,
    )
