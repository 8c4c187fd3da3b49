"""`{{ campaign|text:"title" }}`: an organizer's text in the page's language where written,
else in the campaign's main language, as a `beacon.campaigns.content.Text` (use `.inline`,
`.lang_attr` and `.html` to mark its language; see docs/architecture.md)."""

from __future__ import annotations

from django import template

from ..content import Text, text_for

register = template.Library()


@register.filter(name="text")
def text_filter(obj, field: str) -> Text:
    return text_for(obj, field)


@register.filter(name="text_inline")
def text_inline_filter(obj, field: str):
    """The text escaped, in a `<span lang>` when its language is not the page's."""
    return text_for(obj, field).inline
