"""Organizers' texts on the public pages, per language, over HTTP: the supporter's
language where written, the campaign's main language otherwise, marked with `lang`; the
page cache keeps languages apart; letters keep their template's language; call scripts
follow the supporter's language where written."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone, translation

from beacon.actions.calls.selectors import Caller, call_sheets_for
from beacon.actions.models import LetterRecipient
from beacon.campaigns.models import CallScript, LetterTemplate
from tests.actions.call_fixtures import *  # noqa: F403 - fixtures
from tests.actions.call_fixtures import YARMOUTH
from tests.actions.letter_fixtures import *  # noqa: F403 - fixtures
from tests.campaigns.factories import PetitionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]

TITLE_EN = "Pass the Safe Communities Act"
TITLE_ES = "Aprueben la Ley de Comunidades Seguras"


def visit(url: str, language: str) -> str:
    response = Client(headers={"accept-language": language}).get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def campaign():
    """English first; title, summary and petition in Spanish, the body not yet."""
    petition = PetitionFactory(
        campaign__title_en=TITLE_EN,
        campaign__title_es=TITLE_ES,
        campaign__summary_en="Keep police out of immigration enforcement.",
        campaign__summary_es="Que la policía no participe en la aplicación migratoria.",
        campaign__body_en="Families should **trust** the police.",
        addressed_to_en="Governor Healey",
        addressed_to_es="la gobernadora Healey",
        ask_en="Pass the bill.",
        ask_es="Aprueben el proyecto.",
    )
    return petition.campaign


def test_a_supporter_in_spanish_reads_what_is_written_in_spanish(campaign):
    page = visit(f"/c/{campaign.slug}/", "es")
    assert '<html lang="es"' in page
    # In the page's language: no mark of its own.
    assert f"<h1>{TITLE_ES}</h1>" in page
    assert '<p class="lead">Que la policía no participe en la aplicación migratoria.</p>' in page
    assert "Petición a la gobernadora Healey</h2>" in page
    assert '<div class="prose"><p>Aprueben el proyecto.</p>' in page
    # The body has no Spanish yet: the English one, marked as English.
    assert '<div class="prose" lang="en"><p>Families should <strong>trust</strong>' in page
    assert TITLE_EN not in page


def test_a_supporter_in_portuguese_reads_the_main_language_marked_as_english(campaign):
    page = visit(f"/c/{campaign.slug}/", "pt")
    assert '<html lang="pt"' in page
    assert f'<h1 lang="en">{TITLE_EN}</h1>' in page
    assert '<title lang="en">' not in page  # The <title> mixes both languages: unmarked.
    assert '<p class="lead" lang="en">Keep police out of immigration enforcement.</p>' in page
    assert 'Abaixo-assinado para <span lang="en">Governor Healey</span>' in page or (
        '<span lang="en">Governor Healey</span>' in page
    )
    assert TITLE_ES not in page


def test_english_readers_see_no_marks_on_english_texts(campaign):
    page = visit(f"/c/{campaign.slug}/", "en")
    assert f"<h1>{TITLE_EN}</h1>" in page and 'lang="en">' not in page.split("<body", 1)[1]


def test_the_home_page_lists_each_campaign_in_the_readers_language(campaign):
    assert f"{TITLE_ES}</a></h2>" in visit("/", "es")
    assert re.search(rf'<h2 lang="en"><a href="[^"]+">{TITLE_EN}</a></h2>', visit("/", "vi"))


def test_the_page_cache_never_serves_one_languages_texts_to_another(
    campaign, django_assert_num_queries
):
    url = f"/c/{campaign.slug}/"
    assert TITLE_ES in visit(url, "es")
    assert f'<h1 lang="en">{TITLE_EN}</h1>' in visit(url, "pt")
    with django_assert_num_queries(1):  # Spanish again: from the cache (the version query).
        assert TITLE_ES in visit(url, "es")
    assert f"<h1>{TITLE_EN}</h1>" in visit(url, "en")
    assert TITLE_ES not in visit(url, "zh-hans")
    # A translation saved shows at once: it changes the page's version.
    campaign.title_es = "Aprueben ya la Ley de Comunidades Seguras"
    campaign.save()
    assert "<h1>Aprueben ya la Ley de Comunidades Seguras</h1>" in visit(url, "es")
    assert f'<h1 lang="en">{TITLE_EN}</h1>' in visit(url, "pt")


def test_a_victory_message_and_an_update_fall_back_each_on_its_own(campaign):
    from beacon.campaigns.models import Campaign
    from beacon.campaigns.services import campaign_mark_won

    campaign_mark_won(campaign=campaign, message="We won!")  # in the main language
    campaign = Campaign.objects.get(pk=campaign.pk)
    campaign.victory_message_es = "¡Ganamos!"
    campaign.save()
    campaign.updates.create(title_en="Hearing", title_es="Audiencia", body_en="We testified.")
    page = visit(f"/c/{campaign.slug}/", "es")
    assert "<p>¡Ganamos!</p>" in page and "<h3>Audiencia</h3>" in page
    assert '<div class="prose" lang="en"><p>We testified.</p></div>' in page


# --- Letters: sent in the template's language, the reader's translation beside ---------

WRITE = "/c/safe-communities/write/write/"
ASK_BODY_ES = """A la atención de {official_title} {official_last_name}:

Vivo en {town} y le pido que apoye {bill_number}.

Atentamente,
{first_name} {last_name}"""


def reach_the_letter(client) -> str:
    client.post(WRITE, {"street": "12 Main St", "city": "Barnstable", "zip_code": "02630"})
    ocd_id = "ocd-division/country:us/state:ma/sldl:1st_barnstable"
    client.post(WRITE + "district/", {"choice_sldl": ocd_id})
    page = client.get(WRITE + "letter/")
    assert page.status_code == 200
    return page.content.decode()


def test_a_spanish_reader_sends_the_english_letter_and_reads_its_translation(letters):
    others = letters.ask.templates.get(audience=LetterTemplate.Audience.OTHERS)
    others.subjects_es = "Por favor, apruebe {bill_number}"
    others.body_es = ASK_BODY_ES
    others.save()
    client = Client(headers={"accept-language": "es"})

    page = reach_the_letter(client)

    # The letter to the representative is in English, marked so; its translation is
    # beside it. The senator's thank-you has no Spanish: no translation is offered.
    assert '<div class="letter__body" lang="en"><p>Dear Representative Representative,' in page
    assert "<summary>Lee esta carta en tu idioma</summary>" in page
    assert "A la atención de Representante Representative:" in page
    assert page.count('class="letter__translation"') == 1
    client.post(
        WRITE + "letter/",
        {"first_name": "Ana", "last_name": "Souza", "email": "ana@example.org"},
    )
    bodies = list(LetterRecipient.objects.values_list("subject", "body"))
    assert len(bodies) == 2
    assert all(body.startswith("Dear ") for _subject, body in bodies)
    assert not any("apruebe" in subject for subject, _body in bodies)


def test_a_template_written_in_spanish_sends_a_spanish_letter(letters):
    for template in letters.ask.templates.all():
        template.language = "es"
        template.subjects_es = "Por favor, apruebe {bill_number}"
        template.body_es = ASK_BODY_ES
        template.subjects_en = template.body_en = ""
        template.save()
    page = reach_the_letter(Client(headers={"accept-language": "en"}))
    # Titles come in the letter's language too.
    assert '<div class="letter__body" lang="es"><p>A la atención de Sen. Senator:' in page
    assert 'class="letter__translation"' not in page  # No English version written.


# --- Call scripts: the supporter's language where written ------------------------------


def test_call_scripts_follow_the_readers_language_where_written(calls):
    from beacon.geo.services import location_resolve

    others = calls.ask.scripts.get(audience=CallScript.Audience.OTHERS)
    others.script_es = "Hola, me llamo {first_name}. Llamo a {official_title} {official_last_name}."
    others.save()
    divisions = location_resolve(lat=YARMOUTH[0], lon=YARMOUTH[1]).divisions
    with translation.override("es"):
        senator, rep = call_sheets_for(
            calls.ask, divisions=divisions, caller=Caller("Ana", "Yarmouth"), at=timezone.now()
        )
    assert rep.script == "Hola, me llamo Ana. Llamo a Representante Outgoing."
    assert rep.script_language == "es"
    # The voicemail script and the senator's thank-you have no Spanish: English, marked.
    assert rep.voicemail_language == "en" and rep.voicemail.startswith("This is Ana")
    assert senator.script_language == "en" and "Please thank Senator Senator" in senator.script
    with translation.override("es"):
        assert rep.script_text.lang_attr == "" and senator.script_text.lang_attr == ' lang="en"'
