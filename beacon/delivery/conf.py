"""Delivery settings, read at call time so tests can override them (each is defined once,
with its default, in beacon/settings.py)."""

from __future__ import annotations

from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings


def retry_delays() -> tuple[int, ...]:
    """Seconds to wait before retry 1, 2, ...; its length + 1 is the attempt limit."""
    return tuple(settings.BEACON_DELIVERY_RETRY_DELAYS)


def max_attempts() -> int:
    """How many attempts a message gets before a temporary failure becomes final."""
    return len(retry_delays()) + 1


def lease() -> timedelta:
    """How long a claimed ("sending") row may stay claimed before the sweeper rescues it."""
    return timedelta(seconds=float(settings.BEACON_DELIVERY_LEASE_SECONDS))


def from_address() -> str:
    """Beacon's own sending address (never a supporter's: DMARC would reject it)."""
    configured = settings.BEACON_DELIVERY_FROM_EMAIL or settings.DEFAULT_FROM_EMAIL
    return parseaddr(configured)[1] or "noreply@beacon.localhost"


def from_display_name() -> str:
    """The display name used when no supporter name is given."""
    configured = settings.BEACON_DELIVERY_FROM_EMAIL or settings.DEFAULT_FROM_EMAIL
    return parseaddr(configured)[0] or "Beacon"


def site_name() -> str:
    """The name shown after "via" in From headers."""
    return settings.BEACON_SITE_NAME


def provider_path() -> str:
    """Dotted path of the mail provider class (see ports.MailProvider)."""
    return settings.BEACON_DELIVERY_PROVIDER


def webhook_secret() -> str:
    """The "user:password" basic-auth secret ESP webhooks must present; empty = closed."""
    return settings.BEACON_DELIVERY_WEBHOOK_SECRET


def base_url() -> str:
    """The public origin of Beacon's own links (their tokens are redacted once sent)."""
    return settings.BEACON_BASE_URL
