"""``wbamatch carve``: a package for one candidate, or a split over a team, from JSON files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dutch import assert_dutch
from factories import DEN_HAAG, UTRECHT, cand_dict
from wbamatch._cli import main
from wbamatch._jobcarving import CarveResult, TeamCarveResult, demo_tasks

TERMS = {"offers": {"structure": True}, "contract": {"type": "permanent"}, "location": UTRECHT}


def _tasks() -> list[dict[str, Any]]:
    return [
        {"id": "t-1", "hours": 8, "tags": ["archiving"], "stimulus": "low",
         "description": "Archive files"},
        {"id": "t-2", "hours": 12, "tags": ["scanning"], "stimulus": "low"},
        {"id": "t-3", "hours": 8, "tags": ["lifting"], "demands": {"lifting": 3}},
    ]  # fmt: skip


def _write(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WBAMATCH_LANG", raising=False)


def test_demo_prints_the_package_and_the_leftover(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["carve", "--demo"]) == 0
    out = capsys.readouterr().out
    assert "Pakket p-c-001 voor c-001" in out and "Over (de regel" in out
    assert "geen vaste werktijden" in out and "fixed_hours" not in out  # reasons in words
    assert main(["carve", "--demo", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Package p-c-001 for c-001" in out and "Left over" in out
    assert "no fixed working hours" in out and "8 h" in out


def test_the_carve_text_is_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tasks = [{**t, "description": "Dossiers archiveren"} for t in _tasks()]
    args = ["carve", "--tasks", _write(tmp_path, "t.json", tasks)]
    person = _write(tmp_path, "c.json", cand_dict(capacities={"lifting": 1}))
    terms = _write(tmp_path, "terms.json", TERMS)
    assert main([*args, "--candidate", person, "--terms", terms]) == 0
    out = capsys.readouterr().out
    assert "20 uur per week" in out and "8 u" in out and "vraagt meer tillen" in out
    assert_dutch(out)


def test_nothing_fits_says_why_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tasks = _write(tmp_path, "t.json", [_tasks()[2]])  # lifting 3 only
    person = _write(tmp_path, "c.json", cand_dict(capacities={"lifting": 1}))
    assert main(["carve", "--tasks", tasks, "--candidate", person, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("No package fits c-1:") and "lifting" in out
    assert "capacity:" not in out and "no_task_fits" not in out


def test_a_team_in_words(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    tasks = _write(tmp_path, "t.json", [t.model_dump(mode="json") for t in demo_tasks()])
    people = [cand_dict("c-1", home=DEN_HAAG), cand_dict("c-2", skills=["scanning"])]
    team_file = _write(tmp_path, "c.json", people)
    terms = _write(tmp_path, "terms.json", {**TERMS, "location": {"place": "Den Haag"}})
    assert main(["carve", "--tasks", tasks, "--candidate", team_file, "--terms", terms]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("c-1: ") and lines[1].startswith("c-2: ")
    assert "totale score" in lines[-1] and "banen" in lines[-1]


def test_carve_from_files_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tasks = _write(tmp_path, "t.json", _tasks())
    person = _write(tmp_path, "c.json", cand_dict(capacities={"lifting": 1}))
    terms = _write(tmp_path, "terms.json", TERMS)
    args = ["carve", "--tasks", tasks, "--candidate", person, "--terms", terms, "--json"]
    assert main(args) == 0
    result = CarveResult.model_validate_json(capsys.readouterr().out)
    assert result.task_ids == ["t-1", "t-2"] and result.hours == 20
    assert {t.task_id: t.reasons for t in result.leftover} == {"t-3": ["capacity:lifting"]}


def test_text_output_and_out_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tasks = _write(tmp_path, "t.json", _tasks())
    person = _write(tmp_path, "c.json", [cand_dict()])  # a list of one is one candidate
    terms = _write(tmp_path, "terms.json", TERMS)
    out = tmp_path / "r.json"
    args = ["carve", "--tasks", tasks, "--candidate", person, "--terms", terms]
    assert main([*args, "--id", "p-new", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Pakket p-new voor c-1" in text and "Archive files" in text
    saved = CarveResult.model_validate_json(out.read_text(encoding="utf-8"))
    assert saved.package is not None and saved.package.id == "p-new"
    assert {f.name for f in tmp_path.iterdir()} == {"t.json", "c.json", "terms.json", "r.json"}


def test_several_candidates_carve_a_team(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tasks = _write(tmp_path, "t.json", [t.model_dump(mode="json") for t in demo_tasks()])
    people = [cand_dict("c-1", home=DEN_HAAG), cand_dict("c-2", skills=["scanning"])]
    team_file = _write(tmp_path, "c.json", people)
    terms = _write(tmp_path, "terms.json", {**TERMS, "location": {"place": "Den Haag"}})
    args = ["carve", "--tasks", tasks, "--candidate", team_file, "--terms", terms, "--json"]
    assert main(args) == 0
    team = TeamCarveResult.model_validate_json(capsys.readouterr().out)
    given = [t for r in team.results for t in r.task_ids]
    assert len(given) == len(set(given)) and [r.candidate_id for r in team.results] == [
        "c-1",
        "c-2",
    ]


def test_missing_inputs_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["carve"]) == 2
    assert "--tasks" in capsys.readouterr().err


def test_bad_task_exits_2_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tasks = _write(tmp_path, "t.json", [{"id": "t-bad", "hours": 0}])
    person = _write(tmp_path, "c.json", cand_dict())
    assert main(["carve", "--tasks", tasks, "--candidate", person]) == 2
    err = capsys.readouterr().err
    assert "file 't.json', record 't-bad', field hours: " in err and "Traceback" not in err


def test_duplicate_task_ids_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tasks = _write(tmp_path, "t.json", [_tasks()[0], _tasks()[0]])
    person = _write(tmp_path, "c.json", cand_dict())
    assert main(["carve", "--tasks", tasks, "--candidate", person]) == 2
    assert "t-1" in capsys.readouterr().err
