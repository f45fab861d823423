"""Match configuration: rule modes, score weights, commute and rush-hour settings.

:class:`MatchConfig` is :class:`~wbamatch._settings.MatchSettings` (every field, and the
settings of its parts) with what needs the rule registry: rule names and modes checked against
it, and :meth:`MatchConfig.mode_of`. It sits above the rules, which read only the settings.

Example
-------
>>> from wbamatch import MatchConfig
>>> cfg = MatchConfig(rules={"mentor": "penalty"}, weights={"skills": 2.0}, min_score=0.3)
>>> cfg.mode_of("mentor"), cfg.mode_of("capacity:sitting")
(<RuleMode.PENALTY: 'penalty'>, <RuleMode.HARD: 'hard'>)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import field_validator

from ._models import as_model
from ._settings import CommuteSettings, MatchSettings, NearMissSettings, Pair, Pin, RuleMode
from .rules import REGISTRY

# The parts are re-exported: callers name them with the config they belong to.
__all__ = [
    "CommuteSettings",
    "MatchConfig",
    "NearMissSettings",
    "Pair",
    "Pin",
    "RuleMode",
    "config_of",
]


class MatchConfig(MatchSettings):
    """Everything that steers a match; the defaults follow the domain brief.

    Parameters
    ----------
    rules
        Mode per rule name (``"capacity"``, ``"hours"``, ...) or per reason code
        (``"capacity:sitting"``, ``"education_unknown"``): ``"hard"`` forbids the pair (the
        default), ``"penalty"`` keeps it but subtracts :attr:`penalty` from its score, ``"off"``
        ignores the rule. ``"excluded"`` (the candidate said no) is always hard.
    weights
        Weight per score component; missing components keep their default weight, a weight of 0
        switches a component off. The score is the weighted mean, so it stays in [0, 1].
    min_score
        Pairs scoring below this are never assigned: leaving someone unassigned beats a bad match.
    """

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, value: dict[str, RuleMode]) -> dict[str, RuleMode]:
        for key, mode in value.items():
            if key in REGISTRY:
                rule = REGISTRY[key]
            elif key in REGISTRY.codes:
                rule = REGISTRY.rule_of(key)
            else:
                raise ValueError(
                    f"unknown rule {key!r}; use one of {', '.join(REGISTRY.names)} or a reason code"
                )
            if not rule.relaxable and mode != "hard":
                raise ValueError(f"rule {rule.name!r} (the candidate said no) cannot be relaxed")
        return value

    def mode_of(self, code: str) -> RuleMode:
        """Mode of a reason code: its own setting, else its rule's, else ``"hard"``."""
        if code in self.rules:
            return self.rules[code]
        if not self.rules:  # the default: no need to find the code's rule
            return RuleMode.HARD
        return self.mode_in(code, REGISTRY.rule_of(code).name)


def config_of(config: MatchConfig | Mapping[str, Any] | None) -> MatchConfig:
    """The config as given, validated from a dict, or the defaults when None."""
    return MatchConfig() if config is None else as_model(config, MatchConfig, "config")
