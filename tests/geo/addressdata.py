"""Small address data files in the real formats, with known answers, built for tests.

ADDRFEAT: the TIGER/Line address range feature shapefile layout (TLID, TFIDL, TFIDR, ARIDL,
ARIDR, LINEARID, FULLNAME, LFROMHN, LTOHN, RFROMHN, RTOHN, ZIPL, ZIPR, EDGE_MTFCC,
ROAD_MTFCC, PARITYL, PARITYR, PLUS4L, PLUS4R, LFROMTYP, LTOTYP, RFROMTYP, RTOTYP,
OFFSETL, OFFSETR) in NAD83 longitude/latitude with its .prj, zipped as the Census ships it.
MassGIS address points: the Master Address Data fields the importer reads (and a few it
ignores), under the 10-character names a shapefile allows, in State Plane metres
(EPSG:26986).

The streets lie in the fixture towns (tests/fixtures/geo): Beta is split between the 1st
Barnstable (west of x = 210,000) and the 2nd Barnstable district; Division St runs north
along that line, odd numbers on its west (left) side.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pyproj
import shapefile

_to_nad83 = pyproj.Transformer.from_crs(26986, 4269, always_xy=True)

ADDRFEAT_FIELDS = [
    ("TLID", "N", 10), ("TFIDL", "N", 10), ("TFIDR", "N", 10), ("ARIDL", "C", 22),
    ("ARIDR", "C", 22), ("LINEARID", "C", 22), ("FULLNAME", "C", 100), ("LFROMHN", "C", 12),
    ("LTOHN", "C", 12), ("RFROMHN", "C", 12), ("RTOHN", "C", 12), ("ZIPL", "C", 5),
    ("ZIPR", "C", 5), ("EDGE_MTFCC", "C", 5), ("ROAD_MTFCC", "C", 5), ("PARITYL", "C", 1),
    ("PARITYR", "C", 1), ("PLUS4L", "C", 4), ("PLUS4R", "C", 4), ("LFROMTYP", "C", 1),
    ("LTOTYP", "C", 1), ("RFROMTYP", "C", 1), ("RTOTYP", "C", 1), ("OFFSETL", "C", 1),
    ("OFFSETR", "C", 1),
]  # fmt: skip

# (TLID, FULLNAME, State Plane vertices, (LFROM, LTO, RFROM, RTO), ZIPL, ZIPR)
SEGMENTS = [
    (1001, "Division St", [(210_000, 901_000), (210_000, 908_000)], ("1", "99", "2", "98"),
     "02630", "02630"),
    (1002, "Main St", [(205_000, 905_000), (209_000, 905_000)], ("101", "199", "100", "198"),
     "02630", "02630"),
    (1003, "Main St", [(211_000, 905_000), (213_000, 905_000)], ("201", "299", "200", "298"),
     "02630", "02630"),
    (1004, "St James Ave", [(212_000, 901_000), (212_000, 904_000)], ("1", "49", "2", "50"),
     "02630", "02630"),
    (1005, "Mount Vernon St", [(206_000, 901_000), (206_000, 904_000)], ("1", "49", "2", "50"),
     "02630", "02630"),
    (1006, "5th St", [(213_000, 906_000), (213_000, 908_000)], ("1", "29", "2", "30"),
     "02630", "02630"),
    (1007, "Washington St", [(211_000, 906_000), (211_000, 908_000)], ("1", "39", "2", "40"),
     "02630", "02630"),
    (1008, "Main St", [(201_000, 905_000), (203_000, 905_000)], ("101", "199", "100", "198"),
     "02601", "02601"),
    # One side only, numbers falling from the first vertex.
    (1009, "N Elm St", [(207_000, 906_000), (207_000, 908_000)], ("", "", "40", "2"),
     "02630", "02630"),
    # Skipped: house numbers that are not plain digits, no numbers at all, no name.
    (1010, "Oak St", [(208_000, 906_000), (208_000, 907_000)], ("1A", "9A", "", ""),
     "02630", "02630"),
    (1011, "Pine St", [(208_500, 906_000), (208_500, 907_000)], ("", "", "", ""), "", ""),
    (1012, "", [(209_000, 906_000), (209_000, 907_000)], ("1", "9", "2", "10"), "", ""),
]  # fmt: skip

# (house number, suffix, STREET_NAME, UNIT, POSTCODE, COMMUNITY_NAME, State Plane x, y)
POINTS = [
    (150, "", "MAIN STREET", "", "02630", "BETA", 207_000, 905_040),
    (150, "", "MAIN STREET", "2", "02630", "BETA", 207_000, 905_040),
    (7, "", "MOUNT VERNON STREET", "", "02630", "BETA", 206_030, 902_000),
    (0, "", "LOST ROAD", "", "02630", "BETA", 207_000, 903_000),
]


def _prj(epsg: int) -> str:
    return pyproj.CRS.from_epsg(epsg).to_wkt("WKT1_ESRI")


def _zip(folder: Path, stem: str, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for suffix in (".shp", ".shx", ".dbf", ".prj"):
            archive.write(folder / f"{stem}{suffix}", f"{stem}{suffix}")
    return target


def addrfeat_write(folder: Path, segments=SEGMENTS, stem="tl_2024_25001_addrfeat") -> Path:
    """A zipped ADDRFEAT shapefile of `segments`; returns the .zip path."""
    folder.mkdir(parents=True, exist_ok=True)
    with shapefile.Writer(str(folder / stem), shapeType=shapefile.POLYLINE) as w:
        for name, kind, size in ADDRFEAT_FIELDS:
            w.field(name, kind, size=size)
        for tlid, name, vertices, numbers, zipl, zipr in segments:
            w.line([[list(_to_nad83.transform(x, y)) for x, y in vertices]])
            lfrom, lto, rfrom, rto = numbers
            w.record(
                TLID=tlid, TFIDL=1, TFIDR=2, ARIDL=f"L{tlid}", ARIDR=f"R{tlid}",
                LINEARID=str(tlid), FULLNAME=name, LFROMHN=lfrom, LTOHN=lto, RFROMHN=rfrom,
                RTOHN=rto, ZIPL=zipl, ZIPR=zipr, EDGE_MTFCC="S1400", ROAD_MTFCC="S1400",
                PARITYL="", PARITYR="", PLUS4L="", PLUS4R="", LFROMTYP="", LTOTYP="",
                RFROMTYP="", RTOTYP="", OFFSETL="N", OFFSETR="N",
            )  # fmt: skip
    (folder / f"{stem}.prj").write_text(_prj(4269))
    return _zip(folder, stem, folder / f"{stem}.zip")


def points_write(folder: Path, points=POINTS, stem="MAD_ADDRESS_POINTS") -> Path:
    """A zipped MassGIS address point shapefile of `points`; returns the .zip path."""
    folder.mkdir(parents=True, exist_ok=True)
    with shapefile.Writer(str(folder / stem), shapeType=shapefile.POINT) as w:
        # dBASE field names hold 10 characters: MASTER_ADDRESS_ID, FULL_NUMBER_STANDARDIZED,
        # ADDRESS_NUMBER, ADDRESS_NUMBER_SUFFIX, STREET_NAME, COMMUNITY_NAME as a shapefile
        # export of the MassGIS geodatabase writes them.
        for name, kind, size in [
            ("MASTER_ADD", "N", 12), ("FULL_NUMBE", "C", 30), ("ADDRESS_NU", "N", 10),
            ("ADDRESS__1", "C", 10), ("STREET_NAM", "C", 80), ("UNIT", "C", 20),
            ("COMMUNITY_", "C", 40), ("POSTCODE", "C", 10), ("COUNTY", "C", 20),
            ("STATE", "C", 2),
        ]:  # fmt: skip
            w.field(name, kind, size=size)
        for n, (number, suffix, street, unit, postcode, town, x, y) in enumerate(points):
            w.point(x, y)
            full = f"{number}{suffix}" if number else ""
            w.record(n + 1, full, number or None, suffix, street, unit, town, postcode,
                     "BARNSTABLE", "MA")  # fmt: skip
    (folder / f"{stem}.prj").write_text(_prj(26986))
    return _zip(folder, stem, folder / f"{stem}.zip")
