"""Safe outputs (issue 13, point 5): ``--out`` writes the format its suffix names, replaces only a
regular file and only with ``--force``, never a link, pipe, device, socket or folder; every
problem ends in exit 2 and one line on standard error; echoed text shows control characters
escaped; spreadsheet cells never start a formula, not even after blanks.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import wbamatch
from factories import cand_dict, pkg_dict
from wbamatch._cells import FORMULA_CHARACTERS, FORMULA_START, neutralise, restore
from wbamatch._cli import escape, escape_json, main
from wbamatch._files import check_target, existing_kind, write_atomic
from wbamatch._results import MATCH_COLUMNS

POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and sockets are POSIX")
MG = ["meet-greet", "--demo", "--rounds", "2", "--per-candidate", "1", "--per-package", "2"]


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """A writer that opened a FIFO would block for ever: fail the test after 60 s instead."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def timeout(signum: int, frame: Any) -> None:
        raise TimeoutError("the command blocked: it opened a FIFO or a device?")

    old = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _inputs(tmp_path: Path) -> list[str]:
    c, p = tmp_path / "c.json", tmp_path / "p.json"
    c.write_text(json.dumps([cand_dict("c-1"), cand_dict("c-2", skills=[])]), encoding="utf-8")
    p.write_text(json.dumps([pkg_dict("p-1")]), encoding="utf-8")
    return ["--candidates", str(c), "--packages", str(p)]


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    """Standard error of the last run: exactly one ``wbamatch: ...`` line, no traceback."""
    err = capsys.readouterr().err
    assert err.startswith("wbamatch: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err and "\x1b" not in err
    return err


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _commands(tmp_path: Path, out: Path) -> dict[str, list[str]]:
    """Every command with a file output, writing to ``out``."""
    tasks = tmp_path / "t.json"
    tasks.write_text(json.dumps([{"id": "t-1", "hours": 8, "tags": ["archiving"]}]))
    person = tmp_path / "person.json"
    person.write_text(json.dumps(cand_dict()))
    return {
        "match": ["match", *_inputs(tmp_path), "--out", str(out)],
        "shortlist": ["shortlist", "--demo", "-k", "2", "--out", str(out)],
        "carve": ["carve", "--tasks", str(tasks), "--candidate", str(person), "--out", str(out)],
        "template": ["template", "candidates", str(out.with_suffix(".csv"))],
    }


# ------------------------------------------------------------------------------------------
# Nothing but a regular file is replaced: FIFOs, links, devices, sockets, folders
# ------------------------------------------------------------------------------------------
@POSIX
@pytest.mark.parametrize("command", ["match", "shortlist", "carve", "template"])
def test_a_fifo_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    fifo = tmp_path / "r.json"
    args = _commands(tmp_path, fifo)[command]
    target = Path(args[-1])
    os.mkfifo(target)
    before = _names(tmp_path)
    for force in ([], ["--force"]):
        assert main([*args, *force]) == 2
        assert "named pipe (FIFO)" in _one_line(capsys)
        assert stat.S_ISFIFO(os.lstat(target).st_mode)
        assert _names(tmp_path) == before  # no temp file either


@POSIX
@pytest.mark.parametrize("points_to", ["/dev/null", "/proc/self/fd/1", "missing.json", "real"])
def test_a_symlink_is_refused_wherever_it_points(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], points_to: str
) -> None:
    real = tmp_path / "real"
    real.write_text("someone else's file")
    link = tmp_path / "r.json"
    link.symlink_to(points_to)
    args = ["match", *_inputs(tmp_path), "--out", str(link)]
    for force in ([], ["--force"]):
        assert main([*args, *force]) == 2
        assert "symbolic link" in _one_line(capsys)
        assert link.is_symlink() and os.readlink(link) == points_to
    assert real.read_text() == "someone else's file"


@POSIX
def test_stdout_and_dev_null_as_out_are_refused() -> None:
    # Read-only probes: the check refuses before anything is created next to them.
    assert existing_kind("/dev/null") == "a device"
    with pytest.raises(FileExistsError, match="a device"):
        check_target("/dev/null", overwrite=True)
    if Path("/dev/stdout").is_symlink():
        assert existing_kind("/dev/stdout") == "a symbolic link"
    if Path("/proc/self/fd/1").exists():
        assert existing_kind("/proc/self/fd/1") == "a symbolic link"


@POSIX
def test_a_device_node_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    node = tmp_path / "r.json"
    try:
        os.mknod(node, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # a /dev/null of our own
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot create a device node here: {exc}")
    assert main(["match", *_inputs(tmp_path), "--out", str(node), "--force"]) == 2
    assert "a device" in _one_line(capsys)
    assert stat.S_ISCHR(os.lstat(node).st_mode)


@POSIX
def test_a_socket_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a short relative name: socket paths are limited to ~100 bytes
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind("r.json")
        assert main(["match", *_inputs(tmp_path), "--out", "r.json", "--force"]) == 2
        assert "a socket" in _one_line(capsys)
        assert stat.S_ISSOCK(os.lstat("r.json").st_mode)
    finally:
        server.close()


def test_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "r.json").mkdir()
    assert main(["match", *_inputs(tmp_path), "--out", str(tmp_path / "r.json"), "--force"]) == 2
    assert "a directory" in _one_line(capsys)
    assert (tmp_path / "r.json").is_dir() and not list((tmp_path / "r.json").iterdir())


# ------------------------------------------------------------------------------------------
# An existing regular file is replaced only with --force
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["match", "shortlist", "carve", "template"])
def test_an_existing_file_needs_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    args = _commands(tmp_path, tmp_path / "r.json")[command]
    target = Path(args[-1])
    target.write_bytes(b"a recruiter's own file")
    assert main(args) == 2
    assert "--force" in _one_line(capsys)
    assert target.read_bytes() == b"a recruiter's own file"
    assert main([*args, "--force"]) == 0
    assert target.read_bytes() != b"a recruiter's own file"
    assert not [n for n in _names(tmp_path) if n.endswith(".tmp")]


def test_meet_greet_folder_files_need_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event = tmp_path / "event"
    assert main([*MG, "--out", str(event)]) == 0  # a new folder: created
    names = _names(event)
    assert names == {"schedule_by_package.csv", "schedule_by_candidate.csv", "schedule.html"}
    capsys.readouterr()
    (event / "schedule.html").write_text("my notes")
    assert main([*MG, "--out", str(event)]) == 2
    assert "--force" in _one_line(capsys) and (event / "schedule.html").read_text() == "my notes"
    assert main([*MG, "--out", str(event), "--force"]) == 0
    assert "<html" in (event / "schedule.html").read_text().lower()
    assert _names(event) == names


@POSIX
def test_meet_greet_refuses_links_and_pipes_in_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event = tmp_path / "event"
    event.mkdir()
    os.mkfifo(event / "schedule_by_candidate.csv")
    assert main([*MG, "--out", str(event), "--force"]) == 2
    assert "named pipe" in _one_line(capsys)
    assert _names(event) == {"schedule_by_candidate.csv"}
    (tmp_path / "file").write_text("x")
    assert main([*MG, "--out", str(tmp_path / "file")]) == 2
    assert "not a folder" in _one_line(capsys)
    linked = tmp_path / "linked"
    linked.symlink_to(event / "elsewhere")  # a link to a folder is a folder, as for any parent
    (event / "elsewhere").mkdir()
    assert main([*MG, "--out", str(linked)]) == 0
    assert len(_names(event / "elsewhere")) == 3


# ------------------------------------------------------------------------------------------
# The suffix names the format
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["r.txt", "r", "r.json.bak", "r.xls"])
def test_an_unknown_suffix_is_refused_naming_the_allowed_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    for args in (
        ["match", *_inputs(tmp_path)],
        ["shortlist", "--demo"],
    ):
        assert main([*args, "--out", str(tmp_path / name)]) == 2
        assert ".json, .csv or .xlsx" in _one_line(capsys)
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("name", ["r.csv", "r.xlsx", "r.txt"])
def test_carve_writes_json_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert main(["carve", "--demo", "--out", str(tmp_path / name)]) == 2
    assert "use .json, got" in _one_line(capsys)
    assert not list(tmp_path.iterdir())


def test_match_out_csv_is_real_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "R.CSV"  # the suffix is read case-insensitively
    assert main(["match", *_inputs(tmp_path), "--out", str(out), "--lang", "en"]) == 0
    assert "candidate" in capsys.readouterr().out  # the table, as for .json
    assert not out.read_bytes().lstrip(b"\xef\xbb\xbf").startswith(b"{")
    with out.open(newline="", encoding="utf-8-sig") as fh:
        header, *rows = list(csv.reader(fh))
    assert tuple(header) == MATCH_COLUMNS
    assert sorted(r[0] for r in rows) == ["c-1", "c-2"]
    assert _names(tmp_path) == {"c.json", "p.json", "R.CSV"}


def test_match_out_xlsx_is_a_real_workbook(tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    assert main(["match", *_inputs(tmp_path), "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    try:
        assert book.sheetnames == ["Kandidaten", "Niet geplaatst", "Open plekken", "Samenvatting"]
        rows = list(book["Kandidaten"].iter_rows(values_only=True))
    finally:
        book.close()
    assert rows[0][0] == "Kandidaat" and len(rows) == 3
    assert sorted(str(r[0]) for r in rows[1:]) == ["c-1", "c-2"]
    english = tmp_path / "e.xlsx"
    assert main(["match", *_inputs(tmp_path), "--out", str(english), "--lang", "en"]) == 0
    book = openpyxl.load_workbook(english, read_only=True)
    try:
        assert book.sheetnames == ["Candidates", "Not placed", "Open places", "Summary"]
        assert next(book["Candidates"].iter_rows(values_only=True))[0] == "Candidate"
    finally:
        book.close()


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx"])
def test_shortlist_out_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    out = tmp_path / f"s{suffix}"
    assert main(["shortlist", "--demo", "-k", "2", "--out", str(out), "--lang", "en"]) == 0
    assert "package p-001 (" in capsys.readouterr().out
    lists = wbamatch.shortlist(*wbamatch.demo_data(), k=2, lang="en")
    if suffix == ".json":
        assert wbamatch.Shortlists.model_validate_json(out.read_text()) == lists
    elif suffix == ".csv":
        with out.open(newline="", encoding="utf-8-sig") as fh:
            assert len(list(csv.reader(fh))) == 1 + len(lists.to_records())
    else:
        book = openpyxl.load_workbook(out, read_only=True)
        entries = sum(len(sl.entries) for sl in lists.lists)
        assert book.sheetnames[0] == "Shortlists"
        assert len(list(book["Shortlists"].iter_rows())) == 1 + entries
        book.close()


def test_json_out_is_the_same_json_as_before(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert main(["match", *_inputs(tmp_path), "--out", str(out)]) == 0
    result = wbamatch.MatchResult.model_validate_json(out.read_text(encoding="utf-8"))
    assert [a.candidate_id for a in result.assignments] == ["c-1"]


def test_xlsx_without_openpyxl_is_a_clean_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now raises ImportError
    for args in (
        ["match", *_inputs(tmp_path), "--out", str(tmp_path / "r.xlsx")],
        ["shortlist", "--demo", "--out", str(tmp_path / "r.xlsx")],
        ["template", "packages", str(tmp_path / "t.xlsx")],
    ):
        assert main(args) == 2
        assert "pip install 'wbamatch[excel]'" in _one_line(capsys)
    assert _names(tmp_path) == {"c.json", "p.json"}


# ------------------------------------------------------------------------------------------
# Every other output problem: exit 2, one line, no traceback, no temp file
# ------------------------------------------------------------------------------------------
def test_a_full_disk_with_force_keeps_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r.json"
    out.write_text("old result")
    args = ["match", *_inputs(tmp_path), "--out", str(out), "--force"]

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    assert main(args) == 2
    assert "No space left on device" in _one_line(capsys)
    assert out.read_text() == "old result"
    assert _names(tmp_path) == {"c.json", "p.json", "r.json"}


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_a_refused_rename_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    def refused(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    monkeypatch.setattr(os, "link", refused)
    assert main(["match", *_inputs(tmp_path), "--out", str(tmp_path / f"r{suffix}")]) == 2
    assert "Permission denied" in _one_line(capsys)
    assert _names(tmp_path) == {"c.json", "p.json"}


def test_text_utf8_cannot_encode_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wbamatch.MatchResult, "model_dump_json", lambda self, **kw: "\ud800")
    assert main(["match", *_inputs(tmp_path), "--out", str(tmp_path / "r.json")]) == 2
    assert "UTF-8 cannot encode" in _one_line(capsys)
    assert _names(tmp_path) == {"c.json", "p.json"}


def test_a_terminal_that_cannot_show_the_output(tmp_path: Path) -> None:
    c, p = tmp_path / "c.json", tmp_path / "p.json"
    c.write_text(json.dumps([cand_dict("c-\u00e9")]), encoding="utf-8")
    p.write_text(json.dumps([pkg_dict()]), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    run = subprocess.run(
        [sys.executable, "-m", "wbamatch", "match", "--candidates", str(c), "--packages", str(p)],
        capture_output=True,
        text=True,
        env=env,
        encoding="utf-8",
        errors="replace",
    )
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "PYTHONIOENCODING" in run.stderr


@pytest.mark.parametrize("option", ["--candidates", "--out"])
def test_a_nul_in_a_path_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    args = ["match", *_inputs(tmp_path), "--out", str(tmp_path / "r.json")]
    args[args.index(option) + 1] = str(tmp_path / "a\x00b.json")
    assert main(args) == 2
    assert "NUL" in _one_line(capsys)


def test_missing_folder_and_file_as_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "afile").write_text("x")
    for out in (tmp_path / "nowhere" / "r.json", tmp_path / "afile" / "r.json"):
        assert main(["match", *_inputs(tmp_path), "--out", str(out)]) == 2
        assert "does not exist" in _one_line(capsys)


def test_ctrl_c_is_exit_130_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("wbamatch._cli._commands.match", interrupted)  # where the command looks
    assert main(["match", *_inputs(tmp_path)]) == 130
    assert capsys.readouterr().err == "wbamatch: interrupted\n"


# ------------------------------------------------------------------------------------------
# Control characters in echoed text are escaped
# ------------------------------------------------------------------------------------------
CLEAR = "\x1b[2J"


def test_escapes_in_an_out_path_are_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["match", *_inputs(tmp_path), "--out", str(tmp_path / CLEAR / "r.json")]) == 2
    assert "\\x1b[2J" in _one_line(capsys)
    assert main(["match", *_inputs(tmp_path), "--out", str(tmp_path / f"r{CLEAR}\u202e.txt")]) == 2
    err = _one_line(capsys)
    assert "\\x1b[2J" in err and "\\u202e" in err and "\u202e" not in err


def test_escapes_in_an_input_path_and_in_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / f"{CLEAR}c.json")
    assert main(["match", "--candidates", missing, "--packages", missing]) == 2
    assert "\\x1b[2J" in _one_line(capsys)
    assert main(["demo", f"{CLEAR}\r\n"]) == 2  # argparse quotes what it does not know
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b[2J\\r\\n" in err


def test_a_written_path_is_echoed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"t{CLEAR}.csv"
    assert main(["template", "candidates", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and "t\\x1b[2J.csv" in printed
    assert out.exists()  # the file itself has the name asked for


def test_escape_helpers() -> None:
    assert escape("plain é ünïcode") == "plain é ünïcode"
    assert escape("a\nb") == "a\nb" and escape("a\nb", lines=False) == "a\\nb"
    assert escape("\x07\x9b\u200b\u2028\ud800") == "\\x07\\x9b\\u200b\\u2028\\ud800"
    doc = json.dumps({"id": "x\x7f\x85\u202e\U000e0001é"}, ensure_ascii=False)
    shown = escape_json(doc)
    assert shown.isascii() is False and shown.replace("é", "").isprintable()
    assert json.loads(shown) == json.loads(doc)


# ------------------------------------------------------------------------------------------
# write_atomic: the target that appears while writing
# ------------------------------------------------------------------------------------------
def _appear_while_writing(monkeypatch: pytest.MonkeyPatch, make: Any) -> None:
    real = os.fsync
    done: list[bool] = []

    def fsync(fd: int) -> None:
        real(fd)
        if not done:
            done.append(True)
            make()

    monkeypatch.setattr(os, "fsync", fsync)


def test_no_overwrite_never_replaces_a_file_that_appeared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.json"
    _appear_while_writing(monkeypatch, lambda: target.write_text("theirs"))
    with pytest.raises(FileExistsError, match="exists already"):
        write_atomic(target, "ours", overwrite=False)
    assert target.read_text() == "theirs" and _names(tmp_path) == {"r.json"}


@POSIX
@pytest.mark.parametrize("overwrite", [True, False])
def test_a_link_that_appeared_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, overwrite: bool
) -> None:
    target = tmp_path / "r.json"
    _appear_while_writing(monkeypatch, lambda: target.symlink_to("/dev/null"))
    with pytest.raises(FileExistsError, match="symbolic link"):
        write_atomic(target, "ours", overwrite=overwrite)
    assert target.is_symlink() and _names(tmp_path) == {"r.json"}


def test_without_hard_links_it_falls_back_to_check_and_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "r.json"
    write_atomic(target, "first", overwrite=False)
    assert target.read_text() == "first"
    with pytest.raises(FileExistsError):
        write_atomic(target, "second", overwrite=False)
    assert target.read_text() == "first" and _names(tmp_path) == {"r.json"}


def test_the_file_is_private_and_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    write_atomic(target, "one", overwrite=False)
    write_atomic(target, b"two")  # overwrite=True is the default for the library writers
    assert target.read_text() == "two" and _names(tmp_path) == {"r.json"}
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


@POSIX
def test_library_writers_refuse_links_too(tmp_path: Path) -> None:
    (tmp_path / "r.csv").symlink_to("/dev/null")
    result = wbamatch.match(*wbamatch.demo_data())
    with pytest.raises(FileExistsError, match="symbolic link"):
        wbamatch.io.write_results(result, tmp_path / "r.csv")
    plan = wbamatch.plan_meet_and_greet(
        *wbamatch.demo_data(), rounds=2, per_candidate=1, per_package=1
    )
    (tmp_path / "schedule.html").symlink_to("/proc/self/fd/1")
    with pytest.raises(FileExistsError, match="symbolic link"):
        plan.to_html(tmp_path / "schedule.html")
    assert _names(tmp_path) == {"r.csv", "schedule.html"}


# ------------------------------------------------------------------------------------------
# Formula neutralising: blanks before a formula character, full-width forms; exact inverse
# ------------------------------------------------------------------------------------------
def _strip_blanks(text: str) -> str:
    """What a lenient spreadsheet might skip before the first character that counts."""
    i = 0
    while i < len(text) and (
        text[i].isspace() or unicodedata.category(text[i]) in ("Cc", "Cf", "Zs", "Zl", "Zp")
    ):
        i += 1
    return text[i:]


@pytest.mark.parametrize(
    "text",
    [
        " =1+1",
        "   @SUM(A1)",
        "\n=cmd",
        "\r\n+1",
        "\x00=1",
        "\x00\n -1",
        "\u3000=1",  # ideographic space
        "\u00a0=1",  # no-break space
        "\u200b=1",  # zero-width space
        "\ufeff=1",  # byte order mark
        "\uff1dHYPERLINK(1)",  # full-width =
        "\uff0b1",
        "\uff0d1",
        "\uff20x",
        " \uff1d1",
        "\u22121",  # minus sign
        "' =1",
        "'' \n=1",
    ],
    ids=ascii,
)
def test_hidden_formulas_are_neutralised(text: str) -> None:
    safe = neutralise(text)
    assert safe == "'" + text and restore(safe) == text


@pytest.mark.parametrize("text", ["c-1", " c-1", "0.5", "a=b", "\nplain", " ", "", "'", "x-"])
def test_harmless_text_is_left_as_it_is(text: str) -> None:
    assert neutralise(text) == text and restore(text) == text


#: Text made mostly of the characters that matter here, so hypothesis finds the corner cases.
CORNERS = ("'", " ", "\t", "\r", "\n", "\x00", "\u3000", "\u200b", "\ufeff", "a", "1", "é")
TRICKY = st.text(
    alphabet=st.one_of(st.sampled_from([*CORNERS, *FORMULA_CHARACTERS]), st.characters()),
    max_size=12,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TRICKY)
def test_neutralise_property(text: str) -> None:
    safe = neutralise(text)
    assert safe in (text, "'" + text)
    assert restore(safe) == text
    # Nothing a spreadsheet would run: neither at once nor after blanks, NUL or line breaks.
    assert not safe.startswith(FORMULA_START)
    assert not _strip_blanks(safe).startswith(tuple(FORMULA_CHARACTERS))
    # And restore() leaves alone what neutralise() never makes.
    assert neutralise(restore(safe)) == safe


@settings(max_examples=200, deadline=None)
@given(TRICKY)
def test_restore_is_injective_on_what_neutralise_makes(text: str) -> None:
    # Text that neutralise() leaves alone is never changed by restore() either.
    if neutralise(text) == text:
        assert restore(text) == text


def test_running_out_of_memory_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import wbamatch._cli as cli
    import wbamatch._cli._commands as commands

    def exhausted(*args: object, **kwargs: object) -> object:
        raise MemoryError

    monkeypatch.setattr(commands, "match", exhausted)
    assert cli.main(["demo"]) == 2
    err = capsys.readouterr().err
    assert "max_memory_mb" in err and "Traceback" not in err and err.count("\n") == 1
