"""Opaque single-use tokens for links in emails.

A token is random; only its SHA-256 digest is stored, so a database leak does not reveal
live links, and a token carries no personal data in the URL.
"""

import hashlib
import secrets


def token_new() -> tuple[str, str]:
    """Return (token for the link, digest to store)."""
    token = secrets.token_urlsafe(32)
    return token, token_digest(token)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "ignore")).hexdigest()


def code_new(length: int = 10) -> str:
    """A short random code for share links (letters and digits, no look-alikes)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(length))
