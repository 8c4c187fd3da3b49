"""ZIP codes to places, offline, from the bundled `zipcodes` data."""

from beacon.geo.zipcodes import zip_area, zip_place


def test_a_zip_code_names_its_town_state_and_centre():
    assert zip_place("02630") == ("Barnstable", "MA")
    area = zip_area("02664-1234")
    assert area is not None and area.state == "MA"
    assert area.names[0] == "South Yarmouth"  # A village: the main name is not always a town.
    lat, lon = area.point
    assert 41.6 < lat < 41.7 and -70.3 < lon < -70.1


def test_unknown_zip_codes_give_nothing():
    assert zip_area("00000") is None and zip_area("abc") is None and zip_area("") is None
