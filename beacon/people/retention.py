"""Retention limits, enforced by `beacon enforce_retention` (run hourly).

- Signatures never confirmed are deleted `pending_days()` after they were made.
- When a campaign has been closed or won for `after_close_days()`, signers who did not ask to
  hear from the organization keep only their first name, town and ZIP code (enough for
  the count and the public list); their last name and email are erased.
"""

from django.conf import settings


def pending_days() -> int:
    """Days an unconfirmed action is kept (BEACON_RETENTION_PENDING_DAYS), read at call
    time so that a changed setting takes effect."""
    return settings.BEACON_RETENTION_PENDING_DAYS


def after_close_days() -> int:
    """Days after a campaign ends before contacts are erased
    (BEACON_RETENTION_AFTER_CLOSE_DAYS)."""
    return settings.BEACON_RETENTION_AFTER_CLOSE_DAYS
