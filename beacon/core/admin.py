"""Operators' tools: rate limits (only superusers reach the admin for these)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .limits import rules_forget
from .models import RateLimit


@admin.register(RateLimit)
class RateLimitAdmin(admin.ModelAdmin):
    list_display = ["scope", "key", "maximum", "window_seconds", "note"]
    list_editable = ["maximum", "window_seconds"]
    list_filter = ["key"]
    search_fields = ["scope", "note"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        rules_forget()
