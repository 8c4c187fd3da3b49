"""January 2027 in a browser: the data's terms have ended and no fresher data has been
imported. Lucía finds the Governor's office and writes to her own legislators; the page
tells her the seats await updated data, her letters are kept, not sent to anyone who
may no longer hold the seat, and her status page says so."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from playwright.sync_api import expect

from beacon.actions.models import LetterRecipient
from beacon.delivery.models import OutboundMessage
from beacon.officials.models import Official
from tests.actions.changeover_fixtures import *  # noqa: F403 - fixtures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

JANUARY = datetime.datetime(2027, 1, 10, 15, 0, tzinfo=datetime.UTC)
CONFIRM_LINK_RE = re.compile(r"https?://\S+(/letters/confirm/[A-Za-z0-9_-]+/)")


def test_lucia_finds_the_governors_office_and_her_letters_wait(page, ask, smtp_server, axe_check):
    grace = Official.objects.get(name="Grace Governor")
    with time_machine.travel(JANUARY, tick=True):
        page.goto(f"/officials/{grace.slug}/")
        expect(page.get_by_text("Awaiting updated data")).to_be_visible()
        expect(
            page.get_by_text("Grace Governor's term as Governor ended on Jan. 2, 2027")
        ).to_be_visible()
        # The Governor's office is still there, with its number.
        expect(page.locator('a[href="tel:+1-617-725-4005"]').first).to_be_visible()
        expect(page.get_by_text("Officials data as of Aug. 1, 2026.")).to_be_visible()
        axe_check(page)

        page.goto("/c/safe-communities/write/write/")
        page.get_by_label("City or town").fill("Yarmouth")
        page.get_by_role("button", name="Find my legislators").click()
        banners = page.get_by_role("status").filter(has_text="does not say yet who holds")
        expect(banners).to_have_count(3)
        expect(page.get_by_text("Officials data as of Aug. 1, 2026.")).to_be_visible()
        axe_check(page)
        page.get_by_label("First name", exact=True).fill("Lucía")
        page.get_by_label("Last name", exact=True).fill("Pérez")
        page.get_by_label("Email", exact=True).fill("lucia@example.org")
        page.get_by_role("button", name="Send my letters").click()
        expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
        [confirmation] = smtp_server.wait_for(1)
        page.goto(CONFIRM_LINK_RE.search(confirmation.get_content()).group(1))
        page.get_by_role("button", name="Send my letters").click()
        # Not "on their way": none of them is yet.
        expect(
            page.get_by_role("heading", name="Your letters are saved and waiting")
        ).to_be_visible()
        held = page.get_by_text("Held until the officials data names who holds the seat")
        expect(held).to_have_count(3)
        expect(page.get_by_text("Officials data as of Aug. 1, 2026.")).to_be_visible()
        axe_check(page)

    assert set(LetterRecipient.objects.values_list("held_reason", flat=True)) == {"awaiting"}
    assert not OutboundMessage.objects.filter(category="letter").exists()
