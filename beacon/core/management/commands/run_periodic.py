from django.core.management.base import BaseCommand

from beacon.core.management.signals import stop_event_on_signals
from beacon.core.scheduler import PERIODIC_JOBS, Lease, Scheduler, jobs_available


class Command(BaseCommand):
    help = (
        "Run Beacon's periodic jobs (counts, sweeper, deadlines, digests, retention) in a "
        "loop until Ctrl-C, in development and production. Only one copy runs them at a "
        "time (a lease in the database); another copy waits and takes over if it stops."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every available job once, then exit."
        )

    def handle(self, *args, **options):
        present, missing = jobs_available(PERIODIC_JOBS)
        for job in missing:
            self.stderr.write(f"run_periodic: skipping {job.command} (no such command yet)")
        lease = Lease()
        scheduler = Scheduler(present, lease=lease)
        if options["once"]:
            ran = scheduler.run_due()
            lease.release()
            if present and not ran:
                self.stderr.write("run_periodic: another copy holds the lease; nothing run")
            failed = sum(scheduler.failures.values())
            if failed:
                self.stderr.write(f"run_periodic: {failed} job(s) failed")
                raise SystemExit(1)
            return
        summary = ", ".join(f"{job.label} every {job.interval:g} s" for job in present)
        self.stdout.write(f"run_periodic: {summary or 'no jobs available'}")
        self.stdout.flush()
        scheduler.run_forever(stop_event_on_signals())
