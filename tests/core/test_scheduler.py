"""The in-process scheduler behind `beacon run_periodic`."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command

from beacon.core.models import SchedulerLease
from beacon.core.scheduler import PERIODIC_JOBS, Job, Lease, Scheduler, jobs_available

# Real jobs use the database, and the scheduler tidies connections around each one.
pytestmark = pytest.mark.django_db


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _recipients(smtp_server) -> list[str]:
    return [message["To"] for message in smtp_server.messages]


def test_a_due_job_runs_and_runs_again_once_its_interval_has_passed(smtp_server):
    clock = FakeClock()
    job = Job("sendtestemail", ("ana@example.org",), interval=60)
    scheduler = Scheduler([job], clock=clock)

    assert scheduler.run_due() == [job]
    smtp_server.wait_for(1)
    clock.now += 59
    assert scheduler.run_due() == []
    assert scheduler.seconds_until_next() == pytest.approx(1)
    clock.now += 1
    assert scheduler.run_due() == [job]
    smtp_server.wait_for(2)

    assert _recipients(smtp_server) == ["ana@example.org", "ana@example.org"]
    assert scheduler.runs == {job: 2}


def test_a_failing_job_is_logged_without_personal_data_and_the_others_still_run(
    smtp_server, caplog
):
    # The mail server refuses Rosa's message, so that job's command raises.
    smtp_server.handler.responder = lambda envelope: (
        "554 5.7.1 Mailbox of rosa@example.org is full"
        if "rosa@example.org" in envelope.rcpt_tos
        else None
    )
    failing = Job("sendtestemail", ("rosa@example.org",), interval=30)
    healthy = Job("sendtestemail", ("ana@example.org",), interval=30)
    scheduler = Scheduler([failing, healthy], clock=FakeClock())

    with caplog.at_level(logging.ERROR, logger="beacon.core.scheduler"):
        ran = scheduler.run_due()

    assert ran == [failing, healthy]
    smtp_server.wait_for(1)
    assert _recipients(smtp_server) == ["ana@example.org"]
    assert scheduler.failures == {failing: 1}
    assert scheduler.runs == {healthy: 1}
    assert "periodic job sendtestemail failed" in caplog.text
    assert "SMTPDataError" in caplog.text
    assert "rosa" not in caplog.text and "full" not in caplog.text


def test_the_failed_job_is_tried_again_at_its_next_turn(smtp_server):
    refuse = {"on": True}
    smtp_server.handler.responder = lambda envelope: "451 4.3.0 Later" if refuse["on"] else None
    clock = FakeClock()
    job = Job("sendtestemail", ("ana@example.org",), interval=30)
    scheduler = Scheduler([job], clock=clock)

    scheduler.run_due()
    refuse["on"] = False
    clock.now += 30
    scheduler.run_due()

    smtp_server.wait_for(1)
    assert _recipients(smtp_server) == ["ana@example.org"]
    assert scheduler.failures == {job: 1} and scheduler.runs == {job: 1}


def test_commands_that_do_not_exist_yet_are_skipped():
    present, missing = jobs_available([Job("no_such_beacon_command"), Job("check")])
    assert [job.command for job in present] == ["check"]
    assert [job.command for job in missing] == ["no_such_beacon_command"]


def test_the_schedule_is_well_formed():
    commands = [job.command for job in PERIODIC_JOBS]
    assert len(commands) == len(set(commands))
    assert all(job.interval > 0 for job in PERIODIC_JOBS)
    assert {"refresh_counts", "deliver_pending", "close_expired_campaigns"} <= set(commands)


def test_run_forever_stops_promptly_when_asked(smtp_server):
    scheduler = Scheduler([Job("sendtestemail", ("ana@example.org",), interval=3600)])
    stop = threading.Event()
    thread = threading.Thread(target=scheduler.run_forever, args=(stop,))
    thread.start()
    smtp_server.wait_for(1)
    stop.set()
    thread.join(timeout=2)

    assert not thread.is_alive()
    assert _recipients(smtp_server) == ["ana@example.org"]


def test_run_periodic_once_runs_every_available_job_and_names_the_missing(capsys):
    present, missing = jobs_available(PERIODIC_JOBS)

    call_command("run_periodic", "--once")

    err = capsys.readouterr().err
    for job in missing:
        assert f"skipping {job.command}" in err
    assert "failed" not in err


def test_only_the_lease_holder_runs_jobs_and_another_takes_over_when_it_stops(time_machine):
    time_machine.move_to("2026-12-02 12:00:00+00:00", tick=False)
    clock = FakeClock()
    job = Job("check", interval=5)
    first = Scheduler([job], clock=clock, lease=Lease(holder="first", ttl=timedelta(minutes=2)))
    second = Scheduler([job], clock=clock, lease=Lease(holder="second", ttl=timedelta(minutes=2)))

    assert first.run_due() == [job]
    assert second.run_due() == []
    # The copy without the lease waits for the job's next turn rather than spinning.
    assert second.seconds_until_next() == pytest.approx(5)

    # The first copy dies without releasing: its lease runs out and the second takes over.
    clock.now += 300
    time_machine.shift(timedelta(minutes=2))
    assert second.run_due() == [job]
    assert first.run_due() == []
    assert SchedulerLease.objects.get().holder == "second"


def test_a_released_lease_is_free_at_once():
    job = Job("check", interval=5)
    first_lease, second_lease = Lease(holder="first"), Lease(holder="second")

    assert first_lease.acquire() and first_lease.acquire()
    assert not second_lease.acquire()
    first_lease.release()
    assert second_lease.acquire()
    assert Scheduler([job], clock=FakeClock(), lease=first_lease).run_due() == []


def test_run_periodic_once_runs_nothing_while_another_copy_holds_the_lease(capsys):
    Lease(holder="elsewhere").acquire()

    call_command("run_periodic", "--once")

    assert "another copy holds the lease" in capsys.readouterr().err
    assert SchedulerLease.objects.get().holder == "elsewhere"
