"""Writing files the safe way: whole or not at all (shared by the CLI and the planners).

Every file wbamatch writes goes through :func:`write_atomic`. It only ever replaces a *regular*
file: a symbolic link (wherever it points: ``/dev/null``, ``/proc/self/fd/1``, a file of someone
else), a directory, a named pipe, a device or a socket at the target path is refused, so an
output can neither clobber such a node nor be sent through it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["check_target", "existing_kind", "write_atomic"]

#: errno values of ``os.link`` on a file system without hard links (FAT, some network shares).
_NO_HARD_LINKS = frozenset(
    code
    for code in (
        getattr(errno, name, None)
        for name in ("EPERM", "EACCES", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EMLINK", "EXDEV")
    )
    if code is not None
)


def existing_kind(target: str | os.PathLike[str]) -> str | None:
    """What is at ``target`` itself (a symbolic link is not followed).

    ``None`` when nothing is there, ``"file"`` for a regular file, otherwise a description such
    as ``"a symbolic link"`` or ``"a named pipe (FIFO)"``. Errors other than "not there" (no
    permission to look into the folder, a file where a folder is expected) propagate.

    Example
    -------
    >>> import tempfile
    >>> existing_kind(tempfile.gettempdir()), existing_kind("/surely/not/here")
    ('a directory', None)
    """
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_target(target: str | os.PathLike[str], *, overwrite: bool) -> None:
    """Refuse ``target`` unless it is absent, or a regular file and ``overwrite`` is true.

    Raises
    ------
    IsADirectoryError
        A directory is at ``target``.
    FileExistsError
        Anything else but a regular file is there (a symbolic link, a FIFO, a device, a
        socket), or a regular file and ``overwrite`` is false.
    """
    kind = existing_kind(target)
    if kind is None or (kind == "file" and overwrite):
        return
    name = os.fspath(target)
    if kind == "file":
        raise FileExistsError(errno.EEXIST, "it exists already and is not replaced", name)
    if kind == "a directory":
        raise IsADirectoryError(errno.EISDIR, "it is a directory, not a file", name)
    raise FileExistsError(
        errno.EEXIST, f"it is {kind}, not a regular file; only regular files are replaced", name
    )


def write_atomic(
    target: str | os.PathLike[str], text: str | bytes, *, overwrite: bool = True
) -> Path:
    """Write ``text`` to a temporary file next to ``target``, then rename it over ``target``.

    A crash leaves either the old file or the new one, never half a file; a failure leaves no
    temp file. ``str`` is written as UTF-8 with newlines as given; ``bytes`` (an XLSX file) as
    they are. The new file is readable by its owner only (mode 0600): outputs hold health data.

    Only a regular file is ever replaced, and only when ``overwrite`` is true (the default);
    see :func:`check_target`. The target is checked before anything is written and again just
    before the rename.

    * ``overwrite=False``: the file is put in place with ``os.link``, which fails if anything
      appeared at ``target`` meanwhile, so nothing is ever replaced (a crash between the link
      and removing the temp name leaves that name behind). On a file system without hard links
      it falls back to check-then-rename: something created in the microseconds between the
      last check and the rename would be replaced.
    * ``overwrite=True``: the same short window between the last check and ``os.replace``. A
      rename replaces the directory entry only: it never writes into a device or a pipe, nor
      through a link, so what that window risks is the entry itself, in a folder that whoever
      races us can already write to.

    Raises
    ------
    OSError
        :class:`FileExistsError` / :class:`IsADirectoryError` for a refused target (see
        :func:`check_target`), or whatever the file system reports (no folder, no permission,
        disk full).
    UnicodeEncodeError
        ``text`` holds a lone surrogate, which UTF-8 cannot encode (nothing is written).
    """
    path = Path(target)
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    check_target(path, overwrite=overwrite)
    # A short prefix: the temp name must fit in the file system's 255 bytes for a name.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:64]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            check_target(path, overwrite=True)
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):  # after os.link the data lives on under the target name
        Path(tmp).unlink(missing_ok=True)
    _fsync_folder(path.parent)
    return path


def _link_new(tmp: str, path: Path) -> None:
    """Give ``tmp`` the name ``path`` only if nothing is there: atomically where links exist."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        check_target(path, overwrite=False)  # the specific message (a file, a link, ...)
        raise
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        check_target(path, overwrite=False)
        os.replace(tmp, path)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; best effort (not every platform can open a folder)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
