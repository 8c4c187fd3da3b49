"""Organizers' texts in every language: the fallback to the campaign's main language,
field by field; the report of missing translations; letter templates' own languages."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from beacon.campaigns.content import Text, text_for
from beacon.campaigns.models import CallAsk, CallScript, LetterAsk, LetterTemplate
from beacon.campaigns.selectors import campaign_translations_missing

from .factories import CampaignFactory, PetitionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    """Written in English; its title, not its body, translated into Spanish."""
    return CampaignFactory(
        title_en="Pass the Safe Communities Act",
        title_es="Aprueben la Ley de Comunidades Seguras",
        summary_en="Tell the Governor.",
        body_en="Why it matters.",
    )


def test_each_text_falls_back_to_the_main_language_on_its_own(campaign):
    assert text_for(campaign, "title", "es") == Text("Aprueben la Ley de Comunidades Seguras", "es")
    assert text_for(campaign, "body", "es") == Text("Why it matters.", "en")
    assert text_for(campaign, "title", "pt") == Text("Pass the Safe Communities Act", "en")
    # A text empty in every language is empty, in the main language.
    assert text_for(campaign, "victory_message", "es") == Text("", "en")


def test_the_fallback_is_the_campaigns_main_language_not_english():
    campaign = CampaignFactory(
        language="es", title_en="", title_es="Un título", title_vi="Tiêu đề", body_es="Texto."
    )
    assert text_for(campaign, "title", "pt") == Text("Un título", "es")
    assert text_for(campaign, "title", "vi") == Text("Tiêu đề", "vi")
    assert text_for(campaign, "title", "en") == Text("Un título", "es")


def test_a_text_is_marked_only_when_its_language_differs_from_the_page(campaign):
    with translation.override("pt"):
        title = text_for(campaign, "title")
        assert title.lang_attr == ' lang="en"'
        assert title.inline == '<span lang="en">Pass the Safe Communities Act</span>'
    with translation.override("es"):
        title = text_for(campaign, "title")
        assert title.lang_attr == "" and title.inline == "Aprueben la Ley de Comunidades Seguras"
    hostile = Text("<b>bold</b>", "en")
    with translation.override("es"):
        assert hostile.inline == '<span lang="en">&lt;b&gt;bold&lt;/b&gt;</span>'


def test_the_report_lists_what_each_language_still_needs(campaign):
    petition = PetitionFactory(
        campaign=campaign, addressed_to_en="Governor Healey", addressed_to_es="la gobernadora"
    )
    petition.ask_en, petition.ask_es = "Please act.", "Actúen, por favor."
    petition.save()
    ask = LetterAsk.objects.create(campaign=campaign, title_en="Write", title_es="Escriba")
    template = LetterTemplate.objects.create(
        ask=ask, language="es", subjects_es="Asunto", body_es="Texto"
    )

    missing = campaign_translations_missing(campaign=campaign)

    assert set(missing) == {"en", "es", "pt", "ht", "zh-hans", "vi"}
    spanish = {(type(m.obj).__name__, m.field) for m in missing["es"]}
    # The campaign's title, the petition and the letter ask's title are translated; a
    # Spanish template is written in Spanish first. The empty victory message is no gap.
    assert ("Campaign", "summary") in spanish and ("Campaign", "body") in spanish
    assert ("Campaign", "title") not in spanish and ("Campaign", "victory_message") not in spanish
    assert not {name for name, _ in spanish} & {"Petition", "LetterTemplate"}
    assert ("LetterAsk", "title") not in spanish
    # The Spanish template has no English version yet: English readers miss it.
    english = {(m.obj.pk, m.field) for m in missing["en"] if isinstance(m.obj, LetterTemplate)}
    assert english == {(template.pk, "subjects"), (template.pk, "body")}
    portuguese = {(type(m.obj).__name__, m.field) for m in missing["pt"]}
    assert ("Campaign", "title") in portuguese and ("LetterTemplate", "body") in portuguese
    with translation.override("es"):
        assert next(m for m in missing["es"] if m.field == "body").label == "texto"


def test_the_report_reads_each_kind_of_object_in_a_fixed_number_of_queries(
    campaign, django_assert_num_queries
):
    call = CallAsk.objects.create(campaign=campaign, title_en="Call")
    for audience in (CallScript.Audience.OTHERS, CallScript.Audience.COSPONSORS):
        CallScript.objects.create(ask=call, audience=audience, script_en="Hello.")
    campaign.updates.create(title_en="News", body_en="We testified.")
    with django_assert_num_queries(6):
        missing = campaign_translations_missing(campaign=campaign)
    assert {(type(m.obj).__name__, m.field) for m in missing["vi"]} >= {
        ("CallScript", "script"),
        ("CampaignUpdate", "title"),
        ("CallAsk", "title"),
    }


def test_a_translated_template_with_an_unknown_merge_field_is_refused(campaign):
    ask = LetterAsk.objects.create(campaign=campaign, title_en="Write")
    template = LetterTemplate(
        ask=ask,
        subjects_en="Please support {bill_number}",
        body_en="Dear {official_title},",
        subjects_es="Apoye {numero}",
        body_es="A la atención de {official_title}:",
    )
    with pytest.raises(ValidationError) as refused:
        template.full_clean()
    assert "{numero}" in str(refused.value.message_dict["subjects"])
    template.subjects_es = "Apoye {bill_number}"
    template.full_clean()
    # The main language (here the template's own) must have a subject line.
    template.language = "es"
    template.subjects_es = ""
    with pytest.raises(ValidationError):
        template.full_clean()


def test_a_won_campaigns_message_is_written_in_its_main_language():
    from beacon.campaigns.services import campaign_mark_won

    campaign = CampaignFactory(language="es", title_es="Título")
    with translation.override("en"):
        campaign_mark_won(campaign=campaign, message="¡Ganamos!")
    campaign.refresh_from_db()
    assert campaign.victory_message_es == "¡Ganamos!" and not campaign.victory_message_en


def test_operators_write_each_language_in_the_admin_and_the_main_one_is_required(client):
    from tests.signin import staff_create

    operator = staff_create("olga", superuser=True)
    client.force_login(operator)
    campaign = CampaignFactory(language="es", title_en="", title_es="Título")
    url = f"/admin/campaigns/campaign/{campaign.pk}/change/"
    page = client.get(url).content.decode()
    for field in ("title_en", "title_es", "title_zh_hans", "body_vi", "thanks_message_pt"):
        assert f'name="{field}"' in page
    assert 'name="title"' not in page
    data = {
        "organization": campaign.organization_id,
        "slug": campaign.slug,
        "language": "es",
        "status": campaign.status,
        "time_zone": campaign.time_zone,
        "goal": 100,
        "title_es": "Título nuevo",
        "summary_es": "Resumen.",
        "body_es": "",  # The main language's body is missing.
        "petition-TOTAL_FORMS": 0,
        "petition-INITIAL_FORMS": 0,
        "updates-TOTAL_FORMS": 0,
        "updates-INITIAL_FORMS": 0,
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Write this in the campaign" in refused.content.decode()
    assert client.post(url, {**data, "body_es": "Texto."}).status_code == 302
    campaign.refresh_from_db()
    assert (campaign.title_es, campaign.title_en or "", campaign.body_es) == (
        "Título nuevo",
        "",
        "Texto.",
    )


def test_translators_may_edit_their_languages_of_their_organization_only(campaign):
    from beacon.campaigns.access import (
        access_translation_fields,
        access_translation_languages_for_user,
    )
    from beacon.campaigns.models import Campaign, Membership, Translator
    from tests.signin import staff_create

    tomas, vera, edna = staff_create("tomas"), staff_create("vera"), staff_create("edna")
    Translator.objects.create(organization=campaign.organization, user=tomas, language="es")
    Translator.objects.create(organization=campaign.organization, user=tomas, language="pt")
    Membership.objects.create(organization=campaign.organization, user=vera, role="viewer")
    Membership.objects.create(organization=campaign.organization, user=edna, role="editor")
    elsewhere = CampaignFactory()

    assert access_translation_languages_for_user(tomas, campaign) == {"es", "pt"}
    assert access_translation_languages_for_user(tomas, elsewhere) == frozenset()
    assert access_translation_languages_for_user(vera, campaign) == frozenset()
    assert len(access_translation_languages_for_user(edna, campaign)) == 6
    assert access_translation_fields(Campaign, "zh-hans") == [
        "title_zh_hans",
        "summary_zh_hans",
        "body_zh_hans",
        "image_alt_zh_hans",
        "image_credit_zh_hans",
        "victory_message_zh_hans",
        "thanks_message_zh_hans",
    ]
