"""The answer of a fairness report: :class:`GroupStats` per group, :class:`FairnessReport` for
them all, with a plain-text table per attribute and a notebook view.

Example
-------
>>> g = GroupStats(attribute="registered", value="true", n=4, placed=3, placement_rate=0.75,
...                mean_score=0.7, blocked_share={}, ratio_to_best=1.0, small=True,
...                flagged=False)
>>> g.key
'registered=true'
"""

from __future__ import annotations

from typing import Final

from pydantic import Field

from .._catalogue import Lang, Listing, Percent, resolve_lang, text
from .._exceptions import UnknownIdError
from .._models import ResultModel
from .._results import reason_words
from ._words import attribute_words, percent, value_words

__all__ = ["FairnessReport", "GroupStats"]

#: The columns of the text and notebook tables after the group's value.
_COLUMNS: Final[tuple[str, ...]] = ("n", "placed", "rate", "ratio", "score", "mark", "blocked")


class GroupStats(ResultModel):
    """Placement statistics of the candidates sharing one value of one attribute."""

    attribute: str = Field(description="The attribute, e.g. 'target_group' or 'needs.office'.")
    value: str = Field(description="Its value; 'unknown' when missing.")
    n: int = Field(description="Candidates in the group.")
    placed: int = Field(description="Of them placed.")
    placement_rate: float = Field(description="placed / n.")
    mean_score: float | None = Field(
        description="Mean score of the group's placements; None when nobody was placed."
    )
    blocked_share: dict[str, float] = Field(
        description="Per reason code: the share of the group's candidates (of all n) who were "
        "not placed and had this code among their blocking reasons."
    )
    ratio_to_best: float | None = Field(
        description="placement_rate / the best judged group's rate of this attribute; None when "
        "no judged group placed anyone."
    )
    small: bool = Field(
        description="Fewer than min_group_size candidates: reported, but neither judged nor "
        "used as the best group."
    )
    flagged: bool = Field(description="placement_rate < threshold x best rate (and not small).")

    @property
    def key(self) -> str:
        """``"attribute=value"``."""
        return f"{self.attribute}={self.value}"


class FairnessReport(ResultModel):
    """The answer of :func:`fairness_report`: one :class:`GroupStats` per attribute value."""

    by: list[str]
    threshold: float = Field(
        description="Fraction of the best rate below which a group is flagged."
    )
    min_group_size: int
    n_candidates: int
    placed: int
    placement_rate: float
    groups: list[GroupStats] = Field(description="Per attribute in `by` order, values in order.")
    flagged: list[str] = Field(description="'attribute=value' of every flagged group.")
    lang: Lang | None = Field(None, description="Language of text(): the match config's lang.")

    def group(self, attribute: str, value: str) -> GroupStats:
        """The statistics of one group; raises :class:`UnknownIdError` when there is none."""
        for g in self.groups:
            if g.attribute == attribute and g.value == value:
                return g
        raise UnknownIdError(f"no group {attribute}={value!r} in this report")

    def text(self, lang: str | None = None) -> str:
        """A plain-text summary: one table per attribute, groups that fall behind marked.

        Attributes, values and blocking reasons are in words. ``lang`` is ``"nl"`` or
        ``"en"``; None takes the match config's language, else ``WBAMATCH_LANG``, else Dutch.
        """
        chosen = resolve_lang(lang if lang is not None else self.lang)
        lines = self._head(chosen)
        numeric = (1, 2, 3, 4, 5)
        for attribute in self.by:
            header = [
                attribute_words(attribute, chosen),
                *(text(f"fairness.col.{c}", chosen) for c in _COLUMNS),
            ]
            rows = [self._row(g, chosen) for g in self.groups if g.attribute == attribute]
            widths = [max(len(r[k]) for r in (header, *rows)) for k in range(len(header) - 1)]

            def line(cells: list[str], widths: list[int] = widths) -> str:
                out = [
                    cell.rjust(widths[k]) if k in numeric else cell.ljust(widths[k])
                    for k, cell in enumerate(cells[:-1])
                ]
                return "  ".join([*out, cells[-1]]).rstrip()

            lines += ["", line(header)]
            lines += [line(r) for r in rows]
        lines += ["", self._flagged(chosen)]
        return "\n".join(lines)

    def _head(self, lang: Lang) -> list[str]:
        return [
            text(
                "fairness.head",
                lang,
                placed=self.placed,
                n=self.n_candidates,
                rate=Percent(self.placement_rate),
            ),
            text(
                "fairness.rule",
                lang,
                threshold=Percent(self.threshold),
                min=self.min_group_size,
            ),
        ]

    def _row(self, g: GroupStats, lang: Lang) -> list[str]:
        ratio = "-" if g.ratio_to_best is None else percent(g.ratio_to_best)
        score = "-" if g.mean_score is None else percent(g.mean_score)
        top = sorted(g.blocked_share.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        blocked = "; ".join(
            text("fairness.blocked", lang, reason=reason_words(code, lang), share=Percent(share))
            for code, share in top
        )
        return [
            value_words(g.attribute, g.value, lang),
            str(g.n),
            str(g.placed),
            percent(g.placement_rate),
            ratio,
            score,
            self._mark(g, lang),
            blocked or "-",
        ]

    @staticmethod
    def _mark(g: GroupStats, lang: Lang) -> str:
        if g.flagged:
            return text("fairness.mark.flagged", lang)
        return text("fairness.mark.small", lang) if g.small else ""

    def _flagged(self, lang: Lang) -> str:
        behind = tuple(
            text(
                "fairness.group",
                lang,
                attribute=attribute_words(g.attribute, lang),
                value=value_words(g.attribute, g.value, lang),
            )
            for g in self.groups
            if g.flagged
        )
        if not behind:
            return text("fairness.flagged.none", lang)
        return text("fairness.flagged", lang, groups=Listing(behind))

    def _repr_html_(self) -> str:
        """Notebook view: a table per attribute, groups that fall behind marked, in words."""
        from .._html import block, heading, table

        lang = resolve_lang(self.lang)
        parts = []
        for attribute in self.by:
            groups = [g for g in self.groups if g.attribute == attribute]
            rows = [self._row(g, lang) for g in groups]
            parts += [
                heading(attribute_words(attribute, lang)),
                table(
                    [
                        text("fairness.col.group", lang),
                        *(text(f"fairness.col.{c}", lang) for c in _COLUMNS),
                    ],
                    rows,
                    numeric=[1, 2, 3, 4, 5],
                    lang=lang,
                ),
            ]
        return block(
            text("fairness.html.title", lang), [*self._head(lang), self._flagged(lang)], parts
        )
