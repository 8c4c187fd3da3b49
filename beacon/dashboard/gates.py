"""Who may open each results page and export: one small function per page, so that the
organizer workspace can put every one of them behind its single access gate by changing
this module only. Each uses beacon.campaigns.access today; outside the user's
organizations the answer is 404 (no existence leak), and a viewer asking to change
something gets 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from beacon.campaigns import access
from beacon.campaigns.models import Campaign, Organization, Petition


def petition_index_campaigns(user) -> QuerySet[Campaign]:
    """The petitions index (/dashboard/petitions/): campaigns of the user's organizations."""
    return access.access_campaign_list_for_user(user)


def petition_for_results(user, *, pk: int) -> Petition:
    """The petition results page and its signer export: any member of the organization."""
    petition = (
        Petition.objects.filter(campaign__in=access.access_campaign_list_for_user(user), pk=pk)
        .select_related("campaign__organization")
        .first()
    )
    if petition is None:
        raise Http404("petition")
    return petition


def petition_for_offline_change(user, *, pk: int) -> Petition:
    """Adding or removing offline signatures: owners and editors (403 for a viewer)."""
    petition = petition_for_results(user, pk=pk)
    if not may_see_contacts(user, petition.campaign):
        raise PermissionDenied
    return petition


def may_see_contacts(user, campaign: Campaign) -> bool:
    """Every export: owners and editors (and superusers) get contact columns (email,
    last name); viewers get the same file without them."""
    return user.is_superuser or access.access_campaign_for_editor(user, campaign)


def organization_for_people_export(user, *, pk: int) -> Organization:
    """The people export (/dashboard/organizations/<pk>/people.csv): any member."""
    organization = access.access_organization_list_for_user(user).filter(pk=pk).first()
    if organization is None:
        raise Http404("organization")
    return organization


def may_see_organization_contacts(user, organization: Organization) -> bool:
    """Contact columns of the people export: owners and editors of the organization."""
    return (
        user.is_superuser
        or access.access_organization_list_for_user(user, write=True)
        .filter(pk=organization.pk)
        .exists()
    )
