"""The errors of invalid input records, one a line: file, record and field each."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from ._echo import _show, escape

#: Which inputs a model's records come from: the keys of :func:`._inputs._sources`.
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
