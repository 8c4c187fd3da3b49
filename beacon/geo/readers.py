"""Reading boundary files: GeoJSON and (zipped) ESRI shapefiles, reprojected to WGS84.

GeoJSON may name its projection in a `crs` member (MassGIS conversions say
`urn:ogc:def:crs:EPSG::26986`); without one it is WGS84, as RFC 7946 says. Shapefiles
carry their projection in a `.prj` file beside the `.shp`. Every geometry comes back as
valid polygons in longitude/latitude order.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import pyproj
import shapefile
import shapely
from shapely.geometry import shape

WGS84 = pyproj.CRS.from_epsg(4326)


class BoundaryFileError(ValueError):
    """The file cannot be read as boundaries (format, projection or geometry)."""


@dataclass
class Feature:
    properties: dict[str, Any]
    geometry: shapely.Geometry


def features_read(path: Path, *, layer: str | None = None) -> list[Feature]:
    """The features of a GeoJSON file or (zipped) shapefile, as valid WGS84 polygons."""
    suffix = path.suffix.lower() or _sniff(path)
    try:
        if suffix in (".geojson", ".json"):
            features, crs = _read_geojson(path)
        elif suffix == ".zip":
            features, crs = _read_zip(path, layer)
        elif suffix == ".shp":
            features, crs = _read_shapefile(
                path.read_bytes(),
                _read_sibling(path, ".shx"),
                _read_sibling(path, ".dbf"),
                _read_sibling(path, ".prj"),
            )
        else:
            raise BoundaryFileError(f"Unsupported file type: {path.name}")
    except (OSError, json.JSONDecodeError, zipfile.BadZipFile, shapefile.ShapefileException) as e:
        raise BoundaryFileError(f"Cannot read {path.name}: {e}") from e
    _reproject(features, crs)
    for feature in features:
        feature.geometry = polygons_valid(feature.geometry)
    return [f for f in features if not f.geometry.is_empty]


def _sniff(path: Path) -> str:
    """The type of a file saved without an extension (say, from a query URL)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(64).lstrip()
    except OSError:
        return ""
    if head.startswith(b"PK"):
        return ".zip"
    return ".geojson" if head.startswith(b"{") else ""


def _read_sibling(path: Path, suffix: str) -> bytes | None:
    for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
        if candidate.exists():
            return candidate.read_bytes()
    return None


def _crs_from_geojson(data: dict[str, Any]) -> pyproj.CRS:
    name = ((data.get("crs") or {}).get("properties") or {}).get("name")
    if not name:
        return WGS84
    try:
        return pyproj.CRS.from_user_input(name)
    except pyproj.exceptions.CRSError as e:
        raise BoundaryFileError(f"Unknown projection {name!r}") from e


def _read_geojson(path: Path) -> tuple[list[Feature], pyproj.CRS]:
    with path.open("rb") as fh:
        data = json.load(fh)
    if data.get("type") != "FeatureCollection":
        raise BoundaryFileError("A GeoJSON FeatureCollection is expected.")
    features = [
        Feature(dict(f.get("properties") or {}), shape(f["geometry"]))
        for f in data.get("features", [])
        if f.get("geometry")
    ]
    return features, _crs_from_geojson(data)


def _read_zip(path: Path, layer: str | None) -> tuple[list[Feature], pyproj.CRS]:
    with zipfile.ZipFile(path) as archive:
        members = {PurePosixPath(n): n for n in archive.namelist() if not n.startswith("__MACOSX")}
        shps = [p for p in members if p.suffix.lower() == ".shp"]
        if layer:
            shps = [p for p in shps if p.stem.lower() == layer.lower()]
        # MassGIS zips hold a polygon layer (_POLY) beside a line layer (_ARC).
        shps.sort(key=lambda p: (not p.stem.upper().endswith("_POLY"), str(p)))
        if not shps:
            raise BoundaryFileError(f"No shapefile{' ' + layer if layer else ''} in {path.name}")

        def sibling(shp: PurePosixPath, suffix: str) -> bytes | None:
            for p, name in members.items():
                if p.parent == shp.parent and p.stem == shp.stem and p.suffix.lower() == suffix:
                    return archive.read(name)
            return None

        for shp in shps:
            result = _read_shapefile(
                archive.read(members[shp]),
                sibling(shp, ".shx"),
                sibling(shp, ".dbf"),
                sibling(shp, ".prj"),
            )
            if result[0]:
                return result
    raise BoundaryFileError(f"No polygon layer in {path.name}")


def _read_shapefile(
    shp: bytes, shx: bytes | None, dbf: bytes | None, prj: bytes | None
) -> tuple[list[Feature], pyproj.CRS]:
    if dbf is None:
        raise BoundaryFileError("The shapefile has no .dbf attribute table.")
    reader = shapefile.Reader(
        shp=io.BytesIO(shp),
        shx=io.BytesIO(shx) if shx else None,
        dbf=io.BytesIO(dbf),
        encodingErrors="replace",
    )
    if reader.shapeType not in (shapefile.POLYGON, shapefile.POLYGONZ, shapefile.POLYGONM):
        return [], WGS84
    features = [
        Feature(record.as_dict(), shape(geom.__geo_interface__))
        for geom, record in zip(reader.iterShapes(), reader.iterRecords(), strict=True)
        if geom.shapeType != shapefile.NULL
    ]
    if prj is None:
        return features, _assume_wgs84(features)
    try:
        return features, pyproj.CRS.from_user_input(prj.decode("utf-8", "replace"))
    except pyproj.exceptions.CRSError as e:
        raise BoundaryFileError("The .prj file names no known projection.") from e


def _assume_wgs84(features: list[Feature]) -> pyproj.CRS:
    """Without a .prj only longitude/latitude is safe to assume, and only if it fits."""
    if features:
        minx, miny, maxx, maxy = shapely.total_bounds([f.geometry for f in features])
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise BoundaryFileError(
                "The shapefile has no .prj and its coordinates are not degrees."
            )
    return WGS84


def _reproject(features: list[Feature], crs: pyproj.CRS) -> None:
    geoms = np.array([f.geometry for f in features], dtype=object)
    # GeoJSON and shapefiles in WGS84 are written longitude first whatever the CRS's axis
    # order says, so any geographic WGS84 is taken as-is.
    if not crs.equals(WGS84, ignore_axis_order=True):
        transformer = pyproj.Transformer.from_crs(crs, WGS84, always_xy=True)

        def transform(coords: np.ndarray) -> np.ndarray:
            x, y = transformer.transform(coords[:, 0], coords[:, 1])
            return np.column_stack([x, y])

        geoms = shapely.transform(geoms, transform)
    for feature, geom in zip(features, geoms, strict=True):
        feature.geometry = shapely.force_2d(geom)


def polygons_valid(geometry: shapely.Geometry) -> shapely.Geometry:
    """`geometry` repaired with make_valid, keeping only its polygonal parts."""
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [g for g in shapely.get_parts(geometry) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()
