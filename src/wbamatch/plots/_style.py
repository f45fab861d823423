"""The colours every plot shares, so that "counts", "does not count" and "target" look alike.

Example
-------
>>> FORBIDDEN_COLOUR
'#d9d9d9'
"""

from __future__ import annotations

from typing import Final

__all__ = ["COUNTS_COLOUR", "FORBIDDEN_COLOUR", "NOT_COUNTING_COLOUR", "TARGET_COLOUR"]

#: Colour of pairs a hard rule forbids, and of what does not count.
FORBIDDEN_COLOUR: Final[str] = "#d9d9d9"
#: Bars of what counts (banen, blocked candidates, commutes).
COUNTS_COLOUR: Final[str] = "#2f7d4f"
#: Banen that placements would add if they counted, stacked on those that do.
NOT_COUNTING_COLOUR: Final[str] = "#b7d7c2"
#: Targets and limits.
TARGET_COLOUR: Final[str] = "#c0392b"
