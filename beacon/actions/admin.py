from django.contrib import admin

from beacon.campaigns import access

from .models import Signature


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = ["first_name", "town", "petition", "status", "created_at", "confirmed_at"]
    list_filter = ["status", "is_public", "has_opted_in"]
    search_fields = ["email_canonical"]
    readonly_fields = [f.name for f in Signature._meta.fields]

    def get_queryset(self, request):
        campaigns = access.access_campaign_list_for_user(request.user)
        return super().get_queryset(request).filter(petition__campaign__in=campaigns)

    def has_add_permission(self, request):
        return False
