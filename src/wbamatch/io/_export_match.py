"""A match result exported: its CSV table for software, its workbook for people.

The workbook, in the chosen language: a sheet of candidates (placed where, or why not), one of
the candidates not placed with each blocking reason, one of open places, the department summary
and, when asked, one sheet per package for its manager (:mod:`._export_managers`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._catalogue import Lang, text as _text
from .._results import MatchResult
from ._cells import _letter
from ._export_managers import _manager_sheets, _notes
from ._sheets import _BANEN, _HOURS, _PERCENT, _WHOLE, _Sheet, _sheet_title


def _reason_text(code: str, packages: int, lang: Lang) -> str:
    from .._results import reason_words

    key = "io.note.reason_one" if packages == 1 else "io.note.reason_many"
    return _text(key, lang, reason=reason_words(code, lang), n=packages)


def _why_not(u: Any, lang: Lang) -> str:
    return "; ".join(_reason_text(r.code, r.packages, lang) for r in u.reasons) or _text(
        "io.note.no_packages", lang
    )


def _result_csv(result: MatchResult, lang: Lang, names: Mapping[str, str]) -> _Sheet:
    """The CSV table: :meth:`MatchResult.to_records` in ``lang``, its numbers rounded (and the
    name last, when ``names`` are given)."""
    from .._results import MATCH_COLUMNS

    config = result.config.model_copy(update={"lang": lang})
    records = result.model_copy(update={"config": config}).to_records()
    header = [*MATCH_COLUMNS, *(["name"] if names else [])]
    digits = {"score": 3, "hours": 2, "banen": 2}
    rows: list[list[Any]] = []
    for record in records:
        row = [
            round(v, digits[k]) if k in digits and isinstance(v, float) else v
            for k, v in ((k, record.get(k)) for k in MATCH_COLUMNS)
        ]
        if names:
            row.append(names.get(str(record["candidate_id"])))
        rows.append(row)
    return _Sheet("candidates", header, rows)


def _result_sheets(
    result: MatchResult,
    lang: Lang,
    packages: Iterable[Any] | None,
    names: Mapping[str, str],
    per_manager: bool,
) -> list[_Sheet]:
    """The workbook of a match result for people, in ``lang`` (see :func:`write_results`)."""
    from .._summary import package_facts

    facts = package_facts(result, packages)
    used: set[str] = set()  # sheet titles so far, each unique
    sheets = [
        _candidates_sheet(result, lang, names, used),
        _unassigned_sheet(result, lang, names, used),
        _open_sheet(result, lang, facts, used),
        _summary_sheet(result, lang, packages, names, used),
    ]
    if per_manager:
        sheets += _manager_sheets(result, lang, facts, names, used)
    return sheets


def _person(cid: str, names: Mapping[str, str]) -> list[Any]:
    """The cells that name a candidate: the id, and the name when ``names`` are given."""
    return [cid, *([names.get(cid)] if names else [])]


def _who(lang: Lang, names: Mapping[str, str]) -> list[str]:
    """The headings of :func:`_person`'s cells."""
    return [
        _text("io.results.candidate", lang),
        *([_text("io.results.name", lang)] if names else []),
    ]


def _candidates_sheet(
    result: MatchResult, lang: Lang, names: Mapping[str, str], used: set[str]
) -> _Sheet:
    """One row per candidate: where placed, with score, hours and notes, or why not."""
    from .._summary import track_words

    def t(key: str) -> str:
        return _text(key, lang)

    who = _who(lang, names)
    yes, no = t("io.yes"), t("io.no")
    shift = len(who) - 1
    rows: list[list[Any]] = [
        [
            *_person(a.candidate_id, names),
            t("io.status.placed"),
            a.package_id,
            a.title,
            a.employer,
            a.organisation,
            track_words(a.track, lang),
            round(a.score, 3),
            round(a.hours, 2),
            yes if a.counts else no,
            round(a.banen, 2),
            _notes(a, lang),
        ]
        for a in result.assignments
    ]
    rows += [
        [
            *_person(u.candidate_id, names),
            t("io.status.unassigned"),
            *([None] * 9),
            _why_not(u, lang),
        ]
        for u in result.unassigned
    ]
    rows.sort(key=lambda r: str(r[0]))
    header = [
        *who,
        *(
            t(f"io.results.{k}")
            for k in (
                "status",
                "package",
                "title",
                "employer",
                "organisation",
                "track",
                "score",
                "hours",
                "counts",
                "banen",
                "notes",
            )
        ),
    ]
    return _Sheet(
        _sheet_title(t("io.results.sheet.candidates"), used),
        header,
        rows,
        formats={7 + shift: _PERCENT, 8 + shift: _HOURS, 10 + shift: _BANEN},
        wrap=frozenset({3 + shift, 11 + shift}),
        widths={3 + shift: 24, 11 + shift: 50},
        freeze=f"{_letter(1 + shift)}2",
        filtered=True,
        printed="landscape",
    )


def _unassigned_sheet(
    result: MatchResult, lang: Lang, names: Mapping[str, str], used: set[str]
) -> _Sheet:
    """Each candidate not placed, with each blocking reason and the packages it ruled out."""
    from .._results import reason_words

    def t(key: str) -> str:
        return _text(key, lang)

    shift = len(_who(lang, names)) - 1
    reasons: list[list[Any]] = []
    for u in sorted(result.unassigned, key=lambda u: u.candidate_id):
        person = _person(u.candidate_id, names)
        reasons += [
            [*person, u.feasible_packages, reason_words(r.code, lang), r.packages]
            for r in u.reasons
        ] or [[*person, u.feasible_packages, t("io.note.no_packages"), None]]
    return _Sheet(
        _sheet_title(t("io.results.sheet.unassigned"), used),
        [
            *_who(lang, names),
            t("io.results.feasible"),
            t("io.results.reason"),
            t("io.results.ruled_out"),
        ],
        reasons,
        formats={1 + shift: _WHOLE, 3 + shift: _WHOLE},
        wrap=frozenset({2 + shift}),
        widths={2 + shift: 60},
        filtered=True,
        printed="landscape",
    )


def _open_sheet(
    result: MatchResult, lang: Lang, facts: Mapping[str, Any], used: set[str]
) -> _Sheet:
    """The packages with open places, and how many candidates would fit there."""
    open_rows = [
        [
            o.package_id,
            facts[o.package_id].title,
            facts[o.package_id].employer,
            facts[o.package_id].organisation,
            o.open,
            o.feasible_candidates,
        ]
        for o in sorted(result.open_slots, key=lambda o: o.package_id)
    ]
    return _Sheet(
        _sheet_title(_text("io.results.sheet.open", lang), used),
        [
            _text(f"io.results.{k}", lang)
            for k in ("package", "title", "employer", "organisation", "open", "fitting")
        ],
        open_rows,
        formats={4: _WHOLE, 5: _WHOLE},
        filtered=True,
        printed="landscape",
    )


def _summary_sheet(
    result: MatchResult,
    lang: Lang,
    packages: Iterable[Any] | None,
    names: Mapping[str, str],
    used: set[str],
) -> _Sheet:
    """The department summary, on one printed page."""
    from .._summary import department_summary

    summary = department_summary(result, packages, lang=lang, names=names).sheet()
    return _Sheet(
        _sheet_title(_text("summary.sheet", lang), used),
        (),
        summary.rows,
        cell_formats=summary.formats,
        bold=summary.headings,
        widths={0: 44, 1: 16, 2: 24, 3: 14, 4: 20},
        freeze="",
        printed="portrait",
        one_page=True,
    )
