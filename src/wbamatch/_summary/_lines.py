"""The rows a summary is made of: breakdown lines, reasons, open places, package facts, and a
summary laid out as rows of a sheet.

Example
-------
>>> Line("Ministerie van IenW", placements=2, banen=1.5, open=1).banen
1.5
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Line", "OpenPlace", "PackageFacts", "ReasonLine", "SheetRows"]


@dataclass(frozen=True)
class Line:
    """One row of a breakdown (an organisation or a track): placements, banen, open places."""

    name: str
    placements: int
    banen: float
    open: int


@dataclass(frozen=True)
class ReasonLine:
    """A reason in words and the number of candidates for whom it is the main reason."""

    reason: str
    candidates: int


@dataclass(frozen=True)
class OpenPlace:
    """A package with places left."""

    package_id: str
    title: str
    organisation: str
    open: int
    fitting: int


@dataclass(frozen=True)
class PackageFacts:
    """What a summary or a workbook shows of a package next to its id."""

    title: str = ""
    employer: str = ""
    organisation: str = ""
    track: str = ""
    slots: int | None = None


@dataclass(frozen=True)
class SheetRows:
    """A summary laid out as rows of a sheet: rows, number formats per cell (1-based row and
    column), and the rows that are headings (the first is the title)."""

    rows: list[list[Any]]
    formats: dict[tuple[int, int], str]
    headings: frozenset[int]
