from django.urls import path

from beacon.officials import views

app_name = "officials"
urlpatterns = [
    path("legislators/", views.legislators, name="legislators"),
    path("officials/<slug:key>/", views.official_detail, name="official"),
    path("districts/<str:slug>/", views.division_detail, name="division"),
]
