"""The demo campaign carries a live letter ask to the supporter's own legislators."""

import pytest

from beacon.campaigns.demo import demo_load
from beacon.campaigns.models import LetterAsk, LetterTarget, LetterTemplate

pytestmark = pytest.mark.django_db


def test_the_demo_letter_ask_targets_only_the_supporters_own_legislators():
    campaign = demo_load()
    demo_load()  # Idempotent.
    ask = LetterAsk.objects.get(campaign=campaign)
    assert campaign.is_open
    assert [t.kind for t in ask.targets.all()] == [
        LetterTarget.Kind.MY_SENATOR,
        LetterTarget.Kind.MY_REPRESENTATIVE,
    ]
    assert [b.title for b in ask.bills.all()] == ["Safe Communities Act"]
    audiences = {t.audience: t for t in ask.templates.all()}
    assert set(audiences) == {LetterTemplate.Audience.OTHERS, LetterTemplate.Audience.COSPONSORS}
    assert audiences["cosponsors"].subject_list == ["Thank you for cosponsoring {bill_number}"]
    assert len(audiences["others"].subject_list) == 3
    for template in audiences.values():
        template.full_clean()
    ask.full_clean()
