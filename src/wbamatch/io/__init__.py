"""Spreadsheets in and out: candidates and packages from CSV, XLSX or a pandas DataFrame.

The flat layout
---------------
One row per record and one column per field, generated from the models so that no field can be
forgotten (:func:`columns` lists them):

- top-level fields keep their name: ``id``, ``registered``, ``education``, ``slots``, ...;
- nested fields get the parent's name in front: ``hours_min``, ``hours_max``, ``home_place``,
  ``home_lat``, ``schedule_start``, ``contract_months``, ``offers_jobcoach``, ...;
- capacities, demands and needs use short prefixes: ``cap_<dimension>``, ``dem_<dimension>``,
  ``need_<name>`` (``need_structure``, ``need_max_commute_minutes``, ``need_travel_mode``).

Cells: yes/no fields take ``yes``/``no`` (also ``ja``/``nee``, ``true``/``false``, ``1``/``0``);
lists (skills, interests, tasks, tags, excluded packages) are separated by ``;``; an empty cell
means "not given", so the model's default applies (capacity 3, demand 0, no need, ...). Text is
stripped of surrounding spaces. Headers are matched without regard to case; columns whose name
starts with ``#`` are notes and are skipped. XLSX cells holding a formula are refused (wbamatch
reads values, not formulas). CSV files may be separated by ``,`` or ``;`` (Dutch Excel) and be
UTF-8 (with or without BOM) or Windows-1252; a decimal comma is accepted (``7,5``).

Errors point at the spreadsheet
-------------------------------
Every problem of a file is collected and raised together as one :class:`SpreadsheetError`: file,
sheet, row (the header is row 1, the first record row 2), column and what is allowed there.
The value of a capacity or need cell is never repeated in a message: it is health data.

Written files
-------------
:func:`write_candidates`, :func:`write_packages`, :func:`write_template` and
:func:`write_results` write CSV or XLSX, chosen by the file suffix, atomically. Text cells that
start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get a ``'`` in front, so a
spreadsheet never runs a formula from input data; the readers take that ``'`` off again, so a
file written here reads back to the same records.

Limits: every reader is bounded
-------------------------------
A file from outside is checked against these limits before memory is spent on it, and reading
stays linear in the size of the file; a file over a limit is refused with an :class:`InputError`
that names the file, the sheet, the row and the column (letter) and says what to do.

=================================  ==========  ==================================================
limit                              value       applies to
=================================  ==========  ==================================================
:data:`MAX_FILE_BYTES`             50 MiB      the CSV or XLSX file as stored
:data:`MAX_ROWS`                   200,000     records (rows below the header) of one sheet, also
                                               a DataFrame's rows
:data:`MAX_COLUMNS`                1,000       columns (A to ALL), also a DataFrame's columns
:data:`MAX_CELL_CHARS`             10,000      characters in one cell that is read
:data:`MAX_SHEET_BYTES`            512 MiB     one XLSX worksheet, unpacked (its XML)
:data:`MAX_SHARED_STRINGS`         2,000,000   texts in an XLSX shared-strings table
:data:`MAX_SHARED_STRINGS_BYTES`   64 MiB      the shared-strings table, unpacked
:data:`MAX_PART_BYTES`             16 MiB      any other part of an XLSX file, unpacked; also one
                                               row of a worksheet, and what a worksheet holds
                                               besides its rows
:data:`MAX_ZIP_ENTRIES`            10,000      parts of an XLSX file
:data:`MAX_ERRORS`                 500         problems collected before reading stops
``_jsonfile.MAX_DOCUMENT_BYTES``   10 MiB      a JSON document (the command line's records,
                                               config and tasks: ``wbamatch._jsonfile``)
``_jsonfile.MAX_DEPTH``            64          nesting of arrays and objects in a JSON document,
                                               measured on the bytes before parsing
=================================  ==========  ==================================================

XLSX files are read with openpyxl in read-only mode, row by row, after the zip archive itself
has been inspected: the unpacked size of every part (and, streaming through each part with a
byte cap, so a lying zip header cannot get past), the number of cells in each worksheet row,
the size a worksheet declares (``<dimension ref="A1:XFD1048576"/>``), the number of shared
strings. Only zip's *stored* and *deflate* methods, no encryption, and no XML document type
declarations (entities) are accepted. Only visible sheets are read: a hidden sheet is never
picked, and asking for one (or a hidden sheet named like the default) is an error that says
it is hidden. Cells typed as TRUE/FALSE or as a date in a text column (an ``id``, a list such
as ``excluded_packages``) are refused: ids are text.

CSV files must be one encoding throughout: UTF-8 (with or without BOM), or Windows-1252 when the
file holds no UTF-8 at all (Excel on Windows); a file that mixes them, or is neither, is refused
with the first line that is not UTF-8.

XLSX needs openpyxl and DataFrames need pandas: ``pip install 'wbamatch[excel]'``.

The modules
-----------
This package's face is this module; the work is done in private modules, each using only those
above it in this list:

====================  ========================================================================
module                holds
====================  ========================================================================
``_bounds``           the limits above, looked up when a reader runs
``_words``            a text in both languages (English for exceptions, Dutch for people)
``_layout``           :class:`Column`, :func:`columns`: the flat layout from the models
``_cells``            reading one cell as its column's value
``_table``            a source as header and rows; where a cell is, in words
``_csvfile``          CSV: the text encoding, the separator, the rows
``_zipscan``          XLSX as a zip archive: every part scanned against the limits
``_xlsx``             XLSX with openpyxl: the sheet to read, its size, its rows
``_sources``          a path or a DataFrame opened as a table
``_problems``         the problems of a table, collected and raised together
``_header``           the header row placed on the layout
``_rows``             rows made into records, each problem reported once
``_read``             :func:`read_candidates`, :func:`read_packages`
``_sheets``           the writer: sheets as CSV or formatted XLSX, neutralised, atomic
``_records``          :func:`write_candidates`, :func:`write_packages`
``_templates``        :func:`write_template` and its example, explanation and drop-downs
``_export_managers``  a result workbook's sheet per package, for its manager
``_export_match``     a match result's CSV table and workbook
``_export_lists``     shortlists and explanations as sheets
``_export``           :func:`write_results`
``_errors``           :func:`error_text`
====================  ========================================================================
"""

from __future__ import annotations

from . import _bounds as _bounds, _zipscan as _zipscan  # tests set limits there
from ._bounds import *  # noqa: F403  (the limits: named once, in _bounds.__all__)
from ._errors import error_text
from ._export import write_results
from ._layout import EXAMPLE_IDS, PROFILE_COLUMN, Column, Kind, columns
from ._read import read_candidates, read_packages
from ._records import write_candidates, write_packages
from ._templates import EXPLANATION_SHEET, EXPLANATION_SHEETS, example, write_template

# isort: split
# The tests reach these as wbamatch.io._name: the zip scan, its chunk size, column letters.
from ._cells import _letter as _letter
from ._zipscan import _CHUNK as _CHUNK, _inspect_xlsx as _inspect_xlsx

# isort: split
__all__ = [
    *_bounds.__all__,
    "EXAMPLE_IDS",
    "EXPLANATION_SHEET",
    "EXPLANATION_SHEETS",
    "PROFILE_COLUMN",
    "Column",
    "Kind",
    "columns",
    "error_text",
    "example",
    "read_candidates",
    "read_packages",
    "write_candidates",
    "write_packages",
    "write_results",
    "write_template",
]
