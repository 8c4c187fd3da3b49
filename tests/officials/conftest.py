"""Fixtures for the officials tests: the hand-written Open States tree, and a local HTTP
server (loopback only) standing in for the photo and data hosts."""

from __future__ import annotations

import http.server
import shutil
import threading
from io import StringIO
from pathlib import Path

import pyproj
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "openstates"


@pytest.fixture
def openstates_tree(tmp_path) -> Path:
    """A writable copy of tests/fixtures/openstates/ma, for tests that change the source."""
    target = tmp_path / "openstates" / "ma"
    shutil.copytree(FIXTURES / "ma", target)
    return target


@pytest.fixture
def import_officials():
    """Run `beacon import_officials SOURCE --no-photos` and return what it printed.

    The hand-written files describe the present, whatever day the test runs: they are
    imported `--as-of` today unless a test says otherwise. The real snapshot is not (its
    own dates say how old it is; tests reading it pin the clock)."""

    def run(source, *extra: str) -> str:
        real = str(source).startswith(str(settings.BEACON_DATA_DIR))
        if "--as-of" not in extra and not real:
            extra = (*extra, "--as-of", timezone.localdate().isoformat())
        out, err = StringIO(), StringIO()
        call_command("import_officials", str(source), "--no-photos", *extra, stdout=out, stderr=err)
        return out.getvalue() + err.getvalue()

    return run


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name.
        pass


@pytest.fixture
def file_server(tmp_path):
    """Serve a temporary directory over HTTP on 127.0.0.1; yields (directory, base_url)."""
    root = tmp_path / "served"
    root.mkdir()

    def handler(*args, **kwargs):
        return _QuietHandler(*args, directory=str(root), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _square(west, south, east, north):
    return {
        "type": "Polygon",
        "coordinates": [
            [[west, south], [east, south], [east, north], [west, north], [west, south]]
        ],
    }


def _collection(features):
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": props, "geometry": geometry}
            for props, geometry in features
        ],
    }


# A tiny Cape Cod, in WGS84. Barnstable is split between two House districts;
# Yarmouth lies wholly in the 2nd Barnstable; the Senate district covers both.
CAPE_MAP = {
    "place": [
        ({"city_town": "BARNSTABLE"}, _square(-70.40, 41.60, -70.20, 41.70)),
        ({"city_town": "YARMOUTH"}, _square(-70.20, 41.60, -70.00, 41.70)),
    ],
    "sldu": [({"district_display": "Cape and Islands"}, _square(-70.40, 41.60, -70.00, 41.70))],
    "sldl": [
        ({"district_display": "1st Barnstable"}, _square(-70.40, 41.60, -70.30, 41.70)),
        ({"district_display": "2nd Barnstable"}, _square(-70.30, 41.60, -70.00, 41.70)),
    ],
}
# Points inside: (lat, lon).
WEST_BARNSTABLE = (41.65, -70.35)
YARMOUTH = (41.65, -70.10)
OUTSIDE = (42.0, -73.9)  # New York


def cape_map_load(directory: Path) -> None:
    """Load CAPE_MAP's boundaries through geo's importer (sets in force since 2022),
    writing its GeoJSON files in `directory`."""
    import datetime
    import json

    from beacon.geo.services import boundaries_import

    for kind in ("place", "sldu", "sldl"):
        path = directory / f"{kind}.geojson"
        path.write_text(json.dumps(_collection(CAPE_MAP[kind])))
        boundaries_import(
            path=path, kind=kind, set_name="test plan", effective_from=datetime.date(2022, 1, 1)
        )


@pytest.fixture
def cape_map(tmp_path):
    """Boundaries for CAPE_MAP loaded through geo's importer (sets in force since 2022)."""
    cape_map_load(tmp_path)
    yield
    from beacon.geo.index import index_invalidate

    index_invalidate()


@pytest.fixture
def cape(cape_map, import_officials, settings):
    """The map plus the fixture officials, with the offline town geocoder."""
    settings.BEACON_GEOCODER = "town"
    import_officials(FIXTURES / "ma")


_to_sp = pyproj.Transformer.from_crs(4326, 26986, always_xy=True)


def _sp(*lonlats):
    return [_to_sp.transform(lon, lat) for lon, lat in lonlats]


# Barnstable (CAPE_MAP) is split at longitude -70.30 between the 1st and 2nd Barnstable.
ZIP = ("02630", "02630")
CAPE_STREETS = [
    (2001, "Main St", _sp((-70.36, 41.65), (-70.32, 41.65)), ("1", "99", "2", "98"), *ZIP),
    (2002, "Main St", _sp((-70.28, 41.65), (-70.24, 41.65)), ("101", "199", "100", "198"), *ZIP),
    (2003, "Boundary Rd", _sp((-70.30, 41.62), (-70.30, 41.68)), ("1", "99", "2", "98"), *ZIP),
]


@pytest.fixture
def cape_streets(cape, tmp_path, settings):
    """CAPE_STREETS as TIGER/Line address ranges, with the local geocoder chosen."""
    from beacon.geo.services.addresses import address_ranges_import

    from ..geo.addressdata import addrfeat_write

    settings.BEACON_GEOCODER = "auto"
    address_ranges_import(paths=[addrfeat_write(tmp_path, CAPE_STREETS)], name="test")
