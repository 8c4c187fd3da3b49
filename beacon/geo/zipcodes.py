"""ZIP code to place name, offline, from the `zipcodes` package's bundled data."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import zipcodes


@lru_cache(maxsize=4096)
def zip_place(zip_code: str) -> tuple[str, str] | None:
    """(city or town, state) for a five-digit ZIP code, or None when unknown."""
    try:
        # zipcodes' public wrapper is unannotated (only its _zipcodes stub is typed).
        matches: list[dict[str, Any]] = zipcodes.matching(  # type: ignore[no-untyped-call]
            zip_code[:5]
        )
    except (ValueError, TypeError):
        return None
    for match in matches:
        if match.get("active", True):
            return match["city"].title(), match["state"]
    return None


@dataclass(frozen=True)
class ZipArea:
    """What the bundled data knows of a ZIP code: its state, the place names the Postal
    Service accepts for it (the main one first; often a village rather than a town) and
    its centre point, when known."""

    state: str
    names: tuple[str, ...]
    point: tuple[float, float] | None  # (lat, lon)


@lru_cache(maxsize=4096)
def zip_area(zip_code: str) -> ZipArea | None:
    """The ZipArea of an active five-digit ZIP code, or None when unknown."""
    try:
        matches: list[dict[str, Any]] = zipcodes.matching(  # type: ignore[no-untyped-call]
            zip_code[:5]
        )
    except (ValueError, TypeError):
        return None
    for match in matches:
        if match.get("active", True):
            names = [match["city"], *(match.get("acceptable_cities") or [])]
            try:
                point: tuple[float, float] | None = (float(match["lat"]), float(match["long"]))
            except (KeyError, TypeError, ValueError):
                point = None
            return ZipArea(match["state"], tuple(n.title() for n in names), point)
    return None
