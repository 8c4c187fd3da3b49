from django.core.management.base import BaseCommand

from beacon.actions.calls.patch import patch_sessions_forget
from beacon.actions.calls.retention import calls_enforce_retention
from beacon.actions.letters.retention import letters_enforce_retention
from beacon.actions.services import signatures_enforce_retention


class Command(BaseCommand):
    help = "Delete and erase personal data past its retention limit (run hourly)."

    def handle(self, *args, **options):
        result = signatures_enforce_retention()
        result.update(patch_sessions_forget())
        result.update(letters_enforce_retention())
        result.update(calls_enforce_retention())
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in result.items()))
