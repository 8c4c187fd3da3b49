"""Submitting, confirming and delivering letters against the real local SMTP server."""

from __future__ import annotations

import datetime
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone, translation

from beacon.actions.letters.selectors import (
    letter_ask_progress,
    letter_recent_participants,
    letter_recipient_statuses,
)
from beacon.actions.letters.services import (
    LetterError,
    Supporter,
    letter_confirm,
    letter_submit,
)
from beacon.actions.models import Letter, LetterRecipient
from beacon.actions.services import CampaignNotOpen
from beacon.campaigns.models import Campaign, LetterAsk
from beacon.core.confirmation import ConfirmError
from beacon.delivery.models import OutboundMessage
from beacon.delivery.sweeping import message_sweep
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures
from tests.actions.letter_fixtures import (
    REP_EMAIL,
    SENATOR_EMAIL,
    WEST_BARNSTABLE,
    confirm_by_email,
    divisions_at,
)

pytestmark = pytest.mark.django_db(transaction=True)


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


def submit(letters, n=0, **kwargs):
    kwargs.setdefault("divisions", divisions_at(WEST_BARNSTABLE))
    kwargs.setdefault("personal_paragraph", "My cousin was afraid to call 911.")
    return letter_submit(ask=letters.ask, supporter=ana(n), **kwargs)


def text(message) -> str:
    return message.get_content().replace("\r\n", "\n")


def confirm_link(message) -> str:
    return re.search(r"/letters/confirm/([\w-]+)/", message.get_content()).group(1)


def to_offices(messages):
    return [m for m in messages if m["To"] in (SENATOR_EMAIL, REP_EMAIL)]


def test_nothing_reaches_an_office_until_the_supporter_confirms(letters, smtp_server):
    result = submit(letters)
    [confirmation] = smtp_server.wait_for(1)
    assert confirmation["To"] == "ana0@example.org"
    assert "Senator Rosa Senator" in text(confirmation)
    assert OutboundMessage.objects.filter(category="letter").count() == 0
    assert result.letter.status == Letter.Status.PENDING

    letter, status_token = letter_confirm(token=confirm_link(confirmation))
    received = smtp_server.wait_for(4)
    offices = {m["To"]: m for m in to_offices(received)}
    assert set(offices) == {SENATOR_EMAIL, REP_EMAIL}
    rep = offices[REP_EMAIL]
    assert rep["From"] == "Ana Souza via Beacon <noreply@beacon.localhost>"
    assert rep["Reply-To"] == "ana0@example.org"
    assert rep.get_content_type() == "text/plain"
    body = text(rep)
    assert "Dear Representative Representative," in body
    assert "My cousin was afraid to call 911.\n\nSincerely,\nAna Souza" in body
    assert "a constituent from Barnstable" in body and "District: 1st Barnstable." in body
    assert "12 Main St, Barnstable, 02630" in body
    assert "<img" not in body and "List-Unsubscribe" not in rep
    assert offices[SENATOR_EMAIL]["Subject"] == "Thank you for cosponsoring S.1681"
    # What the office received is exactly what the supporter saw.
    stored = letter.recipients.get(official=letters.rep)
    assert rep["Subject"] == stored.subject and body.startswith(stored.body)

    copy = next(m for m in received if m["Subject"].startswith("Your letters are on their way"))
    assert f"/letters/status/{status_token}/" in text(copy)
    assert stored.body in text(copy)
    with pytest.raises(ConfirmError) as error:
        letter_confirm(token=confirm_link(confirmation))
    assert error.value.code == "used"


def test_a_451_is_retried_and_a_550_fails_as_the_status_page_shows(letters, smtp_server):
    answers = {SENATOR_EMAIL: ["451 4.3.0 Try later"], REP_EMAIL: ["550 5.1.1 No such user"] * 9}

    def responder(envelope):
        queue = answers.get(envelope.rcpt_tos[0])
        return queue.pop(0) if queue else None

    smtp_server.handler.responder = responder
    result = submit(letters)
    confirm_by_email(result.letter)
    states = delivery_states(result.letter)
    assert states == {SENATOR_EMAIL: "queued", REP_EMAIL: "failed"}
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=True):
        message_sweep(send=True)
    states = delivery_states(result.letter)
    assert states == {SENATOR_EMAIL: "sent", REP_EMAIL: "failed"}
    assert [m["To"] for m in to_offices(smtp_server.messages)] == [SENATOR_EMAIL]


def delivery_states(letter) -> dict[str, str]:
    return {s.recipient.to_email: s.state for s in letter_recipient_statuses(letter=letter)}


def _confirmed(letters, count, smtp_server):
    return [confirm_by_email(submit(letters, n=n).letter)[0] for n in range(count)]


def test_the_daily_digest_holds_each_letter_in_full_with_name_town_and_count(letters, smtp_server):
    letters.ask.delivery = LetterAsk.Delivery.DIGEST
    letters.ask.save()
    day = datetime.datetime(2026, 3, 10, 15, 0, tzinfo=datetime.UTC)
    with time_machine.travel(day, tick=False):
        _confirmed(letters, 3, smtp_server)
        call_command("send_digests")
        assert to_offices(smtp_server.messages) == []
    with time_machine.travel(day + timedelta(days=1), tick=False):
        call_command("send_digests")
        call_command("send_digests")  # Twice: still one digest per office.
    digests = to_offices(smtp_server.wait_for(5))
    assert sorted(m["To"] for m in digests) == [REP_EMAIL, SENATOR_EMAIL]
    rep = next(m for m in digests if m["To"] == REP_EMAIL)
    body = text(rep)
    assert rep["Subject"] == (
        "3 constituent letters for Representative Ben Representative, March 10, 2026"
    )
    assert "3 constituents wrote to Representative Ben Representative" in body
    assert "- 1st Barnstable: 3" in body
    for n in range(3):
        assert f"Letter {n + 1} of 3: from Ana Souza, Barnstable" in body
        assert f"ana{n}@example.org" in body
    assert body.count("I live in Barnstable and I ask you to support S.1681") == 3
    assert body.count("My cousin was afraid to call 911.") == 3
    assert LetterRecipient.objects.filter(mode="digest", message__isnull=True).count() == 0


def test_automatic_delivery_sends_up_to_the_hourly_limit_then_uses_the_digest(letters, smtp_server):
    letters.ask.delivery = LetterAsk.Delivery.AUTOMATIC
    letters.ask.hourly_limit = 2
    letters.ask.save()
    _confirmed(letters, 3, smtp_server)
    modes = list(
        LetterRecipient.objects.filter(official=letters.rep)
        .order_by("letter_id")
        .values_list("mode", flat=True)
    )
    assert modes == ["individual", "individual", "digest"]
    assert len([m for m in smtp_server.wait_for(10) if m["To"] == REP_EMAIL]) == 2
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        confirm_by_email(submit(letters, n=9).letter)
    assert LetterRecipient.objects.filter(
        official=letters.rep, letter__email="ana9@example.org", mode="individual"
    ).exists()


def test_the_sending_window_delays_letters_to_office_hours(letters, smtp_server):
    letters.ask.window_start = datetime.time(9, 0)
    letters.ask.window_end = datetime.time(17, 0)
    letters.ask.save()
    evening = datetime.datetime(2026, 3, 10, 20, 0, tzinfo=letters.ask.campaign.tz)  # Tue
    with time_machine.travel(evening, tick=False):
        _confirmed(letters, 1, smtp_server)
        message = OutboundMessage.objects.get(to=REP_EMAIL)
    assert message.not_before == datetime.datetime(
        2026, 3, 11, 9, 0, tzinfo=letters.ask.campaign.tz
    )
    assert to_offices(smtp_server.messages) == []
    with time_machine.travel(evening + timedelta(hours=13, minutes=1), tick=True):
        message_sweep(send=True)
    assert len(to_offices(smtp_server.wait_for(4))) == 2


def test_a_vacant_seat_is_held_and_the_supporter_told(letters, smtp_server):
    from beacon.geo.models import Division

    vacant = Division.objects.create(
        ocd_id="ocd-division/country:us/state:ma/sldl:vacant", name="Vacant District", kind="sldl"
    )
    divisions = [d for d in divisions_at(WEST_BARNSTABLE) if d.kind != "sldl"] + [vacant]
    result = submit(letters, divisions=divisions)
    confirm_by_email(result.letter)
    statuses = letter_recipient_statuses(letter=result.letter)
    assert [s.state for s in statuses] == ["sent", "held"]
    assert statuses[1].recipient.held_reason == "vacant"
    copy = next(
        m for m in smtp_server.wait_for(3) if m["Subject"].startswith("Your letters are on")
    )
    assert "This seat is vacant, so this letter is held" in text(copy)


def test_a_closed_campaign_takes_no_letters_and_refuses_confirmation(letters, smtp_server):
    pending = submit(letters)
    token = confirm_link(smtp_server.wait_for(1)[0])
    Campaign.objects.filter(pk=letters.ask.campaign_id).update(status=Campaign.Status.CLOSED)
    letters.ask.campaign.refresh_from_db()
    with pytest.raises(CampaignNotOpen):
        submit(letters, n=1)
    with pytest.raises(ConfirmError) as error:
        letter_confirm(token=token)
    assert error.value.code == "closed"
    assert Letter.objects.count() == 1 and pending.letter.status == "pending"
    assert OutboundMessage.objects.filter(category="letter").count() == 0


def test_over_long_letters_and_second_letters_are_refused(letters, smtp_server):
    with pytest.raises(LetterError) as error:
        submit(letters, personal_paragraph="x" * 2001)
    assert error.value.code == "too_long"
    letters.ask.editing = LetterAsk.Editing.EDITABLE
    letters.ask.save()
    with pytest.raises(LetterError):
        submit(letters, edited_bodies={0: "y" * 5001})
    assert Letter.objects.count() == 0
    confirm_by_email(
        submit(letters, edited_bodies={1: "Dear Ben, my own words. {first_name}"}).letter
    )
    assert LetterRecipient.objects.get(official=letters.rep).body == "Dear Ben, my own words. Ana"
    # Writing again sends nothing new: a kind email says so, within the address's daily
    # mail limit (five; the confirmation took one), however often the form is sent.
    sent_before = OutboundMessage.objects.count()
    for _ in range(6):
        submit(letters)
    assert Letter.objects.get().status == Letter.Status.CONFIRMED
    notices = list(OutboundMessage.objects.order_by("pk")[sent_before:])
    assert len(notices) == 4
    assert {n.to for n in notices} == {"ana0@example.org"}
    assert all(n.subject.startswith("You have already written") for n in notices)


def test_the_mailto_fallback_is_recorded_as_self_reported_and_sends_nothing(letters, smtp_server):
    letter_submit(
        ask=letters.ask,
        supporter=ana(is_public=True, has_opted_in=True),
        divisions=divisions_at(WEST_BARNSTABLE),
        mailto=True,
    )
    letter = Letter.objects.get()
    assert letter.status == Letter.Status.SELF_REPORTED and letter.is_mailto_fallback
    assert {r.mode for r in letter.recipients.all()} == {"self"}
    # Nobody proved control of the address: no confirmation time, no public name, no
    # consent to news recorded for it.
    assert (letter.confirmed_at, letter.is_public, letter.has_opted_in) == (None, False, False)
    assert OutboundMessage.objects.count() == 0
    assert letter_ask_progress(ask=letters.ask)["count"] == 0
    assert letter_recent_participants(ask=letters.ask) == []


@pytest.mark.parametrize("reported_as", ["ana0@example.org", "ANA0+beacon@Example.ORG"])
def test_a_self_reported_letter_never_stops_the_owner_of_the_email_from_writing(
    letters, smtp_server, reported_as
):
    # A stranger "sends it from their own email" with Ana's address, or a variant of it.
    letter_submit(
        ask=letters.ask,
        supporter=ana(email=reported_as, street="1 Other Rd"),
        divisions=divisions_at(WEST_BARNSTABLE),
        mailto=True,
    )
    own = submit(letters)
    assert own.letter.status == Letter.Status.PENDING
    letter, _token = confirm_by_email(own.letter)
    assert letter.status == Letter.Status.CONFIRMED
    offices = to_offices(smtp_server.wait_for(4))
    assert {m["To"] for m in offices} == {SENATOR_EMAIL, REP_EMAIL}
    assert all("1 Other Rd" not in text(m) and "12 Main St" in text(m) for m in offices)
    assert letter_ask_progress(ask=letters.ask)["count"] == 1


def test_a_second_pending_letter_leaves_the_first_alone_and_only_one_is_sent(letters, smtp_server):
    first = submit(letters, personal_paragraph="The first text.")
    token_one = confirm_link(smtp_server.wait_for(1)[0])
    before = Letter.objects.values().get(pk=first.letter.pk)
    # A second browser, or the same person with an edited text: its own pending letter.
    second = submit(letters, personal_paragraph="The second text.")
    token_two = confirm_link(smtp_server.wait_for(2)[1])
    assert Letter.objects.values().get(pk=first.letter.pk) == before
    assert Letter.objects.filter(status=Letter.Status.PENDING).count() == 2
    confirmed, _ = letter_confirm(token=token_two)
    assert confirmed.pk == second.letter.pk
    with pytest.raises(ConfirmError) as error:
        letter_confirm(token=token_one)
    assert error.value.code == "used"
    assert Letter.objects.filter(status=Letter.Status.CONFIRMED).count() == 1
    offices = to_offices(smtp_server.wait_for(5))
    assert len(offices) == 2
    assert all("The second text." in text(m) and "The first text." not in text(m) for m in offices)


def test_pending_letters_from_one_address_are_capped_per_hour(letters, smtp_server):
    from beacon.actions.letters.services import PENDING_PER_PERSON_PER_HOUR

    for _ in range(PENDING_PER_PERSON_PER_HOUR + 2):
        submit(letters)
    assert Letter.objects.count() == PENDING_PER_PERSON_PER_HOUR
    assert OutboundMessage.objects.count() == PENDING_PER_PERSON_PER_HOUR
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        submit(letters)
    assert Letter.objects.count() == PENDING_PER_PERSON_PER_HOUR + 1


@pytest.mark.parametrize("field", ["first_name", "last_name", "email"])
def test_line_breaks_in_names_are_refused_by_the_service_too(letters, smtp_server, field):
    value = {"email": "ana@example.org\r\nBcc: x@evil.example"}.get(field, "Ana\nBcc: x@evil")
    with pytest.raises(LetterError) as error:
        letter_submit(
            ask=letters.ask,
            supporter=ana(**{field: value}),
            divisions=divisions_at(WEST_BARNSTABLE),
        )
    assert error.value.code == "invalid"
    assert Letter.objects.count() == 0 and OutboundMessage.objects.count() == 0


def test_a_letter_held_for_a_missing_address_goes_once_staff_add_one(letters, smtp_server):
    from tests.actions.letter_fixtures import YARMOUTH, give_email

    result = submit(letters, divisions=divisions_at(YARMOUTH))
    confirm_by_email(result.letter)
    assert [s.state for s in letter_recipient_statuses(letter=result.letter)] == ["sent", "held"]
    call_command("send_digests")
    assert OutboundMessage.objects.filter(to="carla@mahouse.example").count() == 0
    give_email(letters.carla, "carla@mahouse.example")
    call_command("send_digests")
    call_command("send_digests")
    [carla] = [m for m in smtp_server.wait_for(4) if m["To"] == "carla@mahouse.example"]
    assert "Dear Representative Outgoing," in carla.get_content()
    assert [s.state for s in letter_recipient_statuses(letter=result.letter)] == ["sent", "sent"]


def test_retention_deletes_unconfirmed_letters_and_erases_contacts_after_the_close(
    letters, smtp_server, settings
):
    from beacon.people import retention

    kept = letter_submit(
        ask=letters.ask,
        supporter=ana(1, has_opted_in=True),
        divisions=divisions_at(WEST_BARNSTABLE),
    ).letter
    confirm_by_email(kept)
    erased = confirm_by_email(submit(letters, n=2).letter)[0]
    pending = submit(letters, n=3).letter
    later = timezone.now() + timedelta(days=retention.pending_days() + 1)
    with time_machine.travel(later):
        call_command("enforce_retention")
    assert not Letter.objects.filter(pk=pending.pk).exists()
    assert Letter.objects.get(pk=erased.pk).email == "ana2@example.org"  # Campaign still live.
    Campaign.objects.filter(pk=letters.ask.campaign_id).update(
        status=Campaign.Status.CLOSED, closed_at=timezone.now()
    )
    with time_machine.travel(timezone.now() + timedelta(days=retention.after_close_days() + 1)):
        call_command("enforce_retention")
    erased.refresh_from_db()
    kept.refresh_from_db()
    assert (erased.email, erased.last_name, erased.street) == ("", "", "")
    assert erased.first_name == "Ana" and erased.town == "Barnstable"
    assert kept.email == "ana1@example.org"
    assert set(LetterRecipient.objects.values_list("body", flat=True)) == {""}
    assert LetterRecipient.objects.count() == 4  # Counts for organizers survive.


def _footer(message) -> str:
    return text(message).split("\n-- \n", 1)[1]


def test_a_spanish_supporters_english_letter_is_in_english_from_the_page_and_the_worker(
    letters, smtp_server
):
    """One letter, one language: the campaign's. Ana reads the Spanish pages, but her letter
    is the organizer's English one, so the statement under it is English too, both for the
    letter sent while her Spanish page is active and for the held one a worker sends later
    (whatever language an earlier task left active on the worker's thread)."""
    from beacon.actions.letters.services import letter_submit
    from tests.actions.letter_fixtures import YARMOUTH, give_email

    with translation.override("es"):  # The Spanish page Ana submits from.
        result = letter_submit(
            ask=letters.ask,
            supporter=ana(language="es"),
            divisions=divisions_at(YARMOUTH),
        )
        confirm_by_email(result.letter)
    assert result.letter.language == "es"
    give_email(letters.carla, "carla@mahouse.example")
    with translation.override("es"):  # A worker thread left in Spanish.
        call_command("send_digests")
    # Her confirmation and her copy, the senator's letter, and Carla's once released.
    received = smtp_server.wait_for(4)
    senator = next(m for m in received if m["To"] == SENATOR_EMAIL)
    carla = next(m for m in received if m["To"] == "carla@mahouse.example")
    for message in (senator, carla):
        footer = _footer(message)
        assert footer.startswith("Ana Souza, a constituent from Barnstable, wrote this letter")
        assert "Reply to this email to reach them directly: ana0@example.org" in footer
    assert "Dear Representative Outgoing," in text(carla)


def test_a_spanish_campaigns_letter_released_by_the_worker_is_all_in_spanish(letters, smtp_server):
    """The worker runs in English; a Spanish campaign's letter still gets its title and the
    statement under it in Spanish, the title in a form that fits any official's gender."""
    from tests.actions.letter_fixtures import YARMOUTH, give_email

    campaign = letters.ask.campaign
    campaign.language = "es"
    campaign.save()
    # Written in the campaign's main language, Spanish (ADR 0014).
    letters.ask.templates.update(
        subjects_es="Apoye la ley",
        body_es=(
            "Estimado/a {official_title} {official_last_name}:\n\nApoye la ley.\n\n{first_name}"
        ),
    )
    confirm_by_email(submit(letters, divisions=divisions_at(YARMOUTH)).letter)
    give_email(letters.carla, "carla@mahouse.example")
    call_command("send_digests")
    received = smtp_server.wait_for(4)
    senator = next(m for m in received if m["To"] == SENATOR_EMAIL)
    carla = next(m for m in received if m["To"] == "carla@mahouse.example")
    assert text(senator).startswith("Estimado/a Sen. Senator:")
    assert text(carla).startswith("Estimado/a Representante Outgoing:")
    organization = campaign.organization.name
    for message in (senator, carla):
        footer = _footer(message)
        assert footer.startswith(
            f"Ana Souza, residente de Barnstable en el distrito, escribió esta carta usando "
            f"Beacon para {organization}."
        )
        assert "Dirección indicada: 12 Main St, Barnstable, 02630." in footer
        assert "Responde a este correo" in footer


def test_ten_letters_for_one_address_send_at_most_the_mail_limit(letters, smtp_server):
    from beacon.actions.letters.services import PENDING_PER_PERSON_PER_HOUR
    from beacon.core.models import RateLimit

    RateLimit.objects.update_or_create(
        scope="mail", key="email", defaults={"maximum": 2, "window_seconds": 86400}
    )
    for _ in range(10):
        submit(letters)
    mails = OutboundMessage.objects.filter(to="ana0@example.org")
    assert mails.count() == 2  # the operator's mail limit, below the pending-letter cap
    assert Letter.objects.count() == PENDING_PER_PERSON_PER_HOUR
    assert not OutboundMessage.objects.filter(category="letter").exists()
