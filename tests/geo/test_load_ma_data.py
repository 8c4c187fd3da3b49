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
