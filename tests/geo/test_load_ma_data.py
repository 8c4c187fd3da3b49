"""load_ma_data: from the data folder when present, else downloaded from the sources."""

from __future__ import annotations

import shutil

import pytest
from django.core.management import CommandError, call_command

from beacon.geo.models import Boundary, BoundarySet
from beacon.geo.selectors import division_list_for_point

from .conftest import ALPHA, GEO

pytestmark = pytest.mark.django_db


@pytest.fixture
def sources(settings, tmp_path, file_server):
    """Official-source URLs pointed at the fixture files served on 127.0.0.1."""
    settings.VAR_DIR = tmp_path / "var"
    settings.BEACON_DATA_URLS = {
        "house2021": f"{file_server}/house_tiny.geojson",
        "senate2021": f"{file_server}/senate_tiny.geojson",
        "city_town_2024": f"{file_server}/towns_tiny.geojson",
    }
    return settings.BEACON_DATA_URLS


def test_without_a_data_folder_the_layers_are_downloaded_and_cached(sources, tmp_path, capsys):
    empty = tmp_path / "no-data"

    call_command("load_ma_data", f"--data-dir={empty}", "--skip-officials")
    out = capsys.readouterr().out

    assert "Downloading " in out and "(100%)" in out
    assert "Skipping govcouncil2021" in out
    assert {s.kind for s in BoundarySet.objects.all()} == {"sldl", "sldu", "place"}
    assert [d.name for d in division_list_for_point(lat=ALPHA[0], lon=ALPHA[1])] == [
        "Massachusetts",
        "Alpha",
        "Cape and Islands",
        "1st Barnstable",
    ]
    cached = sorted(p.name.split("-", 1)[1] for p in (tmp_path / "var/cache/geo").iterdir())
    assert cached == ["house_tiny.geojson", "senate_tiny.geojson", "towns_tiny.geojson"]

    # Safe to run again: the cache is reused and nothing is duplicated.
    count = Boundary.objects.count()
    call_command("load_ma_data", f"--data-dir={empty}", "--skip-officials")
    assert "Using cached" in capsys.readouterr().out
    assert Boundary.objects.count() == count


def test_the_data_folder_is_preferred_to_downloads(sources, settings, tmp_path, capsys):
    folder = tmp_path / "data" / "ma" / "boundaries"
    folder.mkdir(parents=True)
    shutil.copy(GEO / "house_tiny.geojson", folder / "house2021.geojson")
    settings.BEACON_DATA_URLS = {}

    call_command("load_ma_data", f"--data-dir={tmp_path / 'data'}", "--skip-officials")
    out = capsys.readouterr().out

    assert f"Loading house2021 from {folder / 'house2021.geojson'}" in out
    assert "Downloading" not in out
    assert "1 features matched no division" in out
    assert list(BoundarySet.objects.values_list("kind", flat=True)) == ["sldl"]


def test_an_unreachable_source_fails_clearly(sources, settings, tmp_path, file_server):
    settings.BEACON_DATA_URLS = {"house2021": f"{file_server}/missing.zip"}

    with pytest.raises(CommandError, match="Cannot download"):
        call_command("load_ma_data", f"--data-dir={tmp_path}", "--skip-officials")
    assert not list((tmp_path / "var/cache/geo").glob("*.part"))


def test_import_boundaries_accepts_a_url(sources, capsys):
    call_command(
        "import_boundaries",
        sources["city_town_2024"],
        "--kind=place",
        "--set=2024",
        "--effective-from=2022-01-01",
    )

    assert "Imported 3 place boundaries" in capsys.readouterr().out


@pytest.fixture
def address_server(tmp_path):
    """The address fixture files, in their real formats, served over HTTP on 127.0.0.1."""
    from functools import partial

    from .addressdata import addrfeat_write, points_write
    from .conftest import _QuietFiles, _serve

    served = tmp_path / "served"
    addrfeat_write(served)
    points_write(served)
    server, thread = _serve(partial(_QuietFiles, directory=str(served)))
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_download_also_fetches_the_address_data(
    sources, settings, tmp_path, address_server, capsys
):
    from beacon.geo.models import AddressPoint, AddressSource
    from beacon.geo.services import address_resolve

    settings.BEACON_ADDRESS_URLS = {
        "addrfeat": [f"{address_server}/tl_2024_25001_addrfeat.zip"],
        "address_points": [f"{address_server}/MAD_ADDRESS_POINTS.zip"],
    }

    call_command(
        "load_ma_data", f"--data-dir={tmp_path / 'none'}", "--download", "--skip-officials"
    )
    out = capsys.readouterr().out

    assert "Downloading " in out and "tl_2024_25001_addrfeat.zip" in out
    assert "Imported 9 street segments from 1 file(s) into addrfeat 'TIGER/Line 2024'" in out
    assert "Skipped 2: no house numbers on either side" in out
    assert "Imported 2 address points" in out
    assert AddressSource.objects.count() == 2 and AddressPoint.objects.count() == 2
    assert address_resolve(street="12 Division St", city="Beta").precision == "street"

    # Safe to run again: the cached files are reused and nothing is duplicated.
    call_command(
        "load_ma_data", f"--data-dir={tmp_path / 'none'}", "--download", "--skip-officials"
    )
    assert "Using cached" in capsys.readouterr().out
    assert AddressPoint.objects.count() == 2


def test_without_download_address_data_is_read_from_the_data_folder_only(
    sources, settings, tmp_path, capsys
):
    from .addressdata import addrfeat_write

    addrfeat_write(tmp_path / "data" / "ma" / "addresses" / "addrfeat")
    settings.BEACON_DATA_URLS = {}
    settings.BEACON_ADDRESS_URLS = {"addrfeat": ["http://127.0.0.1:9/never.zip"]}

    call_command("load_ma_data", f"--data-dir={tmp_path / 'data'}", "--skip-officials")
    out = capsys.readouterr().out

    assert "Imported 9 street segments" in out
    assert "Skipping address_points: not in" in out
