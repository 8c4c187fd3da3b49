"""Admin for call actions (targets and scripts inline) and the patch-through rate limits."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import access
from .models_calls import CallAction, CallRateLimit, CallScript, CallTarget


class CallTargetInline(admin.TabularInline):
    model = CallTarget
    extra = 0
    raw_id_fields = ["official", "committee"]


class CallScriptInline(admin.StackedInline):
    model = CallScript
    extra = 0


@admin.register(CallAction)
class CallActionAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "allows_patch_through"]
    list_filter = ["allows_patch_through"]
    search_fields = ["title", "campaign__title"]
    filter_horizontal = ["bills"]
    inlines = [CallTargetInline, CallScriptInline]
    fieldsets = [
        (None, {"fields": ["campaign", "slug", "title", "intro", "bills", "deadline_text"]}),
        (_("Patch-through calls"), {"fields": ["allows_patch_through"]}),
    ]

    def get_queryset(self, request):
        campaigns = access.access_campaign_list_for_user(request.user)
        return super().get_queryset(request).filter(campaign__in=campaigns)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "campaign":
            kwargs["queryset"] = access.access_campaign_list_for_user(request.user, write=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is None or request.user.is_superuser:
            return super().has_change_permission(request, obj)
        return access.access_campaign_for_editor(request.user, obj.campaign)


@admin.register(CallRateLimit)
class CallRateLimitAdmin(admin.ModelAdmin):
    """Site-wide limits: only staff with the model permissions (superusers) edit them."""

    list_display = ["scope", "max_per_hour"]
    list_editable = ["max_per_hour"]
