"""`beacon lookup` and the selectors campaigns use to target officials."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from beacon.geo.models import Division
from beacon.officials.models import Committee
from beacon.officials.selectors import (
    committee_member_list,
    official_get_governor,
    official_list_for_divisions,
    official_list_for_point,
    seat_list_for_divisions,
)

from .conftest import FIXTURES, OUTSIDE, WEST_BARNSTABLE, YARMOUTH

pytestmark = pytest.mark.django_db


def _lookup(*args) -> str:
    out = StringIO()
    call_command("lookup", *args, stdout=out)
    return out.getvalue()


def test_lookup_by_point_prints_divisions_officials_and_precision(cape):
    data = json.loads(_lookup("--lat", str(WEST_BARNSTABLE[0]), "--lon", str(WEST_BARNSTABLE[1])))

    assert data["precision"] == "point" and data["error"] is None
    kinds = {d["ocd_id"].rsplit("/", 1)[-1]: d["chamber"] for d in data["divisions"]}
    assert kinds == {
        "state:ma": None,
        "place:barnstable": None,
        "sldu:cape_and_islands": "upper",
        "sldl:1st_barnstable": "lower",
    }
    names = [(o["name"], o["offices"][0]["title"]) for o in data["officials"]]
    assert names == [
        ("Rosa Senator", "State Senator"),
        ("Ben Representative", "State Representative"),
        ("Grace Governor", "Governor"),
    ]
    rosa = data["officials"][0]
    assert rosa["ocd_id"] == "ocd-person/11111111-1111-4111-8111-111111111111"
    assert {
        "kind": "phone",
        "value": "617-722-1485",
        "label": "",
        "office": "Capitol office",
        "staff_added": False,
    } in rosa["channels"]
    assert data["vacant"] == []


def test_lookup_by_address_uses_the_town_when_offline(cape):
    data = json.loads(_lookup("12 Main St, Yarmouth, MA 02664"))

    assert data["precision"] == "town"
    assert [o["name"] for o in data["officials"]] == [
        "Rosa Senator",
        "Carla Outgoing",
        "Grace Governor",
    ]


def test_lookup_of_a_split_town_lists_candidates(cape):
    data = json.loads(_lookup("Barnstable"))

    assert data["precision"] == "town"
    assert sorted(d["name"] for d in data["candidates"]["sldl"]) == [
        "1st Barnstable",
        "2nd Barnstable",
    ]
    assert [o["name"] for o in data["officials"]] == ["Rosa Senator", "Grace Governor"]


def test_lookup_outside_the_state_says_so(cape):
    data = json.loads(_lookup("--lat", str(OUTSIDE[0]), "--lon", str(OUTSIDE[1])))

    assert (data["error"], data["officials"]) == ("outside_state", [])


def test_lookup_points_prints_one_json_line_per_point(cape, tmp_path):
    points = tmp_path / "points.csv"
    points.write_text(
        f"lat,lon\n{WEST_BARNSTABLE[0]},{WEST_BARNSTABLE[1]}\n"
        f"{YARMOUTH[0]},{YARMOUTH[1]}\n{OUTSIDE[0]},{OUTSIDE[1]}\n"
    )

    lines = _lookup("--points", str(points)).splitlines()

    results = [json.loads(line) for line in lines]
    assert [r["error"] for r in results] == [None, None, "outside_state"]
    assert [o["name"] for o in results[1]["officials"]][:2] == ["Rosa Senator", "Carla Outgoing"]


def test_vacant_seat_is_reported(cape, openstates_tree, import_officials):
    next((openstates_tree / "legislature").glob("Carla-*.yml")).unlink()
    import_officials(openstates_tree)

    data = json.loads(_lookup("--lat", str(YARMOUTH[0]), "--lon", str(YARMOUTH[1])))

    assert [(v["name"], v["office"]) for v in data["vacant"]] == [
        ("2nd Barnstable", "State Representative")
    ]
    assert "Carla Outgoing" not in [o["name"] for o in data["officials"]]


def test_officials_for_divisions_take_a_fixed_number_of_queries(cape, django_assert_num_queries):
    divisions = list(Division.objects.filter(kind__in=["sldu", "sldl", "state"]))

    with django_assert_num_queries(5):
        officials = official_list_for_divisions(divisions)
        for official in officials:
            [c.value for o in official.office_list for c in o.channel_list]
            [c.value for c in official.direct_channels]
            [r.division.name for r in official.current_roles]

    # Senate, then House (by family name), then the Governor.
    assert [o.name for o in officials][:4] == [
        "Rosa Senator",
        "Carla Outgoing",
        "Ben Representative",
        "Grace Governor",
    ]


def test_official_list_for_point_and_governor(cape, django_assert_num_queries):
    officials = official_list_for_point(lat=YARMOUTH[0], lon=YARMOUTH[1])
    assert [o.name for o in officials] == ["Rosa Senator", "Carla Outgoing", "Grace Governor"]

    with django_assert_num_queries(5):
        governor = official_get_governor()
        assert [c.kind for c in governor.direct_channels] == ["webform"]
    assert governor.name == "Grace Governor"


def test_seats_include_vacant_districts(cape):
    divisions = Division.objects.filter(name__in=["Cape and Islands", "4th Barnstable"])

    seats = seat_list_for_divisions(divisions)

    assert [(s.division.name, s.title, s.is_vacant) for s in seats] == [
        ("Cape and Islands", "State Senator", False),
        ("4th Barnstable", "State Representative", True),
    ]


def test_committee_members_chair_first_with_contacts(cape, django_assert_num_queries):
    committee = Committee.objects.get(name="Agriculture and Fisheries")

    with django_assert_num_queries(6):
        members = committee_member_list(committee)
        emails = [c.value for m in members if m.official for c in m.official.direct_channels]

    assert [(m.name, m.role) for m in members] == [
        ("Rosa Senator", "chair"),
        ("Ben Representative", "vice chair"),
        ("Carla Outgoing", "ranking member"),
        ("Someone Unlinked", "member"),
    ]
    assert "rosa.senator@masenate.example" in emails


def test_office_address_uses_prefetched_channels(cape, django_assert_num_queries):
    governor = official_get_governor()

    with django_assert_num_queries(0):
        addresses = [office.address for office in governor.office_list]

    assert addresses == [
        "Massachusetts State House, 24 Beacon St.; Office of the Governor, "
        "Room 280; Boston, MA 02133"
    ]


def test_the_lookup_page_keeps_officials_briefly_and_an_import_clears_them(
    cape, settings, import_officials, django_assert_num_queries
):
    from beacon.geo.services import location_resolve
    from beacon.officials.lookup import officials_cache_clear, representation_for

    settings.BEACON_OFFICIALS_CACHE_SECONDS = 30
    officials_cache_clear()
    resolution = location_resolve(lat=YARMOUTH[0], lon=YARMOUTH[1])
    first = representation_for(resolution)
    with django_assert_num_queries(0):
        again = representation_for(resolution)
    assert [o.name for o in again.officials] == [o.name for o in first.officials]

    import_officials(FIXTURES / "ma")
    with django_assert_num_queries(5):
        representation_for(resolution)
