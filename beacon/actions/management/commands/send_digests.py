from django.core.management.base import BaseCommand

from beacon.actions.letters.digests import letter_digests_send


class Command(BaseCommand):
    help = (
        "Queue one digest email per legislative office for letters confirmed on an earlier "
        "day (run every few minutes; each letter goes into exactly one digest)."
    )

    def handle(self, *args, **options):
        count = letter_digests_send()
        if count or options["verbosity"] > 1:
            self.stdout.write(f"queued {count} digest(s)")
