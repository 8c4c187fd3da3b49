"""`beacon check --deploy` warns when staff may sign in without MFA."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def staff_mfa_required(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.BEACON_STAFF_MFA_REQUIRED:
        return []
    return [
        Warning(
            "BEACON_STAFF_MFA_REQUIRED is off: staff can reach the admin and the organizer "
            "pages with a password alone.",
            hint="Unset BEACON_STAFF_MFA_REQUIRED (it is on by default) in production.",
            id="beacon.W030",
        )
    ]
