"""The limits Beacon applies unless an operator changed them (RateLimit rows in the admin).

Scopes name what is limited; keys name what is counted. Per-client and per-campaign
limits are answered openly (a page explaining the pause, with a challenge a person can
solve to go on; 429 and Retry-After for scripts). Per-email, per-phone and per-account
limits are silent: the request is answered as any other and the mail or call is not sent,
because a different answer would reveal that the address was used before.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings

MINUTE = 60
HOUR = 3600
DAY = 86400


@dataclass(frozen=True)
class Rule:
    scope: str
    key: str
    window: int
    maximum: int

    @property
    def is_open(self) -> bool:
        """Over an open limit the visitor is told; over a silent one nothing shows."""
        return self.key in OPEN_KEYS


OPEN_KEYS = {"client", "campaign"}

# (scope, key): (window in seconds, maximum, why). The per-client numbers let a rally on
# one wifi through (a person past them solves a short challenge) and hold a script back.
DEFAULT_LIMITS: dict[tuple[str, str], tuple[int, int, str]] = {
    ("sign", "client"): (10 * MINUTE, 30, "Signatures from one client"),
    ("letter", "client"): (10 * MINUTE, 20, "Letters written from one client"),
    ("lookup", "client"): (10 * MINUTE, 60, "Address and location lookups from one client"),
    ("call_outcome", "client"): (HOUR, 60, "Call outcomes recorded from one client"),
    # Per browser and target: a call to the State House and one to a district office may
    # both count; a few busy or unanswered tries may be recorded on the way.
    ("call_record", "browser"): (DAY, 6, "Outcomes one browser records for one official"),
    ("call_counted", "browser"): (DAY, 2, "Counted calls one browser records for one official"),
    ("call_reminder", "client"): (HOUR, 10, "Call reminders asked for from one client"),
    ("your_data", "client"): (HOUR, 10, "Requests for a “Your data” link from one client"),
    ("patch", "client"): (HOUR, 4, "Patch-through calls asked for from one client"),
    ("patch", "phone"): (HOUR, 2, "Patch-through calls ringing one number"),
    # Every confirmation, reminder and "already signed" mail to one address, whoever asks.
    ("mail", "email"): (DAY, 5, "Mails Beacon sends to one supporter address"),
    ("login", "client"): (HOUR, 30, "Failed staff sign-ins from one client"),
    ("login", "account"): (HOUR, 10, "Failed sign-ins to one staff account"),
    ("password_reset", "client"): (HOUR, 10, "Password reset requests from one client"),
    ("password_reset", "email"): (DAY, 3, "Password reset mails to one address"),
    # Wrong TOTP or recovery codes after a right password: at most 5 an hour keeps a
    # guesser who has the password to about one chance in eight a year (6 digits, a code
    # either side accepted).
    ("mfa", "account"): (HOUR, 5, "Wrong sign-in codes for one staff account"),
}

_cache: dict[tuple[str, str], Rule | None] = {}
_cache_loaded_at = 0.0


def _rules_load() -> None:
    from beacon.core.models import RateLimit

    global _cache_loaded_at
    _cache.clear()
    for (scope, key), (window, maximum, _why) in DEFAULT_LIMITS.items():
        _cache[(scope, key)] = Rule(scope, key, window, maximum)
    for row in RateLimit.objects.all():
        _cache[(row.scope, row.key)] = Rule(row.scope, row.key, row.window_seconds, row.maximum)
    _cache_loaded_at = time.monotonic()


def rule_get(scope: str, key: str) -> Rule | None:
    """The rule for `scope` and `key`, or None when nothing limits it. Rows are read again
    after BEACON_LIMITS_CACHE_SECONDS, so an operator's change shows within that time."""
    if not _cache or time.monotonic() - _cache_loaded_at >= settings.BEACON_LIMITS_CACHE_SECONDS:
        _rules_load()
    return _cache.get((scope, key))


def rules_forget() -> None:
    """Read the rows again on next use (after an operator saves one, and in tests)."""
    _cache.clear()
