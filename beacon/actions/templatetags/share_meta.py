"""Open Graph and Twitter card tags for campaign pages, so a pasted link shows a preview
(title, description, picture with its description) in the visitor's language."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse

from beacon.campaigns.content import page_language, text_for

from ..sharing import share_url

register = template.Library()

# Open Graph wants language_TERRITORY.
OG_LOCALES = {
    "en": "en_US",
    "es": "es_US",
    "pt": "pt_BR",
    "ht": "ht_HT",
    "zh-hans": "zh_CN",
    "vi": "vi_VN",
}


@register.inclusion_tag("actions/_share_meta.html")
def share_meta(campaign, title: str = "") -> dict:
    language = page_language()
    campaign_title = str(text_for(campaign, "title"))
    if campaign.image:
        image = settings.BEACON_BASE_URL + campaign.image.url
        alt, size = str(text_for(campaign, "image_alt")) or campaign_title, None
    else:
        path = reverse("actions:share-image", args=[campaign.slug])
        image = f"{settings.BEACON_BASE_URL}{path}?{urlencode({'lang': language})}"
        alt, size = campaign_title, (1200, 630)
    return {
        "title": title or campaign_title,
        "description": str(text_for(campaign, "summary")),
        "url": share_url(campaign),
        "image": image,
        "image_alt": alt,
        "size": size,
        "locale": OG_LOCALES.get(language.lower(), "en_US"),
        "site": campaign.organization.name,
    }
