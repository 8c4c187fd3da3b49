"""Writes by staff: corrections and additions that the next import must respect.

The import itself lives in `services_import.py`. Everything staff change here is marked
`is_staff_added` with `staff_changed_at`, so organizers can see what to re-check and the
import keeps it (docs/officials.md, "Staff corrections").
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from beacon.officials.models import ContactChannel, Office, Official, Role, current_role_q


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


@transaction.atomic
def channel_staff_update(
    *, channel: ContactChannel, value: str, note: str = "", label: str | None = None
) -> ContactChannel:
    """Correct a channel's value as staff: the correction survives re-imports until the
    source itself changes this value (then the source's new value wins)."""
    channel.value = value.strip()
    if label is not None:
        channel.label = label
    channel.is_staff_added = True
    channel.staff_note = note
    channel.staff_changed_at = timezone.now()
    channel.save()
    return channel


@transaction.atomic
def channel_staff_add(
    *,
    official: Official,
    kind: str,
    value: str,
    office: Office | None = None,
    label: str = "",
    note: str = "",
) -> ContactChannel:
    """Add a channel the source lacks, marked and dated as staff-added; imports keep it."""
    position = official.channels.filter(office=office).count()
    return ContactChannel.objects.create(
        official=official,
        office=office,
        kind=kind,
        value=value.strip(),
        label=label,
        is_staff_added=True,
        staff_note=note,
        staff_changed_at=timezone.now(),
        position=100 + position,
    )


@transaction.atomic
def office_staff_add(*, official: Official, kind: str, name: str, note: str = "") -> Office:
    """Add an office the source lacks, marked and dated as staff-added; imports keep it."""
    return Office.objects.create(
        official=official,
        kind=kind,
        name=name,
        is_staff_added=True,
        staff_note=note,
        staff_changed_at=timezone.now(),
        position=100 + official.offices.count(),
    )


# The Governor's public channels that Open States lacks, as the Governor's office
# publishes them (see ../shared/examples/000_d185ca77c5b595a1.txt).
DEMO_NOTE = "Added by staff from the Governor's published contact list; re-check yearly."
GOVERNOR_SPRINGFIELD_OFFICE = {
    "name": "Western Massachusetts Office of the Governor (Springfield)",
    "address": "State Office Building, 436 Dwight Street, Suite 300; Springfield, MA 01103",
    "phone": "413-784-1200",
}
GOVERNOR_CAPITOL_EXTRAS = [
    ("tollfree", "888-870-7770", "in Massachusetts only"),
    ("fax", "617-727-9725", ""),
    ("tty", "617-727-3666", ""),
]


def _governor() -> Official | None:
    return (
        Official.objects.filter(current_role_q("roles__"), roles__type=Role.Type.GOVERNOR)
        .distinct()
        .first()
    )


@transaction.atomic
def officials_demo_corrections_apply() -> list[str]:
    """Add to the current Governor, as staff-added and dated, the public channels Open
    States lacks: the Springfield office, the in-state toll-free line, fax and TTY.

    Adds only what is missing (compared by digits, or by street for the address), so it
    is safe to run again. Returns a description of each channel added.
    """
    governor = _governor()
    if governor is None:
        return []
    existing = list(governor.channels.all())
    known_digits = {_digits(c.value) for c in existing if c.kind != "address"}
    added: list[str] = []
    capitol = governor.offices.filter(kind=Office.Kind.CAPITOL).first()
    for kind, value, label in GOVERNOR_CAPITOL_EXTRAS:
        if _digits(value) not in known_digits:
            channel_staff_add(
                official=governor,
                office=capitol,
                kind=kind,
                value=value,
                label=label,
                note=DEMO_NOTE,
            )
            added.append(f"{kind} {value}")
    office_info = GOVERNOR_SPRINGFIELD_OFFICE
    has_address = any("436 dwight" in c.value.lower() for c in existing if c.kind == "address")
    if not has_address:
        office = office_staff_add(
            official=governor, kind=Office.Kind.DISTRICT, name=office_info["name"], note=DEMO_NOTE
        )
        channel_staff_add(
            official=governor,
            office=office,
            kind="address",
            value=office_info["address"],
            note=DEMO_NOTE,
        )
        added.append("Springfield office address")
        if _digits(office_info["phone"]) not in known_digits:
            channel_staff_add(
                official=governor,
                office=office,
                kind="phone",
                value=office_info["phone"],
                note=DEMO_NOTE,
            )
            added.append(f"phone {office_info['phone']}")
    return added
