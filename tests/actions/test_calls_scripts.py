"""Call sheets: the script for each audience, merge fields, phone lines and tel: links,
every kind of target rule, vacant seats."""

from __future__ import annotations

import datetime
from datetime import UTC

import pytest

from beacon.actions.calls.selectors import Caller, call_sheets_for
from beacon.actions.calls.services import CallError, call_outcome_record
from beacon.campaigns.models import CallScript, CallTarget
from beacon.officials.models import Committee, ContactChannel, Office, Role
from beacon.officials.phones import tel_uri
from tests.actions.call_fixtures import *  # noqa: F403 - fixtures
from tests.actions.call_fixtures import YARMOUTH

pytestmark = pytest.mark.django_db

WEDNESDAY_10AM = datetime.datetime(2026, 7, 29, 14, 0, tzinfo=UTC)


def sheets_at(ask, point=YARMOUTH, caller=None):
    from beacon.geo.services import location_resolve

    divisions = location_resolve(lat=point[0], lon=point[1]).divisions
    return call_sheets_for(
        ask, divisions=divisions, caller=caller or Caller("Ana", "Yarmouth"), at=WEDNESDAY_10AM
    )


@pytest.mark.parametrize(
    ("printed", "uri"),
    [
        ("617-722-1485", "tel:+1-617-722-1485"),
        ("(617) 722-1485", "tel:+1-617-722-1485"),
        ("508-757-0323 ext. 13", "tel:+1-508-757-0323;ext=13"),
        ("1-800-392-6100", "tel:+1-800-392-6100"),
        ("call the clerk", ""),
        ("12", ""),
    ],
)
def test_printed_office_numbers_become_tel_links(printed, uri):
    assert tel_uri(printed) == uri


def test_cosponsors_are_thanked_and_others_asked_with_every_merge_field(calls):
    senator, rep = sheets_at(calls.ask)
    assert senator.target.is_cosponsor and not rep.target.is_cosponsor
    assert senator.script.startswith("Hello, my name is Ana and I live in Yarmouth.")
    assert "Please thank Senator Senator for cosponsoring S.1681." in senator.script
    assert senator.voicemail == "Thank you for cosponsoring S.1681."
    assert "ask Representative Outgoing to support S.1681, the Safe Communities Act." in rep.script
    assert rep.voicemail == "This is Ana from Yarmouth. Please support S.1681."
    assert "{" not in senator.script + rep.script


def test_one_script_for_everyone_is_the_fallback_and_unknown_fields_stay_visible(calls):
    calls.ask.scripts.all().delete()
    CallScript.objects.create(
        ask=calls.ask,
        audience=CallScript.Audience.ALL,
        script="Hi, {official_name}: {bill_number}. {not_a_field}",
    )
    senator, rep = sheets_at(calls.ask, caller=Caller())
    assert senator.script == "Hi, Rosa Senator: S.1681. {not_a_field}"
    assert rep.script == "Hi, Carla Outgoing: S.1681. {not_a_field}"
    assert senator.voicemail == ""


def test_phone_lines_put_the_state_house_first_and_tty_apart(calls):
    senator = calls.senator
    district = Office.objects.get(official=senator, kind=Office.Kind.DISTRICT)
    district.position = 0
    district.save()
    ContactChannel.objects.create(
        official=senator, office=district, value="1-800-555-0100", kind=ContactChannel.Kind.TOLLFREE
    )
    [sheet, _rep] = sheets_at(calls.ask)
    labels = [line.label for line in sheet.lines]
    assert labels == ["State House office", "District office"]
    capitol, district_line = sheet.lines
    assert capitol.numbers == [("617-722-1485", "tel:+1-617-722-1485")]
    assert capitol.tty == [("617-722-1234", "tel:+1-617-722-1234")]
    assert sorted(n for n, _uri in district_line.numbers) == [
        "1-800-555-0100",
        "508-757-0323 ext. 13",
    ]
    assert capitol.is_open and sheet.is_open and sheet.is_reachable
    # Fax numbers are not phone lines.
    assert "617-722-1999" not in str(sheet.lines)


def test_governor_named_official_and_committee_rules(calls):
    calls.ask.targets.all().delete()
    CallTarget.objects.create(ask=calls.ask, kind=CallTarget.Kind.GOVERNOR, position=0)
    CallTarget.objects.create(
        ask=calls.ask, kind=CallTarget.Kind.OFFICIAL, official=calls.rep, position=1
    )
    committee = Committee.objects.get(name__contains="Agriculture")
    CallTarget.objects.create(
        ask=calls.ask, kind=CallTarget.Kind.COMMITTEE, committee=committee, position=2
    )
    names = [sheet.name for sheet in sheets_at(calls.ask)]
    assert names[0] == "Governor Grace Governor"
    assert names[1] == "Representative Ben Representative"
    # Committee members once each (Ben is already listed), unlinked members left out.
    assert sorted(names[2:]) == ["Representative Carla Outgoing", "Senator Rosa Senator"]
    governor = sheets_at(calls.ask)[0]
    assert governor.lines[0].numbers == [("617-725-4005", "tel:+1-617-725-4005")]


def test_a_vacant_seat_is_shown_but_cannot_be_called(calls):
    Role.objects.filter(official=calls.carla, end_date=None).update(
        end_date=datetime.date(2026, 1, 1)
    )
    senator, vacant = sheets_at(calls.ask)
    assert vacant.target.is_vacant and not vacant.is_reachable and vacant.lines == []
    assert "vacant" in vacant.name
    with pytest.raises(CallError) as error:
        call_outcome_record(ask=calls.ask, sheet=vacant, outcome="talked_to_staff")
    assert error.value.code == "vacant"
    with pytest.raises(CallError):
        call_outcome_record(ask=calls.ask, sheet=senator, outcome="hung_up")


def test_a_script_written_for_one_target_wins_for_that_target_only(calls):
    from django.core.exceptions import ValidationError

    rep_rule = calls.ask.targets.get(kind=CallTarget.Kind.MY_REPRESENTATIVE)
    CallScript.objects.create(
        ask=calls.ask,
        target=rep_rule,
        audience=CallScript.Audience.ALL,
        script="Representative {official_last_name}, a word from {town}.",
    )
    senator, rep = sheets_at(calls.ask)
    assert rep.script == "Representative Outgoing, a word from Yarmouth."
    assert rep.voicemail == ""
    assert "Please thank Senator Senator" in senator.script
    other = calls.ask.__class__.objects.create(
        campaign=calls.ask.campaign, slug="other", title="Other"
    )
    stray = CallScript(ask=other, target=rep_rule, audience="all", script="Hi.")
    with pytest.raises(ValidationError):
        stray.clean()


def test_scripts_keep_the_campaigns_language_and_show_blanks_for_what_is_missing(calls):
    from django.utils import translation

    with translation.override("es"):  # the page is in Spanish; the script is English
        senator, rep = sheets_at(calls.ask, caller=Caller())
    assert "Senator Senator" in senator.script or "Senator " in senator.script
    assert "Senador" not in senator.script + rep.script
    assert "my name is ____ and I live in ____." in rep.script
