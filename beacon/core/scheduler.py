"""Beacon's periodic jobs and a tiny in-process scheduler that runs them.

`PERIODIC_JOBS` is the one place that says which management commands run how often.
`beacon run_periodic` (started by `make run`) runs them in a loop; in production the same
commands run from cron instead (see docs/operations.md), so a job must be safe to run late,
twice, or concurrently with itself finishing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.core.management import call_command, get_commands
from django.db import connections

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """A management command run every `interval` seconds with fixed arguments."""

    command: str
    args: tuple[str, ...] = ()
    interval: float = 60.0

    @property
    def label(self) -> str:
        return " ".join((self.command, *self.args))


PERIODIC_JOBS: tuple[Job, ...] = (
    # Batched signature counts: never `count + 1` on a hot row (see STYLE.md).
    Job("refresh_counts", interval=5),
    # The sweeper: hands messages whose retry time has come back to the worker.
    Job("deliver_pending", interval=30),
    Job("close_expired_campaigns", interval=60),
    # One digest per legislative office instead of a flood of single letters.
    Job("send_digests", interval=300),
    Job("enforce_retention", interval=3600),
)


def jobs_available(jobs: Iterable[Job]) -> tuple[list[Job], list[Job]]:
    """Split `jobs` into (those whose command exists, those whose command does not yet)."""
    known = get_commands()
    present = [job for job in jobs if job.command in known]
    missing = [job for job in jobs if job.command not in known]
    return present, missing


@dataclass
class Scheduler:
    """Runs each job when it is due; a failing job is logged and retried at its next turn.

    `clock` returns seconds on a monotonic scale; every job is due at the first tick.
    """

    jobs: Sequence[Job]
    clock: Callable[[], float] = time.monotonic
    next_due: dict[Job, float] = field(default_factory=dict)
    runs: dict[Job, int] = field(default_factory=dict)
    failures: dict[Job, int] = field(default_factory=dict)

    def run_due(self) -> list[Job]:
        """Run every job whose time has come, in list order; return the jobs that ran."""
        ran = []
        for job in self.jobs:
            now = self.clock()
            if self.next_due.get(job, now) > now:
                continue
            self._run_one(job)
            # Schedule from when the job started, so a slow job does not drift its peers,
            # but never schedule into the past (no bursts after a long pause).
            self.next_due[job] = max(now + job.interval, self.clock())
            ran.append(job)
        return ran

    def seconds_until_next(self) -> float:
        """How long the loop may sleep before some job is due (0 if one is due now)."""
        now = self.clock()
        waits = [self.next_due.get(job, now) - now for job in self.jobs]
        return max(0.0, min(waits, default=60.0))

    def run_forever(self, stop: threading.Event) -> None:
        """Run due jobs until `stop` is set, sleeping in between."""
        while not stop.is_set():
            self.run_due()
            stop.wait(self.seconds_until_next())

    def _run_one(self, job: Job) -> None:
        _close_stale_connections()
        started = time.monotonic()
        try:
            call_command(job.command, *job.args)
        except Exception as exc:  # One job's failure must not stop the loop.
            self.failures[job] = self.failures.get(job, 0) + 1
            # The command's name and the exception's type only: an exception's message (or a
            # command's arguments) may quote addresses or rows holding personal data.
            logger.error(
                "periodic job %s failed after %.1f s (%s); next try in %g s",
                job.command,
                time.monotonic() - started,
                type(exc).__name__,
                job.interval,
            )
        else:
            self.runs[job] = self.runs.get(job, 0) + 1
            logger.debug("periodic job %s done in %.1f s", job.command, time.monotonic() - started)
        finally:
            _close_stale_connections()


def _close_stale_connections() -> None:
    """A long-lived process must not hold on to connections the database has dropped or
    that outlived CONN_MAX_AGE, as Django does around each request. A connection inside an
    atomic block (a test's transaction) is left alone: closing it would end that block."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
