"""Letter templates: audiences, merge fields, rotating subjects, personal paragraphs,
and targeting through a letter ask."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from beacon.actions.letters.composing import Writer, drafts_for, paragraph_insert
from beacon.actions.models import LetterRecipient
from beacon.campaigns.models import LetterAsk, LetterTarget, LetterTemplate
from beacon.geo.models import Division
from beacon.officials.models import Committee
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures
from tests.actions.letter_fixtures import (
    REP_EMAIL,
    SENATOR_EMAIL,
    WEST_BARNSTABLE,
    YARMOUTH,
    divisions_at,
)

pytestmark = pytest.mark.django_db


def writer():
    return Writer(first_name="Ana", last_name="Souza", town="Barnstable")


def test_cosponsors_get_the_thank_you_and_everyone_else_the_ask(letters):
    drafts = drafts_for(letters.ask, divisions=divisions_at(WEST_BARNSTABLE), writer=writer())
    senator, rep = drafts
    assert senator.target.official == letters.senator and rep.target.official == letters.rep
    assert senator.subject == "Thank you for cosponsoring S.1681"
    assert senator.body.startswith("Dear Senator Senator,\n\nThank you for cosponsoring S.1681")
    assert "Your constituents in Barnstable notice." in senator.body
    assert rep.body.startswith("Dear Representative Representative,")
    assert "I live in Barnstable and I ask you to support S.1681, Safe Communities Act." in rep.body
    assert rep.body.endswith("Sincerely,\nAna Souza")
    assert (senator.to_email, rep.to_email) == (SENATOR_EMAIL, REP_EMAIL)
    assert senator.recipient_name == "Senator Rosa Senator"


def test_subject_lines_rotate_between_letters_but_one_letter_keeps_its_subject(letters):
    divisions = divisions_at(WEST_BARNSTABLE)
    subjects = {
        drafts_for(letters.ask, divisions=divisions, writer=writer(), seed=seed)[1].subject
        for seed in range(6)
    }
    assert subjects == {
        "Please pass S.1681",
        "Barnstable supports S.1681",
        "A constituent asks you to back Safe Communities Act",
    }
    again = [
        drafts_for(letters.ask, divisions=divisions, writer=writer(), seed=4)[1].subject
        for _ in range(3)
    ]
    assert len(set(again)) == 1


def test_preview_keeps_name_fields_for_the_supporter_to_fill():
    assert paragraph_insert("Dear X,\n\nAsk.\n\nSincerely,\nAna", "My story.") == (
        "Dear X,\n\nAsk.\n\nMy story.\n\nSincerely,\nAna"
    )
    assert paragraph_insert("One paragraph.", "  ") == "One paragraph."


def test_only_the_supporters_own_legislators_are_reached(letters):
    drafts = drafts_for(letters.ask, divisions=divisions_at(YARMOUTH), writer=writer())
    officials = [d.target.official for d in drafts]
    assert officials == [letters.senator, letters.carla]
    assert letters.rep not in officials
    # Carla Outgoing has no email address: held and said so, never guessed.
    assert drafts[1].held_reason == LetterRecipient.Held.NO_EMAIL


def test_fixed_and_committee_targets_through_the_action(letters):
    committee = Committee.objects.get(name__icontains="Agriculture")
    LetterTarget.objects.create(ask=letters.ask, kind=LetterTarget.Kind.GOVERNOR, position=2)
    LetterTarget.objects.create(
        ask=letters.ask, kind=LetterTarget.Kind.COMMITTEE, committee=committee, position=3
    )
    drafts = drafts_for(letters.ask, divisions=divisions_at(WEST_BARNSTABLE), writer=writer())
    names = [d.target.official.name for d in drafts]
    assert names[:3] == ["Rosa Senator", "Ben Representative", "Grace Governor"]
    members = {m.official.name for m in committee.memberships.all() if m.official}
    assert set(names[3:]) == members - set(names[:3])
    assert len(names) == len(set(names))


def test_a_vacant_seat_is_held_or_sent_to_the_chosen_office(letters):
    vacant = Division.objects.create(
        ocd_id="ocd-division/country:us/state:ma/sldl:vacant", name="Vacant District", kind="sldl"
    )
    divisions = [d for d in divisions_at(WEST_BARNSTABLE) if d.kind != "sldl"] + [vacant]
    held = drafts_for(letters.ask, divisions=divisions, writer=writer())[1]
    assert held.target.is_vacant and held.held_reason == LetterRecipient.Held.VACANT
    letters.ask.vacant_policy = LetterAsk.Vacant.OFFICE
    letters.ask.vacant_office_email = "clerk@mahouse.example"
    sent = drafts_for(letters.ask, divisions=divisions, writer=writer())[1]
    assert (sent.held_reason, sent.to_email) == ("", "clerk@mahouse.example")
    assert "Vacant District" in sent.recipient_name


def test_templates_refuse_unknown_merge_fields_and_need_a_subject(letters):
    template = LetterTemplate(
        ask=letters.ask,
        subjects="Hi {nickname}",
        body="Dear {official_title} {favourite_colour}",
    )
    with pytest.raises(ValidationError) as error:
        template.clean()
    assert "{nickname}" in str(error.value.message_dict["subjects"])
    assert "{favourite_colour}" in str(error.value.message_dict["body"])
    with pytest.raises(ValidationError):
        LetterTemplate(ask=letters.ask, subjects="  \n", body="Fine").clean()
