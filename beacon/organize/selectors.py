"""Reads of the organizer workspace. Visibility comes from the gate's rule: a user sees
the organizations they belong to (operators see all)."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.utils import timezone

from beacon.campaigns.models import CallAsk, Campaign, LetterAsk, Membership, Organization

from .models import Invitation


def organization_list_for_user(user: Any) -> QuerySet[Organization]:
    """Every organization the user belongs to, whatever the role, by name; all of them
    for an operator. A new organization shows as soon as its membership exists."""
    if user.is_superuser:
        organizations = Organization.objects.all()
    else:
        organizations = Organization.objects.filter(memberships__user=user)
    return organizations.annotate(campaign_count=Count("campaigns", distinct=True)).order_by("name")


def campaign_list_for_organization(organization: Organization) -> QuerySet[Campaign]:
    """The organization's own campaigns, newest first."""
    return Campaign.objects.filter(organization=organization).order_by("-created_at")


def campaign_get(organization: Organization, *, slug: str) -> Campaign | None:
    return Campaign.objects.filter(organization=organization, slug=slug).first()


def member_list_for_organization(organization: Organization) -> QuerySet[Membership]:
    """The team: owners first, then editors, then viewers, each by username."""
    Role = Membership.Role
    rank = Case(
        When(role=Role.OWNER, then=Value(0)),
        When(role=Role.EDITOR, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by(rank, "user__username")
    )


def invitation_list_open(organization: Organization) -> QuerySet[Invitation]:
    """Invitations not yet accepted, replaced or expired, by address."""
    return Invitation.objects.filter(
        organization=organization,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).order_by("email")


def asks_for_campaign(campaign: Campaign) -> tuple[QuerySet[LetterAsk], QuerySet[CallAsk]]:
    """The campaign's letter and call asks, for links to their results pages."""
    return (
        LetterAsk.objects.filter(campaign=campaign).order_by("pk"),
        CallAsk.objects.filter(campaign=campaign).order_by("pk"),
    )
