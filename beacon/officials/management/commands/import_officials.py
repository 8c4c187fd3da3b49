"""beacon import_officials [PATH_OR_URL] [--no-photos]"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from beacon.officials.importers.photos import official_photos_copy
from beacon.officials.importers.source import SourceError, dataset_load
from beacon.officials.services_import import ImportReport, officials_import
from beacon.officials.signals import officials_imported

# Open States' official bulk CSV of current legislators, used when the shared data folder
# is missing. It lists legislators only: no Governor, no committees (docs/officials.md).


def default_source() -> str:
    """The shared data folder when present, else Open States' CSV (settable in settings
    as BEACON_OPENSTATES_URL), downloaded into var/cache/openstates."""
    local = settings.BEACON_DATA_DIR / "openstates" / "ma"
    if local.exists():
        return str(local)
    return settings.BEACON_OPENSTATES_URL


class Command(BaseCommand):
    help = (
        "Import officials, roles, offices, contact channels and committees from Open States "
        "people data: a YAML tree (directory, .zip, .tar.gz) or a people CSV, path or URL. "
        "Safe to run again: it updates in place and prints what changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source",
            nargs="?",
            default=None,
            help="PATH_OR_URL (default: BEACON_DATA_DIR/openstates/ma)",
        )
        parser.add_argument("--state", default="ma", help="two-letter state abbreviation")
        parser.add_argument(
            "--no-photos", action="store_true", help="do not copy photos into media storage"
        )
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            default=None,
            help="the day the source describes, YYYY-MM-DD (default: the latest role change "
            "it records); legislators' terms are taken to run to the next General Court",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["source"] or default_source()
        self.stdout.write(f"Reading {source}")
        try:
            dataset = dataset_load(
                source, abbr=options["state"], cache_dir=settings.VAR_DIR / "cache" / "openstates"
            )
        except SourceError as error:
            raise CommandError(str(error)) from error
        if options["as_of"]:
            dataset.as_of = options["as_of"]
        report = officials_import(dataset=dataset, abbr=options["state"], source=source)
        self._print(report)
        # Whatever waits on the officials (letters held for a seat awaiting updated data)
        # is told; each receiver returns lines for the summary.
        for _receiver, lines in officials_imported.send(sender=self.__class__, report=report):
            for line in lines or []:
                self.stdout.write(line)
        if not options["no_photos"]:
            photos = official_photos_copy()
            self.stdout.write(
                f"Photos: {photos.copied} copied, {photos.failed} not reachable "
                "(the placeholder is shown for those)"
            )

    def _print(self, report: ImportReport) -> None:
        out = self.stdout.write
        out(
            self.style.SUCCESS(
                f"Officials: {len(report.added)} added, {len(report.updated)} updated, "
                f"{report.unchanged} unchanged; {len(report.ended)} roles ended; "
                f"{report.committees} committees, {report.memberships} memberships"
            )
        )
        out(f"Officials data as of {report.as_of}")
        for title, names in (
            ("Added", report.added),
            ("Updated", report.updated),
            ("Ended", report.ended),
            ("Staff corrections kept", report.corrections_kept),
            ("Staff corrections replaced by a new source value", report.corrections_replaced),
        ):
            if names:
                out(f"{title}:")
                for name in names[:50]:
                    out(f"  {name}")
                if len(names) > 50:
                    out(f"  ... and {len(names) - 50} more")
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
