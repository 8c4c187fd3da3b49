"""Placing a house number along a street segment, on the correct side of it.

TIGER/Line numbers run from the segment's first vertex ("from") to its last ("to"); the
left side is on the left when walking from first to last vertex. An address is placed at
its share of the range along the line, then moved `OFFSET_M` metres off the centre line to
its side. The offset matters where the street itself is a district boundary (the 2021
district maps follow census blocks, whose edges are these centre lines): without it, both
sides would fall on the line and be given the same legislator.
"""

from __future__ import annotations

import math

import numpy as np

OFFSET_M = 10.0
# Keep addresses off the very ends, where the offset point could cross into the next block.
END_MARGIN = 0.05
_KY = 110_950.0


def range_share(number: int, start: int, end: int) -> float:
    """Where `number` falls between `start` and `end` (0 at start), kept off the ends."""
    share = 0.5 if start == end else (number - start) / (end - start)
    return min(1 - END_MARGIN, max(END_MARGIN, share))


def point_along(
    coords: np.ndarray, share: float, side: str, offset_m: float = OFFSET_M
) -> tuple[float, float]:
    """(lat, lon) at `share` (0-1) of the line's length, `offset_m` metres to `side`
    ("L" or "R"). `coords` are (lon, lat) rows."""
    lat0 = float(coords[:, 1].mean())
    kx = 111_320.0 * math.cos(math.radians(lat0))
    metres = coords * np.array([kx, _KY])
    steps = np.diff(metres, axis=0)
    lengths = np.hypot(steps[:, 0], steps[:, 1])
    total = float(lengths.sum())
    if total == 0.0:
        return float(coords[0, 1]), float(coords[0, 0])
    target = share * total
    ends = np.cumsum(lengths)
    i = min(int(np.searchsorted(ends, target)), len(lengths) - 1)
    while lengths[i] == 0.0 and i > 0:
        i -= 1
    before = ends[i] - lengths[i]
    fraction = (target - before) / lengths[i] if lengths[i] else 0.0
    x, y = metres[i] + steps[i] * fraction
    dx, dy = steps[i] / (lengths[i] or 1.0)
    sign = 1.0 if side == "L" else -1.0
    x, y = x - sign * dy * offset_m, y + sign * dx * offset_m
    return float(y / _KY), float(x / kx)


def side_points(lines: np.ndarray, offset_m: float = OFFSET_M) -> tuple[np.ndarray, np.ndarray]:
    """For many lines at once: (left, right) points beside each line's middle, as (n, 2)
    lon/lat arrays. Used at import to tag each side with its town; the direction is the
    chord around the middle, which is close enough for that."""
    import shapely

    middle = shapely.get_coordinates(shapely.line_interpolate_point(lines, 0.5, normalized=True))
    before = shapely.get_coordinates(shapely.line_interpolate_point(lines, 0.45, normalized=True))
    after = shapely.get_coordinates(shapely.line_interpolate_point(lines, 0.55, normalized=True))
    kx = 111_320.0 * np.cos(np.radians(middle[:, 1]))
    dx, dy = (after[:, 0] - before[:, 0]) * kx, (after[:, 1] - before[:, 1]) * _KY
    length = np.hypot(dx, dy)
    length[length == 0] = 1.0
    shift = np.column_stack([-dy / length * offset_m / kx, dx / length * offset_m / _KY])
    return middle + shift, middle - shift
