"""The organizer's side: organizations, campaigns and the asks a campaign makes.

A campaign holds a petition, letter asks (whom to write, what to say) and call asks (whom
to call, the script). What supporters do in answer lives in beacon.actions.models.
"""

from .calls import CallAsk, CallRateLimit, CallScript, CallTarget
from .campaigns import Campaign, CampaignUpdate, Membership, Organization, Petition
from .letters import LetterAsk, LetterTarget, LetterTemplate
from .targets import TargetRule

__all__ = [
    "CallAsk",
    "CallRateLimit",
    "CallScript",
    "CallTarget",
    "Campaign",
    "CampaignUpdate",
    "LetterAsk",
    "LetterTarget",
    "LetterTemplate",
    "Membership",
    "Organization",
    "Petition",
    "TargetRule",
]
