"""The process-wide point index: rebuilt when boundary data changes, not before."""

from __future__ import annotations

import pytest
from django.utils import timezone

from beacon.geo import index
from beacon.geo.models import Division
from beacon.geo.selectors import (
    boundary_get_for_division,
    division_list_for_point,
    division_list_for_points,
)
from beacon.geo.services import boundaries_import

from .conftest import ALPHA, BETA_EAST, GEO, NOWHERE

pytestmark = pytest.mark.django_db


def test_the_index_is_built_once_and_reused(tiny_boundaries, django_assert_num_queries):
    division_list_for_point(lat=ALPHA[0], lon=ALPHA[1])
    first = index.index_for(timezone.localdate())

    # Only the cheap staleness check runs once the index is built.
    with django_assert_num_queries(1):
        division_list_for_point(lat=BETA_EAST[0], lon=BETA_EAST[1])
    assert index.index_for(timezone.localdate()) is first


def test_a_positive_ttl_skips_the_staleness_check(
    tiny_boundaries, settings, django_assert_num_queries
):
    settings.BEACON_GEO_INDEX_TTL = 60
    division_list_for_point(lat=ALPHA[0], lon=ALPHA[1])

    with django_assert_num_queries(0):
        found = division_list_for_points(points=[ALPHA, BETA_EAST, NOWHERE])
    assert [len(divisions) for divisions in found] == [4, 4, 0]


def test_reimporting_rebuilds_the_index(tiny_boundaries, tmp_path, settings):
    settings.BEACON_GEO_INDEX_TTL = 60
    assert division_list_for_point(lat=NOWHERE[0], lon=NOWHERE[1]) == []
    # A corrected file now names the third district properly.
    data = (GEO / "house_tiny.geojson").read_text().replace("99th Nowhere", "3rd Barnstable")
    corrected = tmp_path / "house.geojson"
    corrected.write_text(data)

    boundaries_import(path=corrected, kind="sldl", set_name="2021 plan")

    found = division_list_for_point(lat=NOWHERE[0], lon=NOWHERE[1])
    assert [d.name for d in found] == ["Massachusetts", "3rd Barnstable"]


def test_boundary_of_a_division_for_its_page(tiny_boundaries):
    division = Division.objects.get(name="1st Barnstable")
    assert boundary_get_for_division(division=division).boundary_set.name == "2021 plan"
    assert boundary_get_for_division(division=Division.objects.get(name="5th Barnstable")) is None


def test_district_extents_say_where_in_a_split_town_a_smaller_piece_lies(tiny_boundaries):
    from beacon.geo.selectors import district_extent_list

    first, second = (
        Division.objects.get(kind="sldl", name=name)
        for name in ("1st Barnstable", "2nd Barnstable")
    )
    extents = district_extent_list(districts=[first, second])

    # Beta: 64% in the 1st (its west and its top strip), 36% in the 2nd, to the east.
    assert extents[first.pk] == [("Alpha", True, ""), ("Beta", False, "w")]
    assert ("Beta", False, "e") in extents[second.pk]
    assert ("Gamma", True, "") in extents[second.pk]


def test_extent_words_name_the_area_in_each_language():
    from django.utils import translation

    from beacon.officials.lookup import extent_words

    towns = [("Yarmouth", True, ""), ("Beta", False, "e"), ("Boston", False, "")]
    assert extent_words(towns) == "all of Yarmouth, part of Beta (east), part of Boston"
    with translation.override("es"):
        assert extent_words(towns) == "todo Yarmouth, parte de Beta (este), parte de Boston"
