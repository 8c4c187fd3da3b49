"""Reads for organizers' result pages: letters by official, district and delivery status.

Visibility goes through the organizer gate (beacon.organize.gate): members of any role
see their organizations' results; only roles with EXPORT_CONTACTS (owners and editors)
see supporters' contact details.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils.translation import gettext as _

from beacon.actions.letters.selectors import STATE_LABELS, recipient_state
from beacon.actions.models import Letter, LetterRecipient
from beacon.campaigns.models import LetterAsk
from beacon.organize.gate import Permission, can, organizations_where

from .charts import DailyChart, campaign_day_range, daily_chart
from .constituents import ConstituentCounts, constituent_counts_for

# Letters counted as written and delivered: confirmed through the emailed link. Letters
# the supporter reports sending themselves are counted apart (ADR 0009).
COUNTED = (Letter.Status.CONFIRMED,)
SELF_REPORTED = Letter.Status.SELF_REPORTED


def letter_ask_list_for_user(user) -> QuerySet[LetterAsk]:
    """Letter asks of the campaigns the organizer may see, with the count of confirmed
    letters (`letter_count`) and, apart, of self-reported ones (`self_reported_count`)."""
    return (
        LetterAsk.objects.filter(
            campaign__organization__in=organizations_where(user, Permission.VIEW)
        )
        .select_related("campaign")
        .annotate(
            letter_count=Count("letters", filter=Q(letters__status__in=COUNTED), distinct=True),
            self_reported_count=Count(
                "letters", filter=Q(letters__status=SELF_REPORTED), distinct=True
            ),
        )
        .order_by("-campaign__created_at", "pk")
    )


def letter_ask_get_for_user(user, *, pk: int) -> LetterAsk:
    """One letter ask the organizer may see; Http404 otherwise (no existence leak)."""
    ask = letter_ask_list_for_user(user).filter(pk=pk).first()
    if ask is None:
        raise Http404("letter ask")
    return ask


def letter_count_awaiting_for_user(user, *, ask: LetterAsk | None = None) -> int:
    """Confirmed letters' recipients held for a seat awaiting updated data, in the
    asks the organizer may see (or in `ask`)."""
    asks = [ask] if ask is not None else letter_ask_list_for_user(user)
    return LetterRecipient.objects.filter(
        held_reason=LetterRecipient.Held.AWAITING,
        message__isnull=True,
        letter__status=Letter.Status.CONFIRMED,
        letter__ask__in=asks,
    ).count()


def may_see_contacts(user, ask: LetterAsk) -> bool:
    """Owners and editors of the campaign's organization (and superusers) may export
    supporters' email addresses and street addresses; viewers may not (the gate)."""
    return can(user, Permission.EXPORT_CONTACTS, ask.campaign.organization)


class _Message:
    def __init__(self, status):
        self.status = status


@dataclass
class LetterResults:
    letters_by_status: dict[str, int] = field(default_factory=dict)
    by_official: list[tuple[str, int]] = field(default_factory=list)
    by_district: list[tuple[str, int]] = field(default_factory=list)
    by_delivery: dict[str, int] = field(default_factory=dict)
    chart: DailyChart | None = None
    constituents: ConstituentCounts | None = None

    @property
    def delivery_rows(self) -> list[tuple[str, int]]:
        """(translated label, count) for the delivery table."""
        return [(str(STATE_LABELS[state]), n) for state, n in sorted(self.by_delivery.items())]

    @property
    def letter_count(self) -> int:
        """Confirmed letters: the ones counted as written and delivered."""
        return sum(n for status, n in self.letters_by_status.items() if status in COUNTED)

    @property
    def self_reported_count(self) -> int:
        """Letters the supporter reports sending themselves, never counted as delivered."""
        return self.letters_by_status.get(SELF_REPORTED, 0)


def letter_ask_results(*, ask: LetterAsk) -> LetterResults:
    """Counts for one ask in four grouped queries, whatever the number of letters.

    Only confirmed letters count per official, district and delivery status: pending
    ones have sent nothing, and self-reported ones are the supporter's word with no proof
    of the email address (`self_reported_count` says how many there are)."""
    results = LetterResults()
    results.letters_by_status = dict(
        Letter.objects.filter(ask=ask)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    recipients = LetterRecipient.objects.filter(letter__ask=ask, letter__status__in=COUNTED)
    results.by_official = list(
        recipients.values("recipient_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "recipient_name")
        .values_list("recipient_name", "n")
    )
    results.by_district = list(
        recipients.exclude(division=None)
        .values("division__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "division__name")
        .values_list("division__name", "n")
    )
    delivery: Counter[str] = Counter()
    rows = (
        recipients.values("mode", "held_reason", "message_id", "message__status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        recipient = LetterRecipient(mode=row["mode"], held_reason=row["held_reason"])
        state = _Message(row["message__status"]) if row["message_id"] else None
        delivery[recipient_state(recipient, state)] += row["n"]
    results.by_delivery = dict(delivery)
    results.chart = _letter_chart(ask)
    results.constituents = constituent_counts_for(action=ask)
    return results


def _letter_chart(ask: LetterAsk) -> DailyChart:
    """Confirmed letters per day of confirmation, in the campaign's time zone."""
    per_day = list(
        Letter.objects.filter(ask=ask, status__in=COUNTED)
        .annotate(day=TruncDate("confirmed_at", tzinfo=ask.campaign.tz))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
        .values_list("day", "n")
    )
    first, last = campaign_day_range(ask.campaign, [day for day, _n in per_day])
    return daily_chart(per_day, title=_("Letters confirmed per day"), first=first, last=last)


def letter_export_rows(*, ask: LetterAsk, with_contacts: bool) -> Iterator[list[str]]:
    """CSV rows, header first: one row per recipient of every letter of the ask."""
    header = [
        "letter",
        "created_at",
        "confirmed_at",
        "letter_status",
        "mailto_fallback",
        "first_name",
        "last_name",
        "town",
        "zip_code",
        "district",
        "recipient",
        "recipient_title",
        "mode",
        "delivery_status",
        "held_reason",
    ]
    if with_contacts:
        header += ["email", "street", "opted_in"]
    yield header
    recipients = (
        LetterRecipient.objects.filter(letter__ask=ask)
        .select_related("letter", "division", "message")
        .order_by("letter_id", "position")
    )
    for r in recipients.iterator(chunk_size=500):
        letter = r.letter
        row = [
            str(letter.pk),
            letter.created_at.isoformat(),
            letter.confirmed_at.isoformat() if letter.confirmed_at else "",
            letter.status,
            "yes" if letter.is_mailto_fallback else "no",
            letter.first_name,
            letter.last_name,
            letter.town,
            letter.zip_code,
            r.division.name if r.division is not None else "",
            r.recipient_name,
            r.title,
            r.mode,
            _export_state(letter, r),
            r.held_reason,
        ]
        if with_contacts:
            row += [letter.email, letter.street, "yes" if letter.has_opted_in else "no"]
        yield row


def _export_state(letter: Letter, recipient: LetterRecipient) -> str:
    if letter.status in COUNTED:
        return recipient_state(recipient, recipient.message)
    return str(letter.status)  # "pending" or "self_reported": nothing sent by Beacon.
