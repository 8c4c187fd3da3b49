"""beacon lookup "ADDRESS" | --lat LAT --lon LON | --points FILE | --addresses FILE

Prints JSON: the divisions (ocd_id, name, chamber), the officials (ocd_id, name, office
title, contact channels), vacant seats, and the precision of the match. With --points or
--addresses, one result per row of a CSV (JSON lines, or the CSV itself with columns
added: --format csv), streamed: see beacon/officials/bulk.py.
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
import time
from collections.abc import Callable
from typing import Any, TypedDict

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beacon.geo.services import Resolution, address_resolve, location_resolve
from beacon.officials.bulk import addresses_lookup, points_lookup
from beacon.officials.lookup import representation_as_dict, representation_for

_ZIP = re.compile(r"\b(\d{5}(?:-\d{4})?)\s*$")
_STATE = re.compile(r"[\s,]*\b(ma|mass\.?|massachusetts)\s*$", re.IGNORECASE)


class AddressParts(TypedDict):
    street: str
    city: str
    zip_code: str


def address_split(text: str) -> AddressParts:
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

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("address", nargs="?", help='e.g. "12 Main St, Yarmouth, MA 02664"')
        parser.add_argument("--lat", type=float)
        parser.add_argument("--lon", type=float)
        parser.add_argument("--points", help="CSV file of lat,lon rows (a header is allowed)")
        parser.add_argument(
            "--addresses", help="CSV file with street, city and zip columns, or one address"
        )
        parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
        parser.add_argument("--output", help="write here instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["points"] or options["addresses"]:
            self._bulk(options)
        elif options["lat"] is not None and options["lon"] is not None:
            self._print(location_resolve(lat=options["lat"], lon=options["lon"]), indent=2)
        elif options["address"]:
            self._print(address_resolve(**address_split(options["address"])), indent=2)
        else:
            raise CommandError('Give an "ADDRESS", --lat and --lon, or --points FILE.')

    def _print(self, resolution: Resolution, *, indent: int | None = None) -> None:
        data = representation_as_dict(representation_for(resolution))
        self.stdout.write(json.dumps(data, indent=indent, ensure_ascii=False))

    def _bulk(self, options: dict[str, Any]) -> None:
        path = options["points"] or options["addresses"]
        lookup = points_lookup if options["points"] else addresses_lookup
        started = time.perf_counter()
        with contextlib.ExitStack() as stack:
            write: Callable[[str], object]
            try:
                source = stack.enter_context(open(path, newline="", encoding="utf-8-sig"))
                if options["output"]:
                    out = stack.enter_context(open(options["output"], "w", encoding="utf-8"))
                    write = out.write
                else:
                    write = lambda text: self.stdout.write(text, ending="")  # noqa: E731
            except OSError as error:
                raise CommandError(f"cannot open {error.filename}: {error.strerror}") from error
            report = lookup(csv.reader(source), fmt=options["format"], write=write)
        elapsed = time.perf_counter() - started
        precisions = ", ".join(f"{k} {v}" for k, v in sorted(report.by_precision.items()))
        self.stderr.write(
            f"{report.rows:,} rows in {elapsed:.2f} s ({precisions}; "
            f"{report.distinct_sets:,} distinct district sets)"
        )
