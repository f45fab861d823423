"""Realistic synthetic candidates and task packages, for tests, benchmarks and demos.

The data are made up but shaped like the Banenafspraak at the Dutch government: homes and
workplaces near about forty Dutch towns weighted by population, many unknown education levels,
part-time hours, one or two limited capacities per person, the needs from the domain brief at
plausible frequencies, and task packages from jobcarving in the four tracks. With the default
rules a few percent of all candidate-package pairs are feasible: neither nothing nor everything
fits, as in practice.

Every random draw is made with numpy arrays first; the models are built from plain Python
values afterwards, so 250,000 candidates take seconds, not minutes.

Example
-------
>>> from wbamatch._synthetic import synthetic
>>> candidates, packages = synthetic(50, 5, seed=7)
>>> candidates[0].id, packages[0].id
('c-000000', 'p-00000')
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray
from pydantic import TypeAdapter

from ._exceptions import InputError
from ._models import Candidate, CandidateHours, Capacities, Needs, TaskPackage
from ._vocabulary import DIMENSIONS

__all__ = ["synthetic"]

#: Largest ``slots`` a single package may have (the model's limit).
_MAX_SLOTS: Final[int] = 10_000

# --------------------------------------------------------------------------------------------
# Towns: name, latitude, longitude, weight (about the number of inhabitants, in thousands).
# --------------------------------------------------------------------------------------------
_TOWNS: Final[tuple[tuple[str, float, float, float], ...]] = (
    ("Amsterdam", 52.3676, 4.9041, 920),
    ("Rotterdam", 51.9244, 4.4777, 660),
    ("Den Haag", 52.0705, 4.3007, 560),
    ("Utrecht", 52.0907, 5.1214, 370),
    ("Eindhoven", 51.4416, 5.4697, 240),
    ("Groningen", 53.2194, 6.5665, 235),
    ("Tilburg", 51.5555, 5.0913, 225),
    ("Almere", 52.3508, 5.2647, 220),
    ("Breda", 51.5719, 4.7683, 185),
    ("Nijmegen", 51.8126, 5.8372, 180),
    ("Apeldoorn", 52.2112, 5.9699, 165),
    ("Arnhem", 51.9851, 5.8987, 165),
    ("Haarlem", 52.3874, 4.6462, 165),
    ("Enschede", 52.2215, 6.8937, 160),
    ("Amersfoort", 52.1561, 5.3878, 160),
    ("Zaandam", 52.4420, 4.8292, 160),
    ("'s-Hertogenbosch", 51.6978, 5.3037, 160),
    ("Zwolle", 52.5168, 6.0830, 130),
    ("Leiden", 52.1601, 4.4970, 125),
    ("Zoetermeer", 52.0575, 4.4931, 125),
    ("Leeuwarden", 53.2012, 5.7999, 125),
    ("Maastricht", 50.8514, 5.6910, 120),
    ("Dordrecht", 51.8133, 4.6901, 120),
    ("Ede", 52.0402, 5.6649, 120),
    ("Alphen aan den Rijn", 52.1294, 4.6574, 110),
    ("Alkmaar", 52.6324, 4.7534, 110),
    ("Emmen", 52.7858, 6.8976, 107),
    ("Delft", 52.0116, 4.3571, 105),
    ("Venlo", 51.3704, 6.1724, 100),
    ("Deventer", 52.2661, 6.1552, 100),
    ("Oss", 51.7650, 5.5180, 93),
    ("Helmond", 51.4793, 5.6570, 92),
    ("Hilversum", 52.2292, 5.1669, 92),
    ("Amstelveen", 52.3114, 4.8701, 92),
    ("Heerlen", 50.8882, 5.9795, 87),
    ("Lelystad", 52.5185, 5.4714, 80),
    ("Gouda", 52.0115, 4.7105, 74),
    ("Hoorn", 52.6424, 5.0597, 74),
    ("Assen", 52.9925, 6.5649, 68),
    ("Roermond", 51.1942, 5.9875, 58),
    ("Den Helder", 52.9563, 4.7601, 56),
    ("Middelburg", 51.4988, 3.6136, 49),
    ("Vlissingen", 51.4426, 3.5736, 45),
)
_TOWN_INDEX: Final[dict[str, int]] = {t[0]: i for i, t in enumerate(_TOWNS)}

#: Standard deviation of the jitter around a town centre, km (homes, workplaces).
_HOME_JITTER_KM: Final[float] = 3.0
_WORK_JITTER_KM: Final[float] = 1.5
_KM_PER_DEG_LAT: Final[float] = 111.2

# --------------------------------------------------------------------------------------------
# Task families: the tasks jobcarving bundles, the interests they serve, their typical demands.
# --------------------------------------------------------------------------------------------

INTERESTS: Final[tuple[str, ...]] = (
    "administration",
    "care",
    "craft",
    "culture",
    "hospitality",
    "ict",
    "logistics",
    "nature",
    "public_service",
    "technology",
)


@dataclass(frozen=True)
class _Family:
    """A family of related tasks, as a jobcarving analysis would find them in a department."""

    name: str
    tasks: tuple[str, ...]
    interests: tuple[str, ...]
    candidate_weight: float
    #: Package weight per track: individual, collective, maatwerk, regional.
    track_weight: tuple[float, float, float, float]
    #: Dimension -> (probability that the package demands it, typical level 1..3).
    demands: dict[str, tuple[float, int]]
    #: Probabilities of schedule kinds fixed, shifts, evening, flexible.
    schedule: tuple[float, float, float, float]
    #: Probabilities of stimulus low, medium, high.
    stimulus: tuple[float, float, float]
    #: Probabilities of work location office, hybrid, remote.
    work_location: tuple[float, float, float]
    #: Probability of a minimum education, and the minimums it is drawn from.
    min_education: tuple[float, tuple[str, ...]]
    #: Supplier that offers this work in the Maatwerk track (social return).
    supplier: str


#: What a job of each task family is called, and what it is, in Dutch (titles people use).
_TITLES: Final[dict[str, tuple[str, str]]] = {
    "documents": ("Medewerker documentverwerking", "Post, archief en dossiers verwerken."),
    "facility": ("Medewerker facilitaire dienst", "Ruimtes, post en voorraad op orde houden."),
    "catering": ("Medewerker catering", "Koffie, lunch en afwas verzorgen."),
    "cleaning": ("Schoonmaker", "Kantoren en ruimtes schoonhouden."),
    "green": ("Medewerker groenonderhoud", "Groen onderhouden en zwerfafval opruimen."),
    "logistics": ("Medewerker logistiek", "Orders verzamelen, inpakken en de voorraad bijhouden."),
    "ict": ("Medewerker ICT-ondersteuning", "Apparatuur testen, recyclen en gegevens invoeren."),
    "knowledge": ("Ondersteunend medewerker beleid", "Onderzoek en analyses ondersteunen."),
}

#: The ministry each government employer belongs to, for banen per organisation.
_MINISTRY: Final[dict[str, str]] = {
    "Belastingdienst": "Ministerie van Financiën",
    "Rijkswaterstaat": "Ministerie van IenW",
    "DUO": "Ministerie van OCW",
    "CJIB": "Ministerie van JenV",
    "IND": "Ministerie van JenV",
    "CBS": "Ministerie van EZ",
    "Kadaster": "Ministerie van BZK",
    "RVO": "Ministerie van EZ",
    "Nationaal Archief": "Ministerie van OCW",
    "Rijksdienst voor het Cultureel Erfgoed": "Ministerie van OCW",
    "NVWA": "Ministerie van LVVN",
    "FMHaaglanden": "Ministerie van BZK",
    "Rijksvastgoedbedrijf": "Ministerie van BZK",
}

_FAMILIES: Final[tuple[_Family, ...]] = (
    _Family(
        name="documents",
        tasks=(
            "archiving",
            "scanning",
            "digitising",
            "data_entry",
            "filing",
            "copying",
            "mail_sorting",
            "invoice_processing",
        ),
        interests=("administration", "public_service", "culture"),
        candidate_weight=0.26,
        track_weight=(0.30, 0.35, 0.15, 0.15),
        demands={
            "concentration": (0.55, 2),
            "screen_work": (0.50, 2),
            "sitting": (0.55, 2),
            "fine_motor": (0.25, 1),
            "time_pressure": (0.15, 1),
            "task_switching": (0.10, 1),
            "independence": (0.20, 1),
        },
        schedule=(0.88, 0.0, 0.0, 0.12),
        stimulus=(0.50, 0.45, 0.05),
        work_location=(0.65, 0.25, 0.10),
        min_education=(0.25, ("vso_pro", "mbo1", "mbo2")),
        supplier="Documentdienstverlener",
    ),
    _Family(
        name="facility",
        tasks=(
            "facility",
            "meeting_rooms",
            "reception",
            "telephone",
            "post_delivery",
            "security_rounds",
            "copying",
        ),
        interests=("hospitality", "public_service", "logistics"),
        candidate_weight=0.14,
        track_weight=(0.20, 0.20, 0.15, 0.15),
        demands={
            "customer_contact": (0.55, 2),
            "walking": (0.50, 2),
            "standing": (0.35, 1),
            "interruptions": (0.35, 2),
            "unpredictability": (0.25, 1),
            "lifting": (0.20, 1),
            "collaboration": (0.25, 1),
        },
        schedule=(0.75, 0.12, 0.05, 0.08),
        stimulus=(0.15, 0.55, 0.30),
        work_location=(1.0, 0.0, 0.0),
        min_education=(0.10, ("vso_pro", "mbo1")),
        supplier="Facilitair dienstverlener",
    ),
    _Family(
        name="catering",
        tasks=("catering", "dishwashing", "coffee_service", "laundry"),
        interests=("hospitality", "care"),
        candidate_weight=0.11,
        track_weight=(0.07, 0.10, 0.25, 0.15),
        demands={
            "standing": (0.65, 2),
            "work_pace": (0.45, 2),
            "time_pressure": (0.45, 2),
            "customer_contact": (0.40, 2),
            "noise": (0.35, 2),
            "lifting": (0.25, 1),
            "collaboration": (0.35, 2),
        },
        schedule=(0.55, 0.25, 0.10, 0.10),
        stimulus=(0.05, 0.45, 0.50),
        work_location=(1.0, 0.0, 0.0),
        min_education=(0.05, ("vso_pro",)),
        supplier="Cateraar Rijkskantoren",
    ),
    _Family(
        name="cleaning",
        tasks=("cleaning", "laundry", "facility"),
        interests=("care", "craft"),
        candidate_weight=0.08,
        track_weight=(0.05, 0.08, 0.20, 0.12),
        demands={
            "standing": (0.55, 2),
            "walking": (0.55, 2),
            "lifting": (0.35, 1),
            "independence": (0.40, 2),
            "work_pace": (0.25, 1),
        },
        schedule=(0.45, 0.20, 0.30, 0.05),
        stimulus=(0.55, 0.40, 0.05),
        work_location=(1.0, 0.0, 0.0),
        min_education=(0.0, ()),
        supplier="Schoonmaakdienst",
    ),
    _Family(
        name="green",
        tasks=("gardening", "green_maintenance", "litter_picking"),
        interests=("nature", "craft"),
        candidate_weight=0.08,
        track_weight=(0.04, 0.07, 0.12, 0.15),
        demands={
            "walking": (0.75, 3),
            "lifting": (0.50, 2),
            "standing": (0.45, 2),
            "personal_risk": (0.30, 1),
            "collaboration": (0.30, 1),
        },
        schedule=(0.90, 0.05, 0.0, 0.05),
        stimulus=(0.50, 0.45, 0.05),
        work_location=(1.0, 0.0, 0.0),
        min_education=(0.05, ("vso_pro",)),
        supplier="Groenbedrijf",
    ),
    _Family(
        name="logistics",
        tasks=(
            "stock_keeping",
            "inspections",
            "order_picking",
            "packing",
            "assembly",
            "logistics",
            "driving",
        ),
        interests=("logistics", "technology", "craft"),
        candidate_weight=0.16,
        track_weight=(0.10, 0.12, 0.10, 0.18),
        demands={
            "work_pace": (0.45, 2),
            "standing": (0.40, 2),
            "lifting": (0.40, 2),
            "sitting": (0.20, 3),
            "fine_motor": (0.30, 2),
            "walking": (0.30, 2),
            "time_pressure": (0.30, 2),
            "concentration": (0.20, 2),
            "personal_risk": (0.15, 1),
        },
        schedule=(0.70, 0.22, 0.03, 0.05),
        stimulus=(0.30, 0.50, 0.20),
        work_location=(1.0, 0.0, 0.0),
        min_education=(0.10, ("vso_pro", "mbo1")),
        supplier="Logistiek dienstverlener",
    ),
    _Family(
        name="ict",
        tasks=("ict_support", "hardware_recycling", "digitising", "data_entry", "testing"),
        interests=("ict", "technology"),
        candidate_weight=0.09,
        track_weight=(0.14, 0.06, 0.03, 0.05),
        demands={
            "screen_work": (0.70, 3),
            "concentration": (0.55, 2),
            "customer_contact": (0.30, 1),
            "fine_motor": (0.30, 2),
            "task_switching": (0.25, 2),
            "interruptions": (0.25, 1),
        },
        schedule=(0.80, 0.0, 0.0, 0.20),
        stimulus=(0.40, 0.50, 0.10),
        work_location=(0.50, 0.35, 0.15),
        min_education=(0.40, ("mbo2", "mbo3", "mbo4")),
        supplier="IT-recyclingbedrijf",
    ),
    _Family(
        name="knowledge",
        tasks=(
            "policy_support",
            "research_support",
            "data_analysis",
            "communications",
            "translation",
            "planning_support",
        ),
        interests=("public_service", "culture", "administration", "ict"),
        candidate_weight=0.08,
        track_weight=(0.10, 0.02, 0.0, 0.05),
        demands={
            "concentration": (0.65, 3),
            "screen_work": (0.60, 2),
            "collaboration": (0.45, 2),
            "time_pressure": (0.35, 2),
            "task_switching": (0.30, 2),
            "conflict_handling": (0.20, 1),
            "sitting": (0.35, 2),
        },
        schedule=(0.70, 0.0, 0.0, 0.30),
        stimulus=(0.30, 0.60, 0.10),
        work_location=(0.40, 0.45, 0.15),
        min_education=(0.80, ("mbo4", "hbo", "hbo", "wo")),
        supplier="Onderzoeksbureau",
    ),
)

#: Every task tag, sorted, each once.
TASKS: Final[tuple[str, ...]] = tuple(sorted({t for f in _FAMILIES for t in f.tasks}))

# --------------------------------------------------------------------------------------------
# Employers per track: (name, {town: share}, weight).
# --------------------------------------------------------------------------------------------
_GOVERNMENT: Final[tuple[tuple[str, dict[str, float], float], ...]] = (
    ("Ministerie van IenW", {"Den Haag": 1.0}, 3),
    ("Ministerie van BZK", {"Den Haag": 1.0}, 2),
    ("Ministerie van Financiën", {"Den Haag": 1.0}, 2),
    ("Ministerie van JenV", {"Den Haag": 1.0}, 2),
    ("Ministerie van OCW", {"Den Haag": 1.0}, 1),
    ("Ministerie van VWS", {"Den Haag": 1.0}, 1),
    ("Ministerie van SZW", {"Den Haag": 1.0}, 1),
    ("Ministerie van Defensie", {"Den Haag": 0.3, "Utrecht": 0.4, "Den Helder": 0.3}, 3),
    (
        "Belastingdienst",
        {
            "Apeldoorn": 0.25,
            "Utrecht": 0.15,
            "Groningen": 0.1,
            "Heerlen": 0.1,
            "Den Haag": 0.1,
            "Rotterdam": 0.1,
            "Amsterdam": 0.05,
            "Eindhoven": 0.05,
            "Arnhem": 0.05,
            "Zwolle": 0.05,
        },
        8,
    ),
    (
        "Rijkswaterstaat",
        {
            "Utrecht": 0.3,
            "Rotterdam": 0.15,
            "Lelystad": 0.15,
            "Arnhem": 0.1,
            "'s-Hertogenbosch": 0.1,
            "Middelburg": 0.1,
            "Groningen": 0.1,
        },
        4,
    ),
    ("DUO", {"Groningen": 1.0}, 3),
    ("CJIB", {"Leeuwarden": 1.0}, 2),
    ("CBS", {"Den Haag": 0.5, "Heerlen": 0.5}, 2),
    ("Kadaster", {"Apeldoorn": 0.6, "Zwolle": 0.2, "Rotterdam": 0.2}, 2),
    ("RVO", {"Den Haag": 0.3, "Zwolle": 0.3, "Assen": 0.2, "Roermond": 0.2}, 2),
    ("Nationaal Archief", {"Den Haag": 1.0}, 1),
    ("Rijksdienst voor het Cultureel Erfgoed", {"Amersfoort": 1.0}, 1),
    ("NVWA", {"Utrecht": 1.0}, 1),
    ("FMHaaglanden", {"Den Haag": 1.0}, 2),
    ("Rijksvastgoedbedrijf", {"Den Haag": 0.6, "Utrecht": 0.4}, 1),
    (
        "Dienst Justitiële Inrichtingen",
        {"Den Haag": 0.3, "Zwolle": 0.2, "Vlissingen": 0.2, "Lelystad": 0.15, "Heerlen": 0.15},
        2,
    ),
    ("IND", {"Den Haag": 0.4, "Zwolle": 0.3, "Amsterdam": 0.3}, 2),
    (
        "UWV",
        {
            "Amsterdam": 0.3,
            "Utrecht": 0.2,
            "Rotterdam": 0.15,
            "Eindhoven": 0.1,
            "Zwolle": 0.1,
            "Groningen": 0.15,
        },
        4,
    ),
    ("Gemeente Amsterdam", {"Amsterdam": 1.0}, 3),
    ("Gemeente Rotterdam", {"Rotterdam": 1.0}, 3),
    ("Gemeente Den Haag", {"Den Haag": 1.0}, 2),
    ("Gemeente Utrecht", {"Utrecht": 1.0}, 2),
    ("Gemeente Eindhoven", {"Eindhoven": 1.0}, 1),
    ("Gemeente Groningen", {"Groningen": 1.0}, 1),
    ("Provincie Gelderland", {"Arnhem": 1.0}, 1),
    ("Provincie Noord-Brabant", {"'s-Hertogenbosch": 1.0}, 1),
)

#: Other employers in the region (the regional track), besides the towns' own municipality.
_REGIONAL_KINDS: Final[tuple[str, ...]] = ("Gemeente", "Ziekenhuis", "Zorginstelling", "Hogeschool")

# --------------------------------------------------------------------------------------------
# Candidate distributions.
# --------------------------------------------------------------------------------------------
_EDUCATION: Final[tuple[tuple[str, float], ...]] = (
    ("unknown", 0.30),
    ("none", 0.05),
    ("vso_pro", 0.18),
    ("mbo1", 0.15),
    ("mbo2", 0.15),
    ("mbo3", 0.07),
    ("mbo4", 0.04),
    ("hbo", 0.04),
    ("wo", 0.02),
)
_TARGET_GROUPS: Final[tuple[tuple[str, float], ...]] = (
    ("assessment", 0.30),
    ("vso_pro", 0.20),
    ("wsw", 0.10),
    ("wajong", 0.25),
    ("wiw_id", 0.05),
    ("early_onset", 0.10),
)
#: Flag needs and how often a candidate has them.
_NEEDS: Final[tuple[tuple[str, float], ...]] = (
    ("structure", 0.45),
    ("fixed_hours", 0.40),
    ("low_stimulus", 0.30),
    ("jobcoach", 0.20),
    ("mentor", 0.25),
    ("colleague", 0.30),
    ("office", 0.15),
    ("avoid_rush_hour", 0.15),
)
#: Needs drawn from a stream of their own (so the older fields stay as they were): the share of
#: candidates with each, and with it when they also need fixed hours.
_TIME_NEEDS: Final[tuple[tuple[str, float, float], ...]] = (
    ("no_evening_work", 0.08, 0.30),
    ("no_night_work", 0.12, 0.35),
    ("movement", 0.06, 0.06),
    ("not_independent", 0.05, 0.05),
)
#: Candidates whose capacity profile is not recorded (unknown is never a fit).
_UNKNOWN_CAPACITIES: Final[float] = 0.03
_TRAVEL_MODES: Final[tuple[str, ...]] = (
    "public_transport",
    "bike",
    "car",
    "walk",
    "special_transport",
)
_TRAVEL_P: Final[tuple[float, ...]] = (0.45, 0.32, 0.14, 0.03, 0.06)
#: Travel mode of candidates who avoid the rush hour: often special transport.
_TRAVEL_P_RUSH: Final[tuple[float, ...]] = (0.30, 0.25, 0.08, 0.02, 0.35)
_COMMUTE_LIMITS: Final[tuple[float, ...]] = (30.0, 45.0, 60.0, 60.0, 75.0, 90.0)

#: How often each dimension is among a candidate's limited capacities (relative weights).
_LIMIT_WEIGHT: Final[dict[str, float]] = {
    "concentration": 6,
    "distraction": 8,
    "task_switching": 6,
    "independence": 4,
    "unpredictability": 7,
    "interruptions": 6,
    "time_pressure": 9,
    "work_pace": 9,
    "personal_risk": 3,
    "customer_contact": 6,
    "collaboration": 4,
    "conflict_handling": 7,
    "supervising": 5,
    "noise": 7,
    "walking": 4,
    "lifting": 7,
    "fine_motor": 3,
    "screen_work": 3,
    "sitting": 4,
    "standing": 6,
}

_FIXED_STARTS: Final[tuple[str, ...]] = (
    "08:00",
    "08:30",
    "08:30",
    "09:00",
    "09:00",
    "09:30",
    "10:00",
)
_SHIFT_STARTS: Final[tuple[str, ...]] = ("07:00", "15:00", "")
_EVENING_STARTS: Final[tuple[str, ...]] = ("17:00", "18:00", "18:30")
_SCHEDULE_KINDS: Final[tuple[str, ...]] = ("fixed", "shifts", "evening", "flexible")
_TRACKS: Final[tuple[str, ...]] = ("individual", "collective", "maatwerk", "regional")
_TRACK_P: Final[tuple[float, ...]] = (0.40, 0.30, 0.20, 0.10)
_CONTRACTS: Final[tuple[str, ...]] = (
    "permanent",
    "temporary",
    "secondment",
    "agency",
    "zero_hours",
    "min_max",
)
_CONTRACT_P: Final[tuple[float, ...]] = (0.35, 0.48, 0.05, 0.05, 0.04, 0.03)
_PER_WEEK: Final[tuple[float, ...]] = (12.0, 16.0, 18.0, 20.0, 24.0, 28.0, 32.0)
_PER_WEEK_P: Final[tuple[float, ...]] = (0.10, 0.20, 0.10, 0.20, 0.20, 0.10, 0.10)


@cache
def _adapters() -> tuple[TypeAdapter[list[Candidate]], TypeAdapter[list[TaskPackage]]]:
    """Bulk validators, built on first use (not at import)."""
    return TypeAdapter(list[Candidate]), TypeAdapter(list[TaskPackage])


def _check_count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}; pass e.g. {name}=100")
    if value < 0:
        raise InputError(f"{name} must be >= 0, got {value}; pass a non-negative int")
    return int(value)


def _p(weights: Any) -> NDArray[np.float64]:
    """Weights normalised to probabilities."""
    w = np.asarray(weights, dtype=np.float64)
    out: NDArray[np.float64] = w / w.sum()
    return out


def _top_k(
    rng: np.random.Generator, weights: NDArray[np.float64], k: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Draw ``k[i]`` distinct columns per row without replacement, by weight (Gumbel top-k).

    ``weights`` has shape ``(n, t)``; a zero weight is never drawn, so a row may get fewer than
    ``k[i]`` columns. Returns the drawn columns, shape ``(n, max(k))`` in draw order, and a mask of
    the same shape telling which of them count.
    """
    n, t = weights.shape
    kmax = min(int(k.max(initial=0)), t)
    with np.errstate(divide="ignore"):
        keys = np.log(weights) + rng.gumbel(size=(n, t))
    if kmax == 0:
        return np.zeros((n, 0), dtype=np.int64), np.zeros((n, 0), dtype=bool)
    top = np.argpartition(-keys, kmax - 1, axis=1)[:, :kmax]
    top_keys = np.take_along_axis(keys, top, axis=1)
    rank = np.argsort(-top_keys, axis=1)
    order = np.take_along_axis(top, rank, axis=1)
    ok = np.isfinite(np.take_along_axis(top_keys, rank, axis=1))
    ok &= np.arange(kmax)[None, :] < k[:, None]
    return order, ok


def _tag_lists(
    names: tuple[str, ...], order: NDArray[np.int64], ok: NDArray[np.bool_]
) -> list[list[str]]:
    """Turn the drawn columns of :func:`_top_k` into one list of tag names per row."""
    flat = [names[c] for c in order[ok].tolist()]
    ends = np.cumsum(ok.sum(axis=1)).tolist()
    starts = [0, *ends[:-1]][: len(ends)]
    return [flat[a:b] for a, b in zip(starts, ends, strict=True)]


def _shared(rows: NDArray[np.int64], build: Callable[[list[int]], Any]) -> list[Any]:
    """Build one object per distinct row of ``rows`` and return it for every row.

    ``rows`` has shape ``(n, k)`` and holds small integers in ``-1 .. 9998``. The sub-models
    are frozen, so candidates with the same hours, needs or capacities can share one validated
    instance: that saves most of the validation time and memory.
    """
    if rows.shape[0] == 0:
        return []
    if rows.shape[1] > 4 or rows.min() < -1 or rows.max() > 9998:
        raise AssertionError("_shared packs at most 4 columns of -1 .. 9998")  # pragma: no cover
    key = np.zeros(rows.shape[0], dtype=np.int64)
    for col in (rows + 1).T:  # mixed radix 10**4 per column; at most 4 columns fit in int64
        key = key * 10_000 + col
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    objects = [build(row) for row in rows[first].tolist()]
    return [objects[i] for i in inverse.tolist()]


def _jitter(
    rng: np.random.Generator, town: NDArray[np.int64], km: float
) -> tuple[list[float], list[float]]:
    lat0 = np.array([t[1] for t in _TOWNS])[town]
    lon0 = np.array([t[2] for t in _TOWNS])[town]
    noise = rng.normal(size=(2, town.size)) * km
    lat = lat0 + noise[0] / _KM_PER_DEG_LAT
    lon = lon0 + noise[1] / (_KM_PER_DEG_LAT * np.cos(np.radians(lat0)))
    return np.round(lat, 4).tolist(), np.round(lon, 4).tolist()


def _family_task_weights() -> NDArray[np.float64]:
    """Shape ``(n_families, n_tasks)``: 1 where the family has the task, else 0."""
    w = np.zeros((len(_FAMILIES), len(TASKS)))
    for f, fam in enumerate(_FAMILIES):
        for task in fam.tasks:
            w[f, TASKS.index(task)] = 1.0
    return w


def _family_interest_weights() -> NDArray[np.float64]:
    w = np.zeros((len(_FAMILIES), len(INTERESTS)))
    for f, fam in enumerate(_FAMILIES):
        for rank, tag in enumerate(fam.interests):
            w[f, INTERESTS.index(tag)] = 1.0 / (1 + rank)
    return w


def _make_candidates(
    rng: np.random.Generator, n: int, n_packages: int, extra: np.random.Generator
) -> list[dict[str, Any]]:
    n_dims = len(DIMENSIONS)
    town = rng.choice(len(_TOWNS), size=n, p=_p([t[3] for t in _TOWNS]))
    lat, lon = _jitter(rng, town, _HOME_JITTER_KM)

    # Registration, target group, education.
    registered = rng.random(n) < 0.85
    group = rng.choice(len(_TARGET_GROUPS), size=n, p=_p([g[1] for g in _TARGET_GROUPS]))
    education = rng.choice(len(_EDUCATION), size=n, p=_p([e[1] for e in _EDUCATION]))
    # School leavers from VSO/PRO have that education, or it was not recorded.
    vso = registered & (group == 1)
    education = np.where(vso, np.where(rng.random(n) < 0.6, 2, 0), education)

    # Hours a week and a day; at most 4 hours a day means at most 20 a week.
    h_min = rng.choice(np.array([8.0, 12.0, 16.0, 20.0, 24.0]), size=n, p=_p([2, 2.5, 3, 1.5, 1]))
    h_span = rng.choice(np.array([0.0, 4.0, 8.0, 12.0, 16.0]), size=n, p=_p([0.5, 1.5, 3, 3, 2]))
    h_max = np.minimum(h_min + h_span, 32.0)
    per_day = rng.choice(np.array([0.0, 4.0, 6.0, 8.0]), size=n, p=_p([0.6, 0.15, 0.15, 0.1]))
    h_max = np.minimum(h_max, np.where(per_day > 0, per_day * 5, np.inf))
    h_min = np.minimum(h_min, h_max)

    # One or two limited capacities, the personal-functioning ones most often.
    n_limited = np.where(rng.random(n) < 0.45, 2, 1)
    limit_w = np.broadcast_to(np.array([_LIMIT_WEIGHT[d] for d in DIMENSIONS]), (n, n_dims))
    limited, limited_ok = _top_k(rng, limit_w, n_limited)
    levels = rng.choice(3, size=limited.shape, p=_p([0.1, 0.5, 0.4]))

    # Needs.
    need_names = [name for name, _ in _NEEDS]
    needs = rng.random((n, len(_NEEDS))) < np.array([p for _, p in _NEEDS])
    rush = needs[:, need_names.index("avoid_rush_hour")]
    fixed = needs[:, need_names.index("fixed_hours")]
    share = np.where(
        fixed[:, None], [[q for _, _, q in _TIME_NEEDS]], [[p for _, p, _ in _TIME_NEEDS]]
    )
    later = extra.random((n, len(_TIME_NEEDS))) < share
    later[:, 1] |= later[:, 0]  # no evening work, then no night work either
    needs = np.concatenate([needs, later], axis=1)
    need_names += [name for name, _, _ in _TIME_NEEDS]
    unknown_profile = (extra.random(n) < _UNKNOWN_CAPACITIES).tolist()
    mode = np.where(
        rush,
        rng.choice(len(_TRAVEL_MODES), size=n, p=_p(_TRAVEL_P_RUSH)),
        rng.choice(len(_TRAVEL_MODES), size=n, p=_p(_TRAVEL_P)),
    )
    # 0 = no own limit (the config default applies), else 1 + index into _COMMUTE_LIMITS.
    commute = np.where(rng.random(n) < 0.55, 1 + rng.integers(0, len(_COMMUTE_LIMITS), size=n), 0)

    # Skills from one or two task families; interests mostly from the first.
    fam_w = _p([f.candidate_weight for f in _FAMILIES])
    fam1 = rng.choice(len(_FAMILIES), size=n, p=fam_w)
    fam2 = rng.choice(len(_FAMILIES), size=n, p=fam_w)
    task_fw = _family_task_weights()
    second = np.where(rng.random(n) < 0.4, 0.5, 0.0)
    skill_w = task_fw[fam1] + second[:, None] * task_fw[fam2] + 0.01
    n_skills = rng.choice(6, size=n, p=_p([0.08, 0.15, 0.25, 0.25, 0.17, 0.10]))
    skills = _tag_lists(TASKS, *_top_k(rng, skill_w, n_skills))
    interest_w = _family_interest_weights()[fam1] + 0.05
    n_interests = rng.choice(4, size=n, p=_p([0.20, 0.35, 0.30, 0.15]))
    interests = _tag_lists(INTERESTS, *_top_k(rng, interest_w, n_interests))

    # A few candidates said no to a package or two.
    excluding = rng.random(n) < 0.03
    n_excluded = rng.integers(1, 3, size=n)
    excluded_idx = rng.integers(0, max(n_packages, 1), size=(n, 2))
    wants_growth = (rng.random(n) < np.where(h_max > h_min, 0.35, 0.10)).tolist()

    # Shared, validated sub-models for the few distinct hours, needs and capacities.
    def build_hours(row: list[int]) -> CandidateHours:
        lo, hi, day = row
        return CandidateHours(min=float(lo), max=float(hi), max_per_day=float(day) if day else None)

    def build_needs(row: list[int]) -> Needs:
        bits, how, limit = row
        flags = {name: True for b, name in enumerate(need_names) if bits >> b & 1}
        if flags.pop("not_independent", False):
            flags["travels_independently"] = False
        return Needs.model_validate(
            {
                **flags,
                "travel_mode": _TRAVEL_MODES[how],
                "max_commute_minutes": _COMMUTE_LIMITS[limit - 1] if limit else None,
            }
        )

    def build_capacities(row: list[int]) -> Any:
        half = len(row) // 2
        return Capacities.model_validate(
            {DIMENSIONS[d]: lv for d, lv in zip(row[:half], row[half:], strict=True) if d >= 0}
        )

    hours = _shared(np.stack([h_min, h_max, per_day], axis=1).astype(np.int64), build_hours)
    need_bits = needs.astype(np.int64) @ (1 << np.arange(len(need_names), dtype=np.int64))
    need_objs = _shared(np.stack([need_bits, mode, commute], axis=1), build_needs)
    capacities = _shared(
        np.concatenate([np.where(limited_ok, limited, -1), levels], axis=1), build_capacities
    )

    edu_names = [e[0] for e in _EDUCATION]
    group_names = [g[0] for g in _TARGET_GROUPS]
    reg_l, group_l, edu_l = registered.tolist(), group.tolist(), education.tolist()
    excl_rows = np.flatnonzero(excluding & (n_packages > 0)).tolist()
    nexcl_l, excl_idx_l = n_excluded.tolist(), excluded_idx.tolist()

    records: list[dict[str, Any]] = [
        {
            "id": f"c-{i:06d}",
            "registered": reg_l[i],
            "target_group": group_names[group_l[i]] if reg_l[i] else None,
            "education": edu_names[edu_l[i]],
            "hours": hours[i],
            "capacities": None if unknown_profile[i] else capacities[i],
            "needs": need_objs[i],
            "home": {"lat": lat[i], "lon": lon[i]},
            "skills": skills[i],
            "interests": interests[i],
            "wants_growth": wants_growth[i],
        }
        for i in range(n)
    ]
    for i in excl_rows:
        picks = sorted(set(excl_idx_l[i][: nexcl_l[i]]))
        records[i]["excluded_packages"] = [f"p-{j:05d}" for j in picks]
    return records


def _employer_options() -> tuple[list[list[tuple[str, int]]], list[NDArray[np.float64]]]:
    """Per track: the (employer, town index) options and their probabilities."""
    gov = [
        (name, _TOWN_INDEX[town], weight * share)
        for name, towns, weight in _GOVERNMENT
        for town, share in towns.items()
    ]
    regional = [
        (f"{kind} {town}", i, pop * (1.0 if kind == "Gemeente" else 0.5))
        for i, (town, _, _, pop) in enumerate(_TOWNS)
        for kind in _REGIONAL_KINDS
    ]
    options, probs = [], []
    for track in _TRACKS:
        if track in ("individual", "collective"):
            table = gov
        elif track == "regional":
            table = regional
        else:  # maatwerk: the employer is the supplier of the package's task family
            table = [("", i, pop) for i, (_, _, _, pop) in enumerate(_TOWNS)]
        options.append([(name, town) for name, town, _ in table])
        probs.append(_p([w for _, _, w in table]))
    return options, probs


def _make_packages(
    rng: np.random.Generator, m: int, later: np.random.Generator
) -> list[dict[str, Any]]:
    n_dims = len(DIMENSIONS)
    n_fam = len(_FAMILIES)
    track = rng.choice(len(_TRACKS), size=m, p=_p(_TRACK_P))

    # Task family given the track.
    fam_by_track = np.array([f.track_weight for f in _FAMILIES]).T  # (tracks, families)
    fam_cdf = np.cumsum(fam_by_track / fam_by_track.sum(axis=1, keepdims=True), axis=1)
    fam = np.minimum((rng.random(m)[:, None] > fam_cdf[track]).sum(axis=1), n_fam - 1)

    # Employer and town given the track.
    options, probs = _employer_options()
    employer = [""] * m
    town = np.zeros(m, dtype=np.int64)
    for t, (opts, p) in enumerate(zip(options, probs, strict=True)):
        idx = np.flatnonzero(track == t)
        pick = rng.choice(len(opts), size=idx.size, p=p).tolist()
        for i, k in zip(idx.tolist(), pick, strict=True):
            employer[i], town[i] = opts[k]
    lat, lon = _jitter(rng, town, _WORK_JITTER_KM)

    # Tasks (1-4) and sector tags (1-2) from the family.
    task_w = _family_task_weights()[fam] + 0.01
    n_tasks = rng.choice(np.arange(1, 5), size=m, p=_p([0.25, 0.35, 0.25, 0.15]))
    tasks = _tag_lists(TASKS, *_top_k(rng, task_w, n_tasks))
    tag_w = _family_interest_weights()[fam]
    n_tags = rng.choice(np.arange(1, 3), size=m, p=_p([0.6, 0.4]))
    tags = _tag_lists(INTERESTS, *_top_k(rng, tag_w, n_tags))

    # Demands: the family's profile, a level around its typical one, sometimes one extra.
    prob = np.zeros((n_fam, n_dims))
    typical = np.ones((n_fam, n_dims), dtype=np.int64)
    for f, family in enumerate(_FAMILIES):
        for dim, (p_dim, level) in family.demands.items():
            prob[f, DIMENSIONS.index(dim)] = p_dim
            typical[f, DIMENSIONS.index(dim)] = level
    present = rng.random((m, n_dims)) < prob[fam]
    shift = rng.choice(np.array([-1, 0, 0, 1]), size=(m, n_dims))
    level = np.clip(typical[fam] + shift, 1, 3)
    extra = rng.integers(0, n_dims, size=m)
    has_extra = rng.random(m) < 0.15
    present[np.arange(m), extra] |= has_extra
    demands = np.where(present, level, 0)
    # Series production (Louis, Joop): packing at pace 3, seated all day.
    series = (fam == [f.name for f in _FAMILIES].index("logistics")) & (rng.random(m) < 0.25)
    demands[series, DIMENSIONS.index("work_pace")] = 3
    demands[series, DIMENSIONS.index("sitting")] = 3
    demands_l = demands.tolist()

    # Hours: per_week, then 3-5 days giving 3-8 hours a day.
    per_week = rng.choice(np.array(_PER_WEEK), size=m, p=_p(_PER_WEEK_P))
    lo = np.maximum(3, np.ceil(per_week / 8))
    hi = np.minimum(5, np.floor(per_week / 3))
    days = (lo + np.floor(rng.random(m) * (hi - lo + 1))).astype(np.int64)
    growth = np.minimum(per_week + rng.choice(np.array([4.0, 8.0, 12.0, 16.0]), size=m), 32.0)
    growth = np.where((rng.random(m) < 0.2) & (per_week < 32), growth, 0.0)

    # Schedule, stimulus, location, given the family.
    def by_family(table: NDArray[np.float64]) -> NDArray[np.int64]:
        cdf = np.cumsum(table / table.sum(axis=1, keepdims=True), axis=1)
        out: NDArray[np.int64] = np.minimum(
            (rng.random(m)[:, None] > cdf[fam]).sum(axis=1), table.shape[1] - 1
        )
        return out

    kind = by_family(np.array([f.schedule for f in _FAMILIES]))
    stimulus = by_family(np.array([f.stimulus for f in _FAMILIES]))
    where = by_family(np.array([f.work_location for f in _FAMILIES]))
    start_u = rng.random(m)

    # Support: the collective track always has a jobcoach and a team leader.
    collective = track == 1
    offers = np.stack(
        [
            collective | (rng.random(m) < 0.6),
            collective | (rng.random(m) < 0.35),
            rng.random(m) < 0.55,
            collective | (rng.random(m) < 0.7),
        ],
        axis=1,
    ).tolist()

    contract = rng.choice(len(_CONTRACTS), size=m, p=_p(_CONTRACT_P))
    temp_months = rng.choice(np.array([6, 7, 12, 12, 18, 24]), size=m)
    other_months = rng.choice(np.array([6, 12]), size=m)

    edu_u = rng.random(m)
    edu_k = rng.random(m)
    # From a stream of their own: transport arranged, office days of hybrid work, days of
    # different lengths.
    transport = (later.random(m) < np.where(collective, 0.3, 0.05)).tolist()
    office_u = later.random(m).tolist()
    uneven = (later.random(m) < 0.1).tolist()

    track_l, fam_l, per_week_l, days_l = (
        track.tolist(),
        fam.tolist(),
        per_week.tolist(),
        days.tolist(),
    )
    growth_l, kind_l, stim_l, where_l = (
        growth.tolist(),
        kind.tolist(),
        stimulus.tolist(),
        where.tolist(),
    )
    start_l, contract_l = start_u.tolist(), contract.tolist()
    tm_l, om_l, edu_u_l, edu_k_l = (
        temp_months.tolist(),
        other_months.tolist(),
        edu_u.tolist(),
        edu_k.tolist(),
    )

    offer_names = ("structure", "jobcoach", "mentor", "colleague")
    stim_names = ("low", "medium", "high")
    where_names = ("office", "hybrid", "remote")
    records: list[dict[str, Any]] = []
    for j in range(m):
        family = _FAMILIES[fam_l[j]]
        hours: dict[str, Any] = {"per_week": per_week_l[j], "days": days_l[j]}
        lengths = _uneven_days(float(per_week_l[j]), days_l[j]) if uneven[j] else None
        if lengths is not None:
            hours["per_day"] = lengths
        if growth_l[j]:
            hours["growth_to"] = growth_l[j]
        kind_name = _SCHEDULE_KINDS[kind_l[j]]
        u = start_l[j]
        if kind_name == "fixed":
            start: str | None = _FIXED_STARTS[int(u * len(_FIXED_STARTS))]
        elif kind_name == "shifts":
            start = _SHIFT_STARTS[int(u * len(_SHIFT_STARTS))] or None
        elif kind_name == "evening":
            start = _EVENING_STARTS[int(u * len(_EVENING_STARTS))]
        else:
            start = "09:00" if u < 0.3 else None
        contract_name = _CONTRACTS[contract_l[j]]
        if contract_name == "temporary":
            months: int | None = tm_l[j]
        elif contract_name in ("secondment", "agency", "min_max"):
            months = om_l[j]
        else:
            months = None
        title, about = _TITLES[family.name]
        rec: dict[str, Any] = {
            "id": f"p-{j:05d}",
            "title": title,
            "description": about,
            "employer": employer[j] or family.supplier,
            "organisation": _MINISTRY.get(employer[j], "")
            or ("" if employer[j] else "Maatwerk voor mensen (inkoop Rijk)"),
            "track": _TRACKS[track_l[j]],
            "tasks": tasks[j],
            "tags": tags[j],
            "demands": {DIMENSIONS[d]: v for d, v in enumerate(demands_l[j]) if v},
            "hours": hours,
            "schedule": {"kind": kind_name, "start": start},
            "stimulus": stim_names[stim_l[j]],
            "offers": {
                name: True for name, flag in zip(offer_names, offers[j], strict=True) if flag
            }
            | ({"transport": True} if transport[j] else {}),
            "work_location": where_names[where_l[j]],
            "contract": {"type": contract_name, "months": months},
            "office_days": _office_days(where_names[where_l[j]], days_l[j], office_u[j]),
            "location": {"lat": lat[j], "lon": lon[j]},
        }
        p_min, minimums = family.min_education
        if minimums and edu_u_l[j] < p_min:
            rec["min_education"] = minimums[int(edu_k_l[j] * len(minimums))]
        records.append(rec)
    return records


def _uneven_days(per_week: float, days: int) -> list[float] | None:
    """One longer day (at most 8 hours), the rest of the week spread over the other days; None
    when the days are too full for one to be longer."""
    even = per_week / days
    long = min(8.0, round(even * 1.5 * 2) / 2)
    rest = (per_week - long) / (days - 1)
    if long <= even or rest <= 0:
        return None
    middle = [round(rest, 2)] * (days - 2)
    return [long, *middle, round(per_week - long - sum(middle), 2)]


def _office_days(where: str, days: int, u: float) -> int | None:
    """Office days of hybrid work: mostly fewer than the working days, sometimes not given."""
    if where != "hybrid" or u < 0.2:
        return None
    return 1 + int((u - 0.2) / 0.8 * days)  # 1 .. days


def _distribute_slots(
    rng: np.random.Generator, packages: list[dict[str, Any]], slots_total: int
) -> list[int]:
    """Spread ``slots_total`` over the packages, each at least one; collective teams get more."""
    m = len(packages)
    if m == 0:
        return []
    weight = np.where([p["track"] == "collective" for p in packages], 6.0, 1.0)
    weight = weight * rng.gamma(2.0, 1.0, size=m)
    slots = 1 + rng.multinomial(slots_total - m, _p(weight))
    while (slots > _MAX_SLOTS).any():  # rare: huge totals on few packages
        excess = int(np.maximum(slots - _MAX_SLOTS, 0).sum())
        slots = np.minimum(slots, _MAX_SLOTS)
        room = _MAX_SLOTS - slots
        slots = slots + rng.multinomial(excess, _p(room))
    return [int(s) for s in slots]


def synthetic(
    n_candidates: int,
    n_packages: int,
    seed: int = 0,
    *,
    slots_total: int | None = None,
) -> tuple[list[Candidate], list[TaskPackage]]:
    """Generate realistic, made-up candidates and task packages.

    Homes and workplaces lie near about forty Dutch towns (``{"lat": .., "lon": ..}``, a few km
    of jitter, population-weighted); about 30% of candidates have an unknown education, 85% are
    registered in a target group, and each has one or two limited capacities and the needs of the
    domain brief at plausible frequencies. Packages come from eight task families (documents,
    facility, catering, cleaning, green, logistics, ICT, knowledge work) in the four tracks
    (about 40/30/20/10%) at government employers, suppliers and regional employers. With the
    default rules a few percent of the pairs are feasible.

    Parameters
    ----------
    n_candidates
        Number of candidates, ``>= 0``; ids ``c-000000``, ``c-000001``, ...
    n_packages
        Number of task packages, ``>= 0``; ids ``p-00000``, ``p-00001``, ...
    seed
        Seed for :func:`numpy.random.default_rng`, ``>= 0``. The same arguments give the same
        records. Candidates do not depend on ``n_packages`` (except which package ids a few of
        them excluded), and packages do not depend on ``n_candidates`` or ``slots_total``
        (except their ``slots``).
    slots_total
        Total number of slots over all packages. ``None`` (the default) gives every package one
        slot; otherwise every package gets at least one and the rest is spread at random, more
        to collective-track teams. Needs ``n_packages <= slots_total <= 10_000 * n_packages``.

    Returns
    -------
    candidates : list of Candidate
        ``n_candidates`` validated candidates, sorted by id.
    packages : list of TaskPackage
        ``n_packages`` validated task packages, sorted by id.

    Raises
    ------
    TypeError
        If a count, the seed or ``slots_total`` is not an int.
    wbamatch._exceptions.InputError
        (a ``ValueError``) if a count or the seed is negative, or ``slots_total`` cannot give
        every package between 1 and 10,000 slots.

    Examples
    --------
    >>> from wbamatch._synthetic import synthetic
    >>> candidates, packages = synthetic(200, 10, seed=1, slots_total=30)
    >>> len(candidates), len(packages), sum(p.slots for p in packages)
    (200, 10, 30)
    >>> candidates[0].id, packages[-1].id
    ('c-000000', 'p-00009')
    >>> synthetic(200, 10, seed=1, slots_total=30) == (candidates, packages)
    True
    """
    n = _check_count("n_candidates", n_candidates)
    m = _check_count("n_packages", n_packages)
    seed = _check_count("seed", seed)
    total: int | None = None
    if slots_total is not None:
        total = _check_count("slots_total", slots_total)
        if total < m:
            raise InputError(
                f"slots_total must be at least n_packages ({m}) so that every package gets a "
                f"slot, got {total}; raise slots_total or pass None for one slot each"
            )
        if total > _MAX_SLOTS * m:
            raise InputError(
                f"slots_total must be at most {_MAX_SLOTS} per package ({_MAX_SLOTS * m}), "
                f"got {total}; add packages or lower slots_total"
            )

    # Independent streams: candidates, packages and slots do not shift each other's draws.
    # Streams added later come after the first three, so older fields keep their values.
    cand_rng, pkg_rng, slot_rng, cand_extra, pkg_extra = np.random.default_rng(seed).spawn(5)
    cand_adapter, pkg_adapter = _adapters()
    # Millions of small objects that all stay alive: the cyclic garbage collector would scan
    # them again and again (half the run time at 250,000 candidates) and can free none.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        cand_records = _make_candidates(cand_rng, n, m, cand_extra)
        pkg_records = _make_packages(pkg_rng, m, pkg_extra)
        if total is not None:
            slots = _distribute_slots(slot_rng, pkg_records, total)
            for rec, k in zip(pkg_records, slots, strict=True):
                rec["slots"] = k
        candidates = cand_adapter.validate_python(cand_records)
        packages = pkg_adapter.validate_python(pkg_records)
    finally:
        if gc_was_enabled:
            gc.enable()
    return candidates, packages
