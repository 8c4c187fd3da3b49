"""A whole changeover, played on the fixture officials: terms end, letters wait, a new
legislature arrives (one seat changes hands, one stays vacant), and held letters go to
whoever holds each seat then. Every step runs at a pinned date."""

from __future__ import annotations

import datetime

import pytest

from beacon.actions.checks import check_officials_changeover
from beacon.actions.letters.changeover import letters_send_awaiting_to_office
from beacon.actions.letters.selectors import letter_recipient_statuses
from beacon.actions.letters.services import Supporter, letter_confirm, letter_submit
from beacon.actions.models import LetterRecipient
from beacon.core.tokens import token_new
from beacon.dashboard.selectors import letter_ask_results
from beacon.delivery.models import OutboundMessage
from beacon.officials.models import ContactChannel, Official
from beacon.officials.selectors import seat_get_governor
from tests.actions.changeover_fixtures import *  # noqa: F403 - fixtures
from tests.actions.changeover_fixtures import (
    AFTER,
    REFRESHED,
    at,
    new_legislature,
    officials_import_run,
)
from tests.officials.conftest import WEST_BARNSTABLE, YARMOUTH

pytestmark = pytest.mark.django_db


def _write(ask, email, point):
    from beacon.geo.services import location_resolve

    result = letter_submit(
        ask=ask,
        supporter=Supporter(first_name="Ana", last_name="Souza", email=email, town="Barnstable"),
        divisions=location_resolve(lat=point[0], lon=point[1]).divisions,
        personal_paragraph="My family lives here.",
    )
    token, digest = token_new()
    result.letter.confirm_token_digest = digest
    result.letter.confirm_expires_at = datetime.datetime(2027, 2, 1, tzinfo=datetime.UTC)
    result.letter.save()
    letter, _ = letter_confirm(token=token)
    return letter


def _recipients(letter) -> dict[str, LetterRecipient]:
    return {r.seat_type: r for r in letter.recipients.all()}


def test_letters_wait_for_the_new_holders_and_go_to_them(ask, tree):
    with at(*AFTER):
        west = _write(ask, "ana@example.org", WEST_BARNSTABLE)
        east = _write(ask, "bea@example.org", YARMOUTH)
        # Held, not lost, and not sent to anyone who may no longer hold the seat.
        for letter in (west, east):
            held = _recipients(letter)
            assert set(held) == {"upper", "lower", "governor"}
            assert {r.held_reason for r in held.values()} == {LetterRecipient.Held.AWAITING}
            assert all(r.official_id is None and not r.to_email for r in held.values())
            assert held["upper"].body.startswith("Dear Senator,\n")
        assert not OutboundMessage.objects.filter(category="letter").exists()
        assert {s.state for s in letter_recipient_statuses(letter=west)} == {"awaiting"}
        # Counted apart on the organizer's results.
        assert letter_ask_results(ask=ask).by_delivery == {"awaiting": 6}
        copy = OutboundMessage.objects.filter(to="ana@example.org").order_by("pk").last()
        assert copy.subject.startswith("Your letters are saved and waiting")
        warnings = check_officials_changeover(databases=["default"])
        assert [w.id for w in warnings] == ["beacon.W001", "beacon.W002"]
        assert "6 letter(s) are held" in warnings[1].msg
        assert "beacon import_officials" in warnings[1].msg
        assert warnings[1].hint == "safe-communities/write: 6"
        # Every seat is listed, the Governor's first (its term ended first).
        assert warnings[0].hint.startswith("Governor, Massachusetts: Grace Governor (2027-01-02)")
        assert warnings[0].hint.count(";") == 3
        # Staff correct a channel meanwhile; the refresh must keep it.
        rosa = Official.objects.get(name="Rosa Senator")
        ContactChannel.objects.create(
            official=rosa, kind="tty", value="617-722-1999", is_staff_added=True
        )

    new_legislature(tree)
    with at(*REFRESHED):
        output = officials_import_run(tree)

    assert "Officials data as of 2027-01-07" in output
    assert "Ended:" in output and "Ben Representative" in output
    assert (
        "Held letters: 5 released to the seat's new holder, 0 still awaiting updated data, "
        "1 held for a seat now vacant" in output
    )
    messages = list(OutboundMessage.objects.filter(category="letter"))
    assert sorted(m.to for m in messages) == [
        "governor@mass.example",
        "governor@mass.example",
        "nora.newcomer@mahouse.example",
        "rosa@malegislature.example",
        "rosa@malegislature.example",
    ]
    sent = {m.to: m for m in messages}
    nora = sent["nora.newcomer@mahouse.example"]
    # Addressed to the new holder by name, with the supporter's own paragraph.
    assert nora.body_text.startswith("Dear Representative Newcomer,\n")
    assert "My family lives here." in nora.body_text
    west_rep = _recipients(west)["lower"]
    assert (west_rep.official.name, west_rep.held_reason) == ("Nora Newcomer", "")
    # Carla's seat is vacant in the fresh data: Bea's letter to it stays held as vacant.
    assert _recipients(east)["lower"].held_reason == LetterRecipient.Held.VACANT
    assert ContactChannel.objects.filter(official__name="Rosa Senator", kind="tty").exists()
    with at(*REFRESHED):
        assert seat_get_governor().official.name == "Hana Successor"
        assert check_officials_changeover(databases=["default"]) == []
        # Idempotent: running it again sends nothing more.
        again = officials_import_run(tree)
    assert "Held letters" not in again
    assert OutboundMessage.objects.filter(category="letter").count() == 5


def test_the_organizer_may_send_held_letters_to_the_office_anyway(ask):
    with at(*AFTER):
        letter = _write(ask, "ana@example.org", WEST_BARNSTABLE)

        # The Governor's office has no email in the fixture: that letter stays held.
        assert letters_send_awaiting_to_office(ask=ask) == 2

        sent = OutboundMessage.objects.filter(category="letter").values_list("to", flat=True)
        assert sorted(sent) == ["ben@malegislature.example", "rosa@malegislature.example"]
        states = {r.seat_type: r.held_reason for r in letter.recipients.all()}
        assert states == {"upper": "", "lower": "", "governor": LetterRecipient.Held.AWAITING}
        assert letters_send_awaiting_to_office(ask=ask) == 0


def test_organizers_see_what_waits_and_only_editors_send_it_anyway(ask, client):
    from django.contrib.auth import get_user_model

    from beacon.campaigns.models import Membership

    def member(role):
        user = get_user_model().objects.create_user(username=role, password="x")
        Membership.objects.create(organization=ask.campaign.organization, user=user, role=role)
        return user

    viewer, editor = member("viewer"), member("editor")
    with at(*AFTER):
        _write(ask, "ana@example.org", WEST_BARNSTABLE)
        client.force_login(viewer)
        home = client.get("/dashboard/").content.decode()
        results = client.get(f"/dashboard/letters/{ask.pk}/").content.decode()
        refused = client.post(f"/dashboard/letters/{ask.pk}/send-awaiting/")
        client.force_login(editor)
        page = client.get(f"/dashboard/letters/{ask.pk}/").content.decode()
        sent = client.post(f"/dashboard/letters/{ask.pk}/send-awaiting/", follow=True)

    assert "Officials data needs refreshing" in home and "3 letters are held" in home
    assert "Grace Governor" in home and "beacon import_officials" in home
    assert "Held until the officials data names who holds the seat" in results
    assert "Send held letters to the office now" not in results
    assert refused.status_code == 403
    assert "Send held letters to the office now" in page
    assert "2 held letters were sent to the office." in sent.content.decode()
    assert OutboundMessage.objects.filter(category="letter").count() == 2


def test_operators_and_organizers_are_warned_before_the_terms_end(ask, client):
    """Warned ahead: 23 days before the Governor's term ends (2027-01-02) the system check
    and the organizer's home page name the seat; 43 days before, nothing is said."""
    from django.contrib.auth import get_user_model

    from beacon.campaigns.models import Membership

    viewer = get_user_model().objects.create_user(username="viewer", password="x")
    Membership.objects.create(organization=ask.campaign.organization, user=viewer, role="viewer")
    # Signed in on each day: a staff session idle for hours, or older than the retention
    # schedule's `sessions` period, is signed out.
    with at(2026, 11, 20):
        client.force_login(viewer)
        assert check_officials_changeover(databases=["default"]) == []
        assert "Officials data needs refreshing" not in client.get("/dashboard/").content.decode()
    with at(2026, 12, 10):
        client.force_login(viewer)
        warnings = check_officials_changeover(databases=["default"])
        home = client.get("/dashboard/").content.decode()

    assert [w.id for w in warnings] == ["beacon.W001"]
    assert "Grace Governor (2027-01-02)" in warnings[0].hint
    assert "beacon import_officials" in warnings[0].msg
    assert "Officials data needs refreshing" in home and "Grace Governor" in home
    assert "letters are held" not in home
