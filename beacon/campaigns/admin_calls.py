"""Admin for call asks (targets and scripts inline) and the patch-through rate limits."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .admin_scoping import CampaignScopedAdmin
from .admin_translation import TextsAdmin, TextsStackedInline
from .models.calls import CallAsk, CallScript, CallTarget


class CallTargetInline(admin.TabularInline):
    model = CallTarget
    extra = 0
    raw_id_fields = ["official", "committee"]


class CallScriptInline(TextsStackedInline):
    model = CallScript
    extra = 0


@admin.register(CallAsk)
class CallAskAdmin(CampaignScopedAdmin, TextsAdmin):
    list_display = ["title", "campaign", "allows_patch_through"]
    list_filter = ["allows_patch_through"]
    search_fields = ["title", "campaign__title"]
    filter_horizontal = ["bills"]
    inlines = [CallTargetInline, CallScriptInline]
    fieldsets = [
        (None, {"fields": ["campaign", "slug", "title", "intro", "bills", "deadline_text"]}),
        (_("Patch-through calls"), {"fields": ["allows_patch_through"]}),
    ]
