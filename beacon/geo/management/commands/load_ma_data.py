"""beacon load_ma_data [--data-dir DIR] [--download]: every Massachusetts boundary layer,
then the address data for the local geocoder when it is in the data folder or asked for."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser

from beacon.geo.address_files import files_in
from beacon.geo.downloads import DownloadError, download
from beacon.geo.readers import BoundaryFileError
from beacon.geo.services import boundaries_import
from beacon.geo.services.addresses import address_points_import, address_ranges_import

from .import_addresses import address_report_print
from .import_boundaries import report_print

# Address data (docs/geocoding.md): ma/addresses/addrfeat/ holds one TIGER/Line ADDRFEAT zip
# per county, ma/addresses/points/ MassGIS address points. The vintage names the release.
ADDRESS_LAYERS = [
    ("addrfeat", "addrfeat", address_ranges_import),
    ("points", "address_points", address_points_import),
]


@dataclass(frozen=True)
class Layer:
    name: str
    kind: str
    set_name: str
    effective_from: datetime.date


# The 2021 plans were enacted in November 2021 and used from the 2022 elections on.
LAYERS = [
    Layer("house2021", "sldl", "2021 plan", datetime.date(2022, 1, 1)),
    Layer("senate2021", "sldu", "2021 plan", datetime.date(2022, 1, 1)),
    Layer("city_town_2024", "place", "MassGIS municipalities 2024", datetime.date(2022, 1, 1)),
    Layer("govcouncil2021", "govcouncil", "2021 plan", datetime.date(2022, 1, 1)),
    Layer("congressma118", "cd", "118th Congress", datetime.date(2023, 1, 3)),
]


class Command(BaseCommand):
    help = (
        "Load the Massachusetts boundary layers (House, Senate, cities and towns, and the "
        "Governor's Council and Congress when available) from BEACON_DATA_DIR, or download "
        "them from MassGIS into var/cache; then import officials. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, default=None)
        parser.add_argument(
            "--download", action="store_true", help="use the official sources, not the data dir"
        )
        parser.add_argument("--skip-officials", action="store_true")
        parser.add_argument(
            "--skip-addresses", action="store_true", help="do not load address data"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data_dir: Path = options["data_dir"] or Path(settings.BEACON_DATA_DIR)
        started = time.perf_counter()
        for layer in LAYERS:
            path = self._find(layer, data_dir, force_download=options["download"])
            if path is None:
                self.stdout.write(f"Skipping {layer.name}: not in {data_dir} and no source URL.")
                continue
            self.stdout.write(f"Loading {layer.name} from {path}")
            try:
                report = boundaries_import(
                    path=path,
                    kind=layer.kind,
                    set_name=layer.set_name,
                    effective_from=layer.effective_from,
                    source=str(path),
                )
            except (BoundaryFileError, ValueError) as e:
                raise CommandError(f"{layer.name}: {e}") from e
            report_print(self, report, layer.kind)
        self.stdout.write(f"Boundaries loaded in {time.perf_counter() - started:.1f} s.")
        if not options["skip_addresses"]:
            self._addresses(data_dir, force_download=options["download"])
        if not options["skip_officials"] and "import_officials" in get_commands():
            call_command("import_officials", stdout=self.stdout, stderr=self.stderr)

    def _addresses(self, data_dir: Path, *, force_download: bool) -> None:
        """Address data from the data folder, or from the official sources with --download
        (the real files are large: they are never fetched unasked)."""
        urls = settings.BEACON_ADDRESS_URLS
        vintages = settings.BEACON_ADDRESS_VINTAGES
        for folder, key, importer in ADDRESS_LAYERS:
            local = data_dir / "ma" / "addresses" / folder
            paths: list[Path] = []
            if local.is_dir() and not force_download:
                paths = files_in(local)
            elif force_download:
                try:
                    paths = [download(u, progress=self.stdout.write) for u in urls.get(key, [])]
                except DownloadError as e:
                    raise CommandError(str(e)) from e
            if not paths:
                self.stdout.write(f"Skipping {key}: not in {local} (use --download).")
                continue
            name = vintages.get(key, key)
            self.stdout.write(f"Loading {key} ({len(paths)} file(s)) as {name!r}")
            try:
                report = importer(paths=paths, name=name, source=" ".join(map(str, paths)))
            except BoundaryFileError as e:
                raise CommandError(f"{key}: {e}") from e
            address_report_print(self, report, key)

    def _find(self, layer: Layer, data_dir: Path, *, force_download: bool) -> Path | None:
        local = data_dir / "ma" / "boundaries" / f"{layer.name}.geojson"
        if local.exists() and not force_download:
            return local
        url = settings.BEACON_DATA_URLS.get(layer.name)
        if not url:
            return None
        try:
            return download(url, progress=self.stdout.write)
        except DownloadError as e:
            raise CommandError(str(e)) from e
