"""Importing boundaries: GeoJSON and zipped shapefiles in EPSG:26986, reporting, history."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import pyproj
import pytest
import shapefile
import shapely
from django.core.management import CommandError, call_command
from pyproj.enums import WktVersion

from beacon.geo.models import Boundary, BoundarySet, Division, PlaceOverlap
from beacon.geo.readers import BoundaryFileError
from beacon.geo.selectors import division_list_for_point
from beacon.geo.services import boundaries_import

from .conftest import ALPHA, GEO, PLAN_START, geojson_write, latlon

SLDL = "ocd-division/country:us/state:ma/sldl:"


def _vertices(ocd_id: str) -> list[float]:
    """The stored polygon's vertices as sorted (lat, lon) pairs, flattened."""
    boundary = Boundary.objects.get(division__ocd_id=ocd_id)
    geometry = shapely.from_wkb(bytes(boundary.geometry))
    pairs = sorted(
        {(round(lat, 9), round(lon, 9)) for lon, lat in shapely.get_coordinates(geometry)}
    )
    return [c for pair in pairs for c in pair]


def _expected(ring: list[tuple[int, int]]) -> list[float]:
    pairs = sorted({tuple(round(c, 9) for c in latlon(x, y)) for x, y in ring})
    return [c for pair in pairs for c in pair]


def _clockwise(x0, y0, x1, y1):
    return [[x0, y0], [x0, y1], [x1, y1], [x1, y0], [x0, y0]]


def _write_massgis_zip(path: Path) -> Path:
    """A zip laid out like MassGIS downloads: a _POLY and an _ARC layer with a .prj."""
    prj = pyproj.CRS.from_epsg(26986).to_wkt(WktVersion.WKT1_ESRI)
    files: dict[str, io.BytesIO] = {}

    def writer(stem: str, shape_type: int) -> shapefile.Writer:
        for ext in ("shp", "shx", "dbf"):
            files[f"HOUSETEST/{stem}.{ext}"] = io.BytesIO()
        return shapefile.Writer(
            shp=files[f"HOUSETEST/{stem}.shp"],
            shx=files[f"HOUSETEST/{stem}.shx"],
            dbf=files[f"HOUSETEST/{stem}.dbf"],
            shapeType=shape_type,
        )

    arcs = writer("HOUSETEST_ARC", shapefile.POLYLINE)
    arcs.field("OUTLINE", "N", 2)
    arcs.line([[[200000, 900000], [230000, 900000]]])
    arcs.record(1)
    arcs.close()
    polys = writer("HOUSETEST_POLY", shapefile.POLYGON)
    polys.field("REP_DIST", "C", 40)
    polys.field("REPDISTNUM", "N", 5)
    for name, number, x0 in [
        ("First Barnstable", 1, 200000),
        ("Second Barnstable", 2, 210000),
        ("Ninety-Ninth Nowhere", 99, 220000),
    ]:
        polys.poly([_clockwise(x0, 900000, x0 + 10000, 910000)])
        polys.record(name, number)
    polys.close()
    with zipfile.ZipFile(path, "w") as archive:
        for name, buffer in files.items():
            archive.writestr(name, buffer.getvalue())
        for stem in ("HOUSETEST_POLY", "HOUSETEST_ARC"):
            archive.writestr(f"HOUSETEST/{stem}.prj", prj)
    return path


@pytest.mark.django_db
def test_geojson_in_state_plane_is_reprojected_and_the_misnamed_feature_reported():
    report = boundaries_import(
        path=GEO / "house_tiny.geojson",
        kind="sldl",
        set_name="2021 plan",
        effective_from=PLAN_START,
    )

    assert report.imported == 2
    assert report.unmatched_features == ["99th Nowhere"]
    # The other 158 House districts of the metadata have no boundary in this file.
    assert len(report.divisions_without_boundary) == 158
    assert "3rd Berkshire" in report.divisions_without_boundary
    ring = [(200000, 900000), (210000, 900000), (210000, 909000), (214020, 909000),
            (214020, 910000), (200000, 910000)]  # fmt: skip
    assert _vertices(SLDL + "1st_barnstable") == pytest.approx(_expected(ring), abs=1e-9)
    assert Division.objects.get(ocd_id=SLDL + "1st_barnstable").kind == "sldl"
    assert Division.objects.filter(kind="sldl").count() == 160


@pytest.mark.django_db
def test_zipped_shapefile_with_prj_reads_the_polygon_layer(tmp_path):
    path = _write_massgis_zip(tmp_path / "HOUSETEST.zip")

    report = boundaries_import(
        path=path, kind="sldl", set_name="2021 plan", effective_from=PLAN_START
    )

    assert report.imported == 2
    assert report.unmatched_features == ["Ninety-Ninth Nowhere"]
    ring = [(210000, 900000), (220000, 900000), (220000, 910000), (210000, 910000)]
    assert _vertices(SLDL + "2nd_barnstable") == pytest.approx(_expected(ring), abs=1e-9)
    assert [d.name for d in division_list_for_point(lat=ALPHA[0], lon=ALPHA[1])] == [
        "Massachusetts",
        "1st Barnstable",
    ]


@pytest.mark.django_db
def test_command_prints_unmatched_features_and_a_summary(capsys):
    call_command(
        "import_boundaries",
        str(GEO / "house_tiny.geojson"),
        "--kind=sldl",
        "--set=2021 plan",
        "--effective-from=2022-01-01",
    )
    out, err = capsys.readouterr()

    assert "Imported 2 sldl boundaries into '2021 plan' (in force from 2022-01-01)." in out
    assert "Feature matching no division: 99th Nowhere" in err
    assert "Division without a boundary: 3rd Berkshire" in err
    assert "1 features matched no division; 158 divisions have no boundary." in out
    with pytest.raises(CommandError, match="left unmatched"):
        call_command(
            "import_boundaries", str(GEO / "house_tiny.geojson"), "--chamber=lower", "--strict",
            "--set=2021 plan",
        )  # fmt: skip


@pytest.mark.django_db
def test_reimport_replaces_geometries_without_duplicates(tiny_boundaries):
    counts = (BoundarySet.objects.count(), Boundary.objects.count(), PlaceOverlap.objects.count())

    for _ in range(2):
        boundaries_import(path=GEO / "house_tiny.geojson", kind="sldl", set_name="2021 plan")
        boundaries_import(path=GEO / "towns_tiny.geojson", kind="place", set_name="2021 plan")

    assert (
        BoundarySet.objects.count(),
        Boundary.objects.count(),
        PlaceOverlap.objects.count(),
    ) == counts
    assert BoundarySet.objects.get(kind="sldl").effective_from == PLAN_START


@pytest.mark.django_db
def test_a_new_plan_closes_the_old_one_and_lookups_follow_the_date(tiny_boundaries, tmp_path):
    # In the "2031 plan" the two districts swap places.
    swapped = tmp_path / "house2031.geojson"
    features = [
        {
            "type": "Feature",
            "properties": {"district_display": name},
            "geometry": {
                "type": "Polygon",
                "coordinates": [_clockwise(x0, 900000, x0 + 10000, 910000)],
            },
        }
        for name, x0 in [("2nd Barnstable", 200000), ("1st Barnstable", 210000)]
    ]  # fmt: skip
    geojson_write(swapped, features, crs="EPSG:26986")

    boundaries_import(
        path=swapped, kind="sldl", set_name="2031 plan", effective_from=datetime.date(2032, 1, 1)
    )

    old = BoundarySet.objects.get(kind="sldl", name="2021 plan")
    assert old.effective_to == datetime.date(2032, 1, 1)
    assert Boundary.objects.filter(boundary_set=old).count() == 2

    def house(on):
        divisions = division_list_for_point(lat=ALPHA[0], lon=ALPHA[1], on=on)
        return [d.name for d in divisions if d.kind == "sldl"]

    assert house(datetime.date(2026, 5, 1)) == ["1st Barnstable"]
    assert house(datetime.date(2032, 1, 1)) == ["2nd Barnstable"]
    assert division_list_for_point(lat=ALPHA[0], lon=ALPHA[1], on=datetime.date(2021, 1, 1)) == []


@pytest.mark.django_db
def test_invalid_geometry_is_repaired(tmp_path):
    bow_tie = [[-70.2, 41.65], [-70.1, 41.75], [-70.1, 41.65], [-70.2, 41.75], [-70.2, 41.65]]
    path = geojson_write(
        tmp_path / "bowtie.geojson",
        [{"type": "Feature", "properties": {"district": "First Barnstable"},
          "geometry": {"type": "Polygon", "coordinates": [bow_tie]}}],
    )  # fmt: skip

    boundaries_import(path=path, kind="sldl", set_name="test", effective_from=PLAN_START)

    geometry = shapely.from_wkb(bytes(Boundary.objects.get().geometry))
    assert geometry.is_valid
    assert geometry.area == pytest.approx(0.005)
    names = [d.name for d in division_list_for_point(lat=41.70, lon=-70.18)]
    assert names == ["Massachusetts", "1st Barnstable"]


@pytest.mark.django_db
def test_unreadable_files_fail_with_a_clear_message(tmp_path):
    broken = tmp_path / "broken.geojson"
    broken.write_text("{not json")
    unknown_crs = geojson_write(tmp_path / "odd.geojson", [], crs="urn:ogc:def:crs:EPSG::999999")

    with pytest.raises(BoundaryFileError, match="Cannot read broken.geojson"):
        boundaries_import(path=broken, kind="sldl", set_name="x", effective_from=PLAN_START)
    with pytest.raises(BoundaryFileError, match="Unknown projection"):
        boundaries_import(path=unknown_crs, kind="sldl", set_name="x", effective_from=PLAN_START)
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_boundaries", str(tmp_path / "missing.zip"), "--kind=sldl")
    with pytest.raises(CommandError, match="needs the date"):
        call_command("import_boundaries", str(GEO / "house_tiny.geojson"), "--kind=sldl")
    assert not BoundarySet.objects.exists()


def _write_plain_shapefile(stem: Path, ring: list[list[float]]) -> Path:
    with shapefile.Writer(str(stem), shapeType=shapefile.POLYGON) as writer:
        writer.field("DISTRICT", "C", 40)
        writer.poly([ring])
        writer.record("Cape and Islands")
    return stem.with_suffix(".shp")


@pytest.mark.django_db
def test_a_shapefile_without_prj_must_be_in_degrees(tmp_path):
    degrees = [[-70.2, 41.6], [-70.2, 41.8], [-70.0, 41.8], [-70.0, 41.6], [-70.2, 41.6]]
    metres = _clockwise(200000, 900000, 210000, 910000)

    report = boundaries_import(
        path=_write_plain_shapefile(tmp_path / "senate", degrees),
        kind="sldu",
        set_name="2021 plan",
        effective_from=PLAN_START,
    )
    assert report.imported == 1
    assert [d.kind for d in division_list_for_point(lat=41.7, lon=-70.1)] == ["state", "sldu"]
    with pytest.raises(BoundaryFileError, match="no .prj"):
        boundaries_import(
            path=_write_plain_shapefile(tmp_path / "projected", metres),
            kind="sldu",
            set_name="2021 plan",
        )


@pytest.mark.django_db
def test_a_file_without_extension_is_recognised_by_its_content(tmp_path):
    download = tmp_path / "query"
    download.write_bytes((GEO / "towns_tiny.geojson").read_bytes())

    report = boundaries_import(path=download, kind="place", set_name="x", effective_from=PLAN_START)

    assert report.imported == 3
