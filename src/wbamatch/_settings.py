"""What steers a match, below the rules: :class:`MatchSettings` (every field of
:class:`~wbamatch.MatchConfig`), and its parts :class:`CommuteSettings`,
:class:`NearMissSettings`, :class:`Pair` and :class:`Pin`.

The rules read these settings, and :class:`~wbamatch.MatchConfig` (``_config``, above the
rules) adds to them what needs the rule registry: the check of rule names and modes, and the
mode of a reason code by itself. Kept apart so that the rules, the travel-time estimate and the
encoders can read the config without importing the registry that is built from the rules.

Example
-------
>>> s = MatchSettings(rules={"mentor": "penalty"})
>>> s.mode_in("mentor", "mentor"), s.mode_in("capacity:sitting", "capacity")
(<RuleMode.PENALTY: 'penalty'>, <RuleMode.HARD: 'hard'>)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from typing import Self

from pydantic import (
    Field,
    SecretStr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ._catalogue import Lang, resolve_lang
from ._exceptions import InputError
from ._models import RecordId, StrictModel
from ._vocabulary import MAX_LEVEL, SCORE_COMPONENTS, ContractType, TravelMode

__all__ = [
    "AUDIT_KEY_VARIABLE",
    "CommuteSettings",
    "MatchSettings",
    "NearMissSettings",
    "Pair",
    "Pin",
    "RuleMode",
    "audit_key_from_environment",
]


class RuleMode(StrEnum):
    """How a rule's code counts: it forbids a pair, lowers its score, or is not checked.

    A ``str`` enum, so configs keep their plain JSON (``{"rules": {"mentor": "penalty"}}``).
    """

    HARD = "hard"
    PENALTY = "penalty"
    OFF = "off"


_DEFAULT_WEIGHTS: dict[str, float] = {
    "skills": 0.30,
    "interests": 0.10,
    "level": 0.15,
    "hours": 0.10,
    "commute": 0.15,
    "contract": 0.10,
    "growth": 0.10,
    "movement": 0.05,
    "support": 0.05,
}


#: Largest score weight: weights are relative, and a bound keeps their sum finite.
_MAX_WEIGHT = 1e6


class _Config(StrictModel):
    """Config models: strict, and their validation errors carry no input (notes, settings)."""


class CommuteSettings(_Config):
    """How the default travel-time estimate turns distance into minutes.

    minutes = overhead[mode] + 60 * great_circle_km * detour_factor[mode] / speed_kmh[mode]

    The defaults are door-to-door averages for the Netherlands: public transport includes walking
    to the stop, waiting and transfers in its overhead and its low average speed.
    """

    speed_kmh: dict[TravelMode, float] = Field(
        default_factory=lambda: {
            TravelMode.PUBLIC_TRANSPORT: 35.0,
            TravelMode.BIKE: 15.0,
            TravelMode.CAR: 55.0,
            TravelMode.WALK: 5.0,
            TravelMode.SPECIAL_TRANSPORT: 40.0,
        },
        description="Average speed per travel mode, km/h.",
    )
    detour_factor: dict[TravelMode, float] = Field(
        default_factory=lambda: {
            TravelMode.PUBLIC_TRANSPORT: 1.4,
            TravelMode.BIKE: 1.25,
            TravelMode.CAR: 1.3,
            TravelMode.WALK: 1.2,
            TravelMode.SPECIAL_TRANSPORT: 1.3,
        },
        description="Route length over great-circle distance, per travel mode.",
    )
    overhead_minutes: dict[TravelMode, float] = Field(
        default_factory=lambda: {
            TravelMode.PUBLIC_TRANSPORT: 12.0,
            TravelMode.BIKE: 2.0,
            TravelMode.CAR: 5.0,
            TravelMode.WALK: 0.0,
            TravelMode.SPECIAL_TRANSPORT: 15.0,
        },
        description="Fixed minutes per trip (walking to the stop, waiting, parking, pick-up).",
    )

    @field_validator("speed_kmh", "detour_factor")
    @classmethod
    def _positive(
        cls, value: dict[TravelMode, float], info: ValidationInfo
    ) -> dict[TravelMode, float]:
        # Bounds keep the arithmetic finite: no overflow, no division by a denormal.
        low, high = (0.1, 1000.0) if info.field_name == "speed_kmh" else (1.0, 10.0)
        if any(not low <= v <= high for v in value.values()):
            raise ValueError(f"{info.field_name} values must lie between {low} and {high}")
        return value

    @field_validator("overhead_minutes")
    @classmethod
    def _non_negative(cls, value: dict[TravelMode, float]) -> dict[TravelMode, float]:
        if any(not 0 <= v <= 600 for v in value.values()):
            raise ValueError("overhead minutes must lie between 0 and 600")
        return value


class NearMissSettings(_Config):
    """How near a pair that breaks one hard rule must be to passing, to be shown as a near miss.

    Rules with a measure: the commute (at most ``commute_share`` of the limit or
    ``commute_minutes`` over it, whichever allows more), the hours (weekly hours, and the hours
    a week the daily limit is exceeded, at most ``hours`` off), capacity and education (at most
    ``levels`` levels short). A code for something unknown is never near; the other rules (an
    offer, the schedule, the workplace) are one thing to arrange and count as near.
    """

    commute_share: float = Field(0.25, ge=0, le=10, description="Share of the commute limit.")
    commute_minutes: float = Field(15.0, ge=0, le=600, description="Minutes over the limit.")
    hours: float = Field(4.0, ge=0, le=60, description="Hours a week off the candidate's range.")
    levels: int = Field(1, ge=0, le=7, description="Levels of capacity or education short.")


class Pair(_Config):
    """A candidate and a package, by id: a recruiter's "never propose this" (``forbidden``)."""

    candidate_id: RecordId = Field(description="Candidate id.")
    package_id: RecordId = Field(description="Package id.")


class Pin(Pair):
    """A placement a person decided on: it stands, and uses one slot of the package.

    Pinning a pair that breaks a hard rule is refused unless ``override`` is True; the result
    then marks the placement as a human override and lists the rules it breaks.
    """

    override: bool = Field(False, description="Allow this pin even though it breaks hard rules.")
    note: str = Field("", max_length=500, description="Why (kept in the audit record).")


#: Environment variable with the organisation's audit key.
AUDIT_KEY_VARIABLE = "WBAMATCH_AUDIT_KEY"


def audit_key_from_environment() -> bytes | None:
    """The key in ``WBAMATCH_AUDIT_KEY`` as bytes, None when it is not set or empty."""
    value = os.environ.get(AUDIT_KEY_VARIABLE, "")
    if not value:
        return None
    if len(value) < 16:
        raise InputError(
            f"{AUDIT_KEY_VARIABLE} holds fewer than 16 characters; use a longer random key"
        )
    return value.encode("utf-8")


def _minutes(hhmm: str) -> int:
    hh, mm = hhmm.split(":")
    return int(hh) * 60 + int(mm)


@lru_cache(maxsize=64)
def _day_windows(evening: tuple[str, str], night: tuple[str, str]) -> Mapping[str, tuple[int, int]]:
    # Cached (read-only, so shared safely): the rules ask for it in every block of every call.
    out = {}
    for name, (a, b) in (("evening", evening), ("night", night)):
        lo, hi = _minutes(a), _minutes(b)
        out[name] = (lo, hi if hi > lo else hi + 24 * 60)
    return MappingProxyType(out)


class MatchSettings(_Config):
    """Every field of :class:`~wbamatch.MatchConfig`, checked as far as they can be without the
    rule registry (``rules`` keys are checked by ``MatchConfig``, which derives from this).

    The rules and the modules below them take a ``MatchSettings``; a ``MatchConfig`` is one.
    """

    rules: dict[str, RuleMode] = Field(default_factory=dict)
    weights: dict[str, float] = Field(default_factory=dict)
    penalty: float = Field(0.25, ge=0, le=1, description="Score subtracted per penalised rule.")
    min_score: float = Field(0.0, ge=0, le=1, description="Lowest score that may be assigned.")
    default_max_commute_minutes: float | None = Field(
        90.0,
        gt=0,
        description="Commute limit for candidates who gave none, minutes; None = no limit.",
    )
    commute_score_minutes: float = Field(
        90.0, ge=1, le=600, description="Commute at which the commute score component reaches 0."
    )
    morning_peak: tuple[str, str] = Field(("07:00", "09:00"), description="Morning rush hour.")
    evening_peak: tuple[str, str] = Field(("16:00", "18:30"), description="Evening rush hour.")
    break_minutes: float = Field(
        30.0, ge=0, le=120, description="Unpaid break added to working days over 5.5 hours."
    )
    evening_window: tuple[str, str] = Field(
        ("18:00", "22:00"),
        description="Evening hours for the no_evening_work need (FML VI.1), 'HH:MM' from-until.",
    )
    night_window: tuple[str, str] = Field(
        ("22:00", "06:00"),
        description="Night hours for the no_night_work need (FML VI.1); may run past midnight.",
    )
    jobcoach_min_months: int = Field(
        6, ge=0, description="A jobcoach is granted only for contracts longer than this."
    )
    jobcoach_contracts: tuple[ContractType, ...] = Field(
        (ContractType.PERMANENT, ContractType.SECONDMENT, ContractType.TEMPORARY),
        description="Contract types on which a jobcoach can be granted (not agency, zero-hours "
        "or min-max, whatever their length); a change in the law is a change here.",
    )
    norm_demand_level: int = Field(
        1,
        ge=0,
        le=MAX_LEVEL,
        description="A demand at or below this level is what any job asks; a candidate whose "
        "capacity profile is unknown passes only packages that ask no more (capacity_unknown).",
    )
    level_tolerance: int = Field(
        1, ge=0, le=7, description="Education ranks above the package level that score in full."
    )
    commute: CommuteSettings = Field(default_factory=CommuteSettings)
    move_threshold: float = Field(
        0.10,
        ge=0,
        le=1,
        description="Doorstroom (match(current=...)): a current employee open to move is "
        "proposed another package only when it raises their own score by at least this much "
        "(or their present job breaks a hard rule).",
    )
    schakelplek_months: int = Field(
        12,
        ge=1,
        le=60,
        description="Longest contract of a switch place (track schakelplek), in months; a "
        "switch place without months is taken to last this long.",
    )
    pinned: list[Pin] = Field(
        default_factory=list, description="Placements decided by a person; they always stand."
    )
    forbidden: list[Pair] = Field(
        default_factory=list, description="Pairs a person ruled out; never proposed."
    )
    max_candidates: int = Field(200_000, ge=1, description="Refuse larger candidate lists.")
    max_packages: int = Field(50_000, ge=1, description="Refuse larger package lists.")
    max_memory_mb: int = Field(
        8_000, ge=1, description="Stop a run whose compatible pairs would need more memory (MB)."
    )
    wait_penalty: float = Field(
        0.002,
        ge=0,
        le=1,
        description="Plans over time: the score a week of waiting costs. The potentials policy "
        "discounts a forecast arrival's score by it for each week until they come, so a slot "
        "is held back for someone later only when they are worth the wait.",
    )
    near_miss: NearMissSettings = Field(
        default_factory=NearMissSettings,
        description="How near a near miss must be (shortlists, Meet & Greet).",
    )
    lang: Lang | None = Field(
        None,
        description="Language of the texts for people: 'nl' or 'en'; None = the environment "
        "variable WBAMATCH_LANG, else Dutch.",
    )
    audit_key: SecretStr | None = Field(
        None,
        min_length=16,
        exclude=True,
        description="The organisation's key (at least 16 characters) for the audit record's "
        "digests (HMAC-SHA256); without it the environment variable WBAMATCH_AUDIT_KEY is used. "
        "Never written to a result, its JSON or the audit record.",
    )
    audit_pin_notes: bool = Field(
        False,
        description="Keep the free-text notes of pins in the audit record (they may hold "
        "personal remarks; left out by default).",
    )

    @field_validator("jobcoach_contracts")
    @classmethod
    def _sorted_contracts(cls, value: tuple[ContractType, ...]) -> tuple[ContractType, ...]:
        # A set in meaning; sorted so that the config's JSON (and its audit digest) is stable.
        return tuple(sorted(set(value)))

    @field_validator("weights")
    @classmethod
    def _known_weights(cls, value: dict[str, float]) -> dict[str, float]:
        for key, weight in value.items():
            if key not in SCORE_COMPONENTS:
                raise ValueError(
                    f"unknown score component {key!r}; use one of {', '.join(SCORE_COMPONENTS)}"
                )
            if not 0 <= weight <= _MAX_WEIGHT:
                raise ValueError(f"weight of {key!r} must lie between 0 and {_MAX_WEIGHT:g}")
        return value

    @field_validator("morning_peak", "evening_peak", "evening_window", "night_window")
    @classmethod
    def _window(cls, value: tuple[str, str], info: ValidationInfo) -> tuple[str, str]:
        import re

        if not all(re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", t) for t in value):
            raise ValueError(f"{info.field_name} is ('HH:MM', 'HH:MM')")
        wraps = info.field_name == "night_window"
        if _minutes(value[0]) == _minutes(value[1]) or (
            not wraps and _minutes(value[0]) > _minutes(value[1])
        ):
            raise ValueError(f"{info.field_name} must start before it ends")
        return value

    @model_validator(mode="after")
    def _consistent_decisions(self) -> Self:
        pinned_people: set[str] = set()
        for k, pin in enumerate(self.pinned):
            if pin.candidate_id in pinned_people:
                raise ValueError(
                    f"pinned[{k}]: candidate {pin.candidate_id!r} is pinned twice; "
                    "a person takes one package"
                )
            pinned_people.add(pin.candidate_id)
        pins = {(p.candidate_id, p.package_id) for p in self.pinned}
        for k, pair in enumerate(self.forbidden):
            if (pair.candidate_id, pair.package_id) in pins:
                raise ValueError(
                    f"forbidden[{k}]: {pair.candidate_id!r} at {pair.package_id!r} is also "
                    "pinned; remove one of the two decisions"
                )
        return self

    @model_validator(mode="after")
    def _some_weight(self) -> Self:
        if sum(self.component_weights().values()) <= 0:
            raise ValueError("at least one score weight must be positive")
        return self

    def __eq__(self, other: object) -> bool:
        # Equal configs steer a match alike; the audit key is not part of what is compared
        # (it is never dumped, so a result read back from JSON equals the one it came from).
        if not isinstance(other, MatchSettings):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]

    def component_weights(self) -> dict[str, float]:
        """Weight per score component, defaults filled in, in reporting order."""
        return {c: float(self.weights.get(c, _DEFAULT_WEIGHTS[c])) for c in SCORE_COMPONENTS}

    def mode_in(self, code: str, rule: str) -> RuleMode:
        """Mode of reason code ``code`` of the rule named ``rule``: the code's own setting, else
        the rule's, else ``"hard"``. :meth:`MatchConfig.mode_of` finds the rule by itself."""
        if code in self.rules:
            return self.rules[code]
        return self.rules.get(rule, RuleMode.HARD)

    def day_windows(self) -> Mapping[str, tuple[int, int]]:
        """Evening and night hours as minutes after midnight (the night may end past 24:00)."""
        return _day_windows(self.evening_window, self.night_window)

    def text_lang(self, lang: str | None = None) -> Lang:
        """The language for people's texts: ``lang``, else :attr:`lang`, else the default."""
        return resolve_lang(lang if lang is not None else self.lang)

    def audit_key_bytes(self) -> bytes | None:
        """The audit key: :attr:`audit_key`, else ``WBAMATCH_AUDIT_KEY``, else None.

        Raises
        ------
        InputError
            ``WBAMATCH_AUDIT_KEY`` is set but shorter than 16 characters.
        """
        if self.audit_key is not None:
            return self.audit_key.get_secret_value().encode("utf-8")
        return audit_key_from_environment()

    def peak_minutes(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """Morning and evening peak as minutes after midnight."""
        m, e = self.morning_peak, self.evening_peak
        return (_minutes(m[0]), _minutes(m[1])), (_minutes(e[0]), _minutes(e[1]))
