"""Hostile spreadsheets and JSON documents (issue 13, point 1 "Bounded readers").

Every attack a reviewer found against the readers ends in a :class:`~wbamatch.InputError` (or
its :class:`~wbamatch.SpreadsheetError`) that names the file, sheet, row and column, never in a
traceback, a ``MemoryError`` or minutes of work, and nothing is written. The memory bombs run in
a child process with a 2 GB address-space limit and a 20 s timeout, through the command line
where it is the entry point. No message repeats a health value (a capacity or need cell).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import struct
import subprocess
import sys
import textwrap
import time
import zipfile
import zlib
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

import wbamatch
import wbamatch.io
from factories import cand_dict, pkg_dict
from wbamatch import InputError
from wbamatch._cellerror import SpreadsheetError
from wbamatch._cli import main
from wbamatch._exceptions import WbamatchError
from wbamatch.io import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ERRORS,
    MAX_ROWS,
    read_candidates,
    read_packages,
    write_candidates,
    write_packages,
    write_results,
    write_template,
)

#: Address space a child process may take: the bombs used to need far more (3.8 GB and up).
LIMIT_BYTES = 2 * 1024**3
TIMEOUT_S = 20

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# ---------------------------------------------------------------------------------------------
# Building hostile files
# ---------------------------------------------------------------------------------------------
def _deflate(data: bytes) -> bytes:
    co = zlib.compressobj(6, zlib.DEFLATED, -15)
    return co.compress(data) + co.flush()


class _Entry:
    """One zip member, written as it is: its deflate stream, CRC and (possibly lying) size."""

    def __init__(
        self,
        name: str,
        data: bytes | None = None,
        *,
        stream: bytes | None = None,
        crc: int = 0,
        size: int = 0,
        method: int = zipfile.ZIP_DEFLATED,
        flags: int = 0,
    ) -> None:
        self.name, self.method, self.flags = name, method, flags
        if data is not None:
            self.stream = _deflate(data) if method == zipfile.ZIP_DEFLATED else data
            self.crc, self.size = zlib.crc32(data), len(data)
        else:
            assert stream is not None
            self.stream, self.crc, self.size = stream, crc, size


def _write_zip(path: Path, entries: list[_Entry]) -> Path:
    """A zip archive written by hand, so sizes, methods and flags can be anything."""
    out = BytesIO()
    central = []
    for e in entries:
        name = e.name.encode()
        offset = out.tell()
        out.write(
            struct.pack(
                "<4sHHHHHIIIHH",
                b"PK\x03\x04",
                20,
                e.flags,
                e.method,
                0,
                0x21,
                e.crc,
                len(e.stream),
                e.size,
                len(name),
                0,
            )
        )
        out.write(name + e.stream)
        central.append(
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                20,
                20,
                e.flags,
                e.method,
                0,
                0x21,
                e.crc,
                len(e.stream),
                e.size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    start = out.tell()
    for c in central:
        out.write(c)
    size = out.tell() - start
    out.write(
        struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0)
    )
    path.write_bytes(out.getvalue())
    return path


def _parts(rows: list[list[Any]], title: str = "candidates") -> dict[str, bytes]:
    """The parts of a small, valid workbook written by openpyxl."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    buffer = BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _xlsx(path: Path, parts: dict[str, bytes], **special: _Entry) -> Path:
    """Write ``parts`` as an XLSX file; ``special`` replaces members by name."""
    entries = [special.pop(name, None) or _Entry(name, data) for name, data in parts.items()]
    entries += special.values()
    return _write_zip(path, entries)


GOOD_ROWS: list[list[Any]] = [["id", "hours_min", "hours_max"], ["c-1", 16, 24]]


def _packages(tmp_path: Path) -> Path:
    path = tmp_path / "p.json"
    path.write_text(json.dumps([pkg_dict()]), encoding="utf-8")
    return path


def _dimension_bomb(path: Path, declared: bool = True) -> Path:
    """A 4.9 KB workbook whose sheet spans A1:XFD1048576: a cell in the far corner.

    openpyxl pads every row, also the million missing ones, to the declared 16,384 columns.
    """
    parts = _parts(GOOD_ROWS)
    parts[SHEET] = re.sub(
        rb"<dimension [^>]*>",
        b'<dimension ref="A1:XFD1048576"/>' if declared else b"",
        parts[SHEET],
    ).replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    return _xlsx(path, parts)


def _string_bomb(path: Path, gigabytes: float = 3.0, lie: bool = False) -> Path:
    """One shared string of ``gigabytes`` GB of "a", deflated to ~1 KB per MiB."""
    parts = _parts([["id", "hours_min", "hours_max"], ["c-1", 16, 24]])
    head = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}" count="1" '
        'uniqueCount="1"><si><t>'
    ).encode()
    tail = b"</t></si></sst>"
    chunk = b"a" * (1 << 20)
    n = int(gigabytes * 1024)
    stream = BytesIO()
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream.write(co.compress(head) + co.flush(zlib.Z_FULL_FLUSH))
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    # A full flush ends the block on a byte and forgets the history: the piece stands alone.
    piece = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(head)
    for _ in range(n):
        stream.write(piece)
        crc = zlib.crc32(chunk, crc)
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream.write(co.compress(tail) + co.flush())
    crc = zlib.crc32(tail, crc)
    size = len(head) + n * len(chunk) + len(tail)
    # The sheet refers to string 0 in its id cell.
    parts[SHEET] = parts[SHEET].replace(
        b'<c r="A2" t="inlineStr"><is><t>c-1</t></is></c>', b'<c r="A2" t="s"><v>0</v></c>'
    )
    types = parts["[Content_Types].xml"]
    parts["[Content_Types].xml"] = types.replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
        b'-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    bomb = _Entry(STRINGS, stream=stream.getvalue(), crc=crc, size=1000 if lie else size)
    return _xlsx(path, parts, **{STRINGS: bomb})


# ---------------------------------------------------------------------------------------------
# Running a reader in a child process with 2 GB of address space
# ---------------------------------------------------------------------------------------------
def _limited(code: str) -> subprocess.CompletedProcess[str]:
    prelude = textwrap.dedent(
        f"""
        import sys
        try:  # POSIX; elsewhere the readers must hold their limits all the same
            import resource
            resource.setrlimit(resource.RLIMIT_AS, ({LIMIT_BYTES}, {LIMIT_BYTES}))
        except (ImportError, ValueError, OSError):
            pass
        """
    )
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        env=env,
        check=False,
    )


def _cli_limited(tmp_path: Path, candidates: Path) -> tuple[int, str]:
    """``wbamatch match`` on ``candidates`` in a limited child: exit code and stderr."""
    out = tmp_path / "result.json"
    args = [
        "match",
        "--candidates",
        str(candidates),
        "--packages",
        str(_packages(tmp_path)),
        "--out",
        str(out),
    ]
    start = time.monotonic()
    proc = _limited(f"from wbamatch._cli import main; sys.exit(main({args!r}))")
    assert time.monotonic() - start < TIMEOUT_S
    assert not out.exists(), "nothing may be written"
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stderr


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("wbamatch: "), err
    return lines[0]


def test_the_child_process_can_match_within_the_limit(tmp_path: Path) -> None:
    # The limit leaves room for real work: a normal spreadsheet is matched.
    good = write_candidates([cand_dict()], tmp_path / "c.xlsx")
    out = tmp_path / "r.json"
    args = [
        "match",
        "--candidates",
        str(good),
        "--packages",
        str(_packages(tmp_path)),
        "--out",
        str(out),
    ]
    proc = _limited(f"from wbamatch._cli import main; sys.exit(main({args!r}))")
    assert proc.returncode == 0, proc.stderr
    assert out.exists()


# ---------------------------------------------------------------------------------------------
# Attack 1: an XLSX of 4.9 KB that declares the whole grid A1:XFD1048576
# ---------------------------------------------------------------------------------------------
def test_a_sheet_declaring_the_whole_grid_is_refused_before_memory_is_spent(
    tmp_path: Path,
) -> None:
    path = _dimension_bomb(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 10_000
    code, err = _cli_limited(tmp_path, path)
    line = _one_line(err)
    assert code == 2
    assert "bomb.xlsx, sheet 'candidates'" in line
    assert "A1:XFD1048576" in line and "1048576 rows, 16384 columns" in line
    assert "Delete the empty rows and columns" in line
    with pytest.raises(InputError, match="declares its size"):
        read_candidates(path)


def test_the_far_corner_without_a_declared_size_stops_at_the_row_limit(tmp_path: Path) -> None:
    path = _dimension_bomb(tmp_path / "corner.xlsx", declared=False)
    code, err = _cli_limited(tmp_path, path)
    assert code == 2
    assert "corner.xlsx, sheet 'candidates': more than 200000 rows" in _one_line(err)


def test_rows_are_not_padded_to_a_declared_size_nor_cut_off_by_it(tmp_path: Path) -> None:
    # A size within the limits but wrong (too small): every row that is there is read.
    rows = [GOOD_ROWS[0]] + [[f"c-{k}", 16, 24] for k in range(5)]
    parts = _parts(rows)
    parts[SHEET] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', parts[SHEET])
    assert [c.id for c in read_candidates(_xlsx(tmp_path / "small.xlsx", parts))] == [
        f"c-{k}" for k in range(5)
    ]


def test_a_cell_far_to_the_right_is_refused_with_its_row(tmp_path: Path) -> None:
    parts = _parts(GOOD_ROWS)
    parts[SHEET] = re.sub(rb"<dimension [^>]*>", b"", parts[SHEET]).replace(
        b"</row></sheetData>", b'<c r="XFD2" t="n"><v>1</v></c></row></sheetData>'
    )
    with pytest.raises(
        InputError,
        match=r"wide\.xlsx, sheet 'candidates', row 2: .*beyond "
        r"column ALL",
    ):
        read_candidates(_xlsx(tmp_path / "wide.xlsx", parts))


def test_a_row_with_millions_of_cells_is_refused_by_the_byte_scan(tmp_path: Path) -> None:
    # 2,000,000 children of one row: openpyxl would make a dict and a cell object of each.
    parts = _parts(GOOD_ROWS)
    parts[SHEET] = parts[SHEET].replace(
        b"</row></sheetData>", b"<c/>" * 2_000_000 + b"</row></sheetData>"
    )
    path = _xlsx(tmp_path / "cells.xlsx", parts)
    code, err = _cli_limited(tmp_path, path)
    assert code == 2
    assert "row 2 holds more than 8000 XML elements" in _one_line(err)


def test_a_sheet_without_declared_size_is_held_to_the_row_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wbamatch.io._bounds, "MAX_ROWS", 3)
    rows = [GOOD_ROWS[0]] + [[f"c-{k}", 16, 24] for k in range(4)]
    parts = _parts(rows)
    parts[SHEET] = re.sub(rb"<dimension [^>]*>", b"", parts[SHEET])
    with pytest.raises(InputError, match=r"part xl/worksheets/sheet1\.xml: more than 3 rows"):
        read_candidates(_xlsx(tmp_path / "rows.xlsx", parts))


def _two_sheets(path: Path, other: bytes) -> Path:
    """A workbook with a small "candidates" sheet and a second sheet part ``other``."""
    book = openpyxl.Workbook()
    book.active.title = "candidates"
    for row in GOOD_ROWS:
        book.active.append(row)
    book.create_sheet("other").append(["x"])
    buffer = BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts["xl/worksheets/sheet2.xml"] = other
    return _xlsx(path, parts)


def _big_sheet(rows: int, dimension: bytes) -> bytes:
    return (
        f'<worksheet xmlns="{MAIN_NS}">'.encode()
        + dimension
        + b"<sheetData>"
        + b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (k, k) for k in range(1, rows))
        + b"</sheetData></worksheet>"
    )


def test_another_sheet_is_held_to_the_row_limit_only_without_a_size_openpyxl_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # openpyxl reads every sheet's declared size when it opens a workbook, and a sheet without
    # one to its end: such a sheet must be within the row limit even when it is not read.
    monkeypatch.setattr(wbamatch.io._bounds, "MAX_ROWS", 3)
    sized = _two_sheets(tmp_path / "sized.xlsx", _big_sheet(10, b'<dimension ref="A1:A9"/>'))
    assert [c.id for c in read_candidates(sized)] == ["c-1"]
    for name, dimension in [
        ("none", b""),
        ("foreign", b'<dimension xmlns="urn:other" ref="A1:A9"/>'),
        ("prefixed", b'<o:dimension xmlns:o="urn:other" ref="A1:A9"/>'),
    ]:
        path = _two_sheets(tmp_path / f"{name}.xlsx", _big_sheet(10, dimension))
        with pytest.raises(InputError, match=r"part xl/worksheets/sheet2\.xml: more than 3 rows"):
            read_candidates(path)


@pytest.mark.parametrize("chunk", [1, 7, 13, 64, 997])
def test_the_byte_scan_finds_the_same_in_any_chunk_size(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # Tags cut in two by a chunk boundary are carried over, never missed or counted twice.
    parts = _parts([GOOD_ROWS[0]] + [[f"c-{k}", 16, 24] for k in range(40)])
    # The first rows with a prefix ("<x:row"), so both ways of splitting rows are used.
    parts[SHEET] = (
        parts[SHEET]
        .replace(b"<worksheet ", b'<worksheet xmlns:x="%s" ' % MAIN_NS.encode(), 1)
        .replace(b"<row ", b"<x:row ", 3)
        .replace(b"</row>", b"</x:row>", 3)
    )
    raw = BytesIO()
    with zipfile.ZipFile(raw, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    expected = wbamatch.io._inspect_xlsx("x.xlsx", raw.getvalue())
    monkeypatch.setattr(wbamatch.io._zipscan, "_CHUNK", chunk)
    assert wbamatch.io._inspect_xlsx("x.xlsx", raw.getvalue()) == expected
    assert expected[SHEET].rows == 41 and expected[SHEET].dimension == "A1:C41"


# ---------------------------------------------------------------------------------------------
# Attack 2: an XLSX of 3.1 MB with one shared string of 3 GB
# ---------------------------------------------------------------------------------------------
def test_a_huge_shared_string_is_refused_before_memory_is_spent(tmp_path: Path) -> None:
    path = _string_bomb(tmp_path / "strings.xlsx")
    assert path.stat().st_size < 4_000_000
    code, err = _cli_limited(tmp_path, path)
    line = _one_line(err)
    assert code == 2
    assert "strings.xlsx, part xl/sharedStrings.xml" in line and "unpacks to" in line


def test_a_zip_header_that_lies_about_the_size_does_not_get_past(tmp_path: Path) -> None:
    # The central directory says 1,000 bytes; the stream inflates to 3 GB.
    path = _string_bomb(tmp_path / "liar.xlsx", gigabytes=3.0, lie=True)
    code, err = _cli_limited(tmp_path, path)
    assert code == 2
    assert "liar.xlsx" in _one_line(err)


def test_the_number_of_shared_strings_is_limited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wbamatch.io._bounds, "MAX_SHARED_STRINGS", 10)
    parts = _parts(GOOD_ROWS)
    sst = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}">'
        + "<si><t>x</t></si>" * 11
        + "</sst>"
    ).encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
        b'-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts[STRINGS] = sst
    with pytest.raises(InputError, match="more than 10 shared strings"):
        read_candidates(_xlsx(tmp_path / "many.xlsx", parts))


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"method": zipfile.ZIP_BZIP2}, "unusual method"),
        ({"flags": 0x1}, "encrypted"),
    ],
)
def test_unusual_zip_members_are_refused(
    tmp_path: Path, change: dict[str, int], needle: str
) -> None:
    # bzip2 would inflate a whole chunk at once, without a cap on what comes out.
    parts = _parts(GOOD_ROWS)
    data = parts.pop(SHEET)
    method = change.get("method", zipfile.ZIP_DEFLATED)
    stream = zlib.compress(data) if method == zipfile.ZIP_DEFLATED else b"BZh9" + data[:10]
    entry = _Entry(
        SHEET,
        stream=stream,
        crc=zlib.crc32(data),
        size=len(data),
        method=method,
        flags=change.get("flags", 0),
    )
    with pytest.raises(InputError, match=needle):
        read_candidates(_xlsx(tmp_path / "odd.xlsx", parts, **{SHEET: entry}))


def test_xml_entities_are_refused(tmp_path: Path) -> None:
    parts = _parts(GOOD_ROWS)
    laughs = (
        b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (k + 1, b"&lol%d;" % k * 10 if k else b"&lol;" * 10)
            for k in range(9)
        )
        + b"]>"
    )
    workbook = "xl/workbook.xml"
    parts[workbook] = (
        b'<?xml version="1.0"?>'
        + laughs
        + parts[workbook].replace(b'name="candidates"', b'name="&lol9;"')
    )
    with pytest.raises(InputError, match=r"xl/workbook\.xml: declares a document type"):
        read_candidates(_xlsx(tmp_path / "laughs.xlsx", parts))


# ---------------------------------------------------------------------------------------------
# Attack 3: a 2.9 MB CSV with 40,000 empty header cells and 200,000 rows
# ---------------------------------------------------------------------------------------------
def _empty_headers_csv(path: Path, empty: int, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("id,hours_min,hours_max" + "," * empty + "\n")
        fh.writelines(f"c-{k},1,2\n" for k in range(rows))
    return path


def test_a_header_of_40000_empty_cells_is_refused_at_once(tmp_path: Path) -> None:
    path = _empty_headers_csv(tmp_path / "empty.csv", 40_000, 200_000)
    assert 2_500_000 < path.stat().st_size < 3_200_000
    start = time.monotonic()
    code, err = _cli_limited(tmp_path, path)
    assert time.monotonic() - start < 10
    assert code == 2
    line = _one_line(err)
    assert (
        "empty.csv, row 1" in line
        and f"beyond column {wbamatch.io._letter(MAX_COLUMNS - 1)}" in line
    )


def test_columns_without_a_name_are_found_in_linear_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With the column limit lifted the same header costs one pass, not empty cells x rows
    # (40,000 x 20,000 = 800 million checks before).
    monkeypatch.setattr(wbamatch.io._bounds, "MAX_COLUMNS", 100_000)
    path = _empty_headers_csv(tmp_path / "empty.csv", 40_000, 20_000)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("c-x,1,2" + "," * 39_999 + "orphan\n")
    start = time.monotonic()
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(path)
    assert time.monotonic() - start < 15
    [e] = info.value.errors
    assert (e.row, e.column, e.letter) == (1, "", wbamatch.io._letter(40_001))
    assert "values but no name" in e.message


# ---------------------------------------------------------------------------------------------
# Attack 4: a candidates CSV without its header row
# ---------------------------------------------------------------------------------------------
FIRST_PERSON = cand_dict(
    "c-secret-001",
    hours={"min": 13.25, "max": 27.75, "max_per_day": 5.75},
    capacities={"work_pace": 1, "concentration": 2, "lifting": 0},
    needs={
        "structure": True,
        "jobcoach": True,
        "max_commute_minutes": 47.5,
        "travel_mode": "special_transport",
    },
    skills=["archiving", "zorgvuldig-secret-skill"],
)


def test_a_missing_header_row_is_one_error_that_echoes_no_cell(tmp_path: Path) -> None:
    full = write_candidates([FIRST_PERSON, cand_dict("c-2")], tmp_path / "full.csv")
    lines = full.read_text(encoding="utf-8-sig").splitlines()
    headless = tmp_path / "headless.csv"
    headless.write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    first = next(csv.reader([lines[1]]))
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(headless)
    [e] = info.value.errors
    assert (e.row, e.column) == (1, "")
    assert "Is the header row missing" in e.message
    text = str(info.value)
    for cell in first:
        if len(cell) > 1:  # one-digit levels cannot be told apart from "row 1"
            assert not re.search(rf"(?<![\w.-]){re.escape(cell)}(?![\w.-])", text), cell
    assert not re.search(r"'\d'", text)
    code = main(["match", "--candidates", str(headless), "--packages", str(_packages(tmp_path))])
    assert code == 2


def test_unknown_column_names_are_named_by_letter_only(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "id,hours_min,hours_max,need-only-on-tuesdays,47.5,hours_mxa\nc-1,1,2,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(path)
    got = [(e.row, e.column, e.letter) for e in info.value.errors]
    assert got == [(1, "", "D"), (1, "", "E"), (1, "", "F")]
    text = str(info.value)
    assert "only-on-tuesdays" not in text and "47.5" not in text and "hours_mxa" not in text
    assert "column F: its name is not a column" in text and "did you mean 'hours_max'" in text


def test_a_dataframe_column_is_named_by_its_position(tmp_path: Path) -> None:
    frame = pd.DataFrame({"id": ["c-1"], "hours_min": [1], "hours_max": [2], "secret-7": [1]})
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(frame)
    assert "column number 4" in str(info.value) and "secret-7" not in str(info.value)


# ---------------------------------------------------------------------------------------------
# Attack 5: one Windows-1252 byte in a UTF-8 file
# ---------------------------------------------------------------------------------------------
def test_mixed_encodings_are_refused_naming_the_first_bad_line(tmp_path: Path) -> None:
    text = "id,hours_min,hours_max,home_place\nc-é001,1,2,Utrecht\nc-2,1,2,Zoë\n".encode()
    path = tmp_path / "mixed.csv"
    path.write_bytes(text + "c-3,1,2,Café\n".encode("cp1252"))
    with pytest.raises(InputError) as info:
        read_candidates(path)
    message = str(info.value)
    assert "mixed.csv, line 4" in message and "mixed" in message and "Ã" not in message
    code = main(["match", "--candidates", str(path), "--packages", str(_packages(tmp_path))])
    assert code == 2


def test_a_file_entirely_in_windows_1252_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    # (A home needs its travel mode: an empty one is not taken to be public transport.)
    text = "id,hours_min,hours_max,home_place,need_travel_mode\r\nc-é1,1,2,Zoë,fiets\r\n"
    path.write_bytes(text.encode("cp1252"))
    [c] = read_candidates(path)
    assert c.id == "c-é1" and c.home is not None and c.home.place == "Zoë"


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        (
            b"id,hours_min,hours_max\nc-1,1,2\nc-\x81,1,2\n",
            "line 3: neither UTF-8 nor Windows-1252",
        ),
        ("id,hours_min,hours_max\n".encode("utf-16"), "UTF-16"),
        (b"\xef\xbb\xbfid,hours_min,hours_max\nc-\xe9,1,2\n", "line 2"),
    ],
    ids=["undefined in cp1252", "utf-16", "bom then cp1252"],
)
def test_undecodable_csv_files_are_refused(tmp_path: Path, raw: bytes, needle: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(raw)
    with pytest.raises(InputError, match=needle):
        read_candidates(path)


# ---------------------------------------------------------------------------------------------
# Attack 6: a hidden or very hidden sheet read instead of the visible one
# ---------------------------------------------------------------------------------------------
def _book(path: Path, sheets: list[tuple[str, str, list[list[Any]]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, state, rows in sheets:
        ws = book.create_sheet(title)
        ws.sheet_state = state
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


HIDDEN_ROWS: list[list[Any]] = [["id", "hours_min", "hours_max"], ["c-hidden", 1, 2]]
VISIBLE_ROWS: list[list[Any]] = [["id", "hours_min", "hours_max"], ["c-visible", 1, 2]]


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_first_sheet_is_skipped_for_the_visible_one(tmp_path: Path, state: str) -> None:
    path = _book(
        tmp_path / "h.xlsx", [("old", state, HIDDEN_ROWS), ("Blad1", "visible", VISIBLE_ROWS)]
    )
    assert [c.id for c in read_candidates(path)] == ["c-visible"]


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_named_like_the_data_is_reported_not_read(
    tmp_path: Path, state: str
) -> None:
    path = _book(
        tmp_path / "h.xlsx",
        [("Blad1", "visible", VISIBLE_ROWS), ("candidates", state, HIDDEN_ROWS)],
    )
    with pytest.raises(InputError, match=r"h\.xlsx: sheet 'candidates' is hidden.*'Blad1'"):
        read_candidates(path)
    with pytest.raises(InputError, match=r"sheet 'candidates' is hidden"):
        read_candidates(path, sheet="candidates")
    assert [c.id for c in read_candidates(path, sheet="Blad1")] == ["c-visible"]


def test_a_workbook_with_only_hidden_sheets_is_refused(tmp_path: Path) -> None:
    path = _book(tmp_path / "h.xlsx", [("a", "visible", VISIBLE_ROWS), ("b", "visible", [])])
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    assert parts["xl/workbook.xml"].count(b'state="visible"') == 2
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b'state="visible"', b'state="hidden"'
    )
    with pytest.raises(InputError, match="has no visible worksheet"):
        read_candidates(_xlsx(tmp_path / "hidden.xlsx", parts))


# ---------------------------------------------------------------------------------------------
# Attack 7: malformed XML, a workbook without sheets, JSON nested 100,000 deep
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (lambda p: p.__setitem__(SHEET, p[SHEET][:-40]), "malformed XML"),
        (
            lambda p: p.__setitem__(SHEET, p[SHEET].replace(b"</row>", b"</rwo>", 1)),
            "malformed XML",
        ),
        (
            lambda p: p.__setitem__(
                "xl/workbook.xml",
                re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", p["xl/workbook.xml"]),
            ),
            "no visible worksheet",
        ),
        (
            lambda p: p.__setitem__(
                "xl/workbook.xml", re.sub(rb"<sheets>.*</sheets>", b"", p["xl/workbook.xml"])
            ),
            "not a readable XLSX|no visible worksheet",
        ),
        (lambda p: p.pop(SHEET), "not a readable XLSX|no visible worksheet"),
        (
            lambda p: p.__setitem__(
                SHEET, p[SHEET].replace(b"<v>16</v>", b"<v>" + b"9" * 5000 + b"</v>")
            ),
            "not a readable XLSX",
        ),
        (
            lambda p: p.__setitem__(
                SHEET,
                p[SHEET].replace(
                    b'<c r="A2" t="inlineStr"><is><t>c-1</t></is></c>',
                    b'<c r="A2" t="s"><v>7</v></c>',
                ),
            ),
            "not a readable XLSX",
        ),
    ],
    ids=[
        "truncated sheet",
        "mismatched tag",
        "no sheets",
        "no sheets element",
        "sheet missing",
        "number of 5000 digits",
        "shared string that does not exist",
    ],
)
def test_broken_workbooks_are_input_errors(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    edit: Callable[[dict[str, bytes]], Any],
    needle: str,
) -> None:
    parts = _parts(GOOD_ROWS)
    edit(parts)
    path = _xlsx(tmp_path / "broken.xlsx", parts)
    with pytest.raises(InputError, match=needle):
        read_candidates(path)
    code = main(["match", "--candidates", str(path), "--packages", str(_packages(tmp_path))])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert _one_line(err).startswith("wbamatch: broken.xlsx")


def test_json_nested_100000_deep_is_refused_before_parsing(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    args = ["match", "--candidates", str(deep), "--packages", str(_packages(tmp_path))]
    # With the recursion limit raised (as some notebooks do) json.loads would crash the
    # interpreter: the depth is checked on the bytes first.
    proc = _limited(
        "sys.setrecursionlimit(1_000_000)\n"
        f"from wbamatch._cli import main; sys.exit(main({args!r}))"
    )
    assert proc.returncode == 2, proc.stderr
    assert "nested too deeply (more than 64 levels" in _one_line(proc.stderr)


@pytest.mark.parametrize(
    ("document", "depth"),
    [
        (b"[]", 1),
        (b'{"a": {"b": [1, {"c": "[[[[{{{{"}]}}', 4),
        (b'["\\"[[[", "\\\\", [[]]]', 3),
        (b'"no brackets"', 0),
        (b"]]][[", 0),
    ],
)
def test_nesting_depth_ignores_brackets_in_strings(document: bytes, depth: int) -> None:
    from wbamatch._jsonfile import nesting_depth

    assert nesting_depth(document) == depth


def test_json_just_under_the_depth_limit_is_read(tmp_path: Path) -> None:
    from wbamatch._jsonfile import MAX_DEPTH, read_json

    doc = tmp_path / "ok.json"
    doc.write_bytes(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH)
    assert read_json(str(doc), "x") is not None
    doc.write_bytes(b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1))
    with pytest.raises(InputError, match="nested too deeply"):
        read_json(str(doc), "x")


# ---------------------------------------------------------------------------------------------
# Attack 8: ids typed as TRUE/FALSE or as a date
# ---------------------------------------------------------------------------------------------
def test_ids_and_id_lists_typed_as_logical_values_or_dates_are_refused(tmp_path: Path) -> None:
    header = ["id", "hours_min", "hours_max", "excluded_packages"]
    rows = [
        header,
        [True, 1, 2, None],
        [dt.datetime(2024, 1, 1), 1, 2, None],
        ["c-3", 1, 2, False],
        ["c-4", 1, 2, dt.date(2024, 3, 1)],
        ["c-5", 1, 2, "p-1; p-2"],
    ]
    book = openpyxl.Workbook()
    book.active.title = "candidates"
    for row in rows:
        book.active.append(row)
    path = tmp_path / "typed.xlsx"
    book.save(path)
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(path)
    got = [(e.row, e.column, e.letter) for e in info.value.errors]
    assert got == [
        (2, "id", "A"),
        (3, "id", "A"),
        (4, "excluded_packages", "D"),
        (5, "excluded_packages", "D"),
    ]
    messages = [e.message for e in info.value.errors]
    assert "got TRUE" in messages[0] and "logical value" in messages[0]
    assert "date or time" in messages[1] and "format the column as Text" in messages[1]
    assert "got FALSE" in messages[2] and "date or time" in messages[3]
    assert "'yes'" not in str(info.value)


def test_package_ids_and_texts_typed_as_logical_values_are_refused(tmp_path: Path) -> None:
    rows = [
        ["id", "hours_per_week", "employer", "schedule_start"],
        ["p-1", 20, True, dt.time(9, 30)],
        ["p-2", 20, "ACME", dt.datetime(2024, 5, 1, 9, 30)],
    ]
    book = openpyxl.Workbook()
    book.active.title = "packages"
    for row in rows:
        book.active.append(row)
    path = tmp_path / "p.xlsx"
    book.save(path)
    with pytest.raises(SpreadsheetError) as info:
        read_packages(path)
    assert [(e.row, e.column) for e in info.value.errors] == [
        (2, "employer"),
        (3, "schedule_start"),
    ]


# ---------------------------------------------------------------------------------------------
# Limits of cells, rows, columns and problems; DataFrames
# ---------------------------------------------------------------------------------------------
def test_a_cell_over_the_length_limit_is_refused_without_its_content(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    long_id = "c-" + "x" * MAX_CELL_CHARS
    path.write_text(f"id,hours_min,hours_max\n{long_id},1,2\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(path)
    [e] = info.value.errors
    assert (e.row, e.column, e.letter) == (2, "id", "A")
    assert f"holds {MAX_CELL_CHARS + 2} characters; the limit is {MAX_CELL_CHARS}" in e.message
    assert "xxxxxxxxxx" not in str(info.value)
    path.write_text('id,hours_min,hours_max\n"c-1' + "x" * 200_000 + ",1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"long\.csv, row 2 \(line 2\): a cell holds more"):
        read_candidates(path)


def test_reading_stops_after_max_errors_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("id,hours_min,hours_max\n")
        fh.writelines(f"c-{k},x,y\n" for k in range(2 * MAX_ERRORS))
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(path)
    assert len(info.value.errors) == MAX_ERRORS + 1
    assert "reading stopped after 500 problems" in info.value.errors[-1].message


def test_dataframes_are_held_to_the_row_and_column_limits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    frame = pd.DataFrame({"id": ["c-1", "c-2"], "hours_min": [1, 1], "hours_max": [2, 2]})
    monkeypatch.setattr(wbamatch.io._bounds, "MAX_ROWS", 1)
    with pytest.raises(InputError, match="DataFrame has 2 rows; the limit is 1"):
        read_candidates(frame)
    monkeypatch.setattr(wbamatch.io._bounds, "MAX_ROWS", 10)
    wide = pd.concat(
        [frame, pd.DataFrame({f"#n{k}": [""] * 2 for k in range(MAX_COLUMNS)})], axis=1
    )
    with pytest.raises(InputError, match=f"DataFrame has {MAX_COLUMNS + 3} columns"):
        read_candidates(wide)


def test_csv_rows_are_held_to_the_row_and_column_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,hours_min,hours_max\nc-1,1,2" + ",x" * MAX_COLUMNS + "\n")
    with pytest.raises(InputError, match=r"c\.csv, row 2: the row has cells beyond column ALL"):
        read_candidates(path)


def test_the_limits_are_documented_in_the_module() -> None:
    doc = wbamatch.io.__doc__ or ""
    for name in (
        "MAX_FILE_BYTES",
        "MAX_ROWS",
        "MAX_COLUMNS",
        "MAX_CELL_CHARS",
        "MAX_SHEET_BYTES",
        "MAX_SHARED_STRINGS",
        "MAX_SHARED_STRINGS_BYTES",
        "MAX_PART_BYTES",
        "MAX_ZIP_ENTRIES",
        "MAX_ERRORS",
    ):
        value = getattr(wbamatch.io, name)
        assert f":data:`{name}`" in doc, name
        shown = f"{value // 2**20} MiB" if name.endswith("_BYTES") else f"{value:,}"
        assert re.search(rf":data:`{name}`\s+{re.escape(shown)}\s", doc), (name, shown)
    assert MAX_ROWS == 200_000 and MAX_COLUMNS == 1_000 and MAX_CELL_CHARS == 10_000


# ---------------------------------------------------------------------------------------------
# No health value in any message
# ---------------------------------------------------------------------------------------------
SECRETS = ["only-on-tuesdays", "about-7-hours", "4711", "0.8125", "needs-quiet-room"]


def test_no_health_value_appears_in_any_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = [
        "id",
        "hours_min",
        "hours_max",
        "hours_max_per_day",
        "cap_sitting",
        "cap_work_pace",
        "need_mentor",
        "need_max_commute_minutes",
        "need_travel_mode",
        "capacities_known",
    ]
    rows: list[list[Any]] = [
        header,
        [
            "c-1",
            1,
            2,
            "about-7-hours",
            "only-on-tuesdays",
            4711,
            "needs-quiet-room",
            "0.8125",
            "only-on-tuesdays",
            "needs-quiet-room",
        ],
        ["c-2", 1, 2, 4711, 0.8125, True, dt.date(2024, 1, 1), "about-7-hours", 4711, 4711],
        ["c-3", 1, 2, None, "=4711", "x" * (MAX_CELL_CHARS + 1), None, None, None, None],
    ]
    book = openpyxl.Workbook()
    book.active.title = "candidates"
    for row in rows:
        book.active.append(row)
    xlsx = tmp_path / "h.xlsx"
    book.save(xlsx)
    with (tmp_path / "h.csv").open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["" if v is None else str(v) for v in r] for r in rows])
    for path in (xlsx, tmp_path / "h.csv"):
        with pytest.raises(SpreadsheetError) as info:
            read_candidates(path)
        text = str(info.value)
        assert len(info.value.errors) >= 15
        for secret in SECRETS:
            assert secret not in text, (path.name, secret)
        assert "xxxxxxxxxx" not in text
        assert (
            main(["match", "--candidates", str(path), "--packages", str(_packages(tmp_path))]) == 2
        )
        err = capsys.readouterr().err
        assert not any(s in err for s in SECRETS)
    # The same values used as column names (a header row lost in a copy): not echoed either.
    (tmp_path / "n.csv").write_text("id,hours_min,hours_max," + ",".join(SECRETS) + "\n")
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(tmp_path / "n.csv")
    assert not any(s in str(info.value) for s in SECRETS)


def test_control_characters_in_messages_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,hours_min,hours_max,registered\nc-1,1,2,\x1b[2Jyes\u202e\n")
    with pytest.raises(SpreadsheetError) as info:
        read_candidates(path)
    text = str(info.value)
    assert "\x1b" not in text and "\u202e" not in text
    assert "\\x1b[2Jyes\\u202e" in text
    odd = _book(tmp_path / "s.xlsx", [("data\u202e", "visible", VISIBLE_ROWS)])
    with pytest.raises(InputError) as err:
        read_candidates(odd, sheet="other")
    assert "\u202e" not in str(err.value) and "'data\\u202e'" in str(err.value)


# ---------------------------------------------------------------------------------------------
# Normal files still work
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_templates_and_written_files_still_round_trip(tmp_path: Path, suffix: str) -> None:
    # A template's example row is skipped (it is never read as a record) ...
    assert read_candidates(write_template("candidates", tmp_path / f"t{suffix}")) == []
    assert read_packages(write_template("packages", tmp_path / f"p{suffix}")) == []
    # ... and, given a real id, reads and matches.
    c = wbamatch.io.example("candidates").model_copy(update={"id": "c-001"})
    p = wbamatch.io.example("packages").model_copy(update={"id": "p-001"})
    [c] = read_candidates(write_candidates([c], tmp_path / f"tc{suffix}"))
    [p] = read_packages(write_packages([p], tmp_path / f"tp{suffix}"))
    assert [a.candidate_id for a in wbamatch.match([c], [p]).assignments] == ["c-001"]
    cands, _ = wbamatch.synthetic(300, 1, seed=5)
    assert read_candidates(write_candidates(cands, tmp_path / f"c{suffix}")) == list(cands)


def test_an_excel_style_workbook_with_shared_strings_is_read(tmp_path: Path) -> None:
    # Excel keeps texts in the shared-strings table (openpyxl writes them inline); a big
    # table is fine (its elements are not held to the limit of a worksheet outside its rows).
    parts = _parts(GOOD_ROWS)
    parts[STRINGS] = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}" count="1" '
        'uniqueCount="1"><si><t>c-shared</t></si>'
        + "".join(f"<si><t>text {k}</t></si>" for k in range(300_000))
        + "</sst>"
    ).encode()
    parts[SHEET] = parts[SHEET].replace(
        b'<c r="A2" t="inlineStr"><is><t>c-1</t></is></c>', b'<c r="A2" t="s"><v>0</v></c>'
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
        b'-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    [c] = read_candidates(_xlsx(tmp_path / "excel.xlsx", parts))
    assert c.id == "c-shared"


# ---------------------------------------------------------------------------------------------
# Writing: a result is validated again before it is exported (issue 13, point 5)
# ---------------------------------------------------------------------------------------------
def test_write_results_refuses_objects_that_no_longer_validate(tmp_path: Path) -> None:
    cands, packs = wbamatch.demo_data()
    result = wbamatch.match(cands, packs)
    broken = [
        wbamatch.MatchResult.model_construct(**{**dict(result), "total_score": "lots"}),
        wbamatch.MatchResult.model_construct(status=result.status),
        result.model_copy(
            update={"assignments": [result.assignments[0].model_copy(update={"score": 7.0})]}
        ),
    ]
    lists = wbamatch.shortlist(cands, packs, k=2)
    broken.append(lists.model_copy(update={"lists": "not a list"}))
    ex = wbamatch.explain(cands[0], packs[0])
    broken.append(ex.model_copy(update={"components": {"skills": "high"}}))
    for obj in broken:
        for suffix in (".csv", ".xlsx"):
            target = tmp_path / f"r{suffix}"
            with pytest.raises(InputError, match=r"is not valid|incomplete") as info:
                write_results(obj, target)
            assert not target.exists()
            assert "nothing was written" in str(info.value)
    assert "assignments.0.score" in _message(write_results, broken[2], tmp_path / "x.csv")
    # Valid objects, also read back from JSON, are still written.
    again = wbamatch.MatchResult.model_validate_json(result.model_dump_json())
    assert write_results(again, tmp_path / "ok.xlsx").exists()
    assert write_results(lists, tmp_path / "s.csv").exists()
    assert write_results(ex, tmp_path / "e.csv").exists()


def _message(func: Callable[..., Any], *args: Any) -> str:
    with pytest.raises(WbamatchError) as info:
        func(*args)
    return str(info.value)
