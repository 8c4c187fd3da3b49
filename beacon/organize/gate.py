"""The one access gate of the organizer workspace (docs/organizers.md).

Every organizer permission is decided here, by `can(user, permission, organization)`,
from the user's role in that organization. Views never test roles themselves: they ask
the gate (through `organization_for`), so the table below is the whole policy.
Operators (superusers) may do everything, in every organization.
"""

from __future__ import annotations

import enum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from beacon.campaigns.models import Membership, Organization

Role = Membership.Role


class Permission(enum.Enum):
    """What an organizer may ask to do in one organization."""

    VIEW = "view"  # the organization's page, campaigns, members and results
    EXPORT = "export"  # results exports without supporters' contact details
    EXPORT_CONTACTS = "export_contacts"  # exports with email and street addresses
    PUBLISH = "publish"  # publish, close, declare victory, post updates
    EDIT_CONTENT = "edit_content"  # campaign content (the builder, later)
    MANAGE_MEMBERS = "manage_members"  # invite, change roles, remove members
    READ_AUDIT = "read_audit"  # the organization's audit log
    # Not tied to an organization: only operators create organizations.
    CREATE_ORGANIZATION = "create_organization"


_VIEWER = {Permission.VIEW, Permission.EXPORT}
_EDITOR = _VIEWER | {Permission.EXPORT_CONTACTS, Permission.PUBLISH, Permission.EDIT_CONTENT}
_OWNER = _EDITOR | {Permission.MANAGE_MEMBERS, Permission.READ_AUDIT}

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.VIEWER: frozenset(_VIEWER),
    Role.EDITOR: frozenset(_EDITOR),
    Role.OWNER: frozenset(_OWNER),
}


def role_of(user: Any, organization: Organization) -> str | None:
    """The user's role in `organization`, or None (also for anonymous users)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cache = getattr(user, "_beacon_roles", None)
    if cache is None:
        cache = dict(Membership.objects.filter(user=user).values_list("organization_id", "role"))
        user._beacon_roles = cache
    return cache.get(organization.pk)


def can(user: Any, permission: Permission, organization: Organization | None) -> bool:
    """Whether `user` may do `permission` in `organization` (None only for permissions
    not tied to one, such as creating an organization). The one place that decides."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if organization is None:
        return False
    role = role_of(user, organization)
    return role is not None and permission in ROLE_PERMISSIONS[role]


def organizations_where(user: Any, permission: Permission) -> QuerySet[Organization]:
    """Every organization where `can(user, permission, organization)` holds, as one
    query (for lists: results pages, exports); the same table decides."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    roles = [role for role, allowed in ROLE_PERMISSIONS.items() if permission in allowed]
    member_of = Membership.objects.filter(user=user, role__in=roles)
    return Organization.objects.filter(pk__in=member_of.values("organization_id"))


def forget(user: Any) -> None:
    """Drop the roles cached on `user` (after its memberships changed in this request)."""
    if hasattr(user, "_beacon_roles"):
        del user._beacon_roles


def organization_for(user: Any, slug: str, permission: Permission) -> Organization:
    """The organization `slug` if `user` may do `permission` there. Someone who may not
    even see it gets 404 (its existence is not revealed); a member whose role does not
    allow `permission` gets 403."""
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None or not can(user, Permission.VIEW, organization):
        raise Http404("organization")
    if not can(user, permission, organization):
        raise PermissionDenied
    return organization


def require(user: Any, permission: Permission, organization: Organization | None) -> None:
    """Raise PermissionDenied unless `can(user, permission, organization)`."""
    if not can(user, permission, organization):
        raise PermissionDenied
