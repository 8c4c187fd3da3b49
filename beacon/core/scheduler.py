"""Beacon's periodic jobs and a tiny in-process scheduler that runs them.

`PERIODIC_JOBS` is the one place that says which management commands run how often.
`beacon run_periodic` runs them in a loop, in development (started by `make run`) and in
production alike (see docs/operations.md). Only the holder of the scheduler's lease, a row
in the database, runs jobs, so a second copy started by mistake waits instead of running
everything twice; it takes over if the first stops renewing. A job must still be safe to
run late or twice (a lease can expire while a long job runs).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.management import call_command, get_commands
from django.db import IntegrityError, connections, transaction
from django.db.models import Q
from django.utils import timezone

from .models import SchedulerLease

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
    Job("purge_rate_counters", interval=600),
)


def jobs_available(jobs: Iterable[Job]) -> tuple[list[Job], list[Job]]:
    """Split `jobs` into (those whose command exists, those whose command does not yet)."""
    known = get_commands()
    present = [job for job in jobs if job.command in known]
    missing = [job for job in jobs if job.command not in known]
    return present, missing


@dataclass
class Lease:
    """The right to run the periodic jobs, held by one process at a time.

    A row per lease name says who holds it until when. The same code serves SQLite and
    PostgreSQL: the take-over is one conditional UPDATE (or the INSERT of the first row,
    which the primary key makes unique), so two processes can never both succeed. A
    PostgreSQL advisory lock would be held by a connection, and the scheduler closes its
    connections between jobs as Django does between requests; a row with an expiry
    survives that, and a crashed holder's lease simply runs out after `ttl`."""

    name: str = "periodic"
    ttl: timedelta = timedelta(minutes=2)
    holder: str = field(
        default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    )

    def acquire(self) -> bool:
        """Take or renew the lease; True while this process holds it. Renewing before
        every job keeps it from running out while jobs run."""
        now = timezone.now()
        expires_at = now + self.ttl
        with transaction.atomic():
            renewed = (
                SchedulerLease.objects.filter(name=self.name)
                .filter(Q(holder=self.holder) | Q(expires_at__lte=now))
                .update(holder=self.holder, expires_at=expires_at)
            )
            if renewed:
                return True
            try:
                with transaction.atomic():
                    SchedulerLease.objects.create(
                        name=self.name, holder=self.holder, expires_at=expires_at
                    )
            except IntegrityError:  # Someone else holds it.
                return False
        return True

    def release(self) -> None:
        """Give the lease up at once (on a clean stop), so another copy need not wait."""
        SchedulerLease.objects.filter(name=self.name, holder=self.holder).delete()


@dataclass
class Scheduler:
    """Runs each job when it is due; a failing job is logged and retried at its next turn.

    `clock` returns seconds on a monotonic scale; every job is due at the first tick. With
    a `lease`, a job runs only while this scheduler holds it (see `Lease`).
    """

    jobs: Sequence[Job]
    clock: Callable[[], float] = time.monotonic
    lease: Lease | None = None
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
            if self.lease is not None and not self.lease.acquire():
                # Another copy runs the jobs: skip this turn, ask again at the next one.
                logger.debug("periodic job %s skipped: another scheduler holds the lease", job)
                self.next_due[job] = now + job.interval
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
        try:
            while not stop.is_set():
                self.run_due()
                stop.wait(self.seconds_until_next())
        finally:
            if self.lease is not None:
                self.lease.release()

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
