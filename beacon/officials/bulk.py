"""Who represents each row of a list: points or addresses in, one result per row out.

For organizers (`beacon lookup --points FILE`, `--addresses FILE`). Rows are read and
written one at a time, so memory does not grow with the file. Most rows of a list share a
handful of district sets (state, town, Senate, House, Congress, Governor's Council), so
the officials and the serialised result are computed once per distinct set and kept in a
bounded cache; a row then costs its parse, its geocode (addresses) and one point lookup.
The index is taken once per run: an import during a run is seen by the next run.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO, overload

from django.utils import timezone

from beacon.core.exports import csv_cell
from beacon.geo.index import DivisionIndex, index_for
from beacon.geo.models import BoundarySet, Division
from beacon.geo.providers import geocoder_get
from beacon.geo.services import Resolution, address_resolve
from beacon.geo.services.resolve import Error

from .lookup import PeopleDict, awaiting_as_dict, division_as_dict, official_as_dict
from .selectors import SEAT_ROLE_BY_KIND, official_list_for_divisions, seat_list_from

if TYPE_CHECKING:
    from _csv import Writer

# A district set's key: the error, the certain divisions' pks, and the candidates' pks
# per kind.
_SetKey = tuple[Error | None, tuple[int, ...], tuple[tuple[str, tuple[int, ...]], ...]]

# An uploaded members' list: a path, or an open binary file (a Django UploadedFile).
UploadLike = Path | IO[bytes]

CACHE_SIZE = 4096
LAT_NAMES, LON_NAMES = ("lat", "latitude", "y"), ("lon", "lng", "long", "longitude", "x")
STREET_NAMES = ("street", "address", "street_address", "address1", "address_line_1")
CITY_NAMES, ZIP_NAMES = ("city", "town", "city_town"), ("zip", "zip_code", "zipcode", "postcode")
# Columns added to a CSV, in this order.
CSV_COLUMNS = [
    "precision", "error", "street_error", "suggestion", "town",
    "state_senate_district", "state_senator", "state_house_district", "state_representative",
    "congressional_district", "us_representative", "governors_council_district",
    "governors_councillor", "candidates",
]  # fmt: skip
_KIND_COLUMNS = {
    "sldu": ("state_senate_district", "state_senator"),
    "sldl": ("state_house_district", "state_representative"),
    "cd": ("congressional_district", "us_representative"),
    "govcouncil": ("governors_council_district", "governors_councillor"),
}


@dataclass
class BulkReport:
    """Counts of a run: rows read, rows answered by precision, distinct district sets."""

    rows: int = 0
    by_precision: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    distinct_sets: int = 0


@dataclass(frozen=True)
class _Fragment:
    json_tail: str  # the serialised result without its row-specific members, minus "{"
    csv_values: dict[str, str]


class _FragmentCache:
    """Results per distinct district set, least recently used dropped past CACHE_SIZE.

    The officials of every division are read once per run (five queries), so a new
    district set costs no query: the same data `representation_as_dict` gives, assembled
    from memory.
    """

    def __init__(self) -> None:
        self.items: OrderedDict[_SetKey, _Fragment] = OrderedDict()
        self.computed = 0
        officials = official_list_for_divisions(list(Division.objects.all()))
        self.officials = [official_as_dict(o) for o in officials]
        self.holders: dict[int, list[int]] = {}
        for i, official in enumerate(officials):
            for role in official.current_roles:
                self.holders.setdefault(role.division_id, []).append(i)

    def get(self, resolution: Resolution) -> _Fragment:
        key: _SetKey = (
            resolution.error,
            tuple(d.pk for d in resolution.divisions),
            tuple((k, tuple(d.pk for d in v)) for k, v in sorted(resolution.candidates.items())),
        )
        fragment = self.items.get(key)
        if fragment is not None:
            self.items.move_to_end(key)
            return fragment
        fragment = self.items[key] = self._fragment(resolution)
        self.computed += 1
        if len(self.items) > CACHE_SIZE:
            self.items.popitem(last=False)
        return fragment

    def _fragment(self, resolution: Resolution) -> _Fragment:
        if resolution.error is not None:
            data: PeopleDict = {
                "divisions": [],
                "candidates": {},
                "officials": [],
                "vacant": [],
                "awaiting_updated_data": [],
            }
        else:
            certain = resolution.divisions
            held = sorted({i for d in certain for i in self.holders.get(d.pk, ())})
            # Seats nobody holds: vacant, or awaiting updated data (one query per set).
            empty = seat_list_from(
                [d for d in certain if d.kind in SEAT_ROLE_BY_KIND and not self.holders.get(d.pk)],
                [],
            )
            data = {
                "divisions": [division_as_dict(d) for d in certain],
                "candidates": {
                    kind: [division_as_dict(d) for d in divisions]
                    for kind, divisions in resolution.candidates.items()
                },
                "officials": [self.officials[i] for i in held],
                "vacant": [
                    {**division_as_dict(s.division), "office": str(s.title)}
                    for s in empty
                    if s.is_vacant
                ],
                "awaiting_updated_data": [awaiting_as_dict(s) for s in empty if s.is_awaiting_data],
            }
        return _Fragment(json_tail=json.dumps(data, ensure_ascii=False)[1:], csv_values=_csv(data))


def _csv(data: PeopleDict) -> dict[str, str]:
    values: dict[str, str] = {}
    holders = {
        office["division"]: official["name"]
        for official in data["officials"]
        for office in official["offices"]
    }
    for division in data["divisions"]:
        columns = _KIND_COLUMNS.get(division["kind"])
        if division["kind"] == "place":
            values["town"] = division["name"]
        if columns:
            values[columns[0]] = division["name"]
            values[columns[1]] = holders.get(division["ocd_id"], "")
    values["candidates"] = "; ".join(
        d["name"] for divisions in data["candidates"].values() for d in divisions
    )
    return values


@overload
def _column(header: list[str], names: tuple[str, ...], default: int) -> int: ...
@overload
def _column(header: list[str], names: tuple[str, ...], default: None) -> int | None: ...
def _column(header: list[str], names: tuple[str, ...], default: int | None) -> int | None:
    lowered = [h.strip().lower() for h in header]
    return next((lowered.index(n) for n in names if n in lowered), default)


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


class _Writer:
    def __init__(
        self, fmt: str, write: Callable[[str], object], cell: Callable[[str], str] | None = None
    ) -> None:
        self.fmt, self.write = fmt, write
        self.cell: Callable[[str], str] = cell or (lambda value: value)
        # Set for "csv" only.
        self.csv_out: Writer | None = (
            csv.writer(_Sink(self.write), lineterminator="\n") if fmt == "csv" else None
        )

    def header(self, header: list[str]) -> None:
        if self.csv_out is not None:
            self.csv_out.writerow([self.cell(v) for v in [*header, *CSV_COLUMNS]])

    def row(self, number: int, row: list[str], resolution: Resolution, fragment: _Fragment) -> None:
        if self.csv_out is not None:
            extra = {
                "precision": resolution.precision,
                "error": resolution.error or "",
                "street_error": resolution.street_error or "",
                "suggestion": resolution.suggestion or "",
                **fragment.csv_values,
            }
            values = [*row, *(extra.get(c, "") for c in CSV_COLUMNS)]
            self.csv_out.writerow([self.cell(v) for v in values])
            return
        point = resolution.point
        head = (
            f'{{"row": {number}, "precision": "{resolution.precision}", '
            f'"error": {json.dumps(resolution.error)}, '
            f'"point": {json.dumps(list(point)) if point else "null"}, '
        )
        if resolution.street_error or resolution.suggestion:
            head += (
                f'"street_error": {json.dumps(resolution.street_error)}, '
                f'"suggestion": {json.dumps(resolution.suggestion, ensure_ascii=False)}, '
            )
        self.write(head + fragment.json_tail + "\n")


class _Sink:
    """A file-like `write` for csv.writer."""

    def __init__(self, write: Callable[[str], object]) -> None:
        self.write = write


def _rows_with_header(
    rows: Iterator[list[str]], looks_like_data: Callable[[list[str]], bool]
) -> tuple[list[str], Iterator[list[str]]]:
    first = next(rows, None)
    if first is None:
        return [], iter(())
    if looks_like_data(first):
        width = len(first)
        return [f"column_{i + 1}" for i in range(width)], _chain(first, rows)
    return first, rows


def _chain(first: list[str], rows: Iterator[list[str]]) -> Iterator[list[str]]:
    yield first
    yield from rows


def points_lookup(
    rows: Iterable[list[str]],
    *,
    fmt: str = "jsonl",
    write: Callable[[str], object],
    cell: Callable[[str], str] | None = None,
) -> BulkReport:
    """Resolve CSV rows holding a latitude and a longitude (columns named lat/lon, or the
    first two); writes one result per row through `write`, in `fmt` ("jsonl" or "csv").
    `cell`, when given, filters every CSV cell (the dashboard defuses formulas with it)."""
    header, body = _rows_with_header(
        iter(rows), lambda r: len(r) >= 2 and _is_number(r[0]) and _is_number(r[1])
    )
    lat_i, lon_i = _column(header, LAT_NAMES, 0), _column(header, LON_NAMES, 1)
    index = index_for(timezone.localdate())
    loaded = BoundarySet.objects.in_force(timezone.localdate()).exists()
    empty_error: Error = "outside_state" if loaded else "unavailable"
    cache, writer, report = _FragmentCache(), _Writer(fmt, write, cell), BulkReport()
    writer.header(header)
    for number, row in enumerate(body, start=1):
        resolution = _point_resolution(row, lat_i, lon_i, index, empty_error)
        writer.row(number, row, resolution, cache.get(resolution))
        _count(report, resolution)
    report.distinct_sets = cache.computed
    return report


def _point_resolution(
    row: list[str], lat_i: int, lon_i: int, index: DivisionIndex, empty_error: Error
) -> Resolution:
    try:
        lat, lon = float(row[lat_i]), float(row[lon_i])
    except (IndexError, ValueError, TypeError):
        return Resolution(precision="point", error="invalid")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # Also false for NaN.
        return Resolution(precision="point", error="invalid")
    divisions = index.divisions_at(lon, lat)
    if not divisions:
        return Resolution(precision="point", point=(lat, lon), error=empty_error)
    place = next((d for d in divisions if d.kind == Division.Kind.PLACE), None)
    return Resolution(precision="point", point=(lat, lon), divisions=divisions, place=place)


def addresses_lookup(
    rows: Iterable[list[str]],
    *,
    fmt: str = "jsonl",
    write: Callable[[str], object],
    cell: Callable[[str], str] | None = None,
) -> BulkReport:
    """Resolve CSV rows of addresses: columns street/address, city/town and zip (by header
    name), or one column holding the whole address ("12 Main St, Yarmouth, MA 02664")."""
    from .management.commands.lookup import address_split

    header, body = _rows_with_header(iter(rows), lambda r: False)
    street_i = _column(header, STREET_NAMES, 0)
    city_i, zip_i = _column(header, CITY_NAMES, None), _column(header, ZIP_NAMES, None)
    geocoder = geocoder_get()
    cache, writer, report = _FragmentCache(), _Writer(fmt, write, cell), BulkReport()
    writer.header(header)
    for number, row in enumerate(body, start=1):
        if city_i is None and zip_i is None:
            parts = address_split(_cell(row, street_i))
        else:
            parts = {
                "street": _cell(row, street_i),
                "city": _cell(row, city_i),
                "zip_code": _cell(row, zip_i),
            }
        resolution = address_resolve(**parts, geocoder=geocoder)
        writer.row(number, row, resolution, cache.get(resolution))
        _count(report, resolution)
    report.distinct_sets = cache.computed
    return report


def _cell(row: list[str], i: int | None) -> str:
    return row[i] if i is not None and i < len(row) else ""


def _count(report: BulkReport, resolution: Resolution) -> None:
    report.rows += 1
    report.by_precision[resolution.precision] = report.by_precision.get(resolution.precision, 0) + 1
    if resolution.error:
        report.errors[resolution.error] = report.errors.get(resolution.error, 0) + 1


def member_list_annotate(*, upload: UploadLike, kind: str, answer: BinaryIO) -> BulkReport:
    """A members' CSV back with districts and legislators, for the organizer workspace.

    `upload` is the uploaded file (a Django `UploadedFile`, an open binary file, or a
    `Path`) holding UTF-8 CSV (a byte-order mark allowed; bad bytes replaced); `kind` is
    "addresses" or "points". The members' columns followed by Beacon's (`CSV_COLUMNS`) are
    written to `answer` as UTF-8, row by row, every cell through `csv_cell` so that no
    cell opens as a spreadsheet formula. The upload is closed and its file deleted in
    every case, also when the lookup fails: nothing of the list is kept or logged.
    """
    if kind not in ("addresses", "points"):
        _upload_delete(upload)
        raise ValueError(f"unknown list kind {kind!r}")
    lookup = points_lookup if kind == "points" else addresses_lookup
    text = codecs.getwriter("utf-8")(answer)
    source: IO[bytes] = upload.open("rb") if isinstance(upload, Path) else upload
    try:
        rows = csv.reader(codecs.iterdecode(source, "utf-8-sig", errors="replace"))
        return lookup(rows, fmt="csv", write=text.write, cell=csv_cell)
    finally:
        _upload_delete(upload, source)


def _upload_delete(upload: UploadLike, opened: IO[bytes] | None = None) -> None:
    """Close the upload and remove its file: a path, or the temporary file Django wrote
    a large upload to (closing deletes it; removing it again is harmless)."""
    if opened is not None:
        opened.close()
    if not isinstance(upload, Path):
        upload.close()
    path = upload if isinstance(upload, Path) else getattr(upload, "temporary_file_path", None)
    if callable(path):
        path = Path(path())
    if isinstance(path, Path):
        path.unlink(missing_ok=True)
