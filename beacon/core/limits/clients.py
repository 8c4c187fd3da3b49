"""Who is asking, without keeping who it was.

A client is its IP address (an IPv6 client by its /64, which one household or phone
usually holds). Behind BEACON_TRUSTED_PROXY_HOPS proxies the address is read from the
X-Forwarded-For entry that the outermost trusted proxy wrote, never from an entry the
client could set. Every value counted (IP, email, phone) is kept only as an HMAC under a
key derived from SECRET_KEY and the UTC date, so counters cannot be joined across days
and no raw address is stored or logged.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from datetime import UTC, datetime
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address as seen past the trusted proxies, normalised; "" if unknown."""
    hops = settings.BEACON_TRUSTED_PROXY_HOPS
    raw = request.META.get("REMOTE_ADDR", "")
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        # Each trusted proxy appends the address it saw; the entry `hops` from the end
        # was written by the outermost one. Fewer entries: misconfigured, use the peer.
        if len(forwarded) >= hops:
            raw = forwarded[-hops]
    try:
        address = ipaddress.ip_address(raw.split("%", 1)[0])
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False).network_address) + "/64"
    return str(address)


@lru_cache(maxsize=4)
def _day_key(secret: str, day: str) -> bytes:
    return hmac.new(secret.encode(), f"beacon.limits:{day}".encode(), hashlib.sha256).digest()


def value_digest(kind: str, value: str, now: datetime | None = None) -> str:
    """A keyed hash of `value` that changes every UTC day."""
    day = (now or datetime.now(UTC)).strftime("%Y-%m-%d")
    key = _day_key(settings.SECRET_KEY, day)
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]
