"""Importing public address data for the local geocoder: TIGER/Line ranges, MassGIS points.

Each import reads every file given (one per county for ADDRFEAT), replaces the rows of its
vintage in one transaction, and reports what it skipped and why. Each side of a segment,
and each point, is tagged with the town it lies in, found with the town boundaries already
loaded (`beacon load_ma_data` imports boundaries first), so that a supporter's "12 Main St,
Worcester" is matched among Worcester's streets only.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from ..address_files import Batch, batches_read, files_in, shapefiles_in
from ..addressing import StreetKey, street_key
from ..index import index_for
from ..models import AddressPoint, AddressRange, AddressSource, Division, StreetSegment
from ..streetline import side_points

INSERT_BATCH = 5_000
# The TIGER/Line ADDRFEAT fields read; the others (TFIDL, ARIDL, LINEARID, EDGE_MTFCC,
# PLUS4L, LFROMTYP, OFFSETL, ...) are not needed to place an address.
ADDRFEAT_FIELDS = {
    "TLID", "FULLNAME", "LFROMHN", "LTOHN", "RFROMHN", "RTOHN", "ZIPL", "ZIPR",
    "PARITYL", "PARITYR",
}  # fmt: skip


@dataclass
class AddressImportReport:
    """What an address import stored and what it skipped (reason -> count)."""

    source: AddressSource
    imported: int = 0
    files: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def _place_finder() -> Callable[[float, float], str]:
    """(lat, lon) -> the OCD slug of the town there, "" when outside every town."""
    index = index_for(timezone.localdate())

    def place_at(lat: float, lon: float) -> str:
        for division in index.divisions_at(lon, lat):
            if division.kind == Division.Kind.PLACE:
                return division.ocd_id.rsplit("place:", 1)[-1]
        return ""

    return place_at


def _source_replace(kind: str, name: str, source: str) -> AddressSource:
    """The source row of this vintage, emptied; older vintages of the kind deleted."""
    AddressSource.objects.filter(kind=kind).exclude(name=name).delete()
    row, _ = AddressSource.objects.update_or_create(
        kind=kind, name=name, defaults={"source": source[:500]}
    )
    model_list: list[type[StreetSegment] | type[AddressRange] | type[AddressPoint]] = (
        [StreetSegment, AddressRange] if kind == AddressSource.Kind.RANGES else [AddressPoint]
    )
    for model in model_list:
        model.objects.filter(source=row).delete()
    return row


def _number(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _parity(value: object, start: int, end: int) -> str:
    text = str(value or "").strip().upper()
    if text in ("O", "E", "B"):
        return text
    if start % 2 == end % 2:
        return "E" if start % 2 == 0 else "O"
    return "B"


def address_ranges_import(
    *, paths: Iterable[Path], name: str, source: str = ""
) -> AddressImportReport:
    """Import TIGER/Line ADDRFEAT shapefiles (one or more counties) as vintage `name`.

    Reads `TLID`, `FULLNAME`, `LFROMHN`, `LTOHN`, `RFROMHN`, `RTOHN`, `ZIPL`, `ZIPR`,
    `PARITYL` and `PARITYR`. A side without both numbers, or with a number that is not
    plain digits, is skipped and counted; so is a feature without a name or geometry.
    Idempotent; raises `BoundaryFileError` for an unreadable file.
    """
    started = time.perf_counter()
    place_at = _place_finder()
    with transaction.atomic():
        row = _source_replace(AddressSource.Kind.RANGES, name, source)
        report = AddressImportReport(source=row)
        for path in [f for p in paths for f in files_in(Path(p))]:
            with shapefiles_in(path) as shps:
                for shp in shps:
                    report.files += 1
                    for batch in batches_read(shp, geometry="line", fields=ADDRFEAT_FIELDS):
                        report.skipped["no geometry"] += batch.null_geometry
                        _ranges_store(row, batch, place_at, report)
        row.row_count = report.imported
        row.save()
    report.skipped = Counter({k: v for k, v in report.skipped.items() if v})
    report.seconds = time.perf_counter() - started
    return report


# One side of a segment to store: (side, street, zip, from, to, parity).
_Side = tuple[str, StreetKey, str, int, int, str]


def _ranges_store(
    row: AddressSource,
    batch: Batch,
    place_at: Callable[[float, float], str],
    report: AddressImportReport,
) -> None:
    kept: list[tuple[int, int]] = []  # (index in the batch, TLID)
    sides_of: list[list[_Side]] = []
    for n, (record, coords) in enumerate(zip(batch.records, batch.coords, strict=True)):
        key = street_key(str(record.get("FULLNAME") or ""))
        tlid = _number(record.get("TLID"))
        if not key.name or tlid is None:
            report.skipped["no street name or TLID"] += 1
            continue
        if len(coords) < 2:
            report.skipped["no geometry"] += 1
            continue
        sides: list[_Side] = []
        for side in ("L", "R"):
            raw = (record.get(f"{side}FROMHN"), record.get(f"{side}TOHN"))
            start, end = _number(raw[0]), _number(raw[1])
            if start is None or end is None:
                if any(str(v or "").strip() for v in raw):
                    report.skipped["house number not plain digits (one side)"] += 1
                continue
            zip_code = str(record.get(f"ZIP{side}") or "").strip()[:5]
            parity = _parity(record.get(f"PARITY{side}"), start, end)
            sides.append((side, key, zip_code, start, end, parity))
        if not sides:
            report.skipped["no house numbers on either side"] += 1
            continue
        kept.append((n, tlid))
        sides_of.append(sides)
    if not kept:
        return
    kept_coords = [batch.coords[n] for n, _tlid in kept]
    sizes = np.array([len(c) for c in kept_coords])
    lines = shapely.linestrings(
        np.vstack(kept_coords), indices=np.repeat(np.arange(len(kept_coords)), sizes)
    )
    left, right = side_points(lines)
    wkbs = shapely.to_wkb(lines)
    segments: list[tuple[int, int, bytes]] = []
    ranges: list[tuple[int, int, str, str, str, str, str, int, int, str]] = []
    seen: set[int] = set()
    for i, ((_n, tlid), sides) in enumerate(zip(kept, sides_of, strict=True)):
        for side, key, zip_code, start, end, parity in sides:
            lon, lat = left[i] if side == "L" else right[i]
            place = place_at(float(lat), float(lon))
            ranges.append((row.pk, tlid, side, key.full, key.name, place, zip_code, start, end,
                           parity))  # fmt: skip
        if tlid not in seen:
            seen.add(tlid)
            segments.append((row.pk, tlid, wkbs[i]))
    _insert(StreetSegment, ["source_id", "tlid", "geometry"], segments)
    _insert(AddressRange, RANGE_COLUMNS, ranges)
    report.imported += len(segments)


RANGE_COLUMNS = ["source_id", "tlid", "side", "street", "street_name", "place", "zip_code",
                 "from_number", "to_number", "parity"]  # fmt: skip


def _insert(
    model: type[Model], columns: list[str], rows: Sequence[tuple[int | str | bytes, ...]]
) -> None:
    """Plain multi-row INSERTs: a state-sized import is over a million rows, and building
    model instances for each costs more than the database does."""
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_BATCH):
            cursor.executemany(sql, rows[start : start + INSERT_BATCH])


# MassGIS Master Address Data fields read (others are ignored), each under its full name
# (geodatabase, GeoJSON) and the 10-character name of a shapefile export.
MAD_FIELDS = {
    "number": ("ADDRESS_NUMBER", "ADDRESS_NU"),
    "full_number": ("FULL_NUMBER_STANDARDIZED", "FULL_NUMBE"),
    "suffix": ("ADDRESS_NUMBER_SUFFIX", "ADDRESS__1"),
    "street": ("STREET_NAME", "STREET_NAM"),
    "zip": ("POSTCODE",),
    "town": ("GEOGRAPHIC_TOWN", "GEOGRAPHIC", "COMMUNITY_NAME", "COMMUNITY_"),
}


# What makes two points the same address: (number, suffix, street, place).
_PointIdentity = tuple[int, str, str, str]


def _mad(record: dict[str, object], field: str) -> object:
    return next((record[f] for f in MAD_FIELDS[field] if record.get(f) not in (None, "")), None)


def address_points_import(
    *, paths: Iterable[Path], name: str, source: str = ""
) -> AddressImportReport:
    """Import MassGIS Master Address Data address points as vintage `name`.

    Reads `ADDRESS_NUMBER` (or the leading digits of `FULL_NUMBER_STANDARDIZED`),
    `ADDRESS_NUMBER_SUFFIX`, `STREET_NAME` and `POSTCODE` (or their 10-character
    shapefile names, see `MAD_FIELDS`); the town is taken from the town boundaries at the
    point (`GEOGRAPHIC_TOWN` or `COMMUNITY_NAME` when none are loaded).
    Points of several units at one address are stored once. Idempotent.
    """
    started = time.perf_counter()
    place_at = _place_finder()
    with transaction.atomic():
        row = _source_replace(AddressSource.Kind.POINTS, name, source)
        report = AddressImportReport(source=row)
        for path in [f for p in paths for f in files_in(Path(p))]:
            with shapefiles_in(path) as shps:
                for shp in shps:
                    report.files += 1
                    seen: set[_PointIdentity] = set()
                    for batch in batches_read(
                        shp, geometry="point", fields={f for fs in MAD_FIELDS.values() for f in fs}
                    ):
                        report.skipped["no geometry"] += batch.null_geometry
                        _points_store(row, batch, place_at, report, seen)
        row.row_count = report.imported
        row.save()
    report.skipped = Counter({k: v for k, v in report.skipped.items() if v})
    report.seconds = time.perf_counter() - started
    return report


def _mad_number(record: dict[str, object]) -> int | None:
    number = _mad(record, "number")
    if isinstance(number, int) and number > 0:
        return number
    digits = ""
    for ch in str(_mad(record, "full_number") or "").strip():
        if not ch.isdigit():
            break
        digits += ch
    return int(digits) if digits else None


def _points_store(
    row: AddressSource,
    batch: Batch,
    place_at: Callable[[float, float], str],
    report: AddressImportReport,
    seen: set[_PointIdentity],
) -> None:
    from ..naming import place_slug

    points = []
    for record, (lon, lat) in zip(batch.records, batch.coords, strict=True):
        number = _mad_number(record)
        key = street_key(str(_mad(record, "street") or ""))
        if number is None or not key.name:
            report.skipped["no house number or street name"] += 1
            continue
        place = place_at(float(lat), float(lon))
        if not place:
            place = place_slug(str(_mad(record, "town") or ""))
        suffix = str(_mad(record, "suffix") or "").strip().upper()[:12]
        identity = (number, suffix, key.full, place)
        if identity in seen:
            report.skipped["another unit at an address already stored"] += 1
            continue
        seen.add(identity)
        points.append(
            AddressPoint(source=row, number=number, number_suffix=suffix, street=key.full,
                         street_name=key.name, place=place,
                         zip_code=str(_mad(record, "zip") or "").strip()[:5],
                         lat=float(lat), lon=float(lon))
        )  # fmt: skip
    AddressPoint.objects.bulk_create(points, batch_size=INSERT_BATCH)
    report.imported += len(points)
