from django.core.management.base import BaseCommand

from beacon.actions.services import petition_counts_refresh


class Command(BaseCommand):
    help = "Recount every petition from its signature rows and report any drift."

    def handle(self, *args, **options):
        result = petition_counts_refresh()
        drift = {pk: v for pk, v in result.items() if v[0] != v[1]}
        for pk, (before, after) in sorted(drift.items()):
            self.stdout.write(f"petition {pk}: stored {before}, counted {after} (fixed)")
        self.stdout.write(f"recounted {len(result)} petition(s); drift found in {len(drift)}")
