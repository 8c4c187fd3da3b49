"""Demo content for `make run`: a coalition of two organizations and a live petition.

Written for Beacon; the facts (the Safe Communities Act, the Governor's office) are public.
Loading is idempotent: existing rows are left as organizers may have edited them, except
that Spanish texts are added where a text has no Spanish yet. The campaign is written in
English first (its main language) and translated into Spanish; the other languages show
the English, marked as such, as a campaign with no translator would (ADR 0014).
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from beacon.officials.models import Bill

from .demo_es import SPANISH
from .models import (
    CallAsk,
    CallScript,
    CallTarget,
    Campaign,
    CampaignUpdate,
    LetterAsk,
    LetterTarget,
    LetterTemplate,
    Organization,
    Petition,
)

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
            "language": "en",
            "title_en": "Pass the Safe Communities Act",
            "summary_en": (
                "Tell Governor Healey and the Legislature: keep local police, courts and "
                "hospitals out of immigration enforcement."
            ),
            "body_en": SAFE_COMMUNITIES_BODY,
            "thanks_message_en": (
                "Thank you for standing with immigrant families. Now ask two friends to "
                "add their names: most people sign because someone they know asked."
            ),
            "status": Campaign.Status.LIVE,
            "published_at": timezone.now(),
            # 11:59 p.m. in Boston, 45 days from the first load.
            "deadline": (timezone.now().astimezone(BOSTON) + timedelta(days=45)).replace(
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
            addressed_to_en="Governor Maura Healey and the Massachusetts Legislature",
            ask_en=PETITION_ASK,
        )
        CampaignUpdate.objects.create(
            campaign=campaign,
            title_en="Testimony at the State House",
            body_en=(
                "Thirty members of our coalition gave testimony before the Joint Committee "
                "on the Judiciary. Thank you to everyone who came, and to everyone who "
                "signed from home."
            ),
        )
    demo_letter_ask_load(campaign)
    demo_call_ask_load(campaign)
    demo_spanish_add(campaign)
    return campaign


def demo_spanish_add(campaign: Campaign) -> None:
    """Write the demo's Spanish texts wherever a text has no Spanish yet: on a first
    load, and on a database loaded before the demo was translated."""
    testimony = campaign.updates.filter(title_en="Testimony at the State House")
    objects = [campaign, getattr(campaign, "petition", None), *testimony]
    for ask in campaign.letter_asks.filter(slug="write"):
        objects += [ask, *ask.templates.all()]
    for call in campaign.call_asks.filter(slug="call"):
        objects += [call, *call.scripts.all()]
    for obj in objects:
        if obj is None:
            continue
        texts = SPANISH.get(_demo_key(obj), {})
        if callable(texts):
            texts = texts(campaign)
        empty = [field for field in texts if not (getattr(obj, f"{field}_es", "") or "").strip()]
        for field in empty:
            setattr(obj, f"{field}_es", texts[field])
        if empty:
            obj.save(update_fields=[f"{field}_es" for field in empty])


def _demo_key(obj) -> str:
    """Which of SPANISH's entries an object of the demo takes."""
    name = type(obj).__name__
    audience = getattr(obj, "audience", "")
    return f"{name}:{audience}" if audience else name


def _unwrap(text: str) -> str:
    """Join the lines of each paragraph (letters and scripts are shown at the reader's line
    width), but keep a sign-off such as "Sincerely," on its own line."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = paragraph.split("\n")
        joined = lines[0]
        for previous, line in zip(lines, lines[1:], strict=False):
            joined += ("\n" if previous.endswith(",") and len(previous) < 20 else " ") + line
        paragraphs.append(joined)
    return "\n\n".join(paragraphs)


LETTER_ASK_SUBJECTS = "\n".join(
    [
        "Please pass the Safe Communities Act ({bill_number})",
        "A constituent in {town} asks you to support {bill_number}",
        "{bill_title}: please move it out of committee this session",
    ]
)
LETTER_ASK_BODY = """\
Dear {official_title} {official_last_name},

I live in {town}, and I am writing to ask you to support {bill_number}, the {bill_title}, and
to urge your colleagues to bring it to a vote this session.

Families in our district should be able to call the police, take a child to the hospital or
go to court without fearing that the visit ends in a deportation. The bill sets one clear
rule for the whole Commonwealth, so that trust in local police does not depend on the town
you live in.

Please let me know where you stand.

Sincerely,
{first_name} {last_name}"""
LETTER_THANKS_SUBJECTS = "Thank you for cosponsoring {bill_number}"
LETTER_THANKS_BODY = """\
Dear {official_title} {official_last_name},

I live in {town}, and I want to thank you for cosponsoring {bill_number}, the {bill_title}.
Your support matters to families across our district.

Please keep pressing for a vote this session, and let me know how constituents can help.

Sincerely,
{first_name} {last_name}"""


def demo_letter_ask_load(campaign: Campaign) -> LetterAsk:
    """The demo's live letter ask: the supporter's own senator and representative
    only, about the Safe Communities Act, with a thank-you for cosponsors. In `make run`
    all mail goes to the local SMTP server (var/mail/), never to a real office."""
    bill, _ = Bill.objects.get_or_create(
        session="194th (2025-2026)",
        number="H.2580",
        defaults={
            "title": "Safe Communities Act",
            "url": "https://malegislature.gov/Bills/194/H2580",
        },
    )
    ask, created = LetterAsk.objects.get_or_create(
        campaign=campaign,
        slug="write",
        defaults={
            "title_en": "Write to your state senator and representative",
            "intro_en": "It takes a minute. Your letter goes only to the legislators who "
            "represent you, from your own name.",
            "editing": LetterAsk.Editing.PERSONAL,
            "personal_prompt_en": "Why does this matter to you or your family? A few "
            "sentences in your own words make the strongest letters.",
            "delivery": LetterAsk.Delivery.AUTOMATIC,
        },
    )
    if created:
        ask.bills.add(bill)
        LetterTarget.objects.create(ask=ask, kind=LetterTarget.Kind.MY_SENATOR, position=0)
        LetterTarget.objects.create(ask=ask, kind=LetterTarget.Kind.MY_REPRESENTATIVE, position=1)
        LetterTemplate.objects.create(
            ask=ask,
            audience=LetterTemplate.Audience.OTHERS,
            language="en",
            subjects_en=LETTER_ASK_SUBJECTS,
            body_en=LETTER_ASK_BODY,
        )
        LetterTemplate.objects.create(
            ask=ask,
            audience=LetterTemplate.Audience.COSPONSORS,
            language="en",
            subjects_en=LETTER_THANKS_SUBJECTS,
            body_en=LETTER_THANKS_BODY,
        )
    return ask


CALL_ASK_SCRIPT = """\
Hello, my name is {first_name} and I am a constituent from {town}.

I am calling to ask {official_title} {official_last_name} to support {bill_number}, the
{bill_title}, and to press for a vote this session. Families in our district should be able
to call the police, go to court or take a child to the hospital without fearing that the
visit ends in a deportation.

Can you tell me where {official_title} {official_last_name} stands on the bill?

Thank you for your time."""
CALL_ASK_VOICEMAIL = """\
Hello, this is {first_name}, a constituent from {town}. Please ask {official_title}
{official_last_name} to support {bill_number}, the {bill_title}, and to push for a vote this
session. Thank you."""
CALL_THANKS_SCRIPT = """\
Hello, my name is {first_name} and I am a constituent from {town}.

I am calling to thank {official_title} {official_last_name} for cosponsoring {bill_number},
the {bill_title}. Please keep pressing leadership for a vote this session.

Thank you for your time."""
CALL_THANKS_VOICEMAIL = """\
Hello, this is {first_name} from {town}. Thank you for cosponsoring {bill_number}, the
{bill_title}. Please keep pushing for a vote this session."""


CALL_ASK_SCRIPT, CALL_ASK_VOICEMAIL, CALL_THANKS_SCRIPT, CALL_THANKS_VOICEMAIL = map(
    _unwrap, (CALL_ASK_SCRIPT, CALL_ASK_VOICEMAIL, CALL_THANKS_SCRIPT, CALL_THANKS_VOICEMAIL)
)
LETTER_ASK_BODY, LETTER_THANKS_BODY = map(_unwrap, (LETTER_ASK_BODY, LETTER_THANKS_BODY))


def demo_call_ask_load(campaign: Campaign) -> CallAsk:
    """The demo's live call ask: the supporter's own senator and representative, a
    script and a short voicemail script, thanked if they cosponsor the bill. Its deadline
    is the campaign's (shown with the time left). No telephony provider is configured in
    `make run`, so supporters dial themselves."""
    bill, _ = Bill.objects.get_or_create(
        session="194th (2025-2026)",
        number="H.2580",
        defaults={
            "title": "Safe Communities Act",
            "url": "https://malegislature.gov/Bills/194/H2580",
        },
    )
    closes = campaign.deadline.astimezone(BOSTON) if campaign.deadline else None
    deadline_text = (
        f"Calls count until {closes:%B} {closes.day} at 11:59 p.m., when this campaign "
        "closes. Offices keep a tally of every call: the more before then, the better."
        if closes
        else ""
    )
    ask, created = CallAsk.objects.get_or_create(
        campaign=campaign,
        slug="call",
        defaults={
            "title_en": "Call your state senator and representative",
            "intro_en": "Two short calls, a script in hand. Offices count calls from "
            "constituents, and a voicemail counts too.",
            "deadline_text_en": deadline_text,
        },
    )
    if created:
        ask.bills.add(bill)
        CallTarget.objects.create(ask=ask, kind=CallTarget.Kind.MY_SENATOR, position=0)
        CallTarget.objects.create(ask=ask, kind=CallTarget.Kind.MY_REPRESENTATIVE, position=1)
        CallScript.objects.create(
            ask=ask,
            audience=CallScript.Audience.OTHERS,
            script_en=CALL_ASK_SCRIPT,
            voicemail_script_en=CALL_ASK_VOICEMAIL,
        )
        CallScript.objects.create(
            ask=ask,
            audience=CallScript.Audience.COSPONSORS,
            script_en=CALL_THANKS_SCRIPT,
            voicemail_script_en=CALL_THANKS_VOICEMAIL,
        )
    return ask
