"""The ``wbamatch`` command: demo, match from files, schema, and clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import wbamatch
from factories import cand_dict, pkg_dict
from wbamatch.cli import main


def test_demo_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "candidate" in out and "banen" in out and "[optimal]" in out


def test_match_reads_json_and_writes_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = tmp_path / "c.json"
    p = tmp_path / "p.json"
    c.write_text(json.dumps([cand_dict("c-1"), cand_dict("c-2", skills=[])]))
    p.write_text(json.dumps([pkg_dict("p-1")]))
    out = tmp_path / "r.json"
    assert main(["match", "--candidates", str(c), "--packages", str(p), "--out", str(out)]) == 0
    result = wbamatch.MatchResult.model_validate_json(out.read_text())
    assert [a.candidate_id for a in result.assignments] == ["c-1"]
    assert {f.name for f in tmp_path.iterdir()} == {"c.json", "p.json", "r.json"}  # no temp left


def test_match_to_stdout_is_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    c = tmp_path / "c.json"
    p = tmp_path / "p.json"
    c.write_text(json.dumps([cand_dict("c-1")]))
    p.write_text(json.dumps([pkg_dict("p-1")]))
    assert main(["match", "--candidates", str(c), "--packages", str(p)]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "optimal"


def test_bad_record_exits_2_naming_record_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = tmp_path / "c.json"
    p = tmp_path / "p.json"
    c.write_text(json.dumps([cand_dict("c-9", capacities={"work_pace": 9})]))
    p.write_text(json.dumps([pkg_dict("p-1")]))
    assert main(["match", "--candidates", str(c), "--packages", str(p)]) == 2
    err = capsys.readouterr().err
    assert "c-9" in err and "capacities.work_pace" in err and "9" not in err.replace("c-9", "")


@pytest.mark.parametrize("content", ["{not json", '{"id": "c-1"}', ""])
def test_broken_files_exit_2(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    c = tmp_path / "c.json"
    c.write_text(content)
    p = tmp_path / "p.json"
    p.write_text("[]")
    assert main(["match", "--candidates", str(c), "--packages", str(p)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_missing_file_exits_2(tmp_path: Path) -> None:
    assert main(["match", "--candidates", str(tmp_path / "no.json"), "--packages", "x"]) == 2


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "candidate"]) == 0
    assert "capacities" in json.loads(capsys.readouterr().out)["properties"]


def test_console_script_runs_as_module() -> None:
    out = subprocess.run([sys.executable, "-m", "wbamatch", "demo"], capture_output=True, text=True)
    assert out.returncode == 0 and "optimal" in out.stdout


def test_shortlist_on_demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["shortlist", "--demo", "-k", "2", "--near-misses", "1"]) == 0
    out = capsys.readouterr().out
    assert "package p-001:" in out and " 1. " in out


def test_shortlist_json_by_candidate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["shortlist", "--demo", "--by", "candidate", "--json"]) == 0
    lists = wbamatch.Shortlists.model_validate_json(capsys.readouterr().out)
    assert lists.by == "candidate" and len(lists) == 12


def test_shortlist_needs_inputs() -> None:
    assert main(["shortlist"]) == 2


def test_meet_greet_writes_schedules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["meet-greet", "--demo", "--rounds", "3", "--per-candidate", "2", "--per-package", "3"]
    assert main([*args, "--out", str(tmp_path)]) == 0
    names = {f.name for f in tmp_path.iterdir()}
    assert names == {"schedule_by_package.csv", "schedule_by_candidate.csv", "schedule.html"}
    assert "rounds" in capsys.readouterr().out


def test_match_reads_spreadsheets_in_the_template_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wbamatch import io

    cands, packs = wbamatch.demo_data()
    io.write_candidates(cands, tmp_path / "c.csv")
    io.write_packages(packs, tmp_path / "p.xlsx")
    out = tmp_path / "r.json"
    args = [
        "match",
        "--candidates",
        str(tmp_path / "c.csv"),
        "--packages",
        str(tmp_path / "p.xlsx"),
    ]
    assert main([*args, "--out", str(out)]) == 0
    result = wbamatch.MatchResult.model_validate_json(out.read_text())
    assert result == wbamatch.match(cands, packs)
    (tmp_path / "bad.csv").write_text("id,hours_min,hours_max\nc-1,20,10\n")
    assert (
        main(
            [
                "match",
                "--candidates",
                str(tmp_path / "bad.csv"),
                "--packages",
                str(tmp_path / "p.xlsx"),
            ]
        )
        == 2
    )
    assert "row 2" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "needles"),
    [
        ("match", [".json, .csv", ".xlsx", "--force"]),
        ("shortlist", [".json, .csv or .xlsx", "--force"]),
        ("carve", [".json file only", "--force"]),
        ("meet-greet", ["schedule.html", "--force"]),
        ("template", ["--force"]),
    ],
)
def test_help_names_the_output_formats(
    capsys: pytest.CaptureFixture[str], command: str, needles: list[str]
) -> None:
    assert main([command, "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())  # argparse wraps the help lines
    assert all(n in text for n in needles), text


def test_overwriting_an_output_needs_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c, p, out = tmp_path / "c.json", tmp_path / "p.json", tmp_path / "r.json"
    c.write_text(json.dumps([cand_dict("c-1")]))
    p.write_text(json.dumps([pkg_dict("p-1")]))
    args = ["match", "--candidates", str(c), "--packages", str(p), "--out", str(out)]
    assert main(args) == 0
    first = out.read_text()
    assert main(args) == 2
    assert "add --force" in capsys.readouterr().err and out.read_text() == first
    assert main([*args, "--force"]) == 0
    assert wbamatch.MatchResult.model_validate_json(out.read_text()).n_candidates == 1
