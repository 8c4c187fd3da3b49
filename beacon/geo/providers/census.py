"""The US Census Bureau geocoder (free, no key), called through its documented JSON API.

`GET {BEACON_CENSUS_GEOCODER_URL}?street=&city=&state=MA&zip=&benchmark=Public_AR_Current
&format=json` answers `{"result": {"input": ..., "addressMatches": [{"coordinates": {"x":
lon, "y": lat}, "addressComponents": {"state": "MA", ...}, "matchedAddress": ...}]}}`;
bad input gets HTTP 400 with `{"errors": [...], "status": "400"}`. The address goes to a
federal agency, which the page must say before the supporter submits it.
"""

from __future__ import annotations

import logging
import math

import requests
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..ports import Geocode

logger = logging.getLogger(__name__)


class CensusGeocoder:
    """Places a street address with the Census Bureau's address-range geocoder."""

    sends_address_to = _("the U.S. Census Bureau, a federal agency")
    places_streets = True

    def __init__(self) -> None:
        self.url = settings.BEACON_CENSUS_GEOCODER_URL
        self.timeout = float(settings.BEACON_CENSUS_GEOCODER_TIMEOUT)
        self.benchmark = settings.BEACON_CENSUS_GEOCODER_BENCHMARK

    def geocode(self, *, street: str, city: str, zip_code: str) -> Geocode:
        """Ask the Census geocoder; map timeouts, 5xx and malformed answers to unavailable.

        Only the outcome is logged, never the address.
        """
        if not street.strip():
            return Geocode(status="invalid")
        params = {
            "street": street,
            "city": city,
            "state": "MA",
            "zip": zip_code,
            "benchmark": self.benchmark,
            "format": "json",
        }
        try:
            response = requests.get(self.url, params=params, timeout=self.timeout)
        except requests.RequestException as e:
            logger.warning("Census geocoder unreachable: %s", type(e).__name__)
            return Geocode(status="unavailable")
        if response.status_code == 400:
            return Geocode(status="invalid")
        if response.status_code != 200:
            logger.warning("Census geocoder answered HTTP %s", response.status_code)
            return Geocode(status="unavailable")
        return self._parse(response)

    def _parse(self, response: requests.Response) -> Geocode:
        """Read the first address match of a 200 answer."""
        try:
            matches = response.json()["result"]["addressMatches"]
            if not matches:
                return Geocode(status="no_match")
            first = matches[0]
            lon = float(first["coordinates"]["x"])
            lat = float(first["coordinates"]["y"])
            state = (first.get("addressComponents") or {}).get("state") or None
        except (ValueError, KeyError, TypeError, IndexError):
            logger.warning("Census geocoder answered malformed JSON")
            return Geocode(status="unavailable")
        if not (math.isfinite(lat) and math.isfinite(lon)):
            return Geocode(status="unavailable")
        return Geocode(status="match", point=(lat, lon), state=state)
