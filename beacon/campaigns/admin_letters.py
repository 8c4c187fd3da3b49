"""Admin for letter asks: targets and templates inline, scoped to the user's campaigns."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .admin_scoping import CampaignScopedAdmin
from .admin_translation import TextsAdmin, TextsStackedInline
from .models.letters import LetterAsk, LetterTarget, LetterTemplate


class LetterTargetInline(admin.TabularInline):
    model = LetterTarget
    extra = 0
    raw_id_fields = ["official", "committee"]


class LetterTemplateInline(TextsStackedInline):
    model = LetterTemplate
    extra = 0


@admin.register(LetterAsk)
class LetterAskAdmin(CampaignScopedAdmin, TextsAdmin):
    list_display = [
        "title",
        "campaign",
        "editing",
        "delivery",
        "hourly_limit",
    ]
    list_filter = ["delivery", "editing"]
    search_fields = ["title", "campaign__title"]
    filter_horizontal = ["bills"]
    inlines = [LetterTargetInline, LetterTemplateInline]
    fieldsets = [
        (None, {"fields": ["campaign", "slug", "title", "intro", "bills"]}),
        (_("Editing"), {"fields": ["editing", "personal_prompt"]}),
        (
            _("Delivery"),
            {
                "fields": [
                    "delivery",
                    "hourly_limit",
                    "window_start",
                    "window_end",
                    "window_weekdays_only",
                    "vacant_policy",
                    "vacant_office_email",
                    "allows_mailto_fallback",
                ]
            },
        ),
    ]
