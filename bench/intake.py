"""Intake benchmark: concurrent petition signatures against the real server.

Starts a throw-away Beacon (fresh SQLite file or PostgreSQL database, migrated, demo
campaign loaded, DEBUG off) under gunicorn on a free loopback port, drives sign-form POSTs
at it from threads, then campaign-page GETs, and prints signatures per second, latency
percentiles, errors by status, and whether the stored signatures equal the successful
responses. Everything it made is removed on exit, Ctrl-C included. Talks to 127.0.0.1
only. Usage and how to read the figures: bench/README.md; results: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from beacon.core.mailserver import MailServer  # noqa: E402  (needs ROOT on the path)

HOST = "127.0.0.1"
SLUG = "safe-communities"
PAGE = f"/c/{SLUG}/"
SIGN = f"/c/{SLUG}/sign/"
SENT = f"/c/{SLUG}/check-your-email/"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
ZIPS = ["02119", "01002", "02139", "01604", "02740", "01840", "02360", "01201"]
LOG_ERROR_RE = re.compile(r"\bERROR\b|\bCRITICAL\b")
EXCEPTION_RE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Timeout)\b")
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PLACEHOLDER = "__beacon_"  # the cached page's stand-ins for the token and referral code
COUNT_SNIPPET = """import json
from beacon.actions.models import Signature
from beacon.delivery.models import OutboundMessage
from django_tasks_db.models import DBTaskResult
print(json.dumps({"signatures": Signature.objects.filter(petition__campaign__slug=%r).count(),
    "outbox": OutboundMessage.objects.count(), "tasks": DBTaskResult.objects.count()}))
"""


LIFT_CLIENT_LIMIT = (
    "from beacon.core.models import RateLimit; "
    "RateLimit.objects.filter(key='client').update(maximum=10**9)"
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="sign-form POSTs to send")
    parser.add_argument("--reads", type=int, default=None, help="page GETs (default: --requests)")
    parser.add_argument("--concurrency", type=int, default=16, help="virtual users (threads)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1),
        help="gunicorn sync workers (default: 2 per core)",
    )
    parser.add_argument("--port", type=int, default=0, help="web port (default: a free one)")
    parser.add_argument(
        "--app", default="beacon.wsgi", help="gunicorn application, to measure a candidate change"
    )
    parser.add_argument("--server-log", type=Path, help="keep gunicorn's output in this file")
    parser.add_argument(
        "--max-seconds", type=float, default=45.0, help="stop sending after this long in each phase"
    )
    args = parser.parse_args(argv)
    if args.reads is None:
        args.reads = args.requests
    if min(args.requests, args.concurrency, args.workers) < 1 or args.reads < 0:
        parser.error("--requests, --concurrency and --workers must be positive")
    return args


def source_version() -> str:
    """The commit measured, and whether the working tree differs from it."""

    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" + local changes" if git("status", "--porcelain", "-uno") else "")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process and its children, from /proc (0 elsewhere)."""
    total = 0.0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        for one in [str(pid), *children]:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0
    return total


class Stack:
    """A throw-away Beacon: temp directory, database, mail server and gunicorn."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="beacon-bench-"))
        self.port = args.port or free_port()
        self.pg_name = f"beacon_bench_{os.getpid()}" if args.database == "postgres" else ""
        self.mail: MailServer | None = None
        self.web: subprocess.Popen | None = None
        self.log_path = self.tmp / "gunicorn.log"
        self.secret_key = secrets.token_urlsafe(50)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        env.update(
            {
                "BEACON_VAR_DIR": str(self.tmp),
                "BEACON_MEDIA_ROOT": str(self.tmp / "media"),
                "BEACON_SQLITE_PATH": str(self.tmp / "bench.sqlite3"),
                "BEACON_DEBUG": "0",
                "BEACON_SECRET_KEY": self.secret_key,
                "BEACON_ALLOWED_HOSTS": HOST,
                "BEACON_SSL_REDIRECT": "0",
                "BEACON_BASE_URL": f"http://{HOST}:{self.port}",
                "BEACON_LOG_LEVEL": "WARNING",
                "BEACON_EMAIL_HOST": HOST,
                "BEACON_EMAIL_PORT": str(self.mail.port if self.mail else 1),
                "BEACON_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "BEACON_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
            }
        )
        if self.pg_name:
            env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + self.pg_name
        return env

    def beacon(self, *command: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "beacon", *command],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise SystemExit(f"beacon {command[0]} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def start(self) -> None:
        self.mail = MailServer(host=HOST, directory=self.tmp / "mail").start()
        if self.pg_name:
            self._pg(f'CREATE DATABASE "{self.pg_name}"')
        self.beacon("migrate", "--noinput")
        self.beacon("load_demo", "--no-data")
        # The load generator is one client sending thousands of signatures, each from its
        # own address; a real crowd comes from many networks. Raise the per-client limit
        # so that every request is still counted but none is held.
        self.beacon("shell", "-c", LIFT_CLIENT_LIMIT)
        self.beacon("collectstatic", "--noinput")
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            self.args.app,
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.args.workers),
            "--no-control-socket",
            "--graceful-timeout",
            "5",
            "--name",
            "beacon-bench",
        ]
        if self.args.server_log:
            command += ["--access-logfile", "-", "--access-logformat", "%(m)s %(U)s %(s)s %(M)sms"]
        with self.log_path.open("ab") as log:
            self.web = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches us, and we stop it in order
            )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.web.poll() is not None:
                raise SystemExit(f"gunicorn exited:\n{self.log_path.read_text()[-3000:]}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", PAGE)
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"the server did not answer {PAGE} with 200 in {timeout:.0f} s")

    def counts(self) -> dict[str, int]:
        return json.loads(self.beacon("shell", "-c", COUNT_SNIPPET % SLUG).strip().splitlines()[-1])

    def server_log_summary(self) -> Counter:
        """The last exception line of each ERROR or CRITICAL record in gunicorn's output."""
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        found, current = Counter(), None
        for line in text.splitlines():
            if LOG_ERROR_RE.search(line):
                if current:
                    found[current] += 1
                current = line.split("]")[-1].strip()[:100] if "WORKER" in line else "error"
            elif current and EXCEPTION_RE.match(line):
                current = line.strip()[:100]
        if current:
            found[current] += 1
        return found

    def stop(self) -> None:
        if self.web is not None and self.web.poll() is None:
            self.web.send_signal(signal.SIGTERM)
            try:
                self.web.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.web.kill()
                self.web.wait()
        if self.mail is not None:
            self.mail.stop()
        if self.args.server_log and self.log_path.exists():
            shutil.copyfile(self.log_path, self.args.server_log)
        if self.pg_name:
            try:
                self._pg(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
            except Exception as error:  # noqa: BLE001 - report and keep cleaning up
                print(f"could not drop {self.pg_name}: {error}", file=sys.stderr)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _pg(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(statement)


class VirtualUser:
    """One supporter's browser: a connection, the CSRF cookie and the form's token."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookie = ""
        self.token = ""

    def request(self, method: str, path: str, body: str = "") -> tuple[int, str, bytes]:
        headers = {"Host": f"{HOST}:{self.port}", "Accept-Language": "en"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{HOST}:{self.port}"
        try:
            self.conn.request(method, path, body=body or None, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()  # the next request opens a fresh connection
            raise
        for header in response.msg.get_all("Set-Cookie") or []:
            if header.startswith("csrftoken="):
                self.cookie = header.split(";", 1)[0]
        return response.status, response.getheader("Location", ""), data

    def read_page(self) -> str:
        """GET the campaign page and keep its form token; the status, or what is wrong."""
        status, _, data = self.request("GET", PAGE)
        text = data.decode("utf-8", "replace")
        match = TOKEN_RE.search(text)
        if status != 200:
            return str(status)
        if PLACEHOLDER in text:
            return "200 with a placeholder left in"
        if not match or not self.cookie:
            return "200 without a CSRF token and cookie"
        self.token = match.group(1)
        return "200"

    def load_form(self) -> None:
        outcome = self.read_page()
        if outcome != "200":
            raise RuntimeError(f"campaign page gave {outcome}")

    def sign(self, number: int, run_id: str) -> tuple[int, str]:
        form = {
            "csrfmiddlewaretoken": self.token,
            "first_name": f"Bench{number}",
            "last_name": "Tester",
            "email": f"bench-{run_id}-{number}@example.org",
            "zip_code": ZIPS[number % len(ZIPS)],
        }
        if number % 2:
            form["is_public"] = "on"
        status, location, _ = self.request("POST", SIGN, urllib.parse.urlencode(form))
        return status, location


@dataclass
class Phase:
    """Outcomes of one phase: latency of each answered request, and statuses."""

    total: int
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    ok: int = 0
    seconds: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: str, ok: bool, started: float) -> None:
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.latencies_ms.append(elapsed)
            self.statuses[status] += 1
            self.ok += ok

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_phase(
    phase: Phase, users: list[VirtualUser], one, args, server_pid: int, stop: threading.Event
) -> Phase:
    """Run `one(user, number)` `phase.total` times spread over the users' threads."""
    numbers, deadline = itertools.count(), time.monotonic() + args.max_seconds

    def loop(user: VirtualUser) -> None:
        while not stop.is_set() and time.monotonic() < deadline:
            number = next(numbers)
            if number >= phase.total:
                return
            started = time.perf_counter()
            try:
                status, ok = one(user, number)
            except (OSError, http.client.HTTPException) as error:
                status, ok = f"connection error ({type(error).__name__})", False
            phase.record(status, ok, started)

    threads = [threading.Thread(target=loop, args=(user,), daemon=True) for user in users]
    began, cpu, client_cpu = time.perf_counter(), cpu_seconds(server_pid), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():
            thread.join(0.2)  # short joins keep Ctrl-C responsive
    phase.seconds = time.perf_counter() - began
    phase.server_cpu = cpu_seconds(server_pid) - cpu
    phase.client_cpu = time.process_time() - client_cpu
    return phase


def sign_one(run_id: str):
    def one(user: VirtualUser, number: int) -> tuple[str, bool]:
        status, location = user.sign(number, run_id)
        ok = status == 302 and location.endswith(SENT)
        return (str(status) if ok or status != 302 else f"302 to {location}"), ok

    return one


def read_one(user: VirtualUser, number: int) -> tuple[str, bool]:
    outcome = user.read_page()
    return outcome, outcome == "200"


def error_counts(phase: Phase, good: str) -> str:
    errors = {status: n for status, n in phase.statuses.items() if status != good}
    return ", ".join(f"{status}: {n}" for status, n in sorted(errors.items())) or "none"


def print_phase(phase: Phase, good: str, rate_label: str) -> None:
    sent = sum(phase.statuses.values())
    percentiles = "  ".join(f"p{int(q * 100)} {phase.percentile(q):.1f}" for q in (0.5, 0.9, 0.99))
    per_request = 1000 * phase.server_cpu / max(sent, 1)
    print(f"  requests            {sent} of {phase.total} sent in {phase.seconds:.1f} s")
    print(f"  {rate_label:<19} {phase.ok / phase.seconds:.1f}")
    print(f"  latency ms          {percentiles}  max {max(phase.latencies_ms, default=0):.1f}")
    print(f"  errors by status    {error_counts(phase, good)}")
    print(
        f"  server CPU          {phase.server_cpu:.1f} s, {per_request:.1f} ms a request "
        f"(load generator {phase.client_cpu:.1f} s)"
    )


def report(args, stack: Stack, writes: Phase, reads: Phase, extra: dict) -> None:
    counts = extra["counts"]
    print(
        f"\nBeacon intake benchmark, {time.strftime('%Y-%m-%d %H:%M %Z')}, "
        f"{os.cpu_count()} cores, load average before {extra['load_before']}"
    )
    print(
        f"database {args.database}, workers {args.workers} (gunicorn sync), "
        f"concurrency {args.concurrency}, commit {source_version()}"
    )
    print(f"signing: POST {SIGN}")
    print_phase(writes, "302", "signatures/s")
    warm, check = extra["warm"], extra["check"]
    successful = writes.ok + warm.ok + check.ok
    print(
        f"stored == successful: {counts['signatures'] == successful} ({counts['signatures']} "
        f"rows, {successful} redirects to check-your-email, {warm.ok} of them warm-up, "
        f"{check.ok} token check)"
    )
    if warm.ok < warm.total:
        print(f"warm-up errors: {error_counts(warm, '302')} (cold workers, not in the figures)")
    print(
        f"queued: {counts['outbox']} outbox messages, {counts['tasks']} task rows; "
        f"mail sent during the run: {extra['mail_sent']}"
    )
    if reads.total:
        print(f"reading: GET {PAGE}")
        print_phase(reads, "200", "page reads/s")
        print(
            f"  CSRF tokens         {extra['distinct_tokens']} distinct among "
            f"{args.concurrency} users; POSTs with the token of their last read: "
            f"{check.ok} of {check.total} accepted ({error_counts(check, '302')} failed)"
        )
    log = stack.server_log_summary()
    print("server log: " + ("; ".join(f"{n} x {k}" for k, n in log.items()) or "clean"))


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in background
    stack, stop = Stack(args), threading.Event()
    try:
        print(f"setting up {args.database}, {args.workers} workers ...", flush=True)
        stack.start()
        users = [VirtualUser(stack.port) for _ in range(args.concurrency)]
        for user in users:
            user.load_form()
        load_before = " ".join(f"{n:.2f}" for n in os.getloadavg())
        mail_before, pid = len(stack.mail.messages), stack.web.pid
        run_id = secrets.token_hex(4)
        # Warm every worker (imports, template compilation, the ZIP table) before timing.
        warm = run_phase(Phase(4 * args.workers), users, sign_one("warm" + run_id), args, pid, stop)
        print(f"signing: {args.requests} POSTs from {args.concurrency} users ...", flush=True)
        writes = run_phase(Phase(args.requests), users, sign_one(run_id), args, pid, stop)
        mail_sent = len(stack.mail.messages) - mail_before
        if args.reads:
            print(f"reading: {args.reads} GETs of the campaign page ...", flush=True)
        reads = run_phase(Phase(args.reads), users, read_one, args, pid, stop)
        # Sign once more per user with the token from the last (cached) page read.
        check = run_phase(
            Phase(len(users) if args.reads else 0),
            users,
            sign_one("check" + run_id),
            args,
            pid,
            stop,
        )
        extra = {
            "counts": stack.counts(),
            "mail_sent": mail_sent,
            "load_before": load_before,
            "warm": warm,
            "check": check,
            "distinct_tokens": len({user.token for user in users}),
        }
        report(args, stack, writes, reads, extra)
        ok = warm.ok + writes.ok + check.ok
        return 0 if extra["counts"]["signatures"] == ok and check.ok == check.total else 1
    except KeyboardInterrupt:
        stop.set()
        print("\ninterrupted; cleaning up", file=sys.stderr)
        return 130
    finally:
        stop.set()
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
