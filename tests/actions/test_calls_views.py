"""The call pages through Django's test client: address, split-district picker, the call
list with scripts and phone lines, outcomes, reminders, thank-you; and bad input answered
clearly with nothing written."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client

from beacon.actions.models import Call
from beacon.campaigns.models import CallScript, CallTarget, Campaign
from beacon.delivery.models import OutboundMessage
from beacon.officials.models import ContactChannel, Office
from tests.actions.call_fixtures import *  # noqa: F403 - fixtures
from tests.actions.call_fixtures import BASE, SENATOR_TTY
from tests.same_response import assert_same_response

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]

BOSTON = ZoneInfo("America/New_York")
WEDNESDAY_10AM = datetime(2026, 7, 29, 14, 0, tzinfo=UTC)
SATURDAY_NOON = datetime(2026, 8, 1, 16, 0, tzinfo=UTC)


def lookup(client, city="Yarmouth", first_name="Ana", **extra):
    return client.post(BASE, {"city": city, "first_name": first_name, **extra})


def outcome(client, target, value):
    return client.post(BASE + "outcome/", {"target": str(target), "outcome": value})


@pytest.fixture
def wednesday():
    with time_machine.travel(WEDNESDAY_10AM, tick=False):
        yield


def test_ana_calls_her_legislators_and_only_real_calls_count(client, calls, wednesday):
    page = client.get(BASE)
    assert page.status_code == 200
    for label in (
        "Street address",
        "City or town",
        "ZIP code",
        "Your first name (optional, for the script)",
    ):
        assert f">{label}<" in page.text
    assert "The formal session ends at midnight on July 31." in page.text
    assert "Time left:" in page.text
    response = lookup(client)
    assert response.status_code == 302 and response["Location"] == BASE + "list/"
    listing = client.get(BASE + "list/")
    text = listing.text
    assert listing.status_code == 200
    # Rosa Senator cosponsors the bill: she is thanked; the representative is asked.
    assert "Please thank Senator Senator for cosponsoring S.1681." in text
    assert "to ask Representative Outgoing to support S.1681, the Safe Communities Act." in text
    assert "Hello, my name is Ana and I live in Yarmouth." in text
    assert "This is Ana from Yarmouth. Please support S.1681." in text
    assert 'href="tel:+1-617-722-1485">Call 617-722-1485' in text
    assert 'href="tel:+1-508-757-0323;ext=13">Call 508-757-0323 ext. 13' in text
    assert f'href="tel:+1-617-722-1234">TTY: {SENATOR_TTY}' in text
    assert "State House office" in text and "District office" in text
    assert "Likely open now." in text
    for label in ("Talked to staff", "Left a voicemail", "Busy", "No answer", "Skipped"):
        assert text.count(f">{label}</button>") == 2

    busy = outcome(client, 0, "busy")
    assert busy.status_code == 302 and busy["Location"].endswith("#target-0")
    again = client.get(BASE + "list/").text
    assert "did not get through, so it does not count yet" in again
    assert "district office" in again
    assert outcome(client, 0, "talked_to_staff").status_code == 302
    assert outcome(client, 1, "left_voicemail").status_code == 302
    assert "Thank you: this call counts." in client.get(BASE + "list/").text

    rows = list(
        Call.objects.order_by("id").values_list(
            "official__name", "outcome", "town", "first_name", "division__name"
        )
    )
    assert rows == [
        ("Rosa Senator", "busy", "Yarmouth", "Ana", "Cape and Islands"),
        ("Rosa Senator", "talked_to_staff", "Yarmouth", "Ana", "Cape and Islands"),
        ("Carla Outgoing", "left_voicemail", "Yarmouth", "Ana", "2nd Barnstable"),
    ]
    assert Call.objects.filter(outcome__in=Call.COUNTED).count() == 2
    assert not Call.objects.get(outcome="busy").is_counted
    campaign = calls.ask.campaign
    campaign.thanks_message_en = "Every call this week moves the committee."
    campaign.save()
    thanks = client.get(BASE + "thanks/")
    assert "Your 2 calls reached their offices." in thanks.text
    assert "Every call this week moves the committee." in thanks.text
    assert "Share by Email" in thanks.text
    from django.core.cache import cache

    cache.clear()
    assert "2 calls have reached an office." in client.get(BASE).text


def test_the_call_form_offers_use_my_location(client, calls, wednesday):
    html = client.get(BASE).text
    assert "Use my location" in html and "beacon/js/lookup.js" in html
    assert 'name="lat"' in html and "data-lookup-location hidden" in html


def test_a_split_town_picks_the_district_first(client, calls, wednesday):
    response = lookup(client, city="Barnstable")
    assert response.status_code == 302
    assert client.get(BASE + "list/")["Location"] == BASE + "district/"
    picker = client.get(BASE + "district/")
    assert "Which State Representative district do you live in?" in picker.text
    assert "1st Barnstable (Ben Representative): part of Barnstable (west)" in picker.text
    assert client.post(BASE + "district/", {}).status_code == 422
    ocd_id = "ocd-division/country:us/state:ma/sldl:1st_barnstable"
    assert client.post(BASE + "district/", {"choice_sldl": ocd_id}).status_code == 302
    listing = client.get(BASE + "list/").text
    assert "Representative Ben Representative" in listing
    assert "Carla Outgoing" not in listing


def test_closed_offices_suggest_voicemail_and_queue_a_reminder_at_the_opening(client, calls):
    with time_machine.travel(SATURDAY_NOON, tick=False):
        lookup(client)
        text = client.get(BASE + "list/").text
        assert "Closed now." in text
        assert (
            "Leave a voicemail with the short script below, or call back at Monday, "
            "August 3, 9 a.m. (EDT)." in text
        )
        bad = client.post(BASE + "remind/", {"target": "0", "email": "not-an-address"})
        assert bad.status_code == 422
        assert "Please enter an email address like name@example.com." in bad.text
        assert not OutboundMessage.objects.exists()
        ok = client.post(BASE + "remind/", {"target": "0", "email": "ana@example.org"})
        assert ok.status_code == 302
        assert (
            "We will email you a reminder on Monday, August 3, 9 a.m."
            in client.get(BASE + "list/").text
        )
    message = OutboundMessage.objects.get()
    assert message.to == "ana@example.org"
    assert message.not_before == datetime(2026, 8, 3, 9, 0, tzinfo=BOSTON)
    assert message.status == OutboundMessage.Status.QUEUED
    assert "Senator Rosa Senator" in message.subject
    assert "617-722-1485" in message.body_text and BASE in message.body_text
    assert not Call.objects.exists()


def test_bad_outcomes_and_targets_are_refused_with_nothing_written(client, calls, wednesday):
    assert client.post(BASE + "outcome/", {"target": "0", "outcome": "done"}).status_code == 302
    lookup(client)
    unknown = outcome(client, 0, "hung_up_on_me")
    assert unknown.status_code == 422
    assert "Please choose one of the buttons" in unknown.text
    assert outcome(client, 7, "talked_to_staff").status_code == 422
    assert outcome(client, "x", "talked_to_staff").status_code == 422
    assert client.post(BASE + "remind/", {"target": "9", "email": "a@b.org"}).status_code == 422
    huge = "9" * 5000
    assert client.post(BASE + "remind/", {"target": huge, "email": "a@b.org"}).status_code == 422
    assert outcome(client, huge, "busy").status_code == 422
    assert client.get(BASE + "outcome/").status_code == 405
    assert not Call.objects.exists()


def test_an_address_outside_the_state_is_answered_clearly(client, calls):
    response = client.post(BASE, {"lat": "42.0", "lon": "-73.9"})
    assert response.status_code == 422
    assert "outside Massachusetts" in response.text
    assert client.post(BASE, {}).status_code == 422


def test_a_closed_campaign_takes_no_calls(client, calls, wednesday):
    lookup(client)
    Campaign.objects.filter(pk=calls.ask.campaign_id).update(status=Campaign.Status.CLOSED)
    assert "no longer asking for calls" in client.get(BASE).text
    assert lookup(client).status_code == 410
    closed = outcome(client, 0, "talked_to_staff")
    assert closed.status_code == 410
    assert "nothing was recorded" in closed.text
    assert client.get(BASE + "list/").status_code == 410
    assert not Call.objects.exists()


def test_an_action_with_no_phone_number_says_so(client, calls, wednesday):
    ContactChannel.objects.filter(kind__in=["phone", "tollfree", "tty"]).delete()
    lookup(client)
    page = client.get(BASE + "list/")
    assert page.status_code == 200
    assert "No phone number to call" in page.text
    assert "Talked to staff" not in page.text


def test_an_action_with_nobody_for_the_address_says_so(client, calls, wednesday):
    calls.ask.targets.all().delete()
    CallTarget.objects.create(ask=calls.ask, kind=CallTarget.Kind.GOVERNOR)
    Office.objects.filter(official__name="Grace Governor").delete()
    ContactChannel.objects.filter(official__name="Grace Governor").delete()
    lookup(client)
    page = client.get(BASE + "list/")
    assert "No phone number to call" in page.text
    calls.ask.targets.all().delete()
    assert "Nobody to call for your address" in client.get(BASE + "list/").text


def test_scripts_refuse_unknown_merge_fields_and_overlong_voicemail():
    script = CallScript(
        audience="all", script="Hi {first_name}, call {senator_name}.", voicemail_script="x" * 801
    )
    with pytest.raises(ValidationError) as error:
        script.clean()
    assert "{senator_name}" in str(error.value.message_dict["script"])
    assert "800" in str(error.value.message_dict["voicemail_script"])
    CallScript(audience="all", script="Hi {official_title} {official_last_name}.").clean()


def test_reminders_to_one_address_are_limited_per_day_without_saying_so(client, calls):
    with time_machine.travel(SATURDAY_NOON, tick=False):
        lookup(client)
        # An address gets five supporter mails a day, in every spelling.
        for target, email in (
            (0, "Ana@Example.org"),
            (1, "ana+calls@example.org"),
            (0, "ana@example.org"),
            (1, "ANA+x@example.org"),
            (0, "ana@EXAMPLE.org"),
        ):
            ok = client.post(BASE + "remind/", {"target": str(target), "email": email})
            assert ok.status_code == 302
        # Someone else asks for Ana's address (another case): not sent, answered alike.
        new_client, known_client = Client(), Client()
        lookup(new_client), lookup(known_client)
        new = new_client.post(BASE + "remind/", {"target": "1", "email": "nobody@example.org"})
        known = known_client.post(BASE + "remind/", {"target": "1", "email": "ANA@example.org"})
        assert_same_response(
            known, new, known_typed=["ANA@example.org"], new_typed=["nobody@example.org"]
        )
        pages = [c.get(BASE + "list/") for c in (known_client, new_client)]
        assert_same_response(*pages, known_typed=[], new_typed=[])
    assert sorted(OutboundMessage.objects.values_list("to", flat=True)) == [
        "ANA+x@example.org",
        "Ana@Example.org",
        "ana+calls@example.org",
        "ana@EXAMPLE.org",
        "ana@example.org",
        "nobody@example.org",
    ]


def test_an_outcome_is_answered_alike_whoever_recorded_calls_before(calls, wednesday):
    new_client = Client()
    lookup(new_client)
    new = outcome(new_client, 0, "talked_to_staff")
    # Someone else in the same town, with the same first name, used up this target's
    # limits; a third visitor recording the same outcome gets the first one's answer.
    other = Client()
    lookup(other)
    for value in ("talked_to_staff", "left_voicemail", "busy", "busy", "busy", "busy"):
        outcome(other, 0, value)
    later = Client()
    lookup(later)
    known = outcome(later, 0, "talked_to_staff")
    assert_same_response(known, new, known_typed=[], new_typed=[])
    assert Call.objects.filter(outcome__in=Call.COUNTED).count() == 4


def test_a_skipped_call_invites_a_later_try(client, calls, wednesday):
    lookup(client)
    outcome(client, 1, "skipped")
    text = client.get(BASE + "list/").text
    assert "You skipped this call. You can still make it later" in text
    assert not Call.objects.get().is_counted


def test_the_call_list_runs_a_bounded_number_of_queries(
    client, calls, wednesday, django_assert_max_num_queries
):
    lookup(client)
    with django_assert_max_num_queries(15):
        page = client.get(BASE + "list/")
    assert page.status_code == 200


def test_draft_campaigns_and_unknown_actions_are_not_found(client, calls):
    assert client.get("/c/safe-communities/call/nope/").status_code == 404
    Campaign.objects.filter(pk=calls.ask.campaign_id).update(status=Campaign.Status.DRAFT)
    assert client.get(BASE).status_code == 404
    assert client.post(BASE + "outcome/", {"target": "0", "outcome": "busy"}).status_code == 404


def test_one_supporter_cannot_pad_the_count(client, calls, wednesday):
    lookup(client)
    assert outcome(client, 0, "talked_to_staff").status_code == 302  # State House
    assert outcome(client, 0, "left_voicemail").status_code == 302  # district office
    third = outcome(client, 0, "talked_to_staff")
    assert third.status_code == 409
    assert "your calls to this office are already counted" in third.text
    for _ in range(4):
        assert outcome(client, 0, "busy").status_code == 302
    assert outcome(client, 0, "no_answer").status_code == 429
    assert Call.objects.count() == 6
    assert Call.objects.filter(outcome__in=Call.COUNTED).count() == 2
    assert "Your 2 calls reached their offices." in client.get(BASE + "thanks/").text


def test_a_list_that_changed_since_it_was_shown_records_nothing(client, calls, wednesday):
    lookup(client)
    page = client.get(BASE + "list/").text
    rosa, ben = (f"ocd-person/{d * 8}-{d * 4}-4{d * 3}-8{d * 3}-{d * 12}" for d in "12")
    assert f'name="key" value="{rosa}"' in page
    stale = client.post(
        BASE + "outcome/", {"target": "0", "outcome": "talked_to_staff", "key": ben}
    )
    assert stale.status_code == 422
    ok = client.post(BASE + "outcome/", {"target": "0", "outcome": "talked_to_staff", "key": rosa})
    assert ok.status_code == 302
    assert list(Call.objects.values_list("official__name", flat=True)) == ["Rosa Senator"]
