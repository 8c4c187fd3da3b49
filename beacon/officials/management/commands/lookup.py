"""beacon lookup "ADDRESS" | --lat LAT --lon LON | --points FILE

Prints JSON: the divisions (ocd_id, name, chamber), the officials (ocd_id, name, office
title, contact channels), vacant seats, and the precision of the match. With --points,
one JSON line per row of a CSV of lat,lon.
"""

from __future__ import annotations

import csv
import json
import re

from django.core.management.base import BaseCommand, CommandError

from beacon.geo.services import address_resolve, location_resolve
from beacon.officials.lookup import representation_as_dict, representation_for

_ZIP = re.compile(r"\b(\d{5}(?:-\d{4})?)\s*$")
_STATE = re.compile(r"[\s,]*\b(ma|mass\.?|massachusetts)\s*$", re.IGNORECASE)


def address_split(text: str) -> dict[str, str]:
    """ "12 Main St, Yarmouth, MA 02664" -> street, city and ZIP code (best effort)."""
    text = " ".join(text.split())
    zip_code = ""
    match = _ZIP.search(text)
    if match:
        zip_code = match.group(1)
        text = text[: match.start()]
    text = _STATE.sub("", text.strip().rstrip(","))
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) >= 2:
        return {"street": ", ".join(parts[:-1]), "city": parts[-1], "zip_code": zip_code}
    if parts and not any(ch.isdigit() for ch in parts[0]):
        return {"street": "", "city": parts[0], "zip_code": zip_code}
    return {"street": parts[0] if parts else "", "city": "", "zip_code": zip_code}


class Command(BaseCommand):
    help = "Who represents an address or a point: divisions, officials and precision as JSON."

    def add_arguments(self, parser):
        parser.add_argument("address", nargs="?", help='e.g. "12 Main St, Yarmouth, MA 02664"')
        parser.add_argument("--lat", type=float)
        parser.add_argument("--lon", type=float)
        parser.add_argument("--points", help="CSV file of lat,lon rows (a header is allowed)")

    def handle(self, *args, **options):
        if options["points"]:
            self._points(options["points"])
        elif options["lat"] is not None and options["lon"] is not None:
            self._print(location_resolve(lat=options["lat"], lon=options["lon"]), indent=2)
        elif options["address"]:
            self._print(address_resolve(**address_split(options["address"])), indent=2)
        else:
            raise CommandError('Give an "ADDRESS", --lat and --lon, or --points FILE.')

    def _print(self, resolution, *, indent=None) -> None:
        data = representation_as_dict(representation_for(resolution))
        self.stdout.write(json.dumps(data, indent=indent, ensure_ascii=False))

    def _points(self, path: str) -> None:
        try:
            with open(path, newline="", encoding="utf-8") as handle:
                rows = list(csv.reader(handle))
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from error
        for row in rows:
            if len(row) < 2:
                continue
            try:
                lat, lon = float(row[0]), float(row[1])
            except ValueError:
                continue  # a header line, or a row that is not a point
            self._print(location_resolve(lat=lat, lon=lon))
