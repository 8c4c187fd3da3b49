"""What every email to a supporter carries."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse

register = template.Library()


@register.simple_tag
def your_data_url() -> str:
    """The absolute address of the "Your data" page, for the foot of every supporter mail."""
    return settings.BEACON_BASE_URL + reverse("actions:your-data")
