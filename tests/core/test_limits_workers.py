"""The limiter holds across processes: two gunicorn workers share one count."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.conf import settings
from django.db import connection

from beacon.actions.models import Signature
from beacon.core.models import RateLimit
from tests.campaigns.factories import PetitionFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(tmp_path) -> dict[str, str]:
    """The running test database, seen from other processes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        env["BEACON_SQLITE_PATH"] = db["NAME"]
    else:
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    env.update(
        BEACON_VAR_DIR=str(tmp_path),
        BEACON_SECRET_KEY=settings.SECRET_KEY,
        BEACON_DEBUG="1",
        BEACON_LIMITS_CACHE_SECONDS="0",
        BEACON_TASK_BACKEND="django_tasks.backends.dummy.DummyBackend",
    )
    return env


def _sign(base: str, slug: str, n: int) -> int:
    with requests.Session() as browser:
        page = browser.get(f"{base}/c/{slug}/", timeout=20)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        answer = browser.post(
            f"{base}/c/{slug}/sign/",
            data={
                "csrfmiddlewaretoken": token,
                "first_name": "Rosa",
                "last_name": f"Díaz {n}",
                "email": f"rosa{n}@example.org",
                "zip_code": "02150",
            },
            headers={"Referer": f"{base}/c/{slug}/"},
            allow_redirects=False,
            timeout=20,
        )
        return answer.status_code


def test_two_gunicorn_workers_share_one_limit(tmp_path):
    petition = PetitionFactory()
    RateLimit.objects.update_or_create(
        scope="sign", key="client", defaults={"maximum": 12, "window_seconds": 600}
    )
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "beacon.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env=_server_env(tmp_path),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
            try:
                if requests.get(f"{base}/privacy/", timeout=10).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                pass
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
        workers = {
            int(line.rsplit(" ", 1)[-1])
            for line in (tmp_path / "gunicorn.log").read_text().splitlines()
            if "Booting worker with pid" in line
        }
        assert len(workers) == 2
        with ThreadPoolExecutor(max_workers=6) as pool:
            answers = list(pool.map(lambda n: _sign(base, petition.campaign.slug, n), range(20)))
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    statuses = sorted(answers)
    assert statuses == [302] * 12 + [429] * 8
    assert Signature.objects.count() == 12
