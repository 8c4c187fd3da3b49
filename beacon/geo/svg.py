"""A division's boundary as inline SVG: no map tiles, no third-party scripts."""

from __future__ import annotations

import datetime
import math

import numpy as np
import shapely
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Division
from .selectors import boundary_geometry, boundary_get_for_division

PADDING = 4.0


def _project(geometry: shapely.Geometry) -> shapely.Geometry:
    """Equirectangular projection centred on the shape: x = lon * cos(lat0), y = -lat."""
    lat0 = math.radians((geometry.bounds[1] + geometry.bounds[3]) / 2)
    scale = math.cos(lat0)
    return shapely.transform(geometry, lambda c: np.column_stack([c[:, 0] * scale, -c[:, 1]]))


def _ring_path(coords: np.ndarray) -> str:
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords[:-1])
    return f"M{points}Z"


def path_data(geometry: shapely.Geometry, *, width: int, height: int) -> str:
    """SVG path data drawing `geometry` (lon/lat) to fit `width` x `height` pixels."""
    projected = _project(geometry)
    minx, miny, maxx, maxy = projected.bounds
    span = max(maxx - minx, maxy - miny) or 1.0
    factor = min((width - 2 * PADDING) / span, (height - 2 * PADDING) / span)
    # Detail finer than half a pixel cannot be seen; dropping it keeps the page small.
    simplified = projected.simplify(0.5 / factor, preserve_topology=True)
    offset_x = (width - (maxx - minx) * factor) / 2
    offset_y = (height - (maxy - miny) * factor) / 2
    pixels = shapely.transform(
        simplified,
        lambda c: np.column_stack(
            [(c[:, 0] - minx) * factor + offset_x, (c[:, 1] - miny) * factor + offset_y]
        ),
    )
    rings = []
    for polygon in shapely.get_parts(pixels):
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        rings.append(_ring_path(np.asarray(polygon.exterior.coords)))
        rings.extend(_ring_path(np.asarray(ring.coords)) for ring in polygon.interiors)
    return "".join(rings)


def division_svg(
    division: Division, *, width: int = 320, height: int = 320, on: datetime.date | None = None
) -> SafeString:
    """Inline SVG of the division's boundary in force on `on`, with a <title>.

    Returns an empty string when the division has no boundary. The only text inside is
    the escaped division name, so the markup is safe to insert as is.
    """
    boundary = boundary_get_for_division(division=division, on=on)
    if boundary is None:
        return mark_safe("")
    d = path_data(boundary_geometry(boundary), width=width, height=height)
    title_id = f"division-map-{division.pk}"
    title = escape(_("Map of %(name)s") % {"name": division.name})
    return mark_safe(  # noqa: S308 - every interpolated value is numeric or escaped.
        f'<svg xmlns="http://www.w3.org/2000/svg" class="division-map" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{title_id}">'
        f'<title id="{title_id}">{title}</title>'
        f'<path d="{d}" fill="#cfe3f5" stroke="#1d4f7a" stroke-width="1" '
        f'fill-rule="evenodd" stroke-linejoin="round"/></svg>'
    )
