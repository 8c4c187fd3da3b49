"""The picture a link preview shows (WhatsApp, Facebook, X, Bluesky, Signal, SMS) for a
campaign that has no image of its own: drawn here with Pillow, never fetched.

1200 x 630 pixels (the size Open Graph previews crop least), the organization's colour,
the title in the visitor's language, the organization's name and, for petitions, the count
rounded down to a step. The step is part of the cache key, so an image is drawn again only
when the count passes a step (10, 100, 1,000...), not at every signature.

Titles need a font with their glyphs: Chinese needs a CJK font (Debian's fonts-noto-cjk,
which .ci/run installs). Without one, the image uses the title in the campaign's main
language instead of boxes.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as django_cache
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageDraw, ImageFont

from beacon.campaigns.content import main_language, text_for

WIDTH, HEIGHT = 1200, 630
TEXT_WIDTH = WIDTH - 2 * 80
CACHE_SECONDS = 24 * 3600


def count_step(count: int) -> int:
    """The count rounded down to its step: 0-9 as is, then tens, hundreds, thousands..."""
    if count < 10:
        return count
    step = 10 ** (len(str(count)) - 1)
    return count - count % step


def _needs_cjk(text: str) -> bool:
    return any(
        "\u3000" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"
        for ch in text
    )


@cache
def _font_path(kind: str) -> str | None:
    """The first existing font file for "latin" or "cjk" (BEACON_SHARE_FONTS)."""
    for candidate in settings.BEACON_SHARE_FONTS[kind]:
        if Path(candidate).exists():
            return str(candidate)
    return None


def _font(kind: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _font_path(kind)
    if path is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(path, size=size)


def _title_for_image(campaign, language: str) -> tuple[str, str]:
    """(title, font kind): the visitor's title if a font can draw it, else the campaign's
    main language's."""
    title = str(text_for(campaign, "title", language))
    if not _needs_cjk(title):
        return title, "latin"
    if _font_path("cjk") is not None:
        return title, "cjk"
    fallback = str(text_for(campaign, "title", main_language(campaign)))
    return fallback, "cjk" if _needs_cjk(fallback) and _font_path("cjk") else "latin"


def _hex(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _wrap(
    text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, kind: str, width: int
) -> list[str]:
    """Greedy lines no wider than `width` pixels: by words, or by characters for CJK."""
    units = list(text) if kind == "cjk" else text.split()
    joiner = "" if kind == "cjk" else " "
    lines: list[str] = []
    for unit in units:
        candidate = f"{lines[-1]}{joiner}{unit}" if lines else unit
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(unit)
    return lines


def _title_lines(
    title: str, kind: str
) -> tuple[list[str], ImageFont.FreeTypeFont | ImageFont.ImageFont, int]:
    """The title in at most three lines: the largest size that fits, else cut with "…"."""
    for size in (64, 54, 46):
        font = _font(kind, size)
        lines = _wrap(title, font, kind, TEXT_WIDTH)
        if len(lines) <= 3:
            return lines, font, int(size * 1.3)
    lines = lines[:3]
    while lines[2] and font.getlength(lines[2] + "…") > TEXT_WIDTH:
        lines[2] = lines[2][:-1]
    lines[2] += "…"
    return lines, font, int(size * 1.3)


def share_image_draw(campaign, *, language: str, count: int | None) -> bytes:
    """The PNG for `campaign` in `language`; `count` is the petition's count (or None)."""
    title, kind = _title_for_image(campaign, language)
    background = _hex(campaign.organization.primary_colour)
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=_hex(campaign.organization.accent_colour))
    y = 80
    lines, title_font, line_height = _title_lines(title, kind)
    for line in lines:
        draw.text((80, y), line, font=title_font, fill=(255, 255, 255))
        y += line_height
    small_kind = kind if _needs_cjk(campaign.organization.name) else "latin"
    with translation.override(language):
        if count is not None:
            shown = number_format(count_step(count), force_grouping=True)
            people = ngettext(
                "%(count)s person has signed", "%(count)s people have signed", count_step(count)
            ) % {"count": shown}
            count_font = _font(kind if _needs_cjk(people) else "latin", 44)
            draw.text((80, HEIGHT - 200), people, font=count_font, fill=(255, 255, 255))
        brand = _("%(organization)s on Beacon") % {"organization": campaign.organization.name}
    brand_kind = "cjk" if _needs_cjk(brand) and _font_path("cjk") else small_kind
    draw.text((80, HEIGHT - 110), brand, font=_font(brand_kind, 36), fill=(235, 235, 235))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def share_image_png(campaign, *, language: str, version: str) -> bytes:
    """The cached PNG; drawn again when the page version or the count's step changes."""
    petition = getattr(campaign, "petition", None)
    count = petition.signature_count if petition is not None else None
    step = count_step(count) if count is not None else "-"
    key = f"share-image:{campaign.pk}:{version}:{language}:{step}"
    png = django_cache.get(key)
    if png is None:
        png = share_image_draw(campaign, language=language, count=count)
        django_cache.set(key, png, CACHE_SECONDS)
    return png
