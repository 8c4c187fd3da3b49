"""Phone numbers as offices print them, turned into links. The one `tel:` formatter: the
officials' pages (through the `tel_uri` template filter) and the call sheets both use it."""

from __future__ import annotations

import phonenumbers


def tel_uri(value: str) -> str:
    """An RFC 3966 tel: URI for a US number as offices print it ("508-757-0323 ext. 13"
    becomes "tel:+1-508-757-0323;ext=13"); "" if it cannot be read."""
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966)
