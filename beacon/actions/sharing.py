"""Share links: plain URLs to each service, no third-party scripts on our pages."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from beacon.campaigns.content import text_for


def share_url(campaign, share_code: str = "") -> str:
    """The campaign's public URL, carrying the sharer's referral code when known."""
    url = settings.BEACON_BASE_URL + campaign.get_absolute_url()
    return f"{url}?{urlencode({'ref': share_code})}" if share_code else url


def share_links(request, campaign, share_code: str = "") -> dict:
    """Everything the thank-you page needs to offer sharing."""
    url = share_url(campaign, share_code)
    title = str(text_for(campaign, "title"))  # The sharer's language where written.
    text = _("I just took action: %(title)s. Will you join me?") % {"title": title}
    subject = title
    return {
        "url": url,
        "text": text,
        "title": title,
        "links": [
            (
                "email",
                pgettext("share by", "Email"),
                f"mailto:?subject={quote(subject)}&body={quote(text + chr(10) + chr(10) + url)}",
            ),
            ("whatsapp", "WhatsApp", f"https://wa.me/?{urlencode({'text': f'{text} {url}'})}"),
            (
                "facebook",
                "Facebook",
                f"https://www.facebook.com/sharer/sharer.php?{urlencode({'u': url})}",
            ),
            ("x", "X", f"https://x.com/intent/post?{urlencode({'text': text, 'url': url})}"),
            (
                "bluesky",
                "Bluesky",
                f"https://bsky.app/intent/compose?{urlencode({'text': f'{text} {url}'})}",
            ),
        ],
    }
