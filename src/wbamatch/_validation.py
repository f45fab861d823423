"""Arguments checked at the boundary: lists of records, their ids, and whole-number counts.

One place for what every entry point does with a list of candidates or packages: refuse a
single record or a string where a list belongs, validate dicts into models (kept models are
trusted), stop past the configured maximum, and report all invalid records in one
:class:`pydantic.ValidationError` without pydantic's web links or the input values (health
data). :func:`record_models` is the lighter form for the planners built on a match (the first
invalid record raises), :func:`unique_ids` their duplicate-id check, and :func:`positive_int`
the one check (and message) for a count such as ``k``, ``rounds`` or ``bins``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any, Final, TypeVar

import numpy as np
from pydantic import BaseModel, ValidationError
from pydantic_core import InitErrorDetails

from ._exceptions import DuplicateIdError, InputError
from ._models import Candidate, TaskPackage

__all__ = [
    "MAX_RECORD_ERRORS",
    "positive_int",
    "record_models",
    "unique_ids",
    "validated_records",
]

M = TypeVar("M", Candidate, TaskPackage)
AnyModel = TypeVar("AnyModel", bound=BaseModel)

#: Invalid records reported together; past this many the check stops.
MAX_RECORD_ERRORS: Final[int] = 100


def validated_records(records: Iterable[Any], model: type[M], kind: str, limit: int) -> list[M]:
    """``records`` as models of ``model``, in their order; every invalid one reported at once.

    Raises
    ------
    InputError
        Not a list, an item that is neither a model nor a dict, more than ``limit`` records, or
        none at all.
    pydantic.ValidationError
        Invalid records: one keeps its own title, several are located at their record (id, or
        position when the id is unusable).

    Example
    -------
    >>> from wbamatch import Candidate
    >>> validated_records([{"id": "c-1", "hours": {"min": 8, "max": 16}}], Candidate,
    ...                   "candidate", 10)[0].id
    'c-1'
    """
    _check_list(records, kind)
    out: list[M] = []
    failed: list[tuple[str, ValidationError]] = []
    for k, rec in enumerate(records):
        if isinstance(rec, model):
            out.append(rec)
        elif isinstance(rec, Mapping):
            try:
                out.append(model.model_validate(rec))
            except ValidationError as exc:
                # The title names the record by its id, or it has none usable: its position.
                named = exc.title != model.__name__
                failed.append((exc.title if named else f"{model.__name__} #{k}", exc))
                if len(failed) >= MAX_RECORD_ERRORS:
                    break
        else:
            raise _not_a_record(rec, k, model, kind)
        if len(out) > limit:
            raise InputError(
                f"more than {limit} {kind}s; raise MatchConfig.max_{kind}s or split the run"
            )
    if failed:
        raise _all_records(failed, model, kind)
    if not out:
        raise InputError(f"no {kind}s given; pass at least one {kind}")
    return out


def record_models(records: Any, model: type[AnyModel], kind: str) -> list[AnyModel]:
    """``records`` as models of ``model``, in their order; the first invalid record raises.

    Raises
    ------
    InputError
        Not a list (a single record, a string), or an item that is neither a model nor a dict.
    pydantic.ValidationError
        A record does not validate.

    Example
    -------
    >>> from wbamatch import Candidate
    >>> record_models([{"id": "c-1", "hours": {"min": 8, "max": 16}}], Candidate, "candidate")[0].id
    'c-1'
    >>> record_models({"id": "c-1"}, Candidate, "candidate")
    Traceback (most recent call last):
    ...
    wbamatch._exceptions.InputError: candidates must be a list of records, got a single dict
    """
    _check_list(records, kind)
    out: list[AnyModel] = []
    for k, rec in enumerate(records):
        if isinstance(rec, model):
            out.append(rec)
        elif isinstance(rec, Mapping):
            out.append(model.model_validate(rec))
        else:
            raise _not_a_record(rec, k, model, kind)
    return out


def unique_ids(ids: Iterable[str], kind: str) -> None:
    """Refuse ids given more than once, naming (the first 20 of) them.

    Raises
    ------
    DuplicateIdError
        An id is given twice or more.

    Example
    -------
    >>> unique_ids(["t-2", "t-1", "t-2"], "task")
    Traceback (most recent call last):
    ...
    wbamatch._exceptions.DuplicateIdError: task ids must be unique; duplicated: 't-2'. Give each \
task its own id.
    """
    ordered = sorted(ids)
    dups = sorted({a for a, b in itertools.pairwise(ordered) if a == b})
    if dups:
        shown = ", ".join(repr(d) for d in dups[:20])
        raise DuplicateIdError(
            f"{kind} ids must be unique; duplicated: {shown}. Give each {kind} its own id."
        )


def positive_int(value: object, name: str, *, least: int = 1, unit: str = "") -> int:
    """``value`` as an int, once it is a whole number ``>= least`` (a bool is not one).

    Parameters
    ----------
    value
        The argument as passed (an ``int`` or a NumPy integer).
    name
        The argument's name, as the caller wrote it: the message names it.
    least
        The smallest value allowed (``0`` for a count that may be zero).
    unit
        What the number counts, for the message (``"minutes"``); empty for a plain count.

    Raises
    ------
    InputError
        Not a whole number, or below ``least``.

    Example
    -------
    >>> positive_int(3, "k"), positive_int(np.int64(0), "near_misses", least=0)
    (3, 0)
    >>> positive_int(True, "rounds")
    Traceback (most recent call last):
    ...
    wbamatch._exceptions.InputError: rounds must be a whole number >= 1, got True; pass an int \
of at least 1
    """
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < least:
        shown = int(value) if isinstance(value, np.integer) else repr(value)
        counted = f" of {unit}" if unit else ""
        raise InputError(
            f"{name} must be a whole number{counted} >= {least}, got {shown}; pass an int of "
            f"at least {least}"
        )
    return int(value)


def _check_list(records: Any, kind: str) -> None:
    """Refuse a single record, a string or anything else that is not a list of records."""
    if isinstance(records, (str, bytes, Mapping)) or not isinstance(records, Iterable):
        raise InputError(
            f"{kind}s must be a list of records, got a single {type(records).__name__}"
        )


def _not_a_record(rec: object, k: int, model: type[BaseModel], kind: str) -> InputError:
    return InputError(
        f"{kind} #{k}: expected a {model.__name__} or a dict, got {type(rec).__name__}"
    )


def _all_records(
    failed: list[tuple[str, ValidationError]], model: type[M], kind: str
) -> ValidationError:
    """The errors of every invalid record in one, each located at its record.

    One invalid record keeps its own title (``Candidate 'c-1'``); several are titled by their
    number, and each error's location starts with its record (``Candidate 'c-2'`` or
    ``Candidate #3``).
    """
    if len(failed) == 1:
        title, exc = failed[0]
        return _renamed(exc, title, ())
    more = " (the first ones)" if len(failed) >= MAX_RECORD_ERRORS else ""
    details: list[InitErrorDetails] = []
    for title, exc in failed:
        label = title.removeprefix(model.__name__).strip()
        details += _details(exc, (label,))
    return ValidationError.from_exception_data(
        f"{len(failed)} invalid {kind}s{more}", details, hide_input=True
    )


def _details(error: ValidationError, prefix: tuple[str, ...]) -> list[InitErrorDetails]:
    from pydantic_core import PydanticCustomError

    # Our own error types (same type and message), so no pydantic web link is added.
    text = [(e, str(e["msg"]).replace("{", "{{").replace("}", "}}")) for e in error.errors()]
    return [
        InitErrorDetails(
            type=PydanticCustomError(e["type"], msg), loc=(*prefix, *e["loc"]), input=None
        )
        for e, msg in text
    ]


def _renamed(error: ValidationError, title: str, prefix: tuple[str, ...]) -> ValidationError:
    """The same errors under ``title`` (the record's position when its id is unusable)."""
    return ValidationError.from_exception_data(title, _details(error, prefix), hide_input=True)
