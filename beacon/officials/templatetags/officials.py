"""Template helpers for showing officials and their contact channels."""

from __future__ import annotations

import datetime

from django import template
from django.db.models.fields.files import ImageFieldFile
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from beacon.geo.models import Division
from beacon.officials.models import Official
from beacon.officials.phones import tel_uri
from beacon.officials.selectors import division_slug as _division_slug

register = template.Library()

PLACEHOLDER = "officials/placeholder.svg"
# Party names as Open States spells them, so that pages can show them translated.
PARTIES = {
    "Democratic": _("Democratic"),
    "Republican": _("Republican"),
    "Independent": _("Independent"),
    "Unenrolled": _("Unenrolled"),
    "Libertarian": _("Libertarian"),
    "Green-Rainbow": _("Green-Rainbow"),
}


@register.filter
def party_label(value: str) -> str:
    """A party's name in the visitor's language when we know it, else as the source says."""
    return str(PARTIES.get(value, value))


# The one tel: formatter, shared with the call sheets.
register.filter("tel_uri", tel_uri)


@register.filter
def web_url(value: str) -> str:
    """The value if it is an http(s) URL that is safe to link to, else ""."""
    text = (value or "").strip()
    return text if text.lower().startswith(("https://", "http://")) and " " not in text else ""


@register.filter
def address_lines(value: str) -> list[str]:
    """Open States separates the lines of an address with semicolons."""
    return [line.strip() for line in (value or "").split(";") if line.strip()]


@register.filter
def photo_url(official: Official) -> str:
    """Our own copy of the official's photo, or the neutral placeholder."""
    # The stubs type a model's file attribute as Any; Django gives an ImageFieldFile.
    photo: ImageFieldFile = official.photo
    if photo:
        return photo.url
    return static(PLACEHOLDER)


@register.filter
def division_slug(division: Division) -> str:
    return _division_slug(division)


@register.simple_tag
def officials_as_of() -> datetime.date | None:
    """The day the officials data describes, for "Officials data as of <date>"."""
    from beacon.officials.selectors import officials_data_as_of

    return officials_data_as_of()


@register.simple_tag
def state_house_phone() -> str:
    """The legislature's main line, which reaches whoever holds a seat."""
    from beacon.officials.models import Jurisdiction

    return Jurisdiction.objects.values_list("main_phone", flat=True).first() or ""


@register.simple_tag
def official_card(official: Official, title: str = "", division: Division | None = None) -> str:
    """An official's card (photo, role, every channel): `officials/_official_card.html`,
    rendered once per official, title, district and language and kept for
    BEACON_OFFICIALS_CACHE_SECONDS in this process (rendering the cards was about half of
    the lookup page). The card depends on nothing else of the page."""
    from beacon.officials.lookup import rendered_get

    def render() -> str:
        context = {"official": official, "title": title, "division": division}
        return render_to_string("officials/_official_card.html", context)

    key = ("card", official.pk, str(title), getattr(division, "pk", None), get_language())
    return rendered_get(key, render)
