"""System checks over the data Beacon runs on (`beacon check --database default`).

Terms of office end on known dates; the officials data must be refreshed after each
election. These warn operators ahead, and list what waits on a refresh. One deployment
check (`--deploy --database default`) reads call asks: patch-through offered without a
telephony provider to place the calls.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError
from django.db.models import Count

REFRESH = "beacon import_officials [PATH_OR_URL]"


def changeover_notices(*, within_days: int = 30) -> list[tuple[str, str]]:
    """(message, hint) about seats whose term ends within `within_days` (or has ended
    with no successor in the data) and letters held for them, naming the command that
    refreshes the data; the hint lists every seat, or the held letters per ask.
    Empty when nothing needs doing."""
    from beacon.actions.letters.changeover import letter_count_awaiting, recipients_awaiting
    from beacon.officials.selectors import seat_list_ending

    notices = []
    ending = seat_list_ending(within_days=within_days)
    if ending:
        notices.append(
            (
                f"{len(ending)} seat(s) have a term ending within {within_days} days or ended "
                f"with no successor in the data (the first on {ending[0].ends_on:%Y-%m-%d}). "
                f"Import fresh officials data after the change: {REFRESH}",
                "; ".join(
                    f"{r.title}, {r.division.name}: {r.official.name} ({r.ends_on:%Y-%m-%d})"
                    for r in ending
                ),
            )
        )
    held = letter_count_awaiting()
    if held:
        per_ask = (
            recipients_awaiting()
            .values_list("letter__ask__campaign__slug", "letter__ask__slug")
            .annotate(n=Count("pk"))
            .order_by("letter__ask__campaign__slug")
        )
        notices.append(
            (
                f"{held} letter(s) are held for a seat whose term has ended and that the "
                f"data names no successor for. They go to the new holder once you run: "
                f"{REFRESH}",
                "; ".join(f"{c}/{a}: {n}" for c, a, n in per_ask),
            )
        )
    return notices


@register(Tags.database)
def check_officials_changeover(app_configs=None, databases=None, **kwargs):
    """beacon.W001: terms ending within 30 days; beacon.W002: letters held for them."""
    if not databases:
        return []
    try:
        notices = changeover_notices()
    except DatabaseError:  # Not migrated yet: nothing to say.
        return []
    return [
        Warning(text, hint=hint, id=f"beacon.W00{i + 1}") for i, (text, hint) in enumerate(notices)
    ]


TWILIO_SETTINGS = (
    "BEACON_TWILIO_ACCOUNT_SID",
    "BEACON_TWILIO_AUTH_TOKEN",
    "BEACON_TWILIO_CALLER_ID",
)


def _asks_offering_patch_through() -> list[str]:
    """ "campaign/ask" of each call ask that offers patch-through on a draft or live
    campaign (closed and won campaigns take no calls)."""
    from beacon.campaigns.models import CallAsk, Campaign

    asks = CallAsk.objects.filter(
        allows_patch_through=True,
        campaign__status__in=[Campaign.Status.DRAFT, Campaign.Status.LIVE],
    ).order_by("campaign__slug", "slug")
    return [f"{c}/{a}" for c, a in asks.values_list("campaign__slug", "slug")]


@register(Tags.database, deploy=True)
def check_patch_through_provider(app_configs=None, databases=None, **kwargs):
    """beacon.E020: patch-through offered with no telephony provider; beacon.E021: the
    Twilio provider without its credentials or caller ID; beacon.E022: the fake provider.
    Needs the database, so it runs only with `check --deploy --database default`."""
    if not databases:
        return []
    try:
        asks = _asks_offering_patch_through()
    except DatabaseError:  # Not migrated yet: nothing offers anything.
        return []
    if not asks:
        return []
    named = ", ".join(asks)
    provider = settings.BEACON_TELEPHONY_PROVIDER
    if not provider:
        return [
            Error(
                f"{len(asks)} call ask(s) offer patch-through calls but "
                f"BEACON_TELEPHONY_PROVIDER is empty, so no call can be placed: {named}",
                hint="Set BEACON_TELEPHONY_PROVIDER (e.g. "
                "beacon.delivery.telephony.providers.twilio.TwilioTelephony) with its "
                "credentials, or untick patch-through on these asks.",
                id="beacon.E020",
            )
        ]
    if provider.endswith(".FakeTelephony"):
        return [
            Error(
                f"Patch-through is offered ({named}) with the fake telephony provider, "
                "which places no real call.",
                hint="Set BEACON_TELEPHONY_PROVIDER to a real provider (docs/calls.md).",
                id="beacon.E022",
            )
        ]
    missing = [name for name in TWILIO_SETTINGS if not getattr(settings, name)]
    if provider.endswith(".TwilioTelephony") and missing:
        return [
            Error(
                f"Patch-through is offered ({named}) with Twilio, but "
                f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} empty.",
                hint="Set the Twilio account SID, auth token and the number calls show as "
                "caller ID (docs/calls.md).",
                id="beacon.E021",
            )
        ]
    return []
