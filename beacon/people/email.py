"""Canonical email addresses, so one person cannot be counted twice."""

from beacon.core.limits import limit_hit

# Providers that ignore dots in the local part and deliver "+tag" variants to one inbox.
_DOTLESS_DOMAINS = {"gmail.com", "googlemail.com"}
_DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}


def email_canonicalize(address: str) -> str:
    """Lower-case, trim, drop a "+tag", and drop dots where the provider ignores them.

    "Rosa.Diaz+petition@GoogleMail.com" and "rosadiaz@gmail.com" give the same value.
    """
    address = address.strip().lower()
    local, _, domain = address.rpartition("@")
    if not local:
        return address
    domain = _DOMAIN_ALIASES.get(domain, domain)
    local = local.split("+", 1)[0]
    if domain in _DOTLESS_DOMAINS:
        local = local.replace(".", "")
    return f"{local}@{domain}"


def mail_allowed(address: str) -> bool:
    """Count one mail to `address` (in any spelling) against the per-address limit and say
    whether it may go. Every confirmation, reminder and "already signed" mail asks first;
    past the limit the caller answers as usual and sends nothing (docs/security.md)."""
    return limit_hit("mail", "email", email_canonicalize(address)).allowed
