"""Command line: ``wbamatch demo``, ``wbamatch match`` and ``wbamatch schema``.

Exit codes: 0 success, 2 bad input (the message names file, record and field), 1 a bug.
Nothing is written to disk unless ``--out`` is given; then the file is written atomically.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .api import match
from .config import MatchConfig
from .demo import demo_data
from .exceptions import InputError, WbamatchError
from .models import Candidate, TaskPackage
from .results import MatchResult

__all__ = ["main"]

#: Largest JSON document the CLI reads.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def _read_json(path: str, what: str) -> Any:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"{what} file {path!r} cannot be read: {exc.strerror}") from None
    if size > MAX_DOCUMENT_BYTES:
        raise InputError(
            f"{what} file {path!r} is {size} bytes; the limit is {MAX_DOCUMENT_BYTES}. "
            "Split it, or call wbamatch.match() from Python."
        )
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{what} file {path!r} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{what} file {path!r} is not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None


def _read_list(path: str, what: str) -> list[Any]:
    data = _read_json(path, what)
    if not isinstance(data, list):
        raise InputError(f"{what} file {path!r} must hold a JSON list of records")
    return data


def _write_atomic(path: str, text: str) -> None:
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        config = MatchConfig.model_validate(_read_json(args.config, "config"))
    result = match(cands, packs, config)
    text = result.model_dump_json(indent=2)
    if args.out:
        _write_atomic(args.out, text + "\n")
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


def _cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(_SCHEMAS[args.model].model_json_schema(), indent=2))
    return 0


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
    s = sub.add_parser("schema", help="print the JSON schema of a model")
    s.add_argument("model", choices=sorted(_SCHEMAS))
    s.set_defaults(func=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except ValidationError as exc:
        print(f"wbamatch: invalid input: {exc}", file=sys.stderr)
        return 2
    except WbamatchError as exc:
        print(f"wbamatch: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
