"""The local geocoder: addresses matched against public address data in Beacon's database.

TIGER/Line address ranges and, where loaded, MassGIS address points (see
`beacon.geo.matching`). The address never leaves the server, so the page need not warn
about it. Chosen automatically (`BEACON_GEOCODER=auto`, the default) once address data
has been imported; until then the town fallback answers.
"""

from __future__ import annotations

from ..matching import address_match, points_loaded
from ..ports import Geocode


class LocalGeocoder:
    """Places a street address from the imported address data; sends nothing anywhere."""

    sends_address_to = ""
    places_streets = True

    def __init__(self, *, with_points: bool | None = None) -> None:
        self._with_points = with_points

    def geocode(self, *, street: str, city: str, zip_code: str) -> Geocode:
        """Match the address; a near miss comes back as `suggestion`, never as a match.

        Whether address points are loaded is asked once per provider instance (one per
        request, or per bulk run), unless the caller said so when creating it.
        """
        if self._with_points is None:
            self._with_points = points_loaded()
        found = address_match(
            street=street, city=city, zip_code=zip_code, with_points=self._with_points
        )
        if found.status == "match":
            return Geocode(status="match", point=found.point, state="MA", source=found.source)
        return Geocode(status=found.status, suggestion=found.suggestion)
