"""One gate for admin pages of things that belong to a campaign (letter and call asks)."""

from . import access


class CampaignScopedAdmin:
    """Mix into a ModelAdmin whose model has a `campaign` foreign key: organizers see the
    rows of their organizations' campaigns, attach new ones only to campaigns they may
    edit, and change them only with an owner or editor role."""

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
