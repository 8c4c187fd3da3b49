"""Production settings pass Django's deployment checks (docs/operations.md lists them)."""

import os
import secrets
import subprocess
import sys

from beacon.environment import development_secret_key


def test_check_deploy_passes_with_production_variables(tmp_path):
    env = {
        **os.environ,
        "BEACON_DEBUG": "0",
        "BEACON_SECRET_KEY": secrets.token_urlsafe(60),
        "BEACON_ALLOWED_HOSTS": "act.example.org",
        "BEACON_BASE_URL": "https://act.example.org",
        "BEACON_EMAIL_HOST": "smtp.example.org",
        "BEACON_EMAIL_PORT": "587",
        "BEACON_EMAIL_USE_TLS": "1",
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


def _beacon(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "beacon", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRINT_KEY = (
    "shell",
    "-v",
    "0",
    "-c",
    "from django.conf import settings; print(settings.SECRET_KEY)",
)


def test_development_secret_key_is_generated_once_and_not_in_the_repo(tmp_path):
    env = {**os.environ, "BEACON_VAR_DIR": str(tmp_path), "BEACON_DEBUG": "1"}
    env.pop("BEACON_SECRET_KEY", None)
    first, second = (_beacon(env, *PRINT_KEY).stdout.strip() for _ in range(2))
    assert first.startswith("django-insecure-") and first == second
    assert (tmp_path / "secret_key").read_text().strip() == first


def test_debug_is_off_unless_set_and_then_beacon_refuses_to_start_without_a_key(tmp_path):
    env = {**os.environ, "BEACON_VAR_DIR": str(tmp_path)}
    for name in ("BEACON_SECRET_KEY", "BEACON_DEBUG", "DATABASE_URL"):
        env.pop(name, None)
    result = _beacon(env, "check")
    assert result.returncode != 0
    assert "BEACON_SECRET_KEY is not set" in result.stderr
    assert not (tmp_path / "secret_key").exists()
    # With a key of its own and nothing else set, Beacon runs with debug off.
    env["BEACON_SECRET_KEY"] = secrets.token_urlsafe(60)
    code = "from django.conf import settings; print(settings.DEBUG)"
    assert _beacon(env, "shell", "-v", "0", "-c", code).stdout.strip() == "False"


def test_check_deploy_fails_on_the_development_key(tmp_path):
    env = {**os.environ, "BEACON_VAR_DIR": str(tmp_path), "BEACON_DEBUG": "1"}
    for name in ("BEACON_SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    # The key `beacon` would generate into this var/ (the test above starts real processes
    # to show that it does), made here without the second of imports a process costs.
    key = development_secret_key(tmp_path)
    assert key.startswith("django-insecure-")
    env.update(
        BEACON_DEBUG="0",
        BEACON_SECRET_KEY=key,
        BEACON_ALLOWED_HOSTS="act.example.org",
        BEACON_BASE_URL="https://act.example.org",
    )
    result = _beacon(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout
    assert "beacon.E010" in result.stderr + result.stdout


def test_check_deploy_refuses_the_development_mail_server(tmp_path):
    """Left at its default, mail goes to `beacon mailserver`'s port, which delivers none."""
    env = {
        **os.environ,
        "BEACON_DEBUG": "0",
        "BEACON_SECRET_KEY": secrets.token_urlsafe(60),
        "BEACON_ALLOWED_HOSTS": "act.example.org",
        "BEACON_BASE_URL": "https://act.example.org",
        "BEACON_VAR_DIR": str(tmp_path),
    }
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "BEACON_EMAIL_HOST"):
        env.pop(name, None)
    result = _beacon(env, "check", "--deploy")
    assert result.returncode != 0
    assert "beacon.E016" in result.stderr
