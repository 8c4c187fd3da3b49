"""Call URLs, included by beacon.actions.urls (namespace "actions")."""

from django.urls import path

from . import views, webhooks

BASE = "c/<slug:slug>/call/<slug:action_slug>/"
HOOK = "calls/hooks/<token:public_id>/"

urlpatterns = [
    path(BASE, views.call_ask, name="call"),
    path(BASE + "district/", views.call_district, name="call-district"),
    path(BASE + "list/", views.call_list, name="call-list"),
    path(BASE + "outcome/", views.call_outcome, name="call-outcome"),
    path(BASE + "remind/", views.call_remind, name="call-remind"),
    path(BASE + "connect/", views.call_patch, name="call-patch"),
    path(BASE + "connect/status/", views.call_patch_status, name="call-patch-status"),
    path(BASE + "thanks/", views.call_thanks, name="call-thanks"),
    path(HOOK + "answer/", webhooks.hook_answer, name="call-hook-answer"),
    path(HOOK + "gather/", webhooks.hook_gather, name="call-hook-gather"),
    path(HOOK + "dialed/<int:target>/<int:office>/", webhooks.hook_dialed, name="call-hook-dialed"),
    path(HOOK + "leg/<int:target>/<int:office>/", webhooks.hook_leg, name="call-hook-leg"),
    path(HOOK + "rated/<int:target>/<int:office>/", webhooks.hook_rated, name="call-hook-rated"),
    path(HOOK + "status/", webhooks.hook_status, name="call-hook-status"),
]
