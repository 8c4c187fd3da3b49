"""Rows the whole project shares that belong to no domain."""

from __future__ import annotations

from django.db import models


class SchedulerLease(models.Model):
    """Who may run the periodic jobs until when (see `beacon.core.scheduler.Lease`)."""

    name = models.CharField(max_length=50, primary_key=True)
    holder = models.CharField(max_length=100)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} held by {self.holder} until {self.expires_at:%Y-%m-%d %H:%M:%S}"
