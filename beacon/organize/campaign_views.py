"""A campaign in the workspace: its status, results links and lifecycle buttons. Each
button calls one lifecycle service (beacon.campaigns.services), which sets the status and
its date together."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from beacon.campaigns.models import Campaign, LifecycleError, Organization
from beacon.campaigns.services import (
    campaign_close,
    campaign_mark_won,
    campaign_publish,
    campaign_update_post,
)

from . import gate, selectors
from .forms import UpdateForm, VictoryForm
from .gate import Permission


def _campaign(org: Organization, slug: str) -> Campaign:
    campaign = selectors.campaign_get(org, slug=slug)
    if campaign is None:
        raise Http404("campaign")
    return campaign


def _page(request, org, campaign, *, victory=None, update=None, status=200) -> HttpResponse:
    letter_asks, call_asks = selectors.asks_for_campaign(campaign)
    context = {
        "organization": org,
        "campaign": campaign,
        "letter_asks": letter_asks,
        "call_asks": call_asks,
        "may_publish": gate.can(request.user, Permission.PUBLISH, org),
        "may_export_contacts": gate.can(request.user, Permission.EXPORT_CONTACTS, org),
        "victory_form": victory or VictoryForm(),
        "update_form": update or UpdateForm(),
        "updates": campaign.updates.all()[:20],
    }
    return render(request, "organize/campaign.html", context, status=status)


@login_required
@require_GET
def campaign(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    org = gate.organization_for(request.user, slug, Permission.VIEW)
    return _page(request, org, _campaign(org, campaign_slug))


def _publisher_target(request: HttpRequest, slug: str, campaign_slug: str):
    """The organization and campaign a lifecycle button acts on, for a user who may
    publish there (404 outside the organization, 403 for a viewer)."""
    org = gate.organization_for(request.user, slug, Permission.PUBLISH)
    return org, _campaign(org, campaign_slug)


def _lifecycle(
    request: HttpRequest, org, campaign: Campaign, run: Callable[[Campaign], Any], done: str
) -> HttpResponse:
    try:
        run(campaign)
    except LifecycleError:
        messages.error(request, _("That step is not possible in the campaign's current state."))
        return _page(request, org, campaign, status=409)
    messages.success(request, done)
    return redirect("organize:campaign", slug=org.slug, campaign_slug=campaign.slug)


@login_required
@require_POST
def campaign_publish_view(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    org, campaign = _publisher_target(request, slug, campaign_slug)
    run = lambda c: campaign_publish(campaign=c)  # noqa: E731
    return _lifecycle(request, org, campaign, run, _("The campaign is published."))


@login_required
@require_POST
def campaign_close_view(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    org, campaign = _publisher_target(request, slug, campaign_slug)
    run = lambda c: campaign_close(campaign=c)  # noqa: E731
    return _lifecycle(request, org, campaign, run, _("The campaign is closed."))


@login_required
@require_POST
def campaign_win_view(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    org, campaign = _publisher_target(request, slug, campaign_slug)
    form = VictoryForm(request.POST)
    if not form.is_valid():
        return _page(request, org, campaign, victory=form, status=422)
    message = form.cleaned_data["message"]
    run = lambda c: campaign_mark_won(campaign=c, message=message)  # noqa: E731
    return _lifecycle(request, org, campaign, run, _("Victory declared."))


@login_required
@require_POST
def campaign_update_view(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    org, campaign = _publisher_target(request, slug, campaign_slug)
    form = UpdateForm(request.POST)
    if not form.is_valid():
        return _page(request, org, campaign, update=form, status=422)
    data = form.cleaned_data

    def run(c: Campaign) -> Any:
        return campaign_update_post(
            campaign=c, title=data["title"], body=data["body"], email=data["email"]
        )

    return _lifecycle(request, org, campaign, run, _("The update is posted."))
