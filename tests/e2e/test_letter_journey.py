"""Ana writes to her own state senator and representative in a real browser: address,
split-district picker, her letter with her own paragraph, name and email, then "Your
letters are on their way"; with and without JavaScript, with an axe check on each page
and the letters checked as received by the local SMTP server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures
from tests.actions.letter_fixtures import REP_EMAIL, SENATOR_EMAIL

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CONFIRM_LINK_RE = re.compile(r"https?://\S+(/letters/confirm/[A-Za-z0-9_-]+/)")
STORY = "My cousin was afraid to call 911 after a break-in."
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


def snap(page, name: str) -> None:
    """Keep a full-page screenshot (var/screenshots/, not committed) for people to see."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"letter-{name}.png", full_page=True)


def write_letter(page, axe_check) -> None:
    page.goto("/c/safe-communities/write/write/")
    expect(page.get_by_role("heading", name="Write to your legislators")).to_be_visible()
    axe_check(page)
    page.get_by_label("Street address").fill("12 Main St")
    page.get_by_label("City or town").fill("Barnstable")
    page.get_by_label("ZIP code").fill("02630")
    page.get_by_role("button", name="Find my legislators").click()

    # Barnstable is split between two House districts: Ana picks hers.
    expect(page.get_by_role("heading", name="Choose your district")).to_be_visible()
    axe_check(page)
    page.get_by_label("1st Barnstable (Ben Representative)").check()
    page.get_by_role("button", name="Continue").click()

    expect(
        page.get_by_role(
            "heading",
            name=("Your letter goes to Senator Rosa Senator and Representative Ben Representative"),
        )
    ).to_be_visible()
    expect(page.get_by_text("Thank you for cosponsoring S.1681").first).to_be_visible()
    axe_check(page)
    snap(page, "write")
    page.get_by_label("Why does this matter to you?").fill(STORY)
    page.get_by_label("First name", exact=True).fill("Ana")
    page.get_by_label("Last name", exact=True).fill("Souza")
    page.get_by_label("Email", exact=True).fill("ana@example.org")
    page.get_by_role("button", name="Send my letters").click()


def assert_offices_received(smtp_server, total: int) -> None:
    """`total` messages in all: the two letters, Ana's copy and any confirmation."""
    received = smtp_server.wait_for(total)
    assert len(received) == total
    offices = {m["To"]: m for m in received if m["To"] in (SENATOR_EMAIL, REP_EMAIL)}
    assert set(offices) == {SENATOR_EMAIL, REP_EMAIL}
    assert offices[SENATOR_EMAIL]["Subject"] == "Thank you for cosponsoring S.1681"
    for message in offices.values():
        assert message["Reply-To"] == "ana@example.org"
        assert STORY in message.get_content()
        assert "Ana Souza via Beacon" in message["From"]


def test_ana_writes_to_her_legislators_and_confirms_by_email(page, letters, smtp_server, axe_check):
    write_letter(page, axe_check)
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    axe_check(page)
    [confirmation] = smtp_server.wait_for(1)
    link = CONFIRM_LINK_RE.search(confirmation.get_content()).group(1)

    page.goto(link)
    axe_check(page)
    page.get_by_role("button", name="Send my letters").click()
    expect(page.get_by_role("heading", name="Your letters are on their way")).to_be_visible()
    axe_check(page)
    assert_offices_received(smtp_server, 4)
    page.reload()
    expect(page.get_by_role("cell", name="Sent", exact=True)).to_have_count(2)
    snap(page, "status")


def confirm_from_email(page, smtp_server) -> None:
    """Open the link in the confirmation email and press Send, as Ana does."""
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    [confirmation] = smtp_server.wait_for(1)
    page.goto(CONFIRM_LINK_RE.search(confirmation.get_content()).group(1))
    page.get_by_role("button", name="Send my letters").click()


def test_ana_writes_without_javascript_and_confirms(page_nojs, letters, smtp_server, axe_check):
    write_letter(page_nojs, axe_check)
    confirm_from_email(page_nojs, smtp_server)
    expect(page_nojs.get_by_role("heading", name="Your letters are on their way")).to_be_visible()
    axe_check(page_nojs)
    expect(page_nojs.get_by_role("cell", name="Senator Rosa Senator")).to_be_visible()
    assert_offices_received(smtp_server, 4)


def test_ana_uses_her_location_instead_of_typing_an_address(
    new_page, letters, smtp_server, axe_check
):
    from tests.actions.letter_fixtures import WEST_BARNSTABLE

    page = new_page(
        geolocation={"latitude": WEST_BARNSTABLE[0], "longitude": WEST_BARNSTABLE[1]},
        permissions=["geolocation"],
    )
    page.goto("/c/safe-communities/write/write/")
    page.get_by_role("button", name="Use my location").click()
    expect(
        page.get_by_role(
            "heading",
            name=("Your letter goes to Senator Rosa Senator and Representative Ben Representative"),
        )
    ).to_be_visible()
    axe_check(page)
    page.get_by_label("First name", exact=True).fill("Ana")
    page.get_by_label("Last name", exact=True).fill("Souza")
    page.get_by_label("Email", exact=True).fill("ana@example.org")
    page.get_by_role("button", name="Send my letters").click()
    confirm_from_email(page, smtp_server)
    expect(page.get_by_role("heading", name="Your letters are on their way")).to_be_visible()
    received = smtp_server.wait_for(4)
    assert {m["To"] for m in received} == {SENATOR_EMAIL, REP_EMAIL, "ana@example.org"}
