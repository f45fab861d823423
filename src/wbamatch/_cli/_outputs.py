"""Output files: the suffix names the format; only a regular file is replaced, with ``--force``.

Every output path is checked before any work is done (so a long run does not end in a refusal),
and again just before the file is written (the folder may have changed meanwhile).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from .._cells import require
from .._exceptions import InputError
from .._files import existing_kind, write_atomic
from .._models import TaskPackage
from ._echo import _show

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


def _either(suffixes: Sequence[str]) -> str:
    return suffixes[0] if len(suffixes) == 1 else f"{', '.join(suffixes[:-1])} or {suffixes[-1]}"


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
            from ..io import write_results

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
