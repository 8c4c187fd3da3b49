"""Geocoder providers and the one function that picks the configured provider."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from ..ports import Geocoder

GEOCODERS = {
    "census": "beacon.geo.providers.census.CensusGeocoder",
    "local": "beacon.geo.providers.local.LocalGeocoder",
    "town": "beacon.geo.providers.town.TownGeocoder",
}


def geocoder_get() -> Geocoder:
    """The geocoder named by `settings.BEACON_GEOCODER` (a short name or a dotted path).

    `auto` (the default) is the local geocoder when address data has been imported and the
    town fallback otherwise; the Census geocoder is only ever chosen by name.
    """
    name = settings.BEACON_GEOCODER or "auto"
    if name == "auto":
        from ..matching import address_kinds_loaded
        from ..models import AddressSource
        from .local import LocalGeocoder
        from .town import TownGeocoder

        # One query says both whether to geocode locally and whether points are loaded.
        kinds = address_kinds_loaded()
        if not kinds:
            return TownGeocoder()
        return LocalGeocoder(with_points=AddressSource.Kind.POINTS in kinds)
    geocoder: Geocoder = import_string(GEOCODERS.get(name, name))()
    return geocoder
