"""Reading what the command line names: records, single documents, the config, pair files.

Each input file is remembered by what it holds (:func:`_sources`), so that the errors of an
invalid record name the file they come from.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._catalogue import Lang, resolve_lang
from .._config import MatchConfig
from .._demo import demo_data
from .._exceptions import InputError
from .._jsonfile import read_json
from ._echo import _show


def _read_list(path: str, what: str) -> list[Any]:
    if what in ("candidates", "packages") and Path(path).suffix.lower() in (".csv", ".xlsx"):
        # A recruiter's spreadsheet in the template layout (wbamatch template ...).
        from .. import io

        reader = io.read_candidates if what == "candidates" else io.read_packages
        return list(reader(path))
    data = read_json(path, what)
    if not isinstance(data, list):
        raise InputError(f"{what} file {path!r} must hold a JSON list of records")
    return data


def _sources(args: argparse.Namespace) -> dict[str, str]:
    """The input files of this run by what they hold (``"candidates"``: path), for messages."""
    found: dict[str, str] = getattr(args, "sources", {})
    args.sources = found
    return found


def _read(args: argparse.Namespace, path: str, what: str) -> list[Any]:
    """:func:`_read_list`, remembering which file holds ``what`` for the error messages."""
    _sources(args)[what] = path
    return _read_list(path, what)


def _read_one(args: argparse.Namespace, path: str, what: str) -> Any:
    """One JSON document (a candidate, terms, a config), remembered like :func:`_read`."""
    _sources(args)[what] = path
    return read_json(path, what)


def _config(args: argparse.Namespace) -> MatchConfig:
    """``--config`` as a MatchConfig (the defaults without it)."""
    if not args.config:
        return MatchConfig()
    return MatchConfig.model_validate(_read_one(args, args.config, "config"))


#: Most rows of a --names or --tables file.
_MAX_PAIRS = 200_000


def _pairs_file(path: str, what: str) -> dict[str, str]:
    """A two-column CSV (id, value) as a mapping; strict UTF-8, bounded, a header row allowed."""
    import csv
    import io as text_io

    p = Path(path)
    try:
        with p.open("rb") as fh:
            raw = fh.read(10 * 1024 * 1024 + 1)
    except OSError as exc:
        raise InputError(f"{what} file {_show(p)} cannot be read: {exc.strerror or exc}") from None
    if len(raw) > 10 * 1024 * 1024:
        raise InputError(f"{what} file {_show(p)} is over 10 MiB")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{what} file {_show(p)} is not UTF-8 text") from None
    first = content.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    out: dict[str, str] = {}
    for number, row in enumerate(csv.reader(text_io.StringIO(content), delimiter=delimiter), 1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise InputError(
                f"{what} file {_show(p)}, line {number}: give two columns, id and value"
            )
        key, value = row[0].strip(), row[1].strip()
        if number == 1 and key.lower() in ("id", "package_id", "candidate_id"):
            continue  # a header row
        out[key] = value
        if len(out) > _MAX_PAIRS:
            raise InputError(f"{what} file {_show(p)} has more than {_MAX_PAIRS} rows")
    return out


def _lang(args: argparse.Namespace, config: MatchConfig | None = None) -> Lang:
    """``--lang``, else the config's language, else ``WBAMATCH_LANG``, else Dutch."""
    chosen: str | None = getattr(args, "lang", None)
    if config is not None:
        return config.text_lang(chosen)
    return resolve_lang(chosen)


def _candidates_and_packages(args: argparse.Namespace) -> tuple[list[Any], list[Any]]:
    """Candidates and packages from ``--candidates``/``--packages``, or the demo set."""
    if getattr(args, "demo", False):
        cands, packs = demo_data()
        return list(cands), list(packs)
    if not args.candidates or not args.packages:
        raise InputError("give --candidates and --packages, or --demo")
    return _read(args, args.candidates, "candidates"), _read(args, args.packages, "packages")


#: The options that name files; a NUL character in one is refused before any file is opened.
_PATH_OPTIONS: tuple[str, ...] = (
    "candidates", "packages", "config", "tasks", "candidate", "terms", "out", "path", "write",
)  # fmt: skip


def _check_paths(args: argparse.Namespace) -> None:
    """Refuse a NUL character in any option that names a file, before any file is opened."""
    for name in _PATH_OPTIONS:
        value = getattr(args, name, None)
        if isinstance(value, str) and "\x00" in value:
            option = name if name == "path" else f"--{name}"
            raise InputError(f"{option} {value!r}: a file name cannot hold a NUL character")
