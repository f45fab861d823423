"""Command line: ``wbamatch demo | match | shortlist | meet-greet | carve | schema | template``.

``--candidates`` and ``--packages`` take JSON lists, or CSV / XLSX files in the layout of
``wbamatch template`` (needs ``wbamatch[excel]`` for XLSX). ``wbamatch demo --write DIR`` writes
the demo data in both forms to start from; ``wbamatch --version`` names the version.

What the commands print for people (the demo and match tables, shortlists, Meet & Greet rounds,
carved packages) comes from the message catalogue (``data/catalogue/<lang>/cli.json``) in the
language of ``--lang nl|en``, else ``MatchConfig.lang`` of ``--config``, else the environment
variable ``WBAMATCH_LANG``, else Dutch; so does ``--help`` (from ``--lang`` on the command line,
else ``WBAMATCH_LANG``, else Dutch). Error messages are English. Invalid JSON records are
listed all at once, one line per error: ``file 'c.json', record 'c-2', field hours.min: ...``.

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
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from pydantic import BaseModel, ValidationError

from ._api import match
from ._catalogue import (
    DEFAULT_LANG,
    LANGS,
    Lang,
    Number,
    Percent,
    catalogue,
    format_value,
    resolve_lang,
    text,
)
from ._cells import require
from ._config import MatchConfig
from ._demo import demo_data
from ._exceptions import InputError, SpreadsheetError, WbamatchError
from ._files import existing_kind, write_atomic
from ._jsonfile import read_json
from ._models import Candidate, TaskPackage
from ._results import MatchResult, placement_notes, reason_words

__all__ = ["main"]

#: What ``--out`` may end in, per command: the suffix names the format.
RESULT_SUFFIXES: tuple[str, ...] = (".json", ".csv", ".xlsx")
CARVE_SUFFIXES: tuple[str, ...] = (".json",)
TEMPLATE_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx")

#: The files ``demo --write FOLDER`` writes into the folder: the demo data to start from.
DEMO_FILES: tuple[str, ...] = (
    "candidates.json",
    "packages.json",
    "candidates.xlsx",
    "packages.xlsx",
)

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


def _write_out(
    target: Path,
    value: BaseModel,
    force: bool,
    lang: str | None = None,
    packages: Sequence[TaskPackage] | None = None,
) -> None:
    """Write ``value`` to ``target`` in the format its suffix names (checked by _out_file)."""
    try:
        if target.suffix.lower() == ".json":
            write_atomic(target, value.model_dump_json(indent=2) + "\n", overwrite=force)
        else:
            from .io import write_results

            write_results(
                value,  # type: ignore[arg-type]
                target,
                overwrite=force,
                lang=lang,
                packages=packages,
            )
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


# ---------------------------------------------------------------------------------------------
# Text for people, from the catalogue in the chosen language
# ---------------------------------------------------------------------------------------------
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


def _num(value: float, digits: int, lang: str) -> str:
    """A number with exactly ``digits`` decimals, with a decimal comma in Dutch: ``0,812``."""
    written = f"{value:.{digits}f}"
    return written.replace(".", ",") if lang == "nl" else written


def _words(key: str, lang: str, fallback: str, **values: Any) -> str:
    """The catalogue's text ``key``, or ``fallback`` when the catalogue has no such key."""
    return text(key, lang, **values) if key in catalogue(resolve_lang(lang)) else fallback


def _reason(code: str, lang: str) -> str:
    """A reason code in words: a rule's, a result's (``outcompeted``) or a carve's own."""
    return _words(f"cli.reason.{code}", lang, reason_words(code, lang))


def _count(kind: str, n: int, lang: str) -> str:
    """``"1 taak"``, ``"3 taken"``: a number of things, singular or plural."""
    return text(f"cli.count.{kind}.{'one' if n == 1 else 'other'}", lang, n=n)


def _status(status: str, lang: str, prefix: str = "cli.status") -> str:
    return _words(f"{prefix}.{status}", lang, status)


def format_table(result: MatchResult, lang: str | None = None) -> str:
    """Render a match result as a plain-text table for a terminal, in ``lang``.

    ``lang`` is ``"nl"`` or ``"en"``; default ``WBAMATCH_LANG``, else Dutch. Reasons are in
    words (:func:`wbamatch._results.reason_words`), numbers as the language writes them.

    Example
    -------
    >>> import wbamatch
    >>> table = format_table(wbamatch.match(*wbamatch.demo_data()), "nl")
    >>> table.split()[:5]
    ['kandidaat', 'pakket', 'score', 'uren', 'banen']
    """
    lang = resolve_lang(lang)
    head = {k: text(f"cli.table.{k}", lang) for k in ("candidate", "package", "score", "hours")}
    head["banen"] = text("cli.table.banen", lang)
    wc = max([12, len(head["candidate"])] + [len(a.candidate_id) for a in result.assignments])
    wp = max([12, len(head["package"])] + [len(a.package_id) for a in result.assignments])
    title = text("cli.table.title", lang)
    lines = [
        f"{head['candidate']:<{wc}} {head['package']:<{wp}} {head['score']:>6} "
        f"{head['hours']:>6} {head['banen']:>6}  {title}"
    ]
    lines.append("-" * len(lines[0]))
    for a in result.assignments:
        notes = placement_notes(a, lang)
        note = f" ({'; '.join(notes)})" if notes else ""
        score = format_value(Percent(a.score), lang)
        lines.append(
            f"{a.candidate_id:<{wc}} {a.package_id:<{wp}} {score:>6} "
            f"{_num(a.hours, 1, lang):>6} {_num(a.banen, 2, lang):>6}  {a.title}{note}".rstrip()
        )
    if result.unassigned:
        lines += ["", text("cli.unplaced.heading", lang)]
        for u in result.unassigned:
            why = ", ".join(f"{_reason(r.code, lang)}: {r.packages}" for r in u.reasons)
            lines.append(f"  {u.candidate_id:<{wc}} {why or text('cli.unplaced.none', lang)}")
    if result.open_slots:
        lines += ["", text("cli.open.heading", lang)]
        for o in result.open_slots:
            key = "cli.open.line.one" if o.feasible_candidates == 1 else "cli.open.line"
            words = text(key, lang, open=o.open, fit=o.feasible_candidates)
            lines.append(f"  {o.package_id:<{wp}} {words}")
    summary = text(
        "cli.summary",
        lang,
        placed=len(result.assignments),
        candidates=result.n_candidates,
        banen=_num(result.banen, 2, lang),
        open=sum(o.open for o in result.open_slots),
        slots=result.n_slots,
    )
    lines += ["", summary, _status(str(result.status), lang)]
    return "\n".join(lines)


def _inputs(args: argparse.Namespace) -> tuple[list[Any], list[Any]]:
    """Candidates and packages from ``--candidates``/``--packages``, or the demo set."""
    if getattr(args, "demo", False):
        cands, packs = demo_data()
        return list(cands), list(packs)
    if not args.candidates or not args.packages:
        raise InputError("give --candidates and --packages, or --demo")
    return _read(args, args.candidates, "candidates"), _read(args, args.packages, "packages")


def _shortlist_text(lists: Any, by: str, lang: Lang) -> str:
    """Shortlists for a terminal: a heading per list, its ranked entries and near misses."""
    lines: list[str] = []
    for sl in lists.lists:
        if by == "package":  # the list's title names the package (id, title, employer)
            label = sl.title or sl.id
            label = label if label.startswith(sl.id) else f"{sl.id} ({label})"
            lines.append(text("cli.shortlist.list.package", lang, id=label))
        else:
            lines.append(text("cli.shortlist.list.candidate", lang, id=sl.id))
        for e in sl.entries:
            other = e.candidate_id if by == "package" else e.package_id
            named = f"{e.title}  " if by == "candidate" and e.title else ""
            parts = "; ".join(text(f"component.{n}", lang) for n, _ in e.top_components)
            score = format_value(Percent(e.score), lang)
            lines.append(f"  {e.rank:>2}. {other:<12} {score:>4}  {named}({parts})")
        near = text("cli.shortlist.near", lang)
        for nm in sl.near_misses:
            other = nm.candidate_id if by == "package" else nm.package_id
            message = nm.message_nl if lang == "nl" else nm.message_en
            score = format_value(Percent(nm.score), lang)
            lines.append(f"  {near}: {other:<12} {score:>4}  {message}")
        if not sl.entries and not sl.near_misses:
            key = "cli.shortlist.nobody" if by == "package" else "cli.shortlist.no_package"
            lines.append("  " + text(key, lang))
    return "\n".join(lines)


def _cmd_shortlist(args: argparse.Namespace) -> int:
    from ._shortlist import shortlist

    lang = _lang(args)
    target = _out_file(args.out, RESULT_SUFFIXES, args.force) if args.out else None
    cands, packs = _inputs(args)
    lists = shortlist(cands, packs, k=args.k, by=args.by, near_misses=args.near_misses, lang=lang)
    if target is not None:
        _write_out(target, lists, args.force, lang)
    if args.json:
        _say_json(lists.model_dump_json(indent=2))
        return 0
    _say(_shortlist_text(lists, args.by, lang))
    return 0


def _cmd_meet_greet(args: argparse.Namespace) -> int:
    from ._meetgreet import plan_meet_and_greet

    lang = _lang(args)
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
        slots = ", ".join(
            text("cli.meet.round", lang, round=m.round, candidate=m.candidate_id) for m in meetings
        )
        lines.append(f"{package_id:<12} {slots}")
    summary = text(
        "cli.meet.summary",
        lang,
        meetings=_count("meetings", len(plan.meetings), lang),
        rounds=_count("rounds", plan.rounds_used, lang),
    )
    lines += ["", summary]
    if plan.dropped:
        key = "cli.meet.dropped.one" if len(plan.dropped) == 1 else "cli.meet.dropped"
        lines.append(text(key, lang, n=len(plan.dropped)))
    _say("\n".join(lines))
    if folder is not None:
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
            written = [
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
        _say(text("cli.written", lang, files=", ".join(str(p) for p in written)))
    return 0


def _cmd_carve(args: argparse.Namespace) -> int:
    from ._jobcarving import CarveResult, carve, carve_team, demo_tasks, demo_terms

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


def _carve_text(result: Any, lang: str | None = None) -> str:
    """A carve result for a terminal: the package and its tasks, then the leftover work and why."""
    lang = resolve_lang(lang)
    if result.package is None:
        lines = [text("cli.carve.none", lang, candidate=result.candidate_id)]
        for r in result.reasons:  # with the number of tasks each rules out, if any
            reason = _reason(r.code, lang)
            if r.tasks:
                reason = text(
                    "cli.carve.reason", lang, reason=reason, tasks=_count("tasks", r.tasks, lang)
                )
            lines.append(f"  {reason}")
    else:
        head = text(
            "cli.carve.package",
            lang,
            id=result.package.id,
            candidate=result.candidate_id,
            tasks=_count("tasks", len(result.tasks), lang),
            hours=Number(result.hours),
            score=format_value(Percent(result.score), lang),
        )
        counts = (
            text("cli.carve.counts", lang, banen=_num(result.banen, 2, lang))
            if result.counts
            else text("cli.carve.does_not_count", lang)
        )
        lines = [f"{head}; {counts}."]
        if result.explanation is not None and result.explanation.strongest(lang):
            lines.append(result.explanation.strongest(lang))
        if str(result.status) == "time_limit":
            lines.append(text("cli.carve.time_limit", lang))
        for t in result.tasks:
            hours = text("cli.carve.hours", lang, hours=Number(t.hours))
            lines.append(f"  {t.id:<12} {hours:>7}  {t.description}".rstrip())
    if result.leftover:
        lines.append(text("cli.carve.leftover", lang))
        for t in result.leftover:
            why = ", ".join(_reason(c, lang) for c in t.reasons)
            hours = text("cli.carve.hours", lang, hours=Number(t.hours))
            lines.append(
                f"  {t.task_id:<12} {hours:>7}  {why or text('cli.carve.not_in_best', lang)}"
            )
    return "\n".join(lines)


def _team_text(team: Any, lang: str) -> str:
    """A team carve for a terminal: one line per candidate, then the pool's summary."""
    lines = []
    for r in team.results:
        if r.package is None:
            lines.append(text("cli.carve.team.none", lang, candidate=r.candidate_id))
        else:
            lines.append(
                text(
                    "cli.carve.team.line",
                    lang,
                    candidate=r.candidate_id,
                    tasks=", ".join(r.task_ids),
                    hours=Number(r.hours),
                    score=_num(r.score, 3, lang),
                )
            )
    status = _status(str(team.status), lang, "cli.carve.status")
    if team.mip_gap is not None:
        gap = _num(100 * team.mip_gap, 2, lang) + "%"
        status += ", " + text("cli.carve.team.gap", lang, gap=gap)
    lines.append(
        text(
            "cli.carve.team.summary",
            lang,
            status=status,
            score=_num(team.total_score, 3, lang),
            banen=_num(team.banen, 2, lang),
            tasks=_count("tasks", len(team.leftover), lang),
            hours=Number(team.leftover_hours),
        )
    )
    return "\n".join(lines)


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

    from .io import write_candidates, write_packages

    cands, packs = demo_data()
    data = files(__package__ or "wbamatch").joinpath("data")
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
    lang = _lang(args, config) if target is not None else None  # the table only goes with --out
    result = match(cands, packs, config)
    if target is not None:
        _write_out(target, result, args.force, lang, packs)
        _say(format_table(result, lang))
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
        from ._api import library_version

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

    def add_inputs(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--candidates", metavar=h("cli.metavar.file"), help=h("cli.help.common.candidates")
        )
        parser.add_argument(
            "--packages", metavar=h("cli.metavar.file"), help=h("cli.help.common.packages")
        )
        parser.add_argument("--demo", action="store_true", help=h("cli.help.common.demo"))

    def add_lang(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--lang", choices=["nl", "en"], help=h("cli.help.common.lang"))

    force = h("cli.help.common.force")
    parser = _Parser(prog="wbamatch", description=h("cli.help.description"), add_help=False)
    parser.add_argument("-h", "--help", action="help", help=h("cli.help.common.help"))
    parser.add_argument("--version", action=_Version, help=h("cli.help.version"))
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", help=h("cli.help.command")
    )

    def command(
        name: str, summary: str, description: str | None = None, epilog: str | None = None
    ) -> argparse.ArgumentParser:
        made = sub.add_parser(
            name, help=summary, description=description, epilog=epilog, add_help=False
        )
        made.add_argument("-h", "--help", action="help", help=h("cli.help.common.help"))
        return made

    demo = command("demo", h("cli.help.demo.summary"), h("cli.help.demo.description"))
    demo.add_argument(
        "--write", metavar="DIR", help=h("cli.help.demo.write", files=", ".join(DEMO_FILES))
    )
    demo.add_argument("--force", action="store_true", help=h("cli.help.common.force_files"))
    add_lang(demo)
    demo.set_defaults(func=_cmd_demo)
    m = command(
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
    m.add_argument("--out", help=h("cli.help.match.out"))
    m.add_argument("--force", action="store_true", help=force)
    add_lang(m)
    m.set_defaults(func=_cmd_match)
    sl = command("shortlist", h("cli.help.shortlist.summary"), h("cli.help.shortlist.description"))
    add_inputs(sl)
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
    sl.add_argument("--force", action="store_true", help=force)
    add_lang(sl)
    sl.set_defaults(func=_cmd_shortlist)
    mg = command(
        "meet-greet", h("cli.help.meet_greet.summary"), h("cli.help.meet_greet.description")
    )
    add_inputs(mg)
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
    add_lang(mg)
    mg.set_defaults(func=_cmd_meet_greet)
    cv = command("carve", h("cli.help.carve.summary"), h("cli.help.carve.description"))
    cv.add_argument("--tasks", help=h("cli.help.carve.tasks"))
    cv.add_argument("--candidate", help=h("cli.help.carve.candidate"))
    cv.add_argument("--terms", help=h("cli.help.carve.terms"))
    cv.add_argument("--config", help=h("cli.help.common.config"))
    cv.add_argument("--id", help=h("cli.help.carve.id"))
    cv.add_argument("--time-limit", type=float, default=10.0, help=h("cli.help.carve.time_limit"))
    cv.add_argument("--json", action="store_true", help=h("cli.help.common.json"))
    cv.add_argument("--out", help=h("cli.help.carve.out"))
    cv.add_argument("--force", action="store_true", help=force)
    cv.add_argument("--demo", action="store_true", help=h("cli.help.carve.demo"))
    add_lang(cv)
    cv.set_defaults(func=_cmd_carve)
    s = command("schema", h("cli.help.schema.summary"))
    models = sorted(_SCHEMAS)
    s.add_argument(
        "model",
        choices=models,
        help=h("cli.help.schema.model", models=", ".join(map(repr, models))),
    )
    s.set_defaults(func=_cmd_schema)
    t = command("template", h("cli.help.template.summary"))
    t.add_argument("kind", choices=["candidates", "packages"], help=h("cli.help.template.kind"))
    t.add_argument("path", help=h("cli.help.template.path"))
    t.add_argument("--force", action="store_true", help=force)
    t.set_defaults(func=_cmd_template)
    return parser


#: The options that name files; a NUL character in one is refused before any file is opened.
_PATH_OPTIONS: tuple[str, ...] = (
    "candidates", "packages", "config", "tasks", "candidate", "terms", "out", "path", "write",
)  # fmt: skip


def _check_paths(args: argparse.Namespace) -> None:
    for name in _PATH_OPTIONS:
        value = getattr(args, name, None)
        if isinstance(value, str) and "\x00" in value:
            option = name if name == "path" else f"--{name}"
            raise InputError(f"{option} {value!r}: a file name cannot hold a NUL character")


#: Which inputs a model's records come from: the keys of :func:`_sources`.
_MODEL_INPUTS: dict[str, tuple[str, ...]] = {
    "Candidate": ("candidates", "candidate"),
    "TaskPackage": ("packages",),
    "Task": ("tasks",),
    "PackageTerms": ("terms",),
    "MatchConfig": ("config",),
}
#: ``"3 invalid candidates"``: the title of several invalid records of one list.
_MANY = re.compile(r"\d+ invalid (candidate|package|task)s( \(the first ones\))?")
_MANY_MODELS = {"candidate": "Candidate", "package": "TaskPackage", "task": "Task"}
#: ``"Candidate 'c-1'"``, ``"Candidate #3"``, ``"MatchConfig"``: one invalid record.
_ONE = re.compile(r"(\w+)(?: ('.*'|#\d+))?", re.S)


def _file_labels(sources: dict[str, str]) -> dict[str, str]:
    """How to name each input file: its name, or its path when two inputs share a name."""
    names = [Path(path).name for path in sources.values()]
    return {
        what: _show(Path(path).name if names.count(Path(path).name) == 1 else path)
        for what, path in sources.items()
    }


def _error_lines(exc: ValidationError, sources: dict[str, str]) -> list[str]:
    """One line per error: ``file 'c.json', record 'c-2', field hours.min: <message>``.

    The record is named by its id, or by its position (``#3``) when the id itself is unusable;
    the message has pydantic's own words (with "did you mean"), never the value given.
    """
    many = _MANY.fullmatch(exc.title)
    one = None if many else _ONE.fullmatch(exc.title)
    model = _MANY_MODELS[many.group(1)] if many else one.group(1) if one else ""
    record = one.group(2) if one else None
    labels = _file_labels(sources)
    where = next((labels[k] for k in _MODEL_INPUTS.get(model, ()) if k in labels), None)
    lines = []
    for error in exc.errors(include_url=False):
        loc = [str(part) for part in error["loc"]]
        rec = record
        if many and loc:
            rec, loc = loc[0], loc[1:]
        parts = [f"file {where}"] if where else [] if rec or not exc.title else [exc.title]
        if rec:
            parts.append(f"record {rec}")
        if loc:
            parts.append(f"field {'.'.join(loc)}")
        message = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        lines.append(", ".join(parts) + ": " + message if parts else message)
    return lines


def _validation_message(exc: ValidationError, sources: dict[str, str] | None = None) -> str:
    """Every error of an invalid input, one a line (file, record, field), without doc links."""
    lines = _error_lines(exc, sources or {})
    more = (
        " (the first invalid records; correct them and run again)"
        if exc.title.endswith("(the first ones)")
        else ""
    )
    head = f"invalid input, {len(lines)} error{'' if len(lines) == 1 else 's'}{more}:"
    return "\n".join(escape(line, lines=False) for line in [head, *lines])


def _fail(message: str) -> int:
    print(f"wbamatch: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Every problem with an input or an output ends in exit code 2 and a message on standard
    error, without a traceback: one line, except that a spreadsheet's problems are listed one a
    line, and so are the errors of invalid JSON records (file, record and field each). Control
    characters in what it echoes (paths, ids) are shown escaped.
    """
    words = sys.argv[1:] if argv is None else list(argv)
    try:  # the help is in the language --lang names, looked for before the parser is made
        args = build_parser(_help_lang(words)).parse_args(words)
    except SystemExit as exc:  # argparse has printed the usage (or the help) already
        return 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 2
    try:
        _check_paths(args)
        code: int = args.func(args)
    except ValidationError as exc:
        return _fail(_validation_message(exc, getattr(args, "sources", None)))
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
