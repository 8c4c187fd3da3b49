"""Writes to the audit log (docs/security.md, "Audit log").

Every export view and every change to a membership or to an account's flags, groups or
permissions calls one of these in the same transaction as the change. Subjects name
files, accounts and roles, never a supporter's details.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Protocol

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from beacon.core.models import AuditEntry


class Organization(Protocol):
    """What the audit log keeps of an organization (core cannot import campaigns)."""

    pk: Any
    name: str


Actor = AbstractBaseUser | AnonymousUser | None


@dataclass(frozen=True)
class AccountPowers:
    """What an account may do, as the audit log compares it before and after a change."""

    is_active: bool
    is_staff: bool
    is_superuser: bool
    groups: tuple[str, ...]
    permissions: tuple[str, ...]


def account_powers(user: Any) -> AccountPowers:
    """The account's flags, group names and own permissions (app_label.codename), sorted."""
    groups = tuple(sorted(user.groups.values_list("name", flat=True))) if user.pk else ()
    permissions = (
        tuple(
            sorted(
                f"{app}.{codename}"
                for app, codename in user.user_permissions.values_list(
                    "content_type__app_label", "codename"
                )
            )
        )
        if user.pk
        else ()
    )
    return AccountPowers(
        is_active=bool(user.is_active),
        is_staff=bool(user.is_staff),
        is_superuser=bool(user.is_superuser),
        groups=groups,
        permissions=permissions,
    )


def audit_record(
    *,
    actor: Actor,
    kind: AuditEntry.Kind,
    subject: str,
    organization: Organization | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one entry: who (`actor`, the signed-in user; None or anonymous for a
    command), what (`kind`, `subject`: a file, an account, a role; at most 300
    characters), where (`organization`, or None where none applies) and `detail` (plain
    JSON values). The time is now."""
    user = actor if isinstance(actor, AbstractBaseUser) and actor.is_authenticated else None
    return AuditEntry.objects.create(
        actor_id=user.pk if user is not None else None,
        actor_name=user.get_username() if user is not None else "",
        kind=kind,
        subject=subject[:300],
        organization_id=organization.pk if organization is not None else None,
        organization_name=organization.name[:200] if organization is not None else "",
        detail=detail or {},
    )


def audit_export(
    *,
    actor: Actor,
    filename: str,
    organization: Organization | None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record that `actor` downloaded `filename`, a file holding personal data."""
    return audit_record(
        actor=actor,
        kind=AuditEntry.Kind.EXPORT,
        subject=filename,
        organization=organization,
        detail=detail,
    )


def audit_membership(
    *,
    actor: Actor,
    kind: AuditEntry.Kind,
    organization: Organization,
    member: Any,
    role: str,
    previous_role: str | None = None,
) -> AuditEntry:
    """Record a role given (`MEMBERSHIP_ADDED`), changed (`MEMBERSHIP_CHANGED`, with
    `previous_role`) or taken away (`MEMBERSHIP_REMOVED`) in `organization`."""
    detail: dict[str, Any] = {"user_id": member.pk, "role": role}
    if previous_role is not None:
        detail["previous_role"] = previous_role
    return audit_record(
        actor=actor,
        kind=kind,
        subject=f"{member.get_username()}: {role}",
        organization=organization,
        detail=detail,
    )


def audit_invitation(
    *, actor: Actor, organization: Organization, email: str, role: str
) -> AuditEntry:
    """Record that `actor` invited `email` (an organizer's address, not a supporter's)
    to take `role` in `organization`."""
    return audit_record(
        actor=actor,
        kind=AuditEntry.Kind.INVITATION_SENT,
        subject=f"{email}: {role}",
        organization=organization,
        detail={"role": role},
    )


@transaction.atomic
def audit_account_saved(
    *, actor: Actor, user: Any, before: AccountPowers | None
) -> AuditEntry | None:
    """Record a new account (`before` None) with its powers, or a change to an account's
    flags, groups or permissions (nothing is written when they did not change)."""
    after = account_powers(user)
    if before is None:
        kind = AuditEntry.Kind.ACCOUNT_CREATED
        detail: dict[str, Any] = {"user_id": user.pk, "after": _powers_json(after)}
    elif before != after:
        kind = AuditEntry.Kind.ACCOUNT_CHANGED
        detail = {
            "user_id": user.pk,
            "before": _powers_json(before),
            "after": _powers_json(after),
        }
    else:
        return None
    return audit_record(actor=actor, kind=kind, subject=user.get_username(), detail=detail)


def audit_account_deleted(*, actor: Actor, user: Any) -> AuditEntry:
    """Record that an account (and with it every role it held) is being deleted; call
    before deleting it."""
    return audit_record(
        actor=actor,
        kind=AuditEntry.Kind.ACCOUNT_DELETED,
        subject=user.get_username(),
        detail={"user_id": user.pk, "before": _powers_json(account_powers(user))},
    )


def _powers_json(powers: AccountPowers) -> dict[str, Any]:
    data = asdict(powers)
    data["groups"] = list(powers.groups)
    data["permissions"] = list(powers.permissions)
    return data
