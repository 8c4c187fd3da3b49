"""Patch-through calls: number checks, rate limits as rows, the call placed through the
fake provider, TwiML parsed and asserted, signed webhooks (valid, invalid, replayed)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from beacon.actions.calls.patch import PatchError, keyed_hash, phone_number_parse
from beacon.actions.models import Call, PatchSession
from beacon.core.models import RateLimit
from tests.actions.call_fixtures import *  # noqa: F403 - fixtures
from tests.actions.call_fixtures import BASE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]

WEDNESDAY_10AM = datetime(2026, 7, 29, 14, 0, tzinfo=UTC)
PHONE = "(413) 555-0123"
E164 = "+14135550123"
ORIGIN = "https://beacon.example"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("413-555-0123", "+14135550123"),
        ("+1 (617) 555 0199", "+16175550199"),
        ("16175550199", "+16175550199"),
    ],
)
def test_us_numbers_are_read_into_e164(raw, expected):
    assert phone_number_parse(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("+44 20 7946 0958", "foreign"),  # London
        ("204-555-0199", "foreign"),  # Manitoba shares +1 but is not the US
        ("787-555-1234", "foreign"),  # Puerto Rico: its own region
        ("800-392-6100", "tollfree"),
        ("1-900-555-1234", "premium"),
        ("911", "invalid"),
        ("22333", "invalid"),
        ("555-0123", "invalid"),
        ("call me", "invalid"),
        ("", "invalid"),
        ("617-555-0123 ext. 4", "invalid"),
        ("1" * 40, "invalid"),
    ],
)
def test_other_numbers_are_refused_with_a_reason(raw, code):
    with pytest.raises(PatchError) as error:
        phone_number_parse(raw)
    assert error.value.code == code


@pytest.fixture
def patching(calls, fake_phone):
    calls.ask.allows_patch_through = True
    calls.ask.save()
    with time_machine.travel(WEDNESDAY_10AM, tick=False):
        yield calls


def start(client, phone=PHONE, city="Yarmouth"):
    client.post(BASE, {"city": city, "first_name": "Ana"})
    return client.post(BASE + "connect/", {"phone": phone})


def test_beacon_rings_the_supporter_from_its_own_number(client, patching, fake_phone):
    listing = client.post(BASE, {"city": "Yarmouth"}) and client.get(BASE + "list/")
    assert "Your phone number" in listing.text and "Call me and connect me" in listing.text
    response = client.post(BASE + "connect/", {"phone": PHONE})
    assert response.status_code == 302 and response["Location"] == BASE + "connect/status/"
    [placed] = fake_phone.placed
    assert placed["to"] == E164 and placed["from"] == "+16175550100"
    session = PatchSession.objects.get()
    assert placed["url"] == f"{ORIGIN}/calls/hooks/{session.public_id}/answer/"
    assert placed["status_callback"] == f"{ORIGIN}/calls/hooks/{session.public_id}/status/"
    for url in (placed["url"], placed["status_callback"]):
        # The number in any spelling, not its fragments: random ids may hold "0123".
        assert not re.search(r"555\D?0123", url) and "Ana" not in url
    assert session.status == PatchSession.Status.RINGING and session.provider_sid == placed["sid"]
    assert session.phone_hash == keyed_hash(E164) and len(session.phone_hash) == 64
    stored = " ".join(str(v) for v in PatchSession.objects.values().get().values())
    assert not re.search(r"555\D?0123", stored) and E164 not in stored
    assert [t["name"] for t in session.plan] == [
        "Senator Rosa Senator",
        "Representative Carla Outgoing",
    ]
    status = client.get(BASE + "connect/status/")
    assert "We are calling you now from +16175550100" in status.text


def test_bad_numbers_are_refused_and_nothing_is_placed(client, patching, fake_phone):
    foreign = start(client, phone="+44 20 7946 0958")
    assert foreign.status_code == 422
    assert "We can only call US phone numbers." in foreign.text
    assert start(client, phone="").status_code == 422
    assert start(client, phone="900-555-1234").status_code == 422
    assert not PatchSession.objects.exists() and not fake_phone.placed


def _limit_set(scope, key, maximum):
    RateLimit.objects.update_or_create(
        scope=scope, key=key, defaults={"maximum": maximum, "window_seconds": 3600}
    )


def test_calls_per_number_and_per_client_are_limited_by_rate_limit_rows(
    client, patching, fake_phone
):
    from django.test import Client

    _limit_set("patch", "client", 2)
    assert start(client).status_code == 302
    assert start(client).status_code == 302
    third = start(client, phone="617-555-0199")
    # This client's own limit, whatever the number: told openly, with a wait.
    assert third.status_code == 429 and int(third["Retry-After"]) > 0
    assert "Please wait a moment" in third.text
    # Another client asks for the number rung twice this hour: it is not rung again,
    # and the answer says nothing of that.
    assert start(Client(REMOTE_ADDR="203.0.113.7")).status_code == 302
    assert len(fake_phone.placed) == 2
    assert list(PatchSession.objects.order_by("pk").values_list("status", flat=True)) == [
        "ringing",
        "ringing",
        "suppressed",
    ]
    _limit_set("patch", "phone", 4)
    assert start(Client(REMOTE_ADDR="203.0.113.8")).status_code == 302
    assert len(fake_phone.placed) == 3
    with time_machine.travel(WEDNESDAY_10AM + timedelta(hours=1, minutes=1), tick=False):
        _limit_set("patch", "phone", 2)
        assert start(client).status_code == 302 and len(fake_phone.placed) == 4
    _limit_set("patch", "phone", 0)
    switched_off = start(Client(REMOTE_ADDR="203.0.113.9"), phone="617-555-0142")
    assert switched_off.status_code == 404 and "Calling you is not available" in switched_off.text


def test_a_number_called_before_gets_the_answer_a_new_number_gets(patching, fake_phone):
    from django.test import Client

    from tests.same_response import assert_same_response

    for n in range(2):  # The owner of the number, twice this hour.
        assert start(Client(REMOTE_ADDR=f"203.0.113.{n + 1}")).status_code == 302
    new_client, known_client = (
        Client(REMOTE_ADDR="198.51.100.1"),
        Client(REMOTE_ADDR="198.51.100.2"),
    )
    new = start(new_client, phone="617-555-0199")
    known = start(known_client, phone=PHONE.replace("(413) ", "413."))
    assert_same_response(known, new, known_typed=["413.555-0123"], new_typed=["617-555-0199"])
    pages = [c.get(BASE + "connect/status/") for c in (known_client, new_client)]
    assert_same_response(*pages, known_typed=[], new_typed=[])
    assert "We are calling you now" in pages[0].text
    assert len(fake_phone.placed) == 3 and fake_phone.placed[-1]["to"] == "+16175550199"
    # Later it reads like a call nobody answered.
    with time_machine.travel(WEDNESDAY_10AM + timedelta(minutes=2), tick=False):
        assert "We could not reach you." in known_client.get(BASE + "connect/status/").text


def test_a_provider_failure_is_a_503_and_does_not_use_up_the_limit(client, patching, fake_phone):
    fake_phone.failure = "twilio unreachable (ConnectionError)"
    for _ in range(3):
        response = start(client)
        assert response.status_code == 503
        assert "Our phone service is not answering right now." in response.text
    assert set(PatchSession.objects.values_list("status", flat=True)) == {"failed"}
    fake_phone.failure = ""
    assert start(client).status_code == 302
    # The number is rung: the failed tries did not use up its hourly limit.
    assert [p["to"] for p in fake_phone.placed] == [E164]


def test_without_patch_through_the_form_is_absent_and_posts_refused(client, calls, fake_phone):
    client.post(BASE, {"city": "Yarmouth"})
    assert "Call me and connect me" not in client.get(BASE + "list/").text
    refused = client.post(BASE + "connect/", {"phone": PHONE})
    assert refused.status_code == 404
    assert not PatchSession.objects.exists()


# --- Webhooks and TwiML ------------------------------------------------------------------


def hook(client, fake, session, step, params, *, sign=True, signature=None):
    path = f"/calls/hooks/{session.public_id}/{step}"
    headers = {}
    if sign:
        headers["HTTP_X_TWILIO_SIGNATURE"] = signature or fake.sign(ORIGIN + path, params)
    return client.post(path, params, **headers)


def twiml(response) -> ET.Element:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "Response"
    return root


@pytest.fixture
def session(client, patching, fake_phone):
    assert start(client).status_code == 302
    return PatchSession.objects.get()


def test_the_answer_asks_for_a_key_in_the_supporters_language(client, session, fake_phone):
    root = twiml(
        hook(
            client,
            fake_phone,
            session,
            "answer/",
            {"CallSid": session.provider_sid, "CallStatus": "in-progress"},
        )
    )
    gather = root.find("Gather")
    assert gather.get("numDigits") == "1"
    assert gather.get("action") == f"{ORIGIN}/calls/hooks/{session.public_id}/gather/"
    say = gather.find("Say")
    assert say.get("language") == "en-US"
    assert "Pass the Safe Communities Act" in say.text and "Press 1" in say.text
    assert root.find("Hangup") is not None  # no key: goodbye
    PatchSession.objects.filter(pk=session.pk).update(language="es")
    spanish = twiml(hook(client, fake_phone, session, "answer/", {"CallSid": "x"}))
    from django.utils import translation

    from beacon.actions.calls.voice import INTRO

    with translation.override("es"):
        has_spanish = translation.gettext(INTRO) != INTRO
    assert spanish.find("Gather/Say").get("language") == ("es-US" if has_spanish else "en-US")


@pytest.mark.parametrize(
    ("language", "translated", "voice"),
    [
        ("en", False, ("en", "en-US")),
        ("es", True, ("es", "es-US")),
        ("es", False, ("en", "en-US")),  # no Spanish text yet: English, English voice
        ("zh-hans", True, ("zh-hans", "cmn-CN")),
        ("ht", True, ("en", "en-US")),  # no Haitian Creole voice
    ],
)
def test_the_voice_matches_the_language_of_the_words(language, translated, voice):
    from beacon.actions.calls.voice import voice_for

    assert voice_for(language, is_translated=translated) == voice


def test_press_one_then_each_office_in_turn_with_replays_ignored(client, session, fake_phone):
    none = twiml(hook(client, fake_phone, session, "gather/", {"Digits": "7"}))
    assert none.find("Dial") is None and none.find("Hangup") is not None
    root = twiml(hook(client, fake_phone, session, "gather/", {"Digits": "1"}))
    dial = root.find("Dial")
    assert dial.get("callerId") == "+16175550100"
    assert dial.get("action").endswith(f"/calls/hooks/{session.public_id}/dialed/0/0/")
    number = dial.find("Number")
    assert number.text == "+16177221485"  # Rosa Senator's State House office first
    assert number.get("statusCallback").endswith("/leg/0/0/")
    assert "Senator Rosa Senator" in root.find("Say").text

    busy = {"DialCallSid": "CA" + "1" * 32, "DialCallStatus": "busy"}
    first = twiml(hook(client, fake_phone, session, "dialed/0/0/", busy))
    district = first.find("Dial/Number")
    assert district.text == "+15087570323" and district.get("sendDigits") == "ww13"
    replay = twiml(hook(client, fake_phone, session, "dialed/0/0/", busy))
    assert replay.find("Dial/Number").text == "+15087570323"
    assert Call.objects.filter(outcome="busy").count() == 1

    connected_sid = "CA" + "2" * 32
    leg = hook(
        client,
        fake_phone,
        session,
        "leg/0/1/",
        {"CallSid": connected_sid, "CallStatus": "completed"},
    )
    assert leg.status_code == 204
    nxt = twiml(
        hook(
            client,
            fake_phone,
            session,
            "dialed/0/1/",
            {"DialCallSid": connected_sid, "DialCallStatus": "completed"},
        )
    )
    assert nxt.find("Dial/Number").text == "+16177223000"  # Carla Outgoing's office
    last = twiml(
        hook(
            client,
            fake_phone,
            session,
            "dialed/1/0/",
            {"DialCallSid": "CA" + "3" * 32, "DialCallStatus": "no-answer"},
        )
    )
    assert last.find("Dial") is None and last.find("Hangup") is not None
    assert "That was everyone" in last.find("Say").text

    legs = list(Call.objects.order_by("id").values_list("official__name", "outcome", "via"))
    assert legs == [
        ("Rosa Senator", "busy", "patch"),
        ("Rosa Senator", "talked_to_staff", "patch"),
        ("Carla Outgoing", "no_answer", "patch"),
    ]
    assert Call.objects.filter(outcome__in=Call.COUNTED).count() == 1

    done = hook(
        client,
        fake_phone,
        session,
        "status/",
        {"CallSid": session.provider_sid, "CallStatus": "completed"},
    )
    assert done.status_code == 204
    session.refresh_from_db()
    assert session.status == "completed" and session.ended_at is not None
    ended_at = session.ended_at
    hook(
        client,
        fake_phone,
        session,
        "status/",
        {"CallSid": session.provider_sid, "CallStatus": "failed"},
    )
    session.refresh_from_db()
    assert session.status == "completed" and session.ended_at == ended_at
    status_page = client.get(BASE + "connect/status/").text
    assert "Your call has ended." in status_page and "Talked to staff" in status_page


def test_unsigned_forged_and_misdirected_webhooks_are_refused(client, session, fake_phone):
    params = {"Digits": "1"}
    assert hook(client, fake_phone, session, "gather/", params, sign=False).status_code == 403
    assert (
        hook(
            client, fake_phone, session, "gather/", params, signature="bm90IGEgc2lnbmF0dXJl"
        ).status_code
        == 403
    )
    # Signed for other values, or for another URL: refused.
    other = fake_phone.sign(f"{ORIGIN}/calls/hooks/{session.public_id}/gather/", {"Digits": "2"})
    assert hook(client, fake_phone, session, "gather/", params, signature=other).status_code == 403
    elsewhere = fake_phone.sign(f"{ORIGIN}/calls/hooks/other/gather/", params)
    assert (
        hook(client, fake_phone, session, "gather/", params, signature=elsewhere).status_code == 403
    )
    assert client.get(f"/calls/hooks/{session.public_id}/answer/").status_code == 405
    session.refresh_from_db()
    assert not session.has_human
    unknown = client.post(
        "/calls/hooks/nope/answer/",
        {},
        HTTP_X_TWILIO_SIGNATURE=fake_phone.sign(f"{ORIGIN}/calls/hooks/nope/answer/", {}),
    )
    assert unknown.status_code == 404


@pytest.mark.parametrize("public_id", ["%00", "a%00b", "x" * 49, "caf%C3%A9"])
def test_a_signed_webhook_naming_a_malformed_session_is_a_404(
    client, session, fake_phone, public_id
):
    path = f"/calls/hooks/{public_id}/status/"
    response = client.post(
        path,
        {"CallStatus": "completed"},
        HTTP_X_TWILIO_SIGNATURE=fake_phone.sign(ORIGIN + path, {"CallStatus": "completed"}),
    )
    assert response.status_code == 404
    session.refresh_from_db()
    assert not session.is_finished


def test_a_status_for_another_call_or_an_unanswered_call(client, session, fake_phone):
    hook(
        client,
        fake_phone,
        session,
        "status/",
        {"CallSid": "CA" + "9" * 32, "CallStatus": "completed"},
    )
    session.refresh_from_db()
    assert session.status == "ringing"
    hook(
        client,
        fake_phone,
        session,
        "status/",
        {"CallSid": session.provider_sid, "CallStatus": "no-answer"},
    )
    session.refresh_from_db()
    assert session.status == "failed"
    after = twiml(hook(client, fake_phone, session, "gather/", {"Digits": "1"}))
    assert after.find("Dial") is None


def test_hashes_are_forgotten_a_day_later_by_the_retention_job(client, patching, fake_phone):
    from io import StringIO

    from django.core.management import call_command

    assert start(client).status_code == 302
    out = StringIO()
    call_command("enforce_retention", stdout=out)
    assert "call_hashes_forgotten: 0" in out.getvalue()
    with time_machine.travel(WEDNESDAY_10AM + timedelta(days=1, minutes=1), tick=False):
        call_command("enforce_retention", stdout=out)
    assert "call_hashes_forgotten: 1" in out.getvalue()
    session = PatchSession.objects.get()
    assert session.phone_hash == "" and session.requester_hash == ""


def test_a_leg_that_never_rang_is_recorded_once_by_position(client, session, fake_phone):
    twiml(hook(client, fake_phone, session, "gather/", {"Digits": "1"}))
    for _ in range(2):  # the callback, then its replay
        nxt = twiml(hook(client, fake_phone, session, "dialed/0/0/", {"DialCallStatus": "failed"}))
        assert nxt.find("Dial/Number").text == "+15087570323"
    assert list(Call.objects.values_list("outcome", flat=True)) == ["no_answer"]


def test_after_a_connected_leg_the_supporter_says_person_or_voicemail(client, session, fake_phone):
    twiml(hook(client, fake_phone, session, "gather/", {"Digits": "1"}))
    connected = twiml(
        hook(
            client,
            fake_phone,
            session,
            "dialed/0/0/",
            {"DialCallSid": "CA" + "4" * 32, "DialCallStatus": "completed"},
        )
    )
    gather = connected.find("Gather")
    assert gather.get("action").endswith(f"/calls/hooks/{session.public_id}/rated/0/0/")
    assert "press 2" in gather.find("Say").text
    # No key: the next verbs already dial the next official.
    assert connected.find("Dial/Number").text == "+16177223000"
    assert Call.objects.get().outcome == "talked_to_staff"
    rated = twiml(hook(client, fake_phone, session, "rated/0/0/", {"Digits": "2"}))
    assert rated.find("Dial/Number").text == "+16177223000"
    assert Call.objects.get().outcome == "left_voicemail"
    twiml(hook(client, fake_phone, session, "rated/0/0/", {"Digits": "9"}))
    twiml(hook(client, fake_phone, session, "rated/7/3/", {"Digits": "1"}))
    assert Call.objects.get().outcome == "left_voicemail"
    assert (
        hook(client, fake_phone, session, "rated/0/0/", {"Digits": "1"}, sign=False).status_code
        == 403
    )
