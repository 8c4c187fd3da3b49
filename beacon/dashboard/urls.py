from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("letters/<int:pk>/", views.letter_results, name="letters"),
    path("letters/<int:pk>/export.csv", views.letter_export, name="letters-export"),
]
