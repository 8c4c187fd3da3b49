from django.core.management.base import BaseCommand

from beacon.campaigns.services import campaigns_close_expired


class Command(BaseCommand):
    help = "Close live campaigns whose deadline has passed (run every minute)."

    def handle(self, *args, **options):
        closed = campaigns_close_expired()
        if closed or options["verbosity"] > 1:
            self.stdout.write(f"closed {closed} campaign(s)")
