"""Checks over the real MassGIS data in BEACON_DATA_DIR (skipped when it is absent).

The data is imported once for this module (about 3 s) and removed afterwards, so other
tests never see it.
"""

from __future__ import annotations

import random

import pytest
import shapely
from django.conf import settings
from django.utils import timezone

from beacon.geo.index import index_for, index_invalidate
from beacon.geo.models import Boundary, BoundarySet, Division
from beacon.geo.selectors import boundary_geometry, division_list_for_point
from beacon.geo.services import address_resolve, boundaries_import, location_resolve

from .conftest import PLAN_START

BOUNDARIES = settings.BEACON_DATA_DIR / "ma" / "boundaries"
LAYERS = [("house2021", "sldl"), ("senate2021", "sldu"), ("city_town_2024", "place")]

pytestmark = [
    pytest.mark.skipif(not (BOUNDARIES / "house2021.geojson").exists(), reason="no shared data"),
    pytest.mark.django_db,
    # One worker under xdist: the real boundaries are imported once for the module.
    pytest.mark.xdist_group("geo_real_data"),
]


@pytest.fixture(scope="module", autouse=True)
def real_boundaries(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        divisions_before = set(Division.objects.values_list("pk", flat=True))
        sets_before = set(BoundarySet.objects.values_list("pk", flat=True))
        reports = {
            kind: boundaries_import(
                path=BOUNDARIES / f"{name}.geojson",
                kind=kind,
                set_name="2021 plan",
                effective_from=PLAN_START,
            )
            for name, kind in LAYERS
        }
        yield reports
        BoundarySet.objects.exclude(pk__in=sets_before).delete()
        Division.objects.exclude(pk__in=divisions_before).delete()
    index_invalidate()


def at(lat: float, lon: float) -> dict[str, str]:
    return {d.kind: d.name for d in division_list_for_point(lat=lat, lon=lon)}


def test_every_district_has_a_boundary_and_every_feature_a_district(real_boundaries):
    for report in real_boundaries.values():
        assert report.is_complete
    assert Boundary.objects.filter(division__kind="sldl").count() == 160
    assert Boundary.objects.filter(division__kind="sldu").count() == 40
    assert Boundary.objects.filter(division__kind="place").count() == 351


def test_known_places():
    assert at(42.3587, -71.0638) == {  # the State House, Beacon Hill
        "state": "Massachusetts",
        "place": "Boston",
        "sldu": "Third Suffolk",
        "sldl": "8th Suffolk",
    }
    pittsfield = at(42.4501, -73.2454)  # Park Square
    assert pittsfield["place"] == "Pittsfield"
    assert pittsfield["sldl"].endswith("Berkshire")
    assert pittsfield["sldu"] == "Berkshire, Hampden, Franklin and Hampshire"
    provincetown = at(42.0519, -70.1862)  # Town Hall
    assert (provincetown["place"], provincetown["sldl"], provincetown["sldu"]) == (
        "Provincetown",
        "4th Barnstable",
        "Cape and Islands",
    )
    assert at(41.824, -71.4128) == {}  # Providence, Rhode Island
    assert location_resolve(lat=41.824, lon=-71.4128).error == "outside_state"


def test_every_town_wholly_in_one_house_and_senate_district_resolves_to_them():
    exact = 0
    for place in Division.objects.filter(kind="place"):
        resolution = address_resolve(city=place.name)
        if "sldl" in resolution.candidates or "sldu" in resolution.candidates:
            continue
        exact += 1
        geometry = boundary_geometry(Boundary.objects.get(division=place))
        point = shapely.get_coordinates(geometry.representative_point())[0]
        found = at(lat=point[1], lon=point[0])
        expected = {d.kind: d.name for d in resolution.divisions}
        assert found == expected, place.name
    # Most towns are small enough to sit in one House and one Senate district.
    assert 150 < exact < 351


def test_boston_is_split_and_offers_its_districts():
    boston = address_resolve(city="Boston")
    assert not boston.is_exact
    assert "8th Suffolk" in [d.name for d in boston.candidates["sldl"]]
    assert len(boston.candidates["sldu"]) >= 5


def test_the_grid_agrees_with_a_plain_polygon_test_everywhere():
    index = index_for(timezone.localdate())
    rng = random.Random(3)
    for _ in range(1000):
        lon, lat = rng.uniform(-73.6, -69.8), rng.uniform(41.2, 42.95)
        expected = [
            i for i, g in enumerate(index.geometries) if g.contains(shapely.Point(lon, lat))
        ]
        assert index.grid.indices_at(lon, lat) == expected, (lat, lon)


def test_a_zip_code_alone_is_treated_like_its_town_and_flagged_approximate():
    pittsfield = address_resolve(zip_code="01201")
    assert pittsfield.precision == "zip" and not pittsfield.is_exact
    assert pittsfield.place is not None and pittsfield.place.name == "Pittsfield"
    # Boston is split between many districts: candidates, never a silent guess.
    boston = address_resolve(zip_code="02108")
    assert boston.precision == "zip" and boston.candidates
    assert "sldl" not in {d.kind for d in boston.divisions}
