"""Reading a JSON document from a file: bounded, strict, and every failure an InputError.

Shared by the command line (records, config, tasks) and anything else that reads JSON that may
come from outside.

Limits, both checked before the document is parsed:

- :data:`MAX_DOCUMENT_BYTES` (10 MiB): the size of the file; no more is ever read from it (a
  pipe or a device such as ``/dev/zero`` reports size 0).
- :data:`MAX_DEPTH` (64): how deep arrays and objects nest. Records, configs and tasks nest a
  few levels; ``json`` parses nesting by recursion, so a document of 100,000 ``[`` would end in
  a ``RecursionError``, or crash the interpreter when the recursion limit has been raised. The
  depth is measured on the bytes, in linear time, without parsing.
"""

from __future__ import annotations

import json
from itertools import accumulate, repeat
from operator import sub
from pathlib import Path
from typing import Any, Final

from ._exceptions import InputError

__all__ = ["MAX_DEPTH", "MAX_DOCUMENT_BYTES", "read_json"]

#: Largest JSON document read.
MAX_DOCUMENT_BYTES: Final[int] = 10 * 1024 * 1024

#: Deepest nesting of arrays and objects in a JSON document read.
MAX_DEPTH: Final[int] = 64

#: Every byte that is not a bracket, and brackets as steps: "[" and "{" up (2 - 1), "]" and "}"
#: down (0 - 1).
_NOT_BRACKETS: Final[bytes] = bytes(sorted(set(range(256)) - set(b"[]{}")))
_STEPS: Final[bytes] = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")


def nesting_depth(raw: bytes) -> int:
    r"""How deep arrays and objects nest in the JSON text ``raw``, found without parsing it.

    Brackets inside strings do not count. Linear in the length, all in C loops: escaped
    backslashes and quotes are taken out, the text is split at the quotes (every other piece is
    inside a string), and the running sum of the brackets that remain gives the depth. A text
    that is not valid JSON gets a depth too; the parser refuses it afterwards.

    Example
    -------
    >>> nesting_depth(rb'[{"a": [1, "]]] [[["]}, 2]'), nesting_depth(rb'["\\", "\"["]')
    (3, 1)
    """
    text = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside = b"".join(text.split(b'"')[0::2])
    steps = outside.translate(None, _NOT_BRACKETS).translate(_STEPS)
    return max(0, max(accumulate(map(sub, steps, repeat(1))), default=0))


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build a JSON object, refusing a key given twice (``json`` would keep the last silently)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputError(f"key {key[:50]!r} appears twice in one object; keep one")
        out[key] = value
    return out


def read_json(path: str, what: str) -> Any:
    """The JSON document in the file ``path``; ``what`` names it in messages (``"candidates"``).

    Raises
    ------
    InputError
        The file cannot be read, is over :data:`MAX_DOCUMENT_BYTES`, is not UTF-8, is not
        JSON, has a key twice in one object, is nested too deeply or holds a huge number.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if size <= MAX_DOCUMENT_BYTES:
            with p.open("rb") as fh:
                # Read one byte past the limit: pipes and devices (/dev/zero) report size 0.
                raw = fh.read(MAX_DOCUMENT_BYTES + 1)
                size = max(size, len(raw))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"{what} file {path!r} cannot be read: {reason}") from None
    if size > MAX_DOCUMENT_BYTES:
        raise InputError(
            f"{what} file {path!r} is over the limit of {MAX_DOCUMENT_BYTES} bytes. "
            "Split it, or call wbamatch.match() from Python."
        )
    if nesting_depth(raw) > MAX_DEPTH:
        raise InputError(
            f"{what} file {path!r} is nested too deeply (more than {MAX_DEPTH} levels of [ ] "
            "and { }); records, configs and tasks nest a few levels only"
        )
    try:
        # utf-8-sig: spreadsheet tools on Windows start JSON exports with a byte-order mark.
        return json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_unique_keys)
    except UnicodeDecodeError:
        raise InputError(f"{what} file {path!r} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{what} file {path!r} is not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    except InputError as exc:
        raise InputError(f"{what} file {path!r}: {exc}") from None
    except RecursionError:  # not expected after the depth check; kept as a second guard
        raise InputError(
            f"{what} file {path!r} is nested too deeply; records are a list of flat objects"
        ) from None
    except ValueError:  # an integer of thousands of digits: Python refuses to convert it
        raise InputError(f"{what} file {path!r} holds a number with too many digits") from None
