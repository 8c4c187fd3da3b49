from typing import Any

from django.core.management.base import BaseCommand

from beacon.core.limits.stores import store_get


class Command(BaseCommand):
    help = "Forget rate-limit counters whose window has ended (run every 10 minutes)."

    def handle(self, *args: Any, **options: Any) -> None:
        purged = store_get().purge()
        self.stdout.write(f"purged {purged} expired rate-limit counters")
