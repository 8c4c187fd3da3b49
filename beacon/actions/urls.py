from django.urls import include, path

from . import events, views

app_name = "actions"
urlpatterns = [
    path("c/<slug:slug>/", views.campaign_detail, name="campaign"),
    path("c/<slug:slug>/sign/", views.signature_submit, name="sign"),
    path("c/<slug:slug>/check-your-email/", views.signature_sent, name="signature-sent"),
    path("c/<slug:slug>/thanks/", views.thanks, name="thanks"),
    path("event/<token:code>/", events.event_enter, name="event-enter"),
    path("confirm/<token:token>/", views.signature_confirm_page, name="confirm"),
    path("", include("beacon.actions.letters.urls")),
    path("", include("beacon.actions.calls.urls")),
]
