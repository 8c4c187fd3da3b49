"""ZIP code to place name, offline, from the `zipcodes` package's bundled data."""

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
