"""beacon officials_demo_corrections: add the Governor's channels Open States lacks."""

from typing import Any

from django.core.management.base import BaseCommand

from beacon.officials.services import officials_demo_corrections_apply


class Command(BaseCommand):
    help = (
        "Add to the current Governor, as staff-added and dated, the Springfield office, "
        "the in-state toll-free line, fax and TTY, where the imported data lacks them."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        added = officials_demo_corrections_apply()
        if not added:
            self.stdout.write("Nothing to add (no current Governor, or already present).")
        for item in added:
            self.stdout.write(f"Added for the Governor: {item}")
