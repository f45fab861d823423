"""XLSX files, first as a zip archive: every part checked and scanned before openpyxl opens it.

The scan streams each part's bytes once, with a byte cap for its kind (so a zip header that lies
about the size cannot get past), without parsing the XML: it finds the root element, refuses a
document type declaration, reads a worksheet's declared size, and counts rows, the XML elements
of each row and the shared strings.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from typing import Final

from .._exceptions import InputError
from . import _bounds
from ._cells import _letter
from ._table import _shown, _too_many

_SHARED_STRINGS_TYPE: Final[str] = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
#: An XML name prefix (``x:``), at most 32 characters so every token fits in the carry-over.
_PREFIX_RE: Final[bytes] = rb"(?:[A-Za-z_][\w.\-]{0,31}:)?"
_ROW_RE: Final[re.Pattern[bytes]] = re.compile(rb"<" + _PREFIX_RE + rb"row[\s/>]")
_SI_RE: Final[re.Pattern[bytes]] = re.compile(rb"<" + _PREFIX_RE + rb"si[\s/>]")
_TAG_RE: Final[re.Pattern[bytes]] = re.compile(rb"<[A-Za-z_]")
_DATA_END_RE: Final[re.Pattern[bytes]] = re.compile(
    rb"</" + _PREFIX_RE + rb"sheetData\s{0,8}>|<" + _PREFIX_RE + rb"sheetData\s{0,8}/>"
)
_ROOT_RE: Final[re.Pattern[bytes]] = re.compile(
    rb"<([A-Za-z_][\w.\-]{0,31}:)?([A-Za-z_][\w.\-]*)([^>]{0,4096})>"
)
_DIMENSION_RE: Final[re.Pattern[bytes]] = re.compile(
    rb"<([A-Za-z_][\w.\-]{0,31}:)?dimension(\s[^>]*?\bref\s*=\s*[\"']([^\"'<>]{1,40})[\"'][^>]*)>"
)
_MAIN_NS: Final[bytes] = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_FIRST_ROW_RE: Final[re.Pattern[bytes]] = re.compile(rb"<" + _PREFIX_RE + rb"(?:row|sheetData)\b")
_ROW_NUMBER_RE: Final[re.Pattern[bytes]] = re.compile(rb"^[^>]*?\br\s*=\s*[\"'](\d{1,12})[\"']")
#: Most XML elements in one worksheet row: a cell is two or three (``<c><v>``, ``<c><is><t>``);
#: openpyxl turns every child of a row into a cell, so elements, not bytes, cost its memory.
_ROW_ELEMENTS: Final[int] = 8 * _bounds.MAX_COLUMNS
#: Most XML elements of a worksheet outside its rows (columns, merged cells, validations, ...).
_OUTSIDE_ELEMENTS: Final[int] = 200_000
#: Bytes read at once from a part, and how much of a part's start is looked at for its root.
_CHUNK: Final[int] = 1 << 20
_HEAD: Final[int] = 1 << 16


@dataclass
class _PartScan:
    """What the byte scan of one zip part found (see :class:`_PartScanner`)."""

    part: str
    root: str = ""
    dimension: str | None = None
    rows: int = 0
    shared_strings: int = 0


class _PartScanner:
    """Streams the bytes of one zip part once, without parsing its XML.

    It finds the root element (refusing a document type declaration or UTF-16 before it) and a
    worksheet's declared ``<dimension>``; it splits the part at ``<row`` tags and holds every
    row to :data:`MAX_PART_BYTES` and to ``_ROW_ELEMENTS`` XML elements (counted only in rows
    long enough to hold that many: ``<c/>`` is 4 bytes), and what lies outside the rows to
    :data:`MAX_PART_BYTES` and ``_OUTSIDE_ELEMENTS``. Linear in the bytes: a tag that may go
    on in the next chunk is carried over.
    """

    def __init__(self, file: str, part: str, count_strings: bool) -> None:
        self.file, self.scan, self.count_strings = file, _PartScan(part), count_strings
        self.head = b""
        self.carry = b""
        self.phase = "before"  # before the first row -> rows -> after the rows (</sheetData>)
        self.total = self.outside = self.outside_tags = 0
        self.row_bytes = self.row_tags = 0
        self.row_head = b""  # the start of the current row's tag, for its number in a message

    def fail(self, message: str) -> InputError:
        return InputError(f"{self.file}, part {_shown(self.scan.part)}: {message}")

    def feed(self, chunk: bytes, final: bool = False) -> None:
        self.total += len(chunk)
        if len(self.head) < _HEAD:
            self.head += chunk[: _HEAD - len(self.head)]
        if not self.scan.root and (len(self.head) >= _HEAD or final):
            self._root()
        data = self.carry + chunk
        cut = len(data)
        if not final:  # keep a tag that may go on in the next chunk
            lt = data.rfind(b"<", max(0, len(data) - 64))
            cut = lt if lt >= 0 else cut
        self.carry, data = data[cut:], data[:cut]
        if self.count_strings:
            self.scan.shared_strings += len(_SI_RE.findall(data))
            if self.scan.shared_strings > _bounds.MAX_SHARED_STRINGS:
                raise self.fail(
                    f"holds more than {_bounds.MAX_SHARED_STRINGS} shared strings (texts); split "
                    "the file"
                )
        self._scan(data)
        if final:
            self._end_row()

    def _root(self) -> None:
        head = self.head.removeprefix(codecs.BOM_UTF8)
        if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or b"\x00" in head[:4]:
            raise self.fail("is not UTF-8 XML; open the file in Excel and save it again")
        pos = 0
        while True:
            while pos < len(head) and head[pos] in b" \t\r\n":
                pos += 1
            if head.startswith(b"<?", pos):
                pos = head.find(b"?>", pos)
            elif head.startswith(b"<!--", pos):
                pos = head.find(b"-->", pos)
            elif head.startswith(b"<!", pos):
                raise self.fail(
                    "declares a document type (DTD); spreadsheets have none, and wbamatch does "
                    "not read XML entities. Open the file in Excel and save it again"
                )
            else:
                break
            if pos < 0:
                raise self.fail("does not start like a part of a spreadsheet")
            pos += 2
        match = _ROOT_RE.match(head, pos)
        self.scan.root = match.group(2).decode("ascii") if match else "(not XML)"
        if match and self.scan.root == "worksheet":
            # Only a size openpyxl will find counts: a <dimension> in the main namespace, with
            # the root's prefix, before the rows. Without one, openpyxl reads the part to its
            # end when it opens the workbook, so it is held to the row limit first.
            prefix = match.group(1) or b""
            xmlns = b"xmlns" + (b":" + prefix[:-1] if prefix else b"")
            declared = re.search(
                rb"\s" + re.escape(xmlns) + rb"\s*=\s*[\"']" + re.escape(_MAIN_NS) + rb"[\"']",
                match.group(3),
            )
            dim = _DIMENSION_RE.search(head, match.end())
            first = _FIRST_ROW_RE.search(head, match.end())
            if (
                declared
                and dim
                and (dim.group(1) or b"") == prefix
                and b"xmlns" not in dim.group(2)
                and (first is None or dim.start() < first.start())
            ):
                self.scan.dimension = dim.group(3).decode("ascii", "replace")

    def _scan(self, data: bytes) -> None:
        # Plain byte searches first: a regex is only run where its tag can be (speed).
        if self.phase == "rows":
            end = _DATA_END_RE.search(data) if b"sheetData" in data else None
            if end is not None:
                self._rows(data[: end.start()])
                self._end_row()
                self.phase, data = "after", data[end.start() :]
            else:
                self._rows(data)
                return
        if self.phase == "before":
            first = _ROW_RE.search(data) if b"row" in data else None
            if first is not None:
                self._outside(data[: first.start()])
                self.phase = "rows"
                self._scan(data[first.start() :])
                return
        self._outside(data)

    def _outside(self, data: bytes) -> None:
        if self.scan.root != "worksheet":  # other parts are held to MAX_PART_BYTES as a whole
            return
        self.outside += len(data)
        self.outside_tags += len(_TAG_RE.findall(data))
        if self.outside > _bounds.MAX_PART_BYTES or self.outside_tags > _OUTSIDE_ELEMENTS:
            raise self.fail(
                f"holds more than {_bounds.MAX_PART_BYTES} bytes or {_OUTSIDE_ELEMENTS} XML "
                "elements besides its rows (column formats, merged cells, validations, links, "
                "...); copy the data into a new workbook (paste as values)"
            )

    def _rows(self, data: bytes) -> None:
        # Rows split at "<row"; with a prefix ("<x:row") anywhere in the chunk, by the regex.
        pieces = _ROW_RE.split(data) if b":row" in data else data.split(b"<row")
        self._add_to_row(pieces[0])
        for piece in pieces[1:]:
            self._end_row()
            self.scan.rows += 1
            self.row_head = piece[:256]
            self._add_to_row(piece)

    def _row_label(self) -> str:
        label = _ROW_NUMBER_RE.match(self.row_head)
        return label.group(1).decode() if label else f"#{self.scan.rows}"

    def _add_to_row(self, piece: bytes) -> None:
        # Tags are counted once a row is long enough to hold too many (so a row may reach up
        # to twice _ROW_ELEMENTS when its first 32 KB came in an earlier chunk).
        self.row_bytes += len(piece)
        if self.row_bytes > 4 * _ROW_ELEMENTS:
            self.row_tags += len(_TAG_RE.findall(piece))
        if self.row_bytes > _bounds.MAX_PART_BYTES:
            raise self.fail(
                f"row {self._row_label()} holds more than {_bounds.MAX_PART_BYTES} bytes; split "
                "the long texts over several rows or files"
            )

    def _end_row(self) -> None:
        if self.row_tags > _ROW_ELEMENTS:
            raise self.fail(
                f"row {self._row_label()} holds more than {_ROW_ELEMENTS} XML elements: more than "
                f"{_bounds.MAX_COLUMNS} cells (the limit is column "
                f"{_letter(_bounds.MAX_COLUMNS - 1)}), or heavily formatted text; copy the data "
                "into a new workbook (paste as values)"
            )
        self.row_bytes = self.row_tags = 0


def _scan_part(
    name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, count_strings: bool
) -> _PartScan:
    """Stream one part through a :class:`_PartScanner` with a byte cap for its kind."""
    scanner = _PartScanner(name, info.filename, count_strings)
    limit = _bounds.MAX_SHARED_STRINGS_BYTES if count_strings else _bounds.MAX_SHEET_BYTES
    with zf.open(info) as fh:
        while True:
            # Never more than the limit, whatever the zip header claims about the size.
            chunk = fh.read(min(_CHUNK, limit + 1 - scanner.total))
            if not chunk:
                break
            scanner.feed(chunk)
            if scanner.scan.root and not count_strings and scanner.scan.root != "worksheet":
                limit = _bounds.MAX_PART_BYTES
            if scanner.total > limit:
                what = (
                    "the shared-strings table"
                    if count_strings
                    else "this worksheet"
                    if scanner.scan.root == "worksheet"
                    else "this part"
                )
                raise scanner.fail(f"{what} unpacks to more than {limit} bytes; split the file")
        scanner.feed(b"", final=True)
    return scanner.scan


def _shared_string_parts(name: str, zf: zipfile.ZipFile, scans: dict[str, _PartScan]) -> set[str]:
    """Parts openpyxl reads as shared strings: as ``[Content_Types].xml`` names them."""
    parts = {part for part, scan in scans.items() if scan.root == "sst"}
    if "[Content_Types].xml" not in scans:
        return parts
    from xml.etree import ElementTree

    # Small (held to MAX_PART_BYTES), and the scan refused a document type declaration.
    try:
        tree = ElementTree.fromstring(zf.read("[Content_Types].xml"))
    except ElementTree.ParseError as exc:
        raise InputError(
            f"{name} is not a readable XLSX file (malformed XML in [Content_Types].xml: {exc})"
        ) from None
    for node in tree.iter():
        override = node.tag.rsplit("}", 1)[-1] == "Override"
        if override and node.get("ContentType") == _SHARED_STRINGS_TYPE:
            parts.add(str(node.get("PartName", ""))[1:])  # as openpyxl: drop the "/"
    return parts


def _inspect_xlsx(name: str, raw: bytes) -> dict[str, _PartScan]:
    """Check the zip archive of an XLSX file against the limits; the scan of every part."""
    try:
        zf = zipfile.ZipFile(BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(
            f"{name} is not a readable XLSX file (not a zip archive; a password-protected "
            "workbook is not one either): save it again as .xlsx without a password, or as CSV"
        ) from None
    with zf:
        infos = [info for info in zf.infolist() if not info.is_dir()]
        if len(infos) > _bounds.MAX_ZIP_ENTRIES:
            raise InputError(
                f"{name} has more than {_bounds.MAX_ZIP_ENTRIES} parts; not a spreadsheet"
            )
        for info in infos:
            where = f"{name}, part {_shown(info.filename)}"
            if info.flag_bits & 0x1:
                raise InputError(f"{where}: encrypted; save the file again without a password")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise InputError(
                    f"{where}: compressed with an unusual method ({info.compress_type}); open "
                    "the file in Excel and save it again"
                )
            if info.file_size > _bounds.MAX_SHEET_BYTES:
                raise InputError(
                    f"{where}: unpacks to {info.file_size} bytes, over the limit of "
                    f"{_bounds.MAX_SHEET_BYTES}; split the file"
                )
        try:
            scans = {info.filename: _scan_part(name, zf, info, False) for info in infos}
            by_name = {i.filename: i for i in infos}
            for part in sorted(_shared_string_parts(name, zf, scans) & by_name.keys()):
                info = by_name[part]
                if info.file_size > _bounds.MAX_SHARED_STRINGS_BYTES:
                    raise InputError(
                        f"{name}, part {_shown(part)}: the shared-strings table unpacks to "
                        f"{info.file_size} bytes, over the limit of "
                        f"{_bounds.MAX_SHARED_STRINGS_BYTES}; split the file, or save it as CSV"
                    )
                scans[part].shared_strings = _scan_part(name, zf, info, True).shared_strings
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError):
            raise InputError(
                f"{name} is not a readable XLSX file (a damaged zip archive); save it again"
            ) from None
    for scan in scans.values():
        if scan.dimension is None:
            # openpyxl reads a part without a declared size to its end when it opens the
            # workbook: hold it to the row limit before that happens.
            _check_rows(name, scan, f"part {_shown(scan.part)}")
    return scans


def _check_rows(name: str, scan: _PartScan, where: str) -> None:
    if scan.rows > _bounds.MAX_ROWS + 1:
        raise InputError(_too_many(f"{name}, {where}"))
