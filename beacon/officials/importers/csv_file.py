"""Reader for Open States' per-state CSV of current legislators.

Columns (as Open States documents them): id, name, current_party, current_district,
current_chamber, given_name, family_name, gender, email, biography, birth_date,
death_date, image, links, sources, capitol_address, capitol_voice, capitol_fax,
district_address, district_voice, district_fax, twitter, youtube, instagram, facebook,
wikidata. `links` and `sources` hold several URLs separated by semicolons.
"""

from __future__ import annotations

import csv
import io

from beacon.officials.importers.common import LEGISLATIVE, office_record, role_record
from beacon.officials.importers.records import ChannelRecord, Dataset, PersonRecord

REQUIRED = {"id", "name", "current_district", "current_chamber"}


class CsvFormatError(ValueError):
    """The file is not an Open States legislators CSV."""


def read_people_csv(text: str, *, abbr: str = "ma") -> Dataset:
    """Parse the CSV text into a Dataset covering the legislature's seats only."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = REQUIRED - set(reader.fieldnames or [])
    if missing:
        raise CsvFormatError(f"missing columns: {', '.join(sorted(missing))}")
    dataset = Dataset(role_types=frozenset(LEGISLATIVE))
    for line, row in enumerate(reader, start=2):
        person = person_from_row(row, abbr=abbr)
        if person is None:
            dataset.warnings.append(f"line {line}: no id, name or known district, skipped")
            continue
        dataset.people.append(person)
    return dataset


def person_from_row(row: dict[str, str], *, abbr: str) -> PersonRecord | None:
    """One CSV row to a PersonRecord holding one current legislative role."""
    value = {k: (v or "").strip() for k, v in row.items() if k}
    if not value.get("id") or not value.get("name"):
        return None
    role = role_record(
        abbr=abbr, type_=value["current_chamber"], district=value["current_district"]
    )
    if role is None:
        return None
    links = [u.strip() for u in value.get("links", "").split(";") if u.strip()]
    person = PersonRecord(
        ocd_person_id=value["id"],
        name=value["name"],
        given_name=value.get("given_name", ""),
        family_name=value.get("family_name", ""),
        party=value.get("current_party", ""),
        image=value.get("image", ""),
        profile_url=links[0] if links else "",
        roles=[role],
    )
    for classification in ("capitol", "district"):
        office = office_record(
            classification=classification,
            index=0,
            address=value.get(f"{classification}_address", ""),
            voice=value.get(f"{classification}_voice", ""),
            fax=value.get(f"{classification}_fax", ""),
        )
        if office:
            person.offices.append(office)
    if value.get("email"):
        person.channels.append(ChannelRecord("email", value["email"], "email-0"))
    return person
