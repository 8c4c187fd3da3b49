"""/dev/mail/: the caught messages, readable in the browser while DEBUG is on, and only then."""

from __future__ import annotations

import pytest
from django.core.mail import EmailMultiAlternatives, get_connection

from beacon.core.mailserver import MailServer


@pytest.fixture
def mailbox(settings):
    """A mail server that stores into BEACON_MAIL_DIR, and a way to send it one message."""
    settings.DEBUG = True
    with MailServer(directory=settings.BEACON_MAIL_DIR) as server:

        def send(subject, body="Dear Senator,\n\n  Please vote yes.\n", html=None, files=()):
            connection = get_connection(host=server.host, port=server.port)
            message = EmailMultiAlternatives(
                subject,
                body,
                "Beacon <noreply@beacon.localhost>",
                ["senator@example.org"],
                connection=connection,
            )
            if html:
                message.attach_alternative(html, "text/html")
            for name, content, mimetype in files:
                message.attach(name, content, mimetype)
            before = len(server.messages)
            message.send()
            server.wait_for(before + 1, timeout=5)
            return sorted(p.name for p in settings.BEACON_MAIL_DIR.iterdir())[-1]

        yield send


def test_list_shows_messages_newest_first_with_their_headers(client, mailbox):
    first = mailbox("First letter")
    second = mailbox("Second <b>letter</b>")

    response = client.get("/dev/mail/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "senator@example.org" in html and "noreply@beacon.localhost" in html
    assert "Second &lt;b&gt;letter&lt;/b&gt;" in html
    # Names begin with arrival time to the second; the later of two may share it, so check
    # the order the page shows against the order of the files' names.
    newest, oldest = sorted([first, second], reverse=True)
    assert html.index(f"/dev/mail/{newest}/") < html.index(f"/dev/mail/{oldest}/")


def test_empty_mailbox_says_so(client, settings):
    settings.DEBUG = True
    response = client.get("/dev/mail/")
    assert response.status_code == 200
    assert "No mail yet" in response.content.decode()


def test_detail_shows_headers_plain_text_and_attachments(client, mailbox):
    name = mailbox(
        "Letter with extras",
        html="<p>Dear Senator</p><script>alert(1)</script>",
        files=[("petition.csv", "name\nRosa\n", "text/csv")],
    )

    response = client.get(f"/dev/mail/{name}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Letter with extras</h1>" in html
    assert "Dear Senator,\n\n  Please vote yes.\n" in html
    assert "petition.csv (text/csv, 10\xa0bytes)" in html
    assert "also has an HTML part" in html
    assert "<script>alert(1)</script>" not in html and "alert(1)" not in html
    assert "Message-ID" in html


def test_detail_of_a_message_without_plain_text_says_so(client, settings):
    settings.DEBUG = True
    settings.BEACON_MAIL_DIR.mkdir(parents=True)
    name = "20260101T120000-0123456789ab.eml"
    (settings.BEACON_MAIL_DIR / name).write_bytes(
        b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Only HTML\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hi</p>\r\n"
    )
    response = client.get(f"/dev/mail/{name}/")
    assert response.status_code == 200
    assert "has no plain-text part" in response.content.decode()


@pytest.mark.parametrize("path", ["/dev/mail/", "/dev/mail/20260101T120000-0123456789ab.eml/"])
def test_pages_are_404_when_debug_is_off(client, settings, path):
    settings.DEBUG = False
    settings.BEACON_MAIL_DIR.mkdir(parents=True)
    (settings.BEACON_MAIL_DIR / "20260101T120000-0123456789ab.eml").write_bytes(
        b"Subject: secret\r\n\r\nbody\r\n"
    )
    response = client.get(path)
    assert response.status_code == 404
    assert b"secret" not in response.content


@pytest.mark.parametrize(
    "name",
    [
        "..%2F..%2Fsecret_key",
        "..",
        "%2E%2E",
        "secret_key",
        "20260101T120000-0123456789ab.eml.tmp",
        "20260101T120000-0123456789AB.eml",
        "missing-0123456789ab.eml",
        "20260101T120000-ffffffffffff.eml",
    ],
)
def test_names_outside_the_strict_pattern_or_missing_are_404(client, settings, name):
    settings.DEBUG = True
    settings.BEACON_MAIL_DIR.mkdir(parents=True)
    (settings.BEACON_MAIL_DIR.parent / "secret_key").write_text("do-not-show")
    response = client.get(f"/dev/mail/{name}/")
    assert response.status_code == 404
    assert b"do-not-show" not in response.content


def test_list_ignores_files_that_are_not_stored_messages(client, settings):
    settings.DEBUG = True
    settings.BEACON_MAIL_DIR.mkdir(parents=True)
    (settings.BEACON_MAIL_DIR / "notes.txt").write_text("Subject: nope")
    (settings.BEACON_MAIL_DIR / "20260101T120000-0123456789ab.eml.tmp").write_text("half")
    response = client.get("/dev/mail/")
    assert "No mail yet" in response.content.decode()


def test_list_pages_and_tolerates_a_bad_page_number(client, settings):
    settings.DEBUG = True
    settings.BEACON_MAIL_DIR.mkdir(parents=True)
    for index in range(51):
        name = f"20260101T12{index // 60:02d}{index % 60:02d}-0123456789ab.eml"
        (settings.BEACON_MAIL_DIR / name).write_bytes(f"Subject: n{index}\r\n\r\nx\r\n".encode())

    first = client.get("/dev/mail/").content.decode()
    second = client.get("/dev/mail/?page=2").content.decode()
    odd = client.get("/dev/mail/?page=abc")

    # Subjects as the list shows them ("n50<"): a bare "n50" can occur in a CSRF token.
    assert "n50<" in first and "n1<" in first and "n0<" not in first
    assert "n0<" in second and "n50<" not in second
    assert odd.status_code == 200
