"""Importing boundary sets and deriving which districts each town overlaps."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict, Unpack

import numpy as np
import shapely
from django.conf import settings
from django.db import transaction

from ..index import index_invalidate
from ..models import Boundary, BoundarySet, Division, PlaceOverlap
from ..naming import STATE_NAME, STATE_OCD_ID, Target, expected_divisions, feature_name, matcher_for
from ..readers import features_read

DISTRICT_KINDS = ("sldl", "sldu", "cd", "govcouncil")


@dataclass
class ImportReport:
    """What an import did; unmatched features and divisions left without a boundary."""

    boundary_set: BoundarySet
    imported: int = 0
    unmatched_features: list[str] = field(default_factory=list)
    divisions_without_boundary: list[str] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.unmatched_features and not self.divisions_without_boundary


def boundaries_import(
    *,
    path: Path,
    kind: str,
    set_name: str,
    effective_from: datetime.date | None = None,
    effective_to: datetime.date | None = None,
    source: str = "",
    layer: str | None = None,
    name_field: str | None = None,
) -> ImportReport:
    """Import the boundaries of one kind from a GeoJSON or (zipped) shapefile.

    Idempotent: re-importing into the same set (same kind and name) replaces that set's
    geometries. A new set of a kind closes the open set it supersedes (its `effective_to`
    becomes the new set's `effective_from`), keeping the old geometries as history.
    Features matching no division, and expected divisions left without a boundary, are
    listed in the report rather than skipped silently. Raises `BoundaryFileError` when the
    file cannot be read and `ValueError` for an unknown kind or a missing start date.
    """
    if kind not in Division.Kind.values or kind == Division.Kind.STATE:
        raise ValueError(f"Unknown boundary kind {kind!r}")
    features = features_read(path, layer=layer)
    match = matcher_for(kind, name_field)
    grouped: dict[Target, list[shapely.Geometry]] = {}
    unmatched: list[str] = []
    for feature in features:
        target = match(feature.properties)
        if target is None:
            unmatched.append(feature_name(feature.properties, kind))
        else:
            grouped.setdefault(target, []).append(feature.geometry)
    with transaction.atomic():
        report = _store(
            grouped,
            kind=kind,
            set_name=set_name,
            effective_from=effective_from,
            effective_to=effective_to,
            source=source or path.name,
        )
        report.unmatched_features = unmatched
        place_overlaps_refresh(changed=report.boundary_set)
        transaction.on_commit(index_invalidate)
    index_invalidate()
    return report


class _SetFields(TypedDict):
    """The boundary set's own fields, passed through `_store` to `_boundary_set_save`."""

    effective_from: datetime.date | None
    effective_to: datetime.date | None
    source: str


def _boundary_set_save(
    *,
    kind: str,
    name: str,
    effective_from: datetime.date | None,
    effective_to: datetime.date | None,
    source: str,
) -> BoundarySet:
    boundary_set = BoundarySet.objects.filter(kind=kind, name=name).first()
    if boundary_set is None:
        if effective_from is None:
            raise ValueError("A new boundary set needs the date it comes into force.")
        boundary_set = BoundarySet(kind=kind, name=name, effective_from=effective_from)
        BoundarySet.objects.filter(
            kind=kind, effective_to__isnull=True, effective_from__lt=effective_from
        ).update(effective_to=effective_from)
    if effective_from is not None:
        boundary_set.effective_from = effective_from
    if effective_to is not None:
        boundary_set.effective_to = effective_to
    boundary_set.source = source[:500]
    boundary_set.save()  # Also bumps imported_at, which tells every process to rebuild.
    return boundary_set


def _divisions_ensure(kind: str, targets: list[Target]) -> dict[str, Division]:
    Division.objects.get_or_create(
        ocd_id=STATE_OCD_ID, defaults={"name": STATE_NAME, "kind": Division.Kind.STATE}
    )
    wanted = {t.ocd_id: t for t in [*expected_divisions(kind).values(), *targets]}
    existing = {d.ocd_id: d for d in Division.objects.filter(ocd_id__in=wanted)}
    Division.objects.bulk_create(
        [Division(ocd_id=t.ocd_id, name=t.name, kind=kind) for i, t in wanted.items()
         if i not in existing]
    )  # fmt: skip
    return {d.ocd_id: d for d in Division.objects.filter(ocd_id__in=wanted)}


def _store(
    grouped: dict[Target, list[shapely.Geometry]],
    *,
    kind: str,
    set_name: str,
    **set_fields: Unpack[_SetFields],
) -> ImportReport:
    boundary_set = _boundary_set_save(kind=kind, name=set_name, **set_fields)
    divisions = _divisions_ensure(kind, list(grouped))
    Boundary.objects.filter(boundary_set=boundary_set).delete()
    rows = []
    for target, parts in grouped.items():
        geometry = parts[0] if len(parts) == 1 else shapely.union_all(parts)
        minx, miny, maxx, maxy = geometry.bounds
        rows.append(
            Boundary(
                boundary_set=boundary_set,
                division=divisions[target.ocd_id],
                geometry=shapely.to_wkb(geometry),
                min_lon=minx,
                min_lat=miny,
                max_lon=maxx,
                max_lat=maxy,
            )
        )
    Boundary.objects.bulk_create(rows, batch_size=50)
    covered = {t.ocd_id for t in grouped}
    expected = {t.ocd_id for t in expected_divisions(kind).values()}
    if kind == Division.Kind.PLACE:
        expected = set(Division.objects.filter(kind=kind).values_list("ocd_id", flat=True))
    missing = sorted(divisions[i].name if i in divisions else i for i in expected - covered)
    return ImportReport(boundary_set, imported=len(rows), divisions_without_boundary=missing)


def _geometries(boundary_set: BoundarySet) -> tuple[list[int], np.ndarray]:
    rows = list(
        Boundary.objects.filter(boundary_set=boundary_set).values_list("division_id", "geometry")
    )
    return [r[0] for r in rows], np.array(
        [shapely.from_wkb(bytes(r[1])) for r in rows], dtype=object
    )


# An overlap narrower than this everywhere is a misaligned boundary, not a real piece.
SLIVER_HALF_WIDTH_M = 50.0
# ... unless what survives trimming that much off every edge is at least this large.
SLIVER_CORE_M2 = 20_000.0


def _metres(geometries: np.ndarray) -> np.ndarray:
    """Longitude/latitude to approximate local metres (good enough for widths and areas)."""
    lat = float(np.mean(shapely.bounds(geometries)[:, [1, 3]])) if len(geometries) else 0.0
    kx, ky = 111_320.0 * math.cos(math.radians(lat)), 110_950.0
    metres: np.ndarray = shapely.transform(geometries, lambda c: c * np.array([kx, ky]))
    return metres


def _is_real_piece(overlap: np.ndarray, share: np.ndarray) -> np.ndarray:
    """Overlaps that count: a share above the sliver threshold, or a chunky piece.

    Erring towards "split" is safe (the supporter picks among candidates); erring towards
    "whole" would name the wrong legislator, so a small but solid piece still counts.
    """
    threshold = float(settings.BEACON_GEO_SLIVER_SHARE)
    small = share < threshold
    keep = ~small
    if small.any():
        core = shapely.buffer(_metres(overlap[small]), -SLIVER_HALF_WIDTH_M)
        keep[small] = shapely.area(core) >= SLIVER_CORE_M2
    return keep


# Rows then columns of a town's bounding box, north first, west first.
_COMPASS = [["nw", "n", "ne"], ["w", "c", "e"], ["sw", "s", "se"]]


def _compass_areas(pieces: np.ndarray, towns: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Where each piece lies in its town: the 3 x 3 cell of the town's bounding box that
    holds the piece's centroid; "" for a piece of half the town or more around its
    middle, where a compass word would say nothing."""
    if not len(pieces):
        return np.array([], dtype=object)
    x, y = shapely.get_coordinates(shapely.centroid(pieces)).T
    minx, miny, maxx, maxy = shapely.bounds(towns).T
    column = np.clip(((x - minx) / np.maximum(maxx - minx, 1e-12) * 3).astype(int), 0, 2)
    row = np.clip(((maxy - y) / np.maximum(maxy - miny, 1e-12) * 3).astype(int), 0, 2)
    cells = [_COMPASS[r][c] for r, c in zip(row, column, strict=True)]
    return np.array(
        [
            "" if cell == "c" and share >= 0.5 else cell
            for cell, share in zip(cells, shares, strict=True)
        ],
        dtype=object,
    )


def place_overlaps_compute(*, district_set: BoundarySet, place_set: BoundarySet) -> int:
    """Store, for each town of `place_set`, the districts of `district_set` it overlaps.

    Boundary noise is dropped (the district maps follow census blocks, the town map
    surveyed lines): an overlap under `BEACON_GEO_SLIVER_SHARE` of the town's area that is
    also thin everywhere. Returns the number of rows stored.
    """
    place_ids, places = _geometries(place_set)
    district_ids, districts = _geometries(district_set)
    PlaceOverlap.objects.filter(boundary_set=district_set).delete()
    if not len(places) or not len(districts):
        return 0
    shapely.prepare(districts)
    p_idx, d_idx = shapely.STRtree(districts).query(places, predicate="intersects")
    partial = ~shapely.contains_properly(districts[d_idx], places[p_idx])
    shares = np.ones(len(p_idx))
    keep = np.ones(len(p_idx), dtype=bool)
    overlap = shapely.intersection(places[p_idx[partial]], districts[d_idx[partial]])
    shares[partial] = shapely.area(overlap) / shapely.area(places[p_idx[partial]])
    keep[partial] = _is_real_piece(overlap, shares[partial])
    areas = np.full(len(p_idx), "", dtype=object)
    areas[partial] = _compass_areas(overlap, places[p_idx[partial]], shares[partial])
    rows = [
        PlaceOverlap(
            place_id=place_ids[p],
            district_id=district_ids[d],
            boundary_set=district_set,
            share=s,
            area=a,
        )
        for p, d, s, a, k in zip(p_idx, d_idx, shares, areas, keep, strict=True)
        if k
    ]
    PlaceOverlap.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def place_overlaps_refresh(*, changed: BoundarySet) -> None:
    """Recompute town/district overlaps affected by a newly imported set.

    A district set is compared with the newest town set; a new town set recomputes every
    district set against itself.
    """
    if changed.kind == Division.Kind.PLACE:
        newest_place = (
            BoundarySet.objects.filter(kind=Division.Kind.PLACE)
            .order_by("-effective_from", "-id")
            .first()
        )
        if newest_place != changed:
            return
        for district_set in BoundarySet.objects.filter(kind__in=DISTRICT_KINDS):
            place_overlaps_compute(district_set=district_set, place_set=changed)
    elif changed.kind in DISTRICT_KINDS:
        place_set = (
            BoundarySet.objects.filter(kind=Division.Kind.PLACE)
            .order_by("-effective_from", "-id")
            .first()
        )
        if place_set is not None:
            place_overlaps_compute(district_set=changed, place_set=place_set)
