"""Signing, confirming and counting, asserted through rows and received mail."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from beacon.actions.models import Signature
from beacon.actions.services import (
    CampaignNotOpen,
    petition_counts_refresh,
    signature_confirm,
    signature_create,
    signatures_enforce_retention,
)
from beacon.campaigns.models import Campaign
from beacon.core.confirmation import ConfirmError
from beacon.delivery.models import OutboundMessage
from tests.actions.factories import ConfirmedSignatureFactory, SignatureFactory
from tests.campaigns.factories import PetitionFactory

pytestmark = pytest.mark.django_db(transaction=True)

LINK_RE = re.compile(r"http://[^\s]+/confirm/([A-Za-z0-9_-]+)/")


def sign(petition, email="rosa@example.org", **extra):
    data = dict(
        petition=petition,
        first_name="Rosa",
        last_name="Díaz",
        email=email,
        zip_code="02150",
        is_public=True,
    )
    data.update(extra)
    return signature_create(**data)


def token_from(message) -> str:
    return LINK_RE.search(message.get_body(("plain",)).get_content()).group(1)


def test_signing_stores_a_pending_signature_and_mails_a_confirmation_link(smtp_server):
    petition = PetitionFactory()
    result = sign(petition)
    assert result.is_new
    signature = Signature.objects.get()
    assert signature.status == Signature.Status.PENDING
    assert signature.town == "Chelsea"
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "rosa@example.org"
    assert petition.campaign.title in message["Subject"]
    assert token_from(message)
    # Only a digest of the token is stored.
    assert token_from(message) not in signature.confirm_token_digest


def test_confirming_counts_the_signature_once(smtp_server):
    petition = PetitionFactory()
    sign(petition)
    token = token_from(smtp_server.wait_for(1)[0])
    signature = signature_confirm(token=token)
    assert signature.status == Signature.Status.CONFIRMED
    with pytest.raises(ConfirmError) as error:
        signature_confirm(token=token)
    assert error.value.code == "used"
    petition_counts_refresh()
    petition.refresh_from_db()
    assert petition.signature_count == 1


def test_the_same_person_signing_again_is_not_counted_twice(smtp_server):
    petition = PetitionFactory()
    sign(petition, email="Rosa.Diaz+x@GoogleMail.com")
    signature_confirm(token=token_from(smtp_server.wait_for(1)[0]))
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        again = sign(petition, email="rosadiaz@gmail.com")
    assert not again.is_new and again.email_sent
    assert Signature.objects.count() == 1
    messages = smtp_server.wait_for(2)
    assert "already signed" in messages[1]["Subject"]


def test_signing_again_while_pending_resends_but_not_too_often(smtp_server):
    petition = PetitionFactory()
    results = [sign(petition) for _ in range(7)]
    # Five mails a day to one address (the limiter's "mail" rule), then none; the
    # answer is the same either way.
    assert [r.email_sent for r in results] == [True] * 5 + [False] * 2
    assert len(smtp_server.wait_for(5)) == 5
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert sign(petition).email_sent
    assert OutboundMessage.objects.count() == 6


def test_an_expired_link_does_not_confirm(smtp_server):
    petition = PetitionFactory()
    sign(petition)
    token = token_from(smtp_server.wait_for(1)[0])
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        with pytest.raises(ConfirmError) as error:
            signature_confirm(token=token)
    assert error.value.code == "expired"
    assert Signature.objects.get().status == Signature.Status.PENDING


def test_an_unknown_link_is_invalid():
    with pytest.raises(ConfirmError) as error:
        signature_confirm(token="not-a-real-token")
    assert error.value.code == "invalid"


@pytest.mark.parametrize("status", [Campaign.Status.CLOSED, Campaign.Status.WON])
def test_a_closed_or_won_campaign_takes_no_signature(status):
    petition = PetitionFactory(campaign__status=status)
    with pytest.raises(CampaignNotOpen):
        sign(petition)
    assert not Signature.objects.exists()
    assert not OutboundMessage.objects.exists()


def test_a_campaign_past_its_deadline_takes_no_signature_even_before_the_close_job():
    petition = PetitionFactory(campaign__deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(CampaignNotOpen):
        sign(petition)


def test_confirming_after_the_campaign_closed_never_counts(smtp_server):
    petition = PetitionFactory()
    sign(petition)
    token = token_from(smtp_server.wait_for(1)[0])
    Campaign.objects.filter(pk=petition.campaign_id).update(status=Campaign.Status.CLOSED)
    with pytest.raises(ConfirmError) as error:
        signature_confirm(token=token)
    assert error.value.code == "closed"
    petition_counts_refresh()
    petition.refresh_from_db()
    assert petition.signature_count == 0


def test_recount_finds_and_fixes_drift_then_finds_none():
    petition = PetitionFactory()
    ConfirmedSignatureFactory.create_batch(3, petition=petition)
    SignatureFactory(petition=petition)  # pending: not counted
    first = petition_counts_refresh()
    assert first[petition.pk] == (0, 3)
    second = petition_counts_refresh()
    assert second[petition.pk] == (3, 3)


def test_retention_deletes_old_pending_and_erases_contacts_after_close():
    petition = PetitionFactory()
    old = SignatureFactory(petition=petition)
    Signature.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    kept = ConfirmedSignatureFactory(petition=petition, has_opted_in=True)
    erased = ConfirmedSignatureFactory(petition=petition)
    Campaign.objects.filter(pk=petition.campaign_id).update(
        status=Campaign.Status.CLOSED, closed_at=timezone.now() - timedelta(days=91)
    )
    assert signatures_enforce_retention() == {"pending_deleted": 1, "contacts_erased": 1}
    erased.refresh_from_db()
    kept.refresh_from_db()
    assert erased.email == "" and erased.last_name == "" and erased.first_name
    assert kept.email
