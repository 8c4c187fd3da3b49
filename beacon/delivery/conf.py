"""Delivery settings with their defaults, read at call time so tests can override them."""

from __future__ import annotations

from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings

# Delay before each retry of a temporary failure: 1 min, 5, 15, 1 h, 3 h, 6 h, 12 h. With
# the first attempt that makes eight; then the message fails for good.
DEFAULT_RETRY_DELAYS = (60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600)


def retry_delays() -> tuple[int, ...]:
    """Seconds to wait before retry 1, 2, ...; its length + 1 is the attempt limit."""
    return tuple(getattr(settings, "BEACON_DELIVERY_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))


def max_attempts() -> int:
    """How many attempts a message gets before a temporary failure becomes final."""
    return len(retry_delays()) + 1


def lease() -> timedelta:
    """How long a claimed ("sending") row may stay claimed before the sweeper rescues it."""
    return timedelta(seconds=float(getattr(settings, "BEACON_DELIVERY_LEASE_SECONDS", 120)))


def from_address() -> str:
    """Beacon's own sending address (never a supporter's: DMARC would reject it)."""
    configured = getattr(settings, "BEACON_DELIVERY_FROM_EMAIL", "") or settings.DEFAULT_FROM_EMAIL
    return parseaddr(configured)[1] or "noreply@beacon.localhost"


def from_display_name() -> str:
    """The display name used when no supporter name is given."""
    configured = getattr(settings, "BEACON_DELIVERY_FROM_EMAIL", "") or settings.DEFAULT_FROM_EMAIL
    return parseaddr(configured)[0] or "Beacon"


def site_name() -> str:
    """The name shown after "via" in From headers."""
    return getattr(settings, "BEACON_SITE_NAME", "Beacon")


def provider_path() -> str:
    """Dotted path of the mail provider class (see ports.MailProvider)."""
    return getattr(
        settings,
        "BEACON_DELIVERY_PROVIDER",
        "beacon.delivery.providers.django_mail.DjangoMailProvider",
    )


def webhook_secret() -> str:
    """The "user:password" basic-auth secret ESP webhooks must present; empty = closed."""
    return getattr(settings, "BEACON_DELIVERY_WEBHOOK_SECRET", "")
