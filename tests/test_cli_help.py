"""``wbamatch --help`` and ``--version``: every command and option says what it does.

The help is Dutch by default and English with ``--lang en`` or ``WBAMATCH_LANG=en``; its texts
come from the catalogue (``cli.help.*``), argparse's own words ("usage:", "options:") stay.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import wbamatch
from dutch import assert_dutch
from wbamatch._assignment import SolverStatus
from wbamatch._catalogue import LANGS, Lang, catalogue, text
from wbamatch._cli import _help_lang, build_parser, main
from wbamatch._jobcarving import CarveStatus

#: The modules of the command line (the package ``wbamatch._cli``).
CLI_SOURCES = sorted(Path(wbamatch.__file__).with_name("_cli").glob("*.py"))

#: What a Dutch help may hold in English, as people type it or files are named: commands
#: (``'wbamatch template candidates'``), options and values (``--near-misses``, ``'none'``),
#: metavars and choices (``PER_PACKAGE``, ``{nl,en}``), file and column names.
TYPED = re.compile(
    r"'(?:wbamatch\s[^']*|[a-z]+)'|(?<![\w-])--?[a-z][\w-]*|\b[A-Z][A-Z_]+\b|\{[\w,-]+\}"
    r"|[\w.-]+\.(?:csv|json|xlsx|html)\b|\bpackage_id\b"
)


def _people(words: str) -> str:
    """``words`` without what is typed as it is in either language (:data:`TYPED`)."""
    return TYPED.sub(" ", words)


#: Words only a Dutch text has: none of them may stand in the English help.
DUTCH_ONLY = frozenset({"de", "het", "een", "niet", "kandidaten", "pakketten", "uitkomst", "toon"})


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts from the default language (Dutch), whatever the shell has set."""
    monkeypatch.delenv("WBAMATCH_LANG", raising=False)


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


def _helps(lang: Lang) -> list[tuple[str, str | None]]:
    """Every text of the help in ``lang``: descriptions, epilogs, each command and option's."""
    found: list[tuple[str, str | None]] = []
    for name, parser in _parsers(build_parser(lang)):
        found.append((f"{name} (description)", parser.description))
        if parser.epilog is not None:
            found.append((f"{name} (epilog)", parser.epilog))
        for action in parser._actions:
            where = f"{name} {'/'.join(action.option_strings) or action.dest}"
            found.append((where, action.help))
            if isinstance(action, argparse._SubParsersAction):
                found += [(f"{name} {c.dest}", c.help) for c in action._choices_actions]
    return found


def _flat(out: str) -> str:
    return " ".join(out.split())  # argparse wraps the help lines


@pytest.mark.parametrize("lang", LANGS)
def test_every_command_and_option_has_help(lang: Lang) -> None:
    missing = []
    for name, parser in _parsers(build_parser(lang)):
        for action in parser._actions:
            helps = [action.help]
            if isinstance(action, argparse._SubParsersAction):
                helps += [choice.help for choice in action._choices_actions]
            for words in helps:
                if not isinstance(words, str) or not words.strip() or words == argparse.SUPPRESS:
                    missing.append(f"{name}: {action.option_strings or action.dest}")
    assert not missing, missing


def test_the_help_is_written_in_each_language() -> None:
    nl, en = _helps("nl"), _helps("en")
    assert [where for where, _ in nl] == [where for where, _ in en]
    described = [where for where, words in nl if words is not None]
    assert "wbamatch match (epilog)" in described and "wbamatch carve (description)" in described
    for (where, dutch), (_, english) in zip(nl, en, strict=True):
        if dutch is None:  # a command without a description of its own (schema, template)
            assert english is None, where
            continue
        assert english is not None and dutch.strip() and english.strip(), where
        assert dutch != english, f"{where}: the same text in both languages: {dutch!r}"
        assert_dutch(_people(dutch))
        assert not DUTCH_ONLY & set(re.findall(r"[a-z]+", english.lower())), (where, english)


@pytest.mark.parametrize("lang", LANGS)
def test_the_help_texts_come_from_the_catalogue(lang: Lang) -> None:
    templates = [v for k, v in catalogue(lang).items() if k.startswith("cli.help.")]
    patterns = [  # a template's {fields} (a list of files, of models) may hold anything
        re.compile(".+".join(map(re.escape, re.split(r"\{\w+\}", t))), re.S) for t in templates
    ]
    for where, words in _helps(lang):
        if words is not None:
            assert any(p.fullmatch(words) for p in patterns), (where, words)
    assert text("cli.help.common.demo", "nl") == "gebruik de ingebouwde voorbeeldgegevens"


@pytest.mark.parametrize("argv", [["--help"], ["match", "--help"], ["meet-greet", "-h"]])
def test_the_help_is_dutch_by_default(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert_dutch(_people(out))
    flat = _flat(out)
    assert "toon deze hulp en stop" in flat and "show this help" not in flat
    if argv[0] == "--help":
        assert _flat(text("cli.help.description", "nl")) in flat
        assert _flat(text("cli.help.version", "nl")) in flat
    if argv[0] == "match":
        assert _flat(text("cli.help.match.epilog", "nl")) in flat


@pytest.mark.parametrize(
    ("argv", "environment"),
    [
        (["match", "--lang", "en", "--help"], None),
        (["match", "--help", "--lang=en"], None),
        (["match", "--la", "en", "--help"], None),  # as argparse takes it, shortened
        (["match", "--help"], "en"),
        (["--help"], "en"),
        (["template", "--help"], "en"),
    ],
)
def test_the_help_is_english_with_lang_or_the_environment(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    environment: str | None,
) -> None:
    if environment is not None:
        monkeypatch.setenv("WBAMATCH_LANG", environment)
    assert main(argv) == 0
    flat = _flat(capsys.readouterr().out)
    assert "show this help message and exit" in flat and "toon deze hulp" not in flat
    if argv[0] == "--help":
        assert _flat(text("cli.help.description", "en")) in flat
        assert _flat(text("cli.help.description", "nl")) not in flat
    if argv[0] == "match":
        assert _flat(text("cli.help.match.epilog", "en")) in flat
        assert "Koppel" not in flat


def test_lang_on_the_command_line_wins_over_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WBAMATCH_LANG", "en")
    assert main(["demo", "--lang", "nl", "--help"]) == 0
    assert _flat(text("cli.help.demo.description", "nl")) in _flat(capsys.readouterr().out)


def test_the_language_of_the_help_is_found_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _help_lang([]) == "nl"
    assert _help_lang(["demo", "--lang", "en"]) == "en"
    assert _help_lang(["demo", "--lang=en", "--lang", "nl"]) == "nl"  # the last one, as argparse
    assert _help_lang(["demo", "--lang"]) == "nl"
    assert _help_lang(["demo", "--lang", "de"]) == "nl"  # argparse refuses it
    assert _help_lang(["demo", "--", "--lang", "en"]) == "nl"  # not an option after --
    monkeypatch.setenv("WBAMATCH_LANG", "en")
    assert _help_lang(["demo"]) == "en" and _help_lang(["demo", "--lang", "nl"]) == "nl"
    monkeypatch.setenv("WBAMATCH_LANG", "fr")  # the command says what is wrong; the help is Dutch
    assert _help_lang(["demo"]) == "nl"


def test_a_bad_environment_language_still_gives_help(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WBAMATCH_LANG", "fr")
    assert main(["--help"]) == 0
    assert "toon deze hulp en stop" in capsys.readouterr().out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", ["", *_commands()])
def test_help_exits_0(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    lang: str,
) -> None:
    monkeypatch.setenv("WBAMATCH_LANG", lang)
    assert main([*command.split(), "--help"]) == 0
    assert "usage: wbamatch" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"wbamatch {wbamatch.__version__}\n"


@pytest.mark.parametrize(
    ("lang", "output"), [("nl", "standaarduitvoer"), ("en", "standard output")]
)
def test_match_help_names_the_input_and_output_formats(
    capsys: pytest.CaptureFixture[str], lang: str, output: str
) -> None:
    assert main(["match", "--lang", lang, "--help"]) == 0
    text = _flat(capsys.readouterr().out)
    for needle in ("JSON", "CSV", "XLSX", "wbamatch template", ".json", ".csv", ".xlsx",
                   "wbamatch[excel]", output, "--lang"):  # fmt: skip
        assert needle in text, needle


@pytest.mark.parametrize("lang", LANGS)
def test_demo_help_names_what_write_writes(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    assert main(["demo", "--lang", lang, "--help"]) == 0
    text = _flat(capsys.readouterr().out)
    for needle in ("--write DIR", "candidates.json", "packages.xlsx", "--force", "--lang"):
        assert needle in text, needle


@pytest.mark.parametrize("command", ["demo", "match", "shortlist", "meet-greet", "carve"])
def test_commands_that_print_for_people_take_lang(command: str) -> None:
    parser = dict(_parsers(build_parser()))[f"wbamatch {command}"]
    [lang] = [a for a in parser._actions if "--lang" in a.option_strings]
    assert lang.choices == ["nl", "en"] and lang.default is None  # None: WBAMATCH_LANG, else nl


def test_every_catalogue_key_the_cli_names_exists() -> None:
    assert CLI_SOURCES
    source = "\n".join(path.read_text(encoding="utf-8") for path in CLI_SOURCES)
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
