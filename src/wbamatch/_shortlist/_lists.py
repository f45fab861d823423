"""The shortlist models: entries, near misses, one list, and all lists of a run.

Example
-------
>>> entry = ShortlistEntry(candidate_id="c-1", package_id="p-1", rank=1, score=0.8,
...                        top_components=[("skills", 0.4)])
>>> lists = Shortlists(by="package", k=1, lists=[Shortlist(id="p-1", entries=[entry])])
>>> lists["p-1"].entries[0].rank, len(lists)
(1, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Literal

from pydantic import Field

from .._catalogue import Lang
from .._cells import RecordsFrame
from .._exceptions import UnknownIdError
from .._models import ResultModel
from ._view import shortlist_html, shortlists_html

__all__ = ["SHORTLIST_COLUMNS", "NearMiss", "Shortlist", "ShortlistEntry", "Shortlists"]

#: Columns of :meth:`Shortlists.to_records`, in order.
SHORTLIST_COLUMNS: tuple[str, ...] = (
    "list_id",
    "candidate_id",
    "package_id",
    "rank",
    "score",
    "near_miss",
    "strongest",
    "code",
    "candidate_value",
    "package_value",
    "message_en",
    "message_nl",
)


class ShortlistEntry(ResultModel):
    """One feasible counterpart, with the two score components that weigh most."""

    candidate_id: str
    package_id: str
    title: str = Field("", description="Title of the package (what the job is called).")
    employer: str = Field("", description="Employer of the package.")
    rank: int = Field(description="1 = best.")
    score: float
    top_components: list[tuple[str, float]] = Field(
        description="The two strongest weighted score components (name, contribution)."
    )


class NearMiss(ResultModel):
    """A pair that breaks exactly one hard rule, with the values that missed."""

    candidate_id: str
    package_id: str
    code: str
    score: float = Field(description="What the pair would score if the rule were met.")
    candidate_value: str
    package_value: str
    candidate_value_nl: str = ""
    package_value_nl: str = ""
    message_en: str
    message_nl: str


class Shortlist(ResultModel):
    """Ranked counterparts of one package (or one candidate)."""

    id: str = Field(description="The package id (by='package') or candidate id.")
    by: Literal["package", "candidate"] = Field(
        "package", description="Whose list it is: a package's candidates or a candidate's packages."
    )
    title: str = Field("", description="The package's title and employer, for a package list.")
    entries: list[ShortlistEntry]
    near_misses: list[NearMiss] = Field(default_factory=list)
    lang: Lang = Field("nl", description="Language of the texts for people (nl or en).")

    def _repr_html_(self) -> str:
        """Notebook view: the ranked counterparts with score bars, then the near misses."""
        return shortlist_html(self)


class Shortlists(ResultModel, RecordsFrame):
    """A shortlist for every package (or candidate), in id order.

    ``audience`` says who may read it: a ``"manager"`` view names no need of a candidate and
    no value of one (a near miss says only that a condition is not met, and that the recruiter
    can explain); a ``"recruiter"`` view has the rule and both values.
    """

    _record_columns: ClassVar[Sequence[str]] = SHORTLIST_COLUMNS

    by: Literal["package", "candidate"]
    k: int
    lists: list[Shortlist]
    audience: Literal["manager", "recruiter"] = "recruiter"
    lang: Lang = Field("nl", description="Language of the texts for people (nl or en).")

    def __getitem__(self, key: str) -> Shortlist:
        for sl in self.lists:
            if sl.id == key:
                return sl
        raise UnknownIdError(f"no shortlist for {self.by} {key!r}")

    def __len__(self) -> int:
        return len(self.lists)

    def to_records(self) -> list[dict[str, Any]]:
        """One row per entry, then per near miss, list by list in id order; plain Python values.

        Columns (:data:`SHORTLIST_COLUMNS`): ``list_id`` (the package or candidate the list is
        for), both ids, ``rank`` (None for a near miss), ``score``, ``near_miss`` (True or
        False), ``strongest`` (the two strongest score components, for an entry), and for a near
        miss the broken rule's ``code``, both values and the messages. A near miss's values can
        disclose a need: health data, for the caller only. Needs no pandas.

        Example
        -------
        >>> import wbamatch
        >>> lists = wbamatch.shortlist(*wbamatch.demo_data(), k=2, near_misses=1)
        >>> rows = lists.to_records()
        >>> sorted({r["near_miss"] for r in rows})
        [False, True]
        """
        empty = dict.fromkeys(SHORTLIST_COLUMNS)
        rows: list[dict[str, Any]] = []
        for sl in self.lists:
            rows += [
                {
                    **empty,
                    "list_id": sl.id,
                    "candidate_id": e.candidate_id,
                    "package_id": e.package_id,
                    "rank": e.rank,
                    "score": e.score,
                    "near_miss": False,
                    "strongest": ", ".join(f"{n} {v:.2f}" for n, v in e.top_components),
                }
                for e in sl.entries
            ]
            rows += [
                {
                    **empty,
                    "list_id": sl.id,
                    "candidate_id": m.candidate_id,
                    "package_id": m.package_id,
                    "score": m.score,
                    "near_miss": True,
                    "code": m.code,
                    "candidate_value": m.candidate_value,
                    "package_value": m.package_value,
                    "message_en": m.message_en,
                    "message_nl": m.message_nl,
                }
                for m in sl.near_misses
            ]
        return rows

    def _repr_html_(self) -> str:
        """Notebook view: one table of all lists (first rows only), then the near misses."""
        return shortlists_html(self)
