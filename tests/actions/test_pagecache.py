"""The cached campaign page fills its per-request slots (CSRF token, referral code) only
where the render put them, never inside organizer content."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from beacon.actions.pagecache import Slots
from beacon.campaigns.models import CampaignUpdate
from tests.campaigns.factories import PetitionFactory

pytestmark = pytest.mark.django_db

# What the page cache used as placeholders before, and what a new one looks like.
OLD_PLACEHOLDERS = "__beacon_csrf_token__ __beacon_ref_code__"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')
REF_INPUT = re.compile(r'name="ref" value="([^"]*)"')


@pytest.fixture
def campaign():
    petition = PetitionFactory(
        campaign__title=f"Say {OLD_PLACEHOLDERS}",
        campaign__summary="Slots look like beacon-csrf-0123456789abcdef0123456789abcdef.",
        campaign__body="Type `__beacon_ref_code__` and `beacon-ref-x` here.",
    )
    return petition.campaign


def test_organizer_text_that_looks_like_a_placeholder_is_shown_as_written(campaign):
    client = Client(enforce_csrf_checks=True)
    for _ in range(2):  # Rendered, then served from the cache.
        page = client.get(f"/c/{campaign.slug}/?ref=abcd1234").content.decode()
        assert f"Say {OLD_PLACEHOLDERS}" in page
        assert "beacon-csrf-0123456789abcdef0123456789abcdef" in page
        assert "<code>__beacon_ref_code__</code>" in page and "<code>beacon-ref-x</code>" in page
        token = client.cookies["csrftoken"].value
        # The form's own slots are filled: the visitor's token, the referral code.
        assert CSRF_INPUT.findall(page) and all(t for t in CSRF_INPUT.findall(page))
        assert REF_INPUT.findall(page) == ["abcd1234"]
        assert "abcd1234" not in page.replace('value="abcd1234"', "")
        assert token not in page  # The token is masked per response; never the raw one.
    # The form still works with what the page gave.
    data = {
        "csrfmiddlewaretoken": CSRF_INPUT.search(page).group(1),
        "first_name": "Rosa",
        "last_name": "Díaz",
        "email": "rosa@example.org",
        "zip_code": "02150",
        "ref": "abcd1234",
    }
    assert client.post(f"/c/{campaign.slug}/sign/", data).status_code == 302


def test_an_update_cannot_pull_the_csrf_token_into_its_text(campaign):
    CampaignUpdate.objects.create(campaign=campaign, title="__beacon_csrf_token__", body="x")
    page = Client().get(f"/c/{campaign.slug}/").content.decode()
    assert "__beacon_csrf_token__" in page


def test_each_render_gets_new_slots_and_fills_them_in_one_pass():
    first, second = Slots.new(), Slots.new()
    assert first.csrf != second.csrf and first.ref != second.ref
    html = f"<i>{first.csrf}</i><b>{first.ref}</b>"
    # A value that holds the other slot is not filled in again.
    assert first.fill(html, csrf=first.ref, ref="abcd") == f"<i>{first.ref}</i><b>abcd</b>"
