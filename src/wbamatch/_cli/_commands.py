"""One function per subcommand: read the inputs, run the library, print and write the outcome.

Each ``_cmd_*`` takes the parsed arguments and returns the exit code; a problem with an input or
an output is raised as :class:`wbamatch.InputError` (or pydantic's ValidationError), which
:func:`wbamatch._cli.main` turns into one message and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .._api import match
from .._catalogue import Lang, text
from .._cells import require
from .._config import MatchConfig
from .._demo import demo_data
from .._exceptions import InputError
from .._files import write_atomic
from .._models import Candidate, TaskPackage
from .._results import MatchResult
from ._echo import _say, _say_json, _show
from ._inputs import _candidates_and_packages, _config, _lang, _pairs_file, _read, _read_one
from ._outputs import (
    CARVE_SUFFIXES,
    DEMO_FILES,
    MEET_GREET_FILES,
    RESULT_SUFFIXES,
    TEMPLATE_SUFFIXES,
    _out_file,
    _out_folder,
    _write_out,
)
from ._tables import _carve_text, _meet_greet_text, _shortlist_text, _team_text, format_table

if TYPE_CHECKING:  # imported where it is used: the package is not loaded for other commands
    from .._meetgreet import MeetGreetPlan


def _cmd_demo(args: argparse.Namespace) -> int:
    lang = _lang(args)
    folder = _out_folder(args.write, DEMO_FILES, args.force) if args.write else None
    if folder is not None:
        require("openpyxl")  # the XLSX files need it: say so before anything is written
    cands, packs = demo_data()
    _say(format_table(match(cands, packs), lang))
    if folder is not None:
        written = _write_demo(folder, args.force)
        _say(text("cli.written", lang, files=", ".join(str(p) for p in written)))
    return 0


def _write_demo(folder: Path, force: bool) -> list[Path]:
    """The demo data as JSON (the shipped records) and as XLSX in the template layout."""
    from importlib.resources import files

    from ..io import write_candidates, write_packages

    cands, packs = demo_data()
    data = files("wbamatch").joinpath("data")  # the package's data, not this subpackage's
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _out_folder(str(folder), DEMO_FILES, force)  # again: the folder is there now
        written = [
            write_atomic(
                folder / name,
                data.joinpath(f"demo_{name}").read_text(encoding="utf-8"),
                overwrite=force,
            )
            for name in DEMO_FILES[:2]
        ]
        written.append(write_candidates(cands, folder / DEMO_FILES[2], overwrite=force))
        written.append(write_packages(packs, folder / DEMO_FILES[3], overwrite=force))
    except OSError as exc:
        name = exc.filename2 or exc.filename or folder
        raise InputError(f"cannot write {_show(name)}: {exc.strerror or exc}") from None
    return written


def _cmd_match(args: argparse.Namespace) -> int:
    target = _out_file(args.out, RESULT_SUFFIXES, args.force) if args.out else None
    cands = _read(args, args.candidates, "candidates")
    packs = _read(args, args.packages, "packages")
    config = _config(args)
    current = _read(args, args.current, "current") if args.current else None
    lang = _lang(args, config) if target is not None else None  # the table only goes with --out
    result = match(cands, packs, config, current=current)
    if target is not None:
        _write_out(target, result, args.force, lang, packs)
        _say(format_table(result, lang))
    else:
        _say_json(result.model_dump_json(indent=2))
    return 0


def _cmd_shortlist(args: argparse.Namespace) -> int:
    from .._shortlist import shortlist

    lang = _lang(args)
    target = _out_file(args.out, RESULT_SUFFIXES, args.force) if args.out else None
    cands, packs = _candidates_and_packages(args)
    lists = shortlist(cands, packs, k=args.k, by=args.by, near_misses=args.near_misses, lang=lang)
    if target is not None:
        _write_out(target, lists, args.force, lang)
    if args.json:
        _say_json(lists.model_dump_json(indent=2))
        return 0
    _say(_shortlist_text(lists, args.by, lang))
    return 0


def _cmd_meet_greet(args: argparse.Namespace) -> int:
    from .._meetgreet import plan_meet_and_greet

    lang = _lang(args)
    folder = _out_folder(args.out, MEET_GREET_FILES, args.force) if args.out else None
    cands, packs = _candidates_and_packages(args)
    plan = plan_meet_and_greet(
        cands,
        packs,
        rounds=args.rounds,
        per_candidate=args.per_candidate,
        per_package=args.per_package,
        near_misses=args.near_misses,
    )
    _say(_meet_greet_text(plan, lang))
    if folder is not None:
        written = _write_meet_greet(plan, folder, args, lang)
        _say(text("cli.written", lang, files=", ".join(str(p) for p in written)))
    return 0


def _write_meet_greet(
    plan: MeetGreetPlan, folder: Path, args: argparse.Namespace, lang: Lang
) -> list[Path]:
    """Write the plan's handouts (CSV) and its page (HTML) into ``folder``; the paths written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _out_folder(args.out, MEET_GREET_FILES, args.force)  # again: the folder is there now
        options: dict[str, Any] = {
            "lang": lang,
            "event_start": None if args.start.strip().lower() == "none" else args.start,
            "round_minutes": args.minutes,
            "break_minutes": args.break_minutes,
            "names": _pairs_file(args.names, "names") if args.names else None,
            "tables": _pairs_file(args.tables, "tables") if args.tables else None,
        }
        return [
            *plan.to_csv(folder, **options, overwrite=args.force),  # handouts in --lang too
            plan.to_html(folder / MEET_GREET_FILES[2], **options, overwrite=args.force),
        ]
    except UnicodeEncodeError:
        raise InputError(
            f"cannot write into {_show(folder)}: the plan holds text that UTF-8 cannot encode"
        ) from None
    except OSError as exc:
        name = exc.filename2 or exc.filename or folder
        raise InputError(f"cannot write {_show(name)}: {exc.strerror or exc}") from None


def _cmd_carve(args: argparse.Namespace) -> int:
    from .._jobcarving import CarveResult, carve, carve_team, demo_tasks, demo_terms

    target = _out_file(args.out, CARVE_SUFFIXES, args.force) if args.out else None
    if args.demo:
        tasks: list[Any] = list(demo_tasks())
        terms: Any = demo_terms()
        people: Any = [demo_data()[0][0]] if not args.candidate else None
    elif not args.tasks or not args.candidate:
        raise InputError("give --tasks and --candidate, or --demo")
    else:
        tasks, terms, people = _read(args, args.tasks, "tasks"), None, None
    if args.candidate:
        people = _read_one(args, args.candidate, "candidate")
    if args.terms:
        terms = _read_one(args, args.terms, "terms")
    config = _config(args) if args.config else None
    lang = _lang(args, config)
    outcome: BaseModel
    with _native_output_to_stderr():
        if isinstance(people, list) and len(people) != 1:
            team = carve_team(tasks, people, config, terms=terms, time_limit=args.time_limit)
            words, outcome = _team_text(team, lang), team
        else:
            person = people[0] if isinstance(people, list) else people
            kwargs: dict[str, Any] = {"terms": terms, "time_limit": args.time_limit}
            if args.id:
                kwargs["package_id"] = args.id
            result: CarveResult = carve(tasks, person, config, **kwargs)
            words, outcome = _carve_text(result, lang), result
    if target is not None:
        _write_out(target, outcome, args.force)
    if args.json:
        _say_json(outcome.model_dump_json(indent=2))
    else:
        _say(words)
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


_SCHEMAS: dict[str, Any] = {
    "candidate": Candidate,
    "package": TaskPackage,
    "config": MatchConfig,
    "result": MatchResult,
}


def _cmd_template(args: argparse.Namespace) -> int:
    from ..io import write_template

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
