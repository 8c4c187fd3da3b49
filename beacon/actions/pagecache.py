"""A few seconds of caching for the public campaign page.

Watching, not signing, is most of the load in a surge (REFERENCE.md: 80,000 to 100,000
people watching the count). The page is the same for every visitor in one language except
for the CSRF token and the referral code in the sign form, so it is rendered once per
campaign, page version and language every few seconds with placeholders, and each
response fills them in.
The count itself only changes every few seconds (batched), so nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

# With counts refreshed every 5 s, a page is never more than 9 s behind the signatures.
PAGE_SECONDS = 4
CSRF_PLACEHOLDER = "__beacon_csrf_token__"
REF_PLACEHOLDER = "__beacon_ref_code__"
_REF_RE = re.compile(r"^[a-z0-9]{4,16}$")


def cached_page(request, *, key: str, render: Callable[[], HttpResponse]) -> HttpResponse:
    """Serve `render()` from the cache for PAGE_SECONDS, personalised per request.

    `render` must produce the page with CSRF_PLACEHOLDER as the token and REF_PLACEHOLDER
    as the referral code; only 200 responses are cached."""
    cache_key = f"page:{key}:{get_language()}"
    html = cache.get(cache_key)
    if html is None:
        response = render()
        if response.status_code != 200:
            return response
        html = response.content.decode()
        cache.set(cache_key, html, PAGE_SECONDS)
    ref = request.GET.get("ref", "").lower()
    ref = ref if _REF_RE.match(ref) else ""
    body = html.replace(CSRF_PLACEHOLDER, get_token(request)).replace(REF_PLACEHOLDER, ref)
    return HttpResponse(body)
