"""Explanations: which rules a pair breaks, with both sides' values, and how its score is made.

Everything here is read from a :class:`~wbamatch.compatibility.Compatibility`, the same arrays
that :func:`wbamatch.match` decides on; nothing is recomputed by a second implementation.
The explanation carries the candidate's capacity and need values: it is returned to the caller
only, and wbamatch never logs it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ._cells import records_to_dataframe
from .compatibility import Compatibility
from .config import MatchConfig
from .constraints import BIT, code_mask, decode
from .encode import CandidateArrays, PackageArrays
from .rules import REGISTRY, Description

__all__ = ["Explanation", "Violation", "describe", "explain_pair"]

#: Columns of :meth:`Explanation.to_records`, in order.
EXPLANATION_COLUMNS: tuple[str, ...] = (
    "candidate_id",
    "package_id",
    "kind",
    "name",
    "value",
    "mode",
    "candidate_value",
    "package_value",
    "candidate_value_nl",
    "package_value_nl",
    "message_en",
    "message_nl",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Violation(_Model):
    """One rule a pair breaks."""

    code: str = Field(description="Reason code, e.g. 'capacity:work_pace'.")
    rule: str = Field(description="The rule the code belongs to.")
    mode: str = Field(description="'hard' (forbids the pair) or 'penalty' (lowers the score).")
    dimension: str | None = Field(None, description="Capacity dimension, for capacity codes.")
    candidate_value: str = Field(description="What the candidate can or needs (English).")
    package_value: str = Field(description="What the package asks or offers (English).")
    candidate_value_nl: str = Field("", description="What the candidate can or needs (Dutch).")
    package_value_nl: str = Field("", description="What the package asks or offers (Dutch).")
    message_en: str
    message_nl: str


class Explanation(_Model):
    """Why a pair is feasible or not, and the score split into its named parts.

    ``components`` holds each component's weighted contribution and ``"penalty"`` (zero or
    negative); clipped to [0, 1], their sum is ``raw_score``. ``score`` is ``raw_score`` for a
    feasible pair and 0 for an infeasible one.
    """

    candidate_id: str
    package_id: str
    feasible: bool
    violations: list[Violation]
    score: float
    raw_score: float
    components: dict[str, float]

    def top_components(self, n: int = 2) -> list[tuple[str, float]]:
        """The ``n`` strongest score components, ties by name."""
        parts = [(k, v) for k, v in self.components.items() if k != "penalty"]
        return sorted(parts, key=lambda kv: (-kv[1], kv[0]))[:n]

    def _repr_html_(self) -> str:
        """Notebook view: fits or not, each broken rule with both values, the parts of the score."""
        from ._html import bar, block, heading, percent, table

        hard = sum(v.mode == "hard" for v in self.violations)
        if self.feasible:
            verdict = f"Fits, score {percent(self.score)}."
        else:
            verdict = (
                f"Does not fit: {hard} hard rule{'' if hard == 1 else 's'} broken "
                f"(it would score {percent(self.raw_score)})."
            )
        rules = [
            [v.code, v.mode, v.candidate_value, v.package_value, v.message_en]
            for v in self.violations
        ]
        parts = [
            [name, bar(value, f"{value:.2f}") if value >= 0 else f"{value:.2f}"]
            for name, value in self.components.items()
            if name != "penalty" or value
        ]
        return block(
            f"{self.candidate_id} and {self.package_id}",
            [verdict],
            [
                heading("Rules broken"),
                table(
                    ["Rule", "Kind", "Candidate", "Package", "In words"],
                    rules,
                    empty="none: no rule is broken",
                ),
                heading("How the score is made (contribution of each part)"),
                table(["Part", "Contribution"], parts),
            ],
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One row per score component, then one per broken rule, as plain Python values.

        Columns (:data:`EXPLANATION_COLUMNS`): ``kind`` is ``"component"`` or ``"violation"``;
        ``name`` the component name or the reason code; ``value`` a component's weighted
        contribution (None for a violation); ``mode``, both sides' values and the messages for a
        violation (None for a component). The values include the candidate's capacities and
        needs: health data, for the caller only. Needs no pandas.

        Example
        -------
        >>> import wbamatch
        >>> cands, packs = wbamatch.demo_data()
        >>> rows = wbamatch.explain(cands[0], packs[1]).to_records()
        >>> rows[0]["kind"], rows[0]["name"]
        ('component', 'skills')
        """
        empty = dict.fromkeys(EXPLANATION_COLUMNS)
        ids = {"candidate_id": self.candidate_id, "package_id": self.package_id}
        rows: list[dict[str, Any]] = [
            {**empty, **ids, "kind": "component", "name": name, "value": value}
            for name, value in self.components.items()
        ]
        rows += [
            {
                **empty,
                **ids,
                "kind": "violation",
                "name": v.code,
                "mode": v.mode,
                "candidate_value": v.candidate_value,
                "package_value": v.package_value,
                "candidate_value_nl": v.candidate_value_nl,
                "package_value_nl": v.package_value_nl,
                "message_en": v.message_en,
                "message_nl": v.message_nl,
            }
            for v in self.violations
        ]
        return rows

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a pandas DataFrame (needs ``pip install 'wbamatch[notebook]'``).

        Raises
        ------
        MissingDependencyError
            When pandas is not installed.
        """
        return records_to_dataframe(self.to_records(), EXPLANATION_COLUMNS)


def describe(
    code: str,
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes: float,
    config: MatchConfig,
    i: int,
    j: int,
) -> Description:
    """A reason code for the pair at row ``i``, column ``j``, in words (English and Dutch).

    The rule's own values function reads the values from the same arrays the rule decided on.

    Example
    -------
    >>> import wbamatch
    >>> comp = wbamatch.compatibility(*wbamatch.demo_data())
    >>> i, j = comp.index("c-001", "p-004")
    >>> d = describe("evening", comp.candidates, comp.packages, 0.0, comp.config, i, j)
    >>> d.candidate.nl, d.package.nl
    ('moet om 18:00 klaar zijn', 'werkt van 18:00 tot 21:00')
    """
    return REGISTRY.rule_of(code).describe(code, cand, pkg, minutes, config, i, j)


def explain_pair(comp: Compatibility, i: int, j: int) -> Explanation:
    """Explain the pair at row ``i``, column ``j`` of ``comp``."""
    c, p = comp.candidates, comp.packages
    bits = comp.violations[i, j]
    hard = code_mask(comp.config, "hard")
    violations = []
    for code in decode(bits):
        rule = REGISTRY.rule_of(code)
        d = rule.describe(code, c, p, float(comp.minutes[i, j]), comp.config, i, j)
        violations.append(
            Violation(
                code=code,
                rule=rule.name,
                mode="hard" if bits & hard & BIT[code] else "penalty",
                dimension=rule.dimension(code),
                **d.texts(),
            )
        )
    components = {name: float(v[i, j]) for name, v in comp.components.items()}
    components["penalty"] = -comp.config.penalty * float(comp.n_penalties[i, j])
    return Explanation(
        candidate_id=comp.candidate_ids[i],
        package_id=comp.package_ids[j],
        feasible=bool(comp.feasible[i, j]),
        violations=violations,
        score=float(comp.scores[i, j]),
        raw_score=float(comp.raw_scores[i, j]),
        components=components,
    )
