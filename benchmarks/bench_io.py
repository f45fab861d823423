"""Spreadsheet reading benchmark: time and peak memory of read_candidates() per format.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_io.py                      # readers against HEAD's
    PYTHONPATH=src python benchmarks/bench_io.py --baseline ''        # this tree only
    PYTHONPATH=src python benchmarks/bench_io.py --rows 20000 --repeats 1 --out /tmp/r.md

The candidate sheet is made once with ``wbamatch.synthetic(rows, 1)`` and written with
:func:`wbamatch.io.write_candidates` to CSV and to XLSX (kept in ``--data``, reused when the row
count matches). Every measurement runs in a fresh child process (``--one``): it imports
``wbamatch.io`` from the tree under test, reads the file once with
:func:`wbamatch.io.read_candidates` and reports wall and CPU time and the process's peak
resident memory (``VmHWM`` from ``/proc/self/status``) next to its resident memory before the
read (the interpreter, pydantic and the models). The baseline tree is a temporary copy of
``src`` whose reader modules (``io``, ``_jsonfile.py``) are taken from the ref, so both
trees share every other module and the comparison is of the readers alone
(``--whole-baseline``: all of ``src`` from the ref); nothing in the working tree or the
repository changes. Runs of the two trees are interleaved, so drift hits both alike.

The reviewer's hostile files (a sheet declaring ``A1:XFD1048576``, one shared string of 3 GB,
a CSV with 40,000 empty header cells) are then read once per tree in a child limited to 2 GiB of
address space and 120 s, and their outcome is reported (``--no-hostile`` skips them).

Not a timed test: the figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_OUT = HERE / "results_io.md"
DEFAULT_DATA = Path(tempfile.gettempdir()) / "wbamatch_bench_io"
FORMATS = ("csv", "xlsx")


def _status(field: str) -> int:
    """A ``/proc/self/status`` field in KiB (0 where there is no /proc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    if field == "VmHWM":
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return 0


def one(fmt: str, path: str, limit_bytes: int = 0) -> dict[str, Any]:
    """Read ``path`` once in this (fresh) process; the measurements as a dict.

    ``limit_bytes``: an address-space limit for the process first (the hostile files); then a
    failure is reported as the outcome instead of raised.
    """
    if limit_bytes:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    import wbamatch.io

    rss_before = _status("VmRSS")
    wall, cpu = time.perf_counter(), time.process_time()
    outcome = ""
    try:
        records = len(wbamatch.io.read_candidates(path))
    except Exception as exc:
        if not limit_bytes:
            raise
        first = (str(exc).splitlines() or [""])[0]
        records, outcome = 0, f"{type(exc).__name__}: {first[:90]}"
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "format": fmt,
        "records": records,
        "outcome": outcome or f"{records} records",
        "seconds": wall,
        "cpu_seconds": cpu,
        "peak_mib": _status("VmHWM") / 1024,
        "before_mib": rss_before / 1024,
        "module": wbamatch.io.__file__,
    }


#: Address space of a child reading a hostile file, and how long it may take.
HOSTILE_LIMIT = 2 * 1024**3
HOSTILE_TIMEOUT = 120.0


def make_hostile(folder: Path) -> dict[str, Path]:
    """The reviewer's attack files, built by the helpers of ``tests/test_hostile_readers.py``."""
    sys.path.insert(0, str(ROOT / "tests"))
    import test_hostile_readers as hostile  # the same files the tests use

    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "XLSX declaring A1:XFD1048576": folder / "dimension.xlsx",
        "XLSX with one 3 GB shared string": folder / "strings.xlsx",
        "CSV with 40,000 empty header cells, 200,000 rows": folder / "empty_header.csv",
    }
    paths = list(files.values())
    if not paths[0].exists():
        hostile._dimension_bomb(paths[0])
    if not paths[1].exists():
        hostile._string_bomb(paths[1])
    if not paths[2].exists():
        hostile._empty_headers_csv(paths[2], 40_000, 200_000)
    return files


def run_hostile(src: Path, path: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(src), "OPENBLAS_NUM_THREADS": "1"}
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                "hostile",
                str(path),
                "--limit",
                str(HOSTILE_LIMIT),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=HOSTILE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"outcome": f"still running after {HOSTILE_TIMEOUT:.0f} s (killed)", "seconds": None}
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1][:90]
        return {
            "outcome": f"crashed (exit {proc.returncode}): {last}",
            "seconds": time.perf_counter() - start,
        }
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def make_data(rows: int, folder: Path) -> dict[str, Path]:
    """The candidate sheet in both formats, made once per row count."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {fmt: folder / f"candidates_{rows}.{fmt}" for fmt in FORMATS}
    if all(p.exists() for p in paths.values()):
        return paths
    import wbamatch
    import wbamatch.io

    cands, _ = wbamatch.synthetic(rows, 1)
    for path in paths.values():
        start = time.perf_counter()
        wbamatch.io.write_candidates(cands, path)
        print(f"wrote {path} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return paths


#: The reader's own modules: the baseline tree takes these from the git ref, the rest from here.
#: The readers: the io module (a file until the package split, a folder since) and the JSON
#: reader. Whichever of them the ref has is taken from it.
READER_PATHS = ("src/wbamatch/io.py", "src/wbamatch/io", "src/wbamatch/_jsonfile.py")


def baseline_tree(ref: str, folder: Path, whole: bool = False) -> Path:
    """A copy of ``src`` with the reader modules of ``ref`` (``whole``: all of ``src`` of ref).

    Read from git (``git show`` / ``git archive``); the work tree and the repository stay as
    they are. With only the reader modules replaced, both trees share every other module, so
    the comparison measures the readers alone.
    """
    if whole:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", ref, "src"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        return folder / "src"
    shutil.copytree(ROOT / "src", folder / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in READER_PATHS:  # today's readers out ...
        here = folder / name
        if here.is_dir():
            shutil.rmtree(here)
        elif here.exists():
            here.unlink()
    listed = subprocess.run(
        ["git", "ls-tree", "--name-only", ref, "src/wbamatch/"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    theirs = [name for name in READER_PATHS if name in listed]
    archive = subprocess.run(  # ... the ref's in
        ["git", "archive", "--format=tar", ref, *theirs], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def run_child(src: Path, fmt: str, path: Path, timeout: float) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.run(
        [sys.executable, __file__, "--one", fmt, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def report(
    rows: int,
    paths: dict[str, Path],
    measured: dict[str, dict[str, list[dict[str, Any]]]],
    repeats: int,
    hostile: dict[str, dict[str, dict[str, Any]]] | None = None,
) -> str:
    sizes = {fmt: p.stat().st_size / 2**20 for fmt, p in paths.items()}
    lines = [
        "# Spreadsheet reading benchmark (`read_candidates`)",
        "",
        f"Written by `PYTHONPATH=src python benchmarks/bench_io.py` "
        f"({datetime.now(UTC):%Y-%m-%d %H:%M} UTC). The sheet is "
        f"`wbamatch.synthetic({rows:_}, 1)` written with `wbamatch.io.write_candidates` "
        f"(CSV {sizes['csv']:.1f} MiB, XLSX {sizes['xlsx']:.1f} MiB). Each figure is one "
        "`read_candidates(path)` in a fresh child process; time is the median of "
        f"{repeats} run(s) (min in brackets); peak memory is the child's `VmHWM` (the largest "
        "of the runs), with its resident memory before the read in brackets. The baseline is "
        "this tree with the reader modules (`io`, `_jsonfile.py`) of the git ref.",
        "",
        "## Machine",
        "",
        f"- {platform.platform()}; {os.cpu_count()} CPUs",
        f"- Python {platform.python_version()}; tree {_git('rev-parse', '--short', 'HEAD')}"
        f"{' + uncommitted changes' if _git('status', '--porcelain', 'src') else ''}",
        f"- load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}",
        "",
        "## Results",
        "",
        "| tree | format | records | seconds (min) | CPU s | peak MiB (before) | vs baseline |",
        "|---|---|---|---|---|---|---|",
    ]
    base = measured.get("baseline", {})
    for tree, by_format in measured.items():
        for fmt, runs in by_format.items():
            secs = [r["seconds"] for r in runs]
            med = statistics.median(secs)
            cpu = statistics.median(r["cpu_seconds"] for r in runs)
            peak = max(r["peak_mib"] for r in runs)
            before = min(r["before_mib"] for r in runs)
            versus = ""
            if tree != "baseline" and fmt in base:
                b_med = statistics.median(r["seconds"] for r in base[fmt])
                b_peak = max(r["peak_mib"] for r in base[fmt])
                versus = f"time x{med / b_med:.2f}, peak x{peak / b_peak:.2f}"
            lines.append(
                f"| {tree} | {fmt} | {runs[0]['records']:,} | {med:.2f} ({min(secs):.2f}) | "
                f"{cpu:.2f} | {peak:,.0f} ({before:,.0f}) | {versus} |"
            )
    if hostile:
        lines += [
            "",
            "## Hostile files",
            "",
            f"Each read once by `read_candidates` in a child limited to "
            f"{HOSTILE_LIMIT / 2**30:.0f} GiB of address space and {HOSTILE_TIMEOUT:.0f} s "
            "(the files of `tests/test_hostile_readers.py`).",
            "",
            "| file | size | tree | outcome | seconds | peak MiB |",
            "|---|---|---|---|---|---|",
        ]
        for label, by_tree in hostile.items():
            for tree, r in by_tree.items():
                secs = "-" if r.get("seconds") is None else f"{r['seconds']:.2f}"
                peak = f"{r['peak_mib']:,.0f}" if "peak_mib" in r else "-"
                outcome = str(r["outcome"]).replace("|", "/")
                size = r.get("size", "")
                lines.append(f"| {label} | {size} | {tree} | {outcome} | {secs} | {peak} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", nargs=2, metavar=("FORMAT", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--no-hostile", action="store_true", help="skip reading the hostile files")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline", default="HEAD", help="git ref to compare with ('' = none)")
    parser.add_argument(
        "--whole-baseline",
        action="store_true",
        help="take all of src from the baseline ref, not only the reader modules",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(*args.one, limit_bytes=args.limit)))
        return 0
    paths = make_data(args.rows, args.data)
    trees: dict[str, Path] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if args.baseline:
            trees["baseline"] = baseline_tree(args.baseline, Path(tmp), args.whole_baseline)
        trees["this tree"] = ROOT / "src"
        measured: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for _ in range(args.repeats):
            for tree, src in trees.items():  # interleaved, so drift hits both trees alike
                for fmt in args.formats:
                    r = run_child(src, fmt, paths[fmt], args.timeout)
                    measured.setdefault(tree, {}).setdefault(fmt, []).append(r)
                    print(
                        f"{tree} {fmt}: {r['seconds']:.2f} s, peak {r['peak_mib']:.0f} MiB",
                        file=sys.stderr,
                    )
        hostile: dict[str, dict[str, dict[str, Any]]] = {}
        if not args.no_hostile:
            for label, path in make_hostile(args.data / "hostile").items():
                size = path.stat().st_size
                for tree, src in trees.items():
                    r = run_hostile(src, path)
                    r["size"] = (
                        f"{size / 1024:,.1f} KiB" if size < 2**20 else (f"{size / 2**20:,.1f} MiB")
                    )
                    hostile.setdefault(label, {})[tree] = r
                    print(f"{tree} {label}: {r['outcome']}", file=sys.stderr)
        text = report(args.rows, paths, measured, args.repeats, hostile)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
