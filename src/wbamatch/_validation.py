"""Lists of records checked at the boundary: each record validated, every invalid one reported.

One place for what every entry point does with a list of candidates or packages: refuse a
single record or a string where a list belongs, validate dicts into models (kept models are
trusted), stop past the configured maximum, and report all invalid records in one
:class:`pydantic.ValidationError` without pydantic's web links or the input values (health
data).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final, TypeVar

from pydantic import ValidationError
from pydantic_core import InitErrorDetails

from ._exceptions import InputError
from ._models import Candidate, TaskPackage

__all__ = ["MAX_RECORD_ERRORS", "validated_records"]

M = TypeVar("M", Candidate, TaskPackage)

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
    if isinstance(records, (str, bytes, Mapping)) or not isinstance(records, Iterable):
        raise InputError(
            f"{kind}s must be a list of records, got a single {type(records).__name__}"
        )
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
            raise InputError(
                f"{kind} #{k}: expected a {model.__name__} or a dict, got {type(rec).__name__}"
            )
        if len(out) > limit:
            raise InputError(
                f"more than {limit} {kind}s; raise MatchConfig.max_{kind}s or split the run"
            )
    if failed:
        raise _all_records(failed, model, kind)
    if not out:
        raise InputError(f"no {kind}s given; pass at least one {kind}")
    return out


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
