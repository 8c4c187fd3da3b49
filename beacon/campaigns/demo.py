"""Demo content for `make run`: a coalition of two organizations and a live petition.

Written for Beacon; the facts (the Safe Communities Act, the Governor's office) are public.
Loading is idempotent: existing rows are left as organizers may have edited them.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from beacon.core import clock

from .models import Campaign, CampaignUpdate, Organization, Petition

BOSTON = ZoneInfo("America/New_York")

COALITION = [
    {
        "slug": "mass-welcome-coalition",
        "name": "Massachusetts Welcome Coalition",
        "privacy_contact": "privacy@welcome-coalition.example",
        "website": "https://welcome-coalition.example",
        "primary_colour": "#0b5394",
    },
    {
        "slug": "north-shore-neighbors",
        "name": "North Shore Neighbors United",
        "privacy_contact": "data@northshoreneighbors.example",
        "website": "https://northshoreneighbors.example",
        "primary_colour": "#1e6b35",
    },
]

SAFE_COMMUNITIES_BODY = """\
Every family in Massachusetts should be able to call the police after a break-in, take a
child to the emergency room, or show up to court as a witness without wondering whether
that visit ends in a deportation.

Right now, that is not guaranteed. Whether local police and sheriffs hold people for
immigration agents, or ask about immigration status at a traffic stop, depends on the town
you live in. Fear travels fast: when one neighbor is picked up after a routine stop, whole
streets stop reporting crimes.

**The Safe Communities Act** would set one clear rule for the whole Commonwealth:

- state and local officers do not ask about immigration status during routine work;
- no one is held in a local jail on an immigration detainer without a judge's warrant;
- people in custody are told their rights before any interview with immigration agents;
- state resources are not used to run federal immigration enforcement.

The bill has been filed session after session and has wide support from police chiefs,
faith leaders, unions and health workers. What it lacks is a vote. Add your name and tell
Beacon Hill that waiting is a choice, and it is the wrong one.
"""

PETITION_ASK = """\
Pass the Safe Communities Act this session, and sign it into law, so that every family in
Massachusetts can trust local police, courts and hospitals again.
"""


@transaction.atomic
def demo_load() -> Campaign:
    """Create the demo coalition and its live petition if they do not exist yet."""
    orgs = []
    for data in COALITION:
        org, _ = Organization.objects.get_or_create(slug=data["slug"], defaults=data)
        orgs.append(org)
    campaign, created = Campaign.objects.get_or_create(
        slug="safe-communities",
        defaults={
            "organization": orgs[0],
            "title": "Pass the Safe Communities Act",
            "summary": (
                "Tell Governor Healey and the Legislature: keep local police, courts and "
                "hospitals out of immigration enforcement."
            ),
            "body": SAFE_COMMUNITIES_BODY,
            "status": Campaign.Status.LIVE,
            "published_at": clock.now(),
            # 11:59 p.m. in Boston, 45 days from the first load.
            "deadline": (clock.now().astimezone(BOSTON) + timedelta(days=45)).replace(
                hour=23, minute=59, second=0, microsecond=0
            ),
            "goal": 5000,
            "starter_name": "Ana Lucía Ramos, Chelsea",
        },
    )
    if created:
        campaign.partners.add(*orgs[1:])
        Petition.objects.create(
            campaign=campaign,
            addressed_to="Governor Maura Healey and the Massachusetts Legislature",
            ask=PETITION_ASK,
        )
        CampaignUpdate.objects.create(
            campaign=campaign,
            title="Testimony at the State House",
            body=(
                "Thirty members of our coalition gave testimony before the Joint Committee "
                "on the Judiciary. Thank you to everyone who came, and to everyone who "
                "signed from home."
            ),
        )
    return campaign
