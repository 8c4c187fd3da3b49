"""Writes to campaigns (publishing, closing, declaring victory) and to memberships."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from beacon.core.audit.services import audit_membership
from beacon.core.models import AuditEntry

from .models import Campaign, Membership, Organization

MEMBERSHIP_ADDED = AuditEntry.Kind.MEMBERSHIP_ADDED
MEMBERSHIP_CHANGED = AuditEntry.Kind.MEMBERSHIP_CHANGED
MEMBERSHIP_REMOVED = AuditEntry.Kind.MEMBERSHIP_REMOVED


@transaction.atomic
def campaign_publish(*, campaign: Campaign) -> Campaign:
    """Make a draft campaign live. Publishing a campaign already past its deadline closes it."""
    campaign.status = Campaign.Status.LIVE
    campaign.published_at = campaign.published_at or timezone.now()
    if campaign.is_past_deadline:
        campaign.status = Campaign.Status.CLOSED
        campaign.closed_at = timezone.now()
    campaign.save(update_fields=["status", "published_at", "closed_at", "updated_at"])
    return campaign


@transaction.atomic
def campaign_close(*, campaign: Campaign) -> Campaign:
    """Stop a live campaign from taking actions; its page stays up and says so."""
    if campaign.status in (Campaign.Status.LIVE, Campaign.Status.DRAFT):
        campaign.status = Campaign.Status.CLOSED
        campaign.closed_at = timezone.now()
        campaign.save(update_fields=["status", "closed_at", "updated_at"])
    return campaign


@transaction.atomic
def campaign_mark_won(*, campaign: Campaign, message: str = "") -> Campaign:
    """Declare victory: the page shows a banner with the organizer's message, and
    signing stops."""
    campaign.status = Campaign.Status.WON
    campaign.won_at = timezone.now()
    fields = ["status", "won_at", "updated_at"]
    if message:
        # In the campaign's main language, whatever language the organizer's page is in;
        # translations are written beside it like any other text (ADR 0014).
        main = build_localized_fieldname("victory_message", campaign.language)
        setattr(campaign, main, message)
        fields.append(main)
    campaign.save(update_fields=fields)
    return campaign


def campaigns_close_expired() -> int:
    """Close every live campaign whose deadline has passed; return how many closed.

    Views already refuse actions after the deadline, so this job only makes the
    stored status catch up with the clock."""
    now = timezone.now()
    return Campaign.objects.filter(status=Campaign.Status.LIVE, deadline__lte=now).update(
        status=Campaign.Status.CLOSED, closed_at=now, updated_at=now
    )


# --- Memberships: every role given, changed or taken away is in the audit log ----------


@transaction.atomic
def membership_save(
    *, actor, membership: Membership, previous: tuple[int, str] | None = None
) -> Membership:
    """Save a new membership (`previous` None) or a changed one (`previous` is the
    (user id, role) it had), and write the change to the audit log. A membership moved
    to another account counts as the role taken from one and given to the other."""
    membership.save()
    if previous is None:
        _audit_role(actor, MEMBERSHIP_ADDED, membership, membership.user, membership.role)
    elif previous[0] != membership.user_id:
        former = get_user_model()._default_manager.get(pk=previous[0])
        _audit_role(actor, MEMBERSHIP_REMOVED, membership, former, previous[1])
        _audit_role(actor, MEMBERSHIP_ADDED, membership, membership.user, membership.role)
    elif previous[1] != membership.role:
        _audit_role(
            actor, MEMBERSHIP_CHANGED, membership, membership.user, membership.role, previous[1]
        )
    return membership


@transaction.atomic
def membership_delete(*, actor, membership: Membership) -> None:
    """Delete a membership and write the role taken away to the audit log."""
    _audit_role(actor, MEMBERSHIP_REMOVED, membership, membership.user, membership.role)
    membership.delete()


@transaction.atomic
def organization_delete(*, actor, organization: Organization) -> None:
    """Delete an organization (its campaigns must be gone: they are protected), writing
    each role it held to the audit log as taken away."""
    for membership in organization.memberships.select_related("user"):
        _audit_role(actor, MEMBERSHIP_REMOVED, membership, membership.user, membership.role)
    organization.delete()


def _audit_role(
    actor, kind, membership: Membership, member, role: str, previous_role: str | None = None
) -> None:
    audit_membership(
        actor=actor,
        kind=kind,
        organization=membership.organization,
        member=member,
        role=role,
        previous_role=previous_role,
    )
