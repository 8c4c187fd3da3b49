"""The retention schedule for templates: /privacy/ renders its table from it, so the page
always says what `beacon enforce_retention` does."""

from __future__ import annotations

from django import template

from beacon.people.retention import RetentionClass, retention_schedule

register = template.Library()


@register.simple_tag(name="retention_schedule")
def retention_schedule_tag() -> list[RetentionClass]:
    """`{% retention_schedule as schedule %}`: the classes that apply, in order."""
    return retention_schedule()
