"""System checks for the limiter's store (registered in beacon.core.apps)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def check_limiter_store(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Counters must be shared by every process. The database store always is; a Redis
    store must answer, or every limited request would fail."""
    url = settings.BEACON_REDIS_URL
    if not url:
        return []
    try:
        import redis

        redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2).ping()
    except Exception as error:  # any failure to reach it is the same finding
        return [
            Error(
                f"REDIS_URL is set but Redis does not answer ({type(error).__name__}).",
                hint="Start Redis, fix REDIS_URL, or unset it to keep the counters in the "
                "database (docs/security.md).",
                id="beacon.E090",
            )
        ]
    return []
