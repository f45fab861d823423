"""The README: every Python example runs on its own in a fresh interpreter, the command-line
examples run in an empty folder, and the rules table names every reason code there is.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from wbamatch._cli import build_parser
from wbamatch._results import BELOW_MIN_SCORE, FORBIDDEN, NOT_MET, OUTCOMPETED
from wbamatch._vocabulary import DIMENSIONS
from wbamatch.rules import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
TIMEOUT_S = 240

#: Reason codes that are not rules: a result's and a carve's own.
EXTRA_CODES = {BELOW_MIN_SCORE, OUTCOMPETED, FORBIDDEN, NOT_MET}
CARVE_CODES = {"no_task_fits", "no_combination", "time_limit"}


class Block(NamedTuple):
    lang: str
    line: int
    code: str


def _blocks(lang: str | None = None) -> list[Block]:
    text = README.read_text(encoding="utf-8")
    found = [
        Block(m.group(1), text.count("\n", 0, m.start()) + 1, m.group(2))
        for m in re.finditer(r"^```(\w*)\n(.*?)^```", text, flags=re.S | re.M)
    ]
    return [b for b in found if lang is None or b.lang == lang]


def _commands(block: Block) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in block.code.splitlines())
    return [line for line in lines if line]


def _safe(block: Block) -> bool:
    """A shell block that only runs wbamatch (no installs, no placeholders): run it."""
    commands = _commands(block)
    return bool(commands) and all(c == "wbamatch" or c.startswith("wbamatch ") for c in commands)


PYTHON = _blocks("python")
SHELL = [b for b in _blocks("bash") if _safe(b)]


def _env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: default language, temp files under ``tmp_path``, no display."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WBAMATCH_")}
    temp = tmp_path / "tmp"
    temp.mkdir()
    env.update(TMPDIR=str(temp), MPLBACKEND="Agg", PYTHONIOENCODING="utf-8")
    return env


def test_readme_has_examples() -> None:
    assert len(PYTHON) >= 8
    assert len(SHELL) >= 3
    first = _blocks("bash")[:2]  # the quick start: install + demo, install + tests
    assert "pip install . && wbamatch demo" in first[0].code
    assert 'pip install -e ".[test]" && python -m pytest' in first[1].code


@pytest.mark.parametrize("block", PYTHON, ids=lambda b: f"line {b.line}")
def test_every_python_example_runs_on_its_own(tmp_path: Path, block: Block) -> None:
    pytest.importorskip("openpyxl")
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    work = tmp_path / "work"
    work.mkdir()
    run = subprocess.run(
        [sys.executable, "-c", block.code],
        cwd=work,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert run.returncode == 0, f"README line {block.line}:\n{run.stderr[-3000:]}"
    assert not list(work.iterdir()), "an example wrote into the working folder, not a temp one"


@pytest.mark.parametrize("block", SHELL, ids=lambda b: f"line {b.line}")
def test_the_command_line_examples_run(tmp_path: Path, block: Block) -> None:
    pytest.importorskip("openpyxl")
    work = tmp_path / "work"
    work.mkdir()
    script = (
        'wbamatch() { "$WBAMATCH_PYTHON" -m wbamatch "$@"; }\n'
        + "\n".join(f"{c}" for c in _commands(block))
        + "\n"
    )
    env = _env(tmp_path) | {"WBAMATCH_PYTHON": sys.executable}
    run = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert run.returncode == 0, f"README line {block.line}:\n{run.stderr[-3000:]}"


def test_the_command_line_section_shows_every_command() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Command line") : text.index("## Rules and scores")]
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert isinstance(commands, dict) and commands
    for name in commands:
        assert f"wbamatch {name}" in section, name
    assert "wbamatch --version" in section and "--lang" in section


def _table(heading: str) -> list[list[str]]:
    """The rows (cells) of the first table after ``heading``, without its header."""
    text = README.read_text(encoding="utf-8")
    lines = text[text.index(heading) :].splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def _ticked(cell: str) -> set[str]:
    return set(re.findall(r"`([^`]+)`", cell))


def test_the_rules_table_names_every_rule_and_reason_code() -> None:
    rows = _table("## Rules and scores")
    names = set().union(*(_ticked(r[0]) for r in rows))
    assert names == {rule.name for rule in REGISTRY}
    listed = set().union(*(_ticked(r[1]) for r in rows))
    for code in REGISTRY.codes:
        if code.startswith("capacity:"):
            row = next(r for r in rows if "capacity:<dimension>" in _ticked(r[1]))
            assert code.split(":", 1)[1] in _ticked(row[2]), code
        else:
            assert code in listed, code
    assert listed - set(REGISTRY.codes) == {"capacity:<dimension>"}  # nothing stale
    dimension_row = next(r for r in rows if "capacity:<dimension>" in _ticked(r[1]))
    assert set(DIMENSIONS) <= _ticked(dimension_row[2])
    for row in rows:  # each row's codes belong to the rules it names
        of_rules = {c for rule in REGISTRY if rule.name in _ticked(row[0]) for c in rule.codes}
        assert _ticked(row[1]) - {"capacity:<dimension>"} <= of_rules, row[:2]


def test_the_other_reason_codes_are_explained() -> None:
    rows = _table("Codes that are not rules")
    assert set().union(*(_ticked(r[0]) for r in rows)) == EXTRA_CODES | CARVE_CODES


def test_the_screenshot_is_there_and_shown() -> None:
    image = ROOT / "docs" / "images" / "result_table.png"
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "(docs/images/result_table.png)" in README.read_text(encoding="utf-8")
    assert (ROOT / "scripts" / "make_screenshot.py").is_file()
