"""The schedules for a spreadsheet: ``schedule_by_package.csv`` and ``schedule_by_candidate.csv``.

Only the by-package file, the recruiter's, has the score and a near-miss flag; the by-candidate
file holds what a candidate's handout holds, so a letter can be merged from it without a score
in reach. The reason code of a near miss is never written: it can disclose a need.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from .._cells import csv_text
from .._files import write_atomic
from ._meetings import PlanFields
from ._schedule import Handout

__all__ = [
    "CSV_BY_CANDIDATE",
    "CSV_BY_PACKAGE",
    "CSV_CANDIDATE_COLUMNS",
    "CSV_PACKAGE_COLUMNS",
    "write_csv",
]

#: File names written by :meth:`MeetGreetPlan.to_csv`.
CSV_BY_PACKAGE: Final[str] = "schedule_by_package.csv"
CSV_BY_CANDIDATE: Final[str] = "schedule_by_candidate.csv"

#: Columns of the two CSV files: machine names, the same in every language.
CSV_PACKAGE_COLUMNS: Final[tuple[str, ...]] = (
    "package_id",
    "title",
    "employer",
    "table",
    "round",
    "start",
    "end",
    "candidate_id",
    "candidate_name",
    "score",
    "near_miss",
)
CSV_CANDIDATE_COLUMNS: Final[tuple[str, ...]] = (
    "candidate_id",
    "candidate_name",
    "round",
    "start",
    "end",
    "table",
    "package_id",
    "title",
    "employer",
)


def write_csv(
    plan: PlanFields, sheet: Handout, folder: Path, *, overwrite: bool
) -> tuple[Path, Path]:
    """Write both files into ``folder`` (created when missing), each atomically.

    Example
    -------
    >>> import tempfile, wbamatch
    >>> plan = wbamatch.plan_meet_and_greet(*wbamatch.demo_data(), 3, 2, 3)
    >>> sheet = Handout.make(plan, "en", None, 20, 0, None, None)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     first, second = write_csv(plan, sheet, Path(folder), overwrite=False)
    ...     first.read_text(encoding="utf-8").splitlines()[0].split(",")[-2:]
    ['score', 'near_miss']
    """
    # No byte order mark (unlike io's exports): these files have always been plain UTF-8, and a
    # mail merge reading them would take the mark for part of the first column's name.
    by_package = csv_text(CSV_PACKAGE_COLUMNS, _package_rows(plan, sheet))
    by_candidate = csv_text(CSV_CANDIDATE_COLUMNS, _candidate_rows(plan, sheet))
    folder.mkdir(parents=True, exist_ok=True)
    first = write_atomic(folder / CSV_BY_PACKAGE, by_package, overwrite=overwrite)
    second = write_atomic(folder / CSV_BY_CANDIDATE, by_candidate, overwrite=overwrite)
    return first, second


def _package_rows(plan: PlanFields, sheet: Handout) -> list[list[str]]:
    """The recruiter's rows: per package by round, with the score and a near-miss flag."""
    rows: list[list[str]] = []
    for pid, meetings in plan.by_package().items():
        rows += [
            [
                pid,
                m.title,
                m.employer,
                sheet.tables[pid],
                str(m.round),
                *sheet.clock(m.round),
                m.candidate_id,
                sheet.names.get(m.candidate_id, ""),
                f"{m.score:.3f}",
                "" if m.near_miss is None else "yes",  # never which rule: it can disclose a need
            ]
            for m in meetings
        ]
    return rows


def _candidate_rows(plan: PlanFields, sheet: Handout) -> list[list[str]]:
    """What the candidates' handouts hold, per candidate by round: no score, no flag."""
    rows: list[list[str]] = []
    for cid, meetings in plan.by_candidate().items():
        rows += [
            [
                cid,
                sheet.names.get(cid, ""),
                str(m.round),
                *sheet.clock(m.round),
                sheet.tables[m.package_id],
                m.package_id,
                m.title,
                m.employer,
            ]
            for m in meetings
        ]
    return rows
