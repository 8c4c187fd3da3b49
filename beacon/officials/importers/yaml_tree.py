"""Reader for the Open States people repository layout (data/<state>/...).

    legislature/*.yml   executive/*.yml   municipalities/*.yml   retired/*.yml
    committees/*.yml    municipalities.yml (names of the places that have mayors)

The format is documented in the repository's schema.md; see docs/officials.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from beacon.officials.importers.common import (
    KNOWN_ROLE_TYPES,
    office_record,
    role_record,
)
from beacon.officials.importers.records import (
    ChannelRecord,
    CommitteeRecord,
    Dataset,
    MemberRecord,
    PersonRecord,
)

PEOPLE_DIRS = ("legislature", "executive", "municipalities", "retired")
MEMBER_ROLES = {
    "chair": "chair",
    "vice chair": "vice chair",
    "assistant vice chair": "assistant vice chair",
    "ranking member": "ranking member",
    "ranking republican member": "ranking member",
    "member": "member",
}
COMMITTEE_CHAMBERS = {"legislature": "joint", "upper": "upper", "lower": "lower"}
# libyaml's parser with PyYAML's safe constructor: the same values as yaml.safe_load, about
# ten times faster (a state's tree is hundreds of files; every import reads them all).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml_load(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)


def is_people_tree(path: Path) -> bool:
    """True when `path` looks like an Open States state directory."""
    return path.is_dir() and any((path / name).is_dir() for name in ("legislature", "executive"))


def read_yaml_tree(path: Path, *, abbr: str = "ma") -> Dataset:
    """Parse a state directory of the Open States people repository into a Dataset."""
    dataset = Dataset(role_types=KNOWN_ROLE_TYPES)
    place_names = _place_names(path / "municipalities.yml")
    for folder in PEOPLE_DIRS:
        for file in sorted((path / folder).glob("*.yml")):
            data = _yaml_load(file.read_text(encoding="utf-8")) or {}
            if not data.get("id") or not data.get("name"):
                dataset.warnings.append(f"{folder}/{file.name}: no id or name, skipped")
                continue
            dataset.people.append(
                person_from_yaml(
                    data, abbr=abbr, place_names=place_names, warnings=dataset.warnings
                )
            )
    committees_dir = path / "committees"
    if committees_dir.is_dir():
        dataset.has_committees = True
        for file in sorted(committees_dir.glob("*.yml")):
            data = _yaml_load(file.read_text(encoding="utf-8")) or {}
            if data.get("id") and data.get("name"):
                dataset.committees.append(committee_from_yaml(data))
    return dataset


def _place_names(file: Path) -> dict[str, str]:
    if not file.exists():
        return {}
    entries = _yaml_load(file.read_text(encoding="utf-8")) or []
    return {entry["id"]: entry["name"] for entry in entries if entry.get("id")}


def _current_party(parties: list[dict[str, object]]) -> str:
    open_ones = [p for p in parties if not p.get("end_date")]
    chosen = open_ones[-1] if open_ones else (parties[-1] if parties else {})
    return str(chosen.get("name", ""))


def person_from_yaml(
    data: dict[str, Any], *, abbr: str, place_names: dict[str, str], warnings: list[str]
) -> PersonRecord:
    """One person file to a PersonRecord: roles placed in divisions, offices, channels."""
    person = PersonRecord(
        ocd_person_id=data["id"],
        name=str(data["name"]).strip(),
        given_name=str(data.get("given_name", "")),
        family_name=str(data.get("family_name", "")),
        party=_current_party(data.get("party") or []),
        image=str(data.get("image") or ""),
    )
    for raw in data.get("roles") or []:
        role = role_record(
            abbr=abbr,
            type_=raw.get("type", ""),
            district=raw.get("district", ""),
            jurisdiction=raw.get("jurisdiction", ""),
            start=raw.get("start_date"),
            end=raw.get("end_date"),
            end_reason=raw.get("end_reason", ""),
            place_names=place_names,
        )
        if role is None:
            # Past seats in districts of an older plan have no division any more.
            if not raw.get("end_date"):
                warnings.append(
                    f"{person.name}: role {raw.get('type')} {raw.get('district', '')}"
                    " could not be placed, skipped"
                )
            continue
        if role.start_date and role.end_date and role.end_date < role.start_date:
            warnings.append(
                f"{person.name}: role {role.type} {role.division_name} ends before"
                " it starts, skipped"
            )
            continue
        person.roles.append(role)
    counts: dict[str, int] = {}
    for raw in data.get("offices") or []:
        classification = raw.get("classification") or "other"
        index = counts.get(classification, 0)
        counts[classification] = index + 1
        office = office_record(
            classification=classification,
            index=index,
            address=raw.get("address", ""),
            voice=raw.get("voice", ""),
            fax=raw.get("fax", ""),
            name=raw.get("name", ""),
        )
        if office:
            person.offices.append(office)
    if data.get("email"):
        person.channels.append(ChannelRecord("email", str(data["email"]).strip(), "email-0"))
    webforms = 0
    for link in data.get("links") or []:
        url = str(link.get("url", "")).strip()
        if link.get("note") == "webform":
            person.channels.append(ChannelRecord("webform", url, f"webform-{webforms}"))
            webforms += 1
        elif url and not person.profile_url:
            person.profile_url = url
    return person


def committee_from_yaml(data: dict[str, Any]) -> CommitteeRecord:
    """One committee file to a CommitteeRecord with its members and their roles."""
    committee = CommitteeRecord(
        ocd_organization_id=data["id"],
        name=str(data["name"]),
        chamber=COMMITTEE_CHAMBERS.get(data.get("chamber", ""), "joint"),
        parent_id=str(data.get("parent") or ""),
    )
    for raw in data.get("members") or []:
        label = " ".join(str(raw.get("role") or "member").lower().split())
        committee.members.append(
            MemberRecord(
                name=str(raw.get("name", "")),
                role=MEMBER_ROLES.get(label, "other"),
                role_label=label,
                ocd_person_id=str(raw.get("person_id") or raw.get("id") or ""),
            )
        )
    return committee
