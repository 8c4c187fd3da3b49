"""The retention schedule applied: `retention_enforce` runs every class of
beacon.people.retention.SCHEDULE (hourly, `beacon enforce_retention`) and reports what it
deleted or erased per class. The steps live next to the code of what they clean:
signature_retention.py, letters/retention.py, calls/, beacon.delivery.retention and
beacon.people.retention (sessions, the audit log).

Every step selects only rows that still hold what it removes, so a second run in the same
hour changes nothing and reports zeros.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from beacon.delivery.retention import messages_erase_settled
from beacon.people import retention as schedule
from beacon.people.retention import RetentionClass

from .calls.patch import patch_sessions_forget
from .calls.retention import calls_names_erase
from .letters.retention import (
    letters_after_close_erase,
    letters_contacts_erase,
    letters_pending_delete,
    letters_streets_erase,
    letters_texts_erase,
)
from .signature_retention import (
    signatures_contacts_erase,
    signatures_live_erase,
    signatures_pending_delete,
)
from .yourdata.retention import (
    consents_after_close_withdraw,
    consents_pending_delete,
    consents_withdrawn_delete,
    data_links_delete,
)


@dataclass(frozen=True)
class ClassReport:
    """What one class of the schedule removed in one run: {what: rows}."""

    retention: RetentionClass
    counts: dict[str, int]


def retention_enforce(*, now: datetime | None = None) -> list[ClassReport]:
    """Apply every class of the schedule that applies here, in the schedule's order, each
    in its own transaction (a failure leaves the classes before it done). Idempotent."""
    now = now or timezone.now()
    steps = _steps()
    reports = []
    for item in schedule.retention_schedule():
        with transaction.atomic():
            reports.append(ClassReport(item, steps[item.key](item.cutoff(now))))
    return reports


def _steps() -> dict[str, Callable[[datetime], dict[str, int]]]:
    """Each class's step, given the cutoff (now minus its period)."""
    return {
        "pending": lambda before: {
            "signatures_deleted": signatures_pending_delete(before=before),
            "letters_deleted": letters_pending_delete(before=before),
            "consents_deleted": consents_pending_delete(before=before),
        },
        "street_addresses": lambda before: {
            "letter_streets_erased": letters_streets_erase(settled_before=before)
        },
        "letter_texts": lambda before: letters_texts_erase(settled_before=before),
        "outbound_mail": lambda before: {"messages_erased": messages_erase_settled(before=before)},
        "call_records": lambda before: {"call_names_erased": calls_names_erase(made_before=before)},
        "phone_hashes": lambda before: patch_sessions_forget(before=before),
        "sessions": lambda before: {"sessions_deleted": schedule.sessions_clear_expired()},
        "live_signatures": lambda before: {
            "signature_contacts_erased": signatures_live_erase(signed_before=before)
        },
        "after_close": lambda before: {
            "signature_contacts_erased": signatures_contacts_erase(
                ended_before=before, opted_in=False
            ),
            **letters_after_close_erase(ended_before=before),
            "call_names_erased": calls_names_erase(ended_before=before),
        },
        "opted_in": lambda before: {
            "signature_contacts_erased": signatures_contacts_erase(
                ended_before=before, opted_in=True
            ),
            "letter_contacts_erased": letters_contacts_erase(ended_before=before, opted_in=True),
            "consents_withdrawn": consents_after_close_withdraw(ended_before=before),
        },
        "audit_log": lambda before: {
            "entries_deleted": schedule.audit_entries_delete(before=before)
        },
        "data_links": lambda before: {"links_deleted": data_links_delete(before=before)},
        "withdrawn_consents": lambda before: {
            "consents_deleted": consents_withdrawn_delete(before=before)
        },
    }
