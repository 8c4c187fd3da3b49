"""System checks over the data Beacon runs on (`beacon check --database default`).

Terms of office end on known dates; the officials data must be refreshed after each
election. These warn operators ahead, and list what waits on a refresh.
"""

from __future__ import annotations

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

REFRESH = "beacon import_officials [PATH_OR_URL]"


def changeover_notices(*, within_days: int = 30) -> list[str]:
    """Plain sentences about seats whose term ends within `within_days` (or has ended
    with no successor in the data) and letters held for them, each naming the command
    that refreshes the data. Empty when nothing needs doing. For checks and organizer
    pages alike."""
    from beacon.actions.letters.changeover import letter_count_awaiting
    from beacon.officials.selectors import seat_list_ending

    notices = []
    ending = seat_list_ending(within_days=within_days)
    if ending:
        soonest = ending[0].ends_on
        notices.append(
            f"{len(ending)} seat(s) have a term ending within {within_days} days "
            f"(the first on {soonest:%Y-%m-%d}): "
            + ", ".join(f"{r.title} {r.division.name} ({r.ends_on:%Y-%m-%d})" for r in ending[:8])
            + ("..." if len(ending) > 8 else "")
            + f". Import fresh officials data after the change: {REFRESH}"
        )
    held = letter_count_awaiting()
    if held:
        notices.append(
            f"{held} letter(s) are held for a seat whose term has ended and that the data "
            f"names no successor for. They go to the new holder once you run: {REFRESH}"
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
    return [Warning(text, id=f"beacon.W00{i + 1}") for i, text in enumerate(notices)]
