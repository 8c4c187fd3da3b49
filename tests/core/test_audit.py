"""The audit log: every export of personal data and every change to someone's powers is
recorded (who, what, when, which organization); operators read it, nobody edits it."""

from __future__ import annotations

import inspect

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from beacon.campaigns.models import CallAsk, LetterAsk, Membership, Organization, Petition
from beacon.core.audit.selectors import audit_entries_for_organization
from beacon.core.models import AuditEntry
from tests.campaigns.factories import CampaignFactory, OrganizationFactory
from tests.signin import staff_create

pytestmark = pytest.mark.django_db

Kind = AuditEntry.Kind


@pytest.fixture
def world(db):
    campaign = CampaignFactory()
    editor = get_user_model().objects.create_user("ana", password="x")
    Membership.objects.create(organization=campaign.organization, user=editor, role="editor")
    return {
        "organization": campaign.organization,
        "editor": editor,
        "letter_ask": LetterAsk.objects.create(campaign=campaign, title="Write"),
        "call_ask": CallAsk.objects.create(campaign=campaign, title="Call"),
        "petition": Petition.objects.create(campaign=campaign, addressed_to="Us", ask="Act."),
    }


def _letters(client, world):
    return client.get(f"/dashboard/letters/{world['letter_ask'].pk}/export.csv")


def _calls(client, world):
    return client.get(f"/dashboard/calls/{world['call_ask'].pk}/export.csv")


def _signatures(client, world):
    return client.get(f"/dashboard/petitions/{world['petition'].pk}/export.csv")


def _people(client, world):
    return client.get(f"/dashboard/organizations/{world['organization'].pk}/people.csv")


def _members(client, world):
    upload = SimpleUploadedFile("members.csv", b"name,lat,lon\n", content_type="text/csv")
    return client.post("/dashboard/lists/districts/", {"members": upload, "kind": "points"})


# Each organizer view that answers with a file of personal data, and how to ask for it.
EXPORTS = {
    "dashboard:letters-export": (_letters, "letters-{letter_ask.pk}.csv", True),
    "dashboard:calls-export": (_calls, "calls-{call_ask.pk}.csv", True),
    "dashboard:petition-export": (_signatures, "signatures-{petition.pk}.csv", True),
    "dashboard:people-export": (_people, "people-{organization.slug}.csv", True),
    "dashboard:member-districts": (_members, "members-with-districts.csv", False),
}


def _beacon_views(patterns, namespace=""):
    """(name, view function) for every URL pattern served by Beacon's own code."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _beacon_views(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            view = inspect.unwrap(entry.callback)
            view = getattr(view, "view_class", view)
            if getattr(view, "__module__", "").startswith("beacon."):
                yield f"{namespace}{entry.name}", view


def test_every_export_view_is_covered_here():
    """A new view that sends a file fails here until its export is tested below."""
    sending = {
        name
        for name, view in _beacon_views(get_resolver().url_patterns)
        if any(call in inspect.getsource(view) for call in ("csv_response(", "FileResponse("))
    }
    assert sending == set(EXPORTS)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_every_export_writes_who_what_when_and_where(client, world, name):
    ask_for, filename, names_organization = EXPORTS[name]
    client.force_login(world["editor"])
    response = ask_for(client, world)
    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_name, entry.kind) == (world["editor"], "ana", Kind.EXPORT)
    assert entry.subject == filename.format(**world)
    if names_organization:
        organization = world["organization"]
        assert (entry.organization_id, entry.organization_name) == (
            organization.pk,
            organization.name,
        )
        assert list(audit_entries_for_organization(organization)) == [entry]


def test_a_refused_export_writes_nothing(client, world):
    stranger = get_user_model().objects.create_user("eve", password="x")
    Membership.objects.create(organization=OrganizationFactory(), user=stranger, role="owner")
    client.force_login(stranger)
    assert _letters(client, world).status_code == 404
    assert not AuditEntry.objects.exists()


# --- Roles ---------------------------------------------------------------------------------


def _organization_form(organization: Organization, memberships: list[dict]) -> dict:
    """The admin's organization form with its membership rows (the inline formset)."""
    initial = [m for m in memberships if m.get("id")]
    data = {
        "name": organization.name,
        "slug": organization.slug,
        "primary_colour": organization.primary_colour,
        "accent_colour": organization.accent_colour,
        "privacy_contact": organization.privacy_contact,
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(len(initial)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(memberships):
        for key, value in row.items():
            data[f"memberships-{n}-{key}"] = value
        data[f"memberships-{n}-organization"] = str(organization.pk)
    return data


def test_roles_given_changed_and_taken_away_in_the_admin_are_recorded(client, world):
    operator = staff_create("olga", superuser=True)
    client.force_login(operator)
    organization, editor = world["organization"], world["editor"]
    membership = Membership.objects.get(user=editor)
    newcomer = get_user_model().objects.create_user("noor", password="x")
    url = f"/admin/campaigns/organization/{organization.pk}/change/"

    rows = [
        {"id": str(membership.pk), "user": str(editor.pk), "role": "owner"},
        {"user": str(newcomer.pk), "role": "viewer"},
    ]
    assert client.post(url, _organization_form(organization, rows)).status_code == 302
    added = Membership.objects.get(user=newcomer)
    rows = [
        {"id": str(membership.pk), "user": str(editor.pk), "role": "owner"},
        {"id": str(added.pk), "user": str(newcomer.pk), "role": "viewer", "DELETE": "on"},
    ]
    assert client.post(url, _organization_form(organization, rows)).status_code == 302

    entries = list(AuditEntry.objects.order_by("pk"))
    assert [(e.kind, e.subject, e.actor_name) for e in entries] == [
        (Kind.MEMBERSHIP_ADDED, "noor: viewer", "olga"),
        (Kind.MEMBERSHIP_CHANGED, "ana: owner", "olga"),
        (Kind.MEMBERSHIP_REMOVED, "noor: viewer", "olga"),
    ]
    assert entries[1].detail == {"user_id": editor.pk, "role": "owner", "previous_role": "editor"}
    assert {e.organization_id for e in entries} == {organization.pk}
    assert list(audit_entries_for_organization(organization)) == entries[::-1]
    assert not audit_entries_for_organization(OrganizationFactory()).exists()


def test_staff_and_superuser_flags_changed_in_the_admin_are_recorded(client, world):
    operator = staff_create("olga", superuser=True)
    client.force_login(operator)
    editor = world["editor"]
    url = f"/admin/auth/user/{editor.pk}/change/"
    form = {
        "username": "ana",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "date_joined_0": "2026-12-01",
        "date_joined_1": "10:00:00",
        "initial-date_joined_0": "2026-12-01",
        "initial-date_joined_1": "10:00:00",
    }
    assert client.post(url, form).status_code == 302
    unchanged = client.post(url, form)  # Saved again with the same powers: no entry.
    assert unchanged.status_code == 302

    [entry] = AuditEntry.objects.all()
    assert (entry.kind, entry.subject, entry.actor) == (Kind.ACCOUNT_CHANGED, "ana", operator)
    assert entry.detail["before"]["is_staff"] is False
    assert entry.detail["after"]["is_staff"] is True
    assert entry.detail["after"]["is_superuser"] is True
    assert entry.organization_id is None


def test_accounts_created_and_deleted_in_the_admin_are_recorded(client):
    operator = staff_create("olga", superuser=True)
    client.force_login(operator)
    created = client.post(
        "/admin/auth/user/add/",
        {"username": "noor", "password1": "a long pass phrase", "password2": "a long pass phrase"},
    )
    assert created.status_code == 302
    noor = get_user_model().objects.get(username="noor")
    client.post(f"/admin/auth/user/{noor.pk}/delete/", {"post": "yes"})
    assert not get_user_model().objects.filter(username="noor").exists()
    kinds = list(AuditEntry.objects.order_by("pk").values_list("kind", "subject"))
    assert kinds == [(Kind.ACCOUNT_CREATED, "noor"), (Kind.ACCOUNT_DELETED, "noor")]


def test_operators_read_the_log_and_nobody_edits_it(client, world):
    operator = staff_create("olga", superuser=True)
    client.force_login(operator)
    _letters(client, world)
    entry = AuditEntry.objects.get()
    listing = client.get("/admin/core/auditentry/")
    assert listing.status_code == 200 and "letters-" in listing.text
    assert client.get("/admin/core/auditentry/add/").status_code == 403
    client.post(f"/admin/core/auditentry/{entry.pk}/change/", {"subject": "nothing"})
    client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"})
    entry.refresh_from_db()
    assert entry.subject.startswith("letters-")

    # Staff with every permission but not superusers get no admin at all (issue 14).
    from django.contrib.auth.models import Permission

    helper = staff_create("hal")
    helper.user_permissions.set(Permission.objects.all())
    client.force_login(helper)
    assert client.get("/admin/core/auditentry/", follow=True).status_code == 403
    index = client.get("/admin/", follow=True)
    assert index.status_code == 403 and "auditentry" not in index.text


def test_deleting_an_account_keeps_its_entries(client, world):
    client.force_login(world["editor"])
    _calls(client, world)
    world["editor"].delete()
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_name) == (None, "ana")


def test_owners_read_their_organizations_log_in_the_dashboard_and_nobody_else_does(client, world):
    client.force_login(world["editor"])
    assert _letters(client, world).status_code == 200  # an export: one entry
    theirs = OrganizationFactory(name="Another group")
    AuditEntry.objects.create(
        actor_name="zed", kind=Kind.EXPORT, subject="theirs.csv", organization_id=theirs.pk
    )
    # The editor who exported is no owner: the page shows no organization's log.
    page = client.get("/dashboard/audit/").content.decode()
    assert "Only an organization's owners see its audit log." in page and "ana" not in page
    owner = get_user_model().objects.create_user("olga", password="x")
    Membership.objects.create(organization=world["organization"], user=owner, role="owner")
    client.force_login(owner)
    page = client.get("/dashboard/audit/").content.decode()
    assert world["organization"].name in page and "Export of personal data" in page
    assert "ana" in page and "theirs.csv" not in page and "Another group" not in page
