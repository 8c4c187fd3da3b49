"""Issue 9 attacked as an attacker would: another visitor, another case or +tag of the
email, a second browser. Nothing stored about one supporter reaches another request; a
pending letter changes only through its own link; the letter form answers a known
address exactly as it answers a new one (ADR 0009)."""

from __future__ import annotations

import html
from urllib.parse import unquote_plus

import pytest
from django.test import Client

from beacon.actions.models import Letter, LetterRecipient
from beacon.campaigns.models import LetterAsk
from beacon.delivery.models import OutboundMessage
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures
from tests.actions.letter_fixtures import CONFIRM_TOKEN_RE, REP_EMAIL
from tests.inbox import emailed_match
from tests.same_response import assert_same_response

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]

BASE = "/c/safe-communities/write/write/"
OWNER_EMAIL = "maria@example.org"
OWNER = {
    "first_name": "Maria",
    "last_name": "Quintero",
    "email": OWNER_EMAIL,
    "personal_paragraph": "VICTIM STORY: my family came here in 2019.",
    "is_public": "on",
}
# What only Maria's letter holds: her name, street, ZIP, story, district and the
# representative only her address reaches.
OWNER_ONLY = ["Quintero", "12 Secret Ln", "02630", "VICTIM STORY", "1st Barnstable", REP_EMAIL]
STRANGER = {
    "first_name": "Eve",
    "last_name": "Intruder",
    "personal_paragraph": "STRANGER TEXT.",
}
# Maria's address as typed by someone else: the same, another case, a +tag.
VARIANTS = [OWNER_EMAIL, "MARIA@Example.ORG", "maria+beacon@example.org"]
EARLIER = ["pending", "confirmed", "self_reported"]


def _link_for(email: str, *, first: bool = False) -> str:
    return f"/letters/confirm/{emailed_match(email, CONFIRM_TOKEN_RE, first=first).group(1)}/"


def owner_writes(earlier: str) -> Client:
    """Maria, in her own browser, writes from Barnstable (1st Barnstable district) and
    leaves her letter pending, confirms it, or sends it from her own email."""
    client = Client()
    client.post(BASE, {"street": "12 Secret Ln", "city": "Barnstable", "zip_code": "02630"})
    client.post(
        BASE + "district/", {"choice_sldl": "ocd-division/country:us/state:ma/sldl:1st_barnstable"}
    )
    data = {**OWNER, "mailto": "1"} if earlier == "self_reported" else OWNER
    assert client.post(BASE + "letter/", data).status_code in (200, 302)
    if earlier == "confirmed":
        assert client.post(_link_for(OWNER_EMAIL))["Location"].startswith("/letters/status/")
    assert Letter.objects.get(email=OWNER_EMAIL).status == earlier
    return client


def stranger_posts(email: str, *, mailto: bool, extra=None, client=None):
    """Someone else, in another browser, writes from Yarmouth with `email`. The subject
    rotation is pinned so that two such posts can be compared."""
    client = client or Client()
    assert client.post(BASE, {"street": "", "city": "Yarmouth"}).status_code == 302
    session = client.session
    key = f"letter:{LetterAsk.objects.get().pk}"
    state = session[key]
    state["seed"] = 0
    session[key] = state
    session.save()
    data = {**STRANGER, "email": email, **(extra or {})}
    if mailto:
        data["mailto"] = "1"
    return client.post(BASE + "letter/", data)


def _visible(response) -> str:
    """The page as a person reads it, links decoded."""
    return unquote_plus(html.unescape(response.content.decode()))


@pytest.mark.parametrize("typed", VARIANTS)
@pytest.mark.parametrize("earlier", EARLIER)
def test_the_own_email_page_shows_only_what_this_request_submitted(
    letters, smtp_server, earlier, typed
):
    owner_writes(earlier)
    page = stranger_posts(typed, mailto=True)
    assert page.status_code == 200
    text = _visible(page)
    assert "STRANGER TEXT." in text and "Eve Intruder" in text
    assert [marker for marker in OWNER_ONLY if marker in text] == []


def _snapshot(email: str):
    letter = Letter.objects.get(email=email, first_name="Maria")
    recipients = list(LetterRecipient.objects.filter(letter=letter).values().order_by("pk"))
    return Letter.objects.values().get(pk=letter.pk), recipients


@pytest.mark.parametrize("mailto", [False, True], ids=["send", "own-email"])
@pytest.mark.parametrize("typed", VARIANTS)
def test_a_pending_letter_changes_only_through_its_own_link(letters, smtp_server, typed, mailto):
    owner = owner_writes("pending")
    before = _snapshot(OWNER_EMAIL)
    stranger_posts(typed, mailto=mailto)
    stranger_posts(typed, mailto=mailto, client=Client())  # And from a second browser.
    assert _snapshot(OWNER_EMAIL) == before
    # Maria's own link still sends Maria's letter, and only hers.
    assert owner.post(_link_for(OWNER_EMAIL, first=True)).status_code == 302
    sent = OutboundMessage.objects.filter(category="letter")
    assert sent.count() == 2
    assert all("VICTIM STORY" in m.body_text and "STRANGER" not in m.body_text for m in sent)
    if not mailto:  # The stranger's pending letters can no longer be sent.
        assert owner.post(_link_for(typed)).status_code == 410


@pytest.mark.parametrize("mailto", [False, True], ids=["send", "own-email"])
@pytest.mark.parametrize("typed", VARIANTS)
@pytest.mark.parametrize("earlier", EARLIER)
def test_the_letter_form_answers_a_known_address_as_a_new_one(
    letters, smtp_server, earlier, typed, mailto
):
    owner_writes(earlier)
    new = stranger_posts("nobody.new@example.org", mailto=mailto)
    known = stranger_posts(typed, mailto=mailto)
    assert_same_response(known, new, known_typed=[typed], new_typed=["nobody.new@example.org"])


@pytest.mark.parametrize("earlier", EARLIER)
def test_a_refused_letter_is_refused_alike_for_a_known_address(letters, smtp_server, earlier):
    owner_writes(earlier)
    letters.ask.editing = LetterAsk.Editing.EDITABLE
    letters.ask.save()
    # Under the form's limit as typed, over the offices' limit once {town} is filled in.
    too_long = {"body_0": "{town}" * 800, "body_1": "Please vote yes."}
    new = stranger_posts("nobody.new@example.org", mailto=False, extra=too_long)
    known = stranger_posts(OWNER_EMAIL, mailto=False, extra=too_long)
    assert new.status_code == 422 and "longer than offices accept" in new.text
    assert_same_response(
        known, new, known_typed=[OWNER_EMAIL], new_typed=["nobody.new@example.org"]
    )
