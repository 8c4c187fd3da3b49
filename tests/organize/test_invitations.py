"""Invitations: an emailed single-use link that expires; accepting sets a password (a new
account) or joins the signed-in account of the invited address, then MFA set-up where
required; and the attacks on it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from beacon.campaigns.models import Membership, Organization
from beacon.core.models import AuditEntry
from beacon.organize.models import Invitation
from tests.inbox import emailed_match

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https?://\S+/organize/invitations/(?P<token>[^/\s]+)/")
NEW_PASSWORD = "paper lantern harbour 42"


def _invite(client, world, email="newcomer@example.org", role="editor"):
    client.force_login(world.orgs["alpha"].users["owner"])
    response = client.post("/organize/alpha/members/invite/", {"email": email, "role": role})
    assert response.status_code == 302
    client.logout()
    return emailed_match(email, LINK)["token"]


def _accept(client, token, password=NEW_PASSWORD):
    return client.post(
        f"/organize/invitations/{token}/", {"password1": password, "password2": password}
    )


@pytest.fixture
def mfa_off(settings):
    settings.BEACON_STAFF_MFA_REQUIRED = False


def test_a_new_person_sets_a_password_and_joins(client, commit_each_request, world, mfa_off):
    token = _invite(client, world)
    page = client.get(f"/organize/invitations/{token}/")
    assert page.status_code == 200 and "Join Alpha Group" in page.text
    assert not get_user_model().objects.filter(email="newcomer@example.org").exists()
    response = _accept(client, token)
    assert response.status_code == 302 and response["Location"] == "/organize/alpha/"
    user = get_user_model().objects.get(email="newcomer@example.org")
    assert user.check_password(NEW_PASSWORD) and not user.is_staff and not user.is_superuser
    assert Membership.objects.get(user=user).role == "editor"
    assert "Alpha Group campaign" in client.get("/organize/alpha/").text
    kinds = list(AuditEntry.objects.order_by("pk").values_list("kind", "actor_name"))
    assert kinds == [("invitation_sent", "alpha-owner"), ("membership_added", user.username)]


def test_the_token_is_stored_only_as_a_digest(client, commit_each_request, world):
    token = _invite(client, world)
    invitation = Invitation.objects.get()
    assert token not in invitation.token_digest and len(invitation.token_digest) == 64


def test_accepting_leads_to_the_authenticator_set_up_when_mfa_is_required(
    client, commit_each_request, world, settings
):
    settings.BEACON_STAFF_MFA_REQUIRED = True
    token = _invite(client, world)
    assert _accept(client, token).status_code == 302
    onward = client.get("/organize/alpha/")
    assert onward.status_code == 302 and onward["Location"] == "/accounts/2fa/totp/activate/"


def test_a_weak_or_mismatched_password_is_refused(client, commit_each_request, world, mfa_off):
    token = _invite(client, world)
    assert _accept(client, token, password="12345678").status_code == 422
    mismatched = client.post(
        f"/organize/invitations/{token}/", {"password1": NEW_PASSWORD, "password2": "other"}
    )
    assert mismatched.status_code == 422 and "The two passwords differ." in mismatched.text
    assert not get_user_model().objects.filter(email="newcomer@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_replayed_link_works_once(client, commit_each_request, world, mfa_off):
    token = _invite(client, world)
    assert _accept(client, token).status_code == 302
    client.logout()
    again = _accept(client, token, password="another long passphrase")
    assert again.status_code == 410 and "already accepted" in again.text
    assert client.get(f"/organize/invitations/{token}/").status_code == 410
    user = get_user_model().objects.get(email="newcomer@example.org")
    assert user.check_password(NEW_PASSWORD)
    assert Membership.objects.filter(user=user).count() == 1


def test_an_expired_link_does_not_work(client, commit_each_request, world, settings, mfa_off):
    token = _invite(client, world)
    later = timezone.now() + timedelta(seconds=settings.BEACON_CONFIRM_MAX_AGE + 60)
    with time_machine.travel(later, tick=False):
        assert client.get(f"/organize/invitations/{token}/").status_code == 410
        response = _accept(client, token)
    assert response.status_code == 410 and "expired" in response.text
    assert not get_user_model().objects.filter(email="newcomer@example.org").exists()


def test_a_newer_invitation_replaces_the_older_one(client, commit_each_request, world, mfa_off):
    first = _invite(client, world)
    second = _invite(client, world, role="viewer")
    assert first != second
    assert _accept(client, first).status_code == 410
    assert _accept(client, second).status_code == 302
    assert Membership.objects.get(user__email="newcomer@example.org").role == "viewer"


def test_a_made_up_link_answers_404(client, world):
    assert client.get("/organize/invitations/not-a-real-token/").status_code == 404
    assert _accept(client, "not-a-real-token").status_code == 404


def test_a_link_for_another_address_does_not_join_the_signed_in_account(
    client, commit_each_request, world, mfa_off
):
    token = _invite(client, world, email="newcomer@example.org", role="owner")
    intruder = world.orgs["beta"].users["owner"]
    client.force_login(intruder)
    page = client.get(f"/organize/invitations/{token}/")
    assert page.status_code == 403 and "for another address" in page.text
    assert client.post(f"/organize/invitations/{token}/").status_code == 403
    assert not Membership.objects.filter(user=intruder, organization__slug="alpha").exists()
    assert Invitation.objects.get().accepted_at is None


def test_the_signed_in_account_of_the_invited_address_joins_with_a_button(
    client, commit_each_request, world, mfa_off
):
    member_of_beta = world.orgs["beta"].users["editor"]
    token = _invite(client, world, email=member_of_beta.email.upper(), role="viewer")
    client.force_login(member_of_beta)
    page = client.get(f"/organize/invitations/{token}/")
    assert page.status_code == 200 and 'name="password1"' not in page.text
    assert client.post(f"/organize/invitations/{token}/").status_code == 302
    assert Membership.objects.get(user=member_of_beta, organization__slug="alpha").role == "viewer"
    home = client.get("/organize/").text
    assert "Alpha Group" in home and "Beta Group" in home


def test_an_existing_account_is_asked_to_sign_in_not_to_make_another(
    client, commit_each_request, world, mfa_off
):
    existing = world.nonmember
    token = _invite(client, world, email=existing.email)
    page = client.get(f"/organize/invitations/{token}/")
    assert page.status_code == 200 and "Sign in with it" in page.text
    assert _accept(client, token).status_code == 200
    assert get_user_model().objects.filter(email=existing.email).count() == 1
    assert not Membership.objects.filter(user=existing).exists()


def test_a_viewer_or_an_editor_cannot_invite(client, world):
    for role in ("viewer", "editor"):
        client.force_login(world.orgs["alpha"].users[role])
        response = client.post(
            "/organize/alpha/members/invite/", {"email": "x@example.org", "role": "owner"}
        )
        assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_an_owner_cannot_change_or_remove_their_own_role(client, world):
    owner = world.orgs["alpha"].users["owner"]
    mine = Membership.objects.get(user=owner)
    client.force_login(owner)
    demoted = client.post(f"/organize/alpha/members/{mine.pk}/role/", {"role": "viewer"})
    assert demoted.status_code == 409 and "your own role" in demoted.text
    removed = client.post(f"/organize/alpha/members/{mine.pk}/remove/")
    assert removed.status_code == 409
    assert Membership.objects.get(pk=mine.pk).role == "owner"
    assert not AuditEntry.objects.exists()


def test_an_organization_keeps_an_owner(client, world):
    owner = world.orgs["alpha"].users["owner"]
    client.force_login(world.operator)
    mine = Membership.objects.get(user=owner)
    response = client.post(f"/organize/alpha/members/{mine.pk}/role/", {"role": "editor"})
    assert response.status_code == 409 and "at least one owner" in response.text
    assert Membership.objects.get(pk=mine.pk).role == "owner"


def test_a_membership_of_another_organization_cannot_be_reached(client, world):
    theirs = Membership.objects.get(user=world.orgs["beta"].users["spare"])
    client.force_login(world.orgs["alpha"].users["owner"])
    response = client.post(f"/organize/alpha/members/{theirs.pk}/remove/")
    assert response.status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()


def test_operators_create_an_organization_which_stays_in_their_list(
    client, commit_each_request, world, mfa_off
):
    client.force_login(world.operator)
    response = client.post(
        "/organize/new/",
        {
            "name": "Gamma Coalition",
            "slug": "gamma",
            "privacy_contact": "privacy@gamma.example",
            "owner_email": "gloria@gamma.example",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/organize/gamma/"
    assert "Gamma Coalition" in client.get("/organize/").text
    client.logout()
    token = emailed_match("gloria@gamma.example", LINK)["token"]
    assert _accept(client, token).status_code == 302
    gloria = get_user_model().objects.get(email="gloria@gamma.example")
    assert Membership.objects.get(user=gloria).role == "owner"
    # The new organization is in its owner's list, and only in hers.
    assert "Gamma Coalition" in client.get("/organize/").text
    client.force_login(world.orgs["alpha"].users["owner"])
    assert "Gamma Coalition" not in client.get("/organize/").text


def test_the_command_creates_an_organization_and_invites_its_owner(
    commit_each_request, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "organization_create",
            "Delta Group",
            "delta",
            "privacy@delta.example",
            "dee@delta.example",
        )
    organization = Organization.objects.get(slug="delta")
    assert Invitation.objects.get(organization=organization).role == "owner"
    assert emailed_match("dee@delta.example", LINK)
    entry = AuditEntry.objects.get(kind=AuditEntry.Kind.INVITATION_SENT)
    assert (entry.actor_name, entry.organization_id) == ("", organization.pk)


def test_operators_read_invitations_in_the_admin_without_the_digest(
    admin_client, commit_each_request, world
):
    token = _invite(Client(), world)
    invitation = Invitation.objects.get()
    page = admin_client.get(f"/admin/organize/invitation/{invitation.pk}/change/").text
    assert "newcomer@example.org" in page
    assert invitation.token_digest not in page and token not in page
    assert admin_client.get("/admin/organize/invitation/add/").status_code == 403
