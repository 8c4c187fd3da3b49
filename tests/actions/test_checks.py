"""The patch-through deployment check: an ask offering "call me and connect me" needs a
telephony provider that can place calls (`beacon check --deploy --database default`)."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks

from beacon.actions.checks import check_patch_through_provider
from beacon.campaigns.models import CallAsk, Campaign
from tests.campaigns.factories import CampaignFactory

pytestmark = pytest.mark.django_db

TWILIO = "beacon.delivery.telephony.providers.twilio.TwilioTelephony"


@pytest.fixture
def offering(settings):
    settings.BEACON_TELEPHONY_PROVIDER = ""
    campaign = CampaignFactory(slug="safe-communities")
    return CallAsk.objects.create(
        campaign=campaign, slug="call", title="Call", allows_patch_through=True
    )


def ids(found) -> list[str]:
    return [m.id for m in found]


def test_patch_through_without_a_provider_is_an_error(offering):
    [error] = check_patch_through_provider(databases=["default"])
    assert error.id == "beacon.E020"
    assert "safe-communities/call" in error.msg and error.hint


def test_twilio_without_credentials_or_caller_id_is_an_error(offering, settings):
    settings.BEACON_TELEPHONY_PROVIDER = TWILIO
    settings.BEACON_TWILIO_ACCOUNT_SID = "AC123"
    settings.BEACON_TWILIO_AUTH_TOKEN = "secret"
    settings.BEACON_TWILIO_CALLER_ID = ""
    [error] = check_patch_through_provider(databases=["default"])
    assert error.id == "beacon.E021" and "BEACON_TWILIO_CALLER_ID is empty" in error.msg
    settings.BEACON_TWILIO_CALLER_ID = "+16175550100"
    assert check_patch_through_provider(databases=["default"]) == []


def test_the_fake_provider_places_no_real_call(offering, settings):
    settings.BEACON_TELEPHONY_PROVIDER = "beacon.delivery.telephony.providers.fake.FakeTelephony"
    assert ids(check_patch_through_provider(databases=["default"])) == ["beacon.E022"]


def test_nothing_to_say_when_no_open_ask_offers_patch_through(offering):
    Campaign.objects.filter(pk=offering.campaign_id).update(status=Campaign.Status.CLOSED)
    assert check_patch_through_provider(databases=["default"]) == []
    CallAsk.objects.update(allows_patch_through=False)
    Campaign.objects.update(status=Campaign.Status.LIVE)
    assert check_patch_through_provider(databases=["default"]) == []


def test_it_runs_only_with_deploy_and_a_database(offering):
    assert "beacon.E020" not in ids(run_checks(include_deployment_checks=True))
    assert "beacon.E020" not in ids(run_checks(databases=["default"]))
    found = run_checks(include_deployment_checks=True, databases=["default"])
    assert "beacon.E020" in ids(found)
