"""Geocoder providers and the one function that picks the configured provider."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from ..ports import Geocoder

GEOCODERS = {
    "census": "beacon.geo.providers.census.CensusGeocoder",
    "town": "beacon.geo.providers.town.TownGeocoder",
}


def geocoder_get() -> Geocoder:
    """The geocoder named by `settings.BEACON_GEOCODER` (a short name or a dotted path)."""
    name = settings.BEACON_GEOCODER or "town"
    return import_string(GEOCODERS.get(name, name))()
