"""The local geocoder: TIGER/Line ranges and MassGIS points imported, addresses matched."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from beacon.geo.models import AddressPoint, AddressRange, AddressSource, StreetSegment
from beacon.geo.providers import geocoder_get
from beacon.geo.providers.local import LocalGeocoder
from beacon.geo.providers.town import TownGeocoder
from beacon.geo.services import address_resolve
from beacon.geo.services.addresses import address_points_import, address_ranges_import

from .addressdata import addrfeat_write, points_write

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranges(tiny_boundaries, tmp_path):
    return address_ranges_import(paths=[addrfeat_write(tmp_path / "tiger")], name="TIGER 2024")


@pytest.fixture
def points(ranges, tmp_path):
    return address_points_import(paths=[points_write(tmp_path / "mad")], name="MAD 2026")


def house(resolution) -> str | None:
    district = resolution.division_of_kind("sldl")
    return district.name if district else None


def test_addrfeat_import_stores_each_side_with_its_town_and_reports_skips(ranges):
    assert ranges.imported == 9 and ranges.files == 1
    assert dict(ranges.skipped) == {
        "house number not plain digits (one side)": 1,
        "no house numbers on either side": 2,
        "no street name or TLID": 1,
    }
    division = {r.side: r for r in AddressRange.objects.filter(tlid=1001)}
    assert (division["L"].from_number, division["L"].to_number, division["L"].parity) == (
        1,
        99,
        "O",
    )
    assert (division["R"].street, division["R"].place, division["R"].zip_code) == (
        "DIVISION ST",
        "beta",
        "02630",
    )
    assert set(AddressRange.objects.filter(tlid=1008).values_list("place", flat=True)) == {"alpha"}
    assert list(AddressRange.objects.filter(tlid=1009).values_list("side", flat=True)) == ["R"]


def test_the_import_is_re_runnable_and_a_new_vintage_replaces_the_old(ranges, tmp_path):
    counts = (StreetSegment.objects.count(), AddressRange.objects.count())
    again = address_ranges_import(paths=[tmp_path / "tiger"], name="TIGER 2024")
    assert again.imported == 9
    assert (StreetSegment.objects.count(), AddressRange.objects.count()) == counts

    address_ranges_import(paths=[tmp_path / "tiger" / "tl_2024_25001_addrfeat.zip"], name="2025")
    assert list(AddressSource.objects.values_list("name", flat=True)) == ["2025"]
    assert AddressRange.objects.count() == counts[1]


def test_address_points_import_keeps_one_point_per_address(points):
    assert points.imported == 2
    assert dict(points.skipped) == {
        "another unit at an address already stored": 1,
        "no house number or street name": 1,
    }
    stored = AddressPoint.objects.get(number=150)
    assert (stored.street, stored.place, stored.zip_code) == ("MAIN ST", "beta", "02630")


def test_the_geocoder_is_chosen_by_whether_address_data_is_loaded(tiny_boundaries, tmp_path):
    assert isinstance(geocoder_get(), TownGeocoder)
    address_ranges_import(paths=[addrfeat_write(tmp_path / "t")], name="TIGER 2024")
    geocoder = geocoder_get()
    assert isinstance(geocoder, LocalGeocoder)
    assert geocoder.sends_address_to == ""


def test_both_sides_of_a_street_that_is_a_district_boundary(ranges):
    west = address_resolve(street="11 Division St", city="Beta")
    east = address_resolve(street="12 Division St", city="Beta")

    assert (west.precision, west.source, west.is_exact) == ("street", "range", True)
    assert house(west) == "1st Barnstable"
    assert house(east) == "2nd Barnstable"
    assert west.place.name == east.place.name == "Beta"


@pytest.mark.parametrize(
    "street,expected",
    [
        ("150 Main St", "1st Barnstable"),
        ("250 Main Street", "2nd Barnstable"),
        ("250 main st.", "2nd Barnstable"),
        ("150 1/2 Main St", "1st Barnstable"),
        ("150-152 Main St", "1st Barnstable"),
        ("150A Main St", "1st Barnstable"),
        ("250 Main St Apt 3", "2nd Barnstable"),
        ("250 Main St #3", "2nd Barnstable"),
        ("250 Main St, Apto 3", "2nd Barnstable"),
        ("12 Saint James Avenue", "2nd Barnstable"),
        ("12 St. James Ave", "2nd Barnstable"),
        ("12 Mt Vernon St", "1st Barnstable"),
        ("12 Mount Vernon Street", "1st Barnstable"),
        ("12 Fifth Street", "2nd Barnstable"),
        ("12 5th St", "2nd Barnstable"),
        ("12 North Elm Street", "1st Barnstable"),
        ("12 N Elm St", "1st Barnstable"),
        ("Calle Washington 12", "2nd Barnstable"),
        ("12 Calle Washington", "2nd Barnstable"),
        ("Rua Washington, 12", "2nd Barnstable"),
        ("12 Washington", "2nd Barnstable"),
        ("12½ Washington St", "2nd Barnstable"),
        ("Apt 2, 12 Washington St", "2nd Barnstable"),
        ("150 \u2013 152 Main St", "1st Barnstable"),
        ("12 North Elm", "1st Barnstable"),
        ("12 Elm St", "1st Barnstable"),
        ("12 Calle 5", "2nd Barnstable"),
        ("12 Calle Fifth", "2nd Barnstable"),
    ],
)
def test_address_shapes(ranges, street, expected):
    resolution = address_resolve(street=street, city="Beta")
    assert resolution.precision == "street", resolution
    assert house(resolution) == expected


def test_a_number_outside_every_range_falls_back_to_the_town(ranges):
    resolution = address_resolve(street="9999 Main St", city="Beta")
    assert (resolution.precision, resolution.street_error) == ("town", "not_found")
    assert [d.name for d in resolution.candidates["sldl"]] == ["1st Barnstable", "2nd Barnstable"]
    assert resolution.suggestion is None


def test_a_near_miss_is_offered_never_used(ranges):
    resolution = address_resolve(street="250 Mian St", city="Beta")
    assert resolution.precision == "town"
    assert resolution.street_error == "not_found"
    assert resolution.suggestion == "250 Main St"
    assert "sldl" in resolution.candidates

    unrelated = address_resolve(street="250 Zzyzx Rd", city="Beta")
    assert unrelated.suggestion is None


def test_a_zip_that_disagrees_with_the_town(ranges):
    # 02601 is Alpha's ZIP in the fixture: the town typed wins when it has the street.
    in_beta = address_resolve(street="250 Main St", city="Beta", zip_code="02601")
    assert (in_beta.place.name, house(in_beta)) == ("Beta", "2nd Barnstable")
    # A village or postal name that is no town: the ZIP decides.
    by_zip = address_resolve(street="150 Main St", city="Hyannis", zip_code="02601")
    assert by_zip.precision == "street" and by_zip.place.name == "Alpha"


def test_a_directional_or_type_typed_otherwise_is_no_match(ranges):
    assert address_resolve(street="12 S Elm St", city="Beta").street_error == "not_found"
    assert address_resolve(street="12 Elm Ave", city="Beta").street_error == "not_found"


def test_a_zip_of_the_town_that_has_the_street(ranges):
    # Gamma has no Washington St; 02630, the ZIP typed, does (in Beta): the ZIP decides.
    resolution = address_resolve(street="12 Washington St", city="Gamma", zip_code="02630")
    assert (resolution.precision, resolution.place.name) == ("street", "Beta")
    assert house(resolution) == "2nd Barnstable"


def test_an_address_point_is_preferred_to_the_range(points):
    resolution = address_resolve(street="150 Main St", city="Beta")
    assert resolution.source == "point"
    assert resolution.point == pytest.approx(
        AddressPoint.objects.values_list("lat", "lon").get(number=150)
    )
    assert address_resolve(street="152 Main St", city="Beta").source == "range"


def test_a_po_box_is_never_placed(ranges):
    resolution = address_resolve(street="PO Box 12", city="Beta")
    assert (resolution.precision, resolution.street_error) == ("town", "po_box")
    assert address_resolve(street="P.O. Box 12").error == "po_box"


def test_import_addresses_command_reports_what_it_skipped(tiny_boundaries, tmp_path, capsys):
    path = addrfeat_write(tmp_path / "tiger")
    call_command("import_addresses", str(path), "--format=addrfeat", "--name=TIGER 2024")
    out = capsys.readouterr().out
    assert "Imported 9 street segments from 1 file(s)" in out
    assert "Skipped 2: no house numbers on either side" in out
