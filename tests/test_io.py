"""Spreadsheets in and out: layout, round trips, errors that point at cells, formula safety."""

from __future__ import annotations

import csv
import datetime as dt
import pickle
import re
import sys
import typing
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from pydantic import BaseModel

import wbamatch
import wbamatch.io
from dutch import assert_dutch
from factories import cand, cand_dict, pkg, pkg_dict
from wbamatch import Candidate, InputError, TaskPackage
from wbamatch._cellerror import CellError, SpreadsheetError
from wbamatch._cells import FORMULA_START, neutralise, restore
from wbamatch._exceptions import MissingDependencyError
from wbamatch._vocabulary import DIMENSIONS
from wbamatch.io import (
    EXPLANATION_SHEETS,
    columns,
    read_candidates,
    read_packages,
    write_candidates,
    write_packages,
    write_results,
    write_template,
)

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
EVIL = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "'=already"]


def _leaf_paths(model: type[BaseModel], path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every leaf field of a model, found independently of wbamatch.io."""
    out: set[tuple[str, ...]] = set()
    for name, info in model.model_fields.items():
        args = [a for a in typing.get_args(info.annotation) if a is not type(None)]
        tp = args[0] if len(args) == 1 else info.annotation
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            out |= _leaf_paths(tp, (*path, name))
        else:
            out.add((*path, name))
    return out


def _xlsx_rows(path: Path, sheet: str) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    rows = [[c.value for c in row] for row in book[sheet].iter_rows()]
    book.close()
    return rows


def _write_xlsx(path: Path, rows: list[list[Any]], title: str = "candidates") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def _write_csv(path: Path, rows: list[list[Any]], delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(
            [["" if v is None else v for v in row] for row in rows]
        )
    return path


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "model"), [("candidates", Candidate), ("packages", TaskPackage)])
def test_layout_covers_every_model_field(kind: Any, model: type[BaseModel]) -> None:
    layout = columns(kind)
    extra = {("capacities_known",)} if kind == "candidates" else set()  # a spreadsheet column
    assert {c.path for c in layout} == _leaf_paths(model) | extra
    names = [c.name for c in layout]
    assert len(names) == len(set(names))
    assert names[0] == "id"


def test_column_names_use_the_documented_prefixes() -> None:
    cand_names = {c.name for c in columns("candidates")}
    pkg_names = {c.name for c in columns("packages")}
    assert {f"cap_{d}" for d in DIMENSIONS} <= cand_names
    assert {f"dem_{d}" for d in DIMENSIONS} <= pkg_names
    assert {"need_structure", "need_travel_mode", "need_max_commute_minutes"} <= cand_names
    assert {"hours_min", "hours_max", "hours_max_per_day", "home_place", "home_lat"} <= cand_names
    assert {"schedule_start", "offers_jobcoach", "contract_months", "location_place"} <= pkg_names
    sensitive = {c.name for c in columns("candidates") if c.sensitive}
    assert {f"cap_{d}" for d in DIMENSIONS} | {"need_structure", "hours_max_per_day"} <= sensitive
    assert "education" not in sensitive and not any(c.sensitive for c in columns("packages"))


def test_explanations_of_levels_and_hints() -> None:
    by_name = {c.name: c for c in columns("candidates", "en")} | {
        c.name: c for c in columns("packages", "en")
    }
    assert by_name["cap_work_pace"].if_empty() == "3 (the default level)"
    assert by_name["dem_work_pace"].if_empty() == "0 (the default level)"
    assert "HH:MM" in by_name["schedule_start"].allowed()
    assert by_name["hours_days"].allowed() == "a whole number at least 1 and at most 7"
    assert by_name["hours_days"].if_empty() == "5"
    assert by_name["hours_max"].allowed() == "a number above 0 and at most 60"
    assert by_name["need_structure"].if_empty() == "no"
    # The same columns in Dutch (the default), and each column in either language on request.
    nl = {c.name: c for c in columns("candidates")} | {c.name: c for c in columns("packages")}
    assert nl["hours_max"].allowed() == "een getal, groter dan 0 en hoogstens 60"
    assert nl["hours_max"].label == "Uren per week (max)"
    assert nl["need_structure"].if_empty() == "nee"
    assert nl["cap_work_pace"].if_empty() == "3 (het standaardniveau)"
    assert nl["cap_work_pace"].label == "Belastbaarheid werktempo"
    assert "UU:MM" in nl["schedule_start"].allowed()
    assert "fiets" in nl["need_travel_mode"].allowed()
    assert "_" not in nl["need_travel_mode"].allowed() + nl["education"].allowed()
    assert nl["hours_max"].allowed("en") == by_name["hours_max"].allowed()


def test_unknown_kind_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="candidates"):
        columns("people")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="candidates"):
        write_template("people", tmp_path / "x.xlsx")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_demo_and_synthetic(tmp_path: Path, suffix: str) -> None:
    for k, (cands, packs) in enumerate([wbamatch.demo_data(), wbamatch.synthetic(40, 15, seed=3)]):
        cpath = write_candidates(cands, tmp_path / f"c{k}{suffix}")
        ppath = write_packages(packs, tmp_path / f"p{k}{suffix}")
        assert read_candidates(cpath) == list(cands)
        assert read_packages(ppath) == list(packs)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_keeps_the_date_windows(tmp_path: Path, suffix: str) -> None:
    cands, packs = wbamatch.synthetic_stream(30, 10, weeks=20, seed=2)
    assert read_candidates(write_candidates(cands, tmp_path / f"c{suffix}")) == list(cands)
    assert read_packages(write_packages(packs, tmp_path / f"p{suffix}")) == list(packs)


def test_date_cells_read_as_typed_dates_or_text() -> None:
    frame = pd.DataFrame(
        {
            "id": ["c-1", "c-2", "c-3"],
            "hours_min": [8, 8, 8],
            "hours_max": [16, 16, 16],
            "available_from": [dt.datetime(2027, 1, 4), "4-1-2027", None],
            "available_until": [None, "2027-03-01", None],
        }
    )
    c1, c2, c3 = read_candidates(frame)
    assert c1.available is not None and c1.available.start == dt.date(2027, 1, 4)
    assert c2.available is not None and c2.available.until == dt.date(2027, 3, 1)
    assert c2.available.start == dt.date(2027, 1, 4) and c3.available is None
    bad = frame.assign(available_from=["4 januari", None, None])
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(bad)
    assert info.value.errors[0].column == "available_from"


_EDGE_CANDIDATES = [
    # Only the required fields: every default must survive.
    {"id": "c-min", "hours": {"min": 0, "max": 0.5}},
    # Every field set, coordinates with many digits, a formula-looking id and list items.
    cand_dict(
        "=c-full",
        target_group="early_onset",
        hours={"min": 12.25, "max": 31.75, "max_per_day": 5.5},
        capacities=dict.fromkeys(DIMENSIONS, 0),
        needs={
            "structure": True,
            "fixed_hours": True,
            "low_stimulus": True,
            "jobcoach": True,
            "mentor": True,
            "colleague": True,
            "office": True,
            "avoid_rush_hour": True,
            "max_commute_minutes": 37.5,
            "travel_mode": "special_transport",
        },
        home={"lat": 52.090712345678, "lon": -4.123456789012},  # replaces the default
        skills=["-dash", "@at", "data entry"],
        interests=["zoë", "x"],
        excluded_packages=["@p-1", "p 2", "+p3", "p-1"],
        wants_growth=True,
    ),
    {**cand_dict("'=quoted", education="unknown"), "home": {"place": "'s-Hertogenbosch"}},
]
_EDGE_PACKAGES = [
    {"id": "p-min", "hours": {"per_week": 0.5}},
    pkg_dict(
        "-p-full",
        employer='=HYPERLINK("http://x")',
        track="maatwerk",
        tags=["sector"],
        demands=dict.fromkeys(DIMENSIONS, 3),
        hours={"per_week": 37.5, "days": 7, "growth_to": 40},
        schedule={"kind": "evening", "start": "18:05"},
        stimulus="high",
        offers={"structure": False, "jobcoach": False, "mentor": False, "colleague": True},
        work_location="remote",
        contract={"type": "min_max", "months": 600},
        min_education="wo",
        location=None,
        slots=10_000,
    ),
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_keeps_every_field_none_and_default(tmp_path: Path, suffix: str) -> None:
    cands = [Candidate.model_validate(c) for c in _EDGE_CANDIDATES]
    packs = [TaskPackage.model_validate(p) for p in _EDGE_PACKAGES]
    assert read_candidates(write_candidates(cands, tmp_path / f"c{suffix}")) == cands
    assert read_packages(write_packages(packs, tmp_path / f"p{suffix}")) == packs
    # Dicts are validated on the way out.
    assert read_candidates(write_candidates(_EDGE_CANDIDATES, tmp_path / f"d{suffix}")) == cands


# Printable text (the models refuse control and format characters), without the list separator.
_TEXT = st.text(
    st.characters(categories=("L", "N", "P", "S"), include_characters=" ", exclude_characters=";"),
    min_size=1,
    max_size=12,
).map(str.strip)
_ID = _TEXT.filter(bool)


def _cell_floats(lo: float, hi: float) -> st.SearchStrategy[float]:
    """Floats as a spreadsheet holds them: XLSX keeps 16 significant digits (Excel 15)."""
    return st.floats(lo, hi).map(lambda x: float(f"{x:.15g}"))


@st.composite
def _candidate(draw: st.DrawFn) -> Candidate:
    lo = draw(_cell_floats(0, 40))
    return Candidate.model_validate(
        {
            "id": draw(_ID),
            "registered": draw(st.booleans()),
            "target_group": draw(st.sampled_from([None, "wajong", "wsw"])),
            "education": draw(st.sampled_from(["unknown", "mbo1", "hbo"])),
            "hours": {
                "min": lo,
                "max": draw(_cell_floats(max(lo, 0.01), 60)),
                "max_per_day": draw(st.one_of(st.none(), _cell_floats(0.25, 24))),
            },
            "capacities": draw(st.dictionaries(st.sampled_from(DIMENSIONS), st.integers(0, 3))),
            "needs": {
                "office": draw(st.booleans()),
                "max_commute_minutes": draw(st.one_of(st.none(), _cell_floats(1, 600))),
            },
            "home": draw(
                st.one_of(
                    st.none(),
                    st.builds(lambda p: {"place": p}, _ID),
                    st.builds(
                        lambda a, b: {"lat": a, "lon": b},
                        _cell_floats(-90, 90),
                        _cell_floats(-180, 180),
                    ),
                )
            ),
            "skills": draw(st.lists(_ID, max_size=3)),
            "excluded_packages": draw(st.lists(_ID, max_size=3)),
            "wants_growth": draw(st.booleans()),
        }
    )


@SETTINGS
@given(st.lists(_candidate(), max_size=4), st.sampled_from([".csv", ".xlsx"]))
def test_round_trip_property(tmp_path: Path, cands: list[Candidate], suffix: str) -> None:
    unique = list({c.id: c for c in cands}.values())
    path = write_candidates(unique, tmp_path / f"prop{suffix}")
    assert read_candidates(path) == unique


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_spreadsheet_to_models_to_spreadsheet_is_identical(tmp_path: Path, suffix: str) -> None:
    cands, packs = wbamatch.synthetic(30, 10, seed=11)
    for kind, records, write, read in [
        ("candidates", cands, write_candidates, read_candidates),
        ("packages", packs, write_packages, read_packages),
    ]:
        first = write(records, tmp_path / f"{kind}1{suffix}")
        second = write(read(first), tmp_path / f"{kind}2{suffix}")
        if suffix == ".csv":
            assert first.read_bytes() == second.read_bytes()
        else:
            assert _xlsx_rows(first, kind) == _xlsx_rows(second, kind)


def test_list_item_with_a_semicolon_cannot_be_written(tmp_path: Path) -> None:
    c = cand("c-1", excluded_packages=["p;1"])
    with pytest.raises(InputError, match=r"'c-1'.*excluded_packages"):
        write_candidates([c], tmp_path / "c.csv")
    assert not (tmp_path / "c.csv").exists()


def test_unsupported_suffix(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.csv or \.xlsx"):
        write_candidates([cand()], tmp_path / "c.json")
    with pytest.raises(InputError, match=r"\.csv or \.xlsx"):
        read_candidates(tmp_path / "c.ods")
    with pytest.raises(InputError, match="DataFrame"):
        read_candidates([{"id": "c-1"}])  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Reading: cell formats
# ---------------------------------------------------------------------------------------------
def test_yes_no_in_dutch_and_english_and_native_booleans(tmp_path: Path) -> None:
    header = ["id", "hours_min", "hours_max", "registered", "need_structure", "wants_growth"]
    rows = [
        ["c-1", 16, 24, "ja", "JA", "Nee"],
        ["c-2", 16, 24, "yes", "no", "true"],
        ["c-3", 16, 24, True, False, 1],
        ["c-4", 16, 24, "nee", "j", "0"],
    ]
    got = read_candidates(_write_xlsx(tmp_path / "b.xlsx", [header, *rows]))
    flags = [(c.registered, c.needs.structure, c.wants_growth) for c in got]
    assert flags == [
        (True, True, False),
        (True, False, True),
        (True, False, True),
        (False, True, False),
    ]


def test_semicolon_lists_dutch_csv_and_decimal_comma(tmp_path: Path) -> None:
    rows = [
        [
            "id",
            "hours_min",
            "hours_max",
            "skills",
            "excluded_packages",
            "home_lat",
            "home_lon",
            "need_travel_mode",
        ],
        [
            "c-1",
            "7,5",
            "24",
            "Archiving ;scanning;; data_entry ",
            "p-1; p-2",
            "52,09",
            "5,12",
            "Fiets",  # a choice by its Dutch words
        ],
    ]
    [c] = read_candidates(_write_csv(tmp_path / "nl.csv", rows, delimiter=";"))
    assert c.needs.travel_mode.value == "bike"
    assert c.skills == ["archiving", "data_entry", "scanning"]
    assert c.excluded_packages == ["p-1", "p-2"]
    assert c.hours.min == 7.5
    assert c.home is not None and (c.home.lat, c.home.lon) == (52.09, 5.12)


def test_excel_floats_become_levels_and_times_become_text(tmp_path: Path) -> None:
    header = ["id", "hours_per_week", "hours_days", "dem_work_pace", "schedule_start", "slots"]
    rows = [
        ["p-1", 20.0, 4.0, 3.0, dt.time(9, 30), 2.0],
        ["p-2", 20, 5, 0, dt.datetime(1899, 12, 30, 7, 5), 1],
    ]
    p1, p2 = read_packages(_write_xlsx(tmp_path / "p.xlsx", [header, *rows], "packages"))
    assert (p1.demands.work_pace, p1.hours.days, p1.slots) == (3, 4, 2)
    assert isinstance(p1.demands.work_pace, int)
    assert (p1.schedule.start, p2.schedule.start) == ("09:30", "07:05")


def test_headers_case_spaces_notes_and_empty_rows(tmp_path: Path) -> None:
    rows = [
        [" ID ", "Hours Min", "HOURS_MAX", "# notes (ignored)", None],
        ["c-1", 16, 24, "anything", None],
        [None, None, None, None, None],
        ["", " ", None, None, None],
        ["c-2", 8, 16, None, None],
    ]
    got = read_candidates(_write_xlsx(tmp_path / "h.xlsx", rows))
    assert [c.id for c in got] == ["c-1", "c-2"]


def test_sheet_choice(tmp_path: Path) -> None:
    path = tmp_path / "two.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "intro"
    book.active.append(["not", "data"])
    ws = book.create_sheet("candidates")
    ws.append(["id", "hours_min", "hours_max"])
    ws.append(["c-1", 1, 2])
    other = book.create_sheet("later")
    other.append(["id", "hours_min", "hours_max"])
    other.append(["c-9", 1, 2])
    book.save(path)
    assert [c.id for c in read_candidates(path)] == ["c-1"]
    assert [c.id for c in read_candidates(path, sheet="later")] == ["c-9"]
    with pytest.raises(InputError, match=r"no sheet 'nope'.*'intro', 'candidates', 'later'"):
        read_candidates(path, sheet="nope")


def test_windows_1252_csv(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_bytes(
        "id,hours_min,hours_max,home_place,need_travel_mode\r\nc-1,1,2,Zoë,car\r\n".encode("cp1252")
    )
    [c] = read_candidates(path)
    assert c.home is not None and c.home.place == "Zoë"


def test_row_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wbamatch.io._bounds, "MAX_ROWS", 3)
    rows = [["id", "hours_min", "hours_max"]] + [[f"c-{k}", 1, 2] for k in range(4)]
    assert len(read_candidates(_write_csv(tmp_path / "ok.csv", rows[:4]))) == 3
    with pytest.raises(InputError, match="more than 3 rows"):
        read_candidates(_write_csv(tmp_path / "big.csv", rows))
    with pytest.raises(InputError, match="more than 3 rows"):
        read_candidates(_write_xlsx(tmp_path / "big.xlsx", rows))


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("no zip here", encoding="utf-8")
    with pytest.raises(InputError, match=r"fake\.xlsx is not a readable XLSX"):
        read_candidates(path)
    with pytest.raises(InputError, match="cannot be read"):
        read_candidates(tmp_path / "missing.csv")


# ---------------------------------------------------------------------------------------------
# DataFrames
# ---------------------------------------------------------------------------------------------
def test_dataframe_input_with_nan_and_numpy_values() -> None:
    frame = pd.DataFrame(
        {
            "id": ["c-1", "c-2"],
            "hours_min": [16, 8],
            "hours_max": [24.0, 16.0],
            "cap_work_pace": [1.0, float("nan")],
            "need_structure": ["ja", None],
            "home_place": ["Utrecht", None],
            "need_travel_mode": ["openbaar vervoer", None],
            "skills": ["archiving; scanning", float("nan")],
        }
    )
    c1, c2 = read_candidates(frame)
    # No capacity cell filled and no capacities_known: an unknown profile, not "no limits".
    assert c1.capacities is not None and c1.capacities.work_pace == 1 and c2.capacities is None
    assert c1.needs.structure and not c2.needs.structure
    assert c1.home is not None and c1.home.place == "Utrecht" and c2.home is None
    assert (c1.skills, c2.skills) == (["archiving", "scanning"], [])


def test_dataframe_errors_name_rows_without_letters() -> None:
    frame = pd.DataFrame({"id": ["c-1", "c-2"], "hours_min": [1, "x"], "hours_max": [2, 2]})
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(frame)
    [e] = info.value.errors
    assert (e.file, e.sheet, e.row, e.column, e.letter) == ("DataFrame", "", 3, "hours_min", "")


def test_read_excel_dataframe_round_trip(tmp_path: Path) -> None:
    cands, packs = wbamatch.demo_data()
    frame = pd.read_excel(write_candidates(cands, tmp_path / "c.xlsx"), sheet_name="candidates")
    assert read_candidates(frame) == list(cands)
    frame = pd.read_excel(write_packages(packs, tmp_path / "p.xlsx"), sheet_name="packages")
    assert read_packages(frame) == list(packs)


# ---------------------------------------------------------------------------------------------
# Errors point at cells
# ---------------------------------------------------------------------------------------------
_HEADER = [
    "id",
    "registered",
    "education",
    "hours_min",
    "hours_max",
    "cap_work_pace",
    "cap_lifting",
    "need_structure",
    "need_travel_mode",
    "home_lat",
    "home_lon",
    "skills",
]
_GOOD = ["c-1", "yes", "mbo2", 16, 24, 1, 2, "ja", "bike", 52.1, 5.1, "archiving"]
#: (row, column, letter, bad value) of ten deliberate errors, one per row.
_TEN = [
    (3, "id", "A", None),  # required id left empty
    (4, "registered", "B", "misschien"),
    (5, "education", "C", "phd"),
    (6, "hours_min", "D", "zestien"),
    (7, "cap_work_pace", "F", 5),  # capacity out of range
    (8, "cap_lifting", "G", 1.5),  # capacity not a whole number
    (9, "need_structure", "H", "secret-need-value"),
    (10, "need_travel_mode", "I", "rocket"),
    (11, "home_lat", "J", 200),
    (12, "id", "A", "c-1"),  # duplicate of row 2
]


def _ten_error_rows() -> list[list[Any]]:
    rows = [list(_HEADER), list(_GOOD)]
    for k, (_, column, _, value) in enumerate(_TEN):
        row = list(_GOOD)
        row[0] = f"c-{k + 10}"
        row[_HEADER.index(column)] = value
        rows.append(row)
    return rows


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_ten_errors_are_reported_together_with_row_and_column(tmp_path: Path, suffix: str) -> None:
    rows = _ten_error_rows()
    path = (
        _write_xlsx(tmp_path / f"ten{suffix}", rows)
        if suffix == ".xlsx"
        else _write_csv(tmp_path / f"ten{suffix}", rows)
    )
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(path)
    errors = info.value.errors
    assert [(e.row, e.column, e.letter) for e in errors] == [(r, c, L) for r, c, L, _ in _TEN]
    assert all(e.file == path.name for e in errors)
    assert all(e.sheet == ("candidates" if suffix == ".xlsx" else "") for e in errors)
    text = str(info.value)
    assert text.startswith("10 problems in the spreadsheet")
    assert len(text.splitlines()) == 11
    # What is allowed is named; the wrong non-health value is shown to help find it.
    by_column = {(e.row, e.column): e.message for e in errors}
    registered = by_column[(4, "registered")]
    assert "ja / nee" in registered and "misschien" in registered
    assert "MBO 2" in by_column[(5, "education")]
    assert "at most 3" in by_column[(7, "cap_work_pace")]
    assert "whole number" in by_column[(8, "cap_lifting")]
    assert "public transport" in by_column[(10, "need_travel_mode")]
    assert "row 2" in by_column[(12, "id")]
    assert isinstance(info.value, InputError) and isinstance(info.value, ValueError)


def test_health_values_are_not_echoed(tmp_path: Path) -> None:
    rows = [
        ["id", "hours_min", "hours_max", "hours_max_per_day", "cap_sitting", "need_mentor"],
        ["c-1", 1, 2, "about-7-hours", "not-much-sitting", "only-on-tuesdays"],
        ["c-2", 1, 2, 99, 17, "x-secret"],
    ]
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(_write_csv(tmp_path / "h.csv", rows))
    text = str(info.value)
    assert len(info.value.errors) == 6
    for secret in ("about-7-hours", "not-much-sitting", "only-on-tuesdays", "99", "17", "secret"):
        assert secret not in text


def test_header_problems(tmp_path: Path) -> None:
    rows = [
        ["id", "hours_mni", "hours_max", "hours_max", None, "cap_work_pace"],
        ["c-1", 16, 24, 24, "orphan", 1],
        ["c-2", 16, 24, 24, None, "zzz"],
    ]
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(_write_xlsx(tmp_path / "hdr.xlsx", rows))
    found = [(e.row, e.column, e.letter) for e in info.value.errors]
    assert found == [
        (1, "hours_min", ""),  # required column missing
        (1, "", "B"),  # unknown: a typo, named by its letter (a header cell may hold data)
        (1, "hours_max", "D"),  # twice
        (1, "", "E"),  # values without a column name
        (3, "cap_work_pace", "F"),
    ]
    messages = {e.letter or e.column: e.message for e in info.value.errors}
    assert "did you mean 'hours_min'" in messages["B"] and "column B" in messages["B"]
    assert "hours_mni" not in str(info.value)
    assert "also column C" in messages["D"]


def test_formula_cells_in_input_are_refused(tmp_path: Path) -> None:
    rows = [["id", "hours_min", "hours_max"], ["c-1", "=2*8", 24], ["c-2", 8, 16]]
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(_write_xlsx(tmp_path / "f.xlsx", rows))
    [e] = info.value.errors
    assert (e.row, e.column, e.letter) == (2, "hours_min", "B")
    assert "formula" in e.message and "paste it as values" in e.message


def test_model_level_errors_name_the_columns(tmp_path: Path) -> None:
    rows = [
        ["id", "hours_min", "hours_max", "home_lat", "home_place", "need_travel_mode"],
        ["c-1", 30, 20, None, None, None],  # min above max
        ["c-2", 10, 20, 52.1, None, "bike"],  # lat without lon
        ["c-3", 10, 20, None, "Utrecht", "walk"],
    ]
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(_write_csv(tmp_path / "m.csv", rows))
    e1, e2 = info.value.errors
    assert (e1.row, e2.row) == (2, 3)
    assert "hours_min" in e1.column and "hours_max" in e1.column
    assert "swap them" in e1.message
    assert "home_lat" in e2.column and "lat and lon" in e2.message


def test_cell_error_text_and_pickle() -> None:
    e = CellError("c.xlsx", "candidates", 5, "hours_min", "required", "D")
    assert str(e) == "c.xlsx, sheet 'candidates', row 5, column hours_min (D): required"
    assert str(CellError("c.csv", "", 1, "", "bad")) == "c.csv, row 1: bad"
    err = SpreadsheetError([e])
    back = pickle.loads(pickle.dumps(err))
    assert back.errors == [e] and str(back) == str(err)


# ---------------------------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["candidates", "packages"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_xlsx_template_has_example_and_explanation(tmp_path: Path, kind: Any, lang: str) -> None:
    path = write_template(kind, tmp_path / f"{kind}.xlsx", lang=lang)
    book = openpyxl.load_workbook(path)
    data_sheet = {"nl": {"candidates": "Kandidaten", "packages": "Pakketten"}}.get(
        lang, {"candidates": "Candidates", "packages": "Packages"}
    )[kind]
    assert book.sheetnames == [data_sheet, EXPLANATION_SHEETS[lang]]
    ws = book[data_sheet]
    data = [[c.value for c in row] for row in ws.iter_rows()]
    assert ws.data_validations.dataValidation  # drop-downs for yes/no and choices
    # Every heading carries its meaning and what is allowed in a comment, in words only.
    cols = columns(kind, lang)
    for cell, column in zip(ws[1], cols, strict=True):
        assert cell.comment is not None and column.description in cell.comment.text
        assert column.allowed() in cell.comment.text
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", cell.comment.text)  # no technical names
    assert ws["A2"].comment is not None and ws["A2"].value in ("VOORBEELD", "EXAMPLE")
    explanation = book[EXPLANATION_SHEETS[lang]]
    explained = [[c.value for c in row] for row in explanation.iter_rows()]
    head = next(k for k, row in enumerate(explained) if row[0] in ("Kolom", "Column") and row[1])
    assert explanation.page_setup.orientation == "landscape"
    assert explanation.page_setup.fitToWidth == 1
    assert explanation.print_title_rows == f"${head + 1}:${head + 1}"
    assert explanation.column_dimensions["B"].width >= 50
    book.close()
    assert data[0] == [c.label for c in cols] and len(data) == 2
    rows = explained[head + 1 :]
    assert [row[0] for row in rows] == [c.label for c in cols]
    assert all(row[1] and row[2] and row[3] for row in rows)
    # Drop-downs offer the choices in words of the language, and the reader takes them.
    lists = [str(v.formula1) for v in ws.data_validations.dataValidation if v.type == "list"]
    assert all("_" not in f for f in lists)
    reader = read_candidates if kind == "candidates" else read_packages
    assert reader(path) == []  # the example row is never read


def _machine_words() -> set[str]:
    """Column names and choice values: kept in Dutch text on purpose (they are what is typed)."""
    words = {c.name for kind in ("candidates", "packages") for c in columns(kind)}  # type: ignore[arg-type]
    words |= {v for kind in ("candidates", "packages") for c in columns(kind) for v in c.choices}  # type: ignore[arg-type]
    return words


def _without_machine_words(text: str) -> str:
    for word in sorted(_machine_words(), key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", " ", text)
    return text


@pytest.mark.parametrize("kind", ["candidates", "packages"])
def test_dutch_template_texts_are_plain_dutch(tmp_path: Path, kind: Any) -> None:
    path = write_template(kind, tmp_path / f"{kind}.xlsx", lang="nl")
    book = openpyxl.load_workbook(path)
    texts = [
        str(c.value)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    texts += [c.comment.text for c in book.worksheets[0][1] if c.comment is not None]
    texts += [str(v.error) for v in book.worksheets[0].data_validations.dataValidation if v.error]
    book.close()
    for text in texts:
        assert "None" not in text and "default" not in text.lower() and "False" not in text
        assert_dutch(_without_machine_words(text), allow=["FML", "BSN", "UWV", "wbamatch"])


@pytest.mark.parametrize("kind", ["candidates", "packages"])
def test_the_example_row_is_skipped_and_valid(tmp_path: Path, kind: Any) -> None:
    for suffix in (".xlsx", ".csv"):
        path = write_template(kind, tmp_path / f"t{suffix}")
        reader = read_candidates if kind == "candidates" else read_packages
        assert reader(path) == []
    # The example itself is a valid record; with a real id it is read.
    record = wbamatch.io.example(kind, "nl")
    assert record.id == "VOORBEELD"
    real = record.model_copy(update={"id": "x-1"})
    writer = write_candidates if kind == "candidates" else write_packages
    assert reader(writer([real], tmp_path / "real.csv")) == [real]  # type: ignore[operator]
    with pytest.raises(InputError, match="example row"):
        writer([record], tmp_path / "no.csv")  # type: ignore[operator]


def test_template_example_matches(tmp_path: Path) -> None:
    c = wbamatch.io.example("candidates", "nl").model_copy(update={"id": "c-001"})
    p = wbamatch.io.example("packages", "nl").model_copy(update={"id": "p-001"})
    result = wbamatch.match([c], [p])
    assert [(a.candidate_id, a.package_id) for a in result.assignments] == [("c-001", "p-001")]
    c = wbamatch.io.example("candidates", "en").model_copy(update={"id": "c-001"})
    p = wbamatch.io.example("packages", "en").model_copy(update={"id": "p-001"})
    assert wbamatch.match([c], [p]).assignments


def test_filled_template_reads_with_any_header(tmp_path: Path) -> None:
    """Dutch headings, English headings and column names all read, in any mix."""
    names = ["id", "hours_min", "hours_max", "need_travel_mode", "home_place", "need_structure"]
    by_name = {c.name: c for c in columns("candidates", "nl")}
    en = {c.name: c for c in columns("candidates", "en")}
    headers = {
        "names": names,
        "nl": [by_name[n].label for n in names],
        "en": [en[n].label for n in names],
        "mixed": [by_name["id"].label, "HOURS_MIN", en["hours_max"].label.upper(), *names[3:]],
    }
    assert headers["nl"][:3] == ["Kandidaat-id", "Uren per week (min)", "Uren per week (max)"]
    for key, header in headers.items():
        rows = [
            header,
            ["VOORBEELD", 1, 2, "bike", "Utrecht", "ja"],
            ["c-1", 16, 24, "fiets", "Utrecht", "ja"],
        ]
        for path in (
            _write_xlsx(tmp_path / f"{key}.xlsx", rows),
            _write_csv(tmp_path / f"{key}.csv", rows),
        ):
            [c] = read_candidates(path)
            assert (c.id, c.hours.max, c.needs.travel_mode.value, c.needs.structure) == (
                "c-1",
                24,
                "bike",
                True,
            ), key


def test_labels_are_unique_and_safe_in_a_header() -> None:
    for kind in ("candidates", "packages"):
        seen: dict[str, str] = {}
        for lang in ("nl", "en"):
            for c in columns(kind, lang):  # type: ignore[arg-type]
                assert c.label and not c.label.startswith(("#", *FORMULA_START))
                assert not set(c.label) & set(",;\t\"'"), c.label
                key = c.label.lower()
                assert seen.setdefault(key, c.name) == c.name, (kind, c.label)
                assert c.description and c.allowed() and c.if_empty()


def test_a_home_needs_a_travel_mode(tmp_path: Path) -> None:
    rows = [
        ["id", "hours_min", "hours_max", "home_place", "need_travel_mode"],
        ["c-1", 16, 24, "Utrecht", None],
        ["c-2", 16, 24, None, None],  # no home: no travel mode needed
        ["c-3", 16, 24, "Utrecht", "walk"],
    ]
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(_write_xlsx(tmp_path / "t.xlsx", rows))
    [e] = info.value.errors
    assert (e.row, e.column, e.letter) == (2, "need_travel_mode", "E")
    assert "how the candidate travels" in e.message and "public transport" in e.message
    assert "hoe de kandidaat reist" in e.message_nl and e.column_nl == "Reist met"
    assert_dutch(_without_machine_words(e.text("nl")), allow=["candidates"])  # the sheet's name
    # Without the column at all: one problem, in the header.
    short = [[r[0], r[1], r[2], r[3]] for r in rows]
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(_write_csv(tmp_path / "t.csv", short))
    [e] = info.value.errors
    assert (e.row, e.column) == (1, "need_travel_mode")
    assert "first on row 2" in e.message and "'Reist met'" in e.message_nl


def test_cell_errors_carry_dutch_text(tmp_path: Path) -> None:
    rows = _ten_error_rows()
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(_write_xlsx(tmp_path / "ten.xlsx", rows))
    error = info.value
    for e in error.errors:
        assert e.message_nl and e.message_nl != e.message
        assert e.column_nl and e.column_nl != e.column
        assert_dutch(_without_machine_words(e.text("nl")), allow=["candidates"])  # sheet name
        assert e.text("en") == str(e)
    text = wbamatch.io.error_text(error, "nl")
    assert text.startswith("10 problemen in het spreadsheet")
    assert (
        "rij 4, kolom B (Doelgroepregister): ingevuld: 'misschien'; toegestaan: ja of nee" in text
    )
    assert wbamatch.io.error_text(error, "en") == str(error)
    assert str(error).startswith("10 problems")  # the exception itself stays English


def test_template_carries_the_new_needs_with_drop_downs_and_meanings(tmp_path: Path) -> None:
    new = {
        "candidates": [
            "capacities_known",
            "need_no_evening_work",
            "need_no_night_work",
            "need_movement",
            "need_travels_independently",
        ],
        "packages": ["hours_per_day", "offers_transport", "office_days", "task_count"],
    }
    for kind, names in new.items():
        book = openpyxl.load_workbook(write_template(kind, tmp_path / f"{kind}.xlsx"))  # type: ignore[arg-type]
        ws = book.worksheets[0]
        by_label = {c.label: c.name for c in columns(kind)}  # type: ignore[arg-type]
        header = [by_label[c.value] for c in ws[1]]
        assert set(names) <= set(header)
        lists = {
            str(v.sqref).split(":")[0][:-1]: v.formula1
            for v in ws.data_validations.dataValidation
            if v.type == "list"
        }
        by_heading = {c.label: c.name for c in columns(kind)}  # type: ignore[arg-type]
        meaning = {
            by_heading.get(row[0]): row[1]
            for row in book[EXPLANATION_SHEETS["nl"]].iter_rows(values_only=True)
        }
        for name in names:
            column = next(c for c in columns(kind) if c.name == name)  # type: ignore[arg-type]
            letter = _letter_of(header.index(name))
            assert (letter in lists) == (column.kind == "bool"), name
            if column.kind == "bool":
                assert lists[letter] == '"ja,nee"'
            assert meaning[name] and "None" not in meaning[name], name


def _letter_of(index: int) -> str:
    out, n = "", index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


@pytest.mark.parametrize("kind", ["candidates", "packages"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_csv_template_is_header_and_example(tmp_path: Path, kind: Any, lang: str) -> None:
    path = write_template(kind, tmp_path / f"{kind}.csv", lang=lang)
    with path.open(newline="", encoding="utf-8-sig") as fh:
        header, *rows = list(csv.reader(fh))
    assert header == [c.label for c in columns(kind, lang)] and len(rows) == 1
    assert rows[0][0] == ("VOORBEELD" if lang == "nl" else "EXAMPLE")
    reader = read_candidates if kind == "candidates" else read_packages
    assert reader(path) == []
    # Overwritten with a real id, the example row is read.
    rows[0][0] = "r-1"
    _write_csv(path, [header, *rows])
    [record] = reader(path)
    assert record == wbamatch.io.example(kind, lang).model_copy(update={"id": "r-1"})


# ---------------------------------------------------------------------------------------------
# Results out, formulas neutralised
# ---------------------------------------------------------------------------------------------
def _evil_result() -> wbamatch.MatchResult:
    ids = [cid for cid in EVIL if cid.isprintable()]  # ids cannot hold tabs or returns
    far = Candidate.model_validate({**cand_dict("c-far"), "home": {"place": "Groningen"}})
    cands = [cand(cid) for cid in ids] + [far]
    packs = [pkg("=p-1", employer="@employer", slots=3), pkg("+p-2", employer="-x")]
    return wbamatch.match(cands, packs)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_write_results_neutralises_formulas(tmp_path: Path, suffix: str) -> None:
    result = _evil_result()
    names = {"=1+1": '=HYPERLINK("x")'}
    path = write_results(result, tmp_path / f"r{suffix}", names=names, per_manager=True)
    if suffix == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as fh:
            tables = {"Kandidaten": list(csv.reader(fh))}
    else:
        book = openpyxl.load_workbook(path)
        assert book.sheetnames[:4] == [
            "Kandidaten",
            "Niet geplaatst",
            "Open plekken",
            "Samenvatting",
        ]
        assert not any(
            c.data_type == "f" for ws in book.worksheets for row in ws.iter_rows() for c in row
        )
        tables = {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book}
        book.close()
    cells = [v for rows in tables.values() for row in rows for v in row if isinstance(v, str)]
    assert not any(v.startswith(FORMULA_START) for v in cells)
    assert "'=1+1" in cells and "'@cmd" in cells and "''=already" in cells
    assert "'@employer" in cells and '\'=HYPERLINK("x")' in cells
    if suffix == ".xlsx":
        assert "'-x" in cells  # the employer of an open place (the CSV has placements only)
    header, *rows = tables["Kandidaten"]
    if suffix == ".csv":
        assert header == [*result.to_records()[0], "name"]
    else:
        assert header[:3] == ["Kandidaat", "Naam", "Status"]
    assert len(rows) == result.n_candidates


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_write_shortlists_and_explanations(tmp_path: Path, suffix: str) -> None:
    cands, packs = wbamatch.demo_data()
    lists = wbamatch.shortlist(cands, packs, k=2, near_misses=1)
    ex = wbamatch.explain(cands[0], packs[1])
    p1 = write_results(lists, tmp_path / f"s{suffix}")
    p2 = write_results(ex, tmp_path / f"e{suffix}")
    if suffix == ".csv":
        with p1.open(newline="", encoding="utf-8-sig") as fh:
            assert len(list(csv.reader(fh))) == 1 + len(lists.to_records())
        with p2.open(newline="", encoding="utf-8-sig") as fh:
            assert len(list(csv.reader(fh))) == 1 + len(ex.to_records())
    else:
        # For people: the entries and the near misses in words (no codes), in Dutch.
        entries = sum(len(sl.entries) for sl in lists.lists)
        misses = sum(len(sl.near_misses) for sl in lists.lists)
        shown = _xlsx_rows(p1, "Shortlists")
        assert shown[0][:3] == ["Pakket", "Plaats", "Kandidaat"] and len(shown) == 1 + entries
        near = _xlsx_rows(p1, "Bijna")
        assert len(near) == 1 + misses
        text = " ".join(str(v) for row in shown + near for v in row if isinstance(v, str))
        assert_dutch(text, allow=["social", "return"])
        rules = _xlsx_rows(p2, "Wat niet past")
        assert rules[0][0] == ex.text("nl")
        parts = _xlsx_rows(p2, "Score per onderdeel")
        assert parts[0] == ["Onderdeel", "Past voor", "Telt mee voor"]
        assert len(parts) == 1 + len(ex.tables("nl")[1][1])
        english = write_results(lists, tmp_path / f"s_en{suffix}", lang="en")
        assert _xlsx_rows(english, "Shortlists")[0][:3] == ["Package", "Rank", "Candidate"]
    with pytest.raises(InputError, match="MatchResult"):
        write_results("nope", tmp_path / "x.csv")  # type: ignore[arg-type]


def test_neutralise_is_undone_by_restore() -> None:
    for text in [*EVIL, "", "'", "''", "plain", "'plain", "''=x", "=", "0.5", "-"]:
        assert restore(neutralise(text)) == text
        assert not neutralise(text).startswith(FORMULA_START)


@SETTINGS
@given(st.text(max_size=8))
def test_neutralise_property(text: str) -> None:
    safe = neutralise(text)
    assert restore(safe) == text
    assert not safe.startswith(FORMULA_START)
    assert safe == text or safe == "'" + text


# ---------------------------------------------------------------------------------------------
# to_records / to_dataframe
# ---------------------------------------------------------------------------------------------
def test_match_result_records() -> None:
    result = wbamatch.match(*wbamatch.demo_data())
    rows = result.to_records()
    assert [r["candidate_id"] for r in rows] == sorted(r["candidate_id"] for r in rows)
    placed = {r["candidate_id"]: r for r in rows if r["status"] == "placed"}
    assert set(placed) == {a.candidate_id for a in result.assignments}
    for a in result.assignments:
        r = placed[a.candidate_id]
        assert (r["package_id"], r["score"], r["hours"], r["banen"]) == (
            a.package_id,
            a.score,
            a.hours,
            a.banen,
        )
    for u in result.unassigned:
        [r] = [r for r in rows if r["candidate_id"] == u.candidate_id]
        assert r["package_id"] is None and r["status"] == "unassigned"
        assert re.search(rf"\({u.reasons[0].packages} (package|pakket)", r["reasons"])
    assert all(type(v) in (str, float, int, bool, type(None)) for r in rows for v in r.values())
    frame = result.to_dataframe()
    assert frame.shape == (result.n_candidates, len(rows[0]))
    assert JSON_ROUND_TRIP(result).to_records() == rows


def JSON_ROUND_TRIP(result: wbamatch.MatchResult) -> wbamatch.MatchResult:  # noqa: N802
    return wbamatch.MatchResult.model_validate_json(result.model_dump_json())


def test_shortlist_and_explanation_records() -> None:
    cands, packs = wbamatch.demo_data()
    lists = wbamatch.shortlist(cands, packs, k=3, near_misses=2)
    rows = lists.to_records()
    assert len(rows) == sum(len(sl.entries) + len(sl.near_misses) for sl in lists.lists)
    misses = [r for r in rows if r["near_miss"]]
    assert misses and all(r["code"] and r["rank"] is None for r in misses)
    assert all(r["rank"] >= 1 and r["code"] is None for r in rows if not r["near_miss"])
    assert lists.to_dataframe().shape[0] == len(rows)
    ex = wbamatch.explain(cands[0], packs[1])
    erows = ex.to_records()
    assert [r["name"] for r in erows if r["kind"] == "component"] == list(ex.components)
    assert [r["name"] for r in erows if r["kind"] == "violation"] == [v.code for v in ex.violations]
    assert ex.to_dataframe().shape[0] == len(erows)


def test_empty_records_still_have_columns() -> None:
    far = Candidate.model_validate({**cand_dict("c-far"), "home": {"place": "Groningen"}})
    lists = wbamatch.shortlist([far], [pkg()])
    assert lists.to_records() == []
    assert list(lists.to_dataframe().columns)[:3] == ["list_id", "candidate_id", "package_id"]


def test_missing_optional_dependencies(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write_candidates([cand()], tmp_path / "c.xlsx")
    result = wbamatch.match(*wbamatch.demo_data())
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'wbamatch\[notebook\]'"):
        result.to_dataframe()
    with pytest.raises(MissingDependencyError, match=r"pip install 'wbamatch\[excel\]'"):
        read_candidates(path)
    with pytest.raises(ImportError):  # also an ImportError for generic handlers
        write_results(result, tmp_path / "r.xlsx")
    assert result.to_records()  # needs nothing
