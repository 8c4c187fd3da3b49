"""beacon import_boundaries PATH_OR_URL --kind sldl|sldu|place|cd|govcouncil [--set NAME]"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beacon.geo.downloads import DownloadError, download
from beacon.geo.readers import BoundaryFileError
from beacon.geo.services import ImportReport, boundaries_import

KINDS = ["sldl", "sldu", "place", "cd", "govcouncil"]
CHAMBERS = {"lower": "sldl", "upper": "sldu"}


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as e:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from e


def report_print(command: BaseCommand, report: ImportReport, kind: str) -> None:
    """Print an import report: unmatched features and divisions left without a boundary."""
    boundary_set = report.boundary_set
    until = f" until {boundary_set.effective_to}" if boundary_set.effective_to else ""
    command.stdout.write(
        f"Imported {report.imported} {kind} boundaries into {boundary_set.name!r} "
        f"(in force from {boundary_set.effective_from}{until})."
    )
    for name in report.unmatched_features:
        command.stderr.write(f"  Feature matching no division: {name}")
    for name in report.divisions_without_boundary:
        command.stderr.write(f"  Division without a boundary: {name}")
    summary = (
        f"{len(report.unmatched_features)} features matched no division; "
        f"{len(report.divisions_without_boundary)} divisions have no boundary."
    )
    style = command.style.SUCCESS if report.is_complete else command.style.WARNING
    command.stdout.write(style(summary))


class Command(BaseCommand):
    help = (
        "Import district or town boundaries from a GeoJSON file or a zipped shapefile (path "
        "or http(s) URL), reprojected to WGS84, into a versioned boundary set."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="PATH_OR_URL of a .geojson, .zip or .shp file")
        kind = parser.add_mutually_exclusive_group(required=True)
        kind.add_argument("--kind", choices=KINDS)
        kind.add_argument(
            "--chamber", choices=sorted(CHAMBERS), help="lower or upper: --kind sldl or sldu"
        )
        parser.add_argument("--set", dest="set_name", help="boundary set name (default: file name)")
        parser.add_argument("--effective-from", type=_date, help="YYYY-MM-DD, needed for a new set")
        parser.add_argument("--effective-to", type=_date, help="YYYY-MM-DD, exclusive")
        parser.add_argument("--layer", help="shapefile layer inside a zip (default: the _POLY one)")
        parser.add_argument("--name-field", help="feature property holding the name")
        parser.add_argument("--refresh", action="store_true", help="download again")
        parser.add_argument(
            "--strict", action="store_true", help="fail when anything is left unmatched"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: str = options["source"]
        kind = options["kind"] or CHAMBERS[options["chamber"]]
        path = self._local(source, refresh=options["refresh"])
        try:
            report = boundaries_import(
                path=path,
                kind=kind,
                set_name=options["set_name"] or Path(source).stem,
                effective_from=options["effective_from"],
                effective_to=options["effective_to"],
                source=source,
                layer=options["layer"],
                name_field=options["name_field"],
            )
        except (BoundaryFileError, ValueError) as e:
            raise CommandError(str(e)) from e
        report_print(self, report, kind)
        if options["strict"] and not report.is_complete:
            raise CommandError("Some features or divisions were left unmatched.")

    def _local(self, source: str, *, refresh: bool) -> Path:
        if source.startswith(("http://", "https://")):
            try:
                return download(source, refresh=refresh, progress=self.stdout.write)
            except DownloadError as e:
                raise CommandError(str(e)) from e
        path = Path(source)
        if not path.exists():
            raise CommandError(f"No such file: {source}")
        return path
