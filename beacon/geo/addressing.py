"""Parsing and normalising street addresses to the keys the local geocoder matches on.

Both sides go through `street_key`: the street names of the imported data (TIGER/Line
`FULLNAME`, MassGIS `STREET_NAME`) and what a supporter types. The key follows USPS
Publication 28: upper case ASCII, directionals as N/S/E/W..., street types as their
standard abbreviation (the tables of usaddress-scourgify), "Saint"/"Mount"/"Fort" as
ST/MT/FT, ordinal words as numbers ("Fifth" -> 5TH). Spanish and Portuguese street words
that supporters type ("Calle Washington", "Rua das Flores", "Avenida Blue Hill") are
recognised and their type kept only as a hint, since a supporter writing "Calle" may mean
a Street, Road or Avenue.

`address_parse` splits the street line typed by a supporter (house number, fraction or
letter suffix, hyphenated numbers, units and apartments) with usaddress, a conditional
random field tagger, falling back to a plain pattern when it cannot label the line.
Nothing here logs the address.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import usaddress
from scourgify.address_constants import (
    DIRECTIONAL_REPLACEMENTS,
    OCCUPANCY_TYPE_ABBREVIATIONS,
    STREET_TYPE_ABBREVIATIONS,
)

DIRECTIONS = {**DIRECTIONAL_REPLACEMENTS, **{v: v for v in DIRECTIONAL_REPLACEMENTS.values()}}
STREET_TYPES = {**STREET_TYPE_ABBREVIATIONS, "STREET": "ST", "ST": "ST"}
# Words typed before a street name in Spanish and Portuguese, with the USPS type they most
# often stand for (a hint only: the match also accepts the name with any type).
FOREIGN_TYPES = {
    "CALLE": "ST", "AVENIDA": "AVE", "AV": "AVE", "AVDA": "AVE", "CAMINO": "RD",
    "CARRETERA": "RD", "PASEO": "WAY", "RUA": "ST", "ESTRADA": "RD", "TRAVESSA": "ST",
    "ALAMEDA": "AVE", "PRACA": "SQ", "PLAZA": "PLZ", "CALLEJON": "ALY", "BECO": "ALY",
}  # fmt: skip
FOREIGN_PARTICLES = {"DE", "DEL", "LA", "LAS", "LOS", "EL", "DA", "DAS", "DO", "DOS"}
NAME_WORDS = {"SAINT": "ST", "STE": "ST", "MOUNT": "MT", "FORT": "FT", "MASS": "MASSACHUSETTS"}
_ORDINALS = [
    "FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH", "NINTH",
    "TENTH", "ELEVENTH", "TWELFTH", "THIRTEENTH", "FOURTEENTH", "FIFTEENTH", "SIXTEENTH",
    "SEVENTEENTH", "EIGHTEENTH", "NINETEENTH", "TWENTIETH",
]  # fmt: skip


def _ordinal(n: int) -> str:
    suffix = "TH" if 10 <= n % 100 <= 20 else {1: "ST", 2: "ND", 3: "RD"}.get(n % 10, "TH")
    return f"{n}{suffix}"


ORDINAL_WORDS = {word: _ordinal(n) for n, word in enumerate(_ORDINALS, start=1)}
# "Twenty-First", "Thirtieth": numbered streets past twenty, written out.
_TENS = ["TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"]
TENS_WORDS = {word: 10 * n for n, word in enumerate(_TENS, start=2)}
ORDINAL_WORDS |= {word[:-1] + "IETH": _ordinal(n) for word, n in TENS_WORDS.items()}
_NUMBERED = re.compile(r"^(\d+)(ST|ND|RD|TH)$")
_NOT_WORD = re.compile(r"[^A-Z0-9/#\- ]+")
UNIT_WORDS = {*OCCUPANCY_TYPE_ABBREVIATIONS, *OCCUPANCY_TYPE_ABBREVIATIONS.values()}
UNIT_WORDS |= {"APTO", "APARTAMENTO", "APARTAMENT", "PISO", "DEPTO", "SALA", "UNIDAD"}
_PO_BOX = re.compile(
    r"\b(P\s*O\s*BOX|POST\s+OFFICE\s+BOX|POB|BOX|APARTADO(\s+POSTAL)?|CAIXA\s+POSTAL|CASILLA)"
    r"\s*#?\s*\d+",
)
# Typed forms ascii_upper would garble: "12½" (NFKD makes it "121⁄2") and dashes.
_FRACTIONS = {"½": " 1/2 ", "¼": " 1/4 ", "¾": " 3/4 ", "⅓": " 1/3 ", "⅔": " 2/3 ", "⁄": "/"}
_DASHES = re.compile("[\u2010-\u2015\u2212]")
# "45 - 47 Main St" -> "45-47 Main St"; "12-1/2 Main St" -> "12 1/2 Main St".
_NUMBER_RANGE = re.compile(r"^(\d+[A-Z]?)\s*-\s*(\d+[A-Z]?)\b(?!/)")
_NUMBER_FRACTION = re.compile(r"^(\d+)-(\d/\d)\b")
# A unit typed before the address: "Apt 3, 12 Main St", "#3 12 Main St".
_NUMBER = re.compile(r"^(\d+)(?:\s*-\s*(\d+))?\s*([A-Z](?![A-Z]))?\s*(\d/\d)?\s*")


def ascii_upper(text: str) -> str:
    """Upper case, accents dropped ("Praça" -> "PRACA"), punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).upper()
    return " ".join(_NOT_WORD.sub(" ", text.replace(".", "").replace("'", "")).split())


@dataclass(frozen=True)
class StreetKey:
    """A normalised street: `full` ("N MAIN ST"), `name` ("MAIN"), and whether the type
    came from a Spanish or Portuguese word (`loose`: any type may match)."""

    full: str
    name: str
    loose: bool = False
    street_type: str = ""
    predir: str = ""
    postdir: str = ""

    def fits(self, other: StreetKey) -> bool:
        """Whether `other` (a street in the data with the same name) is this typed street
        with parts left out: each directional and type typed must be the same in `other`
        ("Main" and "Main St" fit "N Main St"; "S Main St" does not)."""
        return (
            self.name == other.name
            and (self.loose or not self.street_type or self.street_type == other.street_type)
            and (not self.predir or self.predir == other.predir)
            and (not self.postdir or self.postdir == other.postdir)
        )


def _compound_ordinals(words: list[str]) -> list[str]:
    """ "TWENTY FIRST" (or "TWENTY 1ST") -> "21ST"; other words unchanged."""
    out: list[str] = []
    for word in words:
        unit = ORDINAL_WORDS.get(word) or (word if _NUMBERED.match(word) else "")
        if out and out[-1] in TENS_WORDS and unit and int(unit[:-2]) < 10:
            out[-1] = _ordinal(TENS_WORDS[out[-1]] + int(unit[:-2]))
        else:
            out.append(word)
    return out


def _name_word(word: str) -> str:
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    match = _NUMBERED.match(word)
    if match:
        return _ordinal(int(match.group(1)))
    return NAME_WORDS.get(word, word)


@lru_cache(maxsize=65536)
def street_key(text: str) -> StreetKey:
    """The matching key of a street name (no house number, no unit)."""
    words = re.sub(r"[#/\-]", " ", ascii_upper(text)).split()
    loose, type_hint = False, ""
    if len(words) >= 2 and words[0] in FOREIGN_TYPES:
        loose, type_hint = True, FOREIGN_TYPES[words[0]]
        words = words[1:]
        while len(words) >= 2 and words[0] in FOREIGN_PARTICLES:
            words = words[1:]
    predir = postdir = street_type = ""
    if len(words) >= 2 and words[0] in DIRECTIONS:
        rest = words[1:]
        if len(rest) >= 2 or rest[-1] not in STREET_TYPES:
            predir, words = DIRECTIONS[words[0]], rest
    if len(words) >= 2 and words[-1] in DIRECTIONS and words[-2] in STREET_TYPES:
        postdir, words = DIRECTIONS[words[-1]], words[:-1]
    if not loose and len(words) >= 2 and words[-1] in STREET_TYPES:
        street_type, words = STREET_TYPES[words[-1]], words[:-1]
    elif loose:
        street_type = type_hint
    if loose and len(words) == 1 and words[0].isdigit():
        words = [_ordinal(int(words[0]))]  # "Calle 5" is 5th Street.
    name = " ".join(_name_word(w) for w in _compound_ordinals(words))
    full = " ".join(p for p in (predir, name, street_type, postdir) if p)
    return StreetKey(
        full=full,
        name=name,
        loose=loose,
        street_type=street_type,
        predir=predir,
        postdir=postdir,
    )


@dataclass(frozen=True)
class ParsedStreet:
    """A supporter's street line, parsed.

    `number` is the house number to place (the first of "45-47"); `number_text` keeps
    suffixes ("12 1/2", "12A"); `unit` is the apartment or suite, which never changes the
    district. `kind` is "street", "po_box" (no street to place) or "invalid".
    """

    kind: str
    number: int | None = None
    number_text: str = ""
    street: StreetKey | None = None
    unit: str = ""


def _foreign_order(text: str) -> str:
    """ "Rua das Flores 12" / "Calle Main, 12" -> "12 Rua das Flores" (the number last is
    the Spanish and Portuguese habit)."""
    match = re.match(r"^([A-Z][A-Z ]*?)[ ,]+(\d+[A-Z]?)(?:[ ,]+(.*))?$", text)
    if match and match.group(1).split()[0] in FOREIGN_TYPES:
        return f"{match.group(2)} {match.group(1)} {match.group(3) or ''}".strip()
    return text


def _typed(line: str) -> str:
    """The typed line in upper-case ASCII, with fractions, dashes and number ranges in
    the forms the parser expects."""
    for typed, plain in _FRACTIONS.items():
        line = line.replace(typed, plain)
    text = ascii_upper(_DASHES.sub("-", line).replace("#", " # ")).replace(" # ", " #")
    text = text.replace("# ", "#")
    text = _NUMBER_FRACTION.sub(r"\1 \2", text)
    return _NUMBER_RANGE.sub(r"\1-\2", text)


def _split_unit(text: str) -> tuple[str, str]:
    """(street line, unit): "12 Main St Apt 3" -> ("12 Main St", "APT 3"); a unit typed
    first ("Apt 3 12 Main St", "#3 12 Main St") is moved off the front."""
    words = text.split()
    if words and not words[0][0].isdigit():
        if words[0].startswith("#") and len(words) > 2 and words[1][0].isdigit():
            return " ".join(words[1:]), words[0]
        if words[0] in UNIT_WORDS and len(words) > 3 and words[2][0].isdigit():
            return " ".join(words[2:]), " ".join(words[:2])
    for i in range(1, len(words)):
        word = words[i]
        # A unit word needs something after it: "12 Main St Rear" is left to usaddress.
        if word.startswith("#") or (word in UNIT_WORDS and 2 <= i < len(words) - 1):
            return " ".join(words[:i]), " ".join(words[i:])
    return text, ""


@lru_cache(maxsize=65536)
def address_parse(line: str) -> ParsedStreet:
    """Parse a street line ("12 1/2 N Main St Apt 3"); never raises."""
    text = _typed(line)
    if not text:
        return ParsedStreet(kind="invalid")
    if _PO_BOX.search(text) and not re.match(r"^\d+\s+\D", text.replace("BOX", "")):
        return ParsedStreet(kind="po_box")
    text = _foreign_order(text)
    text, unit = _split_unit(text)
    number_part, street_part = _usaddress_split(text)
    match = _NUMBER.match(number_part)
    if not match or not street_part:
        return ParsedStreet(kind="invalid", street=street_key(street_part or text))
    number = int(match.group(1))
    number_text = " ".join(p for p in (match.group(1), match.group(3), match.group(4)) if p)
    return ParsedStreet(
        kind="street",
        number=number,
        number_text=number_text,
        street=street_key(street_part),
        unit=unit,
    )


_STREET_LABELS = {
    "StreetNamePreModifier", "StreetNamePreDirectional", "StreetNamePreType", "StreetName",
    "StreetNamePostType", "StreetNamePostDirectional", "StreetNamePostModifier",
}  # fmt: skip
_NUMBER_LABELS = {"AddressNumberPrefix", "AddressNumber", "AddressNumberSuffix"}


def _usaddress_split(text: str) -> tuple[str, str]:
    """(house number, street name) of a line with usaddress; a plain pattern on failure
    and for Spanish and Portuguese street words, which the tagger takes for place names
    ("12 Calle San Juan")."""
    words = text.split()
    if len(words) >= 2 and words[1] in FOREIGN_TYPES:
        match = _NUMBER.match(text)
        if match:
            return match.group(0).strip(), text[match.end() :].strip()
    try:
        tokens = usaddress.parse(text)
    except Exception:  # noqa: BLE001 - the tagger's own errors; fall back to the pattern.
        tokens = []
    number = " ".join(t for t, label in tokens if label in _NUMBER_LABELS)
    street = " ".join(t for t, label in tokens if label in _STREET_LABELS)
    if number and street and _NUMBER.match(number) and text.startswith(number.split()[0]):
        return number, street
    match = _NUMBER.match(text)
    if match:
        return match.group(0).strip(), text[match.end() :].strip()
    return "", text
