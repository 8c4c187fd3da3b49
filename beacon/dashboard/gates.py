"""Who may open each results page and export: one small function per page, each asking
the one organizer gate (beacon.organize.gate). Outside the user's organizations the
answer is 404 (no existence leak); a member whose role does not allow a change gets 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from beacon.campaigns.models import Campaign, Organization, Petition
from beacon.organize.gate import Permission, can, organizations_where


def petition_index_campaigns(user) -> QuerySet[Campaign]:
    """The petitions index (/dashboard/petitions/): campaigns of the user's organizations."""
    return Campaign.objects.filter(organization__in=organizations_where(user, Permission.VIEW))


def petition_for_results(user, *, pk: int) -> Petition:
    """The petition results page and its signer export: any member of the organization."""
    petition = (
        Petition.objects.filter(campaign__in=petition_index_campaigns(user), pk=pk)
        .select_related("campaign__organization")
        .first()
    )
    if petition is None:
        raise Http404("petition")
    return petition


def petition_for_offline_change(user, *, pk: int) -> Petition:
    """Adding or removing offline signatures: owners and editors (403 for a viewer)."""
    petition = petition_for_results(user, pk=pk)
    if not can(user, Permission.EDIT_CONTENT, petition.campaign.organization):
        raise PermissionDenied
    return petition


def may_see_contacts(user, campaign: Campaign) -> bool:
    """Every export: owners and editors (and operators) get contact columns (email,
    last name); viewers get the same file without them."""
    return can(user, Permission.EXPORT_CONTACTS, campaign.organization)


def organization_for_people_export(user, *, pk: int) -> Organization:
    """The people export (/dashboard/organizations/<pk>/people.csv): any member."""
    organization = organizations_where(user, Permission.EXPORT).filter(pk=pk).first()
    if organization is None:
        raise Http404("organization")
    return organization


def may_see_organization_contacts(user, organization: Organization) -> bool:
    """Contact columns of the people export: owners and editors of the organization."""
    return can(user, Permission.EXPORT_CONTACTS, organization)
