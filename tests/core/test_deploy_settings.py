"""Production settings pass Django's deployment checks (docs/operations.md lists them)."""

import os
import secrets
import subprocess
import sys


def test_check_deploy_passes_with_production_variables(tmp_path):
    env = {
        **os.environ,
        "BEACON_DEBUG": "0",
        "BEACON_SECRET_KEY": secrets.token_urlsafe(60),
        "BEACON_ALLOWED_HOSTS": "act.example.org",
        "BEACON_BASE_URL": "https://act.example.org",
        "BEACON_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by tests/conftest.py for Playwright
    result = subprocess.run(
        [sys.executable, "-m", "beacon", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


SETUP = (
    "import django, os; "
    "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'beacon.settings'); django.setup()"
)


def test_development_secret_key_is_generated_once_and_not_in_the_repo(tmp_path):
    env = {**os.environ, "BEACON_VAR_DIR": str(tmp_path)}
    env.pop("BEACON_SECRET_KEY", None)
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    run = lambda: subprocess.run(  # noqa: E731
        [sys.executable, "-c", f"{SETUP}; {code}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    first, second = run(), run()
    assert first and first == second
    assert (tmp_path / "secret_key").read_text().strip() == first
