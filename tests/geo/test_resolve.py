"""Resolving addresses and locations: points, towns (whole and split), ZIPs, the Census."""

from __future__ import annotations

import logging

import pytest
import shapely
import shapely.geometry

from beacon.geo.models import PlaceOverlap
from beacon.geo.providers import geocoder_get
from beacon.geo.selectors import division_list_for_point, place_overlap_list
from beacon.geo.services import address_resolve, boundaries_import, location_resolve

from .conftest import ALPHA, BETA_EAST, BETA_WEST, GAMMA, NOWHERE, PLAN_START, geojson_write

pytestmark = pytest.mark.django_db


def names(divisions):
    return [d.name for d in divisions]


def test_a_point_gets_its_state_town_and_districts(tiny_boundaries):
    assert names(division_list_for_point(lat=BETA_EAST[0], lon=BETA_EAST[1])) == [
        "Massachusetts",
        "Beta",
        "Cape and Islands",
        "2nd Barnstable",
    ]
    resolution = location_resolve(lat=BETA_WEST[0], lon=BETA_WEST[1])
    assert resolution.is_exact
    assert resolution.precision == "point"
    assert resolution.place.name == "Beta"
    assert resolution.division_of_kind("sldl").name == "1st Barnstable"
    assert resolution.point == BETA_WEST


def test_a_point_in_the_unmatched_area_or_abroad_is_outside_the_state(tiny_boundaries):
    assert division_list_for_point(lat=NOWHERE[0], lon=NOWHERE[1]) == []
    assert location_resolve(lat=41.824, lon=-71.4128).error == "outside_state"


def test_without_boundary_data_the_lookup_is_unavailable():
    assert location_resolve(lat=ALPHA[0], lon=ALPHA[1]).error == "unavailable"


@pytest.mark.parametrize(
    "lat,lon", [("abc", "1"), (None, 2), (float("nan"), 1.0), (91, 0), (0, 181), ("inf", 0)]
)
def test_bad_coordinates_are_invalid(lat, lon):
    resolution = location_resolve(lat=lat, lon=lon)
    assert resolution.error == "invalid"
    assert not resolution.is_exact


def test_a_town_wholly_inside_its_districts_is_exact(tiny_boundaries):
    resolution = address_resolve(city="  alpha ")

    assert resolution.is_exact
    assert resolution.precision == "town"
    assert names(resolution.divisions) == [
        "Massachusetts",
        "Alpha",
        "Cape and Islands",
        "1st Barnstable",
    ]


def test_a_split_town_offers_candidates_largest_share_first(tiny_boundaries):
    resolution = address_resolve(city="Beta", zip_code="01760")

    assert not resolution.is_exact
    assert resolution.error is None
    assert names(resolution.candidates["sldl"]) == ["1st Barnstable", "2nd Barnstable"]
    assert "sldu" not in resolution.candidates
    assert resolution.division_of_kind("sldu").name == "Cape and Islands"
    shares = [round(share, 2) for _d, share in place_overlap_list(place=resolution.place)["sldl"]]
    assert shares == [0.64, 0.36]


def test_a_boundary_sliver_does_not_split_a_town(tiny_boundaries):
    # Gamma touches 1st Barnstable over 0.03% of its area: boundary noise.
    resolution = address_resolve(city="Gamma")

    assert resolution.is_exact
    assert resolution.division_of_kind("sldl").name == "2nd Barnstable"
    assert not PlaceOverlap.objects.filter(place__name="Gamma", district__name="1st Barnstable")
    assert names(division_list_for_point(lat=GAMMA[0], lon=GAMMA[1]))[-1] == "2nd Barnstable"


def test_unknown_towns_zip_codes_and_bad_input(tiny_boundaries):
    assert address_resolve(city="Springfield, IL").error == "not_found"
    zip_only = address_resolve(zip_code="01760")
    assert (zip_only.precision, zip_only.error, zip_only.is_exact) == ("zip", None, False)
    assert names(zip_only.divisions) == ["Massachusetts"]
    assert address_resolve(zip_code="02903").error == "outside_state"  # Providence, RI
    assert address_resolve(city="Alpha", zip_code="10001").error == "outside_state"
    for bad in [
        {},
        {"zip_code": "ABCDE"},
        {"city": "x" * 101},
        {"street": "1 Main St\x00", "city": "Alpha"},
        {"city": 42},
    ]:
        assert address_resolve(**bad).error == "invalid", bad


def test_the_offline_geocoder_falls_back_to_the_town_silently(tiny_boundaries):
    resolution = address_resolve(street="12 Main St", city="Alpha")

    assert geocoder_get().sends_address_to == ""
    assert resolution.precision == "town"
    assert resolution.street_error is None
    assert resolution.is_exact
    assert address_resolve(street="12 Main St").error == "not_found"


def test_census_match_is_looked_up_as_a_point(tiny_boundaries, census, caplog):
    census.reply_with("match.json")
    caplog.set_level(logging.DEBUG)

    resolution = address_resolve(street="12 Main St", city="Alpha", zip_code="01760")

    assert "Census Bureau" in str(geocoder_get().sends_address_to)
    assert resolution.precision == "street"
    assert resolution.is_exact
    assert resolution.point == pytest.approx(ALPHA, abs=1e-6)
    assert resolution.division_of_kind("sldl").name == "1st Barnstable"
    query = census.queries[0]
    assert query["street"] == ["12 Main St"]
    assert (query["state"], query["benchmark"], query["format"]) == (
        ["MA"],
        ["Public_AR_Current"],
        ["json"],
    )
    assert "Main St" not in caplog.text


def test_census_match_in_another_state_is_outside_the_state(tiny_boundaries, census):
    census.reply_with("match_rhode_island.json")

    assert address_resolve(street="1 N Main St", city="Providence").error == "outside_state"


def test_census_no_match_falls_back_to_the_town(tiny_boundaries, census):
    census.reply_with("no_match.json")
    census.reply_with("no_match.json")

    resolution = address_resolve(street="999999 Nowhere Rd", city="Beta")
    assert (resolution.precision, resolution.street_error) == ("town", "not_found")
    assert names(resolution.candidates["sldl"]) == ["1st Barnstable", "2nd Barnstable"]
    assert address_resolve(street="999999 Nowhere Rd").error == "not_found"


def test_census_error_response_is_invalid_input(tiny_boundaries, census):
    census.reply_with("error.json", status=400)

    assert address_resolve(street="1" * 150).error == "invalid"


def test_census_timeout_and_server_errors_are_unavailable(tiny_boundaries, census, caplog):
    census.reply_with("match.json", delay=2.0)  # longer than the 0.5 s timeout
    census.reply_with("", status=503)
    census.reply_with("", status=200)  # not JSON

    with caplog.at_level(logging.WARNING):
        slow = address_resolve(street="12 Main St", city="Alpha")
        down = address_resolve(street="12 Main St")
        garbled = address_resolve(street="12 Main St")

    assert (slow.precision, slow.street_error, slow.is_exact) == ("town", "unavailable", True)
    assert down.error == "unavailable"
    assert garbled.error == "unavailable"
    assert "Census geocoder" in caplog.text
    assert "Main St" not in caplog.text


def test_a_small_but_solid_piece_splits_a_town_and_a_thin_strip_does_not(tmp_path):
    town = shapely.box(200_000, 900_000, 204_000, 904_000)  # 16 km²
    corner = shapely.box(200_000, 900_000, 200_250, 900_250)  # 0.39% of the town, solid
    strip = shapely.box(200_000, 903_985, 204_000, 904_000)  # 0.38% of the town, 15 m wide
    rest = town.difference(corner).difference(strip)

    def feature(name, geometry):
        return {"type": "Feature", "properties": {"district_display": name, "city_town": name},
                "geometry": shapely.geometry.mapping(geometry)}  # fmt: skip

    houses = [("1st Barnstable", rest), ("2nd Barnstable", corner), ("3rd Barnstable", strip)]
    for kind, features in [
        ("sldl", [feature(n, g) for n, g in houses]),
        ("place", [feature("Delta", town)]),
    ]:
        path = geojson_write(tmp_path / f"{kind}.geojson", features, crs="EPSG:26986")
        boundaries_import(path=path, kind=kind, set_name="test", effective_from=PLAN_START)

    resolution = address_resolve(city="Delta")

    assert names(resolution.candidates["sldl"]) == ["1st Barnstable", "2nd Barnstable"]
