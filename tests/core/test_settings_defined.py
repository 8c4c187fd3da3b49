"""Every BEACON_* setting is defined once, in beacon/settings.py, and read from there."""

import re
from pathlib import Path

from django.conf import settings

import beacon

ROOT = Path(beacon.__file__).parent
# The modules that prepare the environment for every entry point, and the local stack that
# passes the environment on to the processes it starts, are the only other readers of
# os.environ.
ENVIRON_READERS = {
    "settings.py",
    "environment.py",
    "pytest_environment.py",
    "stack.py",
    "run_stack.py",
}


def _sources():
    return [p for p in ROOT.rglob("*.py") if "migrations" not in p.parts]


def test_every_beacon_setting_the_code_reads_is_defined_in_settings():
    read = set()
    for path in _sources():
        if path.name != "settings.py":
            read |= set(
                re.findall(r"""(?:settings\.|setting\(["'])(BEACON_[A-Z0-9_]+)""", path.read_text())
            )
    assert read and sorted(name for name in read if not hasattr(settings, name)) == []


def test_no_module_reads_the_environment_or_defaults_a_setting_of_its_own():
    offenders = []
    for path in _sources():
        text = path.read_text()
        if 'getattr(settings, "BEACON_' in text:
            offenders.append(f"{path.name}: getattr default")
        if "os.environ" in text and path.name not in ENVIRON_READERS:
            offenders.append(f"{path.name}: os.environ")
    assert offenders == []
