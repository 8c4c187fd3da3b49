"""Fetching boundary files from their official sources into a cache under var/."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import requests
from django.conf import settings

CHUNK = 256 * 1024


class DownloadError(OSError):
    """The file could not be downloaded."""


def cache_dir() -> Path:
    """var/cache/geo, created on demand."""
    path = Path(settings.VAR_DIR) / "cache" / "geo"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cached_path_for(url: str) -> Path:
    """Where `url` is cached: its file name, prefixed by a short hash of the whole URL."""
    name = Path(urlsplit(url).path).name or "download"
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", name)
    digest = hashlib.sha256(url.encode()).hexdigest()[:10]
    return cache_dir() / f"{digest}-{name}"


def download(
    url: str, *, refresh: bool = False, progress: Callable[[str], None] | None = None
) -> Path:
    """Download `url` (http or https) into the cache, reusing an earlier download.

    Writes to a `.part` file renamed on success, so an interrupted download is never
    mistaken for a complete one. Reports progress through `progress` about every 10%.
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise DownloadError(f"Not an http(s) URL: {url}")
    target = cached_path_for(url)
    if target.exists() and not refresh:
        if progress:
            progress(f"Using cached {target.name}")
        return target
    part = target.with_suffix(target.suffix + ".part")
    try:
        with requests.get(url, stream=True, timeout=(10, 60)) as response:
            response.raise_for_status()
            total = int(response.headers.get("Content-Length") or 0)
            _stream(response, part, total, target.name, progress)
    except requests.RequestException as e:
        part.unlink(missing_ok=True)
        raise DownloadError(f"Cannot download {url}: {e}") from e
    part.replace(target)
    return target


def _stream(
    response: requests.Response,
    part: Path,
    total: int,
    name: str,
    progress: Callable[[str], None] | None,
) -> None:
    done, next_report = 0, 0.0
    with part.open("wb") as fh:
        for chunk in response.iter_content(CHUNK):
            fh.write(chunk)
            done += len(chunk)
            share = done / total if total else 0.0
            if progress and (share >= next_report or not total):
                size = f"{done / 1e6:.1f} MB" + (f" of {total / 1e6:.1f} MB" if total else "")
                progress(f"Downloading {name}: {size}" + (f" ({share:.0%})" if total else ""))
                next_report = share + 0.1
