"""The local mail server keeps every message it accepts, as a file and in memory."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from beacon.core.devmail import MESSAGE_NAME
from beacon.core.mailserver import MailServer, read_mailbox


def _letter() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Beacon <noreply@beacon.localhost>"
    message["To"] = "senator@example.org"
    message["Subject"] = "Please support H.1234"
    message.set_content("Dear Senator,\n\nPlease support the bill.\n")
    return message


def test_mail_server_stores_an_eml_file_and_exposes_the_message(tmp_path):
    with MailServer(directory=tmp_path) as server:
        with smtplib.SMTP(server.host, server.port, timeout=5) as client:
            client.send_message(_letter())
        received = server.wait_for(1)

    assert [m["Subject"] for m in received] == ["Please support H.1234"]
    files = sorted(tmp_path.iterdir())
    assert len(files) == 1 and MESSAGE_NAME.match(files[0].name)
    ((name, stored),) = read_mailbox(tmp_path)
    assert name == files[0].name
    assert stored["To"] == "senator@example.org"
    assert stored.get_content() == "Dear Senator,\n\nPlease support the bill.\n"


def test_a_responder_can_refuse_a_message_which_is_then_not_stored(tmp_path):
    with MailServer(directory=tmp_path, responder=lambda envelope: "451 4.3.0 Try later") as server:
        with smtplib.SMTP(server.host, server.port, timeout=5) as client:
            try:
                client.send_message(_letter())
            except smtplib.SMTPDataError as exc:
                assert exc.smtp_code == 451
            else:
                raise AssertionError("the server accepted a message it should refuse")
    assert server.messages == []
    assert list(tmp_path.iterdir()) == []
