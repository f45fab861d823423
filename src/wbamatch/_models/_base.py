"""The two model bases: :class:`StrictModel` for what comes in, :class:`ResultModel` for what
goes out; and :func:`as_model`, which turns a dict or a model into the model.

An input model forbids unknown fields, rejects NaN and infinity, and hides input values in its
error messages (capacities and needs are health data). A validation error's title names the
record, e.g. ``1 validation error for Candidate 'c-001'``, and its location names the field.

Example
-------
>>> from wbamatch import Candidate
>>> try:
...     Candidate.model_validate({"id": "c-1", "hours": {"min": 8, "max": 16}, "skils": []})
... except ValueError as exc:
...     print(str(exc).splitlines()[0])
1 validation error for Candidate 'c-1'
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, Self, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from .._exceptions import InputError

__all__ = ["ResultModel", "StrictModel", "as_model"]


def _retitle(error: ValidationError, cls: type, data: Any) -> ValidationError:
    """Re-raise a validation error with the record id in its title and no input values."""
    rid = data.get("id") if isinstance(data, dict) else getattr(data, "id", None)
    title = cls.__name__
    if isinstance(rid, str) and 0 < len(rid) <= 200 and rid.isprintable() and rid == rid.strip():
        title = f"{cls.__name__} {rid!r}"
    details = [
        InitErrorDetails(
            type=_did_you_mean(err),
            loc=err["loc"],
            input=None,  # never carry health data along in the error object
            ctx=err.get("ctx", {}),
        )
        for err in error.errors(include_url=False)
    ]
    return ValidationError.from_exception_data(title, details, hide_input=True)


def _did_you_mean(err: Any) -> Any:
    """The error as one of our own (the same type and message, without pydantic's web link),
    and for an unknown field with the nearest known field name when one is close."""
    message = str(err["msg"])
    name = err["loc"][-1] if err["loc"] else None
    if err["type"] == "extra_forbidden" and isinstance(name, str) and "did you mean" not in message:
        import difflib

        near = difflib.get_close_matches(name, _field_names(), n=1, cutoff=0.75)
        if near:
            message += f"; did you mean {near[0]!r}?"
    # A message template is formatted with the (empty) context: keep its braces literal.
    return PydanticCustomError(err["type"], message.replace("{", "{{").replace("}", "}}"))


@cache
def _field_names() -> tuple[str, ...]:
    """Every field name of the input models (for "did you mean").

    The input models are the :class:`StrictModel` subclasses defined in this package. They are
    found by walking the subclasses rather than by importing their modules, because those
    modules import this one; importing any of them runs the package's ``__init__``, which loads
    them all, so every one is defined before the first record is validated.

    Example
    -------
    >>> "max_commute_minutes" in _field_names()
    True
    """
    package = __name__.rpartition(".")[0] + "."
    names: set[str] = set()
    todo = list(StrictModel.__subclasses__())
    while todo:
        model = todo.pop()
        todo.extend(model.__subclasses__())
        # Only this package's models: config, jobcarving terms and the examples here (defined
        # in this module) are StrictModels too, but their fields are not record fields.
        if model.__module__.startswith(package) and model.__module__ != __name__:
            names.update(model.model_fields)
    return tuple(sorted(names))


_M = TypeVar("_M", bound=BaseModel)


def as_model(value: object, model: type[_M], what: str) -> _M:
    """``value`` as a ``model`` instance: the instance itself, or a dict validated into one.

    Every public entry point takes models or plain dicts in their JSON shape; this is the one
    place that turns either into the model, and says clearly when it is neither.

    Example
    -------
    >>> from wbamatch import Candidate
    >>> as_model({"id": "c-1", "hours": {"min": 8, "max": 16}}, Candidate, "candidate").id
    'c-1'
    """
    if isinstance(value, model):
        return value
    if isinstance(value, Mapping):
        return model.model_validate(value)
    raise InputError(f"{what} must be a {model.__name__} or a dict, got {type(value).__name__}")


class StrictModel(BaseModel):
    """Base for every wbamatch input model: strict about unknown fields, silent about values.

    A validation error never carries the input along: not in its message, not in
    ``errors()`` or ``json()`` (capacities, needs, notes and config values must not leak into
    logs); its title names the record by its id where it has one.

    Example
    -------
    >>> class Note(StrictModel):
    ...     id: str
    >>> Note(id="n-1").model_config["frozen"]
    True
    """

    model_config = ConfigDict(
        extra="forbid",
        hide_input_in_errors=True,
        allow_inf_nan=False,
        frozen=True,
        use_enum_values=False,
    )

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _retitle(exc, type(self), data) from None

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as exc:
            raise _retitle(exc, cls, obj) from None

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Self:
        try:
            return super().model_validate_json(json_data, **kwargs)
        except ValidationError as exc:
            import json

            try:
                data = json.loads(json_data)
            except ValueError:
                data = None
            raise _retitle(exc, cls, data) from None


class ResultModel(BaseModel):
    """Base for what wbamatch returns: frozen, and no fields beyond the declared ones.

    One base for every result model (shortlists, verifications, ...), so a result read back
    from JSON is refused when it has a field the model does not know.

    Example
    -------
    >>> class Count(ResultModel):
    ...     n: int
    >>> Count(n=1).model_config == {"extra": "forbid", "frozen": True}
    True
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
