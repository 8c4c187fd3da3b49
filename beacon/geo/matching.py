"""Matching a typed street address against the address data imported into Beacon.

Order: a MassGIS address point (exact) before a TIGER/Line range (interpolated); within
the town typed before the ZIP code typed, so that a ZIP belonging to a neighbouring town
does not move the supporter (the ZIP is used when the town is unknown, for example a
village name such as "Hyannis"). A street name that only nearly matches is never used: it
comes back as a suggestion for the supporter to confirm ("Did you mean ...?").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import shapely
from django.db import connection
from django.db.models import Model
from rapidfuzz import fuzz, process

from .addressing import StreetKey, address_parse, street_key
from .models import AddressPoint, AddressRange, AddressSource, StreetSegment
from .naming import place_slug
from .streetline import point_along, range_share

MatchStatus = Literal["match", "no_match", "po_box", "invalid"]
# One side of a street segment: (side, from, to, parity, zip, segment WKB); the database
# driver returns the WKB as bytes or memoryview.
_RangeSide = tuple[str, int, int, str, str, bytes | memoryview]
# A placed address: ((lat, lon), "point" or "range", the ZIP code of the data found).
_Found = tuple[tuple[float, float], str, str]
# rapidfuzz ratio (0-100) from which a street name is offered as "Did you mean".
SUGGEST_SCORE = 80


@dataclass(frozen=True)
class AddressMatch:
    """The local geocoder's answer: `point` (lat, lon) with `source` "point" or "range";
    `suggestion` the street line with a nearly matching street name ("250 Main St" for
    "250 Mian St") to offer; `zip_conflict` when the ZIP typed belongs to the data of
    another place than the match."""

    status: MatchStatus
    point: tuple[float, float] | None = None
    source: str | None = None
    suggestion: str | None = None
    zip_conflict: bool = False


def address_kinds_loaded() -> set[str]:
    """The kinds of address data imported ("ranges", "points"), in one query: what the
    automatic choice of geocoder asks on each lookup."""
    rows = AddressSource.objects.filter(row_count__gt=0).values_list("kind", flat=True)
    return set(rows.distinct())


def points_loaded() -> bool:
    """Whether MassGIS address points have been imported."""
    return AddressSource.objects.filter(kind=AddressSource.Kind.POINTS, row_count__gt=0).exists()


def address_match(
    *, street: str, city: str = "", zip_code: str = "", with_points: bool | None = None
) -> AddressMatch:
    """Place `street` in `city` (or `zip_code`); never raises for bad input.

    `with_points` says whether to look for address points (default: whether any are
    loaded; a caller matching many addresses asks once). Two queries at most for a typical
    address: the range sides of the street in the town, and its address point.
    """
    parsed = address_parse(street)
    if parsed.kind == "po_box":
        return AddressMatch(status="po_box")
    if parsed.street is None or not parsed.street.name:
        return AddressMatch(status="invalid")
    areas = [a for a in (("place", place_slug(city)), ("zip_code", zip_code[:5])) if a[1]]
    if not areas:
        return AddressMatch(status="no_match")
    if with_points is None:
        with_points = points_loaded()
    street_found = False
    for field, value in areas:
        full, sides = _street_in_area(parsed.street, field, value)
        if full is None:
            continue
        street_found = True
        if parsed.number is None:
            return AddressMatch(status="no_match")
        found = (
            _point(full, parsed.number, parsed.number_text, field, value) if with_points else None
        )
        found = found or _range_point(sides, parsed.number)
        if found is not None:
            point, source, zip_found = found
            conflict = bool(zip_code and zip_found and zip_found != zip_code[:5])
            return AddressMatch("match", point=point, source=source, zip_conflict=conflict)
    if street_found:  # The street is known, the number is not: nothing to suggest.
        return AddressMatch(status="no_match")
    suggestion = _suggest(parsed.street, areas)
    if suggestion and parsed.number_text:
        suggestion = " ".join(p for p in (parsed.number_text, suggestion, parsed.unit) if p)
    return AddressMatch(status="no_match", suggestion=suggestion)


def _query(sql: str, params: list[str]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _sides(full: str, field: str, value: str) -> list[_RangeSide]:
    """(side, from, to, parity, zip, segment WKB) of every range of `full` in the area."""
    r, s = _table(AddressRange), _table(StreetSegment)
    column = "place" if field == "place" else "zip_code"
    return _query(
        f"SELECT r.side, r.from_number, r.to_number, r.parity, r.zip_code, s.geometry "  # noqa: S608
        f"FROM {r} r JOIN {s} s ON s.source_id = r.source_id AND s.tlid = r.tlid "
        f"WHERE r.street = %s AND r.{column} = %s",
        [full, value],
    )


def _streets(field: str, value: str) -> list[str]:
    ranges = AddressRange.objects.filter(**{field: value}).values_list("street", flat=True)
    points = AddressPoint.objects.filter(**{field: value}).values_list("street", flat=True)
    return sorted(set(ranges.distinct()) | set(points.distinct()))


def _street_in_area(key: StreetKey, field: str, value: str) -> tuple[str | None, list[_RangeSide]]:
    """The full street key matching `key` in the area and its range sides, or (None, []).

    The exact key first. Otherwise the streets of the same name in the area that `key`
    fits with parts left out ("12 Main" or "12 North Main" for "N Main St"; "Calle Main"
    for any type): the one such street, or among several the one of the hinted type of a
    Spanish or Portuguese street word. Never a guess between two streets.
    """
    sides = _sides(key.full, field, value)
    if sides or AddressPoint.objects.filter(street=key.full, **{field: value}).exists():
        return key.full, sides
    names = AddressRange.objects.filter(street_name=key.name, **{field: value})
    fulls = [f for f in set(names.values_list("street", flat=True)) if key.fits(street_key(f))]
    if len(fulls) > 1 and key.loose:
        fulls = [f for f in fulls if street_key(f).street_type == key.street_type]
    full = fulls[0] if len(fulls) == 1 else None
    return (full, _sides(full, field, value)) if full else (None, [])


def _point(full: str, number: int, number_text: str, field: str, value: str) -> _Found | None:
    rows = list(
        AddressPoint.objects.filter(street=full, number=number, **{field: value}).values_list(
            "number_suffix", "lat", "lon", "zip_code"
        )[:20]
    )
    if not rows:
        return None
    suffix = number_text.split(" ", 1)[1] if " " in number_text else ""
    best = next((r for r in rows if r[0] == suffix), rows[0])
    return (best[1], best[2]), "point", best[3]


def _range_point(sides: list[_RangeSide], number: int) -> _Found | None:
    fits = [
        r
        for r in sides
        if min(r[1], r[2]) <= number <= max(r[1], r[2])
        and (r[3] == "B" or (number % 2 == 0) == (r[3] == "E"))
    ]
    if not fits:
        return None
    side, start, end, _parity, zip_found, wkb = fits[0]
    coords = np.asarray(shapely.get_coordinates(shapely.from_wkb(bytes(wkb))))
    return point_along(coords, range_share(number, start, end), side), "range", zip_found


def street_display(full: str) -> str:
    """ "N MAIN ST" -> "N Main St", "5TH ST" -> "5th St" (for "Did you mean ...?")."""
    return " ".join(w if len(w) <= 1 else w[0] + w[1:].lower() for w in full.split())


def _suggest(key: StreetKey, areas: list[tuple[str, str]]) -> str | None:
    """The nearest street name in the first area that has streets, if near enough."""
    for field, value in areas:
        streets = _streets(field, value)
        if not streets:
            continue
        best = process.extractOne(key.full, streets, scorer=fuzz.ratio, score_cutoff=SUGGEST_SCORE)
        return street_display(best[0]) if best else None
    return None
