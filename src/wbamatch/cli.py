"""Command line: ``wbamatch demo | match | shortlist | meet-greet | carve | schema | template``.

``--candidates`` and ``--packages`` take JSON lists, or CSV / XLSX files in the layout of
``wbamatch template`` (needs ``wbamatch[excel]`` for XLSX).

Exit codes: 0 success, 2 bad input (the message names file, record and field), 1 a bug.
Nothing is written to disk unless ``--out`` is given; then the file is written atomically.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ._files import write_atomic
from ._jsonfile import read_json
from .api import match
from .config import MatchConfig
from .demo import demo_data
from .exceptions import InputError, WbamatchError
from .models import Candidate, TaskPackage
from .results import MatchResult

__all__ = ["main"]

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

    cands, packs = _inputs(args)
    lists = shortlist(cands, packs, k=args.k, by=args.by, near_misses=args.near_misses)
    if args.json:
        print(lists.model_dump_json(indent=2))
        return 0
    for sl in lists.lists:
        print(f"{args.by} {sl.id}:")
        for e in sl.entries:
            other = e.candidate_id if args.by == "package" else e.package_id
            parts = ", ".join(f"{n} {v:.2f}" for n, v in e.top_components)
            print(f"  {e.rank:>2}. {other:<12} {e.score:.3f}  ({parts})")
        for nm in sl.near_misses:
            other = nm.candidate_id if args.by == "package" else nm.package_id
            print(f"   near miss {other:<12} {nm.score:.3f}  {nm.message_en}")
        if not sl.entries and not sl.near_misses:
            print("  (nobody fits)")
    return 0


def _cmd_meet_greet(args: argparse.Namespace) -> int:
    from .meetgreet import plan_meet_and_greet

    cands, packs = _inputs(args)
    plan = plan_meet_and_greet(
        cands,
        packs,
        rounds=args.rounds,
        per_candidate=args.per_candidate,
        per_package=args.per_package,
        near_misses=args.near_misses,
    )
    for package_id, meetings in plan.by_package().items():
        slots = ", ".join(f"round {m.round}: {m.candidate_id}" for m in meetings)
        print(f"{package_id:<12} {slots}")
    print(
        f"\n{len(plan.meetings)} meetings in {plan.rounds_used} rounds, "
        f"total score {plan.total_score:.3f}, {len(plan.dropped)} dropped"
    )
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        written = [*plan.to_csv(out), plan.to_html(out / "schedule.html")]
        print("written: " + ", ".join(str(p) for p in written))
    return 0


def _cmd_carve(args: argparse.Namespace) -> int:
    from .jobcarving import CarveResult, carve, carve_team, demo_tasks, demo_terms

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
    with _native_output_to_stderr():
        if isinstance(people, list) and len(people) != 1:
            team = carve_team(tasks, people, config, terms=terms, time_limit=args.time_limit)
            text, data = team.text(), team.model_dump_json(indent=2)
        else:
            person = people[0] if isinstance(people, list) else people
            kwargs: dict[str, Any] = {"terms": terms, "time_limit": args.time_limit}
            if args.id:
                kwargs["package_id"] = args.id
            result: CarveResult = carve(tasks, person, config, **kwargs)
            text, data = _carve_text(result), result.model_dump_json(indent=2)
    if args.out:
        try:
            write_atomic(args.out, data + "\n")
        except OSError as exc:
            raise InputError(f"cannot write {args.out!r}: {exc.strerror or exc}") from None
    print(data if args.json else text)
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
    print(format_table(result))
    return 0


def _cmd_match(args: argparse.Namespace) -> int:
    cands = _read_list(args.candidates, "candidates")
    packs = _read_list(args.packages, "packages")
    config = MatchConfig()
    if args.config:
        config = MatchConfig.model_validate(read_json(args.config, "config"))
    result = match(cands, packs, config)
    text = result.model_dump_json(indent=2)
    if args.out:
        try:
            write_atomic(args.out, text + "\n")
        except OSError as exc:
            raise InputError(f"cannot write {args.out!r}: {exc.strerror or exc}") from None
        print(format_table(result))
    else:
        print(text)
    return 0


_SCHEMAS: dict[str, Any] = {
    "candidate": Candidate,
    "package": TaskPackage,
    "config": MatchConfig,
    "result": MatchResult,
}


def _cmd_template(args: argparse.Namespace) -> int:
    from .io import write_template

    target = Path(args.path)
    if target.exists() and not args.force:
        raise InputError(f"{args.path!r} exists already; pick another name, or add --force")
    if not target.parent.is_dir():
        raise InputError(f"folder {str(target.parent)!r} does not exist; create it first")
    try:
        written = write_template(args.kind, target)
    except OSError as exc:
        raise InputError(f"cannot write {args.path!r}: {exc.strerror or exc}") from None
    print(f"written: {written} (one example row; fill in one row per {args.kind[:-1]})")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(_SCHEMAS[args.model].model_json_schema(), indent=2))
    return 0


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--candidates", help="JSON list of candidates")
    parser.add_argument("--packages", help="JSON list of task packages")
    parser.add_argument("--demo", action="store_true", help="use the embedded demo data")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``wbamatch`` command."""
    parser = argparse.ArgumentParser(
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
    m.add_argument("--out", help="write the result as JSON here (else to standard output)")
    m.set_defaults(func=_cmd_match)
    sl = sub.add_parser("shortlist", help="top-k counterparts per package or candidate")
    _add_inputs(sl)
    sl.add_argument("-k", type=int, default=10, help="entries per list (default 10)")
    sl.add_argument("--by", choices=["package", "candidate"], default="package")
    sl.add_argument("--near-misses", type=int, default=0, help="pairs breaking one rule")
    sl.add_argument("--json", action="store_true", help="print JSON instead of text")
    sl.set_defaults(func=_cmd_shortlist)
    mg = sub.add_parser("meet-greet", help="plan who meets whom at a Meet & Greet, in rounds")
    _add_inputs(mg)
    mg.add_argument("--rounds", type=int, required=True)
    mg.add_argument("--per-candidate", type=int, required=True)
    mg.add_argument("--per-package", type=int, required=True)
    mg.add_argument("--near-misses", action="store_true", help="also plan one-rule misses")
    mg.add_argument("--out", help="directory for the CSV schedules and the printable HTML")
    mg.set_defaults(func=_cmd_meet_greet)
    cv = sub.add_parser("carve", help="carve a task package for a candidate (or a team)")
    cv.add_argument("--tasks", help="JSON list of tasks (a department's pool)")
    cv.add_argument("--candidate", help="JSON candidate; a list of several carves for a team")
    cv.add_argument("--terms", help="JSON object with PackageTerms fields (employer, offers, ...)")
    cv.add_argument("--config", help="JSON object with MatchConfig fields")
    cv.add_argument("--id", help="id of the carved package (default carved-<candidate id>)")
    cv.add_argument("--time-limit", type=float, default=10.0, help="solver seconds (default 10)")
    cv.add_argument("--json", action="store_true", help="print JSON instead of text")
    cv.add_argument("--out", help="also write the result as JSON here")
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
    t.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    t.set_defaults(func=_cmd_template)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage (or the help) already
        return 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 2
    try:
        code: int = args.func(args)
    except ValidationError as exc:
        print(f"wbamatch: invalid input: {exc}", file=sys.stderr)
        return 2
    except WbamatchError as exc:
        print(f"wbamatch: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return 0
    except OSError as exc:  # an --out path that is a directory, not writable, on a full disk
        name = exc.filename2 or exc.filename  # os.replace(tmp, target): the target is 2nd
        where = f" {name!r}" if name else ""
        print(f"wbamatch: cannot write{where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except UnicodeEncodeError:
        print(
            "wbamatch: the terminal cannot show some characters of the output; "
            "set PYTHONIOENCODING=utf-8 or use --out",
            file=sys.stderr,
        )
        return 2
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
