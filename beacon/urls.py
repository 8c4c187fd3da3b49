"""Top-level URLs. Public pages carry no personal data in their paths or query strings."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from beacon.core.signin.views import admin_login, admin_permission

# The admin has no login of its own: it sends to allauth's sign-in (password, then MFA).
admin.site.login = admin_login  # type: ignore[method-assign]
# The admin is the operators' tool: superusers only. Organizers (staff or not) work in
# the workspace at /organize/, whose gate (beacon.organize.gate) decides what they may do.
admin.site.has_permission = admin_permission  # type: ignore[method-assign]

urlpatterns = [
    path("", include("beacon.campaigns.urls")),
    path("", include("beacon.actions.urls")),
    path("", include("beacon.geo.urls")),
    path("", include("beacon.officials.urls")),
    path("", include("beacon.delivery.urls")),
    path("dashboard/", include("beacon.dashboard.urls")),
    path("organize/", include("beacon.organize.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("beacon.core.urls")),
]
if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "beacon.core.views.bad_request"
handler403 = "beacon.core.views.permission_denied"
handler404 = "beacon.core.views.page_not_found"
handler500 = "beacon.core.views.server_error"
