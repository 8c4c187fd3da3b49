"""The district drawn as inline SVG."""

from __future__ import annotations

import re

import pytest

from beacon.geo.models import Division
from beacon.geo.svg import division_svg

pytestmark = pytest.mark.django_db


def test_svg_draws_the_boundary_with_an_accessible_title(tiny_boundaries):
    division = Division.objects.get(name="1st Barnstable")

    svg = division_svg(division, width=200, height=100)

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'viewBox="0 0 200 100"' in svg and 'role="img"' in svg
    assert f'<title id="division-map-{division.pk}">Map of 1st Barnstable</title>' in svg
    path = re.search(r' d="([^"]+)"', svg).group(1)
    coordinates = [float(v) for v in re.findall(r"-?\d+\.\d", path)]
    assert path.startswith("M") and path.endswith("Z")
    assert 6 * 2 <= len(coordinates) <= 8 * 2  # the L-shaped district's six corners
    assert min(coordinates) >= 0 and max(coordinates[0::2]) <= 200
    assert max(coordinates[1::2]) <= 100


def test_svg_escapes_the_name_and_is_empty_without_a_boundary(tiny_boundaries):
    division = Division.objects.get(name="Alpha")
    division.name = '<script>alert("x")</script>'

    assert "&lt;script&gt;" in division_svg(division)
    assert "<script>" not in division_svg(division)
    assert division_svg(Division.objects.get(name="5th Barnstable")) == ""
