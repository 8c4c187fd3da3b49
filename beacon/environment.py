"""Prepare the process environment before Django reads its settings.

settings.py only reads environment variables; everything that touches the disk happens
here, once per entry point (`beacon`, the WSGI application, the test run):

- the var/ folder (SQLite database, collected static files, development mail) exists;
- with BEACON_DEBUG on and no BEACON_SECRET_KEY, a development key generated once per
  checkout into var/secret_key is put in the environment, so every process of the local
  stack (gunicorn workers, the task worker) signs with the same key. The key starts with
  "django-insecure-": `beacon check --deploy` refuses it.

With BEACON_DEBUG off nothing is generated: settings.py refuses to start without
BEACON_SECRET_KEY.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEVELOPMENT_KEY_PREFIX = "django-insecure-"
TRUE_WORDS = {"1", "true", "yes", "on"}


def var_dir() -> Path:
    return Path(os.environ.get("BEACON_VAR_DIR", PROJECT_DIR / "var"))


def debug_requested() -> bool:
    return os.environ.get("BEACON_DEBUG", "").strip().lower() in TRUE_WORDS


def development_secret_key(directory: Path) -> str:
    """The checkout's development key, generated on first use; never committed."""
    path = directory / "secret_key"
    if not path.exists():
        path.write_text(DEVELOPMENT_KEY_PREFIX + secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def prepare() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beacon.settings")
    directory = var_dir()
    # Whitenoise warns at start-up when the static root is missing.
    (directory / "static").mkdir(parents=True, exist_ok=True)
    if debug_requested() and not os.environ.get("BEACON_SECRET_KEY"):
        os.environ["BEACON_SECRET_KEY"] = development_secret_key(directory)
