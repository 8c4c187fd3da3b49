"""News to supporters who asked for it: a victory or an update, emailed through the
outbox to every consent given to the campaign's organization on that campaign (a partner's
consents are the partner's to use), each mail with a one-click unsubscribe (RFC 8058).

The unsubscribe link carries the consent's id signed with the secret key (Django's
signing, salted): it names nobody, cannot be guessed or altered, and works as long as the
consent does. Opening it shows a button; mail clients that offer "Unsubscribe" POST to it
directly, without a CSRF token, which is why its POST changes nothing but that consent.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from beacon.campaigns.content import text_for
from beacon.campaigns.models import Campaign
from beacon.delivery.services import message_queue

from ..models import NewsConsent

CATEGORY = "news"
_SALT = "beacon.news-stop"


def news_stop_token(consent: NewsConsent) -> str:
    return signing.Signer(salt=_SALT).sign(str(consent.pk))


def news_stop_consent(token: str) -> NewsConsent | None:
    """The consent in force that a stop link names, or None (bad, altered or spent)."""
    try:
        pk = signing.Signer(salt=_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return NewsConsent.objects.filter(pk=int(pk), given_at__isnull=False, withdrawn_at=None).first()


def news_recipients(campaign: Campaign) -> QuerySet[NewsConsent]:
    """Consents in force to the campaign's organization, given on this campaign."""
    return NewsConsent.objects.filter(
        organization_id=campaign.organization_id,
        campaign=campaign,
        given_at__isnull=False,
        withdrawn_at=None,
    ).exclude(email="")


def news_queue(*, campaign: Campaign, title: str, text: str, **_signal) -> int:
    """Queue the news to every recipient in their language (the campaign's title in it
    where written); returns how many. Receiver of campaigns.signals.campaign_news."""
    queued = 0
    for consent in news_recipients(campaign).select_related("organization"):
        stop = settings.BEACON_BASE_URL + reverse(
            "actions:news-stop", args=[news_stop_token(consent)]
        )
        context = {
            "consent": consent,
            "campaign_title": str(text_for(campaign, "title", consent.language)),
            "organization": campaign.organization.name,
            "title": title,
            "text": text,
            "url": settings.BEACON_BASE_URL + campaign.get_absolute_url(),
            "stop_url": stop,
        }
        with translation.override(consent.language):
            subject = render_to_string("actions/email/news/subject.txt", context)
            body = render_to_string("actions/email/news/body.txt", context)
        message_queue(
            to=consent.email,
            subject=" ".join(subject.split()),
            body_text=body,
            from_name=campaign.organization.name,
            category=CATEGORY,
            group_key=f"news:{campaign.pk}",
            headers={
                "List-Unsubscribe": f"<{stop}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        queued += 1
    return queued
