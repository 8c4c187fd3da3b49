"""Copying officials' photos once into our own media storage.

Pages never hot-link another site's image: that would tell it who reads our pages.
Downloads are short and bounded; offline, they fail fast and the placeholder is shown.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass

import requests
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

from beacon.officials.models import Official, current_role_q

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = (3.05, 5)  # connect, read (seconds)
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# After this many network failures in a row we assume we are offline and stop trying.
GIVE_UP_AFTER = 3


class PhotoError(Exception):
    """The photo could not be fetched or is not an image we accept."""


class PhotoNetworkError(PhotoError):
    """The photo's server could not be reached at all (offline, DNS, timeout)."""


@dataclass
class PhotoReport:
    copied: int = 0
    failed: int = 0


def photo_download(url: str, *, session: requests.Session | None = None) -> tuple[bytes, str]:
    """Fetch `url` and return (bytes, file extension); raise PhotoError if unusable.

    Accepts only JPEG, PNG, GIF or WebP images under 5 MB, checked by decoding them.
    """
    getter = session or requests
    try:
        response = getter.get(
            url,
            timeout=TIMEOUT,
            stream=True,
            headers={"User-Agent": "Beacon/0.1 (official photos)"},
        )
        if response.status_code != 200:
            raise PhotoError(f"HTTP {response.status_code}")
        data = b""
        for chunk in response.iter_content(64 * 1024):
            data += chunk
            if len(data) > MAX_BYTES:
                raise PhotoError("too large")
    except requests.RequestException as error:
        raise PhotoNetworkError(type(error).__name__) from error
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise PhotoError("not an image") from error
    if kind not in EXTENSIONS:
        raise PhotoError(f"unsupported format {kind}")
    return data, EXTENSIONS[kind]


def official_photos_copy(
    *, download: Callable[[str], tuple[bytes, str]] = photo_download
) -> PhotoReport:
    """Copy the photo of every current official who has a source URL and no copy yet.

    Failures are counted, never raised; after a few network failures in a row the rest
    are counted as failed without trying (an offline machine should not wait minutes).
    """
    report = PhotoReport()
    pending = (
        Official.objects.filter(current_role_q("roles__"), photo="")
        .exclude(photo_source_url="")
        .distinct()
        .order_by("pk")
    )
    failures_in_row = 0
    for official in pending:
        if failures_in_row >= GIVE_UP_AFTER:
            report.failed += 1
            continue
        try:
            data, extension = download(official.photo_source_url)
        except PhotoError as error:
            logger.debug("photo for %s not copied: %s", official.ocd_person_id, error)
            report.failed += 1
            failures_in_row = failures_in_row + 1 if isinstance(error, PhotoNetworkError) else 0
            continue
        failures_in_row = 0
        official.photo.save(f"{official.ocd_uuid}.{extension}", ContentFile(data), save=False)
        Official.objects.filter(pk=official.pk).update(photo=official.photo.name)
        report.copied += 1
    return report
