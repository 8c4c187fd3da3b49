"""The offline geocoder: it places no street address and sends nothing anywhere.

With it, Beacon resolves the city or town (and, with a ZIP code alone, says that the
match is approximate); see `beacon.geo.services.resolve`.
"""

from __future__ import annotations

from ..ports import Geocode


class TownGeocoder:
    """Answers "no match" for every street, so the lookup falls back to the town."""

    sends_address_to = ""
    places_streets = False

    def geocode(self, *, street: str, city: str, zip_code: str) -> Geocode:
        """Never places a street: the town fallback in the resolve service does the work."""
        return Geocode(status="skipped")
