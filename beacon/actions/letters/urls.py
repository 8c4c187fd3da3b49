"""Letter URLs, included by beacon.actions.urls (namespace "actions")."""

from django.urls import path

from . import views

urlpatterns = [
    path("c/<slug:slug>/write/<slug:action_slug>/", views.letter_ask, name="letter"),
    path(
        "c/<slug:slug>/write/<slug:action_slug>/district/",
        views.letter_district,
        name="letter-district",
    ),
    path("c/<slug:slug>/write/<slug:action_slug>/letter/", views.letter_write, name="letter-write"),
    path(
        "c/<slug:slug>/write/<slug:action_slug>/check-your-email/",
        views.letter_sent,
        name="letter-sent",
    ),
    path("letters/confirm/<token:token>/", views.letter_confirm_page, name="letter-confirm"),
    path("letters/status/<token:token>/", views.letter_status, name="letter-status"),
]
