"""Retention limits, enforced by `beacon enforce_retention` (run hourly).

- Signatures never confirmed are deleted PENDING_DAYS after they were made.
- When a campaign has been closed or won for AFTER_CLOSE_DAYS, signers who did not ask to
  hear from the organization keep only their first name, town and ZIP code (enough for
  the count and the public list); their last name and email are erased.
"""

from django.conf import settings

PENDING_DAYS = settings.BEACON_RETENTION_PENDING_DAYS
AFTER_CLOSE_DAYS = settings.BEACON_RETENTION_AFTER_CLOSE_DAYS
