"""Explanations: which rules a pair breaks, with both sides' values, and how its score is made.

Everything here is read from a :class:`~wbamatch.compatibility.Compatibility`, the same arrays
that :func:`wbamatch.match` decides on; nothing is recomputed by a second implementation.
The explanation carries the candidate's capacity and need values: it is returned to the caller
only, and wbamatch never logs it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ._cells import records_to_dataframe
from .compatibility import Compatibility
from .config import MatchConfig
from .constraints import BIT, code_mask, decode
from .encode import CandidateArrays, PackageArrays
from .vocabulary import (
    DIMENSIONS,
    EDUCATION_RANK,
    ContractType,
    ScheduleKind,
    Stimulus,
    TravelMode,
    WorkLocation,
    rule_of,
)

__all__ = ["Explanation", "Violation", "explain_pair", "message", "values_of"]

_EDU = {rank: edu.value for edu, rank in EDUCATION_RANK.items()}
_SCHEDULES = list(ScheduleKind)
_STIMULI = list(Stimulus)
_LOCATIONS = list(WorkLocation)
_CONTRACTS = list(ContractType)
_MODES = list(TravelMode)

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
    candidate_value: str = Field(description="What the candidate can or needs.")
    package_value: str = Field(description="What the package asks or offers.")
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


Detail = Callable[[CandidateArrays, PackageArrays, float, MatchConfig, int, int], tuple[str, str]]


def _fmt(x: float) -> str:
    return f"{x:g}"


def _hours(
    c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchConfig, i: int, j: int
) -> tuple[str, str]:
    per_day = c.max_per_day[i]
    cand = f"{_fmt(c.hours_min[i])}-{_fmt(c.hours_max[i])} h/week"
    if np.isfinite(per_day):
        cand += f", at most {_fmt(per_day)} h/day"
    return cand, f"{_fmt(p.per_week[j])} h/week, {_fmt(round(p.per_day[j], 2))} h/day"


def _minutes(t: float) -> str:
    return "unknown" if np.isnan(t) else f"{t:.0f} min"


def _commute(
    c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchConfig, i: int, j: int
) -> tuple[str, str]:
    limit = c.max_commute[i]
    if np.isnan(limit):
        default = cfg.default_max_commute_minutes
        limit = np.inf if default is None else default
    cand = "no limit" if not np.isfinite(limit) else f"at most {limit:.0f} min"
    return f"{cand} by {_MODES[c.travel_mode[i]].value}", _minutes(t)


def _start(p: PackageArrays, j: int) -> str:
    s = p.start[j]
    kind = _SCHEDULES[p.schedule[j]].value
    return kind if np.isnan(s) else f"{kind}, start {int(s) // 60:02d}:{int(s) % 60:02d}"


def _flag(need: str, offer: str) -> Detail:
    def detail(
        c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchConfig, i: int, j: int
    ) -> tuple[str, str]:
        has = bool(getattr(p, offer)[j])
        return f"needs {need}", f"{need}: {'yes' if has else 'no'}"

    return detail


def _detail(code: str) -> Detail:
    if code.startswith("capacity:"):
        k = DIMENSIONS.index(code.split(":", 1)[1])
        return lambda c, p, t, cfg, i, j: (
            f"capacity {int(c.capacities[i, k])}",
            f"demand {int(p.demands[j, k])}",
        )
    table: dict[str, Detail] = {
        "hours": _hours,
        "fixed_hours": lambda c, p, t, cfg, i, j: ("needs fixed hours", _start(p, j)),
        "structure": _flag("structure", "offers_structure"),
        "stimulus": lambda c, p, t, cfg, i, j: (
            "needs low stimulus",
            f"stimulus {_STIMULI[p.stimulus[j]].value}",
        ),
        "commute": _commute,
        "commute_unknown": lambda c, p, t, cfg, i, j: ("home unknown", _minutes(t)),
        "rush_hour": lambda c, p, t, cfg, i, j: (
            "avoids rush hour on public transport",
            f"{_start(p, j)}, travel {_minutes(t)}",
        ),
        "jobcoach": lambda c, p, t, cfg, i, j: (
            "needs a jobcoach",
            f"jobcoach: {'yes' if p.offers_jobcoach[j] else 'no'}, contract "
            f"{_CONTRACTS[p.contract[j]].value}"
            + ("" if np.isnan(p.months[j]) else f" {int(p.months[j])} months"),
        ),
        "mentor": _flag("a mentor", "offers_mentor"),
        "colleague": _flag("a colleague to fall back on", "offers_colleague"),
        "office": lambda c, p, t, cfg, i, j: (
            "needs the office",
            f"work location {_LOCATIONS[p.work_location[j]].value}",
        ),
        "education": lambda c, p, t, cfg, i, j: (
            f"education {_EDU[int(c.education[i])]}",
            f"minimum {_EDU[int(p.min_education[j])]}",
        ),
        "education_unknown": lambda c, p, t, cfg, i, j: (
            "education unknown",
            f"minimum {_EDU[int(p.min_education[j])]}",
        ),
        "excluded": lambda c, p, t, cfg, i, j: ("said no to this package", "-"),
    }
    return table[code]


_MESSAGES: dict[str, tuple[str, str]] = {
    "capacity": (
        "The package demands more {dim} than the candidate can bear ({cv}; {pv}).",
        "Het pakket vraagt meer {dim} dan de kandidaat aankan ({cv}; {pv}).",
    ),
    "hours": (
        "Hours do not fit: candidate {cv}, package {pv}.",
        "Uren passen niet: kandidaat {cv}, pakket {pv}.",
    ),
    "fixed_hours": (
        "The candidate needs fixed working times; the package is {pv}.",
        "De kandidaat heeft vaste werktijden nodig; het pakket is {pv}.",
    ),
    "structure": (
        "The candidate needs structure; the package does not offer it.",
        "De kandidaat heeft structuur nodig; het pakket biedt die niet.",
    ),
    "stimulus": (
        "The candidate needs a low-stimulus workplace; this one has {pv}.",
        "De kandidaat heeft een prikkelarme werkplek nodig; deze heeft {pv}.",
    ),
    "commute": (
        "Commute too long: {pv} against {cv}.",
        "Reistijd te lang: {pv} tegen {cv}.",
    ),
    "commute_unknown": (
        "The commute cannot be judged: the candidate's home is unknown.",
        "De reistijd is niet te beoordelen: de woonplaats van de kandidaat is onbekend.",
    ),
    "rush_hour": (
        "The trip would fall in rush hour on public transport ({pv}).",
        "De reis valt in de spits met het openbaar vervoer ({pv}).",
    ),
    "jobcoach": (
        "The candidate needs a jobcoach; the package cannot provide one ({pv}; a jobcoach "
        "needs a contract over 6 months).",
        "De kandidaat heeft een jobcoach nodig; het pakket kan die niet bieden ({pv}; een "
        "jobcoach vraagt een contract van meer dan 6 maanden).",
    ),
    "mentor": (
        "The candidate needs a workplace mentor; the package has none.",
        "De kandidaat heeft een werkplekbegeleider nodig; het pakket heeft die niet.",
    ),
    "colleague": (
        "The candidate needs a colleague to fall back on; the package has none.",
        "De kandidaat heeft een collega nodig om op terug te vallen; het pakket heeft die niet.",
    ),
    "office": (
        "The candidate needs the office; the package is remote.",
        "De kandidaat heeft de structuur van kantoor nodig; het pakket is thuiswerk.",
    ),
    "education": (
        "Education below the package minimum ({cv}; {pv}).",
        "Opleiding onder het minimum van het pakket ({cv}; {pv}).",
    ),
    "education_unknown": (
        "Education unknown, so the package minimum ({pv}) is not met.",
        "Opleiding onbekend, dus het minimum van het pakket ({pv}) is niet aangetoond.",
    ),
    "excluded": (
        "The candidate said no to this package.",
        "De kandidaat heeft dit pakket afgewezen.",
    ),
}


def values_of(
    code: str,
    cand: CandidateArrays,
    pkg: PackageArrays,
    minutes: float,
    config: MatchConfig,
    i: int,
    j: int,
) -> tuple[str, str]:
    """The candidate's and the package's value behind a reason code, as short text."""
    return _detail(code)(cand, pkg, minutes, config, i, j)


#: Dutch names of the capacity dimensions, as in UWV's FML.
_DIMENSIONS_NL: dict[str, str] = {
    "concentration": "concentratie",
    "distraction": "afleiding",
    "task_switching": "taakwisselingen",
    "independence": "zelfstandigheid",
    "unpredictability": "onvoorspelbaarheid",
    "interruptions": "onderbrekingen",
    "time_pressure": "tijdsdruk",
    "work_pace": "werktempo",
    "personal_risk": "persoonlijk risico",
    "customer_contact": "klantcontact",
    "collaboration": "samenwerken",
    "conflict_handling": "conflicthantering",
    "supervising": "leidinggeven",
    "noise": "geluid en prikkels",
    "walking": "lopen",
    "lifting": "tillen en dragen",
    "fine_motor": "fijne motoriek",
    "screen_work": "beeldschermwerk",
    "sitting": "zitten",
    "standing": "staan",
}
assert set(_DIMENSIONS_NL) == set(DIMENSIONS)

#: The words of the value texts above, in Dutch; longest first so phrases win over words.
_WORDS_NL: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "capacity": "capaciteit",
            "demand": "belasting",
            "h/week": "u/week",
            "h/day": "u/dag",
            "at most": "hoogstens",
            "no limit": "geen grens",
            "by public_transport": "met het ov",
            "by bike": "per fiets",
            "by car": "per auto",
            "by walk": "lopend",
            "by special_transport": "met doelgroepenvervoer",
            "unknown": "onbekend",
            "start": "begin",
            "travel": "reistijd",
            "education": "opleiding",
            "stimulus": "prikkels",
            "work location": "werkplek",
            "months": "maanden",
            "yes": "ja",
            "no": "nee",
            "fixed": "vast",
            "shifts": "ploegendienst",
            "evening": "avond",
            "flexible": "flexibel",
            "low": "laag",
            "medium": "gemiddeld",
            "high": "hoog",
            "office": "kantoor",
            "hybrid": "hybride",
            "remote": "thuiswerk",
            "permanent": "vast",
            "temporary": "tijdelijk",
            "secondment": "detachering",
            "agency": "uitzendwerk",
            "zero_hours": "nulurencontract",
            "min_max": "min-max",
        }.items(),
        key=lambda kv: -len(kv[0]),
    )
)
_WORDS_NL_RE = re.compile(r"\b(" + "|".join(re.escape(en) for en, _ in _WORDS_NL) + r")\b")


def _dutch(text: str) -> str:
    """A value text (built from the fixed words above, numbers and ids) in Dutch."""
    words = dict(_WORDS_NL)
    return _WORDS_NL_RE.sub(lambda m: words[m.group(1)], text)


def message(code: str, candidate_value: str, package_value: str) -> tuple[str, str]:
    """The English and Dutch one-line message of a reason code.

    Example
    -------
    >>> message("commute", "at most 45 min by bike", "52 min")[1]
    'Reistijd te lang: 52 min tegen hoogstens 45 min per fiets.'
    """
    key = "capacity" if code.startswith("capacity:") else code
    dim = code.split(":", 1)[1] if key == "capacity" else ""
    en, nl = _MESSAGES[key]
    return (
        en.format(dim=dim.replace("_", " "), cv=candidate_value, pv=package_value),
        nl.format(
            dim=_DIMENSIONS_NL.get(dim, dim), cv=_dutch(candidate_value), pv=_dutch(package_value)
        ),
    )


def explain_pair(comp: Compatibility, i: int, j: int) -> Explanation:
    """Explain the pair at row ``i``, column ``j`` of ``comp``."""
    c, p = comp.candidates, comp.packages
    bits = comp.violations[i, j]
    hard = code_mask(comp.config, "hard")
    violations = []
    for code in decode(bits):
        cv, pv = _detail(code)(c, p, float(comp.minutes[i, j]), comp.config, i, j)
        en, nl = message(code, cv, pv)
        violations.append(
            Violation(
                code=code,
                rule=rule_of(code),
                mode="hard" if bits & hard & BIT[code] else "penalty",
                dimension=code.split(":", 1)[1] if code.startswith("capacity:") else None,
                candidate_value=cv,
                package_value=pv,
                message_en=en,
                message_nl=nl,
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
