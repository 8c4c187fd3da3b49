"""Who may touch which organization's content. Superusers may touch everything."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Campaign, Membership, Organization

EDIT_ROLES = (Membership.Role.OWNER, Membership.Role.EDITOR)


def access_organization_list_for_user(user, *, write: bool = False) -> QuerySet[Organization]:
    """Organizations the user belongs to (with an editing role when `write`)."""
    if user.is_superuser:
        return Organization.objects.all()
    memberships = Membership.objects.filter(user=user)
    if write:
        memberships = memberships.filter(role__in=EDIT_ROLES)
    return Organization.objects.filter(pk__in=memberships.values("organization_id"))


def access_campaign_list_for_user(user, *, write: bool = False) -> QuerySet[Campaign]:
    """Campaigns of the user's organizations; partners do not get edit rights."""
    return Campaign.objects.filter(
        organization__in=access_organization_list_for_user(user, write=write)
    )


def access_campaign_for_editor(user, campaign: Campaign) -> bool:
    return access_campaign_list_for_user(user, write=True).filter(pk=campaign.pk).exists()


def access_organization_list_for_owner(user) -> QuerySet[Organization]:
    """Organizations the user owns (all of them for a superuser)."""
    if user.is_superuser:
        return Organization.objects.all()
    owned = Membership.objects.filter(user=user, role=Membership.Role.OWNER)
    return Organization.objects.filter(pk__in=owned.values("organization_id"))
