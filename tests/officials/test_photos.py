"""Photos are copied once into our own storage; unreachable ones fall back quietly."""

from __future__ import annotations

import io
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from beacon.officials.importers.photos import official_photos_copy
from beacon.officials.models import Official

pytestmark = pytest.mark.django_db


def _set_image(tree, prefix, url):
    path = next(tree.glob(f"*/{prefix}-*.yml"))
    lines = [line for line in path.read_text().splitlines() if not line.startswith("image:")]
    lines.insert(1, f"image: {url}")
    path.write_text("\n".join(lines) + "\n")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 10), (120, 130, 140)).save(buffer, "PNG")
    return buffer.getvalue()


def test_photos_are_copied_into_media_and_failures_counted(openstates_tree, file_server, client):
    root, base_url = file_server
    (root / "rosa.png").write_bytes(_png())
    (root / "ben.png").write_text("<html>not an image</html>")
    _set_image(openstates_tree, "Rosa", f"{base_url}/rosa.png")
    _set_image(openstates_tree, "Ben", f"{base_url}/ben.png")
    _set_image(openstates_tree, "Carla", f"{base_url}/missing.png")
    out = StringIO()

    call_command(
        "import_officials", str(openstates_tree), "--as-of", str(timezone.localdate()), stdout=out
    )

    assert "Photos: 1 copied, 2 not reachable" in out.getvalue()
    rosa = Official.objects.get(name="Rosa Senator")
    assert rosa.photo.name == "officials/photos/11111111-1111-4111-8111-111111111111.png"
    assert (settings.MEDIA_ROOT / rosa.photo.name).read_bytes() == _png()
    html = client.get("/officials/rosa-senator/").content.decode()
    assert f'src="/media/{rosa.photo.name}"' in html and 'alt="Photo of Rosa Senator"' in html
    assert base_url not in html  # never hot-linked

    # Copied once: a second import fetches nothing new.
    (root / "rosa.png").unlink()
    again = StringIO()
    call_command(
        "import_officials", str(openstates_tree), "--as-of", str(timezone.localdate()), stdout=again
    )
    assert "Photos: 0 copied" in again.getvalue()
    assert Official.objects.get(name="Rosa Senator").photo.name == rosa.photo.name


def test_offline_photo_fetching_gives_up_quickly(import_officials, openstates_tree):
    for prefix in ("Rosa", "Ben", "Carla", "Grace"):
        _set_image(openstates_tree, prefix, "http://127.0.0.1:9/photo.jpg")
    import_officials(openstates_tree)
    calls = []

    def unreachable(url):
        from beacon.officials.importers.photos import PhotoNetworkError

        calls.append(url)
        raise PhotoNetworkError("ConnectionError")

    report = official_photos_copy(download=unreachable)

    # Three network failures in a row: the fourth photo is not even tried.
    assert (report.copied, report.failed) == (0, 4)
    assert len(calls) == 3
    assert not Official.objects.exclude(photo="").exists()
