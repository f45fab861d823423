"""``wbamatch --help`` and ``--version``: every command and option says what it does."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import wbamatch
from wbamatch._catalogue import LANGS, catalogue
from wbamatch.assignment import SolverStatus
from wbamatch.cli import build_parser, main
from wbamatch.jobcarving import CarveStatus

CLI_SOURCE = Path(wbamatch.__file__).with_name("cli.py")


def _parsers(
    parser: argparse.ArgumentParser, name: str = "wbamatch"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, sub in action.choices.items():
                yield from _parsers(sub, f"{name} {command}")


def _commands() -> list[str]:
    return [name.split(" ", 1)[1] for name, _ in _parsers(build_parser()) if " " in name]


def test_every_command_and_option_has_help() -> None:
    missing = []
    for name, parser in _parsers(build_parser()):
        for action in parser._actions:
            helps = [action.help]
            if isinstance(action, argparse._SubParsersAction):
                helps += [choice.help for choice in action._choices_actions]
            for words in helps:
                if not isinstance(words, str) or not words.strip() or words == argparse.SUPPRESS:
                    missing.append(f"{name}: {action.option_strings or action.dest}")
    assert not missing, missing


@pytest.mark.parametrize("command", ["", *_commands()])
def test_help_exits_0(capsys: pytest.CaptureFixture[str], command: str) -> None:
    assert main([*command.split(), "--help"]) == 0
    assert "usage: wbamatch" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"wbamatch {wbamatch.__version__}\n"


def test_match_help_names_the_input_and_output_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())  # argparse wraps the help lines
    for needle in ("JSON", "CSV", "XLSX", "wbamatch template", ".json", ".csv", ".xlsx",
                   "wbamatch[excel]", "standard output", "--lang"):  # fmt: skip
        assert needle in text, needle


def test_demo_help_names_what_write_writes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    for needle in ("--write DIR", "candidates.json", "packages.xlsx", "--force", "--lang"):
        assert needle in text, needle


@pytest.mark.parametrize("command", ["demo", "match", "shortlist", "meet-greet", "carve"])
def test_commands_that_print_for_people_take_lang(command: str) -> None:
    parser = dict(_parsers(build_parser()))[f"wbamatch {command}"]
    [lang] = [a for a in parser._actions if "--lang" in a.option_strings]
    assert lang.choices == ["nl", "en"] and lang.default is None  # None: WBAMATCH_LANG, else nl


def test_every_catalogue_key_the_cli_names_exists() -> None:
    source = CLI_SOURCE.read_text(encoding="utf-8")
    named = set(re.findall(r'"(cli\.[a-z_.]+[a-z_])"', source))
    assert named
    for lang in LANGS:
        texts = catalogue(lang)
        prefixes = {k for k in named if any(t.startswith(f"{k}.") for t in texts)}
        assert not [k for k in named - prefixes if k not in texts], lang
        # Keys built at run time: counts, statuses, carve reasons.
        for kind in ("tasks", "meetings", "rounds"):
            assert f"cli.count.{kind}.one" in texts and f"cli.count.{kind}.other" in texts
        for status in SolverStatus:
            assert f"cli.status.{status.value}" in texts
        for carve_status in CarveStatus:
            assert f"cli.carve.status.{carve_status.value}" in texts
        for code in ("no_task_fits", "no_combination", "time_limit"):
            assert f"cli.reason.{code}" in texts
