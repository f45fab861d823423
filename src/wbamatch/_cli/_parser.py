"""The argument parser, its help texts from the catalogue in the language ``--lang`` names."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeAlias

from .._catalogue import DEFAULT_LANG, LANGS, Lang, resolve_lang, text
from .._exceptions import InputError
from ._commands import (
    _SCHEMAS,
    _cmd_carve,
    _cmd_demo,
    _cmd_match,
    _cmd_meet_greet,
    _cmd_schema,
    _cmd_shortlist,
    _cmd_template,
)
from ._echo import escape
from ._outputs import DEMO_FILES, MEET_GREET_FILES

#: A help text: the catalogue's text of a key (``cli.help.*``) in the language of the help.
_Help: TypeAlias = Callable[..., str]
#: Where the subcommands are added: ``parser.add_subparsers()`` of :func:`build_parser`.
_Commands: TypeAlias = "argparse._SubParsersAction[_Parser]"


def _help_lang(argv: Sequence[str] = ()) -> Lang:
    """The language of ``--help``: ``--lang nl|en`` in ``argv``, else ``WBAMATCH_LANG``, else Dutch.

    The parser and its help texts are made before the arguments are parsed, so ``--lang`` (also
    ``--lang=en``, or shortened as argparse allows: ``--la en``) is looked for here first. A
    value other than ``nl`` or ``en`` is left for argparse to refuse, and a bad
    ``WBAMATCH_LANG`` for the command to report: the help is Dutch then.
    """
    words = list(argv)
    chosen: str | None = None
    for k, word in enumerate(words):
        if word == "--":
            break
        name, equals, value = word.partition("=")
        if len(name) >= len("--l") and "--lang".startswith(name):
            chosen = value if equals else words[k + 1] if k + 1 < len(words) else None
    if chosen in LANGS:
        return resolve_lang(chosen)
    try:
        return resolve_lang()
    except InputError:
        return DEFAULT_LANG


class _Parser(argparse.ArgumentParser):
    """argparse with its error message (which may quote what was typed) escaped."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {escape(message, lines=False)}\n")


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked (it costs an import)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from .._pipeline import library_version

        print(f"wbamatch {library_version()}")  # on standard output, as argparse's own does
        parser.exit(0)


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``wbamatch`` command, its help in ``lang``.

    ``lang`` is ``"nl"`` or ``"en"``; default ``WBAMATCH_LANG``, else Dutch. The help texts come
    from the catalogue (``cli.help.*``); argparse's own words ("usage:", "options:") stay.
    """
    chosen = resolve_lang(lang) if lang is not None else _help_lang()

    def h(key: str, **values: Any) -> str:
        return text(key, chosen, **values)

    parser = _Parser(prog="wbamatch", description=h("cli.help.description"), add_help=False)
    parser.add_argument("-h", "--help", action="help", help=h("cli.help.common.help"))
    parser.add_argument("--version", action=_Version, help=h("cli.help.version"))
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", help=h("cli.help.command")
    )
    adders = (
        _add_demo,
        _add_match,
        _add_shortlist,
        _add_meet_greet,
        _add_carve,
        _add_schema,
        _add_template,
    )
    for add in adders:  # in the order of the help's list of commands
        add(sub, h)
    return parser


def _command(
    sub: _Commands,
    h: _Help,
    name: str,
    summary: str,
    description: str | None = None,
    epilog: str | None = None,
) -> argparse.ArgumentParser:
    """A subcommand, its ``--help`` in the language of the help (argparse's own is English)."""
    made = sub.add_parser(
        name, help=summary, description=description, epilog=epilog, add_help=False
    )
    made.add_argument("-h", "--help", action="help", help=h("cli.help.common.help"))
    return made


def _add_inputs(parser: argparse.ArgumentParser, h: _Help) -> None:
    """``--candidates`` and ``--packages`` (optional: ``--demo`` stands in for both)."""
    parser.add_argument(
        "--candidates", metavar=h("cli.metavar.file"), help=h("cli.help.common.candidates")
    )
    parser.add_argument(
        "--packages", metavar=h("cli.metavar.file"), help=h("cli.help.common.packages")
    )
    parser.add_argument("--demo", action="store_true", help=h("cli.help.common.demo"))


def _add_lang(parser: argparse.ArgumentParser, h: _Help) -> None:
    """``--lang``: the language of what the command prints for people, its help included."""
    parser.add_argument("--lang", choices=["nl", "en"], help=h("cli.help.common.lang"))


def _add_demo(sub: _Commands, h: _Help) -> None:
    demo = _command(sub, h, "demo", h("cli.help.demo.summary"), h("cli.help.demo.description"))
    demo.add_argument(
        "--write", metavar="DIR", help=h("cli.help.demo.write", files=", ".join(DEMO_FILES))
    )
    demo.add_argument("--force", action="store_true", help=h("cli.help.common.force_files"))
    _add_lang(demo, h)
    demo.set_defaults(func=_cmd_demo)


def _add_match(sub: _Commands, h: _Help) -> None:
    m = _command(
        sub,
        h,
        "match",
        h("cli.help.match.summary"),
        h("cli.help.match.description"),
        h("cli.help.match.epilog"),
    )
    m.add_argument(
        "--candidates",
        required=True,
        metavar=h("cli.metavar.file"),
        help=h("cli.help.common.candidates"),
    )
    m.add_argument(
        "--packages",
        required=True,
        metavar=h("cli.metavar.file"),
        help=h("cli.help.common.packages"),
    )
    m.add_argument("--config", help=h("cli.help.common.config"))
    m.add_argument("--current", metavar=h("cli.metavar.file"), help=h("cli.help.match.current"))
    m.add_argument("--out", help=h("cli.help.match.out"))
    m.add_argument("--force", action="store_true", help=h("cli.help.common.force"))
    _add_lang(m, h)
    m.set_defaults(func=_cmd_match)


def _add_shortlist(sub: _Commands, h: _Help) -> None:
    sl = _command(
        sub, h, "shortlist", h("cli.help.shortlist.summary"), h("cli.help.shortlist.description")
    )
    _add_inputs(sl, h)
    sl.add_argument("-k", type=int, default=10, help=h("cli.help.shortlist.k"))
    sl.add_argument(
        "--by",
        choices=["package", "candidate"],
        default="package",
        help=h("cli.help.shortlist.by"),
    )
    sl.add_argument("--near-misses", type=int, default=0, help=h("cli.help.shortlist.near_misses"))
    sl.add_argument("--json", action="store_true", help=h("cli.help.common.json"))
    sl.add_argument("--out", help=h("cli.help.shortlist.out"))
    sl.add_argument("--force", action="store_true", help=h("cli.help.common.force"))
    _add_lang(sl, h)
    sl.set_defaults(func=_cmd_shortlist)


def _add_meet_greet(sub: _Commands, h: _Help) -> None:
    mg = _command(
        sub,
        h,
        "meet-greet",
        h("cli.help.meet_greet.summary"),
        h("cli.help.meet_greet.description"),
    )
    _add_inputs(mg, h)
    mg.add_argument("--rounds", type=int, required=True, help=h("cli.help.meet_greet.rounds"))
    mg.add_argument(
        "--per-candidate", type=int, required=True, help=h("cli.help.meet_greet.per_candidate")
    )
    mg.add_argument(
        "--per-package", type=int, required=True, help=h("cli.help.meet_greet.per_package")
    )
    mg.add_argument("--near-misses", action="store_true", help=h("cli.help.meet_greet.near_misses"))
    mg.add_argument("--out", help=h("cli.help.meet_greet.out", files=", ".join(MEET_GREET_FILES)))
    mg.add_argument("--force", action="store_true", help=h("cli.help.common.force_files"))
    mg.add_argument(
        "--start", default="09:30", metavar="HH:MM", help=h("cli.help.meet_greet.start")
    )
    mg.add_argument("--minutes", type=int, default=20, help=h("cli.help.meet_greet.minutes"))
    mg.add_argument(
        "--break",
        dest="break_minutes",
        type=int,
        default=0,
        help=h("cli.help.meet_greet.break"),
    )
    mg.add_argument("--names", metavar="FILE", help=h("cli.help.meet_greet.names"))
    mg.add_argument("--tables", metavar="FILE", help=h("cli.help.meet_greet.tables"))
    _add_lang(mg, h)
    mg.set_defaults(func=_cmd_meet_greet)


def _add_carve(sub: _Commands, h: _Help) -> None:
    cv = _command(sub, h, "carve", h("cli.help.carve.summary"), h("cli.help.carve.description"))
    cv.add_argument("--tasks", help=h("cli.help.carve.tasks"))
    cv.add_argument("--candidate", help=h("cli.help.carve.candidate"))
    cv.add_argument("--terms", help=h("cli.help.carve.terms"))
    cv.add_argument("--config", help=h("cli.help.common.config"))
    cv.add_argument("--id", help=h("cli.help.carve.id"))
    cv.add_argument("--time-limit", type=float, default=10.0, help=h("cli.help.carve.time_limit"))
    cv.add_argument("--json", action="store_true", help=h("cli.help.common.json"))
    cv.add_argument("--out", help=h("cli.help.carve.out"))
    cv.add_argument("--force", action="store_true", help=h("cli.help.common.force"))
    cv.add_argument("--demo", action="store_true", help=h("cli.help.carve.demo"))
    _add_lang(cv, h)
    cv.set_defaults(func=_cmd_carve)


def _add_schema(sub: _Commands, h: _Help) -> None:
    s = _command(sub, h, "schema", h("cli.help.schema.summary"))
    models = sorted(_SCHEMAS)
    s.add_argument(
        "model",
        choices=models,
        help=h("cli.help.schema.model", models=", ".join(map(repr, models))),
    )
    s.set_defaults(func=_cmd_schema)


def _add_template(sub: _Commands, h: _Help) -> None:
    t = _command(sub, h, "template", h("cli.help.template.summary"))
    t.add_argument("kind", choices=["candidates", "packages"], help=h("cli.help.template.kind"))
    t.add_argument("path", help=h("cli.help.template.path"))
    t.add_argument("--force", action="store_true", help=h("cli.help.common.force"))
    t.set_defaults(func=_cmd_template)
