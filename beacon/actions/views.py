"""Public pages of a campaign and the petition flow: sign, check email, confirm, share."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beacon.campaigns.models import Campaign
from beacon.campaigns.selectors import (
    campaign_get_public,
    campaign_page_version,
    campaign_update_list,
)
from beacon.core.confirmation import ConfirmFlow, ErrorText, confirmation_view

from . import pagecache, sharing
from .events import campaign_gate, event_is_kiosk
from .forms import SignatureForm
from .selectors import petition_progress, petition_recent_participants
from .services import (
    CampaignNotOpen,
    signature_confirm,
    signature_create,
    signature_pending_for_token,
)
from .shareimage import share_image_png
from .yourdata.consents import consents_asked


def _petition(campaign: Campaign):
    petition = getattr(campaign, "petition", None)
    if petition is None:
        raise Http404("petition")
    return petition


def _campaign_page(
    request, campaign: Campaign, form: SignatureForm | None, status: int = 200, **extra
):
    petition = getattr(campaign, "petition", None)
    context = {
        **extra,
        "campaign": campaign,
        "petition": petition,
        "form": form if campaign.is_open else None,
        "progress": petition_progress(petition=petition) if petition else None,
        "participants": petition_recent_participants(petition=petition) if petition else [],
        "updates": campaign_update_list(campaign=campaign),
    }
    return render(request, "actions/campaign.html", context, status=status)


def campaign_detail(request, slug: str):
    """The campaign page, rendered once every few seconds per language (see pagecache)."""

    def render_page(slots: pagecache.Slots):
        campaign = campaign_get_public(slug=slug)
        form = SignatureForm(
            initial={"ref": slots.ref},
            organization_name=campaign.organization.name,
            partners=campaign.partners.all(),
        )
        return _campaign_page(request, campaign, form, csrf_token=slots.csrf)

    version = campaign_page_version(slug=slug)
    return pagecache.cached_page(request, key=f"campaign:{slug}:{version}", render=render_page)


def _closed(request, campaign: Campaign):
    return render(request, "actions/closed.html", {"campaign": campaign}, status=410)


@require_POST
def signature_submit(request, slug: str):
    campaign = campaign_get_public(slug=slug)
    petition = _petition(campaign)
    if not campaign.is_open:
        return _closed(request, campaign)
    form = SignatureForm(
        request.POST,
        organization_name=campaign.organization.name,
        partners=campaign.partners.all(),
    )
    if not form.is_valid():
        return _campaign_page(request, campaign, form, status=422)
    if held := campaign_gate(request, "sign", campaign):
        return held
    data = form.cleaned_data
    try:
        signature_create(
            petition=petition,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            zip_code=data["zip_code"],
            is_public=data["is_public"],
            has_opted_in=data["has_opted_in"],
            referral_code=data["ref"],
            language=get_language() or "en",
            consents=consents_asked(form, organization_id=campaign.organization_id),
        )
    except CampaignNotOpen:
        return _closed(request, campaign)
    return redirect("actions:signature-sent", slug=campaign.slug)


def signature_sent(request, slug: str):
    campaign = campaign_get_public(slug=slug)
    if event_is_kiosk(request, campaign):
        # A device passed from hand to hand: nothing of the last signer stays on screen.
        return render(request, "actions/kiosk_next.html", {"campaign": campaign})
    return render(request, "actions/check_email.html", {"campaign": campaign})


_CONFIRM_TEXTS = {
    "invalid": ErrorText(
        lambda: _("This confirmation link is not valid"),
        lambda: _("Please check that you copied the whole link from the email."),
    ),
    "used": ErrorText(
        lambda: _("You have already confirmed your signature"),
        lambda: _("Thank you. Your signature is counted; there is nothing more to do."),
    ),
    "expired": ErrorText(
        lambda: _("This confirmation link has expired"),
        lambda: _("Links work for a limited time. Sign again and we will send a new one."),
    ),
    "closed": ErrorText(
        lambda: _("This petition is no longer taking signatures"),
        lambda: _("It closed before your signature was confirmed, so it was not added."),
    ),
}


def _signature_confirmed(request, signature):
    request.session[f"share:{signature.petition.campaign.slug}"] = signature.share_code
    return redirect("actions:thanks", slug=signature.petition.campaign.slug)


# GET /confirm/<token>/ shows a Confirm button; only the POST confirms, so mail scanners
# that follow links cannot confirm on a supporter's behalf.
signature_confirm_page = confirmation_view(
    ConfirmFlow(
        pending=lambda token: signature_pending_for_token(token=token),
        is_used=lambda signature: signature.status == signature.Status.CONFIRMED,
        show=lambda request, signature: render(
            request, "actions/confirm.html", {"campaign": signature.petition.campaign}
        ),
        confirm=lambda token: signature_confirm(token=token),
        done=_signature_confirmed,
        texts=_CONFIRM_TEXTS,
        campaign_of=lambda signature: signature.petition.campaign,
    )
)


def thanks(request, slug: str):
    campaign = campaign_get_public(slug=slug)
    share_code = request.session.get(f"share:{campaign.slug}", "")
    context = {"campaign": campaign, "share": sharing.share_links(request, campaign, share_code)}
    return render(request, "actions/thanks.html", context)


def share_image(request, slug: str):
    """The preview picture of a campaign without its own image (actions/shareimage.py),
    in the language the page's Open Graph tags named (`?lang=`)."""
    version = campaign_page_version(slug=slug)
    campaign = campaign_get_public(slug=slug)
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = get_language() or settings.LANGUAGE_CODE
    png = share_image_png(campaign, language=language, version=version)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response
