"""Hostile and broken input (issue 4, section 4): every entry point refuses it with a specific
error type and a message naming record and field; nothing is mutated or half-written; no pickle,
eval or network anywhere in the library.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import json
import os
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from itertools import repeat
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import wbamatch
from factories import cand_dict, pkg_dict
from wbamatch import Candidate, TaskPackage
from wbamatch._assignment._flow import flow_available
from wbamatch._cli import main
from wbamatch._jsonfile import MAX_DOCUMENT_BYTES

NAN, INF = float("nan"), float("inf")

Records = list[dict[str, Any]]

#: The Python entry points, each on (candidates, packages). ``explain`` takes the first of each,
#: so the broken record is always put first.
ENTRY_POINTS: dict[str, Callable[[Any, Any], object]] = {
    "match": lambda c, p: wbamatch.match(c, p),
    "compatibility": lambda c, p: wbamatch.compatibility(c, p),
    "shortlist": lambda c, p: wbamatch.shortlist(c, p, k=2, near_misses=1),
    "meet_and_greet": lambda c, p: wbamatch.plan_meet_and_greet(
        c, p, rounds=2, per_candidate=1, per_package=1
    ),
    "explain": lambda c, p: wbamatch.explain(c[0], p[0]),
}
LIST_ENTRY_POINTS = {k: v for k, v in ENTRY_POINTS.items() if k != "explain"}
CLI_COMMANDS: dict[str, list[str]] = {
    "match": ["match"],
    "shortlist": ["shortlist", "-k", "2"],
    "meet-greet": ["meet-greet", "--rounds", "2", "--per-candidate", "1", "--per-package", "1"],
}


def _inputs(kind: str, over: dict[str, Any]) -> tuple[Records, Records]:
    """One broken record first, followed by a valid one of the same kind."""
    if kind == "cand":
        return [cand_dict("c-1", **over), cand_dict("c-2")], [pkg_dict("p-1")]
    return [cand_dict("c-1")], [pkg_dict("p-1", **over), pkg_dict("p-2")]


def _cli(tmp_path: Path, cands: Any, packs: Any, command: list[str]) -> int:
    c, p = tmp_path / "c.json", tmp_path / "p.json"
    c.write_text(json.dumps(cands), encoding="utf-8")
    p.write_text(json.dumps(packs), encoding="utf-8")
    return main([*command, "--candidates", str(c), "--packages", str(p)])


def _run_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cands: Any, packs: Any, cmd: str
) -> tuple[int, str]:
    code = _cli(tmp_path, cands, packs, CLI_COMMANDS[cmd])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


# ------------------------------------------------------------------------------------------
# Record-level errors: NaN/inf, hours, min > max, enums, dimensions, levels, slots, text
# ------------------------------------------------------------------------------------------
RECORD_CASES: list[tuple[str, str, dict[str, Any], str]] = [
    ("nan", "cand", {"hours": {"min": NAN}}, "hours.min"),
    ("inf", "pkg", {"hours": {"per_week": INF}}, "hours.per_week"),
    ("nan coordinate", "cand", {"home": {"lat": NAN}}, "home.lat"),
    ("inf commute limit", "cand", {"needs": {"max_commute_minutes": INF}}, "needs.max_commute"),
    ("negative hours", "cand", {"hours": {"min": -4}}, "hours.min"),
    ("negative package hours", "pkg", {"hours": {"per_week": -1}}, "hours.per_week"),
    ("over 60 hours a week", "cand", {"hours": {"max": 61}}, "hours.max"),
    ("package over 60 hours", "pkg", {"hours": {"per_week": 80}}, "hours.per_week"),
    ("growth over 60 hours", "pkg", {"hours": {"growth_to": 61}}, "hours.growth_to"),
    ("day over 24 hours", "cand", {"hours": {"max_per_day": 25}}, "hours.max_per_day"),
    ("min above max", "cand", {"hours": {"min": 30, "max": 20}}, "hours"),
    ("growth below hours", "pkg", {"hours": {"per_week": 20, "growth_to": 10}}, "hours"),
    ("unknown education", "cand", {"education": "phd"}, "education"),
    ("unknown target group", "cand", {"target_group": "students"}, "target_group"),
    ("unknown travel mode", "cand", {"needs": {"travel_mode": "jetpack"}}, "needs.travel_mode"),
    ("unknown schedule", "pkg", {"schedule": {"kind": "nights"}}, "schedule.kind"),
    ("unknown contract", "pkg", {"contract": {"type": "gig"}}, "contract.type"),
    ("unknown stimulus", "pkg", {"stimulus": "extreme"}, "stimulus"),
    ("unknown track", "pkg", {"track": "fast"}, "track"),
    ("unknown work location", "pkg", {"work_location": "moon"}, "work_location"),
    ("unknown dimension", "cand", {"capacities": {"flying": 2}}, "capacities.flying"),
    ("unknown demand dimension", "pkg", {"demands": {"flying": 2}}, "demands.flying"),
    ("unknown field", "cand", {"bsn": "123456789"}, "bsn"),
    ("level above 3", "cand", {"capacities": {"work_pace": 4}}, "capacities.work_pace"),
    ("level below 0", "pkg", {"demands": {"lifting": -1}}, "demands.lifting"),
    ("level not whole", "pkg", {"demands": {"lifting": 1.5}}, "demands.lifting"),
    ("level as text", "cand", {"capacities": {"sitting": "2"}}, "capacities.sitting"),
    ("zero slots", "pkg", {"slots": 0}, "slots"),
    ("negative slots", "pkg", {"slots": -3}, "slots"),
    ("absurd slots", "pkg", {"slots": 10**9}, "slots"),
    ("zero days", "pkg", {"hours": {"days": 0}}, "hours.days"),
    ("bad start time", "pkg", {"schedule": {"start": "25:00"}}, "schedule.start"),
    ("bad minimum education", "pkg", {"min_education": "unknown"}, "min_education"),
    ("escape in referenced id", "cand", {"excluded_packages": ["p\x1b[2J"]}, "excluded_packages.0"),
    ("escape in employer", "pkg", {"employer": "ACME\x1b[31m"}, "employer"),
    ("nul in skill", "cand", {"skills": ["archiving\x00"]}, "skills.0"),
    ("too many skills", "cand", {"skills": [f"s{i}" for i in range(501)]}, "skills"),
    ("tag too long", "pkg", {"tasks": ["x" * 101]}, "tasks.0"),
    ("both place and coordinates", "cand", {"home": {"place": "Utrecht"}}, "home"),
]


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(("name", "kind", "over", "field"), RECORD_CASES, ids=lambda v: str(v))
def test_python_entry_points_refuse_broken_records(
    entry: str, name: str, kind: str, over: dict[str, Any], field: str
) -> None:
    cands, packs = _inputs(kind, over)
    before = copy.deepcopy((cands, packs))
    with pytest.raises(ValidationError) as info:
        ENTRY_POINTS[entry](cands, packs)
    text = str(info.value)
    rid = "c-1" if kind == "cand" else "p-1"
    assert f"'{rid}'" in text.splitlines()[0], text  # the title names the record
    assert field in text, text  # the location names the field
    assert json.dumps(before, default=str) == json.dumps((cands, packs), default=str)


@pytest.mark.parametrize("cmd", CLI_COMMANDS)
@pytest.mark.parametrize(("name", "kind", "over", "field"), RECORD_CASES, ids=lambda v: str(v))
def test_cli_refuses_broken_records_with_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cmd: str,
    name: str,
    kind: str,
    over: dict[str, Any],
    field: str,
) -> None:
    cands, packs = _inputs(kind, over)
    code, err = _run_cli(tmp_path, capsys, cands, packs, cmd)
    assert code == 2
    assert ("c-1" if kind == "cand" else "p-1") in err and field in err


def test_errors_never_echo_health_data_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = [
        {"capacities": {"work_pace": 77}},
        {"needs": {"max_commute_minutes": 4242}},
        {"hours": {"min": 4711, "max": 4712}},
        {"bsn": "987654321"},
    ]
    for over in cases:
        with pytest.raises(ValidationError) as info:
            wbamatch.match([cand_dict("c-1", **over)], [pkg_dict()])
        for secret in ("77", "4242", "4711", "987654321"):
            assert secret not in str(info.value)
            assert secret not in repr(info.value.errors())
        assert _cli(tmp_path, [cand_dict("c-1", **over)], [pkg_dict()], ["match"]) == 2
        err = capsys.readouterr().err
        assert not any(s in err for s in ("77", "4242", "4711", "987654321"))


# ------------------------------------------------------------------------------------------
# Ids: too long, control characters, look-alikes, not a string
# ------------------------------------------------------------------------------------------
BAD_IDS = [
    "c" * 201,
    "",
    "   ",
    "c-1\n",
    "c-\x1b[2J",
    "c-\x00",
    "c-\x85",  # C1 control (NEL)
    "c-\u202e1",  # right-to-left override: shows as a different id
    "c-\u200b1",  # zero-width space: looks like c-1
    "c-\u2028",  # line separator
    17,
    None,
]


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("bad", BAD_IDS, ids=repr)
def test_bad_ids_are_refused_everywhere(entry: str, bad: object) -> None:
    for cands, packs, where in (
        ([cand_dict(bad)], [pkg_dict()], "Candidate"),  # type: ignore[arg-type]
        ([cand_dict()], [pkg_dict(bad)], "TaskPackage"),  # type: ignore[arg-type]
    ):
        with pytest.raises(ValidationError) as info:
            ENTRY_POINTS[entry](cands, packs)
        text = str(info.value)
        # No unprintable id in the title: the record is named by its position instead.
        assert text.splitlines()[0].endswith(f"{where} #0")
        assert "\nid\n" in text


@pytest.mark.parametrize("bad", BAD_IDS[:10], ids=repr)
def test_cli_refuses_bad_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    code, err = _run_cli(tmp_path, capsys, [cand_dict(bad)], [pkg_dict()], "match")
    assert code == 2 and ", field id: " in err  # one line per error: file, record, field
    assert "\x1b" not in err and "\u202e" not in err


def test_ids_of_200_printable_characters_are_fine() -> None:
    cid = "ç" * 199 + "1"
    result = wbamatch.match([cand_dict(cid)], [pkg_dict("p 1 (Den Haag)")])
    assert [a.candidate_id for a in result.assignments] == [cid]


def test_an_invalid_id_error_names_the_record_position() -> None:
    with pytest.raises(ValidationError) as info:
        wbamatch.match([cand_dict("c-1"), cand_dict("c\n2")], [pkg_dict()])
    assert "#1" in str(info.value)


# ------------------------------------------------------------------------------------------
# Unknown places, duplicate ids, empty lists, wrong containers
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_unknown_places(entry: str) -> None:
    cand = cand_dict("c-1") | {"home": {"place": "Atlantis"}}
    with pytest.raises(wbamatch.UnknownPlaceError) as info:
        ENTRY_POINTS[entry]([cand], [pkg_dict()])
    assert "c-1" in str(info.value) and "home.place" in str(info.value)
    pack = pkg_dict("p-1") | {"location": {"place": "Xanadu"}}
    with pytest.raises(wbamatch.UnknownPlaceError) as info:
        ENTRY_POINTS[entry]([cand_dict()], [pack])
    assert "p-1" in str(info.value) and "location.place" in str(info.value)


@pytest.mark.parametrize("cmd", CLI_COMMANDS)
def test_cli_unknown_place(tmp_path: Path, capsys: pytest.CaptureFixture[str], cmd: str) -> None:
    cand = cand_dict("c-1") | {"home": {"place": "Atlantis"}}
    code, err = _run_cli(tmp_path, capsys, [cand], [pkg_dict()], cmd)
    assert code == 2 and "c-1" in err and "home.place" in err


@pytest.mark.parametrize("entry", LIST_ENTRY_POINTS)
def test_duplicate_ids(entry: str) -> None:
    with pytest.raises(wbamatch.DuplicateIdError, match=r"candidate ids must be unique.*'c-1'"):
        LIST_ENTRY_POINTS[entry]([cand_dict("c-1"), cand_dict("c-1")], [pkg_dict()])
    with pytest.raises(wbamatch.DuplicateIdError, match=r"package ids must be unique.*'p-1'"):
        LIST_ENTRY_POINTS[entry]([cand_dict()], [pkg_dict("p-1"), pkg_dict("p-1")])


@pytest.mark.parametrize("entry", LIST_ENTRY_POINTS)
def test_empty_and_wrong_containers(entry: str) -> None:
    call = LIST_ENTRY_POINTS[entry]
    with pytest.raises(wbamatch.InputError, match="no candidates given"):
        call([], [pkg_dict()])
    with pytest.raises(wbamatch.InputError, match="no packages given"):
        call([cand_dict()], iter([]))
    with pytest.raises(wbamatch.InputError, match="must be a list of records"):
        call(cand_dict(), [pkg_dict()])
    with pytest.raises(wbamatch.InputError, match="must be a list of records"):
        call([cand_dict()], "p-1")
    with pytest.raises(wbamatch.InputError, match=r"candidate #1: expected a Candidate or a dict"):
        call([cand_dict(), ["c-2"]], [pkg_dict()])
    with pytest.raises(wbamatch.InputError, match=r"package #0: expected a TaskPackage"):
        call([cand_dict()], [Candidate.model_validate(cand_dict())])


@pytest.mark.parametrize("bad", [None, 5, 2.5])
def test_a_non_iterable_is_an_input_error(bad: object) -> None:
    with pytest.raises(wbamatch.InputError):
        wbamatch.match(bad, [pkg_dict()])  # type: ignore[arg-type]


@pytest.mark.parametrize("cmd", CLI_COMMANDS)
@pytest.mark.parametrize(
    ("cands", "packs", "needle"),
    [
        ([], [pkg_dict()], "no candidates given"),
        ([cand_dict()], [], "no packages given"),
        ([cand_dict("c-1"), cand_dict("c-1")], [pkg_dict()], "'c-1'"),
        (cand_dict(), [pkg_dict()], "must hold a JSON list"),
        ([cand_dict(), 3], [pkg_dict()], "candidate #1"),
    ],
)
def test_cli_empty_duplicate_and_wrong_shapes(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cmd: str,
    cands: Any,
    packs: Any,
    needle: str,
) -> None:
    code, err = _run_cli(tmp_path, capsys, cands, packs, cmd)
    assert code == 2 and needle in err


# ------------------------------------------------------------------------------------------
# Size limits
# ------------------------------------------------------------------------------------------
def test_config_size_limits_are_refused_with_a_clear_message() -> None:
    cands = [cand_dict(f"c-{i}") for i in range(4)]
    with pytest.raises(wbamatch.InputError, match=r"more than 3 candidates.*max_candidates"):
        wbamatch.match(cands, [pkg_dict()], {"max_candidates": 3})
    packs = [pkg_dict(f"p-{i}") for i in range(3)]
    with pytest.raises(wbamatch.InputError, match=r"more than 2 packages.*max_packages"):
        wbamatch.shortlist([cand_dict()], packs, config={"max_packages": 2})


def _endless(record: Any) -> Iterator[Any]:
    yield from repeat(record)


def test_default_limits_stop_an_endless_input_early() -> None:
    # A generator that never ends: refused after 200,000 candidates, not after memory runs out.
    cand = Candidate.model_validate(cand_dict())
    assert wbamatch.MatchConfig().max_candidates == 200_000
    with pytest.raises(wbamatch.InputError, match="more than 200000 candidates"):
        wbamatch.match(_endless(cand), [pkg_dict()])
    pack = TaskPackage.model_validate(pkg_dict())
    assert wbamatch.MatchConfig().max_packages == 50_000
    with pytest.raises(wbamatch.InputError, match="more than 50000 packages"):
        wbamatch.compatibility([cand], _endless(pack))


def test_cli_refuses_documents_over_10_mb(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert MAX_DOCUMENT_BYTES == 10 * 1024 * 1024
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.write(b"[" + b" " * MAX_DOCUMENT_BYTES + b"]")
    p = tmp_path / "p.json"
    p.write_text(json.dumps([pkg_dict()]))
    assert main(["match", "--candidates", str(big), "--packages", str(p)]) == 2
    assert "over the limit of 10485760 bytes" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_cli_reads_no_more_than_the_limit_from_an_endless_device(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # stat() says 0 bytes for a device: the loader must not trust it and read forever.
    assert main(["match", "--candidates", "/dev/zero", "--packages", "/dev/zero"]) == 2
    assert "over the limit" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------
# The JSON loader of the CLI
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"[" + b"9" * 5000 + b"]", "number with too many digits"),
        (b'[{"id": "c-1", "id": "c-2"}]', "key 'id' appears twice"),
        (b"\xff\xfe[]", "not UTF-8"),
        (b"[1,", "not valid JSON (line 1, column 4)"),
        (b"", "not valid JSON"),
        (b"null", "must hold a JSON list"),
        (b'[{"id": "c-1", "hours": {"min": NaN, "max": 20}}]', "hours.min"),
        (b'[{"id": "c-1", "hours": {"min": 1, "max": Infinity}}]', "hours.max"),
        (b'[{"id": "c-1", "hours": {"min": 1e999, "max": 20}}]', "hours.min"),
        (b'["\\ud800"]', "candidate #0"),
    ],
)
def test_cli_loader_refuses_broken_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, needle: str
) -> None:
    c, p = tmp_path / "c.json", tmp_path / "p.json"
    c.write_bytes(content)
    p.write_text(json.dumps([pkg_dict()]))
    assert main(["match", "--candidates", str(c), "--packages", str(p)]) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_cli_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    c, p = tmp_path / "c.json", tmp_path / "p.json"
    c.write_bytes(b"\xef\xbb\xbf" + json.dumps([cand_dict()]).encode())
    p.write_text(json.dumps([pkg_dict()]))
    assert main(["match", "--candidates", str(c), "--packages", str(p)]) == 0


def test_cli_paths_that_are_not_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "p.json"
    p.write_text(json.dumps([pkg_dict()]))
    assert main(["match", "--candidates", str(tmp_path), "--packages", str(p)]) == 2
    assert "cannot be read" in capsys.readouterr().err
    assert main(["match", "--candidates", str(tmp_path / "nope"), "--packages", str(p)]) == 2
    assert main(["nonsense"]) == 2  # argparse's usage error is an exit code, not SystemExit
    assert main(["match"]) == 2


def test_cli_config_file_is_validated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    c, p, cfg = tmp_path / "c.json", tmp_path / "p.json", tmp_path / "cfg.json"
    c.write_text(json.dumps([cand_dict()]))
    p.write_text(json.dumps([pkg_dict()]))
    for doc, needle in [
        ({"rules": {"teleport": "off"}}, "rules"),
        ({"weights": {"skills": -1}}, "weights"),
        ({"max_candidates": 0}, "max_candidates"),
        ([1, 2], "MatchConfig"),
    ]:
        cfg.write_text(json.dumps(doc))
        args = ["match", "--candidates", str(c), "--packages", str(p), "--config", str(cfg)]
        assert main(args) == 2
        assert needle in capsys.readouterr().err


# ------------------------------------------------------------------------------------------
# Inputs are never mutated; failing calls leave files untouched; writes are atomic
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_inputs_are_never_mutated(entry: str) -> None:
    cands = [cand_dict("c-2", skills=["Archiving ", "x"]), cand_dict("c-1", home=None)]
    packs = [pkg_dict("p-2", tasks=["B", "a"]), pkg_dict("p-1", slots=2)]
    models = [Candidate.model_validate(c) for c in cands]
    before = copy.deepcopy((cands, packs))
    dumps = [m.model_dump() for m in models]
    ENTRY_POINTS[entry](cands, packs)
    ENTRY_POINTS[entry](models, packs)
    assert (cands, packs) == before
    assert [m.model_dump() for m in models] == dumps
    broken = [*cands, cand_dict("c-3", hours={"min": 30, "max": 20})]
    snapshot = copy.deepcopy(broken)
    with pytest.raises(ValidationError):
        LIST_ENTRY_POINTS.get(entry, ENTRY_POINTS["match"])(broken, packs)
    assert broken == snapshot


def _write_inputs(tmp_path: Path, cands: Any) -> list[str]:
    c, p = tmp_path / "c.json", tmp_path / "p.json"
    c.write_text(json.dumps(cands))
    p.write_text(json.dumps([pkg_dict()]))
    return ["match", "--candidates", str(c), "--packages", str(p)]


def test_a_failing_cli_run_leaves_the_output_file_untouched(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("old result")
    args = _write_inputs(tmp_path, [cand_dict(hours={"min": 30, "max": 20})])
    inputs_before = {f.name: f.read_bytes() for f in tmp_path.iterdir()}
    assert main([*args, "--out", str(out)]) == 2
    assert {f.name: f.read_bytes() for f in tmp_path.iterdir()} == inputs_before


def test_a_crash_while_writing_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.json"
    out.write_text("old result")
    args = _write_inputs(tmp_path, [cand_dict()])

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    assert main([*args, "--out", str(out), "--force"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_text() == "old result"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["c.json", "p.json", "r.json"]


@pytest.mark.parametrize("target", ["dir", "missing/r.json"])
def test_cli_output_path_problems_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    (tmp_path / "dir").mkdir()
    args = _write_inputs(tmp_path, [cand_dict()])
    assert main([*args, "--out", str(tmp_path / target)]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err
    assert not list((tmp_path / "dir").iterdir())


# ------------------------------------------------------------------------------------------
# No pickle, no eval, no network
# ------------------------------------------------------------------------------------------
FORBIDDEN_MODULES = {
    "pickle",
    "cPickle",
    "dill",
    "joblib",
    "marshal",
    "shelve",
    "socket",
    "ssl",
    "urllib",
    "urllib3",
    "http",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "xmlrpc",
    "webbrowser",
}
#: Builtins that run code from data.
FORBIDDEN_BUILTINS = {"eval", "exec", "compile", "__import__", "breakpoint"}


def test_no_pickle_eval_or_network_anywhere_in_the_library() -> None:
    src = Path(wbamatch.__file__).parent
    found: list[str] = []
    for path in sorted(src.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            found += [
                f"{path.name}:{node.lineno} imports {n}"
                for n in names
                if n.split(".")[0] in FORBIDDEN_MODULES
            ]
            if not isinstance(node, ast.Call):
                continue
            func, where = node.func, f"{path.name}:{node.lineno}"
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_BUILTINS:
                found.append(f"{where} calls {func.id}")
            if isinstance(func, ast.Attribute) and func.attr in {"read_pickle", "to_pickle"}:
                found.append(f"{where} calls {func.attr}")
            if any(k.arg == "allow_pickle" for k in node.keywords):
                found.append(f"{where} passes allow_pickle")
    assert found == []


# ------------------------------------------------------------------------------------------
# Known gaps outside the validated models (see the closing note): strict xfails, so they turn
# red as soon as they are fixed and the marker can go.
# ------------------------------------------------------------------------------------------


def test_compatibility_lookup_with_a_non_string_id() -> None:
    comp = wbamatch.compatibility([cand_dict()], [pkg_dict()])
    with pytest.raises(wbamatch.UnknownIdError):
        comp.reasons(1, 2)  # type: ignore[arg-type]


def test_huge_weights_are_refused_or_harmless() -> None:
    cands, packs = wbamatch.demo_data()
    try:
        huge = wbamatch.compatibility(cands, packs, {"weights": {"skills": 1e308, "level": 1e308}})
    except ValidationError:
        return
    unit = wbamatch.compatibility(cands, packs, {"weights": {"skills": 1.0, "level": 1.0}})
    assert huge.raw_scores.tolist() == pytest.approx(unit.raw_scores.tolist())


@pytest.mark.parametrize(
    "config",
    [
        {"commute_score_minutes": 1e-320},
        {"commute": {"speed_kmh": {"public_transport": 5e-324}}},
        {"commute": {"detour_factor": {"public_transport": 1e308}}},
    ],
    ids=["commute_score_minutes", "speed_kmh", "detour_factor"],
)
def test_extreme_commute_settings_are_refused_or_harmless(config: dict[str, Any]) -> None:
    cands, packs = wbamatch.demo_data()
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with contextlib.suppress(ValidationError):
            wbamatch.match(cands, packs, config)


class _Provider:
    """A travel-time provider returning whatever it is given."""

    def __init__(self, value: Callable[[int, int], Any]) -> None:
        self.value = value

    def minutes(self, origins: Any, destinations: Any, modes: Any) -> Any:
        return self.value(len(origins), len(destinations))


def test_travel_minutes_matrix_is_checked() -> None:
    cands, packs = [cand_dict("c-1"), cand_dict("c-2")], [pkg_dict()]
    for bad, needle in [
        ([["a"], ["b"]], "numeric"),
        ([[1.0]], "shape"),
        ([[-1.0], [2.0]], ">= 0"),
        ([[INF], [2.0]], "finite"),
        (object(), "numeric"),
    ]:
        with pytest.raises(wbamatch.InputError, match=needle):
            wbamatch.match(cands, packs, travel_minutes=bad)
    with pytest.raises(wbamatch.InputError, match="shape"):
        wbamatch.match(cands, packs, travel_minutes=_Provider(lambda n, m: None))


@pytest.mark.parametrize(
    "value",
    [lambda n, m: [["a"] * m] * n, lambda n, m: [[-5.0] * m] * n, lambda n, m: [[INF] * m] * n],
    ids=["text", "negative", "infinite"],
)
def test_travel_time_provider_output_is_checked(value: Callable[[int, int], Any]) -> None:
    with pytest.raises(wbamatch.InputError):
        wbamatch.match(
            [cand_dict("c-1"), cand_dict("c-2")], [pkg_dict()], travel_minutes=_Provider(value)
        )


# ------------------------------------------------------------------------------------------
# Issue 13: bounded solving, strict values, no health data or config values by accident
# ------------------------------------------------------------------------------------------
def _run_limited(code: str, seconds: float = 20.0) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter under a 2 GB address-space limit."""
    prelude = (
        "import resource\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "import wbamatch\n"
    )
    return subprocess.run(
        [sys.executable, "-c", prelude + code],
        capture_output=True,
        text=True,
        timeout=seconds,
        env={**os.environ, "PYTHONPATH": str(Path(wbamatch.__file__).parents[1])},
    )


@pytest.mark.parametrize("flow", [True, False])
def test_slot_expansion_is_counted_against_the_memory_limit(flow: bool) -> None:
    # 20,000 identical candidates x 2 packages with 10,000 slots each: expanding the slots
    # asked 3 GB and ended in MemoryError; now it is refused up front with the projected MB.
    # Min-cost flow (wbamatch[fast]) never expands slots: it places all 20,000 within 2 GB.
    if flow and not flow_available():
        pytest.skip("OR-Tools not installed")
    code = (
        "import wbamatch._assignment._edges as e\n"
        f"if not {flow}: e.flow_available = lambda: False\n"
        "c = [{'id': f'c-{i:05d}', 'hours': {'min': 16, 'max': 24},\n"
        "      'home': {'lat': 52.09, 'lon': 5.12}} for i in range(20000)]\n"
        "p = [{'id': f'p-{j}', 'hours': {'per_week': 20, 'days': 4}, 'slots': 10000,\n"
        "      'location': {'lat': 52.09, 'lon': 5.12}} for j in range(2)]\n"
        "try:\n"
        "    r = wbamatch.match(c, p, {'max_memory_mb': 2000}, progress=False)\n"
        "    print('placed:', len(r.assignments), r.certificate.gap)\n"
        "except wbamatch.ResourceLimitError as exc:\n"
        "    print('refused:', exc)\n"
    )
    out = _run_limited(code, seconds=60.0)
    assert out.returncode == 0, out.stderr[-2000:]
    if flow:
        assert out.stdout.split() == ["placed:", "20000", "0.0"]
    else:
        assert "refused:" in out.stdout and "MB" in out.stdout and "max_memory_mb" in out.stdout


def test_dense_compatibility_is_refused_before_it_is_built() -> None:
    cands, packs = wbamatch.synthetic(300, 50, seed=1)
    with pytest.raises(wbamatch.ResourceLimitError, match="dense arrays"):
        wbamatch.compatibility(cands, packs, {"max_memory_mb": 1})
    with pytest.raises(wbamatch.ResourceLimitError):
        wbamatch.plan_meet_and_greet(
            cands, packs, config={"max_memory_mb": 1}, rounds=2, per_candidate=1, per_package=1
        )
    assert wbamatch.compatibility(cands[:5], packs[:5], {"max_memory_mb": 1}).shape == (5, 5)


def test_a_pin_note_and_config_values_are_never_echoed() -> None:
    note = "diagnose: autisme, overprikkeld"
    bad = [
        {"pinned": [{"candidate_id": "c-1", "package_id": "p-1", "note": note * 30}]},
        {"pinned": [{"candidate_id": "c-1", "package_id": "p-1", "note": note, "extra": note}]},
        {"penalty": 0.4242e3},
        {"default_max_commute_minutes": "4711 minutes"},
        {"weights": {"skills": -0.4242}},
        {"evening_window": ["18:00\n", note]},
    ]
    for config in bad:
        with pytest.raises(ValidationError) as info:
            wbamatch.MatchConfig.model_validate(config)
        shown = str(info.value) + repr(info.value.errors()) + info.value.json()
        for secret in ("autisme", "424", "4711"):
            assert secret not in shown, (config, shown)


@pytest.mark.parametrize(
    "over",
    [
        {"slots": True},
        {"slots": "3"},
        {"slots": 2.0},
        {"hours": {"per_week": 20, "days": 4.0}},
        {"schedule": {"kind": "fixed", "start": "09:30\n"}},
        {"schedule": {"kind": "fixed", "start": " 09:30"}},
        {"contract": {"type": "temporary", "months": "12"}},
    ],
    ids=repr,
)
def test_strict_values(over: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        TaskPackage.model_validate(pkg_dict("p-1", **over))


def test_ids_are_one_spelling() -> None:
    decomposed = Candidate.model_validate(cand_dict("c-e\u0301001"))
    assert decomposed.id == "c-\u00e9001"  # NFC: the same id however it was typed
    for spaced in (" c-1", "c-1 ", "  c-1  "):
        with pytest.raises(ValidationError, match="space"):
            Candidate.model_validate(cand_dict(spaced))
    # A refusal typed either way still hits the package.
    c = cand_dict("c-1", excluded_packages=["p-e\u0301"])
    comp = wbamatch.compatibility([c], [pkg_dict("p-\u00e9")])
    assert comp.reasons("c-1", "p-\u00e9") == ["excluded"]
    pin = {"candidate_id": "c-e\u0301", "package_id": "p-1"}
    assert wbamatch.MatchConfig(pinned=[pin]).pinned[0].candidate_id == "c-\u00e9"


def test_every_bad_record_is_reported_at_once_with_a_did_you_mean() -> None:
    cands = [
        cand_dict("c-1", neds={"structure": True}),
        cand_dict("c-2", hours={"min": 30, "max": 20}),
        cand_dict("c-3"),
        cand_dict(" c-4"),
    ]
    with pytest.raises(ValidationError) as info:
        wbamatch.match(cands, [pkg_dict()])
    text = str(info.value)
    assert text.splitlines()[0] == "3 validation errors for 3 invalid candidates"
    assert "'c-1'.neds" in text and "did you mean 'needs'?" in text
    assert "'c-2'.hours" in text and "#3.id" in text
    assert "errors.pydantic.dev" not in text and "c-3" not in text
    locs = [e["loc"][0] for e in info.value.errors()]
    assert locs == ["'c-1'", "'c-2'", "#3"]


def _counts(value: object) -> list[tuple[str, Callable[[], object]]]:
    """Every public count argument, each called with ``value``."""
    cands, packs = wbamatch.demo_data()
    result = wbamatch.match(cands, packs)
    plan = wbamatch.plan_meet_and_greet(cands, packs, 2, 1, 1)
    return [
        ("k", lambda: wbamatch.shortlist(cands, packs, k=value)),
        ("near_misses", lambda: wbamatch.shortlist(cands, packs, near_misses=value)),
        ("rounds", lambda: wbamatch.plan_meet_and_greet(cands, packs, value, 1, 1)),
        ("per_package", lambda: wbamatch.plan_meet_and_greet(cands, packs, 2, 1, value)),
        ("min_group_size", lambda: wbamatch.fairness_report(result, cands, min_group_size=value)),
        ("round_minutes", lambda: plan.to_csv("unused", round_minutes=value)),
    ]


@pytest.mark.parametrize("value", [-1, True, 2.5, "3"])
def test_every_count_is_refused_with_one_message(value: object) -> None:
    """One check, one message shape: the argument, what it must be, what was given, the fix."""
    for name, call in _counts(value):
        if value == -1 and name == "near_misses":
            pattern = rf"^{name} must be a whole number >= 0, got -1; pass an int of at least 0$"
        else:
            least = 0 if name == "near_misses" else 1
            pattern = rf"^{name} must be a whole number( of minutes)? >= {least}, got "
        with pytest.raises(wbamatch.InputError, match=pattern):
            call()
