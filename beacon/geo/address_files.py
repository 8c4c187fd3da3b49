"""Reading address data files: (zipped) shapefiles of lines or points, in batches, in WGS84.

TIGER/Line ADDRFEAT comes as one zipped shapefile per county (NAD83, EPSG:4269, named in
its `.prj`); MassGIS Master Address Data points as a zipped shapefile in Massachusetts
State Plane metres (EPSG:26986). A path may be a `.zip`, a `.shp` (with its `.dbf`, `.shx`
and `.prj` beside it) or a folder holding either. Records are read in batches so that a
state-sized file never sits in memory whole.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyproj
import shapefile

from .readers import WGS84, BoundaryFileError

BATCH = 20_000


@dataclass
class Batch:
    """Records (attribute dicts, upper-case keys) and their geometry in WGS84.

    For lines, `coords` holds one (n, 2) array of lon/lat per record; for points, one
    (lon, lat) row per record. Records without geometry are counted in `null_geometry`.
    """

    records: list[dict[str, object]]
    coords: list[np.ndarray]
    null_geometry: int = 0


def files_in(path: Path) -> list[Path]:
    """`path` itself, or for a folder its .zip files and the .shp files not also zipped."""
    if not path.is_dir():
        return [path]
    found = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".shp", ".zip"))
    zipped = {p.stem.lower() for p in found if p.suffix.lower() == ".zip"}
    return [p for p in found if p.suffix.lower() == ".zip" or p.stem.lower() not in zipped]


@contextmanager
def shapefiles_in(path: Path) -> Iterator[list[Path]]:
    """The .shp files of one file (a zip is extracted to a temporary folder meanwhile)."""
    if path.suffix.lower() == ".shp":
        yield [path]
        return
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as e:
        raise BoundaryFileError(f"Cannot read {path.name}: {e}") from e
    with archive, tempfile.TemporaryDirectory(prefix="beacon-addr-") as tmp:
        members = [n for n in archive.namelist() if not n.startswith("__MACOSX")]
        archive.extractall(tmp, members=members)
        yield sorted(p for p in Path(tmp).rglob("*") if p.suffix.lower() == ".shp")


def _crs(shp: Path) -> pyproj.CRS:
    for prj in (shp.with_suffix(".prj"), shp.with_suffix(".PRJ")):
        if prj.exists():
            try:
                return pyproj.CRS.from_user_input(prj.read_text("utf-8", "replace"))
            except pyproj.exceptions.CRSError as e:
                raise BoundaryFileError(f"{shp.name}: the .prj names no known projection") from e
    return WGS84


def batches_read(
    shp: Path, *, geometry: str, fields: set[str] | None = None, size: int = BATCH
) -> Iterator[Batch]:
    """Batches of the records of one shapefile; `geometry` is "line" or "point".

    Only the attribute `fields` named (upper case) are decoded, when given: decoding the
    other fields of a TIGER/Line file was half the import time.
    """
    wanted = (
        {shapefile.POLYLINE, shapefile.POLYLINEZ, shapefile.POLYLINEM}
        if geometry == "line"
        else {shapefile.POINT, shapefile.POINTZ, shapefile.POINTM}
    )
    try:
        reader = shapefile.Reader(str(shp), encodingErrors="replace")
    except (OSError, shapefile.ShapefileException) as e:
        raise BoundaryFileError(f"Cannot read {shp.name}: {e}") from e
    with reader:
        if reader.shapeType not in wanted:
            raise BoundaryFileError(f"{shp.name} holds no {geometry} features")
        crs = _crs(shp)
        transformer = (
            None
            if crs.equals(WGS84, ignore_axis_order=True)
            else pyproj.Transformer.from_crs(crs, WGS84, always_xy=True)
        )
        names = [f[0] for f in reader.fields[1:]]
        if fields is not None:
            names = [n for n in names if n.upper() in fields]
        keys = [n.upper() for n in names]
        batch = Batch([], [])
        for shape_record in reader.iterShapeRecords(fields=names):
            shape = shape_record.shape
            if shape.shapeType == shapefile.NULL or not shape.points:
                batch.null_geometry += 1
                continue
            batch.records.append(dict(zip(keys, shape_record.record, strict=False)))
            batch.coords.append(np.asarray(shape.points, dtype=float)[:, :2])
            if len(batch.records) >= size:
                yield _reprojected(batch, transformer, geometry)
                batch = Batch([], [])
        if batch.records or batch.null_geometry:
            yield _reprojected(batch, transformer, geometry)


def _reprojected(batch: Batch, transformer: pyproj.Transformer | None, geometry: str) -> Batch:
    if not batch.coords:
        return batch
    if geometry == "point":
        stacked = np.vstack([c[:1] for c in batch.coords])
        if transformer is not None:
            stacked = np.column_stack(transformer.transform(stacked[:, 0], stacked[:, 1]))
        batch.coords = list(stacked)
        return batch
    if transformer is not None:
        sizes = [len(c) for c in batch.coords]
        stacked = np.vstack(batch.coords)
        x, y = transformer.transform(stacked[:, 0], stacked[:, 1])
        batch.coords = np.split(np.column_stack([x, y]), np.cumsum(sizes)[:-1])
    return batch
