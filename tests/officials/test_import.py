"""`beacon import_officials` on small hand-written Open States files."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.utils import timezone

from beacon.geo.models import Division
from beacon.officials.models import (
    Committee,
    CommitteeMembership,
    ContactChannel,
    Office,
    Official,
    Role,
)
from beacon.officials.selectors import division_list_vacant
from beacon.officials.services import channel_staff_add, channel_staff_update

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db

ROSA = "ocd-person/11111111-1111-4111-8111-111111111111"
BEN = "ocd-person/22222222-2222-4222-8222-222222222222"
CARLA = "ocd-person/33333333-3333-4333-8333-333333333333"
GRACE = "ocd-person/44444444-4444-4444-8444-444444444444"


def _edit(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def _channel(ocd_person_id, key):
    return ContactChannel.objects.get(official__ocd_person_id=ocd_person_id, source_key=key)


def test_import_reads_people_roles_offices_and_channels(import_officials):
    output = import_officials(FIXTURES / "ma")

    assert "6 added, 0 updated, 0 unchanged" in output
    rosa = Official.objects.get(ocd_person_id=ROSA)
    assert (rosa.name, rosa.party, rosa.slug) == ("Rosa Senator", "Democratic", "rosa-senator")
    role = rosa.roles.get()
    assert role.division.ocd_id == "ocd-division/country:us/state:ma/sldu:cape_and_islands"
    assert (role.title, role.start_date, role.end_date) == (
        "State Senator",
        datetime.date(2009, 1, 7),
        None,
    )
    assert role.chamber.name == "Senate"
    channels = {
        (c.office.kind if c.office else None, c.kind): c.value
        for c in rosa.channels.select_related("office")
    }
    assert channels == {
        ("capitol", "address"): "Room 109-B, State House 24 Beacon St., Boston, MA 02133",
        ("capitol", "phone"): "617-722-1485",
        ("capitol", "fax"): "617-722-1999",
        ("district", "address"): "12 Main Street; Hyannis, MA 02601",
        ("district", "phone"): "508-757-0323 ext. 13",
        (None, "email"): "rosa.senator@masenate.example",
        (None, "webform"): "https://rosa.example/contact",
    }
    # A district office whose only address is "MA" carries nothing worth showing.
    assert list(
        Office.objects.filter(official__ocd_person_id=BEN).values_list("kind", flat=True)
    ) == ["capitol"]
    governor = Role.objects.get(type="governor")
    assert governor.division.ocd_id == "ocd-division/country:us/state:ma"
    mayor = Role.objects.get(type="mayor")
    assert (mayor.division.ocd_id, mayor.division.name, mayor.division.kind) == (
        "ocd-division/country:us/state:ma/place:salem",
        "Salem",
        "place",
    )
    # A past seat in a district the current plan does not list cannot be placed.
    old = Official.objects.get(name="Old Member")
    assert [r.division.name for r in old.roles.all()] == ["3rd Suffolk"]


def test_import_creates_every_district_so_empty_seats_are_vacant(import_officials):
    import_officials(FIXTURES / "ma")

    assert Division.objects.filter(kind="sldl").count() == 160
    assert Division.objects.filter(kind="sldu").count() == 40
    vacant = set(division_list_vacant().values_list("name", flat=True))
    assert "1st Barnstable" not in vacant and "Cape and Islands" not in vacant
    assert "4th Barnstable" in vacant
    assert (
        Division.objects.get(ocd_id="ocd-division/country:us/state:ma/sldl:1st_barnstable").name
        == "1st Barnstable"
    )


def test_committees_and_member_roles(import_officials):
    import_officials(FIXTURES / "ma")

    committee = Committee.objects.get(name="Agriculture and Fisheries")
    assert committee.chamber == "joint"
    assert Committee.objects.get(name="Senate Ways and Means").chamber == "upper"
    roles = {(m.name, m.role, m.official_id is not None) for m in committee.memberships.all()}
    assert roles == {
        ("Rosa Senator", "chair", True),
        ("Ben Representative", "vice chair", True),
        ("Carla Outgoing", "ranking member", True),
        ("Someone Unlinked", "member", False),
    }


def test_reimport_changes_nothing_and_duplicates_nobody(import_officials):
    import_officials(FIXTURES / "ma")
    counts = (
        Official.objects.count(),
        Role.objects.count(),
        ContactChannel.objects.count(),
        CommitteeMembership.objects.count(),
    )

    output = import_officials(FIXTURES / "ma")

    assert "0 added, 0 updated, 6 unchanged; 0 roles ended" in output
    assert counts == (
        Official.objects.count(),
        Role.objects.count(),
        ContactChannel.objects.count(),
        CommitteeMembership.objects.count(),
    )


def test_reimport_ends_a_role_updates_a_phone_and_leaves_the_seat_vacant(
    openstates_tree, import_officials
):
    import_officials(openstates_tree)
    carla_file = next((openstates_tree / "legislature").glob("Carla-*.yml"))

    def resign(data):
        data["roles"][-1]["end_date"] = "2026-02-01"
        data["roles"][-1]["end_reason"] = "Resigned"

    _edit(carla_file, resign)
    carla_file.rename(openstates_tree / "retired" / carla_file.name)
    rosa_file = next((openstates_tree / "legislature").glob("Rosa-*.yml"))
    _edit(rosa_file, lambda d: d["offices"][0].update(voice="617-722-1500"))

    output = import_officials(openstates_tree)

    assert "Ended:\n  Carla Outgoing: State Representative, 2nd Barnstable" in output
    assert "Rosa Senator (phone)" in output
    role = Role.objects.get(official__ocd_person_id=CARLA, division__name="2nd Barnstable")
    assert (role.end_date, role.end_reason) == (datetime.date(2026, 2, 1), "Resigned")
    assert _channel(ROSA, "capitol-0/phone").value == "617-722-1500"
    assert "2nd Barnstable" in set(division_list_vacant().values_list("name", flat=True))
    assert Official.objects.filter(ocd_person_id=CARLA).count() == 1


def test_person_no_longer_listed_has_the_role_ended_today(openstates_tree, import_officials):
    import_officials(openstates_tree)
    next((openstates_tree / "legislature").glob("Ben-*.yml")).unlink()

    output = import_officials(openstates_tree)

    role = Role.objects.get(official__ocd_person_id=BEN)
    assert role.end_date == timezone.localdate()
    assert not role.is_current()
    assert "Ben Representative: State Representative, 1st Barnstable" in output


def test_staff_correction_survives_reimport_until_the_source_changes(
    openstates_tree, import_officials
):
    import_officials(openstates_tree)
    channel = channel_staff_update(
        channel=_channel(ROSA, "capitol-0/phone"),
        value="617-722-1486",
        note="Office says 1486 since May",
    )

    output = import_officials(openstates_tree)

    channel.refresh_from_db()
    assert (channel.value, channel.source_value, channel.is_staff_added) == (
        "617-722-1486",
        "617-722-1485",
        True,
    )
    assert "Staff corrections kept:\n  Rosa Senator (phone)" in output

    rosa_file = next((openstates_tree / "legislature").glob("Rosa-*.yml"))
    _edit(rosa_file, lambda d: d["offices"][0].update(voice="617-722-1487"))
    output = import_officials(openstates_tree)

    channel.refresh_from_db()
    assert (channel.value, channel.source_value, channel.is_staff_added) == (
        "617-722-1487",
        "617-722-1487",
        False,
    )
    assert channel.staff_changed_at is None
    assert "replaced by a new source value:\n  Rosa Senator (phone)" in output


def test_staff_added_channel_is_kept_by_reimport(import_officials):
    import_officials(FIXTURES / "ma")
    rosa = Official.objects.get(ocd_person_id=ROSA)
    added = channel_staff_add(official=rosa, kind="tty", value="617-722-0000", note="checked")

    import_officials(FIXTURES / "ma")

    added.refresh_from_db()
    assert (added.value, added.is_staff_added, added.source_key) == ("617-722-0000", True, "")
    assert added.staff_changed_at is not None


def test_csv_import_matches_people_and_ends_legislators_it_no_longer_lists(import_officials):
    import_officials(FIXTURES / "ma")

    output = import_officials(FIXTURES / "ma.csv")

    assert Official.objects.filter(ocd_person_id=ROSA).count() == 1
    dana = Official.objects.get(name="Dana Csv")
    assert dana.roles.get().division.name == "4th Barnstable"
    assert _channel(dana.ocd_person_id, "capitol-0/phone").value == "617-722-9999"
    assert "line 4: no id, name or known district, skipped" in output
    # Ben and Carla are missing from the current legislators: their seats ended.
    assert not Role.objects.get(official__ocd_person_id=BEN).is_current()
    # The CSV says nothing about the Governor, whose role stays current.
    assert Role.objects.get(official__ocd_person_id=GRACE).is_current()
    rosa_role = Role.objects.get(official__ocd_person_id=ROSA)
    assert rosa_role.is_current() and rosa_role.start_date == datetime.date(2009, 1, 7)


def test_csv_from_url_is_downloaded(file_server, import_officials):
    root, base_url = file_server
    (root / "ma.csv").write_bytes((FIXTURES / "ma.csv").read_bytes())

    output = import_officials(f"{base_url}/ma.csv")

    assert "2 added" in output
    assert Official.objects.filter(name="Rosa Senator").exists()


def test_unreadable_sources_fail_with_a_clear_message(tmp_path, import_officials):
    with pytest.raises(CommandError, match="does not exist"):
        import_officials(tmp_path / "missing")
    (tmp_path / "people.csv").write_text("a,b\n1,2\n")
    with pytest.raises(CommandError, match="missing columns"):
        import_officials(tmp_path / "people.csv")
    with pytest.raises(CommandError, match="HTTP 404|could not download"):
        call_command("import_officials", "http://127.0.0.1:9/nothing.csv", "--no-photos")


def test_without_the_shared_folder_the_official_csv_is_downloaded_and_cached(
    tmp_path, settings, file_server, import_officials
):
    root, base_url = file_server
    (root / "ma.csv").write_bytes((FIXTURES / "ma.csv").read_bytes())
    settings.BEACON_DATA_DIR = tmp_path / "no-shared-data"
    settings.VAR_DIR = tmp_path / "var"
    settings.BEACON_OPENSTATES_URL = f"{base_url}/ma.csv"

    out = StringIO()
    call_command("import_officials", "--no-photos", stdout=out)

    assert f"Reading {base_url}/ma.csv" in out.getvalue()
    assert (tmp_path / "var" / "cache" / "openstates" / "ma.csv").exists()
    assert Official.objects.filter(name="Dana Csv").exists()
    # Offline later: the cached copy is used.
    (root / "ma.csv").unlink()
    again = StringIO()
    call_command("import_officials", "--no-photos", stdout=again)
    assert "0 added, 0 updated, 2 unchanged" in again.getvalue()


def test_a_single_seat_listed_twice_is_reported(openstates_tree, import_officials):
    grace = next((openstates_tree / "executive").glob("Grace-*.yml"))
    twin = grace.read_text().replace(
        "44444444-4444-4444-8444-444444444444", "45444444-4444-4444-8444-444444444444"
    )
    (openstates_tree / "executive" / "Grace-Twin.yml").write_text(
        twin.replace("name: Grace Governor", "name: Grace B. Governor")
    )

    output = import_officials(openstates_tree)

    assert "Governor is held by 2 people in the source: Grace B. Governor, Grace Governor" in output


def test_a_zipped_tree_is_read(tmp_path, import_officials):
    import shutil

    archive = shutil.make_archive(str(tmp_path / "people"), "zip", FIXTURES, "ma")

    output = import_officials(archive)

    assert "6 added" in output
