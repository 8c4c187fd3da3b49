import os
import sys
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from beacon.core.management.signals import stop_event_on_signals
from beacon.core.management.stack import (
    Child,
    Supervisor,
    accepts_connections,
    port_in_use,
    strip_brackets,
)

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# The access log's line: method, path (tokens replaced), status, size and time.
ACCESS_LOG_FORMAT = "%(m)s %(U)s %(s)s %(b)s %(M)sms"
# After this long without the web server answering, say so rather than wait silently.
READY_WARNING_SECONDS = 30


class Command(BaseCommand):
    help = (
        "Run Beacon locally: gunicorn, the task worker, the periodic jobs and a mail server "
        "that keeps every message. Ctrl-C stops them all."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=_default_port(),
            help="Web port (default: $PORT, else 8000).",
        )
        parser.add_argument("--host", default="127.0.0.1", help="Web address to listen on.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes.")

    def handle(self, *args, port, host, workers, **options):
        local_mail = self._mail_is_local()
        self._check_ports(host, port, local_mail)
        call_command("collectstatic", interactive=False, verbosity=0)
        env = dict(os.environ)
        # Links in mail must point at this stack, not at the default port, unless told.
        env.setdefault("BEACON_BASE_URL", _public_url(host, port).rstrip("/"))
        supervisor = Supervisor(
            self._children(host, port, workers, local_mail), out=self.stdout, env=env
        )
        force = threading.Event()
        stop = stop_event_on_signals(on_second=force.set)
        dead = None
        try:
            supervisor.start()
            dead = supervisor.watch(stop, on_tick=self._banner_once(supervisor, host, port))
            if dead is not None:
                supervisor.say(
                    "run_stack",
                    f"{dead.name} exited unexpectedly (code {dead.proc.returncode}); "
                    "stopping the others",
                )
            else:
                supervisor.say("run_stack", "stopping (press Ctrl-C again to kill at once)")
        finally:
            # Also when starting one child failed: the ones already running must not stay.
            supervisor.stop_all(force=force)
        if dead is not None:
            raise SystemExit(1)
        supervisor.say("run_stack", "all stopped")

    def _mail_is_local(self) -> bool:
        """Whether outgoing mail goes to our own mail server on this machine."""
        return settings.EMAIL_BACKEND == SMTP_BACKEND and settings.EMAIL_HOST in LOOPBACK

    def _check_ports(self, host: str, port: int, local_mail: bool) -> None:
        if port_in_use(host, port):
            raise CommandError(
                f"Port {port} on {host} is already in use; is Beacon already running? "
                f"Stop it, or pick another port: make run PORT={port + 1}"
            )
        if local_mail and port_in_use(settings.EMAIL_HOST, settings.EMAIL_PORT):
            raise CommandError(
                f"The mail port {settings.EMAIL_PORT} on {settings.EMAIL_HOST} is already in "
                "use; is another Beacon or `beacon mailserver` running? Stop it, or set "
                "BEACON_EMAIL_PORT to a free port."
            )

    def _children(self, host: str, port: int, workers: int, local_mail: bool) -> list[Child]:
        python = sys.executable
        bind = f"[{strip_brackets(host)}]:{port}" if ":" in host else f"{host}:{port}"
        children = [
            Child(
                "web",
                [
                    python,
                    "-m",
                    "gunicorn",
                    "beacon.wsgi",
                    "--bind",
                    bind,
                    "--workers",
                    str(workers),
                    "--graceful-timeout",
                    "8",
                    "--name",
                    "beacon",
                    # The default control socket lives in $HOME and clashes between two stacks.
                    "--no-control-socket",
                    # Path without query string or tokens, and no client address: no
                    # personal data, no secrets (beacon.core.accesslog).
                    "--logger-class",
                    "beacon.core.accesslog.PrivateAccessLogger",
                    "--access-logfile",
                    "-",
                    "--access-logformat",
                    ACCESS_LOG_FORMAT,
                ],
            ),
            Child(
                "worker", [python, "-m", "beacon", "db_worker", "--no-reload", "--queue-name", "*"]
            ),
            Child("periodic", [python, "-m", "beacon", "run_periodic"]),
        ]
        if local_mail:
            children.append(
                Child(
                    "mail",
                    [
                        python,
                        "-m",
                        "beacon",
                        "mailserver",
                        "--host",
                        settings.EMAIL_HOST,
                        "--port",
                        str(settings.EMAIL_PORT),
                        "--dir",
                        str(settings.BEACON_MAIL_DIR),
                    ],
                )
            )
        return children

    def _banner_once(self, supervisor: Supervisor, host: str, port: int):
        """A tick callback that prints the one line people need once the site answers."""
        state = {"done": False, "ticks": 0}
        url = _public_url(host, port)
        shown_host = url.split("//")[1].rpartition(":")[0]

        def tick() -> None:
            if state["done"]:
                return
            state["ticks"] += 1
            mail_ready = not self._mail_is_local() or accepts_connections(
                settings.EMAIL_HOST, settings.EMAIL_PORT
            )
            if mail_ready and accepts_connections(shown_host, port):
                state["done"] = True
                supervisor.say(
                    "run_stack",
                    f"Beacon is running at {url} - {self._mail_line(url)}"
                    " - Ctrl-C stops everything.",
                )
            elif state["ticks"] == READY_WARNING_SECONDS * 5:
                supervisor.say("run_stack", f"{url} is not answering yet; see the web lines")

        return tick

    def _mail_line(self, url: str) -> str:
        if not self._mail_is_local():
            if settings.EMAIL_BACKEND == SMTP_BACKEND:
                return f"mail goes out through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
            return f"mail goes to {settings.EMAIL_BACKEND}"
        line = (
            f"mail is caught on {settings.EMAIL_HOST}:{settings.EMAIL_PORT} and kept in "
            f"{settings.BEACON_MAIL_DIR}"
        )
        if settings.DEBUG:
            line += f" (read it at {url}dev/mail/)"
        return line


def _public_url(host: str, port: int) -> str:
    """The address to open in a browser: a wildcard bind is reached via loopback."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(host, host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _default_port() -> int:
    value = os.environ.get("PORT", "")
    return int(value) if value.isdigit() else 8000
