"""A one-page summary of a match for a department head: placements, banen, who has no place yet.

:func:`department_summary` counts what a head of department asks about a round of placements:

- how many candidates were placed and how many **banen** that makes (hours a week / 25.5, for
  registered candidates with a counting contract), per **organisation** (the ministry or
  employer group of each placement, :attr:`Assignment.organisation`) and per **track**;
- **who has no place yet**, and the **main reasons** in words: for each candidate without a
  place the reason that ruled out most packages, counted over the candidates. The reasons are
  counted, never listed per person: a reason can tell something about someone's health, and
  the summary is read by people who are not the recruiter (the recruiter's workbook,
  :func:`wbamatch.io.write_results`, has them per person);
- the **open places**: packages with places left, and how many candidates would have fitted.

:meth:`DepartmentSummary.to_html` writes it as one HTML page that prints on one A4 sheet (print
CSS; long lists are cut short with a line saying how many more there are, the workbook has them
all); :func:`wbamatch.io.write_results` puts the same summary, uncut, on a sheet of the results
workbook. Texts are Dutch by default (``lang="en"`` for English), numbers as each language
writes them.

Example
-------
>>> import wbamatch
>>> cands, packs = wbamatch.demo_data()
>>> summary = department_summary(wbamatch.match(cands, packs), packs)
>>> summary.placed + summary.not_placed == summary.candidates
True
>>> summary.organisations[0].name
'Ministerie van IenW'

Modules
-------
``_lines``
    The rows: :class:`Line`, :class:`ReasonLine`, :class:`OpenPlace`, :class:`PackageFacts`,
    :class:`SheetRows`.
``_data``
    :class:`SummaryData`: the numbers and lists that the page and the sheet are made from.
``_department``
    :class:`DepartmentSummary`: the data, with its page (:meth:`~DepartmentSummary.html`)
    and sheet.
``_count``
    :func:`department_summary`: the counting; :func:`package_facts`, :func:`check_names`,
    :func:`track_words` and :func:`main_reason`, shared with the results workbook.
``_page``
    The printed page (HTML, one A4 sheet).
``_sheet``
    The rows of the workbook sheet, every list in full.
"""

from __future__ import annotations

from ._count import check_names, department_summary, main_reason, package_facts, track_words
from ._department import DepartmentSummary
from ._lines import Line, OpenPlace, PackageFacts, ReasonLine, SheetRows
from ._page import PAGE_ROWS

__all__ = [
    "PAGE_ROWS",
    "DepartmentSummary",
    "Line",
    "OpenPlace",
    "PackageFacts",
    "ReasonLine",
    "SheetRows",
    "check_names",
    "department_summary",
    "main_reason",
    "package_facts",
    "track_words",
]
