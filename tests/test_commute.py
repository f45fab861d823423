"""Tests for the offline commute layer: gazetteer, location resolution, distances, travel times."""

from __future__ import annotations

import csv
import importlib.resources
import io
import math
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from wbamatch._commute import (
    EstimatedTravelTime,
    Gazetteer,
    Place,
    TravelTimeProvider,
    haversine_km,
    normalise_place,
    resolve_locations,
)
from wbamatch._config import CommuteSettings
from wbamatch._exceptions import InputError, UnknownPlaceError
from wbamatch._models import Location
from wbamatch._vocabulary import TravelMode

AMSTERDAM = (52.37403, 4.88969)
UTRECHT = (52.09083, 5.12222)
THE_HAGUE = (52.07667, 4.29861)

# Netherlands bounding box (European part), degrees.
LAT_MIN, LAT_MAX, LON_MIN, LON_MAX = 50.7, 53.7, 3.3, 7.3

nl_lat = st.floats(LAT_MIN, LAT_MAX, allow_nan=False)
nl_lon = st.floats(LON_MIN, LON_MAX, allow_nan=False)
nl_points = st.integers(1, 8).flatmap(
    lambda n: st.tuples(
        arrays(np.float64, n, elements=nl_lat), arrays(np.float64, n, elements=nl_lon)
    ).map(lambda t: np.column_stack(t))
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _csv_rows() -> list[dict[str, str]]:
    resource = importlib.resources.files("wbamatch") / "data" / "nl_places.csv"
    return list(csv.DictReader(io.StringIO(resource.read_text(encoding="utf-8"))))


# --- normalise_place --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        (
            ["'s-Gravenhage", "'S-GRAVENHAGE", "’s-Gravenhage", "s Gravenhage", "`s-gravenhage"],
            "s gravenhage",
        ),
        (["Den Haag", "DEN HAAG", " den  haag ", "Den-Haag"], "den haag"),
        (
            ["Alphen aan den Rijn", "Alphen a/d Rijn", "Alphen a.d. Rijn", "alphen aan de rijn"],
            "alphen aan de rijn",
        ),
        (["Sint-Michielsgestel", "St. Michielsgestel", "St Michielsgestel"], "sint michielsgestel"),
        (["Súdwest-Fryslân", "Sudwest Fryslan"], "sudwest fryslan"),
        (["IJmuiden", "Ijmuiden", "ĳmuiden"], "ijmuiden"),
    ],
)
def test_normalise_place_variants(variants: list[str], expected: str) -> None:
    assert {normalise_place(v) for v in variants} == {expected}


def test_normalise_place_empty() -> None:
    assert normalise_place("  -- '' ") == ""


@given(st.text(max_size=30))
def test_normalise_place_is_idempotent(text: str) -> None:
    once = normalise_place(text)
    assert normalise_place(once) == once
    assert once == once.strip()
    assert "  " not in once


# --- Gazetteer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variants",
    [
        ["Den Haag", "'s-Gravenhage", "The Hague", "DEN HAAG", "’s-Gravenhage", "s Gravenhage"],
        ["'s-Hertogenbosch", "Den Bosch", "'s Hertogenbosch", "s-Hertogenbosch", "DEN BOSCH"],
        ["Utrecht", "utrecht", "UTRECHT", " Utrecht "],
        ["Amsterdam", "AMSTERDAM", "amsterdam"],
        ["Alphen aan den Rijn", "Alphen a/d Rijn"],
        ["Almere", "Almere Stad"],
        ["Den Helder", "den helder"],
    ],
)
def test_variants_resolve_to_same_coordinates(gaz: Gazetteer, variants: list[str]) -> None:
    found = {gaz.lookup(v) for v in variants}
    assert len(found) == 1
    assert None not in found
    assert all(v in gaz for v in variants)


@pytest.mark.parametrize(
    ("name", "expected"), [("Den Haag", THE_HAGUE), ("Utrecht", UTRECHT), ("Amsterdam", AMSTERDAM)]
)
def test_known_coordinates(gaz: Gazetteer, name: str, expected: tuple[float, float]) -> None:
    coords = gaz.lookup(name)
    assert coords is not None
    assert coords == pytest.approx(expected, abs=0.01)


def test_different_places_differ(gaz: Gazetteer) -> None:
    assert gaz.lookup("Den Haag") != gaz.lookup("Den Helder")
    assert gaz.lookup("Den Bosch") != gaz.lookup("Bosch en Duin")


def test_own_name_beats_alias(gaz: Gazetteer) -> None:
    # "Hoorn" is an alias of Den Hoorn, "Kapelle" one of Capelle aan den IJssel (larger).
    hoorn, kapelle = gaz.find("Hoorn"), gaz.find("Kapelle")
    assert hoorn is not None and hoorn.name == "Hoorn"
    assert kapelle is not None and kapelle.name == "Kapelle"


def test_ambiguous_name_most_populous_wins(gaz: Gazetteer) -> None:
    hengelo = gaz.find("Hengelo")
    assert hengelo is not None
    assert hengelo.population == max(
        int(r["population"]) for r in _csv_rows() if r["name"] == "Hengelo"
    )
    assert hengelo.lat == pytest.approx(52.27, abs=0.05)  # Hengelo (Overijssel)


@given(st.permutations(range(4)))
def test_ambiguity_is_order_independent(order: list[int]) -> None:
    places = [
        Place("Beek", 50.94, 5.80, 4000),
        Place("Beek", 51.80, 6.00, 4000),  # same population: first by coordinates wins
        Place("Groot-Beek", 52.0, 6.0, 90000, ("Beek",)),  # an alias never beats a name
        Place("Klein", 53.0, 6.5, 10),
    ]
    gaz = Gazetteer(places[i] for i in order)
    assert gaz.lookup("beek") == (50.94, 5.80)
    assert gaz.lookup("Groot Beek") == (52.0, 6.0)


def test_contains_len_and_unknown(gaz: Gazetteer) -> None:
    assert len(gaz) >= 1500
    assert "Zwolle" in gaz
    assert "Atlantis" not in gaz
    assert 42 not in gaz
    assert gaz.lookup("Atlantis") is None
    assert gaz.lookup("") is None
    assert gaz.find("Den Bosch") == gaz.find("'s-Hertogenbosch")


def test_default_is_cached() -> None:
    assert Gazetteer.default() is Gazetteer.default()


def test_from_csv() -> None:
    text = "name,lat,lon,population,aliases\nDen Burg,53.05,4.8,7000,Texel|De Burg\nX,52,5,,\n"
    gaz = Gazetteer.from_csv(io.StringIO(text))
    assert gaz.lookup("TEXEL") == (53.05, 4.8)
    assert gaz.lookup("x") == (52.0, 5.0)
    with pytest.raises(InputError, match="columns"):
        Gazetteer.from_csv(io.StringIO("place,lat,lon\n"))


def test_suggest(gaz: Gazetteer) -> None:
    assert gaz.suggest("Amsterdm") == "Amsterdam"
    assert gaz.suggest("Xyzzy qwerty") is None


# --- the shipped CSV --------------------------------------------------------------------------


def test_csv_size_and_coordinates() -> None:
    rows = _csv_rows()
    assert len(rows) >= 1500
    assert list(rows[0]) == ["name", "lat", "lon", "population", "aliases"]
    for row in rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        assert math.isfinite(lat) and math.isfinite(lon), row["name"]
        assert LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX, row["name"]
        assert int(row["population"]) >= 0
        assert row["name"].strip()
        assert "" not in row["aliases"].split("|") or row["aliases"] == ""
    names = [r["name"].casefold() for r in rows]
    assert names == sorted(names), "rows must be sorted by name for stable diffs"
    resource = importlib.resources.files("wbamatch") / "data" / "nl_places.csv"
    assert len(resource.read_bytes()) < 1_000_000


def test_import_is_lazy() -> None:
    code = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda e, a: opened.append(str(a[0])) if e == 'open' else None)\n"
        "import wbamatch._commute as commute\n"
        "before = sum(p.endswith('nl_places.csv') for p in opened)\n"
        "assert commute.Gazetteer.default().lookup('Utrecht') is not None\n"
        "after = sum(p.endswith('nl_places.csv') for p in opened)\n"
        "print(before, after)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.split() == ["0", "1"]


# --- resolve_locations ----------------------------------------------------------------------


def test_resolve_locations_mixed() -> None:
    locs = [
        Location(place="Den Haag"),
        None,
        Location(lat=52.5, lon=6.0),
        Location(place="'s-Gravenhage"),
    ]
    out = resolve_locations(locs, ["c-1", "c-2", "c-3", "c-4"], "home")
    assert out.shape == (4, 2)
    assert out.dtype == np.float64
    assert out[0] == pytest.approx(THE_HAGUE, abs=1e-6)
    assert np.isnan(out[1]).all()
    assert out[2].tolist() == [52.5, 6.0]
    assert out[3].tolist() == out[0].tolist()


def test_resolve_locations_empty() -> None:
    assert resolve_locations([], [], "home").shape == (0, 2)


def test_resolve_locations_custom_gazetteer() -> None:
    gaz = Gazetteer([Place("Nergenshuizen", 52.0, 5.0)])
    out = resolve_locations([Location(place="NERGENSHUIZEN")], ["p-1"], "location", gaz)
    assert out.tolist() == [[52.0, 5.0]]
    with pytest.raises(UnknownPlaceError):
        resolve_locations([Location(place="Utrecht")], ["p-1"], "location", gaz)


def test_unknown_place_names_id_and_field() -> None:
    with pytest.raises(UnknownPlaceError) as info:
        resolve_locations(
            [Location(place="Utrecht"), Location(place="Atlantis")], ["c-1", "c-7"], "home"
        )
    msg = str(info.value)
    assert msg == (
        "Candidate 'c-7', field home.place: unknown place 'Atlantis'; use a Dutch place name "
        'from the gazetteer or give {"lat": .., "lon": ..}'
    )
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, InputError)


def test_unknown_places_all_listed() -> None:
    locs = [Location(place=p) for p in ["Atlantis", "Utrecht", "El Dorado", "Amsterdm"]]
    with pytest.raises(UnknownPlaceError) as info:
        resolve_locations(locs, ["p-1", "p-2", "p-3", "p-4"], "location")
    msg = str(info.value)
    assert msg.startswith("3 unknown places")
    assert "TaskPackage 'p-1', field location.place: unknown place 'Atlantis'" in msg
    assert "TaskPackage 'p-3', field location.place: unknown place 'El Dorado'" in msg
    assert "'Amsterdm' (did you mean 'Amsterdam'?)" in msg
    assert "'p-2'" not in msg
    assert '{"lat": .., "lon": ..}' in msg


def test_unknown_places_truncated_after_20() -> None:
    n = 25
    locs = [Location(place=f"Nowhere {i}") for i in range(n)]
    with pytest.raises(UnknownPlaceError) as info:
        resolve_locations(locs, [f"c-{i}" for i in range(n)], "home", record="Candidate")
    msg = str(info.value)
    assert msg.startswith("25 unknown places")
    assert "'c-19'" in msg and "'c-20'" not in msg
    assert msg.rstrip().endswith("and 5 more")


def test_resolve_locations_length_mismatch() -> None:
    with pytest.raises(InputError, match="ids"):
        resolve_locations([None, None], ["c-1"], "home")


# --- haversine_km ---------------------------------------------------------------------------


def test_haversine_amsterdam_utrecht() -> None:
    d = haversine_km(np.array([AMSTERDAM]), np.array([UTRECHT]))
    assert d.shape == (1, 1)
    assert d[0, 0] == pytest.approx(35.0, abs=1.5)


def test_haversine_nan_propagates() -> None:
    origins = np.array([AMSTERDAM, (np.nan, np.nan), (52.0, np.nan)])
    dest = np.array([UTRECHT, THE_HAGUE])
    d = haversine_km(origins, dest)
    assert d.shape == (3, 2)
    assert np.isfinite(d[0]).all()
    assert np.isnan(d[1:]).all()
    assert np.isnan(haversine_km(dest, origins)[:, 1:]).all()


def test_haversine_shape_checked() -> None:
    with pytest.raises(InputError, match="shape"):
        haversine_km(np.zeros(2), np.zeros((1, 2)))
    assert haversine_km(np.zeros((0, 2)), np.zeros((3, 2))).shape == (0, 3)


@given(nl_points, nl_points)
def test_haversine_symmetric_and_bounded(a: np.ndarray, b: np.ndarray) -> None:
    ab, ba = haversine_km(a, b), haversine_km(b, a)
    assert ab.shape == (len(a), len(b))
    np.testing.assert_allclose(ab, ba.T, rtol=1e-12, atol=1e-9)
    assert (ab >= 0).all()
    assert (ab < 500).all()  # nothing in the Netherlands is 500 km apart


@given(nl_points)
def test_haversine_zero_diagonal(a: np.ndarray) -> None:
    d = haversine_km(a, a)
    assert np.diag(d).tolist() == [0.0] * len(a)


# --- travel times -----------------------------------------------------------------------------


def test_estimated_is_a_provider() -> None:
    assert isinstance(EstimatedTravelTime(), TravelTimeProvider)
    assert not isinstance(np.zeros((2, 2)), TravelTimeProvider)


def test_bike_slower_than_car() -> None:
    est = EstimatedTravelTime()
    origins = np.array([UTRECHT, UTRECHT])
    t = est.minutes(origins, np.array([AMSTERDAM]), [TravelMode.BIKE, TravelMode.CAR])
    assert t.shape == (2, 1)
    assert t[0, 0] > t[1, 0]


def test_overhead_at_zero_distance() -> None:
    cfg = CommuteSettings()
    est = EstimatedTravelTime(cfg)
    modes = list(TravelMode)
    origins = np.array([UTRECHT] * len(modes))
    t = est.minutes(origins, np.array([UTRECHT]), modes)
    assert t[:, 0].tolist() == [cfg.overhead_minutes[m] for m in modes]


def test_formula_and_shape() -> None:
    cfg = CommuteSettings()
    est = EstimatedTravelTime(cfg)
    origins = np.array([UTRECHT, AMSTERDAM, (np.nan, np.nan)])
    dest = np.array([AMSTERDAM, THE_HAGUE, UTRECHT, UTRECHT])
    modes = [TravelMode.PUBLIC_TRANSPORT, TravelMode.BIKE, TravelMode.CAR]
    t = est.minutes(origins, dest, modes)
    assert t.shape == (3, 4)
    assert t.dtype == np.float64
    km = haversine_km(origins, dest)
    for i, m in enumerate(modes[:2]):
        expected = cfg.overhead_minutes[m] + 60 * km[i] * cfg.detour_factor[m] / cfg.speed_kmh[m]
        np.testing.assert_allclose(t[i], expected)
    assert np.isnan(t[2]).all()


def test_mixed_modes_match_single_mode() -> None:
    est = EstimatedTravelTime()
    origins = np.array([UTRECHT, AMSTERDAM, THE_HAGUE, UTRECHT])
    dest = np.array([AMSTERDAM, THE_HAGUE])
    modes = [TravelMode.BIKE, TravelMode.CAR, TravelMode.BIKE, TravelMode.WALK]
    mixed = est.minutes(origins, dest, modes)
    for i, m in enumerate(modes):
        single = est.minutes(origins[i : i + 1], dest, [m])
        np.testing.assert_allclose(mixed[i], single[0])
    # strings and a single shared mode work too
    np.testing.assert_allclose(
        est.minutes(origins, dest, ["bike"] * 4), est.minutes(origins, dest, TravelMode.BIKE)
    )


def test_partial_settings_keep_defaults() -> None:
    fast_bike = CommuteSettings(
        speed_kmh={TravelMode.BIKE: 30.0},
        detour_factor={TravelMode.BIKE: 1.0},
        overhead_minutes={TravelMode.BIKE: 0.0},
    )
    origins, dest = np.array([UTRECHT, UTRECHT]), np.array([AMSTERDAM])
    t = EstimatedTravelTime(fast_bike).minutes(origins, dest, ["bike", "car"])
    km = haversine_km(origins[:1], dest)[0, 0]
    assert t[0, 0] == pytest.approx(2 * km)
    assert t[1, 0] == pytest.approx(EstimatedTravelTime().minutes(origins, dest, ["car"] * 2)[1, 0])


def test_travel_time_input_errors() -> None:
    est = EstimatedTravelTime()
    with pytest.raises(InputError, match="travel modes"):
        est.minutes(np.array([UTRECHT]), np.array([UTRECHT]), [TravelMode.BIKE] * 2)
    with pytest.raises(InputError, match="unknown travel mode"):
        est.minutes(np.array([UTRECHT]), np.array([UTRECHT]), ["teleport"])
    assert est.minutes(np.zeros((0, 2)), np.zeros((2, 2)), []).shape == (0, 2)


@settings(max_examples=60)
@given(
    st.tuples(nl_lat, nl_lon),
    arrays(np.float64, st.integers(2, 12), elements=st.floats(0, 1.5)),
    st.sampled_from(list(TravelMode)),
)
def test_minutes_monotone_in_distance(
    origin: tuple[float, float], offsets: np.ndarray, mode: TravelMode
) -> None:
    # destinations due north of the origin at increasing latitude offsets
    dest = np.column_stack([origin[0] + np.sort(offsets), np.full(len(offsets), origin[1])])
    t = EstimatedTravelTime().minutes(np.array([origin]), dest, [mode])[0]
    assert (np.diff(t) >= -1e-9).all()
    km = haversine_km(np.array([origin]), dest)[0]
    order = np.argsort(km, kind="stable")
    assert (np.diff(t[order]) >= -1e-9).all()
