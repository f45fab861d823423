"""The results workbook: Dutch by default, formatted numbers, printable, a sheet per manager."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import wbamatch
from dutch import assert_dutch
from wbamatch._results import MATCH_COLUMNS
from wbamatch.io import write_results

SHEETS_NL = ["Kandidaten", "Niet geplaatst", "Open plekken", "Samenvatting"]
SHEETS_EN = ["Candidates", "Not placed", "Open places", "Summary"]


@pytest.fixture(scope="module")
def demo() -> tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]]:
    cands, packs = wbamatch.demo_data()
    return wbamatch.match(cands, packs), list(packs)


def _book(path: Path) -> Any:
    return openpyxl.load_workbook(path)


def _table(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_sheets_and_headers_are_dutch_by_default_english_on_request(
    tmp_path: Path,
    demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WBAMATCH_LANG", raising=False)
    result, packs = demo
    book = _book(write_results(result, tmp_path / "nl.xlsx", packages=packs))
    assert book.sheetnames == SHEETS_NL
    header = _table(book["Kandidaten"])[0]
    assert header == [
        "Kandidaat",
        "Status",
        "Pakket",
        "Functie",
        "Werkgever",
        "Organisatie",
        "Spoor",
        "Score",
        "Uren per week",
        "Telt mee",
        "Banen",
        "Toelichting",
    ]
    book = _book(write_results(result, tmp_path / "en.xlsx", lang="en"))
    assert book.sheetnames == SHEETS_EN
    assert _table(book["Candidates"])[0][:4] == ["Candidate", "Status", "Package", "Job title"]
    # The config's language is the default when lang is not given.
    config = result.config.model_copy(update={"lang": "en"})
    english = result.model_copy(update={"config": config})
    assert _book(write_results(english, tmp_path / "cfg.xlsx")).sheetnames == SHEETS_EN


def test_numbers_are_rounded_and_formatted(
    tmp_path: Path, demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]]
) -> None:
    result, packs = demo
    book = _book(write_results(result, tmp_path / "r.xlsx", packages=packs))
    ws = book["Kandidaten"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) for name in header}
    placed = [row for row in ws.iter_rows(min_row=2) if row[col["Score"]].value is not None]
    assert len(placed) == len(result.assignments)
    for row in placed:
        assert row[col["Score"]].number_format == "0%"
        assert row[col["Uren per week"]].number_format == "0.0"
        assert row[col["Banen"]].number_format == "0.00"
    by_id = {a.candidate_id: a for a in result.assignments}
    for row in placed:
        a = by_id[row[0].value]
        assert row[col["Score"]].value == round(a.score, 3)
        assert row[col["Banen"]].value == round(a.banen, 2)
        assert row[col["Functie"]].value == a.title and row[col["Werkgever"]].value == a.employer
    # No 15-digit floats anywhere in the workbook.
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, float):
                    assert len(repr(cell.value).split(".")[-1]) <= 3, (sheet.title, cell.value)


def test_tables_have_frozen_headers_filters_and_print_settings(
    tmp_path: Path, demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]]
) -> None:
    result, packs = demo
    book = _book(write_results(result, tmp_path / "r.xlsx", packages=packs, per_manager=True))
    for title in [*SHEETS_NL[:3], *book.sheetnames[4:]]:
        ws = book[title]
        header_row = int(ws.freeze_panes[1:]) - 1
        assert header_row >= 1, title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith(f"A{header_row}:"), title
        assert ws.print_title_rows == f"${header_row}:${header_row}", title
        assert ws.page_setup.orientation == "landscape", title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, title
        widths = [ws.column_dimensions[c].width for c in "ABC"]
        assert all(w and w >= 8 for w in widths), title
    assert book["Kandidaten"].freeze_panes == "B2"  # the id stays in view
    summary = book["Samenvatting"]
    assert summary.page_setup.orientation == "portrait"
    assert summary.page_setup.fitToWidth == 1 and summary.page_setup.fitToHeight == 1


def test_reasons_are_words_and_the_dutch_reads_as_dutch(
    tmp_path: Path, demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]]
) -> None:
    result, packs = demo
    book = _book(write_results(result, tmp_path / "r.xlsx", packages=packs, per_manager=True))
    codes = {r.code for u in result.unassigned for r in u.reasons}
    ids = {a.candidate_id for a in result.assignments} | {p.id for p in packs}
    ids |= {u.candidate_id for u in result.unassigned}
    texts = [
        c.value
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value not in ids
    ]
    assert codes and not codes & set(texts)
    reasons = _table(book["Niet geplaatst"])
    assert reasons[0] == ["Kandidaat", "Pakketten die passen", "Reden", "Pakketten uitgesloten"]
    assert "reistijd te lang" in {row[2] for row in reasons[1:]}
    for text in texts:
        assert_dutch(text, allow=["social", "return"])  # "social return", a Dutch term


def test_one_sheet_per_manager_shows_only_their_package(
    tmp_path: Path, demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]]
) -> None:
    result, packs = demo
    plain = _book(write_results(result, tmp_path / "plain.xlsx", packages=packs))
    assert plain.sheetnames == SHEETS_NL
    book = _book(write_results(result, tmp_path / "m.xlsx", packages=packs, per_manager=True))
    managers = book.sheetnames[4:]
    assert len(managers) == len(packs) and len(set(managers)) == len(managers)
    assert all(len(title) <= 31 for title in managers)
    for package, title in zip(sorted(packs, key=lambda p: p.id), managers, strict=True):
        assert title.startswith(package.id)
        rows = _table(book[title])
        assert rows[0][:2] == ["Pakket", package.id] and rows[1][:2] == ["Functie", package.title]
        head = next(k for k, row in enumerate(rows) if row[0] == "Kandidaat")
        shown = [row[0] for row in rows[head + 1 :]]
        expected = sorted(a.candidate_id for a in result.assignments if a.package_id == package.id)
        assert shown == expected
        if not expected:
            assert ["Nog niemand voorgesteld voor dit pakket."] in [r[:1] for r in rows]


def test_names_are_shown_next_to_ids_for_print(
    tmp_path: Path, demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]]
) -> None:
    result, packs = demo
    first = result.assignments[0]
    names = {first.candidate_id: "Anna de Vries", result.unassigned[0].candidate_id: "Bo Jansen"}
    book = _book(
        write_results(result, tmp_path / "r.xlsx", packages=packs, names=names, per_manager=True)
    )
    rows = _table(book["Kandidaten"])
    assert rows[0][:2] == ["Kandidaat", "Naam"]
    named = {row[0]: row[1] for row in rows[1:]}
    assert named[first.candidate_id] == "Anna de Vries"
    assert sum(1 for v in named.values() if v) == 2
    manager = next(t for t in book.sheetnames[4:] if t.startswith(first.package_id))
    assert "Anna de Vries" in {c for row in _table(book[manager]) for c in row}
    # The result itself stays pseudonymous.
    assert "Anna de Vries" not in result.model_dump_json()
    with pytest.raises(wbamatch.InputError, match="names"):
        write_results(result, tmp_path / "x.xlsx", names={"c-001": 7})  # type: ignore[dict-item]
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_csv_keeps_stable_column_names_in_every_language(
    tmp_path: Path, demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]], lang: str
) -> None:
    result, _ = demo
    path = write_results(result, tmp_path / "r.csv", lang=lang)
    with path.open(newline="", encoding="utf-8-sig") as fh:
        header, *rows = list(csv.reader(fh))
    assert header == list(MATCH_COLUMNS)
    assert len(rows) == result.n_candidates
    status = {row[header.index("status")] for row in rows}
    assert status == {"placed", "unassigned"}
    reasons = " ".join(row[header.index("reasons")] for row in rows)
    assert ("reistijd te lang" in reasons) == (lang == "nl")
    assert ("commute too long" in reasons) == (lang == "en")
    for row in rows:
        for name in ("score", "hours", "banen"):
            value = row[header.index(name)]
            assert not value or len(value.split(".")[-1]) <= 3, (name, value)
    with_names = write_results(result, tmp_path / "n.csv", names={rows[0][0]: "Anna"})
    with with_names.open(newline="", encoding="utf-8-sig") as fh:
        header, first, *_ = list(csv.reader(fh))
    assert header[-1] == "name" and first[-1] == "Anna"


def test_overwrite_is_respected(
    tmp_path: Path, demo: tuple[wbamatch.MatchResult, list[wbamatch.TaskPackage]]
) -> None:
    result, _ = demo
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"someone's workbook")
    with pytest.raises(FileExistsError):
        write_results(result, target, overwrite=False)
    assert target.read_bytes() == b"someone's workbook"
    with pytest.raises(wbamatch.InputError, match=r"\.csv or \.xlsx"):
        write_results(result, tmp_path / "r.ods")
