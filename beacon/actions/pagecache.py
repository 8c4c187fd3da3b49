"""A few seconds of caching for the public campaign page.

Watching, not signing, is most of the load in a surge (REFERENCE.md: 80,000 to 100,000
people watching the count). The page is the same for every visitor in one language except
for the CSRF token and the referral code in the sign form, so it is rendered once per
campaign, page version and language every few seconds with placeholders in those two
slots, and each response fills them in.
The count itself only changes every few seconds (batched), so nothing is lost.

The placeholders are made for each render from a random nonce and kept with the cached
page: organizer content (a title, a body, an update) rendered into the same page cannot
contain them, so only the slots the render made are ever filled, and organizer text that
looks like a placeholder is shown as written. The slots are filled in one pass, so a
filled-in value is never scanned again (docs/security.md, "Page cache").
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

# With counts refreshed every 5 s, a page is never more than 9 s behind the signatures.
PAGE_SECONDS = 4
_REF_RE = re.compile(r"^[a-z0-9]{4,16}$")


@dataclass(frozen=True)
class Slots:
    """The placeholders of one render: put `csrf` where the CSRF token goes and `ref`
    where the referral code goes. Unguessable, and new for every render."""

    csrf: str
    ref: str

    @classmethod
    def new(cls) -> Slots:
        nonce = secrets.token_hex(16)
        return cls(csrf=f"beacon-csrf-{nonce}", ref=f"beacon-ref-{nonce}")

    def fill(self, html: str, *, csrf: str, ref: str) -> str:
        """`html` with each slot replaced by its value, in one pass."""
        values = {self.csrf: csrf, self.ref: ref}
        pattern = "|".join(re.escape(slot) for slot in values)
        return re.sub(pattern, lambda m: values[m[0]], html)


def cached_page(request, *, key: str, render: Callable[[Slots], HttpResponse]) -> HttpResponse:
    """Serve `render(slots)` from the cache for PAGE_SECONDS, personalised per request.

    `render` must produce the page with `slots.csrf` as the CSRF token and `slots.ref` as
    the referral code; only 200 responses are cached."""
    cache_key = f"page:{key}:{get_language()}"
    cached = cache.get(cache_key)
    if cached is None:
        slots = Slots.new()
        response = render(slots)
        if response.status_code != 200:
            return response
        cached = (response.content.decode(), slots)
        cache.set(cache_key, cached, PAGE_SECONDS)
    html, slots = cached
    ref = request.GET.get("ref", "").lower()
    ref = ref if _REF_RE.match(ref) else ""
    return HttpResponse(slots.fill(html, csrf=get_token(request), ref=ref))
