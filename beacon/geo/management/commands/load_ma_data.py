"""beacon load_ma_data [--data-dir DIR] [--download]: every Massachusetts boundary layer."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from beacon.geo.downloads import DownloadError, download
from beacon.geo.readers import BoundaryFileError
from beacon.geo.services import boundaries_import

from .import_boundaries import report_print


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

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=None)
        parser.add_argument(
            "--download", action="store_true", help="use the official sources, not the data dir"
        )
        parser.add_argument("--skip-officials", action="store_true")

    def handle(self, *args, **options):
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
        if not options["skip_officials"] and "import_officials" in get_commands():
            call_command("import_officials", stdout=self.stdout, stderr=self.stderr)

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
