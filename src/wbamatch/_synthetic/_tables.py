"""The data tables of the synthetic generator: towns, task families, employers, distributions.

Made up, but shaped like the Banenafspraak at the Dutch government (see
:mod:`wbamatch._synthetic`). Changing a value here changes the data every seed gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = [
    "COMMUTE_LIMITS",
    "CONTRACTS",
    "CONTRACT_P",
    "EDUCATION",
    "EVENING_STARTS",
    "FAMILIES",
    "FIXED_STARTS",
    "GOVERNMENT",
    "HOME_JITTER_KM",
    "INTERESTS",
    "KM_PER_DEG_LAT",
    "LIMIT_WEIGHT",
    "MINISTRY",
    "NEEDS",
    "OFFERS",
    "PER_WEEK",
    "PER_WEEK_P",
    "REGIONAL_KINDS",
    "SCHEDULE_KINDS",
    "SHIFT_STARTS",
    "STIMULUS",
    "TARGET_GROUPS",
    "TASKS",
    "TIME_NEEDS",
    "TITLES",
    "TOWNS",
    "TOWN_INDEX",
    "TRACKS",
    "TRACK_P",
    "TRAVEL_MODES",
    "TRAVEL_P",
    "TRAVEL_P_RUSH",
    "UNKNOWN_CAPACITIES",
    "WORK_JITTER_KM",
    "WORK_LOCATIONS",
    "Family",
]

# --------------------------------------------------------------------------------------------
# Towns: name, latitude, longitude, weight (about the number of inhabitants, in thousands).
# --------------------------------------------------------------------------------------------
TOWNS: Final[tuple[tuple[str, float, float, float], ...]] = (
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
TOWN_INDEX: Final[dict[str, int]] = {t[0]: i for i, t in enumerate(TOWNS)}

#: Standard deviation of the jitter around a town centre, km (homes, workplaces).
HOME_JITTER_KM: Final[float] = 3.0
WORK_JITTER_KM: Final[float] = 1.5
KM_PER_DEG_LAT: Final[float] = 111.2

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
class Family:
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
TITLES: Final[dict[str, tuple[str, str]]] = {
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
MINISTRY: Final[dict[str, str]] = {
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

FAMILIES: Final[tuple[Family, ...]] = (
    Family(
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
    Family(
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
    Family(
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
    Family(
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
    Family(
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
    Family(
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
    Family(
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
    Family(
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
TASKS: Final[tuple[str, ...]] = tuple(sorted({t for f in FAMILIES for t in f.tasks}))

# --------------------------------------------------------------------------------------------
# Employers per track: (name, {town: share}, weight).
# --------------------------------------------------------------------------------------------
GOVERNMENT: Final[tuple[tuple[str, dict[str, float], float], ...]] = (
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
REGIONAL_KINDS: Final[tuple[str, ...]] = ("Gemeente", "Ziekenhuis", "Zorginstelling", "Hogeschool")

# --------------------------------------------------------------------------------------------
# Candidate distributions.
# --------------------------------------------------------------------------------------------
EDUCATION: Final[tuple[tuple[str, float], ...]] = (
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
TARGET_GROUPS: Final[tuple[tuple[str, float], ...]] = (
    ("assessment", 0.30),
    ("vso_pro", 0.20),
    ("wsw", 0.10),
    ("wajong", 0.25),
    ("wiw_id", 0.05),
    ("early_onset", 0.10),
)
#: Flag needs and how often a candidate has them.
NEEDS: Final[tuple[tuple[str, float], ...]] = (
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
TIME_NEEDS: Final[tuple[tuple[str, float, float], ...]] = (
    ("no_evening_work", 0.08, 0.30),
    ("no_night_work", 0.12, 0.35),
    ("movement", 0.06, 0.06),
    ("not_independent", 0.05, 0.05),
)
#: Candidates whose capacity profile is not recorded (unknown is never a fit).
UNKNOWN_CAPACITIES: Final[float] = 0.03
TRAVEL_MODES: Final[tuple[str, ...]] = (
    "public_transport",
    "bike",
    "car",
    "walk",
    "special_transport",
)
TRAVEL_P: Final[tuple[float, ...]] = (0.45, 0.32, 0.14, 0.03, 0.06)
#: Travel mode of candidates who avoid the rush hour: often special transport.
TRAVEL_P_RUSH: Final[tuple[float, ...]] = (0.30, 0.25, 0.08, 0.02, 0.35)
COMMUTE_LIMITS: Final[tuple[float, ...]] = (30.0, 45.0, 60.0, 60.0, 75.0, 90.0)

#: How often each dimension is among a candidate's limited capacities (relative weights).
LIMIT_WEIGHT: Final[dict[str, float]] = {
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

# --------------------------------------------------------------------------------------------
# Package distributions (besides the families' own).
# --------------------------------------------------------------------------------------------
#: What the probabilities of a family's ``schedule``, ``stimulus`` and ``work_location`` are of,
#: and the support a package may offer.
SCHEDULE_KINDS: Final[tuple[str, ...]] = ("fixed", "shifts", "evening", "flexible")
STIMULUS: Final[tuple[str, ...]] = ("low", "medium", "high")
WORK_LOCATIONS: Final[tuple[str, ...]] = ("office", "hybrid", "remote")
OFFERS: Final[tuple[str, ...]] = ("structure", "jobcoach", "mentor", "colleague")
#: Start times per schedule kind ("" in shifts: no fixed start).
FIXED_STARTS: Final[tuple[str, ...]] = (
    "08:00",
    "08:30",
    "08:30",
    "09:00",
    "09:00",
    "09:30",
    "10:00",
)
SHIFT_STARTS: Final[tuple[str, ...]] = ("07:00", "15:00", "")
EVENING_STARTS: Final[tuple[str, ...]] = ("17:00", "18:00", "18:30")
TRACKS: Final[tuple[str, ...]] = ("individual", "collective", "maatwerk", "regional")
TRACK_P: Final[tuple[float, ...]] = (0.40, 0.30, 0.20, 0.10)
CONTRACTS: Final[tuple[str, ...]] = (
    "permanent",
    "temporary",
    "secondment",
    "agency",
    "zero_hours",
    "min_max",
)
CONTRACT_P: Final[tuple[float, ...]] = (0.35, 0.48, 0.05, 0.05, 0.04, 0.03)
PER_WEEK: Final[tuple[float, ...]] = (12.0, 16.0, 18.0, 20.0, 24.0, 28.0, 32.0)
PER_WEEK_P: Final[tuple[float, ...]] = (0.10, 0.20, 0.10, 0.20, 0.20, 0.10, 0.10)
