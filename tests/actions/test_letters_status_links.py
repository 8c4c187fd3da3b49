"""A letter's private status link stops working BEACON_STATUS_LINK_DAYS after the letter's
last change, with a clear "expired" page (410); the page and the email say until when."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from beacon.actions.letters.scheduling import letter_recipients_release
from beacon.actions.models import Letter
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures
from tests.actions.letter_fixtures import CONFIRM_TOKEN_RE, give_email
from tests.inbox import emailed_match

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]

BASE = "/c/safe-communities/write/write/"
PERSON = {"first_name": "Ana", "last_name": "Souza", "email": "ana@example.org"}
# Noon in Boston on a Monday: the day is the same in every time zone shown.
WRITTEN = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
STATUS_RE = re.compile(r"https?://[^/\s]+(/letters/status/[\w-]+/)")


def write_and_confirm(client) -> str:
    """Ana writes from Yarmouth and confirms by email; the path of her status link."""
    client.post(BASE, {"street": "", "city": "Yarmouth", "zip_code": ""})
    assert client.post(BASE + "letter/", PERSON).status_code == 302
    token = emailed_match(PERSON["email"], CONFIRM_TOKEN_RE).group(1)
    status = client.post(f"/letters/confirm/{token}/")
    assert status.status_code == 302
    return status["Location"]


def test_the_status_link_works_for_90_days_then_says_it_expired(client, letters, smtp_server):
    with time_machine.travel(WRITTEN, tick=False):
        path = write_and_confirm(client)
        page = client.get(path)
        assert page.status_code == 200
        assert "This page works until May 31, 2026." in page.text
        # The writer is asked to share, with their own code: whoever it brings is theirs.
        letter = Letter.objects.get(email=PERSON["email"])
        assert "Ask two friends to write too" in page.text
        assert f"?ref={letter.share_code}" in page.text
        copy = next(m for m in smtp_server.messages if "on their way" in m["Subject"])
        text = copy.get_body(("plain",)).get_content()
        assert STATUS_RE.search(text).group(1) == path
        assert "The link works until May 31, 2026." in text

    with time_machine.travel(WRITTEN + timedelta(days=90, minutes=-1), tick=False):
        assert client.get(path).status_code == 200
    with time_machine.travel(WRITTEN + timedelta(days=90, minutes=1), tick=False):
        expired = client.get(path)
    assert expired.status_code == 410
    assert "This status link has expired" in expired.text
    assert "Status links work for 90 days after a letter&#x27;s last change" in expired.text
    # Nothing about the letter is shown any more: not to whom, not the subject.
    assert "Senator" not in expired.text and "Your letters are on their way" not in expired.text


def test_the_number_of_days_is_a_setting(client, letters, settings):
    settings.BEACON_STATUS_LINK_DAYS = 7
    with time_machine.travel(WRITTEN, tick=False):
        path = write_and_confirm(client)
        assert "This page works until March 9, 2026." in client.get(path).text
    with time_machine.travel(WRITTEN + timedelta(days=7, minutes=1), tick=False):
        expired = client.get(path)
    assert expired.status_code == 410
    assert "Status links work for 7 days" in expired.text


def test_a_held_letter_released_later_keeps_its_link_working_from_then(client, letters):
    # Carla Outgoing has no email address: her letter is held until staff add one.
    with time_machine.travel(WRITTEN, tick=False):
        path = write_and_confirm(client)
    released_on = WRITTEN + timedelta(days=80)
    with time_machine.travel(released_on, tick=False):
        give_email(letters.carla, "carla@mahouse.example")
        assert letter_recipients_release() == 1
    assert Letter.objects.get().changed_at == released_on

    with time_machine.travel(WRITTEN + timedelta(days=100), tick=False):
        page = client.get(path)
    assert page.status_code == 200
    assert "This page works until Aug. 19, 2026." in page.text
    with time_machine.travel(released_on + timedelta(days=90, minutes=1), tick=False):
        assert client.get(path).status_code == 410


def test_a_wrong_status_link_is_still_not_found(client, letters):
    assert client.get("/letters/status/not-a-token/").status_code == 404
