"""beacon import_addresses --format addrfeat|points --name VINTAGE PATH_OR_URL [...]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beacon.geo.downloads import DownloadError, download
from beacon.geo.readers import BoundaryFileError
from beacon.geo.services.addresses import (
    AddressImportReport,
    address_points_import,
    address_ranges_import,
)

IMPORTERS = {"addrfeat": address_ranges_import, "points": address_points_import}


def address_report_print(command: BaseCommand, report: AddressImportReport, label: str) -> None:
    """Print what an address import stored and, reason by reason, what it skipped."""
    what = "street segments" if report.source.kind == "addrfeat" else "address points"
    command.stdout.write(
        f"Imported {report.imported:,} {what} from {report.files} file(s) into {label} "
        f"{report.source.name!r} in {report.seconds:.1f} s."
    )
    for reason, count in sorted(report.skipped.items()):
        command.stdout.write(f"  Skipped {count:,}: {reason}")


def paths_fetch(command: BaseCommand, values: list[str]) -> list[Path]:
    """Local paths for each argument, downloading (and caching) http(s) URLs."""
    paths = []
    for value in values:
        if value.startswith(("http://", "https://")):
            try:
                paths.append(download(value, progress=command.stdout.write))
            except DownloadError as e:
                raise CommandError(str(e)) from e
        else:
            paths.append(Path(value))
            if not paths[-1].exists():
                raise CommandError(f"No such file: {value}")
    return paths


class Command(BaseCommand):
    help = (
        "Import public address data for the local geocoder: TIGER/Line ADDRFEAT address "
        "ranges (one zipped shapefile per county) or MassGIS address points. Re-running "
        "replaces the vintage; a new vintage replaces the old one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="files, folders or http(s) URLs")
        parser.add_argument("--format", choices=sorted(IMPORTERS), required=True)
        parser.add_argument("--name", required=True, help='the vintage, e.g. "TIGER/Line 2024"')

    def handle(self, *args: Any, **options: Any) -> None:
        paths = paths_fetch(self, options["paths"])
        try:
            report = IMPORTERS[options["format"]](
                paths=paths, name=options["name"], source=" ".join(options["paths"])
            )
        except BoundaryFileError as e:
            raise CommandError(str(e)) from e
        address_report_print(self, report, options["format"])
