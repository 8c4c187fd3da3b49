"""The demo campaign carries a live call ask to the supporter's own legislators."""

import pytest

from beacon.campaigns.demo import demo_load
from beacon.campaigns.models import CallAsk, CallScript, CallTarget

pytestmark = pytest.mark.django_db


def test_the_demo_call_ask_calls_the_supporters_own_legislators(client):
    campaign = demo_load()
    demo_load()  # Idempotent.
    ask = CallAsk.objects.get(campaign=campaign)
    assert [t.kind for t in ask.targets.all()] == [
        CallTarget.Kind.MY_SENATOR,
        CallTarget.Kind.MY_REPRESENTATIVE,
    ]
    assert [b.number for b in ask.bills.all()] == ["H.2580"]
    scripts = {s.audience: s for s in ask.scripts.all()}
    assert set(scripts) == {CallScript.Audience.OTHERS, CallScript.Audience.COSPONSORS}
    for script in scripts.values():
        script.full_clean()
        assert script.voicemail_script and len(script.voicemail_script) < 400
    assert "11:59 p.m." in ask.deadline_text
    page = client.get(campaign.get_absolute_url())
    assert ask.get_absolute_url() in page.text
    call_page = client.get(ask.get_absolute_url())
    assert call_page.status_code == 200
    assert "Time left:" in call_page.text and ask.deadline_text in call_page.text
