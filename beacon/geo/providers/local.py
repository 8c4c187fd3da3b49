"""The local geocoder: addresses matched against public address data in Beacon's database.

TIGER/Line address ranges and, where loaded, MassGIS address points (see
`beacon.geo.matching`). The address never leaves the server, so the page need not warn
about it. Chosen automatically (`BEACON_GEOCODER=auto`, the default) once address data
has been imported; until then the town fallback answers.
"""

from __future__ import annotations

from ..matching import address_match
from ..ports import Geocode


class LocalGeocoder:
    """Places a street address from the imported address data; sends nothing anywhere."""

    sends_address_to = ""
    places_streets = True

    def geocode(self, *, street: str, city: str, zip_code: str) -> Geocode:
        """Match the address; a near miss comes back as `suggestion`, never as a match."""
        found = address_match(street=street, city=city, zip_code=zip_code)
        if found.status == "match":
            return Geocode(status="match", point=found.point, state="MA", source=found.source)
        return Geocode(status=found.status, suggestion=found.suggestion)
