"""Geo services: importing boundaries and resolving addresses and locations."""

from .boundaries import (
    ImportReport,
    boundaries_import,
    place_overlaps_compute,
    place_overlaps_refresh,
)
from .resolve import Resolution, address_resolve, location_resolve, town_resolve

__all__ = [
    "ImportReport",
    "Resolution",
    "address_resolve",
    "boundaries_import",
    "location_resolve",
    "place_overlaps_compute",
    "place_overlaps_refresh",
    "town_resolve",
]
