"""When a record takes part: a date window with an optional end (``{"from": .., "until": ..}``).

A candidate's ``available`` and a package's ``open`` window are both one; the planner over time
(:func:`wbamatch.plan_over_time`) counts weeks from the Monday of the earliest date.

Example
-------
>>> w = DateWindow.model_validate({"from": "2027-01-04", "until": "2027-03-01"})
>>> w.start.isoformat(), w.until.isoformat(), w.model_dump(mode="json")["from"]
('2027-01-04', '2027-03-01', '2027-01-04')
"""

from __future__ import annotations

from datetime import date
from typing import Self

from pydantic import ConfigDict, Field, model_validator

from ._base import StrictModel

__all__ = ["DateWindow"]


class DateWindow(StrictModel):
    """From a date until a date (both included); no ``until``: to the end of the plan."""

    # "from" is a Python keyword: the field is ``start`` and reads and writes the key "from".
    model_config = ConfigDict(
        **StrictModel.model_config, validate_by_name=True, serialize_by_alias=True
    )

    start: date = Field(alias="from", description="First day (ISO date, e.g. 2027-01-04).")
    until: date | None = Field(
        None, description="Last day, included; None = open-ended (to the end of the plan)."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.until is not None and self.until < self.start:
            raise ValueError("until is before from; swap the dates or correct one")
        return self
