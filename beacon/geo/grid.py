"""A uniform grid over prepared polygons: most points need no geometry test at all.

Each cell of `cell` degrees records which polygons cover it entirely ("sure") and which
cross it ("check"). A point in a cell inside every polygon that touches it is answered
with two multiplications and a dict lookup; only points in cells crossed by a boundary
run `contains_xy` against the few polygons crossing that cell. Building classifies every
cell of each polygon's bounding box with vectorised, prepared GEOS predicates.
"""

from __future__ import annotations

import math

import numpy as np
import shapely

DEFAULT_CELL = 0.01  # degrees: about 1.1 km north-south, 0.8 km east-west in Massachusetts


class CellGrid:
    """Sure and check-needed polygon indices per grid cell."""

    def __init__(self, geometries: np.ndarray, cell: float = DEFAULT_CELL):
        self.geometries = geometries
        self.cell = cell
        self.inverse = 1.0 / cell
        self.cells: dict[int, tuple[tuple[int, ...], np.ndarray | None]] = {}
        if not len(geometries):
            self.minx = self.miny = 0.0
            self.nx = self.ny = 0
            return
        minx, miny, maxx, maxy = shapely.total_bounds(geometries)
        self.minx, self.miny = float(minx), float(miny)
        self.nx = math.floor((maxx - minx) * self.inverse) + 1
        self.ny = math.floor((maxy - miny) * self.inverse) + 1
        sure: dict[int, list[int]] = {}
        check: dict[int, list[int]] = {}
        for i, geometry in enumerate(geometries):
            keys, inside = self._classify(geometry)
            for key, is_inside in zip(keys.tolist(), inside.tolist(), strict=True):
                (sure if is_inside else check).setdefault(key, []).append(i)
        for key in sure.keys() | check.keys():
            checks = check.get(key)
            self.cells[key] = (
                tuple(sure.get(key, ())),
                np.array(checks, dtype=np.intp) if checks else None,
            )

    def _classify(self, geometry: shapely.Geometry) -> tuple[np.ndarray, np.ndarray]:
        """Keys of the cells `geometry` touches, and whether it covers each one wholly."""
        gx0, gy0, gx1, gy1 = geometry.bounds
        ix = np.arange(self._col(gx0), self._col(gx1) + 1)
        iy = np.arange(self._row(gy0), self._row(gy1) + 1)
        cols, rows = (a.ravel() for a in np.meshgrid(ix, iy))
        x0 = self.minx + cols * self.cell
        y0 = self.miny + rows * self.cell
        boxes = shapely.box(x0, y0, x0 + self.cell, y0 + self.cell)
        touching = shapely.intersects(geometry, boxes)
        boxes, cols, rows = boxes[touching], cols[touching], rows[touching]
        inside = shapely.contains_properly(geometry, boxes)
        return rows * self.nx + cols, inside

    def _col(self, x: float) -> int:
        return min(self.nx - 1, max(0, math.floor((x - self.minx) * self.inverse)))

    def _row(self, y: float) -> int:
        return min(self.ny - 1, max(0, math.floor((y - self.miny) * self.inverse)))

    def __len__(self) -> int:
        return len(self.cells)

    def indices_at(self, lon: float, lat: float) -> list[int]:
        """Indices of the polygons containing (lon, lat), in ascending order."""
        col = math.floor((lon - self.minx) * self.inverse)
        row = math.floor((lat - self.miny) * self.inverse)
        if not (0 <= col < self.nx and 0 <= row < self.ny):
            return []
        entry = self.cells.get(row * self.nx + col)
        if entry is None:
            return []
        sure, check = entry
        if check is None:
            return list(sure)
        hits = check[shapely.contains_xy(self.geometries[check], lon, lat)].tolist()
        return sorted([*sure, *hits]) if sure else hits
