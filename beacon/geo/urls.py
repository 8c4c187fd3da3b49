from django.urls import URLPattern, URLResolver, path  # noqa: F401

app_name = "geo"
urlpatterns: list[URLPattern | URLResolver] = []
