"""Pseudonymisation: replace record ids by keyed hashes before data leave the recruiter's machine.

An id becomes ``"ps-"`` followed by the first 16 hex digits (64 bits) of its HMAC-SHA256 under a
secret key. The same key turns the same id into the same pseudonym everywhere, so candidates and
packages pseudonymised separately still refer to each other (a candidate's
``excluded_packages``). Without the key nobody can recompute a pseudonym from a name or BSN used
as an id; the mapping back stays with the caller.

Collision odds: for ``n`` distinct ids about ``n**2 / 2**65``, i.e. 1.7e-9 for 250,000 ids. A
collision within one call is detected and refused (use another key).

Example
-------
>>> from wbamatch._pseudonymise import pseudonymise, depseudonymise
>>> key = "a secret of at least 16 bytes"
>>> records, mapping = pseudonymise([{"id": "Jan Jansen", "hours": {"min": 8, "max": 16}}], key)
>>> records[0]["id"].startswith("ps-"), len(records[0]["id"])
(True, 19)
>>> depseudonymise(records, mapping)[0]["id"]
'Jan Jansen'
"""

from __future__ import annotations

import copy
import hashlib
import hmac
from collections.abc import Iterable, Mapping
from typing import Any, Final, TypeVar

from pydantic import BaseModel

from ._exceptions import InputError

__all__ = ["PSEUDONYM_PREFIX", "depseudonymise", "pseudonymise"]

#: Every pseudonym starts with this.
PSEUDONYM_PREFIX: Final[str] = "ps-"

#: Hex digits of the HMAC kept in a pseudonym (64 bits).
_HEX_DIGITS: Final[int] = 16

#: Shortest key accepted, in bytes (128 bits).
MIN_KEY_BYTES: Final[int] = 16

#: Fields holding ids of other records, rewritten by default.
DEFAULT_REFERENCES: Final[tuple[str, ...]] = ("excluded_packages",)

R = TypeVar("R", bound="Mapping[str, Any] | BaseModel")
T = TypeVar("T")


def _key_bytes(key: bytes | str) -> bytes:
    if isinstance(key, str):
        raw = key.encode("utf-8")
    elif isinstance(key, (bytes, bytearray)):
        raw = bytes(key)
    else:
        raise InputError(f"key must be bytes or str, got {type(key).__name__}")
    if len(raw) < MIN_KEY_BYTES:
        raise InputError(
            f"key is {len(raw)} bytes; use at least {MIN_KEY_BYTES} random bytes "
            "(e.g. secrets.token_bytes(32)) and keep it secret"
        )
    return raw


def _pseudonym(key: bytes, rid: str) -> str:
    digest = hmac.new(key, rid.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:_HEX_DIGITS]


class _Namer:
    """Pseudonyms under one key, remembering the originals and refusing collisions."""

    def __init__(self, key: bytes) -> None:
        self.key = key
        self.mapping: dict[str, str] = {}

    def __call__(self, rid: object, where: str) -> str:
        if not isinstance(rid, str) or not rid:
            raise InputError(f"{where}: expected a non-empty id string, got {type(rid).__name__}")
        alias = _pseudonym(self.key, rid)
        seen = self.mapping.setdefault(alias, rid)
        if seen != rid:
            raise InputError(
                f"{where}: two different ids hash to the same pseudonym {alias!r}; "
                "pseudonymise again with another key"
            )
        return alias


def _rewrite(record: Any, k: int, field: str, references: tuple[str, ...], name: _Namer) -> Any:
    values: Mapping[str, Any]
    if isinstance(record, BaseModel):
        values = record.__dict__
        kind = type(record).__name__
    elif isinstance(record, Mapping):
        values = record
        kind = "record"
    else:
        raise InputError(f"record #{k}: expected a dict or a model, got {type(record).__name__}")
    if field not in values:
        raise InputError(f"{kind} #{k}: no field {field!r} to pseudonymise")
    update: dict[str, Any] = {field: name(values[field], f"{kind} #{k}, field {field!r}")}
    for ref in references:
        if ref == field or values.get(ref) is None:
            continue
        refs = values[ref]
        where = f"{kind} #{k}, field {ref!r}"
        if isinstance(refs, str):
            update[ref] = name(refs, where)
        elif isinstance(refs, (list, tuple)):
            update[ref] = [name(r, f"{where}[{q}]") for q, r in enumerate(refs)]
        else:
            raise InputError(f"{where}: expected an id or a list of ids")
    if isinstance(record, BaseModel):
        # A shallow copy: the model is frozen and wbamatch never changes the lists it shares
        # with the input; a deep copy would cost seconds on 200,000 records.
        return record.model_copy(update=update)
    out = copy.deepcopy(dict(record))
    out.update(update)
    return out


def pseudonymise(
    records: Iterable[R],
    key: bytes | str,
    *,
    field: str = "id",
    references: Iterable[str] = DEFAULT_REFERENCES,
) -> tuple[list[R], dict[str, str]]:
    """Replace ids by keyed HMAC-SHA256 pseudonyms; return new records and the way back.

    Each id string ``x`` becomes ``"ps-" + HMAC-SHA256(key, x)[:16 hex]``: stable for the same
    key, unrelated for another key, and not recomputable without the key. Ids in the
    ``references`` fields (by default a candidate's ``excluded_packages``) get the same
    treatment, so pseudonymise candidates and packages with the same key and their references
    still match. Nothing else in a record changes.

    Parameters
    ----------
    records
        Dicts in the JSON shape of a record, or :class:`~wbamatch.Candidate` /
        :class:`~wbamatch.TaskPackage` models (or any pydantic model with that field).
    key
        A secret of at least 16 bytes; a ``str`` is encoded as UTF-8. Keep it on the
        recruiter's side (e.g. ``secrets.token_bytes(32)``).
    field
        The field holding the record's own id.
    references
        Fields holding another record's id or a list of them.

    Returns
    -------
    records : list
        New records (copies) with pseudonyms, in input order; the inputs are not changed.
    mapping : dict of str to str
        Pseudonym -> original id, for every id replaced. Keep it with the key; merge the
        mappings of several calls with ``|``: the same key never maps two ids to one pseudonym
        within a call, and across calls the same id gives the same pseudonym.

    Raises
    ------
    InputError
        A key shorter than 16 bytes, a record without ``field``, an id that is not a string, or
        two ids hashing to one pseudonym (about 1e-9 for 250,000 ids; use another key).

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._pseudonymise import pseudonymise
    >>> cands, packs = wbamatch.demo_data()
    >>> key = b"0123456789abcdef-demo-key"
    >>> p_cands, back = pseudonymise(cands, key)
    >>> p_packs, back_p = pseudonymise(packs, key)
    >>> result = wbamatch.match(p_cands, p_packs)
    >>> sorted(back[a.candidate_id] for a in result.assignments)[:2]
    ['c-001', 'c-002']
    """
    name = _Namer(_key_bytes(key))
    refs = tuple(references)
    if isinstance(records, (str, bytes, Mapping, BaseModel)):
        raise InputError(f"records must be a list of records, got a {type(records).__name__}")
    out = [_rewrite(rec, k, field, refs, name) for k, rec in enumerate(records)]
    return out, name.mapping


def _restore(value: Any, mapping: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, BaseModel):
        fields = {
            name: _restore(getattr(value, name), mapping) for name in type(value).model_fields
        }
        # model_construct: the values were valid and only ids change, so no second validation
        # (seconds on a large result); private state such as a result's solver context is
        # reset, since it still speaks in pseudonyms.
        return type(value).model_construct(value.model_fields_set, **fields)
    if isinstance(value, Mapping):
        return {_restore(k, mapping): _restore(v, mapping) for k, v in value.items()}
    if isinstance(value, list):
        return [_restore(v, mapping) for v in value]
    if isinstance(value, tuple):
        return tuple(_restore(v, mapping) for v in value)
    return value


def depseudonymise(obj: T, mapping: Mapping[str, str]) -> T:
    """Put the original ids back into a result or records: the inverse of :func:`pseudonymise`.

    Every string (and dict key) equal to a pseudonym in ``mapping`` is replaced, wherever it is:
    assignments, unassigned candidates, shortlists, Meet & Greet plans, records.

    Parameters
    ----------
    obj
        A pydantic model (a :class:`~wbamatch.MatchResult`, a shortlist, a record), a dict, or a
        list of those.
    mapping
        Pseudonym -> original id, as returned by :func:`pseudonymise`.

    Returns
    -------
    Same type as ``obj``
        A new object; ``obj`` is not changed. A rebuilt :class:`~wbamatch.MatchResult` has no
        solver context (it spoke in pseudonyms): ``why()`` then answers from the stored reasons
        alone.

    Example
    -------
    >>> from wbamatch._pseudonymise import depseudonymise
    >>> depseudonymise({"candidate_id": "ps-1", "ids": ["ps-1", "x"]}, {"ps-1": "c-7"})
    {'candidate_id': 'c-7', 'ids': ['c-7', 'x']}
    """
    if isinstance(obj, (BaseModel, Mapping, list, tuple, str)):
        return _restore(obj, mapping)  # type: ignore[no-any-return]
    raise InputError(f"cannot depseudonymise a {type(obj).__name__}; pass a model, dict or list")
