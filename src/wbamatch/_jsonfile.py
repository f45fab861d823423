"""Reading a JSON document from a file: bounded, strict, and every failure an InputError.

Shared by the command line (records, config, tasks) and anything else that reads JSON that may
come from outside.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .exceptions import InputError

__all__ = ["MAX_DOCUMENT_BYTES", "read_json"]

#: Largest JSON document read.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


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
    except RecursionError:
        raise InputError(
            f"{what} file {path!r} is nested too deeply; records are a list of flat objects"
        ) from None
    except ValueError:  # an integer of thousands of digits: Python refuses to convert it
        raise InputError(f"{what} file {path!r} holds a number with too many digits") from None


