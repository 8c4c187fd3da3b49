"""Who holds which seat, and the bills campaigns are about.

officials.py: jurisdictions, chambers, officials, roles, offices, contact channels and
committees, imported from Open States. legislation.py: bills, entered by organizers.
"""

from .legislation import Bill
from .officials import (
    Chamber,
    Committee,
    CommitteeMembership,
    ContactChannel,
    Jurisdiction,
    Office,
    Official,
    Role,
    StaffEditable,
    current_role_q,
)

__all__ = [
    "Bill",
    "Chamber",
    "Committee",
    "CommitteeMembership",
    "ContactChannel",
    "Jurisdiction",
    "Office",
    "Official",
    "Role",
    "StaffEditable",
    "current_role_q",
]
