"""Operators' tools: rate limits, the audit log and accounts (only superusers reach the
first two; changes to accounts are written to the audit log)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from .audit.services import (
    AccountPowers,
    account_powers,
    audit_account_deleted,
    audit_account_saved,
)
from .limits import rules_forget
from .models import AuditEntry, RateLimit


@admin.register(RateLimit)
class RateLimitAdmin(admin.ModelAdmin):
    list_display = ["scope", "key", "maximum", "window_seconds", "note"]
    list_editable = ["maximum", "window_seconds"]
    list_filter = ["key"]
    search_fields = ["scope", "note"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        rules_forget()


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only, and for superusers only: no one edits or deletes the log through Beacon."""

    list_display = ["recorded_at", "actor_name", "kind", "subject", "organization_name"]
    list_filter = ["kind", "recorded_at"]
    search_fields = ["actor_name", "subject", "organization_name"]
    date_hierarchy = "recorded_at"
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Django's user admin, with every new account and every change to an account's
    flags (active, staff, superuser), groups or permissions written to the audit log.
    Groups and permissions are saved after the account (`save_related`), so the entry is
    written there, comparing with what the account had before the form was saved."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before: AccountPowers | None = None
        if change:
            before = account_powers(User._default_manager.get(pk=obj.pk))
        form.audit_before = before
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        audit_account_saved(
            actor=request.user, user=form.instance, before=getattr(form, "audit_before", None)
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit_account_deleted(actor=request.user, user=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for user in queryset:
            audit_account_deleted(actor=request.user, user=user)
        super().delete_queryset(request, queryset)
