from django.urls import path

from . import audit, calls, lists, petition_views, views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("letters/<int:pk>/", views.letter_results, name="letters"),
    path("letters/<int:pk>/export.csv", views.letter_export, name="letters-export"),
    path(
        "letters/<int:pk>/send-awaiting/",
        views.letter_send_awaiting,
        name="letters-send-awaiting",
    ),
    path("calls/", calls.call_index, name="calls-index"),
    path("audit/", audit.audit_log, name="audit"),
    path("lists/districts/", lists.member_districts, name="member-districts"),
    path("calls/<int:pk>/", calls.call_results, name="calls"),
    path("calls/<int:pk>/export.csv", calls.call_export, name="calls-export"),
    path("petitions/", petition_views.petition_index, name="petitions-index"),
    path("petitions/<int:pk>/", petition_views.petition_results_page, name="petition"),
    path("petitions/<int:pk>/export.csv", petition_views.petition_export, name="petition-export"),
    path("petitions/<int:pk>/offline/", petition_views.offline_add, name="petition-offline"),
    path(
        "petitions/<int:pk>/offline/<int:entry>/remove/",
        petition_views.offline_remove,
        name="petition-offline-remove",
    ),
    path(
        "organizations/<int:pk>/people.csv",
        petition_views.people_export,
        name="people-export",
    ),
]
