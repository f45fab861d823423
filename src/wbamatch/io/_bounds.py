"""The limits every reader keeps (the table in :mod:`wbamatch.io`'s docstring).

The readers look each limit up here when they run (``_bounds.MAX_ROWS``), never a copy taken at
import, so a limit set on :mod:`wbamatch.io` (which passes it on to this module) holds for the
next read.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ERRORS",
    "MAX_FILE_BYTES",
    "MAX_PART_BYTES",
    "MAX_ROWS",
    "MAX_SHARED_STRINGS",
    "MAX_SHARED_STRINGS_BYTES",
    "MAX_SHEET_BYTES",
    "MAX_ZIP_ENTRIES",
]

#: Largest CSV or XLSX file read.
MAX_FILE_BYTES: Final[int] = 50 * 1024 * 1024

#: Most rows read from one sheet (as many as ``MatchConfig.max_candidates``); a compressed XLSX
#: can unpack to far more than its file size.
MAX_ROWS: Final[int] = 200_000

#: Most columns of a sheet or DataFrame (column ALL); the layout has fewer than 100.
MAX_COLUMNS: Final[int] = 1_000

#: Most characters in one cell that is read (Excel itself allows 32,767).
MAX_CELL_CHARS: Final[int] = 10_000

#: Largest unpacked XLSX worksheet (its XML); 200,000 full candidate rows take about 280 MB.
MAX_SHEET_BYTES: Final[int] = 512 * 1024 * 1024

#: Most texts in the shared-strings table of an XLSX file.
MAX_SHARED_STRINGS: Final[int] = 2_000_000

#: Largest unpacked shared-strings table of an XLSX file.
MAX_SHARED_STRINGS_BYTES: Final[int] = 64 * 1024 * 1024

#: Largest unpacked part of an XLSX file other than worksheets and shared strings (styles, the
#: workbook, relationships, ...); also the largest row of a worksheet and the most a worksheet
#: may hold besides its rows (views, merged cells, validations, ...).
MAX_PART_BYTES: Final[int] = 16 * 1024 * 1024

#: Most parts (zip entries) of an XLSX file; a workbook has a few dozen.
MAX_ZIP_ENTRIES: Final[int] = 10_000

#: Most problems collected from one file; reading stops there and reports them.
MAX_ERRORS: Final[int] = 500
