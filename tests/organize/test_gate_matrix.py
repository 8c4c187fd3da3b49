"""Every role against every organizer page and export, in both directions between two
organizations (issue 14). Each cell asserts the status code and what the page shows or
what the request changed, so a refused request is seen to change nothing.

Roles are relative to the organization whose page is asked for: its owner, editor and
viewer; `other_owner` owns the other organization; `nonmember` is signed in and belongs
to none; `operator` is a superuser; `anonymous` is not signed in."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from beacon.campaigns.models import Campaign, Membership
from beacon.core.models import AuditEntry
from beacon.organize.gate import ROLE_PERMISSIONS, Permission, can, organizations_where
from beacon.organize.models import Invitation

pytestmark = pytest.mark.django_db

ROLES = ["owner", "editor", "viewer", "other_owner", "nonmember", "operator", "anonymous"]
MEMBERS = {"owner", "editor", "viewer", "operator"}  # who may see the organization
PUBLISHERS = {"owner", "editor", "operator"}
MANAGERS = {"owner", "operator"}
OUTSIDERS = {"other_owner", "nonmember"}


@dataclass
class Cell:
    response: object
    org: object  # tests.organize.conftest.Org
    world: object
    role: str
    _streamed: str | None = None


def _get(path: Callable) -> Callable:
    def ask(client, org):
        return client.get(path(org))

    return ask


def _post(path: Callable, data: dict | None = None) -> Callable:
    def ask(client, org):
        return client.post(path(org), data or {})

    return ask


def _org_url(suffix: str = "") -> Callable:
    return lambda org: f"/organize/{org.organization.slug}/{suffix}"


def _campaign_url(suffix: str = "") -> Callable:
    return lambda org: f"/organize/{org.organization.slug}/c/{org.campaign.slug}/{suffix}"


def _spare_url(action: str) -> Callable:
    def url(org):
        membership = Membership.objects.get(user=org.users["spare"])
        return f"/organize/{org.organization.slug}/members/{membership.pk}/{action}/"

    return url


def _text(cell: Cell) -> str:
    response = cell.response
    if getattr(response, "streaming", False):
        if cell._streamed is None:
            cell._streamed = b"".join(response.streaming_content).decode()
        return cell._streamed
    return response.content.decode()


def _csv_header(cell: Cell) -> list[str]:
    return next(csv.reader(io.StringIO(_text(cell))))


def _refused(cell: Cell) -> None:
    """Anonymous: sent to sign in; outsiders: 404 (existence not revealed); members
    without the permission: 403."""
    if cell.role == "anonymous":
        assert cell.response.status_code == 302
        assert cell.response["Location"].startswith("/accounts/login/")
    elif cell.role in OUTSIDERS:
        assert cell.response.status_code == 404
    else:
        assert cell.response.status_code == 403
    assert cell.org.organization.name not in _text(cell)


def _status(cell: Cell) -> str:
    return Campaign.objects.get(pk=cell.org.campaign.pk).status


# --- What each page must show or do for those allowed, and leave alone for the rest ----


def home(cell: Cell) -> None:
    if cell.role == "anonymous":
        return _refused(cell)
    assert cell.response.status_code == 200
    page = _text(cell)
    other = "Beta Group" if cell.org.organization.name == "Alpha Group" else "Alpha Group"
    assert (cell.org.organization.name in page) == (cell.role in MEMBERS)
    assert (other in page) == (cell.role in {"other_owner", "operator"})
    assert ("New organization" in page) == (cell.role == "operator")


def organization(cell: Cell) -> None:
    if cell.role not in MEMBERS:
        return _refused(cell)
    assert cell.response.status_code == 200
    page = _text(cell)
    assert cell.org.campaign.title in page and cell.org.users["spare"].username in page


def members(cell: Cell) -> None:
    if cell.role not in MEMBERS:
        return _refused(cell)
    assert cell.response.status_code == 200
    page = _text(cell)
    assert cell.org.users["viewer"].username in page
    assert ("Send the invitation" in page) == (cell.role in MANAGERS)
    assert ("Change role" in page) == (cell.role in MANAGERS)


def campaign(cell: Cell) -> None:
    if cell.role not in MEMBERS:
        return _refused(cell)
    assert cell.response.status_code == 200
    page = _text(cell)
    assert cell.org.campaign.title in page
    assert f"/dashboard/letters/{cell.org.letter_ask.pk}/" in page
    assert ("/close/" in page) == (cell.role in PUBLISHERS)
    with_contacts = "Export with contact details" in page
    assert with_contacts == (cell.role in PUBLISHERS)
    assert ("Export without contact details" in page) == (cell.role == "viewer")


def close(cell: Cell) -> None:
    if cell.role not in PUBLISHERS:
        _refused(cell)
        assert _status(cell) == Campaign.Status.LIVE
        return
    assert cell.response.status_code == 302
    closed = Campaign.objects.get(pk=cell.org.campaign.pk)
    assert closed.status == Campaign.Status.CLOSED and closed.closed_at is not None


def victory(cell: Cell) -> None:
    if cell.role not in PUBLISHERS:
        _refused(cell)
        assert _status(cell) == Campaign.Status.LIVE
        return
    assert cell.response.status_code == 302
    won = Campaign.objects.get(pk=cell.org.campaign.pk)
    assert (won.status, won.victory_message) == (Campaign.Status.WON, "We won!")
    assert won.won_at is not None


def update(cell: Cell) -> None:
    posted = cell.org.campaign.updates.filter(title="Hearing on Tuesday").exists()
    if cell.role not in PUBLISHERS:
        _refused(cell)
        assert not posted
        return
    assert cell.response.status_code == 302 and posted


def invite(cell: Cell) -> None:
    sent = Invitation.objects.filter(
        organization=cell.org.organization, email="newcomer@example.org"
    ).exists()
    if cell.role not in MANAGERS:
        _refused(cell)
        assert not sent
        assert not AuditEntry.objects.filter(kind=AuditEntry.Kind.INVITATION_SENT).exists()
        return
    assert cell.response.status_code == 302 and sent
    entry = AuditEntry.objects.get(kind=AuditEntry.Kind.INVITATION_SENT)
    assert entry.organization_id == cell.org.organization.pk


def role(cell: Cell) -> None:
    now = Membership.objects.get(user=cell.org.users["spare"]).role
    if cell.role not in MANAGERS:
        _refused(cell)
        assert now == "viewer"
        return
    assert cell.response.status_code == 302 and now == "editor"
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.MEMBERSHIP_CHANGED).count() == 1


def remove(cell: Cell) -> None:
    left = Membership.objects.filter(user=cell.org.users["spare"]).exists()
    if cell.role not in MANAGERS:
        _refused(cell)
        assert left
        return
    assert cell.response.status_code == 302 and not left
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.MEMBERSHIP_REMOVED).count() == 1


def letter_results(cell: Cell) -> None:
    if cell.role not in MEMBERS:
        return _refused(cell)
    assert cell.response.status_code == 200 and cell.org.letter_ask.title in _text(cell)


def call_results(cell: Cell) -> None:
    if cell.role not in MEMBERS:
        return _refused(cell)
    assert cell.response.status_code == 200 and cell.org.call_ask.title in _text(cell)


def _export(cell: Cell, contact_column: str, flag: str) -> None:
    entries = AuditEntry.objects.filter(kind=AuditEntry.Kind.EXPORT)
    if cell.role not in MEMBERS:
        if cell.role == "anonymous":
            assert cell.response.status_code == 302
        else:
            assert cell.response.status_code == 404
        assert not entries.exists()
        return
    assert cell.response.status_code == 200
    with_contacts = cell.role in PUBLISHERS
    assert (contact_column in _csv_header(cell)) == with_contacts
    entry = entries.get()
    assert entry.organization_id == cell.org.organization.pk
    assert entry.detail[flag] is with_contacts


def letter_export(cell: Cell) -> None:
    _export(cell, "email", "with_contacts")


def call_export(cell: Cell) -> None:
    _export(cell, "First name", "with_names")


def organization_new(cell: Cell) -> None:
    if cell.role == "anonymous":
        return _refused(cell)
    assert cell.response.status_code == (200 if cell.role == "operator" else 403)


def audit_log(cell: Cell) -> None:
    if cell.role == "anonymous":
        return _refused(cell)
    assert cell.response.status_code == 200
    shown = cell.org.organization.name in _text(cell)
    assert shown == (cell.role in MANAGERS)


PAGES = {
    "home": (_get(lambda org: "/organize/"), home),
    "organization": (_get(_org_url()), organization),
    "members": (_get(_org_url("members/")), members),
    "campaign": (_get(_campaign_url()), campaign),
    "close": (_post(_campaign_url("close/")), close),
    "victory": (_post(_campaign_url("victory/"), {"message": "We won!"}), victory),
    "update": (
        _post(_campaign_url("updates/"), {"title": "Hearing on Tuesday", "body": "Come."}),
        update,
    ),
    "invite": (
        _post(_org_url("members/invite/"), {"email": "newcomer@example.org", "role": "editor"}),
        invite,
    ),
    "role": (_post(_spare_url("role"), {"role": "editor"}), role),
    "remove": (_post(_spare_url("remove")), remove),
    "letter_results": (
        _get(lambda org: f"/dashboard/letters/{org.letter_ask.pk}/"),
        letter_results,
    ),
    "call_results": (_get(lambda org: f"/dashboard/calls/{org.call_ask.pk}/"), call_results),
    "letter_export": (
        _get(lambda org: f"/dashboard/letters/{org.letter_ask.pk}/export.csv"),
        letter_export,
    ),
    "call_export": (
        _get(lambda org: f"/dashboard/calls/{org.call_ask.pk}/export.csv"),
        call_export,
    ),
    "organization_new": (_get(lambda org: "/organize/new/"), organization_new),
    "audit_log": (_get(lambda org: "/dashboard/audit/"), audit_log),
}


@pytest.mark.parametrize("target", ["alpha", "beta"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_every_role_against_every_organizer_page(
    client, commit_each_request, world, page, role, target
):
    ask, check = PAGES[page]
    user = world.user(role, target)
    if user is not None:
        client.force_login(user)
    org = world.orgs[target]
    check(Cell(response=ask(client, org), org=org, world=world, role=role))


def test_every_organizer_view_is_in_the_matrix():
    """A new organizer page must be added to PAGES (and so be checked for every role)."""
    from beacon.organize import urls

    covered = {
        "home",
        "organization",
        "members",
        "campaign",
        "campaign-close",
        "campaign-victory",
        "campaign-update",
        "member-invite",
        "member-role",
        "member-remove",
        "organization-new",
    }
    # Publishing is checked in test_lifecycle.py (a live campaign cannot be published);
    # the invitation page is for a link's holder, checked in test_invitations.py.
    elsewhere = {"campaign-publish", "invitation"}
    assert {p.name for p in urls.urlpatterns} == covered | elsewhere


def test_the_gate_table_and_the_list_query_agree(world):
    """`organizations_where` (one query, for lists) answers as `can` does, per row."""
    users = [*world.orgs["alpha"].users.values(), world.operator, world.nonmember]
    for user in users:
        for permission in Permission:
            if permission is Permission.CREATE_ORGANIZATION:
                continue
            listed = set(organizations_where(user, permission))
            each = {
                o.organization for o in world.orgs.values() if can(user, permission, o.organization)
            }
            assert listed == each, (user, permission)


def test_roles_are_ordered_viewer_editor_owner():
    assert ROLE_PERMISSIONS["viewer"] < ROLE_PERMISSIONS["editor"] < ROLE_PERMISSIONS["owner"]
    assert Permission.EXPORT_CONTACTS not in ROLE_PERMISSIONS["viewer"]
    assert Permission.MANAGE_MEMBERS not in ROLE_PERMISSIONS["editor"]
