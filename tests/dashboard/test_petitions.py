"""Organizers' petition results: totals, daily chart, referral sources, constituents per
district, the signer export, offline signatures and the people export; access per role
and organization."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model

from beacon.actions.models import NewsConsent, Signature
from beacon.actions.offline import offline_signatures_add
from beacon.actions.selectors import petition_progress
from beacon.actions.services import petition_counts_refresh
from beacon.campaigns.models import Membership, OfflineSignatures, Petition
from beacon.core.models import AuditEntry
from beacon.dashboard.constituents import constituent_counts_for
from beacon.dashboard.petitions import referral_list, signature_export_rows
from tests.actions.factories import ConfirmedSignatureFactory, SignatureFactory
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures
from tests.campaigns.factories import OrganizationFactory, PetitionFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)


def organizer(organization, role, name="org"):
    user = get_user_model().objects.create_user(username=f"{name}-{role}", password="x")
    Membership.objects.create(organization=organization, user=user, role=role)
    return user


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def signed(letters):
    """A petition on the letters' campaign (Cape map, fixture officials loaded): one
    Yarmouth signer and two Barnstable signers (one by ZIP code only) confirmed, one
    Chelsea signer (a town outside the test map) confirmed late on 9 March in Boston
    (already the 10th in UTC), one New York ZIP, one pending; one signer came through
    another's share link."""
    campaign = letters.ask.campaign
    campaign.time_zone = "America/New_York"
    campaign.published_at = datetime(2026, 3, 8, 12, 0, tzinfo=UTC)
    campaign.save()
    petition = Petition.objects.create(
        campaign=campaign, addressed_to="The Legislature", ask="Act."
    )
    first = ConfirmedSignatureFactory(
        petition=petition, town="Yarmouth", zip_code="02664", confirmed_at=NOW, last_name="=SUM(1)"
    )
    ConfirmedSignatureFactory(
        petition=petition,
        town="",
        zip_code="02630",  # Barnstable's main ZIP code: placed by it.
        referral_code=first.share_code,
        confirmed_at=NOW,
    )
    ConfirmedSignatureFactory(
        petition=petition,
        town="Barnstable",
        zip_code="02630",
        referral_code="newsletter",
        confirmed_at=NOW,
    )
    ConfirmedSignatureFactory(
        petition=petition,
        referral_code="newsletter",
        confirmed_at=datetime(2026, 3, 10, 3, 0, tzinfo=UTC),  # 23:00 on 9 March in Boston.
    )
    ConfirmedSignatureFactory(
        petition=petition, town="New York", zip_code="10001", confirmed_at=NOW
    )
    SignatureFactory(petition=petition, referral_code="newsletter")
    return petition


@time_machine.travel(NOW, tick=False)
def test_the_results_page_shows_totals_chart_referrals_and_districts(
    client, signed, django_assert_max_num_queries
):
    offline_signatures_add(petition=signed, count=40, note="paper petitions, March 3", actor=None)
    client.force_login(organizer(signed.campaign.organization, Membership.Role.VIEWER))
    # A fixed number: the geo point index is built on first use (four queries), which a
    # running server does once.
    with django_assert_max_num_queries(26):
        page = client.get(f"/dashboard/petitions/{signed.pk}/")
    assert page.status_code == 200
    results = page.context["results"]
    assert (results.confirmed, results.pending, results.offline, results.total) == (5, 1, 40, 45)
    assert "45 signatures in all." in page.text and "paper petitions, March 3" in page.text
    # One bar per day of the campaign, in Boston: 8, 9 and 10 March.
    assert [(bar.first.day, bar.value) for bar in results.chart.bars] == [(8, 0), (9, 1), (10, 4)]
    assert 'role="img"' in page.text and "Signatures confirmed per day" in page.text
    assert [(r.label, r.confirmed, r.pending) for r in results.referrals] == [
        ("newsletter", 2, 1),
        ("No referral code", 2, 0),
        ("Shared by a supporter", 1, 0),
    ]
    assert "Shared by a supporter" in page.text
    # A viewer may not add offline signatures.
    assert "Add to the total" not in page.text


@time_machine.travel(NOW, tick=False)
def test_signers_are_placed_by_town_and_where_the_town_is_whole_by_district(signed):
    counts = constituent_counts_for(action=signed)
    assert counts.precision == "town"
    assert counts.towns == [("Barnstable", 2), ("Yarmouth", 1)]
    # Chelsea is not on the test map and New York is another state: not placed.
    assert counts.unplaced == 2
    senate = {(r.district, r.legislator): r.count for r in counts.senate}
    assert senate == {("Cape and Islands", "Rosa Senator"): 3}
    # Barnstable is split between two House districts: its signer is counted by town only.
    assert {r.district: r.count for r in counts.house} == {"2nd Barnstable": 1}
    assert counts.split_towns == {"sldl": 2}


@time_machine.travel(NOW, tick=False)
def test_a_village_name_is_placed_by_its_zip_codes_centre(signed):
    # South Yarmouth is a village of Yarmouth, not a town: the ZIP code's centre decides.
    ConfirmedSignatureFactory(petition=signed, town="South Yarmouth", zip_code="02664")
    counts = constituent_counts_for(action=signed)
    assert counts.towns == [("Barnstable", 2), ("Yarmouth", 2)]
    assert {r.district: r.count for r in counts.house} == {"2nd Barnstable": 2}


@time_machine.travel(NOW, tick=False)
def test_viewers_export_signers_without_contacts_and_editors_with(client, signed):
    organization = signed.campaign.organization
    client.force_login(organizer(organization, Membership.Role.VIEWER))
    response = client.get(f"/dashboard/petitions/{signed.pk}/export.csv")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    rows = csv_rows(response)
    assert len(rows) == 6 and "email" not in rows[0] and "last_name" not in rows[0]
    assert all("@" not in value for row in rows for value in row.values())
    assert {row["referral"] for row in rows} == {"", "supporter", "newsletter"}
    assert rows[0]["confirmed_at"] == "2026-03-10T12:00:00-04:00"  # The campaign's zone.

    client.force_login(organizer(organization, Membership.Role.EDITOR))
    rows = csv_rows(client.get(f"/dashboard/petitions/{signed.pk}/export.csv"))
    assert rows[0]["email"].endswith("@example.org")
    assert rows[0]["last_name"] == "'=SUM(1)"  # Formula defused.
    entries = AuditEntry.objects.filter(
        kind=AuditEntry.Kind.EXPORT, subject=f"signatures-{signed.pk}.csv"
    )
    assert [e.detail["with_contacts"] for e in entries.order_by("pk")] == [False, True]


def test_other_organizations_and_anonymous_visitors_get_nothing(client, signed):
    url = f"/dashboard/petitions/{signed.pk}/"
    assert client.get(url).status_code == 302
    client.force_login(organizer(OrganizationFactory(), Membership.Role.OWNER, name="other"))
    assert client.get(url).status_code == 404
    assert client.get(url + "export.csv").status_code == 404
    assert client.post(url + "offline/", {"count": 5, "note": "x"}).status_code == 404
    assert signed.campaign.title not in client.get("/dashboard/petitions/").text
    assert not AuditEntry.objects.exists()


def test_editors_add_and_remove_offline_signatures_and_the_public_count_follows(client, signed):
    petition_counts_refresh(petition_ids=[signed.pk])
    client.force_login(organizer(signed.campaign.organization, Membership.Role.EDITOR))
    response = client.post(
        f"/dashboard/petitions/{signed.pk}/offline/", {"count": 120, "note": "paper, March 3"}
    )
    assert response.status_code == 302
    signed.refresh_from_db()
    assert signed.signature_count == 5 + 120
    assert petition_progress(petition=signed)["count"] == 125
    # The recount keeps them: the batched job includes offline signatures.
    Petition.objects.filter(pk=signed.pk).update(signature_count=0)
    petition_counts_refresh()
    signed.refresh_from_db()
    assert signed.signature_count == 125
    [entry] = OfflineSignatures.objects.all()
    added = AuditEntry.objects.get(kind=AuditEntry.Kind.OFFLINE_ADDED)
    assert added.detail == {"petition": signed.pk, "entry": entry.pk, "count": 120}
    page = client.get(f"/dashboard/petitions/{signed.pk}/")
    assert "120 signatures gathered offline were added to the total." in page.text

    client.post(f"/dashboard/petitions/{signed.pk}/offline/{entry.pk}/remove/")
    signed.refresh_from_db()
    assert signed.signature_count == 5 and not OfflineSignatures.objects.exists()
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.OFFLINE_REMOVED).count() == 1


def test_the_public_page_counts_offline_signatures_and_never_names_them(client, signed):
    offline_signatures_add(petition=signed, count=7, note="Paper at the vigil", actor=None)
    page = client.get(signed.campaign.get_absolute_url())
    assert page.status_code == 200
    assert "12 signatures of 100" in page.text  # Five confirmed and seven on paper.
    assert "Paper at the vigil" not in page.text


def test_viewers_cannot_add_offline_signatures_and_bad_input_is_refused(client, signed):
    organization = signed.campaign.organization
    client.force_login(organizer(organization, Membership.Role.VIEWER))
    url = f"/dashboard/petitions/{signed.pk}/offline/"
    assert client.post(url, {"count": 5, "note": "x"}).status_code == 403
    client.force_login(organizer(organization, Membership.Role.OWNER))
    response = client.post(url, {"count": 0, "note": ""})
    assert response.status_code == 422 and not OfflineSignatures.objects.exists()


def test_a_supporters_share_code_from_a_letter_counts_as_shared_by_a_supporter(signed):
    from tests.actions.factories import SignatureFactory as Factory

    other_petition = PetitionFactory()
    stranger = ConfirmedSignatureFactory(petition=other_petition)
    Factory(petition=signed, referral_code=stranger.share_code)  # Another campaign's code.
    labels = {r.label: r.pending for r in referral_list(petition=signed)}
    assert labels[stranger.share_code] == 1
    rows = list(signature_export_rows(petition=signed, with_contacts=False))
    assert rows[-1][7] == stranger.share_code


@pytest.fixture
def consents(signed):
    organization = signed.campaign.organization
    first = Signature.objects.get(last_name="=SUM(1)")
    NewsConsent.objects.create(
        organization=organization,
        email=first.email,
        email_canonical=first.email_canonical,
        first_name="Rosa",
        language="es",
        campaign=signed.campaign,
        given_at=NOW,
    )
    NewsConsent.objects.create(  # Withdrawn: never exported.
        organization=organization,
        email="",
        first_name="Gone",
        given_at=NOW,
        withdrawn_at=NOW,
    )
    NewsConsent.objects.create(  # Never given (the act was never confirmed).
        organization=organization, email="pending@example.org", first_name="Pat"
    )
    NewsConsent.objects.create(  # Another organization's supporter.
        organization=OrganizationFactory(),
        email="else@example.org",
        first_name="Else",
        given_at=NOW,
    )
    return organization


def test_the_people_export_holds_only_consents_to_that_organization(client, signed, consents):
    email = Signature.objects.get(last_name="=SUM(1)")
    client.force_login(organizer(consents, Membership.Role.EDITOR))
    response = client.get(f"/dashboard/organizations/{consents.pk}/people.csv")
    assert response.status_code == 200
    [row] = csv_rows(response)
    assert list(row) == [
        "first_name",
        "email",
        "last_name",
        "zip_code",
        "city",
        "beacon_language",
        "beacon_consent_given_at",
        "beacon_campaign",
    ]
    assert (row["first_name"], row["email"], row["zip_code"], row["city"]) == (
        "Rosa",
        email.email,
        email.zip_code,
        email.town,
    )
    assert row["last_name"] == "'=SUM(1)" and row["beacon_language"] == "es"
    entry = AuditEntry.objects.get(kind=AuditEntry.Kind.EXPORT)
    assert entry.subject == f"people-{consents.slug}.csv" and entry.organization_id == consents.pk

    client.force_login(organizer(consents, Membership.Role.VIEWER))
    [row] = csv_rows(client.get(f"/dashboard/organizations/{consents.pk}/people.csv"))
    assert "email" not in row and "last_name" not in row and row["first_name"] == "Rosa"

    client.force_login(organizer(OrganizationFactory(), Membership.Role.OWNER, name="other"))
    assert client.get(f"/dashboard/organizations/{consents.pk}/people.csv").status_code == 404


def test_the_index_lists_petitions_with_their_counts(client, signed):
    offline_signatures_add(petition=signed, count=3, note="paper", actor=None)
    client.force_login(organizer(signed.campaign.organization, Membership.Role.VIEWER))
    page = client.get("/dashboard/petitions/")
    [petition] = page.context["petitions"]
    assert (petition.confirmed_count, petition.pending_count, petition.offline_count) == (5, 1, 3)
    assert "Results of petitions" in client.get("/dashboard/").text
