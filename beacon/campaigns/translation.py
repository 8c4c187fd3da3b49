"""Which organizer texts are written in every language (ADR 0014).

django-modeltranslation finds this module by its name and adds one column per language
to each field listed (`title_en`, `title_es`, ..., `title_zh_hans`). Public pages read
them through `beacon.campaigns.content`, which falls back to the campaign's own main
language; the list here is also what the missing-translations report checks.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    CallAsk,
    CallScript,
    Campaign,
    CampaignUpdate,
    LetterAsk,
    LetterTemplate,
    Petition,
)


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = (
        "title",
        "summary",
        "body",
        "image_alt",
        "image_credit",
        "victory_message",
        "thanks_message",
    )
    empty_values = ""


@register(CampaignUpdate)
class CampaignUpdateTranslation(TranslationOptions):
    fields = ("title", "body")
    empty_values = ""


@register(Petition)
class PetitionTranslation(TranslationOptions):
    fields = ("addressed_to", "ask")
    empty_values = ""


@register(LetterAsk)
class LetterAskTranslation(TranslationOptions):
    fields = ("title", "intro", "personal_prompt")
    empty_values = ""


@register(LetterTemplate)
class LetterTemplateTranslation(TranslationOptions):
    fields = ("subjects", "body")
    empty_values = ""


@register(CallAsk)
class CallAskTranslation(TranslationOptions):
    fields = ("title", "intro", "deadline_text")
    empty_values = ""


@register(CallScript)
class CallScriptTranslation(TranslationOptions):
    fields = ("script", "voicemail_script")
    empty_values = ""
