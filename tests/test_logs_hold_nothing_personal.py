"""Zelphine signs, looks up her legislators, writes to them, calls them, then opens "Your
data", downloads it and erases it, against a real gunicorn configured as `beacon run_stack`
runs it (the request log on, the task run in the web process, Beacon's loggers at DEBUG),
then the periodic jobs run once. Every line those
processes print is kept, and none may hold her email, name, street, phone number, an
emailed token or a cookie (issue 13, "Logs and backups")."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

from beacon.actions.calls.hours import DAYS
from beacon.campaigns.models import CallAsk, CallScript, CallTarget
from beacon.core.management.commands.run_stack import Command as RunStack
from beacon.officials.models import Office
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures, used by name.
from tests.campaigns.factories import PetitionFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

FIRST, LAST = "Zelphine", "Quarrington"
EMAIL = "Zelphine.Quarrington+act@example.org"
STREET = "4471 Wequaquet Lane"
PHONE = "(413) 555-0187"
SLUG = "safe-communities"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(tmp_path: Path, smtp_server, base: str) -> dict[str, str]:
    """This test's database, mail server and origin, seen from the processes it starts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "BEACON_"))}
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        env["BEACON_SQLITE_PATH"] = db["NAME"]
    else:
        host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{host}:{port}/{db['NAME']}"
    env.update(
        BEACON_VAR_DIR=str(tmp_path),
        BEACON_SECRET_KEY=settings.SECRET_KEY,
        BEACON_DEBUG="1",
        BEACON_LOG_LEVEL="DEBUG",
        BEACON_BASE_URL=base,
        BEACON_EMAIL_HOST=smtp_server.host,
        BEACON_EMAIL_PORT=str(smtp_server.port),
        BEACON_TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        BEACON_GEOCODER="town",
        BEACON_LIMITS_CACHE_SECONDS="0",
        BEACON_TELEPHONY_PROVIDER="beacon.delivery.telephony.providers.fake.FakeTelephony",
        BEACON_TWILIO_CALLER_ID="+16175550100",
    )
    return env


@pytest.fixture
def world(letters):
    """The letter ask's campaign also has a petition and a call ask, and every office is
    open at any hour, so that calls can be made whenever the test runs."""
    campaign = letters.ask.campaign
    PetitionFactory(campaign=campaign)
    ask = CallAsk.objects.create(
        campaign=campaign, slug="call", title="Call your legislators", allows_patch_through=True
    )
    CallTarget.objects.create(ask=ask, kind=CallTarget.Kind.MY_SENATOR, position=0)
    CallTarget.objects.create(ask=ask, kind=CallTarget.Kind.MY_REPRESENTATIVE, position=1)
    CallScript.objects.create(
        ask=ask,
        audience=CallScript.Audience.OTHERS,
        script="Hello, my name is {first_name} and I live in {town}.",
        voicemail_script="This is {first_name} from {town}.",
    )
    Office.objects.update(hours={day: [["00:00", "23:59"]] for day in DAYS})
    return letters


class Browser:
    """One visitor: a requests session that sends the CSRF token with every form."""

    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.base + path, timeout=30)

    def post(self, path: str, data: dict[str, str]) -> requests.Response:
        token = self.session.cookies.get("csrftoken", "")
        return self.session.post(
            self.base + path,
            data={"csrfmiddlewaretoken": token, **data},
            headers={"Referer": self.base + path},
            allow_redirects=False,
            timeout=30,
        )

    def secrets(self) -> list[str]:
        return [cookie.value for cookie in self.session.cookies if cookie.value]


def _link(smtp_server, pattern: str) -> str:
    """The path matching `pattern` in the newest message to Zelphine."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for message in reversed(smtp_server.messages):
            if message["To"] == EMAIL:
                found = re.search(pattern, message.get_content())
                if found:
                    return found.group(0)
        time.sleep(0.1)
    raise AssertionError(f"no message to {EMAIL} with {pattern}")


def _sign(browser: Browser, smtp_server) -> list[str]:
    assert browser.get(f"/c/{SLUG}/").status_code == 200
    person = {"first_name": FIRST, "last_name": LAST, "email": EMAIL, "zip_code": "02664"}
    assert browser.post(f"/c/{SLUG}/sign/", person).status_code == 302
    link = _link(smtp_server, r"/confirm/[\w-]+/")
    assert browser.get(link).status_code == 200
    assert browser.post(link, {}).status_code == 302
    return [link.split("/")[2]]


def _look_up(browser: Browser) -> None:
    assert browser.get("/legislators/").status_code == 200
    address = {"street": STREET, "city": "Yarmouth", "zip_code": "02664"}
    assert browser.post("/legislators/", address).status_code == 200


def _write(browser: Browser, smtp_server) -> list[str]:
    base = f"/c/{SLUG}/write/write/"
    assert browser.get(base).status_code == 200
    address = {"street": STREET, "city": "Yarmouth", "zip_code": "02664"}
    assert browser.post(base, address).status_code == 302
    assert browser.get(base + "letter/").status_code == 200
    letter = {
        "first_name": FIRST,
        "last_name": LAST,
        "email": EMAIL,
        "personal_paragraph": f"I am {FIRST} {LAST} of {STREET}.",
    }
    assert browser.post(base + "letter/", letter).status_code == 302
    link = _link(smtp_server, r"/letters/confirm/[\w-]+/")
    assert browser.get(link).status_code == 200
    confirmed = browser.post(link, {})
    assert confirmed.status_code == 302
    status = confirmed.headers["Location"]
    assert browser.get(status).status_code == 200
    return [link.split("/")[3], status.rstrip("/").split("/")[-1]]


def _call(browser: Browser) -> None:
    base = f"/c/{SLUG}/call/call/"
    assert browser.get(base).status_code == 200
    assert browser.post(base, {"city": "Yarmouth", "first_name": FIRST}).status_code == 302
    assert browser.get(base + "list/").status_code == 200
    answer = {"target": "0", "outcome": "talked_to_staff"}
    assert browser.post(base + "outcome/", answer).status_code == 302
    assert browser.post(base + "remind/", {"target": "1", "email": EMAIL}).status_code in (
        302,
        422,  # no reminder needed while the office is open
    )
    assert browser.post(base + "connect/", {"phone": PHONE}).status_code == 302
    assert browser.get(base + "connect/status/").status_code == 200


def _your_data(browser: Browser, smtp_server) -> list[str]:
    """Ask for the "Your data" link, open it, look, download, then erase everything."""
    assert browser.get("/your-data/").status_code == 200
    assert browser.post("/your-data/", {"email": EMAIL}).status_code == 302
    link = _link(smtp_server, r"/your-data/open/[\w-]+/")
    assert browser.get(link).status_code == 200
    assert browser.post(link, {}).status_code == 302
    page = browser.get("/your-data/manage/")
    assert page.status_code == 200 and STREET in page.text
    assert EMAIL in browser.get("/your-data/download/").text
    assert browser.post("/your-data/manage/", {"do": "hide"}).status_code == 302
    erased = browser.post("/your-data/manage/", {"do": "erase", "sure": "yes"})
    assert erased.status_code == 200 and "Your data is erased" in erased.text
    return [link.split("/")[3]]


def test_the_main_journeys_leave_nothing_personal_in_the_logs(world, smtp_server, tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = _env(tmp_path, smtp_server, base)
    [web] = [c for c in RunStack()._children("127.0.0.1", port, 1, False) if c.name == "web"]
    log_path = tmp_path / "logs.txt"
    with log_path.open("wb") as log:
        server = subprocess.Popen(web.argv, env=env, stdout=log, stderr=subprocess.STDOUT)
        browser = Browser(base)
        try:
            deadline = time.monotonic() + 60
            while True:
                assert server.poll() is None, log_path.read_text()
                try:
                    if requests.get(f"{base}/privacy/", timeout=10).status_code == 200:
                        break
                except (requests.ConnectionError, requests.Timeout):
                    pass
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
            tokens = _sign(browser, smtp_server)
            _look_up(browser)
            tokens += _write(browser, smtp_server)
            _call(browser)
            tokens += _your_data(browser, smtp_server)
        finally:
            server.terminate()
            server.wait(timeout=20)
        periodic = [sys.executable, "-m", "beacon", "run_periodic", "--once"]
        subprocess.run(periodic, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=300)
    logs = log_path.read_text()

    # The capture works: the request log and Beacon's own records are there.
    assert "POST /c/<slug>/sign/ 302" in logs
    assert "django_tasks" in logs and "periodic job enforce_retention done" in logs
    # And nothing about Zelphine is, nor any token or cookie of hers.
    personal = [FIRST, LAST, EMAIL, "zelphine", "quarrington", STREET, "Wequaquet"]
    phone = ["555-0187", "5550187", "4135550187", PHONE]
    secrets = [*tokens, *browser.secrets()]
    assert len(tokens) == 4 and all(len(t) >= 20 for t in tokens)
    found = [value for value in personal + phone + secrets if value.lower() in logs.lower()]
    assert found == [], f"found {found} in the logs:\n{logs}"
    # Paths with tokens are logged with the token's name instead.
    assert "POST /confirm/<token>/ 302" in logs
    assert "GET /letters/status/<token>/ 200" in logs
    assert "POST /your-data/open/<token>/ 302" in logs
