"""Fixtures for geo tests: the tiny fixture boundaries and local HTTP servers."""

from __future__ import annotations

import datetime
import http.server
import json
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyproj
import pytest

from beacon.geo.index import index_invalidate
from beacon.geo.services import boundaries_import

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GEO = FIXTURES / "geo"
CENSUS = FIXTURES / "census"
PLAN_START = datetime.date(2022, 1, 1)

_to_wgs84 = pyproj.Transformer.from_crs(26986, 4326, always_xy=True)


def latlon(x: float, y: float) -> tuple[float, float]:
    """(lat, lon) of a point given in State Plane metres, like the fixture files."""
    lon, lat = _to_wgs84.transform(x, y)
    return lat, lon


ALPHA = latlon(202_000, 905_000)
BETA_WEST = latlon(206_000, 905_000)
BETA_EAST = latlon(212_000, 905_000)
GAMMA = latlon(217_000, 905_000)
NOWHERE = latlon(225_000, 905_000)


@pytest.fixture(autouse=True)
def _fresh_index():
    index_invalidate()
    yield
    index_invalidate()


@pytest.fixture
def tiny_boundaries(db):
    """House, Senate and town boundaries of the fixture files, in force from 2022."""
    return {
        kind: boundaries_import(
            path=GEO / name, kind=kind, set_name="2021 plan", effective_from=PLAN_START
        )
        for kind, name in [
            ("sldl", "house_tiny.geojson"),
            ("sldu", "senate_tiny.geojson"),
            ("place", "towns_tiny.geojson"),
        ]
    }


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    delay: float = 0.0


@dataclass
class FakeCensus:
    """A local HTTP server answering like the Census geocoder, from recorded payloads."""

    url: str
    replies: list[Reply] = field(default_factory=list)
    queries: list[dict[str, list[str]]] = field(default_factory=list)

    def reply_with(self, fixture: str, status: int = 200, delay: float = 0.0) -> None:
        body = (CENSUS / fixture).read_bytes() if fixture else b""
        self.replies.append(Reply(status, body, delay))


class _CensusHandler(http.server.BaseHTTPRequestHandler):
    fake: FakeCensus

    def do_GET(self):  # noqa: N802 - the http.server API.
        self.fake.queries.append(parse_qs(urlsplit(self.path).query))
        reply = self.fake.replies.pop(0) if self.fake.replies else Reply(500, b"")
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # The client gave up (the timeout test).

    def log_message(self, *args):
        pass


def _serve(handler) -> tuple[http.server.ThreadingHTTPServer, threading.Thread]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


@pytest.fixture
def census(settings):
    """The Census geocoder chosen in settings and pointed at a local fake."""
    fake = FakeCensus(url="")
    handler = type("Handler", (_CensusHandler,), {"fake": fake})
    server, thread = _serve(handler)
    fake.url = f"http://127.0.0.1:{server.server_port}/geocoder/locations/address"
    settings.BEACON_GEOCODER = "census"
    settings.BEACON_CENSUS_GEOCODER_URL = fake.url
    settings.BEACON_CENSUS_GEOCODER_TIMEOUT = 0.5
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(5)


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def file_server():
    """Serves tests/fixtures/geo over HTTP on 127.0.0.1; yields its base URL."""
    server, thread = _serve(partial(_QuietFiles, directory=str(GEO)))
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(5)


def geojson_write(path: Path, features: list[dict], crs: str | None = None) -> Path:
    """Write a FeatureCollection, with a `crs` member when `crs` is given."""
    data: dict = {"type": "FeatureCollection", "features": features}
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(data))
    return path
