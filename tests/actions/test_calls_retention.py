"""Call records keep results but shed the caller's first name after the campaign ends."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from beacon.actions.models import Call
from beacon.campaigns.models import Campaign
from tests.actions.call_fixtures import *  # noqa: F403 - fixtures, used by name.

pytestmark = pytest.mark.django_db


def test_first_names_on_calls_are_erased_after_the_campaign_ends(calls):  # noqa: F811
    call = Call.objects.create(
        ask=calls.ask,
        official=calls.senator,
        target_name="Rosa Senator",
        outcome=Call.Outcome.TALKED_TO_STAFF,
        first_name="Ana",
        town="Yarmouth",
    )
    call_command("enforce_retention")
    call.refresh_from_db()
    assert call.first_name == "Ana"  # the campaign is still live
    Campaign.objects.filter(pk=calls.ask.campaign_id).update(
        status=Campaign.Status.CLOSED, closed_at=timezone.now() - timedelta(days=91)
    )
    call_command("enforce_retention")
    call.refresh_from_db()
    assert call.first_name == "" and call.town == "Yarmouth"
    assert call.outcome == Call.Outcome.TALKED_TO_STAFF
