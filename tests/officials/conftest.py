"""Fixtures for the officials tests: the hand-written Open States tree, and a local HTTP
server (loopback only) standing in for the photo and data hosts."""

from __future__ import annotations

import http.server
import shutil
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "openstates"


@pytest.fixture
def openstates_tree(tmp_path) -> Path:
    """A writable copy of tests/fixtures/openstates/ma, for tests that change the source."""
    target = tmp_path / "openstates" / "ma"
    shutil.copytree(FIXTURES / "ma", target)
    return target


@pytest.fixture
def import_officials():
    """Run `beacon import_officials SOURCE --no-photos` and return what it printed."""

    def run(source, *extra: str) -> str:
        out, err = StringIO(), StringIO()
        call_command("import_officials", str(source), "--no-photos", *extra, stdout=out,
                     stderr=err)
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
