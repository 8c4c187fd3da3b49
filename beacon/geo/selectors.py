"""Reads over divisions and boundaries."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable

import shapely
from django.utils import timezone

from .index import index_for
from .models import Boundary, BoundarySet, Division, PlaceOverlap

# (the local date, the time.monotonic() it was computed at); None until first asked.
_today_cache: tuple[datetime.date, float] | None = None


def _today() -> datetime.date:
    """`timezone.localdate()`, recomputed at most once a second (it costs ~8 µs)."""
    global _today_cache
    now = time.monotonic()
    cached = _today_cache
    if cached is None or now - cached[1] > 1.0:
        cached = _today_cache = (timezone.localdate(), now)
    return cached[0]


def division_list_for_point(
    *, lat: float, lon: float, on: datetime.date | None = None
) -> list[Division]:
    """Every division whose boundary in force on `on` (default today) contains the point.

    The state division comes first when the point is inside any boundary, then the city or
    town, Senate, House and other districts. Empty outside every boundary (for example
    outside Massachusetts). The returned objects are shared by the process-wide index:
    treat them as read-only.
    """
    return index_for(on or _today()).divisions_at(lon, lat)


def division_list_for_points(
    *, points: Iterable[tuple[float, float]], on: datetime.date | None = None
) -> list[list[Division]]:
    """`division_list_for_point` for many (lat, lon) pairs, checking the index once."""
    index = index_for(on or _today())
    return [index.divisions_at(lon, lat) for lat, lon in points]


def division_get(*, ocd_id: str) -> Division | None:
    """The division with this Open Civic Data id, or None."""
    return Division.objects.filter(ocd_id=ocd_id).first()


def boundary_set_in_force(*, kind: str, on: datetime.date | None = None) -> BoundarySet | None:
    """The newest boundary set of `kind` in force on `on` (default today), or None."""
    on = on or timezone.localdate()
    return (
        BoundarySet.objects.in_force(on)
        .filter(kind=kind)
        .order_by("-effective_from", "-id")
        .first()
    )


def boundary_get_for_division(
    *, division: Division, on: datetime.date | None = None
) -> Boundary | None:
    """The boundary of `division` in the set of its kind in force on `on`, or None.

    Falls back to the most recent boundary of the division when no set of its kind is in
    force on that date (a district page can still draw a historic district).
    """
    boundary_set = boundary_set_in_force(kind=division.kind, on=on)
    boundaries = Boundary.objects.filter(division=division)
    if boundary_set is not None:
        current = boundaries.filter(boundary_set=boundary_set).first()
        if current is not None:
            return current
    return boundaries.order_by("-boundary_set__effective_from", "-boundary_set_id").first()


def boundary_geometry(boundary: Boundary) -> shapely.Geometry:
    """The shapely geometry (WGS84 lon/lat) of a stored boundary."""
    return shapely.from_wkb(bytes(boundary.geometry))


def place_find_by_name(*, name: str) -> Division | None:
    """The city or town called `name` (case, punctuation and spacing ignored), or None."""
    from .naming import place_ocd_id

    ocd_id = place_ocd_id(name)
    if ocd_id is None:
        return None
    return Division.objects.filter(ocd_id=ocd_id, kind=Division.Kind.PLACE).first()


def place_overlap_list(
    *, place: Division, on: datetime.date | None = None
) -> dict[str, list[tuple[Division, float]]]:
    """For each district kind, the districts of the sets in force that `place` overlaps.

    Values are (district, share of the town's area) pairs, largest share first. Slivers
    below the import threshold were never stored.
    """
    on = on or timezone.localdate()
    sets = BoundarySet.objects.in_force(on).order_by("kind", "-effective_from", "-id")
    newest: dict[str, int] = {}
    for boundary_set in sets:
        newest.setdefault(boundary_set.kind, boundary_set.pk)
    rows = (
        PlaceOverlap.objects.filter(place=place, boundary_set_id__in=newest.values())
        .select_related("district")
        .order_by("-share", "district__name")
    )
    result: dict[str, list[tuple[Division, float]]] = {}
    for row in rows:
        result.setdefault(row.district.kind, []).append((row.district, row.share))
    return result


def district_extent_list(
    *, districts: Iterable[Division], on: datetime.date | None = None
) -> dict[int, list[tuple[str, bool, str]]]:
    """For each district, the towns it reaches: (town name, whether the whole town lies in
    the district, where in the town a smaller piece lies: a `PlaceOverlap.Area` value or
    ""), largest first, from the town/district overlaps computed at import.

    One query for all the districts. Wards and neighbourhoods would need a ward layer,
    which is not imported; a district inside one city says where in it it lies ("part of
    Boston (north-east)").
    """
    on = on or timezone.localdate()
    ids = [d.pk for d in districts]
    sets = BoundarySet.objects.in_force(on).order_by("kind", "-effective_from", "-id")
    newest: dict[str, int] = {}
    for boundary_set in sets:
        newest.setdefault(boundary_set.kind, boundary_set.pk)
    rows = (
        PlaceOverlap.objects.filter(district_id__in=ids, boundary_set_id__in=newest.values())
        .select_related("place")
        .order_by("-share", "place__name")
    )
    result: dict[int, list[tuple[str, bool, str]]] = {pk: [] for pk in ids}
    for row in rows:
        whole = row.share >= WHOLE_TOWN_SHARE
        result[row.district_id].append((row.place.name, whole, "" if whole else row.area))
    return result


# A town at least this much inside a district is said to lie wholly in it (the rest is
# boundary noise: see docs/adr/0005-geo-point-lookup-and-town-fallback.md).
WHOLE_TOWN_SHARE = 0.995
