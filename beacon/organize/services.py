"""Writes of the organizer workspace: organizations, invitations and members.

Callers check permissions with the gate (beacon.organize.gate) first; these services
keep the rules that hold whoever calls them (an owner never changes or removes their own
role; an organization keeps at least one owner; an invitation works once, before it
expires, for the address it was sent to). Every invitation, role change and removal is
written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from beacon.campaigns.models import Membership, Organization
from beacon.campaigns.services import membership_delete, membership_save
from beacon.core.audit.services import audit_invitation
from beacon.core.confirmation import ConfirmError, link_check, link_digest, link_new
from beacon.delivery.services import message_queue

from .models import Invitation

Role = Membership.Role


class MemberError(Exception):
    """A change to the team that is never allowed; `code` says which: "self" (your own
    role), "last_owner" (the organization would have no owner)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class InvitationError(ConfirmError):
    """An invitation link that cannot be accepted this way: besides the confirmation
    codes, "wrong_account" (signed in with another address) and "sign_in" (the address
    already has an account: sign in first)."""


@transaction.atomic
def organization_create(
    *, actor: Any, name: str, slug: str, privacy_contact: str, owner_email: str
) -> tuple[Organization, Invitation]:
    """An operator's new organization, and the invitation of its first owner."""
    organization = Organization.objects.create(
        name=name, slug=slug, privacy_contact=privacy_contact
    )
    invitation = invitation_send(
        actor=actor, organization=organization, email=owner_email, role=Role.OWNER
    )
    return organization, invitation


@transaction.atomic
def invitation_send(*, actor: Any, organization: Organization, email: str, role: str) -> Invitation:
    """Email `email` a single-use link to join `organization` as `role`; earlier open
    invitations of the same address to this organization stop working."""
    email = email.strip()
    now = timezone.now()
    Invitation.objects.filter(
        organization=organization, email__iexact=email, accepted_at__isnull=True
    ).update(revoked_at=now)
    link = link_new()
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        invited_by=actor if getattr(actor, "is_authenticated", False) else None,
        token_digest=link.digest,
        expires_at=link.expires_at,
    )
    audit_invitation(actor=actor, organization=organization, email=email, role=role)
    _invitation_email(invitation, actor=actor, token=link.token)
    return invitation


def _invitation_email(invitation: Invitation, *, actor: Any, token: str) -> None:
    url = settings.BEACON_BASE_URL + reverse("organize:invitation", kwargs={"token": token})
    context = {
        "organization": invitation.organization,
        "role": invitation.get_role_display(),
        "inviter": actor.get_username() if getattr(actor, "is_authenticated", False) else "",
        "url": url,
        "expires_at": invitation.expires_at,
    }
    subject = render_to_string("organize/email/invitation_subject.txt", context).strip()
    body = render_to_string("organize/email/invitation_body.txt", context)
    message_queue(to=invitation.email, subject=subject, body_text=body, category="invitation")


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link points at, or None. Reads only (the page with the button)."""
    digest = link_digest(token)
    if not digest:
        return None
    return Invitation.objects.select_related("organization").filter(token_digest=digest).first()


def _email_matches(user: Any, invitation: Invitation) -> bool:
    return bool(user.email) and user.email.strip().lower() == invitation.email.lower()


def invitation_check(invitation: Invitation, *, user: Any) -> None:
    """Raise InvitationError unless `user` (or, anonymous, a new account) may accept:
    not used, not expired, not replaced by a newer invitation, for this address."""
    link_check(
        is_used=invitation.is_used,
        expires_at=invitation.expires_at,
        is_open=invitation.revoked_at is None,
        subject=invitation,
    )
    if getattr(user, "is_authenticated", False):
        if not _email_matches(user, invitation):
            raise InvitationError("wrong_account", invitation)
    elif get_user_model()._default_manager.filter(email__iexact=invitation.email).exists():
        raise InvitationError("sign_in", invitation)


@transaction.atomic
def invitation_accept(*, token: str, user: Any = None, password: str = "") -> Membership:
    """Accept the invitation behind `token`: as the signed-in `user` (whose email must be
    the invited address), or, anonymous, as a new account for that address with
    `password`. Returns the membership (an existing one keeps its role). Raises
    InvitationError (a ConfirmError) when the link cannot be accepted."""
    digest = link_digest(token)
    invitation = (
        Invitation.objects.select_for_update().filter(token_digest=digest).first()
        if digest
        else None
    )
    if invitation is None:
        raise InvitationError("invalid")
    invitation_check(invitation, user=user)
    if not getattr(user, "is_authenticated", False):
        user = get_user_model()._default_manager.create_user(
            username=invitation.email.lower(), email=invitation.email, password=password
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    membership = Membership.objects.filter(organization=invitation.organization, user=user).first()
    if membership is None:
        membership = membership_save(
            actor=user,
            membership=Membership(
                organization=invitation.organization, user=user, role=invitation.role
            ),
        )
    return membership


def _owners_left(membership: Membership, *, without: bool) -> int:
    owners = Membership.objects.filter(organization=membership.organization, role=Role.OWNER)
    if without:
        owners = owners.exclude(pk=membership.pk)
    return owners.count()


@transaction.atomic
def member_role_change(*, actor: Any, membership: Membership, role: str) -> Membership:
    """Give another member `role`. Raises MemberError("self") for the actor's own
    membership, MemberError("last_owner") when it would leave no owner."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.user_id == actor.pk:
        raise MemberError("self")
    if membership.role == Role.OWNER and role != Role.OWNER:
        if _owners_left(membership, without=True) == 0:
            raise MemberError("last_owner")
    previous = (membership.user_id, membership.role)
    membership.role = role
    return membership_save(actor=actor, membership=membership, previous=previous)


@transaction.atomic
def member_remove(*, actor: Any, membership: Membership) -> None:
    """Take a member's role away. Same rules as `member_role_change`."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.user_id == actor.pk:
        raise MemberError("self")
    if membership.role == Role.OWNER and _owners_left(membership, without=True) == 0:
        raise MemberError("last_owner")
    membership_delete(actor=actor, membership=membership)
