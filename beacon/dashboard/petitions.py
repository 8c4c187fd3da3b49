"""Reads for the petition results page and its signer export: totals (confirmed,
pending, gathered offline), signatures per day, referral sources and constituents per
district (beacon.dashboard.constituents). No request or user logic here: the pages'
permission checks are in beacon.dashboard.gates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from beacon.actions.models import Letter, Signature
from beacon.campaigns.models import Campaign, OfflineSignatures, Petition

from .charts import DailyChart, campaign_day_range, daily_chart
from .constituents import ConstituentCounts, constituent_counts_for

_CONFIRMED = Q(signatures__status=Signature.Status.CONFIRMED)
SHARED_BY_SUPPORTER = "supporter"


def petition_list_for_campaigns(campaigns: QuerySet[Campaign]) -> QuerySet[Petition]:
    """Petitions of `campaigns`, newest campaign first, with `confirmed_count`,
    `pending_count` and `offline_count` annotated (one query)."""
    offline = (
        OfflineSignatures.objects.filter(petition=OuterRef("pk"))
        .order_by()
        .values("petition")
        .annotate(n=Sum("count"))
        .values("n")
    )
    return (
        Petition.objects.filter(campaign__in=campaigns)
        .select_related("campaign")
        .annotate(
            confirmed_count=Count("signatures", filter=_CONFIRMED, distinct=True),
            pending_count=Count(
                "signatures",
                filter=Q(signatures__status=Signature.Status.PENDING),
                distinct=True,
            ),
            offline_count=Coalesce(Subquery(offline, output_field=IntegerField()), Value(0)),
        )
        .order_by("-campaign__created_at", "pk")
    )


@dataclass(frozen=True)
class Referral:
    """One source of signers: a code an organizer shared (`code`), or every supporter's
    own share links together (`code` == SHARED_BY_SUPPORTER), or no code at all ("")."""

    code: str
    confirmed: int
    pending: int

    @property
    def label(self) -> str:
        if self.code == SHARED_BY_SUPPORTER:
            return _("Shared by a supporter")
        if not self.code:
            return _("No referral code")
        return self.code


@dataclass
class PetitionResults:
    confirmed: int = 0
    pending: int = 0
    offline: int = 0
    offline_entries: list[OfflineSignatures] = field(default_factory=list)
    chart: DailyChart | None = None
    referrals: list[Referral] = field(default_factory=list)
    constituents: ConstituentCounts | None = None

    @property
    def total(self) -> int:
        """What the public page shows once its count is refreshed: confirmed signatures
        and those gathered offline."""
        return self.confirmed + self.offline


def petition_results(*, petition: Petition) -> PetitionResults:
    """Totals, the daily chart of confirmed signatures (by the day they were confirmed,
    in the campaign's time zone), referral sources and constituents per district, in a
    fixed number of queries whatever the number of signatures."""
    signatures = Signature.objects.filter(petition=petition)
    statuses = dict(signatures.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    results = PetitionResults(
        confirmed=statuses.get(Signature.Status.CONFIRMED, 0),
        pending=statuses.get(Signature.Status.PENDING, 0),
    )
    results.offline_entries = list(petition.offline_signatures.select_related("added_by"))
    results.offline = sum(entry.count for entry in results.offline_entries)
    tz = petition.campaign.tz
    per_day = list(
        signatures.filter(status=Signature.Status.CONFIRMED)
        .annotate(day=TruncDate("confirmed_at", tzinfo=tz))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
        .values_list("day", "n")
    )
    first, last = campaign_day_range(petition.campaign, [day for day, _n in per_day])
    results.chart = daily_chart(
        per_day, title=_("Signatures confirmed per day"), first=first, last=last
    )
    results.referrals = referral_list(petition=petition)
    results.constituents = constituent_counts_for(action=petition)
    return results


def referral_list(*, petition: Petition) -> list[Referral]:
    """Signers by the share code that brought them, most confirmed first. Codes that
    belong to a signature or letter of the same campaign are its supporters' own share
    links, counted together; other codes (an organizer's newsletter link, say) apart."""
    rows = list(
        Signature.objects.filter(petition=petition)
        .values("referral_code")
        .annotate(
            confirmed=Count("pk", filter=Q(status=Signature.Status.CONFIRMED)),
            pending=Count("pk", filter=Q(status=Signature.Status.PENDING)),
        )
        .values_list("referral_code", "confirmed", "pending")
    )
    supporters = _supporter_codes(petition, [code for code, _c, _p in rows if code])
    totals: dict[str, list[int]] = {}
    for code, confirmed, pending in rows:
        key = SHARED_BY_SUPPORTER if code in supporters else code
        counts = totals.setdefault(key, [0, 0])
        counts[0] += confirmed
        counts[1] += pending
    referrals = [Referral(code, c, p) for code, (c, p) in totals.items()]
    return sorted(referrals, key=lambda r: (-r.confirmed, -r.pending, r.code))


def signature_export_rows(*, petition: Petition, with_contacts: bool) -> Iterator[list[str]]:
    """A header, then one row per signature, oldest first. Times in the campaign's time
    zone. Last name and email only `with_contacts` (owners and editors). Referral is
    "supporter" for a supporter's share link, else the code itself."""
    header = [
        "signature",
        "created_at",
        "confirmed_at",
        "status",
        "first_name",
        "town",
        "zip_code",
        "referral",
        "show_name",
        "opted_in",
        "language",
    ]
    if with_contacts:
        header += ["last_name", "email"]
    yield header
    campaign_codes = _campaign_share_codes(petition)
    tz = petition.campaign.tz
    rows = Signature.objects.filter(petition=petition).order_by("created_at", "pk")
    for s in rows.iterator(chunk_size=500):
        row = [
            str(s.pk),
            timezone.localtime(s.created_at, tz).isoformat(),
            timezone.localtime(s.confirmed_at, tz).isoformat() if s.confirmed_at else "",
            s.status,
            s.first_name,
            s.town,
            s.zip_code,
            SHARED_BY_SUPPORTER if s.referral_code in campaign_codes else s.referral_code,
            "yes" if s.is_public else "no",
            "yes" if s.has_opted_in else "no",
            s.language,
        ]
        if with_contacts:
            row += [s.last_name, s.email]
        yield row


def _campaign_share_codes(petition: Petition) -> set[str]:
    used = (
        Signature.objects.filter(petition=petition)
        .exclude(referral_code="")
        .values_list("referral_code", flat=True)
        .distinct()
    )
    return _supporter_codes(petition, list(used))


def _supporter_codes(petition: Petition, codes: list[str]) -> set[str]:
    """Which of `codes` are share codes of the campaign's own signers or letter writers."""
    campaign_id = petition.campaign_id
    signers = Signature.objects.filter(petition__campaign_id=campaign_id, share_code__in=codes)
    writers = Letter.objects.filter(ask__campaign_id=campaign_id, share_code__in=codes)
    return set(signers.values_list("share_code", flat=True)) | set(
        writers.values_list("share_code", flat=True)
    )
