"""A supporter's actions: signatures, letters (with one row per recipient) and calls.

What organizers set up for them to act on (petitions, letter and call asks) lives in
beacon.campaigns.models.
"""

from .calls import Call, PatchSession
from .letters import Letter, LetterRecipient
from .signatures import Signature
from .supporters import DataLink, NewsConsent

__all__ = [
    "Call",
    "DataLink",
    "Letter",
    "LetterRecipient",
    "NewsConsent",
    "PatchSession",
    "Signature",
]
