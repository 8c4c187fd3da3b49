"""`beacon deliver_pending`: the delivery sweeper (see beacon/delivery/sweeping.py).

Run every 30 s by the periodic runner (cron in production). `--send` sends due messages
in this process instead of enqueueing tasks; `--loop` keeps sweeping until interrupted,
which makes it a simple worker of its own.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from beacon.delivery.sweeping import message_sweep


class Command(BaseCommand):
    help = "Re-queue messages whose worker died and enqueue or send due messages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--send", action="store_true", help="Send due messages in this process."
        )
        parser.add_argument("--loop", action="store_true", help="Keep sweeping until interrupted.")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between sweeps with --loop."
        )
        parser.add_argument(
            "--limit", type=int, default=1000, help="At most this many messages per sweep."
        )

    def handle(
        self, *args: Any, send: bool, loop: bool, interval: float, limit: int, **options: Any
    ) -> None:
        while True:
            report = message_sweep(send=send, limit=limit)
            if options["verbosity"] > 1 or (
                options["verbosity"] > 0 and (report.rescued or report.abandoned)
            ):
                self.stdout.write(str(report))
            if not loop:
                return
            # A full batch means more is due: go again at once.
            if sum(report.outcomes.values()) < limit:
                time.sleep(interval)
