"""The home page: published campaigns."""

from django.shortcuts import render

from .selectors import campaign_list_public


def home(request):
    return render(request, "campaigns/home.html", {"campaigns": campaign_list_public()[:50]})
