"""Command line: ``wbamatch demo | match | shortlist | meet-greet | carve | schema | template``.

``--candidates`` and ``--packages`` take JSON lists, or CSV / XLSX files in the layout of
``wbamatch template`` (needs ``wbamatch[excel]`` for XLSX).

Exit codes: 0 success, 2 bad input or an output that cannot be written (one message on standard
error, no traceback; it names file, record and field), 1 a bug, 130 interrupted.

Nothing is written to disk unless ``--out`` is given (or ``template``'s path). The suffix of
``--out`` names the format (``.json``, ``.csv``, ``.xlsx``; anything else is refused). The file is
written atomically, an existing file is replaced only with ``--force``, and anything other than a
regular file at the path (a symbolic link, a folder, a named pipe, a device) is never replaced.
Text the command echoes (paths, ids, messages) shows control characters escaped (``\\x1b``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from pydantic import BaseModel, ValidationError

from ._cells import require
from ._files import existing_kind, write_atomic
from ._jsonfile import read_json
from .api import match
from .config import MatchConfig
from .demo import demo_data
from .exceptions import InputError, SpreadsheetError, WbamatchError
from .models import Candidate, TaskPackage
from .results import MatchResult

__all__ = ["main"]

#: What ``--out`` may end in, per command: the suffix names the format.
RESULT_SUFFIXES: tuple[str, ...] = (".json", ".csv", ".xlsx")
CARVE_SUFFIXES: tuple[str, ...] = (".json",)
TEMPLATE_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx")

#: The files ``meet-greet --out FOLDER`` writes into the folder.
MEET_GREET_FILES: tuple[str, ...] = (
    "schedule_by_package.csv",
    "schedule_by_candidate.csv",
    "schedule.html",
)


# ---------------------------------------------------------------------------------------------
# Echoing text safely: control and escape characters are shown, never sent to the terminal
# ---------------------------------------------------------------------------------------------
def _escape_char(char: str) -> str:
    return char.encode("unicode_escape").decode("ascii")


def escape(text: str, *, lines: bool = True) -> str:
    r"""``text`` with every unprintable character escaped as Python would write it.

    Control characters (``\x1b``), format characters (bidi overrides, zero-width spaces),
    line separators, lone surrogates and non-breaking spaces are shown as escapes, so a path or
    an id cannot move the cursor, clear the screen or reorder what a terminal shows. Line
    breaks are kept when ``lines`` is true, escaped too otherwise.

    Example
    -------
    >>> escape("r\x1b[2J.json"), escape("a\nb", lines=False)
    ('r\\x1b[2J.json', 'a\\nb')
    """
    if (text.replace("\n", "") if lines else text).isprintable():
        return text
    return "".join(c if c.isprintable() or (lines and c == "\n") else _escape_char(c) for c in text)


def _escape_json_char(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def escape_json(text: str) -> str:
    """JSON text with every unprintable character inside its strings written as ``\\uXXXX``.

    The same document (a JSON parser reads equal values), safe to show on a terminal.
    """
    if text.replace("\n", "").isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\n" else _escape_json_char(c) for c in text)


def _say(text: str) -> None:
    """Print text for a terminal, control characters escaped."""
    print(escape(text))


def _say_json(text: str) -> None:
    print(escape_json(text))


# ---------------------------------------------------------------------------------------------
# Output files: the suffix names the format; only a regular file is replaced, with --force
# ---------------------------------------------------------------------------------------------
def _either(suffixes: Sequence[str]) -> str:
    return suffixes[0] if len(suffixes) == 1 else f"{', '.join(suffixes[:-1])} or {suffixes[-1]}"


def _show(path: Path | str) -> str:
    return repr(str(path))


def _check_file_target(target: Path, force: bool) -> None:
    """Refuse, before any work is done, an output path that would fail or replace the wrong thing.

    The same check runs again inside :func:`wbamatch._files.write_atomic`, just before the
    rename: this early one only spares the wait for a result that cannot be written.
    """
    folder = target.parent
    try:
        if not folder.is_dir():
            raise InputError(
                f"cannot write {_show(target)}: folder {_show(folder)} does not exist; "
                "create it first"
            )
        kind = existing_kind(target)
    except OSError as exc:
        raise InputError(f"cannot write {_show(target)}: {exc.strerror or exc}") from None
    if kind == "file" and not force:
        raise InputError(f"{_show(target)} exists already; pick another name, or add --force")
    if kind not in (None, "file"):
        raise InputError(
            f"cannot write {_show(target)}: it is {kind}, not a regular file; "
            "wbamatch replaces only regular files"
        )


def _out_file(path: str, suffixes: Sequence[str], force: bool, option: str = "--out") -> Path:
    """Check an output file's suffix, folder and what is there now; fail early."""
    target = Path(path)
    _check_file_target(target, force)  # first: "it is a directory" says more than its suffix
    suffix = target.suffix.lower()
    if suffix not in suffixes:
        raise InputError(
            f"{option} {_show(path)}: the suffix names the format; use {_either(suffixes)}, "
            f"got {suffix or 'none'!r}"
        )
    if suffix == ".xlsx":
        require("openpyxl")  # missing: a clean message now, not after the work is done
    return target


def _write_out(target: Path, value: BaseModel, force: bool) -> None:
    """Write ``value`` to ``target`` in the format its suffix names (checked by _out_file)."""
    try:
        if target.suffix.lower() == ".json":
            write_atomic(target, value.model_dump_json(indent=2) + "\n", overwrite=force)
        else:
            from .io import write_results

            write_results(value, target, overwrite=force)  # type: ignore[arg-type]
    except UnicodeEncodeError:
        raise InputError(
            f"cannot write {_show(target)}: the result holds text that UTF-8 cannot encode"
        ) from None
    except OSError as exc:
        raise InputError(f"cannot write {_show(target)}: {exc.strerror or exc}") from None


def _out_folder(path: str, names: Sequence[str], force: bool) -> Path:
    """Check an output folder (created later when missing) and the files to be written in it."""
    folder = Path(path)
    try:
        kind = existing_kind(folder)
        is_folder = folder.is_dir()  # a link to a folder is a folder here, as for any parent
    except OSError as exc:
        raise InputError(f"cannot write into {_show(folder)}: {exc.strerror or exc}") from None
    if kind is None:
        return folder
    if not is_folder:
        what = "a file" if kind == "file" else kind
        raise InputError(f"cannot write into {_show(folder)}: it is {what}, not a folder")
    for name in names:
        _check_file_target(folder / name, force)
    return folder


def _read_list(path: str, what: str) -> list[Any]:
    if what in ("candidates", "packages") and Path(path).suffix.lower() in (".csv", ".xlsx"):
        # A recruiter's spreadsheet in the template layout (wbamatch template ...).
        from . import io

        reader = io.read_candidates if what == "candidates" else io.read_packages
        return list(reader(path))
    data = read_json(path, what)
    if not isinstance(data, list):
        raise InputError(f"{what} file {path!r} must hold a JSON list of records")
    return data


def format_table(result: MatchResult) -> str:
    """Render a match result as a plain-text table for a terminal."""
    lines = [f"{'candidate':<12} {'package':<12} {'score':>6} {'hours':>6} {'banen':>6}"]
    lines.append("-" * len(lines[0]))
    for a in result.assignments:
        lines.append(
            f"{a.candidate_id:<12} {a.package_id:<12} {a.score:>6.3f} {a.hours:>6.1f} "
            f"{a.banen:>6.2f}" + ("" if a.counts else "  (does not count)")
        )
    if result.unassigned:
        lines += ["", "Not placed (reason: number of packages it ruled out):"]
        for u in result.unassigned:
            why = ", ".join(f"{r.code}: {r.packages}" for r in u.reasons) or "no packages"
            lines.append(f"  {u.candidate_id:<12} {why}")
    if result.open_slots:
        lines += ["", "Open slots:"]
        for o in result.open_slots:
            lines.append(
                f"  {o.package_id:<12} {o.open} open, {o.feasible_candidates} candidates fit"
            )
    lines += ["", result.summary()]
    return "\n".join(lines)


def _inputs(args: argparse.Namespace) -> tuple[list[Any], list[Any]]:
    """Candidates and packages from ``--candidates``/``--packages``, or the demo set."""
    if getattr(args, "demo", False):
        cands, packs = demo_data()
        return list(cands), list(packs)
    if not args.candidates or not args.packages:
        raise InputError("give --candidates and --packages, or --demo")
    return _read_list(args.candidates, "candidates"), _read_list(args.packages, "packages")


def _cmd_shortlist(args: argparse.Namespace) -> int:
    from .shortlist import shortlist

    target = _out_file(args.out, RESULT_SUFFIXES, args.force) if args.out else None
    cands, packs = _inputs(args)
    lists = shortlist(cands, packs, k=args.k, by=args.by, near_misses=args.near_misses)
    if target is not None:
        _write_out(target, lists, args.force)
    if args.json:
        _say_json(lists.model_dump_json(indent=2))
        return 0
    lines: list[str] = []
    for sl in lists.lists:
        lines.append(f"{args.by} {sl.id}:")
        for e in sl.entries:
            other = e.candidate_id if args.by == "package" else e.package_id
            parts = ", ".join(f"{n} {v:.2f}" for n, v in e.top_components)
            lines.append(f"  {e.rank:>2}. {other:<12} {e.score:.3f}  ({parts})")
        for nm in sl.near_misses:
            other = nm.candidate_id if args.by == "package" else nm.package_id
            lines.append(f"   near miss {other:<12} {nm.score:.3f}  {nm.message_en}")
        if not sl.entries and not sl.near_misses:
            lines.append("  (nobody fits)")
    _say("\n".join(lines))
    return 0


def _cmd_meet_greet(args: argparse.Namespace) -> int:
    from .meetgreet import plan_meet_and_greet

    folder = _out_folder(args.out, MEET_GREET_FILES, args.force) if args.out else None
    cands, packs = _inputs(args)
    plan = plan_meet_and_greet(
        cands,
        packs,
        rounds=args.rounds,
        per_candidate=args.per_candidate,
        per_package=args.per_package,
        near_misses=args.near_misses,
    )
    lines = []
    for package_id, meetings in plan.by_package().items():
        slots = ", ".join(f"round {m.round}: {m.candidate_id}" for m in meetings)
        lines.append(f"{package_id:<12} {slots}")
    lines.append(
        f"\n{len(plan.meetings)} meetings in {plan.rounds_used} rounds, "
        f"total score {plan.total_score:.3f}, {len(plan.dropped)} dropped"
    )
    _say("\n".join(lines))
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _out_folder(args.out, MEET_GREET_FILES, args.force)  # again: the folder is there now
            written = [
                *plan.to_csv(folder, overwrite=args.force),
                plan.to_html(folder / MEET_GREET_FILES[2], overwrite=args.force),
            ]
        except UnicodeEncodeError:
            raise InputError(
                f"cannot write into {_show(folder)}: the plan holds text that UTF-8 cannot encode"
            ) from None
        except OSError as exc:
            name = exc.filename2 or exc.filename or folder
            raise InputError(f"cannot write {_show(name)}: {exc.strerror or exc}") from None
        _say("written: " + ", ".join(str(p) for p in written))
    return 0


def _cmd_carve(args: argparse.Namespace) -> int:
    from .jobcarving import CarveResult, carve, carve_team, demo_tasks, demo_terms

    target = _out_file(args.out, CARVE_SUFFIXES, args.force) if args.out else None
    if args.demo:
        tasks: list[Any] = list(demo_tasks())
        terms: Any = demo_terms()
        people: Any = [demo_data()[0][0]] if not args.candidate else None
    elif not args.tasks or not args.candidate:
        raise InputError("give --tasks and --candidate, or --demo")
    else:
        tasks, terms, people = _read_list(args.tasks, "tasks"), None, None
    if args.candidate:
        people = read_json(args.candidate, "candidate")
    if args.terms:
        terms = read_json(args.terms, "terms")
    config = MatchConfig.model_validate(read_json(args.config, "config")) if args.config else None
    outcome: BaseModel
    with _native_output_to_stderr():
        if isinstance(people, list) and len(people) != 1:
            team = carve_team(tasks, people, config, terms=terms, time_limit=args.time_limit)
            text, outcome = team.text(), team
        else:
            person = people[0] if isinstance(people, list) else people
            kwargs: dict[str, Any] = {"terms": terms, "time_limit": args.time_limit}
            if args.id:
                kwargs["package_id"] = args.id
            result: CarveResult = carve(tasks, person, config, **kwargs)
            text, outcome = _carve_text(result), result
    if target is not None:
        _write_out(target, outcome, args.force)
    if args.json:
        _say_json(outcome.model_dump_json(indent=2))
    else:
        _say(text)
    return 0


@contextmanager
def _native_output_to_stderr() -> Iterator[None]:
    """Send what native code writes to standard output to standard error meanwhile.

    HiGHS (inside scipy's MILP solver) prints a line of its own on some solver errors, which
    would break the JSON that ``carve --json`` writes to standard output.
    """
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no file descriptor 1 (an embedded interpreter): nothing to protect
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def _carve_text(result: Any) -> str:
    """A carve result for a terminal: the package's tasks, then the leftover work and why."""
    lines = [result.text()]
    for t in result.tasks:
        lines.append(f"  {t.id:<12} {t.hours:>5g} h  {t.description}")
    if result.leftover:
        lines.append("Left over (the rule a task breaks on its own, if any):")
        for t in result.leftover:
            why = ", ".join(t.reasons) or "not in the best package"
            lines.append(f"  {t.task_id:<12} {t.hours:>5g} h  {why}")
    return "\n".join(lines)


def _cmd_demo(args: argparse.Namespace) -> int:
    cands, packs = demo_data()
    result = match(cands, packs)
    _say(format_table(result))
    return 0


def _cmd_match(args: argparse.Namespace) -> int:
    target = _out_file(args.out, RESULT_SUFFIXES, args.force) if args.out else None
    cands = _read_list(args.candidates, "candidates")
    packs = _read_list(args.packages, "packages")
    config = MatchConfig()
    if args.config:
        config = MatchConfig.model_validate(read_json(args.config, "config"))
    result = match(cands, packs, config)
    if target is not None:
        _write_out(target, result, args.force)
        _say(format_table(result))
    else:
        _say_json(result.model_dump_json(indent=2))
    return 0


_SCHEMAS: dict[str, Any] = {
    "candidate": Candidate,
    "package": TaskPackage,
    "config": MatchConfig,
    "result": MatchResult,
}


def _cmd_template(args: argparse.Namespace) -> int:
    from .io import write_template

    target = _out_file(args.path, TEMPLATE_SUFFIXES, args.force, option="template path")
    try:
        written = write_template(args.kind, target, overwrite=args.force)
    except OSError as exc:
        raise InputError(f"cannot write {_show(target)}: {exc.strerror or exc}") from None
    _say(f"written: {written} (one example row; fill in one row per {args.kind[:-1]})")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    _say_json(json.dumps(_SCHEMAS[args.model].model_json_schema(), indent=2))
    return 0


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--candidates", help="JSON list of candidates")
    parser.add_argument("--packages", help="JSON list of task packages")
    parser.add_argument("--demo", action="store_true", help="use the embedded demo data")


_FORCE_HELP = (
    "replace an existing output file (a link, folder, pipe or device at the path never is)"
)


class _Parser(argparse.ArgumentParser):
    """argparse with its error message (which may quote what was typed) escaped."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {escape(message, lines=False)}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``wbamatch`` command."""
    parser = _Parser(
        prog="wbamatch",
        description="Match Banenafspraak candidates to task packages.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="match the embedded demo data and print a table")
    demo.set_defaults(func=_cmd_demo)
    m = sub.add_parser("match", help="match candidates and packages from JSON files")
    m.add_argument("--candidates", required=True, help="JSON list of candidates")
    m.add_argument("--packages", required=True, help="JSON list of task packages")
    m.add_argument("--config", help="JSON object with MatchConfig fields")
    m.add_argument(
        "--out",
        help="write the result here (else as JSON to standard output); the suffix names the "
        "format: .json, .csv (one row per candidate) or .xlsx (sheets candidates, unassigned, "
        "open_slots, summary; needs wbamatch[excel])",
    )
    m.add_argument("--force", action="store_true", help=_FORCE_HELP)
    m.set_defaults(func=_cmd_match)
    sl = sub.add_parser("shortlist", help="top-k counterparts per package or candidate")
    _add_inputs(sl)
    sl.add_argument("-k", type=int, default=10, help="entries per list (default 10)")
    sl.add_argument("--by", choices=["package", "candidate"], default="package")
    sl.add_argument("--near-misses", type=int, default=0, help="pairs breaking one rule")
    sl.add_argument("--json", action="store_true", help="print JSON instead of text")
    sl.add_argument(
        "--out",
        help="also write the lists here; the suffix names the format: .json, .csv or .xlsx "
        "(one row per entry; needs wbamatch[excel])",
    )
    sl.add_argument("--force", action="store_true", help=_FORCE_HELP)
    sl.set_defaults(func=_cmd_shortlist)
    mg = sub.add_parser("meet-greet", help="plan who meets whom at a Meet & Greet, in rounds")
    _add_inputs(mg)
    mg.add_argument("--rounds", type=int, required=True)
    mg.add_argument("--per-candidate", type=int, required=True)
    mg.add_argument("--per-package", type=int, required=True)
    mg.add_argument("--near-misses", action="store_true", help="also plan one-rule misses")
    mg.add_argument(
        "--out",
        help="folder for the CSV schedules and the printable HTML (created when missing): "
        + ", ".join(MEET_GREET_FILES),
    )
    mg.add_argument("--force", action="store_true", help="replace those files if they exist")
    mg.set_defaults(func=_cmd_meet_greet)
    cv = sub.add_parser("carve", help="carve a task package for a candidate (or a team)")
    cv.add_argument("--tasks", help="JSON list of tasks (a department's pool)")
    cv.add_argument("--candidate", help="JSON candidate; a list of several carves for a team")
    cv.add_argument("--terms", help="JSON object with PackageTerms fields (employer, offers, ...)")
    cv.add_argument("--config", help="JSON object with MatchConfig fields")
    cv.add_argument("--id", help="id of the carved package (default carved-<candidate id>)")
    cv.add_argument("--time-limit", type=float, default=10.0, help="solver seconds (default 10)")
    cv.add_argument("--json", action="store_true", help="print JSON instead of text")
    cv.add_argument("--out", help="also write the result here, as JSON: a .json file only")
    cv.add_argument("--force", action="store_true", help=_FORCE_HELP)
    cv.add_argument("--demo", action="store_true", help="the demo pool and candidate c-001")
    cv.set_defaults(func=_cmd_carve)
    s = sub.add_parser("schema", help="print the JSON schema of a model")
    s.add_argument("model", choices=sorted(_SCHEMAS))
    s.set_defaults(func=_cmd_schema)
    t = sub.add_parser(
        "template", help="write a spreadsheet to fill in: header, example row, explanation sheet"
    )
    t.add_argument("kind", choices=["candidates", "packages"])
    t.add_argument("path", help="file to write: .xlsx (with an explanation sheet) or .csv")
    t.add_argument("--force", action="store_true", help=_FORCE_HELP)
    t.set_defaults(func=_cmd_template)
    return parser


#: The options that name files; a NUL character in one is refused before any file is opened.
_PATH_OPTIONS: tuple[str, ...] = (
    "candidates", "packages", "config", "tasks", "candidate", "terms", "out", "path",
)  # fmt: skip


def _check_paths(args: argparse.Namespace) -> None:
    for name in _PATH_OPTIONS:
        value = getattr(args, name, None)
        if isinstance(value, str) and "\x00" in value:
            option = name if name == "path" else f"--{name}"
            raise InputError(f"{option} {value!r}: a file name cannot hold a NUL character")


def _validation_message(exc: ValidationError) -> str:
    """pydantic's message (title, then field and problem per error), without the doc links."""
    lines = [line for line in str(exc).splitlines() if "errors.pydantic.dev" not in line]
    return "\n".join(escape(line, lines=False) for line in lines)


def _fail(message: str) -> int:
    print(f"wbamatch: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Every problem with an input or an output ends in exit code 2 and a message on standard
    error, without a traceback: one line, except that a spreadsheet's problems are listed one a
    line and a record's validation errors name the field on a line of its own. Control
    characters in what it echoes (paths, ids) are shown escaped.
    """
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage (or the help) already
        return 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 2
    try:
        _check_paths(args)
        code: int = args.func(args)
    except ValidationError as exc:
        return _fail(f"invalid input: {_validation_message(exc)}")
    except SpreadsheetError as exc:  # all of a sheet's problems, one a line
        return _fail("\n".join(escape(line, lines=False) for line in str(exc).splitlines()))
    except WbamatchError as exc:  # also MissingDependencyError: the message names the extra
        return _fail(escape(str(exc), lines=False))
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return 0
    except OSError as exc:  # a file problem no command turned into a message of its own
        name = exc.filename2 or exc.filename  # os.replace(tmp, target): the target is 2nd
        where = f" {_show(name)}" if name else ""
        return _fail(escape(f"cannot write{where}: {exc.strerror or exc}", lines=False))
    except UnicodeEncodeError:
        return _fail(
            "the terminal cannot show some characters of the output; "
            "set PYTHONIOENCODING=utf-8 or use --out"
        )
    except MemoryError:  # the machine has less memory than MatchConfig.max_memory_mb assumes
        return _fail(
            "ran out of memory; give a config with a lower max_memory_mb (what this machine "
            "can spare, in MB) so that the run stops before it starts, or split the input"
        )
    except KeyboardInterrupt:
        print("wbamatch: interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
