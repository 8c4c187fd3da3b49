"""Matching the names found in boundary files to Open Civic Data division ids.

- State House and Senate districts (`sldl`, `sldu`): the district list of the
  `openstates-metadata` package, which gives each district's name ("1st Barnstable",
  "Fifth Middlesex") and division id. MassGIS spells the same districts "First Barnstable"
  or "1st Barnstable"; both sides are reduced to one key (ordinal words to "1st", "&" to
  "and", punctuation and case dropped) before comparing.
- U.S. House districts (`cd`): `ocd-division/country:us/state:ma/cd:<n>`, the OCD form.
- Governor's Council districts (`govcouncil`): OCD publishes no id for them; Beacon uses
  `ocd-division/country:us/state:ma/govcouncil:<n>` on the pattern of `cd:<n>`.
- Cities and towns (`place`): `ocd-division/country:us/state:ma/place:<slug>`, the form
  the OCD registry uses for Massachusetts municipalities (for example `place:boston`,
  `place:east_longmeadow`): lower case, spaces to underscores, hyphens kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import openstates_metadata

STATE_ABBR = "ma"
STATE_OCD_ID = f"ocd-division/country:us/state:{STATE_ABBR}"
STATE_NAME = "Massachusetts"

_ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
]  # fmt: skip
_ORDINAL_WORDS = {word: n for n, word in enumerate(_ORDINALS, start=1)}
# Fields tried first, in order, before every other text field of a feature.
NAME_FIELDS = {
    "sldl": ["district_display", "district", "rep_dist", "name"],
    "sldu": ["district_display", "district", "sen_dist", "name"],
    "cd": ["district_num", "district", "district_display", "cd_num", "name"],
    "govcouncil": ["district_num", "district", "district_display", "name"],
    "place": ["city_town", "town", "name"],
}


def _suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def name_key(text: str) -> str:
    """A comparison key: lower case, ordinal words as "1st", "&" as "and", no punctuation."""
    words = re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("&", " and ")).split()
    words = [
        f"{_ORDINAL_WORDS[w]}{_suffix(_ORDINAL_WORDS[w])}" if w in _ORDINAL_WORDS else w
        for w in words
    ]
    return " ".join(words)


def place_slug(name: str) -> str:
    """The OCD slug of a town name: "East Longmeadow" -> "east_longmeadow"."""
    slug = re.sub(r"[^a-z0-9\- ]+", "", name.strip().lower())
    return re.sub(r"\s+", "_", slug.strip())


def place_ocd_id(name: str) -> str | None:
    """The division id of the Massachusetts city or town called `name`, or None if blank."""
    slug = place_slug(name)
    return f"{STATE_OCD_ID}/place:{slug}" if slug else None


def display_name(text: str) -> str:
    """Title case for names stored in capitals ("MANCHESTER-BY-THE-SEA")."""
    if not text.isupper():
        return text.strip()
    small = {"by", "the", "of", "and"}
    parts = re.split(r"([\s\-]+)", text.strip().lower())
    return "".join(p if (i and p in small) else p[:1].upper() + p[1:] for i, p in enumerate(parts))


@dataclass(frozen=True)
class Target:
    """A division a feature can be matched to."""

    ocd_id: str
    name: str


@cache
def expected_divisions(kind: str) -> dict[str, Target]:
    """Divisions of `kind` known in advance, by name key (empty for towns, which the
    boundary file itself defines)."""
    if kind in ("sldl", "sldu"):
        state = openstates_metadata.lookup(abbr=STATE_ABBR)
        chamber = state.lower if kind == "sldl" else state.upper
        return {name_key(d.name): Target(d.division_id, d.name) for d in chamber.districts}
    if kind == "cd":
        return _numbered("cd", 9, "{} Congressional District")
    if kind == "govcouncil":
        return _numbered("govcouncil", 8, "{} Governor's Council District")
    return {}


def _numbered(kind: str, count: int, label: str) -> dict[str, Target]:
    targets: dict[str, Target] = {}
    for n in range(1, count + 1):
        ordinal = f"{n}{_suffix(n)}"
        target = Target(f"{STATE_OCD_ID}/{kind}:{n}", label.format(ordinal))
        for key in (str(n), ordinal, name_key(target.name), f"{ordinal} district"):
            targets[key] = target
    return targets


def _candidates(properties: Mapping[str, Any], kind: str) -> list[str]:
    lowered = {str(k).lower(): v for k, v in properties.items()}
    preferred = [lowered[f] for f in NAME_FIELDS.get(kind, []) if f in lowered]
    rest = [v for k, v in lowered.items() if k not in NAME_FIELDS.get(kind, [])]
    return [str(v) for v in preferred + rest if isinstance(v, str | int) and str(v).strip()]


def feature_name(properties: Mapping[str, Any], kind: str) -> str:
    """The most telling name of a feature, for reports."""
    values = _candidates(properties, kind)
    return values[0] if values else "?"


def matcher_for(
    kind: str, name_field: str | None = None
) -> Callable[[Mapping[str, Any]], Target | None]:
    """A function from a feature's properties to its division, or None if none matches.

    Known district kinds try the preferred name fields, then every other text field; towns
    take their name from the first preferred field present (or `name_field`).
    """
    expected = expected_divisions(kind)

    def match(properties: Mapping[str, Any]) -> Target | None:
        values = _candidates(properties, kind)
        if name_field is not None:
            lowered = {str(k).lower(): v for k, v in properties.items()}
            values = [str(lowered.get(name_field.lower(), "") or "")]
        if kind == "place":
            name = display_name(values[0]) if values and values[0].strip() else ""
            ocd_id = place_ocd_id(name)
            return Target(ocd_id, name) if ocd_id else None
        for value in values:
            target = expected.get(name_key(value))
            if target is not None:
                return target
        return None

    return match
