"""From what a supporter types (or where their browser says they are) to their divisions.

Precision, from best to worst: "point" (a location from the browser), "street" (an
address placed by a geocoder), "town" (the city or town: exact where it lies wholly in one
district, otherwise candidates), "zip" (a ZIP code alone: treated like its post-office
town from the `zipcodes` package's offline table, but always flagged approximate, since
ZIP areas cross town and district lines; only the state is certain when the ZIP names no
Massachusetts town; see docs/adr/0005-geo-point-lookup-and-town-fallback.md). Nothing
here raises for bad input or a failing geocoder, and nothing logs the address.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from typing import Literal

from django.utils import timezone

from ..addressing import address_parse
from ..models import BoundarySet, Division
from ..naming import STATE_OCD_ID
from ..ports import Geocode, Geocoder, Status
from ..providers import geocoder_get
from ..selectors import division_list_for_point, place_find_by_name, place_overlap_list
from ..zipcodes import zip_place

logger = logging.getLogger(__name__)

Precision = Literal["point", "street", "town", "zip"]
Error = Literal["outside_state", "not_found", "unavailable", "invalid", "po_box"]

_ZIP = re.compile(r"^(\d{5})(?:-?\d{4})?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# USPS ZIP prefixes of Massachusetts: 010-027, and 055 (Andover).
_MA_ZIP_PREFIXES = {f"{n:03d}" for n in range(10, 28)} | {"055"}
MAX_STREET, MAX_CITY = 200, 100
# Why a street address fell back to its town, by the geocoder's status.
_STREET_ERRORS: dict[Status, Error] = {
    "unavailable": "unavailable",
    "no_match": "not_found",
    "po_box": "po_box",
}


@dataclass
class Resolution:
    """Where a supporter is, as far as we can tell.

    `divisions` are certain (state, town, and each district the place lies wholly in);
    `candidates` maps a district kind ("sldl", "sldu", ...) to the districts a split town
    straddles, for the supporter to pick from. `error` says why nothing certain was found;
    `street_error` says why a street address fell back to its town ("not_found",
    "unavailable" or "po_box"), so the page can explain the lower precision.
    `suggestion` is a street name that nearly matched ("Did you mean Main St?") and
    `source` how a street was placed ("point" or "range", by the local geocoder).
    """

    precision: Precision
    point: tuple[float, float] | None = None
    divisions: list[Division] = field(default_factory=list)
    candidates: dict[str, list[Division]] = field(default_factory=dict)
    place: Division | None = None
    error: Error | None = None
    street_error: Error | None = None
    suggestion: str | None = None
    source: str | None = None

    @property
    def is_exact(self) -> bool:
        """True when every district is known: no error, no candidates, not a ZIP guess."""
        return self.error is None and not self.candidates and self.precision != "zip"

    def division_of_kind(self, kind: str) -> Division | None:
        """The certain division of `kind`, if any."""
        return next((d for d in self.divisions if d.kind == kind), None)


def _clean(value: object, limit: int) -> str | None:
    """Collapsed whitespace; None when not text, too long or holding control characters."""
    if not isinstance(value, str) or _CONTROL.search(value.replace("\t", " ")):
        return None
    value = " ".join(value.split())
    return value if len(value) <= limit else None


def location_resolve(*, lat: object, lon: object, precision: Precision = "point") -> Resolution:
    """The divisions containing a point (for example from the browser's geolocation).

    `invalid` for values that are not finite coordinates, `outside_state` when no boundary
    contains the point, `unavailable` when no boundary data has been loaded at all.
    """
    try:
        lat_f, lon_f = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Resolution(precision=precision, error="invalid")
    if not (math.isfinite(lat_f) and math.isfinite(lon_f)):
        return Resolution(precision=precision, error="invalid")
    if not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180):
        return Resolution(precision=precision, error="invalid")
    point = (lat_f, lon_f)
    divisions = division_list_for_point(lat=lat_f, lon=lon_f)
    if not divisions:
        loaded = BoundarySet.objects.in_force(timezone.localdate()).exists()
        return Resolution(
            precision=precision, point=point, error="outside_state" if loaded else "unavailable"
        )
    place = next((d for d in divisions if d.kind == Division.Kind.PLACE), None)
    return Resolution(precision=precision, point=point, divisions=divisions, place=place)


def address_resolve(
    *, street: str = "", city: str = "", zip_code: str = "", geocoder: Geocoder | None = None
) -> Resolution:
    """Resolve a Massachusetts address typed as street, city or town, and ZIP code.

    `geocoder` overrides the configured one (bulk lookups choose it once per run).

    With a street, the configured geocoder places it ("street"); if it cannot, the city or
    town decides ("town", with `street_error` set). A ZIP outside Massachusetts is
    `outside_state`; a ZIP alone gives "zip" precision (see zip_resolve).
    """
    street_c, city_c = _clean(street, MAX_STREET), _clean(city, MAX_CITY)
    zip_c = _clean(zip_code, 10)
    precision: Precision = "street" if street_c else "town" if city_c else "zip"
    if street_c is None or city_c is None or zip_c is None:
        return Resolution(precision=precision, error="invalid")
    zip_match = _ZIP.match(zip_c)
    if not (street_c or city_c or zip_c) or (zip_c and not zip_match):
        return Resolution(precision=precision, error="invalid")
    if zip_match and zip_match.group(1)[:3] not in _MA_ZIP_PREFIXES:
        return Resolution(precision=precision, error="outside_state")
    street_error: Error | None = None
    suggestion: str | None = None
    if street_c:
        geocode = (
            Geocode(status="po_box")
            if address_parse(street_c).kind == "po_box"
            else _geocode(street=street_c, city=city_c, zip_code=zip_c, geocoder=geocoder)
        )
        if geocode.status == "match" and geocode.point is not None:
            if geocode.state and geocode.state.upper() != "MA":
                return Resolution(precision="street", error="outside_state")
            resolution = location_resolve(
                lat=geocode.point[0], lon=geocode.point[1], precision="street"
            )
            resolution.source = geocode.source
            return resolution
        street_error = _STREET_ERRORS.get(geocode.status)
        suggestion = geocode.suggestion
        if geocode.status == "invalid" and not city_c:
            return Resolution(precision="street", error="invalid")
        if not city_c:
            return Resolution(
                precision="street", error=street_error or "not_found", suggestion=suggestion
            )
    if city_c:
        resolution = town_resolve(city=city_c)
        resolution.street_error = street_error
        resolution.suggestion = suggestion
        return resolution
    # Neither street nor town: a ZIP code alone, which matched _ZIP above.
    assert zip_match is not None
    return zip_resolve(zip_code=zip_match.group(1)[:5])


def zip_resolve(*, zip_code: str) -> Resolution:
    """A ZIP code alone, treated like its post-office town and always flagged "zip"
    (approximate): ZIP areas cross town and district lines, so the page must show the
    candidates or ask for a street address, never silently pick one."""
    place = zip_place(zip_code)
    if place is not None and place[1] == "MA":
        resolution = town_resolve(city=place[0])
        if resolution.error is None:
            resolution.precision = "zip"
            return resolution
    return Resolution(precision="zip", divisions=_state_divisions())


def _geocode(*, street: str, city: str, zip_code: str, geocoder: Geocoder | None) -> Geocode:
    """The configured geocoder's answer; a provider that raises counts as unavailable."""
    geocoder = geocoder or geocoder_get()
    if not getattr(geocoder, "places_streets", True):
        return Geocode(status="skipped")
    try:
        return geocoder.geocode(street=street, city=city, zip_code=zip_code)
    except Exception as e:  # noqa: BLE001 - a broken provider must not break the page.
        logger.warning("Geocoder failed: %s", type(e).__name__)
        return Geocode(status="unavailable")


def _state_divisions() -> list[Division]:
    return list(Division.objects.filter(ocd_id=STATE_OCD_ID))


def town_resolve(*, city: str) -> Resolution:
    """The divisions of a Massachusetts city or town, by name.

    Each district kind the town lies wholly inside is certain; a town split between
    districts yields candidates for that kind instead. `not_found` for an unknown name.
    """
    place = place_find_by_name(name=city)
    if place is None:
        return Resolution(precision="town", error="not_found")
    divisions = [*_state_divisions(), place]
    candidates: dict[str, list[Division]] = {}
    for kind, overlaps in place_overlap_list(place=place).items():
        if len(overlaps) == 1:
            divisions.append(overlaps[0][0])
        else:
            candidates[kind] = [district for district, _share in overlaps]
    return Resolution(precision="town", divisions=divisions, candidates=candidates, place=place)
