from django.core.management.base import BaseCommand

from beacon.actions.retention import retention_enforce


class Command(BaseCommand):
    help = (
        "Apply the retention schedule (BEACON_RETENTION, shown on /privacy/): delete and "
        "erase personal data past its period, and print what changed per class (run hourly; "
        "running it twice changes nothing the second time)."
    )

    def handle(self, *args, **options):
        for report in retention_enforce():
            days = report.retention.days
            period = f"{days} day" if days == 1 else f"{days} days"
            counts = ", ".join(f"{key}: {value}" for key, value in report.counts.items())
            self.stdout.write(f"{report.retention.key} ({period}): {counts}")
