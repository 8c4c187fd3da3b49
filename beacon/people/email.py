"""Canonical email addresses, so one person cannot be counted twice.

Every place that compares, counts or limits by email address goes through
`email_canonicalize` (signatures, letters, call reminders, and rate-limit keys); the
address as typed is kept only to send mail to. Public forms take addresses through
`people.forms.EmailAddressField`, which refuses what `email_refusal` names: the forms of
address Django's validator accepts but that have no place in a public form, and that
canonical forms cannot compare safely.
"""

import hashlib
import hmac

from django.conf import settings

from beacon.core.limits import limit_hit

# What an erased row's canonical email starts with: "erased:<pk>" once nothing may link
# it to a person, or PSEUDONYM_PREFIX + a keyed hash while it must still stop the same
# person from being counted twice (see email_pseudonym).
ERASED_PREFIX = "erased:"
PSEUDONYM_PREFIX = "erased:h:"

# Providers that ignore dots in the local part and deliver "+tag" variants to one inbox.
_DOTLESS_DOMAINS = {"gmail.com", "googlemail.com"}
_DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}


def _domain_ascii(domain: str) -> str:
    """The domain as DNS sees it: an internationalised name in its punycode form, so
    "exämple.org" and "xn--exmple-cua.org" are one domain."""
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def email_canonicalize(address: str) -> str:
    """Lower-case, trim, drop a "+tag", drop dots where the provider ignores them, and
    write an internationalised domain in its ASCII form.

    "Rosa.Diaz+petition@GoogleMail.com" and "rosadiaz@gmail.com" give the same value.
    """
    address = address.strip().lower()
    local, _, domain = address.rpartition("@")
    if not local:
        return address
    domain = _DOMAIN_ALIASES.get(domain, domain)
    domain = _domain_ascii(domain)
    local = local.split("+", 1)[0]
    if domain in _DOTLESS_DOMAINS:
        local = local.replace(".", "")
    return f"{local}@{domain}"


def email_refusal(address: str) -> str:
    """Why a public form refuses an address Django's EmailValidator accepts, or "":

    - "quoted": a quoted local part (`"john doe"@example.org`, `"a@b"@example.org`).
      It can hide an @, spaces or a "+" that the canonical form would split on, so two
      spellings of one inbox could count twice, or one person pose as another.
    - "literal": a domain written as an IP address (`rosa@[127.0.0.1]`), which would
      send Beacon's mail to a machine of the writer's choosing.
    """
    local, _, domain = address.strip().rpartition("@")
    if '"' in local or "\\" in local:
        return "quoted"
    if domain.startswith("["):
        return "literal"
    return ""


def mail_allowed(address: str) -> bool:
    """Count one mail to `address` (in any spelling) against the per-address limit and say
    whether it may go. Every confirmation, reminder and "already signed" mail asks first;
    past the limit the caller answers as usual and sends nothing (docs/security.md)."""
    return limit_hit("mail", "email", email_canonicalize(address)).allowed


def email_pseudonym(canonical: str) -> str:
    """What replaces a canonical email when the address itself is erased but the row must
    still recognise its owner (a signature on a live campaign: signing again must not
    count twice). HMAC-SHA256 keyed with SECRET_KEY, so the table alone cannot be matched
    against a list of addresses; rotating SECRET_KEY makes old pseudonyms unrecognisable.
    Starts with ERASED_PREFIX, so nothing mistakes it for an address."""
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, b"beacon.people.email:" + canonical.encode(), hashlib.sha256)
    return PSEUDONYM_PREFIX + digest.hexdigest()
