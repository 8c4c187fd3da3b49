from django.core.management.base import BaseCommand

from beacon.actions.letters.changeover import letters_release_awaiting
from beacon.actions.letters.digests import letter_digests_send
from beacon.actions.letters.scheduling import letter_recipients_release


class Command(BaseCommand):
    help = (
        "Queue one digest email per legislative office for letters confirmed on an earlier "
        "day (run every few minutes; each letter goes into exactly one digest), and send "
        "letters held for a missing office address once staff have added one, or for a "
        "seat awaiting updated officials data once the data names its holder."
    )

    def handle(self, *args, **options):
        # Letters held for a missing office address go first, so that any past the
        # hourly limit can still join today's digests.
        awaiting = letters_release_awaiting()
        released = letter_recipients_release() + awaiting.released
        count = letter_digests_send()
        if count or released or options["verbosity"] > 1:
            self.stdout.write(f"queued {count} digest(s), released {released} held letter(s)")
