"""``wbamatch template``: writes a fillable spreadsheet, never overwrites one by accident."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from wbamatch._cli import main
from wbamatch.io import EXPLANATION_SHEET, columns, read_candidates, read_packages


def test_template_candidates_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.xlsx"
    assert main(["template", "candidates", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Kandidaten", EXPLANATION_SHEET]
    assert book["Kandidaten"]["A2"].value == "VOORBEELD"
    book.close()
    assert read_candidates(out) == []  # the example row is not a candidate


def test_template_packages_csv(tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    assert main(["template", "packages", str(out)]) == 0
    with out.open(newline="", encoding="utf-8-sig") as fh:
        header, example = list(csv.reader(fh))
    assert header == [c.label for c in columns("packages")]
    assert example[0] == "VOORBEELD"
    assert read_packages(out) == []
    # Filled in below the example, the file reads as it is.
    with out.open("a", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow(["p-1", *example[1:]])
    assert [p.id for p in read_packages(out)] == ["p-1"]


def test_template_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "filled.xlsx"
    out.write_bytes(b"a recruiter's filled-in sheet")
    assert main(["template", "candidates", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == b"a recruiter's filled-in sheet"
    assert main(["template", "candidates", str(out), "--force"]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Kandidaten"
    book.close()


def test_template_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "candidates", str(tmp_path / "x.json")]) == 2
    assert ".csv or .xlsx" in capsys.readouterr().err
    assert main(["template", "candidates", str(tmp_path / "nowhere" / "x.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["template", "people", str(tmp_path / "x.csv")]) == 2
    assert not list(tmp_path.iterdir())
