"""Delivery benchmark: messages per second one worker delivers to a local SMTP server.

Starts an aiosmtpd server on a free loopback port, makes a throw-away database (a fresh
SQLite file, and also a PostgreSQL database when DATABASE_URL is set), migrates it,
queues N messages through `message_queue` (which enqueues one django-tasks-db task per
message on commit), then runs ONE worker and times delivery until the server has
received all N. Two workers are measured, each on a fresh queue:

  db_worker      `beacon db_worker`: the production path, one task per message
  deliver_send   `beacon deliver_pending --send --loop`: the sweeper sending in-process

Prints, per database and worker, messages/second from the worker's start (startup
included) and from its first delivery, and checks every message arrived exactly once.

    .venv/bin/python bench/delivery.py [--messages 2000] [--workers db_worker,deliver_send]

Talks to 127.0.0.1 only. Everything it made is removed on exit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from beacon.core.mailserver import MailServer  # noqa: E402  (needs ROOT on the path)

BEACON = Path(sys.executable).with_name("beacon")
WORKERS = {
    "db_worker": ["db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.05"],
    "deliver_send": ["deliver_pending", "--send", "--loop", "--interval", "0.05"],
}
QUEUE_SNIPPET = """
import sys
from django.db import transaction
from beacon.delivery.services import message_queue
n = int(sys.argv[1])
for start in range(0, n, 500):
    with transaction.atomic():
        for i in range(start, min(n, start + 500)):
            message_queue(
                to=f"office{i}@malegislature.example",
                subject=f"Please support H.{i}",
                body_text="Dear Representative,\\n\\n" + "I live in your district. " * 40,
                from_name="Bench Supporter",
                reply_to="supporter@example.org",
                category="letter",
            )
"""


def run(args: list[str], env: dict[str, str]) -> None:
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)


def beacon_env(base: dict[str, str], server: MailServer) -> dict[str, str]:
    env = dict(os.environ, **base)
    env.update(
        {
            "BEACON_EMAIL_HOST": server.host,
            "BEACON_EMAIL_PORT": str(server.port),
            "BEACON_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "BEACON_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
            "BEACON_DEBUG": "false",
            "BEACON_SECRET_KEY": "bench-only-not-secret",
            "BEACON_LOG_LEVEL": "WARNING",
        }
    )
    return env


def prepare(env: dict[str, str], messages: int) -> float:
    """Migrate the database and queue `messages`; return seconds spent queueing."""
    run([str(BEACON), "migrate", "--noinput"], env)
    started = time.perf_counter()
    run([str(BEACON), "shell", "-c", QUEUE_SNIPPET.replace("sys.argv[1]", str(messages))], env)
    return time.perf_counter() - started


def measure(worker: str, env: dict[str, str], server: MailServer, messages: int) -> dict:
    """Run one worker until `messages` arrived; return timings and duplicate counts."""
    server.handler.clear()
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(BEACON), *WORKERS[worker]], env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    first = None
    try:
        deadline = started + max(120, messages / 5)
        while len(server.messages) < messages and time.perf_counter() < deadline:
            if first is None and server.messages:
                first = time.perf_counter()
            if process.poll() is not None:
                raise SystemExit(f"{worker} exited with {process.returncode}")
            time.sleep(0.005)
        done = time.perf_counter()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    received = Counter(m["Message-ID"] for m in server.messages)
    first = first or done
    return {
        "received": len(received),
        "duplicates": sum(count - 1 for count in received.values()),
        "wall": done - started,
        "rate_wall": len(received) / (done - started),
        "rate_steady": (len(received) - 1) / max(done - first, 1e-9),
    }


def sqlite_databases(tmp: Path):
    for worker in WORKERS:
        yield worker, {"BEACON_SQLITE_PATH": str(tmp / f"{worker}.sqlite3"), "DATABASE_URL": ""}


def postgres_databases(url: str):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    for worker in WORKERS:
        name = f"beacon_bench_delivery_{worker}_{os.getpid()}"
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            yield worker, {"DATABASE_URL": parts._replace(path=f"/{name}").geturl()}
        finally:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--workers", default=",".join(WORKERS))
    options = parser.parse_args()
    chosen = [w for w in options.workers.split(",") if w]
    tmp = Path(tempfile.mkdtemp(prefix="beacon-bench-delivery-"))
    setups = [("sqlite", sqlite_databases(tmp))]
    if os.environ.get("DATABASE_URL"):
        setups.append(("postgres", postgres_databases(os.environ["DATABASE_URL"])))
    print(f"delivery bench: {options.messages} messages, one worker, local aiosmtpd")
    try:
        with MailServer() as server:
            for database, databases in setups:
                for worker, db_env in databases:
                    if worker not in chosen:
                        continue
                    env = beacon_env(db_env, server)
                    env["BEACON_VAR_DIR"] = str(tmp / "var")
                    if not env.get("DATABASE_URL"):
                        env.pop("DATABASE_URL", None)
                    queued = prepare(env, options.messages)
                    result = measure(worker, env, server, options.messages)
                    print(
                        f"  {database:8} {worker:13} queued {options.messages} in "
                        f"{queued:5.1f}s (startup included) | delivered "
                        f"{result['received']} in {result['wall']:5.1f}s: "
                        f"{result['rate_wall']:6.1f} msg/s overall, "
                        f"{result['rate_steady']:6.1f} msg/s steady, "
                        f"{result['duplicates']} duplicates"
                    )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
