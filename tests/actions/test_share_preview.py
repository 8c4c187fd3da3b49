"""Link previews: Open Graph and Twitter card tags on campaign pages, and the share image
Beacon draws for campaigns without their own."""

from __future__ import annotations

import io
import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from beacon.actions import shareimage
from beacon.actions.shareimage import count_step, share_image_draw
from tests.campaigns.factories import PetitionFactory

pytestmark = pytest.mark.django_db


def meta(html: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    assert found, key
    return found.group(1)


def test_campaign_pages_carry_preview_tags_in_the_visitors_language(client, settings):
    settings.BEACON_BASE_URL = "https://beacon.example"
    petition = PetitionFactory(campaign__title="Protect our neighbors", campaign__summary="Sign.")
    slug = petition.campaign.slug
    html = client.get(f"/c/{slug}/").content.decode()
    assert meta(html, "og:title") == "Protect our neighbors"
    assert meta(html, "og:description") == "Sign."
    assert meta(html, "og:url") == f"https://beacon.example/c/{slug}/"
    assert meta(html, "og:image") == f"https://beacon.example/c/{slug}/share.png?lang=en"
    assert meta(html, "og:image:alt") == "Protect our neighbors"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "og:locale") == "en_US"
    client.cookies["django_language"] = "es"
    spanish = client.get(f"/c/{slug}/").content.decode()
    assert meta(spanish, "og:locale") == "es_US"
    assert meta(spanish, "og:image").endswith("share.png?lang=es")
    # No third-party script comes with it.
    assert '<script src="http' not in spanish


def test_a_campaign_with_its_own_image_shows_it_with_its_description(client, settings, tmp_path):
    settings.BEACON_BASE_URL = "https://beacon.example"
    settings.MEDIA_ROOT = tmp_path
    petition = PetitionFactory()
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 10, 10)).save(buffer, format="PNG")
    campaign = petition.campaign
    campaign.image = SimpleUploadedFile("rally.png", buffer.getvalue(), content_type="image/png")
    campaign.image_alt = "Neighbors rally at the State House"
    campaign.save()
    html = client.get(f"/c/{campaign.slug}/").content.decode()
    assert re.fullmatch(
        r"https://beacon\.example/media/campaigns/rally\w*\.png", meta(html, "og:image")
    )
    assert meta(html, "og:image:alt") == "Neighbors rally at the State House"


def test_the_share_image_is_a_png_of_the_preview_size(client):
    petition = PetitionFactory(signature_count=1234)
    response = client.get(f"/c/{petition.campaign.slug}/share.png?lang=es")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
    assert client.get("/c/no-such-campaign/share.png").status_code == 404
    # An unknown language falls back to the visitor's.
    assert client.get(f"/c/{petition.campaign.slug}/share.png?lang=xx").status_code == 200


@pytest.mark.parametrize(
    ("count", "step"), [(0, 0), (7, 7), (10, 10), (19, 10), (250, 200), (1234, 1000)]
)
def test_counts_are_rounded_down_to_a_step(count, step):
    assert count_step(count) == step


def test_the_image_is_drawn_again_only_when_the_count_passes_a_step(client, monkeypatch):
    drawn = []
    original = shareimage.share_image_draw

    def counting(campaign, **kwargs):
        drawn.append(kwargs["count"])
        return original(campaign, **kwargs)

    monkeypatch.setattr(shareimage, "share_image_draw", counting)
    petition = PetitionFactory(signature_count=120)
    url = f"/c/{petition.campaign.slug}/share.png?lang=en"
    client.get(url)
    petition.signature_count = 150
    petition.save()
    client.get(url)  # still "100 people": the cached image
    petition.signature_count = 201
    petition.save()
    client.get(url)
    assert drawn == [120, 201]


def test_chinese_titles_need_a_cjk_font_else_the_main_language_is_drawn(settings):
    campaign = PetitionFactory().campaign
    campaign.title_en = "Protect immigrant communities"
    campaign.title_zh_hans = "保护移民社区"
    shareimage._font_path.cache_clear()
    if shareimage._font_path("cjk") is None:
        message = "no CJK font: apt-get install fonts-noto-cjk (as .ci/run does)"
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    assert shareimage._title_for_image(campaign, "zh-hans") == ("保护移民社区", "cjk")
    settings.BEACON_SHARE_FONTS = {**settings.BEACON_SHARE_FONTS, "cjk": ["/nonexistent.ttc"]}
    shareimage._font_path.cache_clear()
    try:
        assert shareimage._title_for_image(campaign, "zh-hans") == (
            "Protect immigrant communities",
            "latin",
        )
        png = share_image_draw(campaign, language="zh-hans", count=None)
        assert Image.open(io.BytesIO(png)).size == (1200, 630)
    finally:
        shareimage._font_path.cache_clear()


def test_long_titles_wrap_inside_the_picture_in_at_most_three_lines():
    title = "Pass the Safe Communities Act to protect our neighbors " * 4
    lines, font, _height = shareimage._title_lines(title.strip(), "latin")
    assert len(lines) == 3 and lines[2].endswith("…")
    assert all(font.getlength(line) <= shareimage.TEXT_WIDTH for line in lines)
    short, _font, _h = shareimage._title_lines("Protect our neighbors", "latin")
    assert short == ["Protect our neighbors"]
