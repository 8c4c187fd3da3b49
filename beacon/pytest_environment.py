"""Loaded by pytest (`-p beacon.pytest_environment` in pyproject.toml) before pytest-django
reads the settings: tests run with BEACON_DEBUG on, like `make run`, and the checkout's
development key."""

import os

from beacon.environment import prepare

os.environ.setdefault("BEACON_DEBUG", "1")
prepare()
