"""Template context shared by every page."""

from django.conf import settings


def site(request):
    return {"BEACON_BASE_URL": settings.BEACON_BASE_URL, "DEBUG": settings.DEBUG}
