"""Merge fields in organizers' templates: "Dear {official_title} {official_last_name}".

Deliberately not the Django template language: organizers' text must never reach
template tags or object attributes. Only the names below are replaced; `merge_fields_check`
reports unknown ones when an organizer saves a template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

FIELD_RE = re.compile(r"\{([a-z_]+)\}")

MERGE_FIELDS = {
    "first_name": _("The supporter's first name"),
    "last_name": _("The supporter's last name"),
    "town": _("The supporter's city or town"),
    "official_title": _("The official's title, e.g. Senator"),
    "official_name": _("The official's full name"),
    "official_last_name": _("The official's last name"),
    "bill_number": _("The bill's number, e.g. H.2580"),
    "bill_title": _("The bill's title"),
}


@dataclass(frozen=True)
class MergeContext:
    first_name: str = ""
    last_name: str = ""
    town: str = ""
    official_title: str = ""
    official_name: str = ""
    official_last_name: str = ""
    bill_number: str = ""
    bill_title: str = ""


# A field that rendered empty (no official named for a seat), with the spaces before it.
_EMPTY = "\x00"
_EMPTY_RE = re.compile(r"[ \t]*\x00(?=[,.;:!?])|\x00[ \t]*|[ \t]*\x00")


def merge_render(text: str, context: MergeContext) -> str:
    """Replace each known {field}; leave anything else exactly as written.

    A field with no value (a seat whose holder is not known) disappears with the space
    before it, so "Dear {official_title} {official_last_name}," reads "Dear Senator,"."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in MERGE_FIELDS:
            return match.group(0)
        return getattr(context, name) or _EMPTY

    rendered = FIELD_RE.sub(replace, text)
    return _EMPTY_RE.sub("", rendered) if _EMPTY in rendered else rendered


def merge_fields_check(text: str) -> list[str]:
    """The unknown field names used in `text` (empty when all are known)."""
    return sorted({name for name in FIELD_RE.findall(text) if name not in MERGE_FIELDS})


def merge_context_for(*, supporter=None, target=None, bill=None) -> MergeContext:
    """Build a context from any objects that have the usual attributes.

    `supporter` has first_name, last_name, town; `target` is a ResolvedTarget; `bill` a Bill.
    Short titles ("Senator", "Representative") read better in a salutation."""
    official = getattr(target, "official", None)
    title = _short_title(getattr(target, "title", ""))
    return MergeContext(
        first_name=getattr(supporter, "first_name", ""),
        last_name=getattr(supporter, "last_name", ""),
        town=getattr(supporter, "town", ""),
        official_title=title,
        official_name=official.name if official else "",
        official_last_name=(official.family_name or official.name.split()[-1]) if official else "",
        bill_number=getattr(bill, "number", ""),
        bill_title=getattr(bill, "title", ""),
    )


def _short_title(title: str) -> str:
    from beacon.officials.models import Role

    # These go before a name inside letters and call scripts, so they must read right
    # whatever the official's gender (Beacon stores none): "Sen.", never "Senador(a)".
    short = {
        str(Role.Type.UPPER.label): pgettext("title before a name", "Senator"),
        str(Role.Type.LOWER.label): pgettext("title before a name", "Representative"),
        str(Role.Type.GOVERNOR.label): pgettext("title before a name", "Governor"),
    }
    return short.get(str(title), str(title))
