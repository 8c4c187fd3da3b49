"""The retention schedule: every class of personal data Beacon keeps, for how long, and what
happens to it then.

The periods are `settings.BEACON_RETENTION` (days, one per class, each overridable from the
environment). `SCHEDULE` describes each class once: `beacon enforce_retention` (hourly)
applies it (beacon.actions.retention) and /privacy/ renders its table from it, so the page
cannot promise what the code does not do. docs/privacy.md explains each choice.

This module also enforces the classes that belong to no app of Beacon's: browser sessions
(Django's) and audit log entries (beacon.core's AuditEntry).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beacon.core.models import AuditEntry


class Fate(models.TextChoices):
    """What happens to a class of data when its period is over."""

    DELETED = "deleted", _("Deleted")
    # The row stays (it is counted) with its personal fields emptied.
    ERASED = "erased", _("Erased")


@dataclass(frozen=True)
class RetentionClass:
    """One line of the schedule. `key` names its period in settings.BEACON_RETENTION."""

    key: str
    label: Promise
    details: Promise
    counted_from: Promise
    fate: Fate

    @property
    def days(self) -> int:
        """The period in days, read at call time so that a changed setting takes effect."""
        days: int = settings.BEACON_RETENTION[self.key]
        return days

    def cutoff(self, now: datetime | None = None) -> datetime:
        """Data older than this (by `counted_from`) is past its period."""
        return (now or timezone.now()) - timedelta(days=self.days)


PENDING = RetentionClass(
    "pending",
    _("Unconfirmed signatures and letters"),
    _("Everything you typed, if the link we emailed you was never used."),
    _("the day you sent the form"),
    Fate.DELETED,
)
STREET_ADDRESSES = RetentionClass(
    "street_addresses",
    _("Street addresses on letters"),
    _("Your town, ZIP code and districts stay, so that counts per district stay right."),
    _("the day the last office received your letter (or it failed for good)"),
    Fate.ERASED,
)
LETTER_TEXTS = RetentionClass(
    "letter_texts",
    _("Texts of letters"),
    _(
        "The letters and your own paragraph. Offices keep what they received; whom you "
        "wrote to stays for the campaign's counts."
    ),
    _("the day the last office received your letter (or it failed for good)"),
    Fate.ERASED,
)
OUTBOUND_MAIL = RetentionClass(
    "outbound_mail",
    _("Our copies of the emails we sent"),
    _(
        "Each email's text, subject and addresses. Its kind, status and dates stay for "
        "delivery statistics. Email still waiting to be sent is never touched."
    ),
    _("the day the email was sent (or failed for good)"),
    Fate.ERASED,
)
CALL_RECORDS = RetentionClass(
    "call_records",
    _("First names on call records"),
    _("The official, the outcome and the town of each call stay for the campaign's results."),
    _("the day of the call"),
    Fate.ERASED,
)
PHONE_HASHES = RetentionClass(
    "phone_hashes",
    _("Phone numbers of “call me” requests, scrambled"),
    _(
        "Your number itself is never stored: only a keyed scramble of it, used to limit "
        "how often one number is rung."
    ),
    _("the request"),
    Fate.ERASED,
)
SESSIONS = RetentionClass(
    "sessions",
    _("Browser sessions"),
    _("What a form remembers between its pages, such as the address you typed or your call list."),
    _("the last time a page changed it"),
    Fate.DELETED,
)
LIVE_SIGNATURES = RetentionClass(
    "live_signatures",
    _("Signers' contact details while a campaign runs"),
    _(
        "Email and last name of signers who did not ask to hear from the organization. "
        "Your first name, town and ZIP code stay, and your signature still counts once."
    ),
    _("the day you signed"),
    Fate.ERASED,
)
AFTER_CLOSE = RetentionClass(
    "after_close",
    _("Contact details once a campaign ends"),
    _(
        "Email, last name and street address of signers and letter writers who did not ask "
        "to hear from the organization, texts of letters, and callers' first names. First "
        "names, towns and ZIP codes stay for the record and the counts."
    ),
    _("the day the campaign closed or was won"),
    Fate.ERASED,
)
OPTED_IN = RetentionClass(
    "opted_in",
    _("Contacts kept for the organization"),
    _(
        "If you asked to hear from the organization that ran a campaign, it may keep your "
        "name and email this long; then they are erased too. Ask it to erase them sooner "
        "at any time."
    ),
    _("the day the campaign closed or was won"),
    Fate.ERASED,
)
AUDIT_LOG = RetentionClass(
    "audit_log",
    _("Audit log entries"),
    _("The record of what organizers and staff changed, kept to answer questions about it."),
    _("the day of the entry"),
    Fate.DELETED,
)

DATA_LINKS = RetentionClass(
    "data_links",
    _("Requests for a “Your data” link"),
    _("The email address you typed to receive the link, and the link's scrambled form."),
    _("the request"),
    Fate.DELETED,
)
WITHDRAWN_CONSENTS = RetentionClass(
    "withdrawn_consents",
    _("Records of news consents you withdrew"),
    _(
        "When you stop news, your address leaves the record at once; the dates of the "
        "consent and of its withdrawal stay this long, then the record is deleted."
    ),
    _("the day you stopped the news"),
    Fate.DELETED,
)
SCHEDULE: tuple[RetentionClass, ...] = (
    PENDING,
    STREET_ADDRESSES,
    LETTER_TEXTS,
    OUTBOUND_MAIL,
    CALL_RECORDS,
    PHONE_HASHES,
    SESSIONS,
    LIVE_SIGNATURES,
    AFTER_CLOSE,
    OPTED_IN,
    AUDIT_LOG,
    DATA_LINKS,
    WITHDRAWN_CONSENTS,
)


def retention_schedule() -> list[RetentionClass]:
    """Every class, in the order /privacy/ lists them."""
    return list(SCHEDULE)


def pending_days() -> int:
    """Days an unconfirmed action is kept."""
    return PENDING.days


def after_close_days() -> int:
    """Days after a campaign ends before the contacts of those who did not opt in go."""
    return AFTER_CLOSE.days


def audit_entries_delete(*, before: datetime) -> int:
    """Delete audit log entries recorded before `before`; return how many."""
    deleted, _rows = AuditEntry.objects.filter(recorded_at__lt=before).delete()
    return deleted


def sessions_clear_expired() -> int:
    """Delete expired browser sessions, as Django's `clearsessions` does; return how many
    (counted for database-backed engines; others, such as signed cookies or a cache,
    expire on their own and count 0). A session expires SESSIONS' period after the last
    change to it (SESSION_COOKIE_AGE)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    count = 0
    get_model = getattr(store, "get_model_class", None)
    if get_model is not None:
        count = get_model().objects.filter(expire_date__lt=timezone.now()).count()
    store.clear_expired()
    return count
