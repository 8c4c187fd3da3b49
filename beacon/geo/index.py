"""The in-memory point index: every boundary in force, prepared, behind a cell grid.

Built once per process for a given combination of boundary sets and rebuilt when the
boundary data changes. Staleness is detected with a cheap aggregate over `BoundarySet`
(count and latest `imported_at`), checked at most every `BEACON_GEO_INDEX_TTL` seconds
(0 = on every lookup, the default, which is right for tests and costs one small query);
the importer also invalidates this process's index directly.

Lookups go through a uniform grid (see grid.py): most points are answered without any
geometry test, the rest test `contains_xy` on the few prepared polygons crossing their
cell. An STRtree (`STRtree.query(point, predicate=...)` does not use prepared geometries)
was several times slower (see bench/lookup.py and ADR 0005).
"""

from __future__ import annotations

import datetime
import threading
import time
from dataclasses import dataclass

import numpy as np
import shapely
from django.conf import settings
from django.db import connection

from .grid import CellGrid
from .models import Boundary, BoundarySet, Division
from .naming import STATE_OCD_ID


@dataclass(frozen=True)
class _SetInfo:
    id: int
    kind: str
    effective_from: datetime.date
    effective_to: datetime.date | None

    def in_force(self, on: datetime.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


class DivisionIndex:
    """Prepared geometries of one combination of boundary sets, queryable by point.

    Divisions are kept in display order (place, Senate, House, others), so the indices a
    lookup finds, sorted, are already in that order.
    """

    def __init__(
        self, divisions: list[Division], geometries: list[shapely.Geometry], state: Division | None
    ) -> None:
        order = sorted(range(len(divisions)), key=lambda i: _division_order(divisions[i]))
        self.divisions = [divisions[i] for i in order]
        self.geometries = np.asarray([geometries[i] for i in order], dtype=object)
        shapely.prepare(self.geometries)
        _warm_up(self.geometries)
        self.grid = CellGrid(self.geometries)
        self.state = (
            state
            if state is not None and not any(d.kind == Division.Kind.STATE for d in self.divisions)
            else None
        )

    def __len__(self) -> int:
        return len(self.divisions)

    def divisions_at(self, lon: float, lat: float) -> list[Division]:
        """Divisions containing (lon, lat), the state first when any boundary matched."""
        hits = self.grid.indices_at(lon, lat)
        if not hits:
            return []
        divisions = self.divisions
        found = [divisions[i] for i in hits]
        return [self.state, *found] if self.state is not None else found


def _warm_up(geometries: np.ndarray) -> None:
    """Make GEOS build each prepared polygon's point locator now, not on a user's lookup.

    The locator is built on the first test of a point inside the polygon's envelope; a
    vertex is such a point.
    """
    if len(geometries):
        first_vertex = np.array([shapely.get_coordinates(g)[0] for g in geometries])
        shapely.contains_xy(geometries, first_vertex[:, 0], first_vertex[:, 1])


_KIND_ORDER = {kind: n for n, kind in enumerate(["state", "place", "sldu", "sldl", "cd"])}


def _division_order(division: Division) -> tuple[int, str]:
    return (_KIND_ORDER.get(division.kind, 9), division.name)


def _data_token() -> tuple[object, ...]:
    """Count and latest import time of the boundary sets: changes with every import.

    Plain SQL on purpose: it runs on every lookup when the TTL is 0, and the ORM's
    aggregate costs about 300 µs where this costs about 20 µs.
    """
    quote = connection.ops.quote_name
    table, column = quote(BoundarySet._meta.db_table), quote("imported_at")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX({column}) FROM {table}")  # noqa: S608
        return tuple(cursor.fetchone())


class _Registry:
    """Process-wide cache of indexes keyed by the tuple of boundary-set ids they cover."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.invalidate()

    def invalidate(self) -> None:
        self.token: tuple[object, ...] | None = None
        self.checked_at = float("-inf")
        self.sets: list[_SetInfo] = []
        self.indexes: dict[tuple[int, ...], DivisionIndex] = {}
        self.by_date: dict[datetime.date, DivisionIndex] = {}

    def _refresh(self) -> None:
        ttl = float(settings.BEACON_GEO_INDEX_TTL)
        now = time.monotonic()
        if ttl > 0 and now - self.checked_at < ttl:
            return
        token = _data_token()
        self.checked_at = now
        if token != self.token:
            self.sets = [
                _SetInfo(*row)
                for row in BoundarySet.objects.values_list(
                    "id", "kind", "effective_from", "effective_to"
                )
            ]
            self.indexes = {}
            self.by_date = {}
            self.token = token

    def set_ids_for(self, on: datetime.date) -> tuple[int, ...]:
        """The newest set in force on `on` for each kind, as sorted ids."""
        chosen: dict[str, _SetInfo] = {}
        for info in self.sets:
            current = chosen.get(info.kind)
            if info.in_force(on) and (
                current is None
                or (info.effective_from, info.id) > (current.effective_from, current.id)
            ):
                chosen[info.kind] = info
        return tuple(sorted(info.id for info in chosen.values()))

    def index_for(self, on: datetime.date) -> DivisionIndex:
        with self.lock:
            self._refresh()
            index = self.by_date.get(on)
            if index is None:
                key = self.set_ids_for(on)
                if key not in self.indexes:
                    self.indexes[key] = index_build(set_ids=key)
                if len(self.by_date) > 64:  # Many historic dates asked: start afresh.
                    self.by_date = {}
                index = self.by_date[on] = self.indexes[key]
            return index


_registry = _Registry()


def index_build(*, set_ids: tuple[int, ...]) -> DivisionIndex:
    """Load the boundaries of `set_ids` from the database and build a fresh index."""
    divisions: list[Division] = []
    geometries: list[shapely.Geometry] = []
    rows = Boundary.objects.filter(boundary_set_id__in=set_ids).select_related("division")
    for boundary in rows.iterator(chunk_size=100):
        divisions.append(boundary.division)
        geometries.append(shapely.from_wkb(bytes(boundary.geometry)))
    state = Division.objects.filter(ocd_id=STATE_OCD_ID).first() if divisions else None
    return DivisionIndex(divisions, geometries, state)


def index_for(on: datetime.date) -> DivisionIndex:
    """This process's index of the boundary sets in force on `on`, built on first use."""
    return _registry.index_for(on)


def index_invalidate() -> None:
    """Forget every cached index in this process (the importer calls this)."""
    with _registry.lock:
        _registry.invalidate()
