"""The organizer's side: organizations, campaigns and the asks a campaign makes.

A campaign holds a petition, letter asks (whom to write, what to say) and call asks (whom
to call, the script). What supporters do in answer lives in beacon.actions.models.
"""

from .calls import CallAsk, CallScript, CallTarget
from .campaigns import (
    Campaign,
    CampaignUpdate,
    LifecycleError,
    Membership,
    Organization,
    Petition,
)
from .events import EventCode
from .letters import LetterAsk, LetterTarget, LetterTemplate
from .offline import OfflineSignatures
from .targets import TargetRule
from .translators import Translator

__all__ = [
    "CallAsk",
    "CallScript",
    "CallTarget",
    "Campaign",
    "CampaignUpdate",
    "EventCode",
    "LetterAsk",
    "LetterTarget",
    "LetterTemplate",
    "LifecycleError",
    "Membership",
    "OfflineSignatures",
    "Organization",
    "Petition",
    "TargetRule",
    "Translator",
]
