"""beacon lookup --points / --addresses: streamed, one result per row, sets resolved once."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from beacon.officials import bulk
from beacon.officials.bulk import addresses_lookup, points_lookup

from .conftest import OUTSIDE, WEST_BARNSTABLE, YARMOUTH

pytestmark = pytest.mark.django_db


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("lookup", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_points_to_csv_keeps_the_columns_and_adds_districts_and_legislators(cape, tmp_path):
    source = tmp_path / "members.csv"
    source.write_text(
        "member_id,lat,lon\n"
        f"m1,{WEST_BARNSTABLE[0]},{WEST_BARNSTABLE[1]}\n"
        f"m2,{YARMOUTH[0]},{YARMOUTH[1]}\n"
        f"m3,{OUTSIDE[0]},{OUTSIDE[1]}\n"
        "m4,north,west\n"
    )

    out, err = _run("--points", str(source), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))

    assert [r["member_id"] for r in rows] == ["m1", "m2", "m3", "m4"]
    assert [r["precision"] for r in rows] == ["point"] * 4
    assert [r["error"] for r in rows] == ["", "", "outside_state", "invalid"]
    assert rows[1]["town"] == "Yarmouth"
    assert rows[1]["state_senate_district"] == "Cape and Islands"
    assert rows[1]["state_senator"] == "Rosa Senator"
    assert rows[1]["state_house_district"] == "2nd Barnstable"
    assert rows[1]["state_representative"] == "Carla Outgoing"
    assert "4 rows in" in err and "point 4" in err


def test_addresses_to_json_lines_with_each_rows_precision(cape, tmp_path):
    source = tmp_path / "members.csv"
    source.write_text(
        "street,city,zip\n"
        "12 Main St,Yarmouth,02664\n"
        ",Barnstable,\n"
        "1 Broadway,New York,10004\n"
        "PO Box 4,,02664\n"
    )

    out, _err = _run("--addresses", str(source))
    lines = [json.loads(line) for line in out.splitlines()]

    assert [line["row"] for line in lines] == [1, 2, 3, 4]
    assert [line["precision"] for line in lines] == ["town", "town", "street", "street"]
    assert [line["error"] for line in lines] == [None, None, "outside_state", "po_box"]
    assert [d["name"] for d in lines[1]["candidates"]["sldl"]] == [
        "1st Barnstable",
        "2nd Barnstable",
    ]
    assert "Carla Outgoing" in [o["name"] for o in lines[0]["officials"]]


def test_a_single_address_column_is_split(cape, tmp_path):
    source = tmp_path / "a.csv"
    source.write_text('address\n"12 Main St, Yarmouth, MA 02664"\n')
    lines = [json.loads(x) for x in _run("--addresses", str(source))[0].splitlines()]
    assert lines[0]["divisions"][1]["name"] == "Yarmouth"


def test_each_distinct_district_set_is_resolved_once(cape, django_assert_max_num_queries):
    rows = [[str(WEST_BARNSTABLE[0]), str(WEST_BARNSTABLE[1])]] * 300
    rows += [[str(YARMOUTH[0]), str(YARMOUTH[1])]] * 300
    written: list[str] = []

    with django_assert_max_num_queries(20):
        report = points_lookup(rows, write=written.append)

    assert report.rows == 600 and report.distinct_sets == 2
    assert len(written) == 600


def test_memory_stays_flat_however_long_the_list(cape, monkeypatch):
    monkeypatch.setattr(bulk, "CACHE_SIZE", 8)

    def rows(n):
        for i in range(n):  # Many distinct points, few district sets; nothing kept.
            yield [str(41.6 + (i % 997) * 1e-4), str(-70.35 + (i % 991) * 1e-4)]

    def peak(n):
        tracemalloc.start()
        points_lookup(rows(n), write=lambda _text: None)
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return top

    small, large = peak(2_000), peak(20_000)
    assert large < small * 1.5 + 200_000


def test_unreadable_file_is_a_clear_error(cape, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="cannot open"):
        _run("--addresses", str(tmp_path / "missing.csv"))


def test_addresses_lookup_uses_the_local_geocoder_once_chosen(cape, tmp_path):
    written: list[str] = []
    report = addresses_lookup([["street", "city"], ["Main St", "Yarmouth"]], write=written.append)
    assert report.by_precision == {"town": 1}


def test_a_bulk_row_says_what_beacon_lookup_says_for_one_point(
    cape, openstates_tree, import_officials
):
    from beacon.geo.services import location_resolve
    from beacon.officials.lookup import representation_as_dict, representation_for

    next((openstates_tree / "legislature").glob("Carla-*.yml")).unlink()
    import_officials(openstates_tree)  # The 2nd Barnstable is now vacant.
    written: list[str] = []
    points_lookup([[str(YARMOUTH[0]), str(YARMOUTH[1])]], write=written.append)

    row = json.loads(written[0])
    single = representation_as_dict(
        representation_for(location_resolve(lat=YARMOUTH[0], lon=YARMOUTH[1]))
    )
    assert row.pop("row") == 1
    assert row == single
    assert row["vacant"][0]["name"] == "2nd Barnstable"


def _cape_federal_districts(tmp_path):
    """A Congressional and a Governor's Council district over the whole fixture Cape."""
    import datetime

    from beacon.geo.index import index_invalidate
    from beacon.geo.services import boundaries_import

    square = [[[-70.5, 41.5], [-69.9, 41.5], [-69.9, 41.8], [-70.5, 41.8], [-70.5, 41.5]]]
    for kind, number in (("cd", 9), ("govcouncil", 1)):
        path = tmp_path / f"{kind}.geojson"
        feature = {"type": "Feature", "properties": {"district_num": number}}
        feature["geometry"] = {"type": "Polygon", "coordinates": square}
        path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
        boundaries_import(
            path=path, kind=kind, set_name="test plan", effective_from=datetime.date(2022, 1, 1)
        )
    index_invalidate()


def test_congress_and_governors_council_columns_where_the_data_has_them(cape, tmp_path):
    _cape_federal_districts(tmp_path)
    written: list[str] = []

    points_lookup(
        [["lat", "lon"], [str(YARMOUTH[0]), str(YARMOUTH[1])]], fmt="csv", write=written.append
    )

    row = next(csv.DictReader(io.StringIO("".join(written))))
    assert row["congressional_district"] == "9th Congressional District"
    assert row["governors_council_district"] == "1st Governor's Council District"
    # Open States lists no members of Congress or Governor's Councillors: left empty.
    assert row["us_representative"] == row["governors_councillor"] == ""
    assert row["state_house_district"] == "2nd Barnstable"


def test_a_members_list_comes_back_with_districts_and_the_upload_is_deleted(cape):
    from django.core.files.uploadedfile import TemporaryUploadedFile

    from beacon.officials.bulk import member_list_annotate

    upload = TemporaryUploadedFile("members.csv", "text/csv", 0, "utf-8")
    upload.write("\ufeffname,street,city,zip\n=HYPERLINK(1),12 Main St,Yarmouth,02664\n".encode())
    upload.seek(0)
    stored = Path(upload.temporary_file_path())
    answer = io.BytesIO()

    report = member_list_annotate(upload=upload, kind="addresses", answer=answer)

    assert not stored.exists()
    rows = list(csv.DictReader(io.StringIO(answer.getvalue().decode())))
    assert report.rows == 1 and rows[0]["name"] == "'=HYPERLINK(1)"
    assert rows[0]["state_representative"] == "Carla Outgoing"
    assert rows[0]["precision"] == "town"


def test_a_members_list_on_disk_is_deleted_even_when_the_lookup_fails(cape, tmp_path, monkeypatch):
    from beacon.officials.bulk import member_list_annotate

    path = tmp_path / "members.csv"
    path.write_text(f"lat,lon\n{YARMOUTH[0]},{YARMOUTH[1]}\n")

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(bulk, "points_lookup", broken)
    with pytest.raises(RuntimeError):
        member_list_annotate(upload=path, kind="points", answer=io.BytesIO())
    assert not path.exists()

    other = tmp_path / "other.csv"
    other.write_text("lat,lon\n")
    with pytest.raises(ValueError, match="unknown list kind"):
        member_list_annotate(upload=other, kind="phone numbers", answer=io.BytesIO())
    assert not other.exists()
