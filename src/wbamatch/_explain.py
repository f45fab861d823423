"""Explanations: which rules a pair breaks, with both sides' values, and how its score is made.

Everything here is read from a :class:`~wbamatch._compatibility.Compatibility`, the same arrays
that :func:`wbamatch.match` decides on; nothing is recomputed by a second implementation.
The explanation carries the candidate's capacity and need values: it is returned to the caller
only, and wbamatch never logs it.

People read a score as a percentage with what it means (:func:`score_words`, bands in
:data:`SCORE_BANDS`): ``"78% — past goed"``. Texts are Dutch by default; ``lang="en"``, the
config's :attr:`~wbamatch.MatchConfig.lang` or ``WBAMATCH_LANG=en`` give English.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Final

from pydantic import Field

from ._catalogue import Lang, Listing, Number, Percent, format_value, resolve_lang, text
from ._cells import RecordsFrame
from ._compatibility import Compatibility
from ._config import MatchConfig
from ._constraints import BIT, code_mask, decode
from ._encode import CandidateArrays, PackageArrays
from ._models import ResultModel
from .rules import REGISTRY, Description

__all__ = [
    "SCORE_BANDS",
    "Explanation",
    "Violation",
    "describe",
    "explain_pair",
    "package_name",
    "score_band",
    "score_words",
]

#: What a score means to people: the lowest score of each band, best first. A pair that breaks
#: a hard rule does not fit at all, whatever its score would be.
SCORE_BANDS: Final[tuple[tuple[float, str], ...]] = (
    (0.85, "very_good"),
    (0.70, "good"),
    (0.50, "fair"),
    (0.0, "weak"),
)


def score_band(score: float) -> str:
    """The band of a score in [0, 1] (:data:`SCORE_BANDS`).

    Example
    -------
    >>> score_band(0.78), score_band(0.2)
    ('good', 'weak')
    """
    for lowest, band in SCORE_BANDS:
        if score >= lowest:
            return band
    return SCORE_BANDS[-1][1]


def score_words(score: float, lang: str | None = None) -> str:
    """A score as people read it: the percentage and what it means.

    Example
    -------
    >>> score_words(0.781, "nl"), score_words(0.9, "en")
    ('78% — past goed', '90% — fits very well')
    """
    meaning = text(f"score.band.{score_band(score)}", lang)
    return text("score.line", lang, percent=Percent(score), meaning=meaning)


def package_name(
    package_id: str, title: str = "", employer: str = "", lang: str | None = None
) -> str:
    """A package as people name it: its title and employer, with the id to look it up.

    Example
    -------
    >>> package_name("p-001", "Archiefmedewerker", "Ministerie van IenW", "nl")
    'Archiefmedewerker bij Ministerie van IenW (p-001)'
    >>> package_name("p-002", lang="en")
    'package p-002'
    """
    variant = (
        "package.name"
        if title and employer
        else "package.name.title"
        if title
        else "package.name.employer"
        if employer
        else "package.name.id"
    )
    return text(variant, lang, id=package_id, title=title, employer=employer)


def capitalised(sentence: str) -> str:
    """``sentence`` with its first letter a capital."""
    return sentence[:1].upper() + sentence[1:]


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


class Violation(ResultModel):
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

    def message_in(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: ``WBAMATCH_LANG``, else Dutch)."""
        return self.message_nl if resolve_lang(lang) == "nl" else self.message_en

    def candidate_in(self, lang: str | None = None) -> str:
        """What the candidate can or needs, in ``lang``."""
        return self.candidate_value_nl if resolve_lang(lang) == "nl" else self.candidate_value

    def package_in(self, lang: str | None = None) -> str:
        """What the package asks or offers, in ``lang``."""
        return self.package_value_nl if resolve_lang(lang) == "nl" else self.package_value


class Explanation(ResultModel, RecordsFrame):
    """Why a pair is feasible or not, and the score split into its named parts.

    ``components`` holds each component's weighted contribution and ``"penalty"`` (zero or
    negative); clipped to [0, 1], their sum is ``raw_score``. ``score`` is ``raw_score`` for a
    feasible pair and 0 for an infeasible one. ``weights`` is each component's share of the
    score (the config's weights, adding up to 1), so ``components[name] / weights[name]`` is
    how well the pair does on that part alone.
    """

    _record_columns: ClassVar[Sequence[str]] = EXPLANATION_COLUMNS

    candidate_id: str
    package_id: str
    feasible: bool
    violations: list[Violation]
    score: float
    raw_score: float
    components: dict[str, float]
    weights: dict[str, float] = Field(
        default_factory=dict,
        description="Share of each component in the score (adds up to 1); empty when unknown.",
    )
    lang: Lang | None = Field(
        None, description="Language of text() and the notebook view: the config's lang."
    )

    def top_components(self, n: int = 2) -> list[tuple[str, float]]:
        """The ``n`` strongest score components, ties by name."""
        parts = [(k, v) for k, v in self.components.items() if k != "penalty"]
        return sorted(parts, key=lambda kv: (-kv[1], kv[0]))[:n]

    def text_lang(self, lang: str | None = None) -> Lang:
        """The language of the texts: ``lang``, else the config's, else ``WBAMATCH_LANG``/Dutch."""
        return resolve_lang(lang if lang is not None else self.lang)

    def strongest(self, lang: str | None = None, n: int = 2) -> str:
        """What adds most to the score, in words and without numbers; "" when nothing does.

        Example
        -------
        >>> import wbamatch
        >>> cands, packs = wbamatch.demo_data()
        >>> wbamatch.explain(cands[0], packs[0]).strongest("nl")
        'Wat het meest bijdraagt: vaardigheden en soort contract.'
        """
        chosen = self.text_lang(lang)
        parts = [name for name, value in self.top_components(n) if value > 0]
        if not parts:
            return ""
        words = tuple(text(f"score.part.{name}", chosen) for name in parts)
        return text("score.strongest", chosen, parts=Listing(words))

    def text(self, lang: str | None = None) -> str:
        """One short paragraph: fits or not, each broken rule in words, the score and its meaning.

        ``lang`` is ``"nl"`` or ``"en"``; None takes the config's language, else
        ``WBAMATCH_LANG``, else Dutch.

        Example
        -------
        >>> import wbamatch
        >>> cands, packs = wbamatch.demo_data()
        >>> print(wbamatch.explain(cands[0], packs[0]).text("en"))
        Candidate c-001 fits package p-001. Score: 75% — fits well.
        """
        chosen = self.text_lang(lang)
        ids = {"candidate": self.candidate_id, "package": self.package_id}
        messages = [v.message_in(chosen) for v in self.violations]
        if not self.feasible:
            parts = [text("explain.no_fit", chosen, **ids), *messages]
            if self.raw_score > 0:
                parts.append(self._without(chosen))
            return " ".join(parts)
        if not messages:
            return " ".join([text("explain.fits", chosen, **ids), self._score(chosen)])
        return " ".join(
            [
                text("explain.fits.penalty", chosen, **ids),
                *messages,
                text("explain.penalty_cost", chosen),
                self._score(chosen),
            ]
        )

    def _without(self, lang: Lang) -> str:
        """What the score would be without the broken hard rules (one or several)."""
        hard = sum(v.mode == "hard" for v in self.violations)
        key = "explain.without.one" if hard == 1 else "explain.without"
        meaning = text(f"score.band.{score_band(self.raw_score)}", lang)
        return text(key, lang, percent=Percent(self.raw_score), meaning=meaning)

    def _score(self, lang: Lang) -> str:
        return text("score.sentence", lang, score=score_words(self.score, lang))

    def _repr_html_(self) -> str:
        """Notebook view: fits or not, each broken rule with both values, the parts of the score."""
        from ._html import bar, block, heading, table

        lang = self.text_lang()
        hard = sum(v.mode == "hard" for v in self.violations)
        if self.feasible:
            verdict = text("explain.html.fits", lang) + " " + self._score(lang)
        else:
            key = "explain.html.no_fit.one" if hard == 1 else "explain.html.no_fit"
            verdict = text(key, lang, count=hard)
            if self.raw_score > 0:
                verdict += " " + self._without(lang)
        (rules_head, rules), (parts_head, parts) = self.tables(lang)
        return block(
            text("explain.html.title", lang, candidate=self.candidate_id, package=self.package_id),
            [verdict],
            [
                heading(text("explain.html.rules", lang)),
                table(rules_head, rules, empty=text("explain.html.no_rules", lang), lang=lang),
                heading(text("explain.html.parts", lang)),
                table(
                    parts_head,
                    [
                        [name, bar(fit) if fit is not None else words, share]
                        for name, fit, words, share in parts
                    ],
                    numeric=[2],
                    lang=lang,
                ),
            ],
        )

    def tables(
        self, lang: str | None = None
    ) -> tuple[
        tuple[list[str], list[list[str]]],
        tuple[list[str], list[tuple[str, float | None, str, str]]],
    ]:
        """The two tables people read, in ``lang``: the broken rules and the score's parts.

        The broken rules: (rule, effect, the candidate's side, the package's side, message),
        all words. The parts: (part, how well it fits from 0 to 1 or None, words when there is
        no fit, its share of the score in words). The notebook view and the workbook both show
        these, so they say the same.

        Example
        -------
        >>> import wbamatch
        >>> cands, packs = wbamatch.demo_data()
        >>> (head, rules), (parts_head, parts) = wbamatch.explain(cands[0], packs[0]).tables("nl")
        >>> head[0], rules, parts[0][0]
        ('Punt', [], 'vaardigheden')
        """
        chosen = self.text_lang(lang)
        rules = [
            [
                reason_in(v.code, chosen),
                text(f"explain.effect.{'hard' if v.mode == 'hard' else 'penalty'}", chosen),
                v.candidate_in(chosen),
                v.package_in(chosen),
                v.message_in(chosen),
            ]
            for v in self.violations
        ]
        parts: list[tuple[str, float | None, str, str]] = []
        for name, value in self.components.items():
            if name == "penalty":
                if value:
                    points = Number(round(-100 * value, 1))
                    words = text("explain.html.penalty_points", chosen, points=points)
                    parts.append((text("score.part.penalty", chosen), None, words, ""))
                continue
            share = self.weights.get(name, 0.0)
            if self.weights and share <= 0:
                continue  # a part that does not count in this config
            fit = value / share if share > 0 else value
            weight = format_value(Percent(share), chosen) if share > 0 else ""
            parts.append((text(f"score.part.{name}", chosen), fit, "", weight))
        col = "explain.html.col."
        return (
            (
                [
                    text(col + k, chosen)
                    for k in ("rule", "effect", "candidate", "package", "message")
                ],
                rules,
            ),
            ([text(col + k, chosen) for k in ("part", "fit", "weight")], parts),
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
    weights = comp.config.component_weights()
    total = sum(weights.values())
    return Explanation(
        candidate_id=comp.candidate_ids[i],
        package_id=comp.package_ids[j],
        feasible=bool(comp.feasible[i, j]),
        violations=violations,
        score=float(comp.scores[i, j]),
        raw_score=float(comp.raw_scores[i, j]),
        components=components,
        weights={k: (w / total if total > 0 else 0.0) for k, w in weights.items()},
        lang=comp.config.lang,
    )


def reason_in(code: str, lang: str | None = None) -> str:
    """A rule's reason code in a few words (codes of no rule are returned as they are)."""
    chosen = resolve_lang(lang)
    return REGISTRY.reason(code, chosen) if code in REGISTRY.codes else code
