"""Counters shared by every process: one atomic statement per hit.

The database store (default) upserts a row of core_ratecounter and reads the new count
back in the same statement; the Redis store (when REDIS_URL is set) uses INCRBY with an
expiry. Never Django's cache (its database backend reads, then writes) and never process
memory, which each gunicorn worker would hold apart.
"""

from __future__ import annotations

import time
from functools import cache
from typing import Protocol

from django.conf import settings
from django.db import connection


class CounterStore(Protocol):
    def incr(self, bucket: str, expires: int, amount: int = 1) -> int:
        """Add `amount` to `bucket` (created at 0, forgotten after Unix time `expires`) and
        return the new count."""
        ...

    def get(self, bucket: str) -> int: ...

    def purge(self, now: float | None = None) -> int:
        """Forget expired buckets; return how many went."""
        ...


class DatabaseStore:
    name = "database"

    def incr(self, bucket: str, expires: int, amount: int = 1) -> int:
        table = connection.ops.quote_name("core_ratecounter")
        if amount < 0:
            # Giving back: never below zero, and never creating a bucket.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET hits = hits + %s WHERE bucket = %s AND hits >= %s",
                    [amount, bucket, -amount],
                )
            return self.get(bucket)
        with connection.cursor() as cursor:
            # One statement: SQLite (3.35+) and PostgreSQL both take ON CONFLICT ... RETURNING.
            cursor.execute(
                f"INSERT INTO {table} (bucket, hits, expires) VALUES (%s, %s, %s) "
                f"ON CONFLICT (bucket) DO UPDATE SET hits = {table}.hits + excluded.hits "
                "RETURNING hits",
                [bucket, amount, expires],
            )
            row = cursor.fetchone()
        return int(row[0])

    def get(self, bucket: str) -> int:
        from beacon.core.models import RateCounter

        hits = RateCounter.objects.filter(bucket=bucket).values_list("hits", flat=True).first()
        return int(hits or 0)

    def purge(self, now: float | None = None) -> int:
        from beacon.core.models import RateCounter

        deleted, _ = RateCounter.objects.filter(expires__lt=int(now or time.time())).delete()
        return deleted


class RedisStore:
    name = "redis"

    def __init__(self, url: str, prefix: str):
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.prefix = prefix

    def incr(self, bucket: str, expires: int, amount: int = 1) -> int:
        key = self.prefix + bucket
        # A time to live relative to Beacon's clock, not EXPIREAT: Redis's own clock may
        # differ from ours (skew between machines, or a test's pinned clock), and an absolute
        # time it thinks is past would forget the count at once.
        ttl = max(1, expires - int(time.time()))
        pipe = self.client.pipeline(transaction=True)
        pipe.incrby(key, amount)
        pipe.expire(key, ttl, nx=True)
        hits, _ = pipe.execute()
        return int(hits)

    def get(self, bucket: str) -> int:
        value = self.client.get(self.prefix + bucket)
        return int(value or 0)

    def purge(self, now: float | None = None) -> int:
        return 0  # Redis forgets expired keys itself.


@cache
def _redis_store(url: str, prefix: str) -> RedisStore:
    return RedisStore(url, prefix)


def store_get() -> CounterStore:
    if settings.BEACON_REDIS_URL:
        return _redis_store(settings.BEACON_REDIS_URL, settings.BEACON_LIMITS_REDIS_PREFIX)
    return DatabaseStore()
