"""Admin for letter actions: targets and templates inline, scoped to the user's campaigns."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import access
from .models_letters import LetterAction, LetterTarget, LetterTemplate


class LetterTargetInline(admin.TabularInline):
    model = LetterTarget
    extra = 0
    raw_id_fields = ["official", "committee"]


class LetterTemplateInline(admin.StackedInline):
    model = LetterTemplate
    extra = 0


@admin.register(LetterAction)
class LetterActionAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "editing", "delivery", "hourly_limit",
                    "requires_confirmation"]
    list_filter = ["delivery", "editing"]
    search_fields = ["title", "campaign__title"]
    filter_horizontal = ["bills"]
    inlines = [LetterTargetInline, LetterTemplateInline]
    fieldsets = [
        (None, {"fields": ["campaign", "slug", "title", "intro", "bills"]}),
        (_("Editing"), {"fields": ["editing", "personal_prompt"]}),
        (_("Delivery"), {"fields": ["delivery", "hourly_limit", "window_start", "window_end",
                                 "window_weekdays_only", "requires_confirmation",
                                 "vacant_policy", "vacant_office_email",
                                 "allows_mailto_fallback"]}),
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
