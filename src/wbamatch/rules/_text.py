"""Words for people: what a rule says in English and Dutch, and its values in each language.

A rule's texts are templates per language (:class:`Words`); the values they show come from the
rule's own values function as typed values (:class:`Clock`, :class:`Number`, :class:`Term`),
which are written out per language here: a decimal comma and "uur" in Dutch, times as 09:30,
travel modes and contract types as words. No Dutch text is made by replacing words in an
English one.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final, Literal

from ..vocabulary import (
    DIMENSIONS,
    ContractType,
    Education,
    ScheduleKind,
    Stimulus,
    TravelMode,
    WorkLocation,
)

__all__ = [
    "LANGS",
    "Clock",
    "CodeText",
    "Lang",
    "Listing",
    "Number",
    "Term",
    "Words",
    "format_value",
    "render",
]

Lang = Literal["en", "nl"]

#: The languages every text exists in.
LANGS: Final[tuple[Lang, ...]] = ("en", "nl")


@dataclass(frozen=True)
class Words:
    """One text in English and in Dutch; ``{name}`` fields are filled in by :func:`render`."""

    en: str
    nl: str

    def __call__(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.nl if lang == "nl" else self.en


#: A text, or one text per variant (chosen by the ``"variant"`` value of a rule's values).
Variants = Words | Mapping[str, Words]


@dataclass(frozen=True)
class CodeText:
    """What people read about one reason code.

    Attributes
    ----------
    reason
        A few words for reason counts and lists: "commute too long".
    candidate, package
        The candidate's and the package's side, from the rule's values: "needs to be done by
        18:00", "works until 22:00".
    message
        One sentence; ``{candidate}`` and ``{package}`` stand for the two sides.
    """

    reason: Words
    candidate: Variants
    package: Variants
    message: Variants


@dataclass(frozen=True)
class Clock:
    """A time of day, minutes after midnight (wrapping past 24:00): ``09:30``."""

    minutes: float


@dataclass(frozen=True)
class Number:
    """A number, shown with at most ``digits`` decimals: ``7.5`` / ``7,5``; ``16``."""

    value: float
    digits: int = 1


@dataclass(frozen=True)
class Term:
    """A vocabulary value (an enum member or a dimension name) as a word of the language."""

    value: Enum | str


@dataclass(frozen=True)
class Listing:
    """Several values as one list: ``8, 4, 4 and 4`` / ``8, 4, 4 en 4``."""

    items: tuple[Any, ...]


def _table(entries: Mapping[Any, tuple[str, str]]) -> dict[Any, Words]:
    return {key: Words(en, nl) for key, (en, nl) in entries.items()}


#: Every vocabulary value people may read, in both languages.
_TERMS: Final[dict[Any, Words]] = {
    **_table(
        {
            TravelMode.PUBLIC_TRANSPORT: ("by public transport", "met het openbaar vervoer"),
            TravelMode.BIKE: ("by bike", "met de fiets"),
            TravelMode.CAR: ("by car", "met de auto"),
            TravelMode.WALK: ("on foot", "te voet"),
            TravelMode.SPECIAL_TRANSPORT: ("by special transport", "met aangepast vervoer"),
            ScheduleKind.FIXED: ("fixed hours", "vaste werktijden"),
            ScheduleKind.SHIFTS: ("shifts", "wisselende diensten"),
            ScheduleKind.EVENING: ("evening work", "avondwerk"),
            ScheduleKind.FLEXIBLE: ("flexible hours", "flexibele werktijden"),
            Stimulus.LOW: ("few stimuli", "weinig prikkels"),
            Stimulus.MEDIUM: ("a moderate level of stimuli", "een gemiddelde hoeveelheid prikkels"),
            Stimulus.HIGH: ("many stimuli", "veel prikkels"),
            WorkLocation.OFFICE: ("at the office", "op kantoor"),
            WorkLocation.HYBRID: ("partly from home", "deels thuis"),
            WorkLocation.REMOTE: ("from home", "thuis"),
            ContractType.PERMANENT: ("a permanent contract", "een vast contract"),
            ContractType.TEMPORARY: ("a temporary contract", "een tijdelijk contract"),
            ContractType.SECONDMENT: ("a secondment", "een detachering"),
            ContractType.AGENCY: ("an agency contract", "een uitzendcontract"),
            ContractType.ZERO_HOURS: ("a zero-hours contract", "een nulurencontract"),
            ContractType.MIN_MAX: ("a min-max contract", "een min-maxcontract"),
            Education.UNKNOWN: ("unknown", "onbekend"),
            Education.NONE: ("no diploma", "geen diploma"),
            Education.VSO_PRO: ("vso/pro", "vso/pro"),
            Education.MBO1: ("mbo 1", "mbo 1"),
            Education.MBO2: ("mbo 2", "mbo 2"),
            Education.MBO3: ("mbo 3", "mbo 3"),
            Education.MBO4: ("mbo 4", "mbo 4"),
            Education.HBO: ("hbo", "hbo"),
            Education.WO: ("wo", "wo"),
        }
    ),
    # The capacity dimensions, named as in UWV's FML.
    **_table(
        {
            "concentration": ("concentration", "concentratie"),
            "distraction": ("distraction", "afleiding"),
            "task_switching": ("switching between tasks", "wisselen tussen taken"),
            "independence": ("working independently", "zelfstandig werken"),
            "unpredictability": ("unpredictability", "onvoorspelbaarheid"),
            "interruptions": ("interruptions", "onderbrekingen"),
            "time_pressure": ("time pressure", "tijdsdruk"),
            "work_pace": ("work pace", "werktempo"),
            "personal_risk": ("personal risk", "persoonlijk risico"),
            "customer_contact": ("customer contact", "klantcontact"),
            "collaboration": ("close collaboration", "nauw samenwerken"),
            "conflict_handling": ("handling conflicts", "omgaan met conflicten"),
            "supervising": ("supervising others", "leidinggeven"),
            "noise": ("noise and stimuli", "geluid en prikkels"),
            "walking": ("walking", "lopen"),
            "lifting": ("lifting and carrying", "tillen en dragen"),
            "fine_motor": ("fine hand work", "fijne handvaardigheid"),
            "screen_work": ("screen work", "beeldschermwerk"),
            "sitting": ("sitting", "zitten"),
            "standing": ("standing", "staan"),
        }
    ),
}
assert all(d in _TERMS for d in DIMENSIONS)


def _number(value: float, digits: int, lang: Lang) -> str:
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",") if lang == "nl" else text


def format_value(value: Any, lang: Lang) -> str:
    """One value as people read it in ``lang``.

    Example
    -------
    >>> format_value(Number(7.5), "nl"), format_value(Clock(22 * 60 + 30), "en")
    ('7,5', '22:30')
    >>> format_value(Term(TravelMode.BIKE), "nl")
    'met de fiets'
    """
    if isinstance(value, Clock):
        minutes = round(value.minutes) % (24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, Number):
        return _number(value.value, value.digits, lang)
    if isinstance(value, Term):
        words = _TERMS.get(value.value)
        if words is None:
            raise KeyError(f"no words for the vocabulary value {value.value!r}")
        return words(lang)
    if isinstance(value, Listing):
        parts = [format_value(v, lang) for v in value.items]
        if len(parts) < 2:
            return "".join(parts)
        return ", ".join(parts[:-1]) + (" en " if lang == "nl" else " and ") + parts[-1]
    if isinstance(value, bool | int | float):
        return _number(float(value), 1, lang)
    return str(value)


def _pick(text: Variants, variant: str) -> Words:
    if isinstance(text, Words):
        return text
    return text[variant] if variant in text else text[""]


def render(
    text: Variants, values: Mapping[str, Any], lang: Lang, side: str = "message"
) -> str:
    """Fill in a template in ``lang``.

    Of several variants, ``values["variant_<side>"]`` chooses one, else ``values["variant"]``,
    else the variant ``""``.

    Example
    -------
    >>> render(Words("works until {end}", "werkt tot {end}"), {"end": Clock(1320)}, "nl")
    'werkt tot 22:00'
    """
    variant = str(values.get(f"variant_{side}", values.get("variant", "")))
    template = _pick(text, variant)(lang)
    wanted = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return template.format(**{k: format_value(values[k], lang) for k in wanted})
