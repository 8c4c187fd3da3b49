"""The schedule itself: one period per class, from settings, overridable per class; and the
audit log class, which applies once an AuditEntry model is installed."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from beacon.core.models import AuditEntry
from beacon.people.retention import SCHEDULE, retention_schedule


def test_every_class_has_one_period_in_settings_and_one_line_in_the_schedule():
    keys = [item.key for item in SCHEDULE]
    assert len(set(keys)) == len(keys)
    assert set(keys) == set(settings.BEACON_RETENTION) == set(settings.BEACON_RETENTION_DEFAULTS)
    for item in SCHEDULE:
        assert item.days == settings.BEACON_RETENTION[item.key] >= 1
        assert str(item.label) and str(item.details) and str(item.counted_from)
    # The defaults the issue names.
    assert settings.BEACON_RETENTION_DEFAULTS["outbound_mail"] == 30
    assert settings.BEACON_RETENTION_DEFAULTS["pending"] == 30
    assert settings.BEACON_RETENTION_DEFAULTS["after_close"] == 90


def _settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    code = (
        "from django.conf import settings as s; r = s.BEACON_RETENTION; "
        "print(r['pending'], r['after_close'], s.SESSION_COOKIE_AGE)"
    )
    return subprocess.run(
        [sys.executable, "-m", "beacon", "shell", "-v", "0", "-c", code],
        env={**os.environ, "BEACON_DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_each_period_is_overridden_by_its_own_environment_variable():
    result = _settings(
        {
            "BEACON_RETENTION_PENDING_DAYS": "14",
            "BEACON_RETENTION_AFTER_CLOSE_DAYS": "60",
            "BEACON_RETENTION_SESSIONS_DAYS": "2",
        }
    )
    assert result.stdout.split() == ["14", "60", str(2 * 24 * 3600)], result.stderr
    refused = _settings({"BEACON_RETENTION_OPTED_IN_DAYS": "0"})
    assert refused.returncode != 0
    assert "BEACON_RETENTION_OPTED_IN_DAYS must be a whole number of days" in refused.stderr


@pytest.mark.django_db
def test_audit_entries_are_deleted_after_their_period():
    now = timezone.now()
    period = timedelta(days=settings.BEACON_RETENTION["audit_log"])
    for subject, when in (
        ("old", now - period - timedelta(days=1)),
        ("recent", now - period + timedelta(days=1)),
    ):
        AuditEntry.objects.create(
            recorded_at=when, actor_name="ops", kind=AuditEntry.Kind.EXPORT, subject=subject
        )
    assert "audit_log" in [item.key for item in retention_schedule()]
    out = StringIO()
    call_command("enforce_retention", stdout=out)
    call_command("enforce_retention", stdout=out)
    first, second = [line for line in out.getvalue().splitlines() if "audit_log" in line]
    assert first == "audit_log (365 days): entries_deleted: 1"
    assert second == "audit_log (365 days): entries_deleted: 0"
    assert list(AuditEntry.objects.values_list("subject", flat=True)) == ["recent"]
