"""Load Massachusetts data and the demo campaigns. Safe to run again."""

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

from beacon.campaigns.demo import demo_load


class Command(BaseCommand):
    help = "Load Massachusetts boundaries and officials (when available) and demo campaigns."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-data",
            action="store_true",
            help="Skip the Massachusetts boundaries and officials; load campaigns only.",
        )

    def handle(self, *args, **options):
        if not options["no_data"] and "load_ma_data" in get_commands():
            call_command("load_ma_data", verbosity=options["verbosity"])
        campaign = demo_load()
        self.stdout.write(f"demo campaign ready: /c/{campaign.slug}/")
