"""Turning the PATH_OR_URL given to `beacon import_officials` into a Dataset."""

from __future__ import annotations

import tarfile
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import requests

from beacon.officials.importers.csv_file import CsvFormatError, read_people_csv
from beacon.officials.importers.records import Dataset
from beacon.officials.importers.yaml_tree import is_people_tree, read_yaml_tree

DOWNLOAD_TIMEOUT = (5, 60)


class SourceError(Exception):
    """The source cannot be read; the message says why, for the person running the import."""


def dataset_load(source: str | Path, *, abbr: str = "ma", cache_dir: Path | None = None) -> Dataset:
    """Read an Open States YAML tree (directory, .zip or .tar.gz of it) or a people CSV,
    from a local path or an http(s) URL.

    With `cache_dir`, a URL is downloaded there and the cached copy is used when the
    download fails (offline), so a machine that loaded the data once can load it again.
    """
    text = str(source)
    if urlparse(text).scheme in ("http", "https"):
        if cache_dir is not None:
            return _dataset_from_path(_download_cached(text, cache_dir), abbr=abbr)
        with tempfile.TemporaryDirectory(prefix="beacon-openstates-") as tmp:
            return _dataset_from_path(_download(text, Path(tmp)), abbr=abbr)
    path = Path(text).expanduser()
    if not path.exists():
        raise SourceError(f"{path} does not exist")
    return _dataset_from_path(path, abbr=abbr)


def _download(url: str, directory: Path) -> Path:
    name = Path(urlparse(url).path).name or "download"
    target = directory / name
    try:
        with requests.get(url, timeout=DOWNLOAD_TIMEOUT, stream=True) as response:
            if response.status_code != 200:
                raise SourceError(f"{url} answered HTTP {response.status_code}")
            with target.open("wb") as out:
                for chunk in response.iter_content(256 * 1024):
                    out.write(chunk)
    except requests.RequestException as error:
        raise SourceError(f"could not download {url}: {type(error).__name__}") from error
    return target


def _download_cached(url: str, cache_dir: Path) -> Path:
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = cache_dir / (Path(urlparse(url).path).name or "download")
    with tempfile.TemporaryDirectory(dir=cache_dir) as tmp:
        try:
            fresh = _download(url, Path(tmp))
        except SourceError:
            if cached.exists():
                return cached
            raise
        fresh.replace(cached)
    return cached


def _dataset_from_path(path: Path, *, abbr: str) -> Dataset:
    if path.is_dir():
        tree = _find_tree(path, abbr)
        if tree is None:
            raise SourceError(f"{path} holds no Open States legislature/ or executive/ folder")
        return read_yaml_tree(tree, abbr=abbr)
    suffixes = "".join(path.suffixes[-2:]).lower()
    if path.suffix.lower() == ".csv":
        try:
            return read_people_csv(path.read_text(encoding="utf-8"), abbr=abbr)
        except (CsvFormatError, UnicodeDecodeError) as error:
            raise SourceError(f"{path.name} is not an Open States people CSV: {error}") from error
    if path.suffix.lower() == ".zip" or suffixes in (".tar.gz", ".tgz") or path.suffix == ".tgz":
        with tempfile.TemporaryDirectory(prefix="beacon-openstates-") as tmp:
            _extract(path, Path(tmp))
            return _dataset_from_path(Path(tmp), abbr=abbr)
    raise SourceError(f"{path.name}: expected a directory, .csv, .zip or .tar.gz")


def _extract(archive: Path, directory: Path) -> None:
    try:
        if archive.suffix.lower() == ".zip":
            with zipfile.ZipFile(archive) as zipped:
                zipped.extractall(directory)
        else:
            with tarfile.open(archive) as tarred:
                tarred.extractall(directory, filter="data")
    except (zipfile.BadZipFile, tarfile.TarError) as error:
        raise SourceError(f"{archive.name} is not a readable archive") from error


def _find_tree(root: Path, abbr: str) -> Path | None:
    """The state directory: root itself, root/<abbr>, or root/**/data/<abbr>."""
    for candidate in (root, root / abbr, root / "data" / abbr):
        if is_people_tree(candidate):
            return candidate
    for candidate in sorted(root.glob(f"**/{abbr}")):
        if is_people_tree(candidate):
            return candidate
    return None
