import logging
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from beacon.core.mailserver import MailServer
from beacon.core.management.signals import stop_event_on_signals


class Command(BaseCommand):
    help = (
        "Run a local SMTP server that accepts every message and stores it as an .eml file "
        "(browse them at /dev/mail/ while DEBUG is on). Stops on Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument(
            "--port", type=int, default=settings.EMAIL_PORT, help="Port (default: EMAIL_PORT)."
        )
        parser.add_argument(
            "--dir",
            dest="directory",
            type=Path,
            default=None,
            help="Where to store messages (default: BEACON_MAIL_DIR).",
        )

    def handle(self, *args, host, port, directory, **options):
        directory = directory or settings.BEACON_MAIL_DIR
        # aiosmtpd logs every sender and recipient address at INFO: personal data.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        stop = stop_event_on_signals()
        try:
            server = MailServer(host=host, port=port, directory=directory).start()
        except OSError as exc:
            raise CommandError(
                f"Cannot listen on {host}:{port} ({exc.strerror or exc}). Is another mail "
                "server running? Stop it, or choose another port with --port."
            ) from exc
        self.stdout.write(f"mailserver: listening on {host}:{server.port}, storing in {directory}")
        self.stdout.flush()
        try:
            # Short waits keep the main thread responsive to signals on every platform.
            while not stop.wait(0.5):
                pass
        finally:
            server.stop()
