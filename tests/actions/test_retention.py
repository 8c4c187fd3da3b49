"""The retention schedule, enforced: one test per class moves the clock past its period
(time-machine) and checks that `beacon enforce_retention` deleted or erased the rows, kept
what the schedule keeps, and changes nothing when run again. Run on SQLite and, with
DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from beacon.actions.letters.services import Supporter, letter_submit
from beacon.actions.models import (
    Call,
    DataLink,
    Letter,
    LetterRecipient,
    NewsConsent,
    PatchSession,
    Signature,
)
from beacon.actions.services import petition_counts_refresh, signature_create
from beacon.actions.yourdata.consents import ConsentAsked
from beacon.actions.yourdata.services import data_link_request, news_stop
from beacon.campaigns.models import Campaign
from beacon.delivery.models import OutboundMessage
from beacon.people.email import email_canonicalize, email_pseudonym
from beacon.people.retention import retention_schedule
from tests.actions.factories import ConfirmedSignatureFactory, SignatureFactory
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures, used by name.
from tests.actions.letter_fixtures import (
    WEST_BARNSTABLE,
    YARMOUTH,
    confirm_by_email,
    divisions_at,
)
from tests.campaigns.factories import PetitionFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def days(key: str) -> timedelta:
    return settings.BEACON_RETENTION[key] * DAY


def enforce(at=None) -> dict[str, dict[str, int]]:
    """Run `beacon enforce_retention` (at `at`, if given) and parse what it printed:
    {class: {what: rows}}."""
    out = StringIO()
    if at is None:
        call_command("enforce_retention", stdout=out)
    else:
        with time_machine.travel(at):
            call_command("enforce_retention", stdout=out)
    report = {}
    for line in out.getvalue().splitlines():
        key, _, counts = line.partition(": ")
        report[key.split(" ")[0]] = {
            what: int(n) for what, n in re.findall(r"(\w+): (\d+)", counts)
        }
    return report


def assert_nothing_left_to_do(at) -> None:
    assert all(n == 0 for counts in enforce(at).values() for n in counts.values())


def close(campaign_id: int, *, won: bool = False) -> None:
    field = "won_at" if won else "closed_at"
    status = Campaign.Status.WON if won else Campaign.Status.CLOSED
    Campaign.objects.filter(pk=campaign_id).update(status=status, **{field: timezone.now()})


def ana(n: int = 0, **overrides) -> Supporter:
    fields = dict(
        first_name="Ana",
        last_name="Souza",
        email=f"ana{n}@example.org",
        street="12 Main St",
        city="Barnstable",
        zip_code="02630",
        town="Barnstable",
    )
    fields.update(overrides)
    return Supporter(**fields)


@pytest.fixture
def write(letters, django_capture_on_commit_callbacks, smtp_server):
    """Write (and by default confirm) a letter as Ana number `n`, at `point`; what is
    queued after commit is sent at once, as in production."""

    def write(n=0, point=WEST_BARNSTABLE, confirm=True, **overrides) -> Letter:
        with django_capture_on_commit_callbacks(execute=True):
            letter = letter_submit(
                ask=letters.ask,
                supporter=ana(n, **overrides),
                divisions=divisions_at(point),
                personal_paragraph="My cousin was afraid to call 911.",
            ).letter
        if confirm:
            with django_capture_on_commit_callbacks(execute=True):
                confirm_by_email(letter)
        return Letter.objects.get(pk=letter.pk)

    return write


def test_unconfirmed_signatures_and_letters_are_deleted_after_the_pending_period(write, letters):
    pending_signature = SignatureFactory()
    confirmed_signature = ConfirmedSignatureFactory()
    pending_letter = write(1, confirm=False, consents=(news_from(letters),))
    confirmed_letter = write(2, consents=(news_from(letters),))
    now = timezone.now()
    assert enforce(now + days("pending") - DAY)["pending"] == {
        "signatures_deleted": 0,
        "letters_deleted": 0,
        "consents_deleted": 0,
    }
    assert enforce(now + days("pending") + DAY)["pending"] == {
        "signatures_deleted": 1,
        "letters_deleted": 1,
        "consents_deleted": 1,
    }
    # The confirmed letter's consent was given, and stays.
    assert NewsConsent.objects.get().letter == confirmed_letter
    assert not Signature.objects.filter(pk=pending_signature.pk).exists()
    assert not Letter.objects.filter(pk=pending_letter.pk).exists()
    assert Signature.objects.filter(pk=confirmed_signature.pk).exists()
    assert Letter.objects.filter(pk=confirmed_letter.pk).exists()
    assert_nothing_left_to_do(now + days("pending") + DAY)


def test_street_addresses_are_blanked_once_every_office_has_the_letter(write, letters):
    delivered = write(1)
    # Yarmouth's representative has no email: that letter waits, held, for one.
    waiting = write(2, point=YARMOUTH, city="Yarmouth", town="Yarmouth", zip_code="02664")
    assert LetterRecipient.objects.filter(letter=waiting).exclude(held_reason="").exists()
    assert OutboundMessage.objects.filter(category="letter", status="sent").count() == 3
    now = timezone.now()
    assert enforce(now + days("street_addresses") - DAY)["street_addresses"] == {
        "letter_streets_erased": 0
    }
    report = enforce(now + days("street_addresses") + DAY)
    assert report["street_addresses"] == {"letter_streets_erased": 1}
    delivered.refresh_from_db()
    waiting.refresh_from_db()
    assert delivered.street == ""
    assert (delivered.city, delivered.zip_code, delivered.town) == (
        "Barnstable",
        "02630",
        "Barnstable",
    )
    assert delivered.divisions.count() == len(divisions_at(WEST_BARNSTABLE))
    assert waiting.street == "12 Main St"  # still needed for the held letter
    assert_nothing_left_to_do(now + days("street_addresses") + DAY)


def test_letter_texts_are_blanked_once_every_office_has_the_letter(write):
    delivered = write(1)
    waiting = write(2, point=YARMOUTH, city="Yarmouth", town="Yarmouth", zip_code="02664")
    # A letter whose message has not gone yet is still to be delivered.
    still_sending = write(3)
    OutboundMessage.objects.filter(
        pk__in=LetterRecipient.objects.filter(letter=still_sending).values("message")
    ).update(status=OutboundMessage.Status.QUEUED, sent_at=None)
    now = timezone.now()
    assert enforce(now + days("letter_texts") - DAY)["letter_texts"] == {
        "letter_texts_erased": 0,
        "letter_paragraphs_erased": 0,
    }
    assert enforce(now + days("letter_texts") + DAY)["letter_texts"] == {
        "letter_texts_erased": 2,
        "letter_paragraphs_erased": 1,
    }
    assert set(delivered.recipients.values_list("body", flat=True)) == {""}
    assert Letter.objects.get(pk=delivered.pk).personal_paragraph == ""
    assert all(delivered.recipients.values_list("subject", flat=True))  # the status page
    for kept in (waiting, still_sending):
        assert "" not in set(kept.recipients.values_list("body", flat=True))
        assert Letter.objects.get(pk=kept.pk).personal_paragraph
    assert_nothing_left_to_do(now + days("letter_texts") + DAY)


def test_sent_mail_loses_its_text_and_addresses_but_mail_to_deliver_is_never_touched(write):
    from beacon.delivery.services import message_queue, message_retry_now

    write(1)
    sent = set(OutboundMessage.objects.filter(status="sent").values_list("pk", flat=True))
    # The confirmation, the letter to each office and Ana's copy.
    assert len(sent) == 4
    later = timezone.now() + days("outbound_mail") + 2 * DAY
    reminder = message_queue(
        to="ana9@example.org", subject="Call today", body_text="Call.", not_before=later
    )
    held = message_queue(to="office@example.org", subject="Held", body_text="Held.", hold=True)
    failed = message_queue(
        to="gone@example.org", subject="Failed", body_text="Failed.", category="test"
    )
    OutboundMessage.objects.filter(pk=failed.pk).update(status="failed", failed_at=timezone.now())
    now = timezone.now()
    assert enforce(now + days("outbound_mail") - DAY)["outbound_mail"] == {"messages_erased": 0}
    assert enforce(now + days("outbound_mail") + DAY)["outbound_mail"] == {"messages_erased": 5}
    for message in OutboundMessage.objects.filter(pk__in=sent | {failed.pk}):
        assert (message.to, message.subject, message.body_text, message.body_html) == ("",) * 4
        assert (message.from_name, message.reply_to, message.headers) == ("", "", {})
        assert message.category and message.status in ("sent", "failed")
        assert message.sent_at or message.failed_at
    for untouched in (reminder, held):
        row = OutboundMessage.objects.get(pk=untouched.pk)
        assert (row.to, row.body_text) == (untouched.to, untouched.body_text)
    assert message_retry_now(message_pk=failed.pk) is False  # nothing left to send
    assert_nothing_left_to_do(now + days("outbound_mail") + DAY)


def _call(ask, first_name="Ana") -> Call:
    return Call.objects.create(
        ask=ask,
        target_name="Rosa Senator",
        outcome=Call.Outcome.TALKED_TO_STAFF,
        first_name=first_name,
        town="Yarmouth",
    )


def test_first_names_on_call_records_are_blanked_after_the_period(letters):
    call = _call(letters.ask.campaign.call_asks.create(slug="call", title="Call"))
    now = timezone.now()
    assert enforce(now + days("call_records") - DAY)["call_records"] == {"call_names_erased": 0}
    assert enforce(now + days("call_records") + DAY)["call_records"] == {"call_names_erased": 1}
    call.refresh_from_db()
    assert call.first_name == "" and call.town == "Yarmouth"
    assert call.outcome == Call.Outcome.TALKED_TO_STAFF
    assert_nothing_left_to_do(now + days("call_records") + DAY)


def test_phone_hashes_of_patch_through_requests_are_blanked_after_the_period(letters):
    ask = letters.ask.campaign.call_asks.create(slug="call", title="Call")
    session = PatchSession.objects.create(
        public_id="p1", ask=ask, phone_hash="a" * 64, requester_hash="b" * 64
    )
    now = timezone.now()
    assert enforce(now + days("phone_hashes") - timedelta(hours=1))["phone_hashes"] == {
        "call_hashes_forgotten": 0
    }
    assert enforce(now + days("phone_hashes") + timedelta(hours=1))["phone_hashes"] == {
        "call_hashes_forgotten": 1
    }
    session.refresh_from_db()
    assert (session.phone_hash, session.requester_hash) == ("", "")
    assert_nothing_left_to_do(now + days("phone_hashes") + timedelta(hours=1))


def test_browser_sessions_expire_after_the_period_and_are_cleared():
    assert settings.SESSION_COOKIE_AGE == days("sessions").total_seconds()
    session = SessionStore()
    session["letter-flow"] = {"street": "12 Main St"}
    session.create()
    now = timezone.now()
    assert enforce(now + days("sessions") - DAY)["sessions"] == {"sessions_deleted": 0}
    assert Session.objects.filter(pk=session.session_key).exists()
    assert enforce(now + days("sessions") + DAY)["sessions"] == {"sessions_deleted": 1}
    assert not Session.objects.filter(pk=session.session_key).exists()
    assert_nothing_left_to_do(now + days("sessions") + DAY)


def test_signers_contacts_on_live_campaigns_are_erased_after_the_period_but_count_once(
    smtp_server, django_capture_on_commit_callbacks
):
    petition = PetitionFactory(campaign__deadline=None)
    signer = ConfirmedSignatureFactory(petition=petition, email="Rosa.Diaz@example.org")
    opted_in = ConfirmedSignatureFactory(petition=petition, has_opted_in=True)
    petition_counts_refresh()
    now = timezone.now()
    assert enforce(now + days("live_signatures") - DAY)["live_signatures"] == {
        "signature_contacts_erased": 0
    }
    later = now + days("live_signatures") + DAY
    assert enforce(later)["live_signatures"] == {"signature_contacts_erased": 1}
    signer.refresh_from_db()
    opted_in.refresh_from_db()
    assert (signer.email, signer.last_name) == ("", "")
    assert signer.first_name and signer.town and signer.zip_code
    assert signer.email_canonical == email_pseudonym("rosa.diaz@example.org")
    assert opted_in.email  # kept for the organization (the opted_in class)
    assert_nothing_left_to_do(later)
    # Signing again is answered as before ("you already signed", at the address typed
    # now) and does not count twice.
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        result = signature_create(
            petition=petition,
            first_name="Rosa",
            last_name="Diaz",
            email="rosa.diaz+again@example.org",
            zip_code="02150",
        )
    assert result.is_new is False and result.signature.pk == signer.pk
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "rosa.diaz+again@example.org"
    assert Signature.objects.filter(petition=petition).count() == 2
    assert petition_counts_refresh()[petition.pk][1] == 2


def test_contacts_are_erased_once_a_campaign_has_been_over_for_the_period(write, letters, settings):
    # Callers' first names must still be there for this class to erase them.
    settings.BEACON_RETENTION = {**settings.BEACON_RETENTION, "call_records": 365}
    petition = PetitionFactory(campaign=letters.ask.campaign)
    signer = ConfirmedSignatureFactory(petition=petition)
    letter = write(1)
    call = _call(letters.ask.campaign.call_asks.create(slug="call", title="Call"))
    # A signer whose contacts the live-campaign rule already turned into a pseudonym: once
    # the campaign is over, nothing may link the row to a person any more.
    old = ConfirmedSignatureFactory(petition=petition, email="old@example.org")
    Signature.objects.filter(pk=old.pk).update(
        email="", email_canonical=email_pseudonym(email_canonicalize(old.email))
    )
    close(letters.ask.campaign_id, won=True)
    now = timezone.now()
    assert enforce(now + days("after_close") - DAY)["after_close"]["signature_contacts_erased"] == 0
    report = enforce(now + days("after_close") + DAY)["after_close"]
    assert report["signature_contacts_erased"] == 2
    assert report["letter_contacts_erased"] == 1 and report["call_names_erased"] == 1
    signer.refresh_from_db()
    old.refresh_from_db()
    letter.refresh_from_db()
    call.refresh_from_db()
    assert (signer.email, signer.last_name, signer.email_canonical) == (
        "",
        "",
        f"erased:{signer.pk}",
    )
    assert old.email_canonical == f"erased:{old.pk}"
    assert (letter.email, letter.last_name, letter.street, letter.personal_paragraph) == ("",) * 4
    assert letter.first_name == "Ana" and letter.town == "Barnstable"
    assert call.first_name == ""
    assert_nothing_left_to_do(now + days("after_close") + DAY)


def test_opted_in_contacts_are_kept_for_the_organization_for_their_period(write, letters):
    petition = PetitionFactory(campaign=letters.ask.campaign)
    signer = ConfirmedSignatureFactory(petition=petition, has_opted_in=True)
    letter = write(1, has_opted_in=True, consents=(news_from(letters),))
    close(letters.ask.campaign_id)
    now = timezone.now()
    assert enforce(now + days("opted_in") - DAY)["opted_in"] == {
        "signature_contacts_erased": 0,
        "letter_contacts_erased": 0,
        "consents_withdrawn": 0,
    }
    signer.refresh_from_db()
    letter.refresh_from_db()
    assert signer.email and letter.email  # past after_close, within opted_in
    assert letter.street == ""  # a street address is no contact: it went long ago
    assert enforce(now + days("opted_in") + DAY)["opted_in"] == {
        "signature_contacts_erased": 1,
        "letter_contacts_erased": 1,
        "consents_withdrawn": 1,
    }
    signer.refresh_from_db()
    letter.refresh_from_db()
    assert (signer.email, signer.last_name, letter.email, letter.last_name) == ("",) * 4
    consent = NewsConsent.objects.get()
    assert (consent.email, consent.withdrawn_how) == ("", "retention")
    assert_nothing_left_to_do(now + days("opted_in") + DAY)


def news_from(letters) -> ConsentAsked:
    """The letter campaign organization's news box, ticked."""
    organization = letters.ask.campaign.organization_id
    return ConsentAsked(organization, "Send me news about this campaign and others")


def test_data_link_requests_are_deleted_after_the_period(smtp_server):
    ConfirmedSignatureFactory(email="ana@example.org")
    assert data_link_request(email="ana@example.org", language="en")
    now = timezone.now()
    assert enforce(now + days("data_links") - timedelta(hours=1))["data_links"] == {
        "links_deleted": 0
    }
    assert enforce(now + days("data_links") + timedelta(hours=1))["data_links"] == {
        "links_deleted": 1
    }
    assert not DataLink.objects.exists()
    assert_nothing_left_to_do(now + days("data_links") + timedelta(hours=1))


def test_withdrawn_consents_keep_no_address_and_go_after_the_period():
    signer = ConfirmedSignatureFactory(email="ana@example.org")
    kept = NewsConsent.objects.create(
        organization=signer.petition.campaign.organization,
        email="zed@example.org",
        email_canonical="zed@example.org",
        source="petition",
        wording="Send me news",
        given_at=timezone.now(),
    )
    NewsConsent.objects.create(
        organization=kept.organization,
        email="ana@example.org",
        email_canonical="ana@example.org",
        source="petition",
        wording="Send me news",
        given_at=timezone.now(),
    )
    assert news_stop(email_canonical="ana@example.org") == 1
    assert not NewsConsent.objects.filter(email="ana@example.org").exists()
    now = timezone.now()
    assert enforce(now + days("withdrawn_consents") - DAY)["withdrawn_consents"] == {
        "consents_deleted": 0
    }
    assert enforce(now + days("withdrawn_consents") + DAY)["withdrawn_consents"] == {
        "consents_deleted": 1
    }
    assert list(NewsConsent.objects.all()) == [kept]
    assert_nothing_left_to_do(now + days("withdrawn_consents") + DAY)


def test_every_class_is_reported_and_a_second_run_changes_nothing(write):
    write(1)
    SignatureFactory()
    later = timezone.now() + 3 * 365 * DAY
    first = enforce(later)
    assert list(first) == [item.key for item in retention_schedule()]
    assert sum(n for counts in first.values() for n in counts.values()) > 0
    assert_nothing_left_to_do(later)
