"""Open Graph and Twitter card tags for campaign pages, so a pasted link shows a preview
(title, description, picture with its description) in the visitor's language."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

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
    language = get_language() or settings.LANGUAGE_CODE
    if campaign.image:
        image = settings.BEACON_BASE_URL + campaign.image.url
        alt, size = campaign.image_alt or str(campaign.title), None
    else:
        path = reverse("actions:share-image", args=[campaign.slug])
        image = f"{settings.BEACON_BASE_URL}{path}?{urlencode({'lang': language})}"
        alt, size = str(campaign.title), (1200, 630)
    return {
        "title": title or str(campaign.title),
        "description": str(campaign.summary),
        "url": share_url(campaign),
        "image": image,
        "image_alt": alt,
        "size": size,
        "locale": OG_LOCALES.get(language.lower(), "en_US"),
        "site": campaign.organization.name,
    }
