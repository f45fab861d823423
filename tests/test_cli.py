"""The ``wbamatch`` command: demo, match from files, schema, languages, and clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import wbamatch
from dutch import assert_dutch
from factories import cand_dict, pkg_dict
from wbamatch._cli import DEMO_FILES, main


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts from the default language (Dutch), whatever the shell has set."""
    monkeypatch.delenv("WBAMATCH_LANG", raising=False)
    yield


def test_demo_prints_a_table_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    head = out.splitlines()[0].split()
    assert head == ["kandidaat", "pakket", "score", "uren", "banen", "functie"]
    assert "Niet geplaatst" in out and "Open plekken" in out
    assert "Dit is de beste verdeling die binnen de regels mogelijk is." in out
    assert "[" not in out and "0,781" not in out and "78%" in out
    assert "0,78" in out  # a decimal comma
    assert_dutch(out)


def test_demo_in_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["demo", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.split()[:5] == ["candidate", "package", "score", "hours", "banen"]
    assert "Not placed" in out and "the best division the rules allow" in out and "0.78" in out
    assert "commute too long" in out  # reasons in words, not codes
    monkeypatch.setenv("WBAMATCH_LANG", "en")
    assert main(["demo"]) == 0
    assert capsys.readouterr().out == out
    assert main(["demo", "--lang", "nl"]) == 0  # the option wins over the environment
    assert capsys.readouterr().out.startswith("kandidaat")


def test_a_bad_language_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["demo", "--lang", "de"]) == 2
    assert "invalid choice" in capsys.readouterr().err
    monkeypatch.setenv("WBAMATCH_LANG", "fr")
    assert main(["demo"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wbamatch: WBAMATCH_LANG must be") and err.count("\n") == 1


def test_the_match_table_follows_lang_and_the_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c, p, cfg = tmp_path / "c.json", tmp_path / "p.json", tmp_path / "cfg.json"
    c.write_text(json.dumps([cand_dict("c-1"), cand_dict("c-2", skills=[])]))
    p.write_text(json.dumps([pkg_dict("p-1")]))
    cfg.write_text(json.dumps({"lang": "en"}))
    args = ["match", "--candidates", str(c), "--packages", str(p), "--force"]
    assert main([*args, "--out", str(tmp_path / "r.json")]) == 0
    assert capsys.readouterr().out.startswith("kandidaat")
    assert main([*args, "--out", str(tmp_path / "r.json"), "--config", str(cfg)]) == 0
    assert capsys.readouterr().out.startswith("candidate")
    assert (
        main([*args, "--out", str(tmp_path / "r.json"), "--config", str(cfg), "--lang", "nl"]) == 0
    )
    assert capsys.readouterr().out.startswith("kandidaat")


def test_demo_write_gives_json_and_xlsx_to_start_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wbamatch import io

    folder = tmp_path / "start"
    assert main(["demo", "--write", str(folder)]) == 0  # a new folder is created
    assert "geschreven:" in capsys.readouterr().out
    assert sorted(f.name for f in folder.iterdir()) == sorted(DEMO_FILES)
    cands, packs = wbamatch.demo_data()
    from_json = json.loads((folder / "candidates.json").read_text(encoding="utf-8"))
    assert [wbamatch.Candidate.model_validate(c) for c in from_json] == cands
    from_json = json.loads((folder / "packages.json").read_text(encoding="utf-8"))
    assert [wbamatch.TaskPackage.model_validate(p) for p in from_json] == packs
    assert io.read_candidates(folder / "candidates.xlsx") == cands
    assert io.read_packages(folder / "packages.xlsx") == packs
    # Both forms are inputs of match, with the same result as the demo.
    out = tmp_path / "r.json"
    args = ["--candidates", str(folder / "candidates.xlsx"), "--packages"]
    assert main(["match", *args, str(folder / "packages.json"), "--out", str(out)]) == 0
    assert wbamatch.MatchResult.model_validate_json(out.read_text()) == wbamatch.match(cands, packs)


def test_demo_write_needs_force_to_replace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "start"
    folder.mkdir()
    (folder / "packages.xlsx").write_bytes(b"my own sheet")
    assert main(["demo", "--write", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "add --force" in err and err.count("\n") == 1
    assert [f.name for f in folder.iterdir()] == ["packages.xlsx"]  # nothing written at all
    assert (folder / "packages.xlsx").read_bytes() == b"my own sheet"
    assert main(["demo", "--write", str(folder), "--force"]) == 0
    assert sorted(f.name for f in folder.iterdir()) == sorted(DEMO_FILES)
    (tmp_path / "afile").write_text("x")
    assert main(["demo", "--write", str(tmp_path / "afile")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_demo_write_without_openpyxl_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert main(["demo", "--write", str(tmp_path / "start")]) == 2
    assert "wbamatch[excel]" in capsys.readouterr().err
    assert not (tmp_path / "start").exists()


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
    assert "record 'c-9', field capacities.work_pace:" in err
    assert "9" not in err.replace("c-9", "")  # the value given is never echoed


def test_every_bad_record_is_one_line_with_file_record_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c, p = tmp_path / "candidates.json", tmp_path / "packages.json"
    c.write_text(
        json.dumps(
            [
                cand_dict("c-1"),
                cand_dict("c-2", hours={"min": 30, "max": 20}),
                cand_dict("c-3", neds={"structure": True}, capacities={"work_pace": 7}),
                cand_dict("c\u202e4"),
            ]
        )
    )
    p.write_text(json.dumps([pkg_dict("p-1")]))
    assert main(["match", "--candidates", str(c), "--packages", str(p)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "wbamatch: invalid input, 4 errors:",
        "file 'candidates.json', record 'c-2', field hours: hours.min is above hours.max; "
        "swap them or correct one",
        "file 'candidates.json', record 'c-3', field capacities.work_pace: "
        "Input should be less than or equal to 3",
        "file 'candidates.json', record 'c-3', field neds: Extra inputs are not permitted; "
        "did you mean 'needs'?",
        "file 'candidates.json', record #3, field id: contains a control, formatting or "
        "line-break character; use printable text only",
    ]
    assert "pydantic.dev" not in err and "[type=" not in err and "\u202e" not in err


def test_errors_name_the_file_they_are_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    c, p = tmp_path / "a" / "data.json", tmp_path / "b" / "data.json"
    c.write_text(json.dumps([cand_dict("c-1")]))
    p.write_text(json.dumps([pkg_dict("p-1", slotz=2)]))
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"lang": "de"}))
    assert main(["match", "--candidates", str(c), "--packages", str(p)]) == 2
    # Two files of the same name: the path tells them apart.
    assert f"file {str(p)!r}, record 'p-1', field slotz: " in capsys.readouterr().err
    p.write_text(json.dumps([pkg_dict("p-1")]))
    assert main(["match", "--candidates", str(c), "--packages", str(p), "--config", str(cfg)]) == 2
    assert "\nfile 'cfg.json', field lang: Input should be 'nl' or 'en'" in capsys.readouterr().err


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
    out = subprocess.run(
        [sys.executable, "-m", "wbamatch", "demo", "--lang", "en"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "the best division the rules allow" in out.stdout


def test_shortlist_on_demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["shortlist", "--demo", "-k", "2", "--near-misses", "1"]) == 0
    out = capsys.readouterr().out
    assert "pakket p-001 (Archiefmedewerker, Ministerie van IenW):" in out and " 1. " in out
    assert "bijna: " in out and "%" in out and "0," not in out
    assert_dutch(out)
    assert main(["shortlist", "--demo", "-k", "2", "--near-misses", "1", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "package p-001 (Archiefmedewerker, Ministerie van IenW):" in out
    assert "near miss: " in out and "tasks match the skills" in out


def test_shortlist_by_candidate_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["shortlist", "--demo", "-k", "2", "--by", "candidate"]) == 0
    out = capsys.readouterr().out
    assert "kandidaat c-001:" in out and "Archiefmedewerker" in out
    assert "(geen pakket past)" in out  # c-007: nothing fits
    assert_dutch(out)


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
    out = capsys.readouterr().out
    assert "ronde 1: " in out and "gesprekken in" in out and "geschreven: " in out
    assert main([*args, "--lang", "en"]) == 0
    assert "meetings in" in capsys.readouterr().out


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
    ("command", "lang", "needles"),
    [
        ("match", "nl", [".json, .csv", ".xlsx", "--force"]),
        ("match", "en", [".json, .csv", ".xlsx", "--force"]),
        ("shortlist", "nl", [".json, .csv of .xlsx", "--force"]),
        ("shortlist", "en", [".json, .csv or .xlsx", "--force"]),
        ("carve", "nl", ["alleen een .json-bestand", "--force"]),
        ("carve", "en", [".json file only", "--force"]),
        ("meet-greet", "nl", ["schedule.html", "--force"]),
        ("meet-greet", "en", ["schedule.html", "--force"]),
        ("template", "nl", ["--force"]),
        ("template", "en", ["--force"]),
    ],
)
def test_help_names_the_output_formats(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    lang: str,
    needles: list[str],
) -> None:
    monkeypatch.setenv("WBAMATCH_LANG", lang)  # the help's language (template has no --lang)
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


def test_meet_greet_handouts_take_times_names_and_tables(tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text("id,name\nc-001,Bert de Vries\n", encoding="utf-8")
    tables = tmp_path / "tables.csv"
    rooms = "".join(f"p-{k:03d};Zaal {k + 2}\n" for k in range(1, 9))
    tables.write_text("package_id;table\n" + rooms, encoding="utf-8")
    out = tmp_path / "event"
    args = ["meet-greet", "--demo", "--rounds", "3", "--per-candidate", "2", "--per-package", "2"]
    extra = ["--start", "10:00", "--minutes", "15", "--names", str(names), "--tables", str(tables)]
    assert main([*args, *extra, "--out", str(out)]) == 0
    page = (out / "schedule.html").read_text(encoding="utf-8")
    assert "Bert de Vries" in page and "Zaal 3" in page and "10:00" in page


def test_match_takes_the_current_placements(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c, p, cur = tmp_path / "c.json", tmp_path / "p.json", tmp_path / "current.json"
    c.write_text(json.dumps([cand_dict("c-1"), cand_dict("c-2")]))
    p.write_text(json.dumps([pkg_dict("p-1", slots=2)]))
    cur.write_text(json.dumps([{"candidate_id": "c-1", "package_id": "p-1"}]))
    args = ["match", "--candidates", str(c), "--packages", str(p), "--current", str(cur)]
    assert main(args) == 0
    result = wbamatch.MatchResult.model_validate_json(capsys.readouterr().out)
    assert {a.candidate_id: a.status.value for a in result.assignments} == {
        "c-1": "stays",
        "c-2": "new",
    }
    assert result.banen_new == pytest.approx(result.assignment_of("c-2").banen)
    cur.write_text(json.dumps([{"candidate_id": "c-9", "package_id": "p-1"}]))
    assert main(args) == 2
    assert "'c-9'" in capsys.readouterr().err
