"""Writing files the safe way: whole or not at all (shared by the CLI and the planners)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(target: str | os.PathLike[str], text: str | bytes) -> Path:
    """Write ``text`` to a temporary file next to ``target``, then rename it over ``target``.

    A crash leaves either the old file or the new one, never half a file, and no temp file.
    ``str`` is written as UTF-8 with newlines as given; ``bytes`` (an XLSX file) as they are.
    """
    path = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
