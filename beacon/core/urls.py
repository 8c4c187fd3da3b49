from django.urls import path
from django.views.generic import TemplateView

from beacon.core import devmail

app_name = "core"
urlpatterns = [
    path("privacy/", TemplateView.as_view(template_name="core/privacy.html"), name="privacy"),
    # Development only: the views answer 404 unless DEBUG is on.
    path("dev/mail/", devmail.mail_list, name="dev-mail"),
    path("dev/mail/<str:name>/", devmail.mail_detail, name="dev-mail-message"),
]
