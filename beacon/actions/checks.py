"""System checks over the data Beacon runs on (`beacon check --database default`).

Terms of office end on known dates; the officials data must be refreshed after each
election. These warn operators ahead, and list what waits on a refresh.
"""

from __future__ import annotations

from django.core.checks import Tags, Warning, register
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
