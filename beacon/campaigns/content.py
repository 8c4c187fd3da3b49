"""Organizers' texts in the supporter's language (issue 14, ADR 0014).

Every translatable text (listed in `beacon.campaigns.translation`) has one column per
language. A page shows the text in the page's language where the organizer wrote it, and
in the campaign's main language otherwise, field by field: a campaign may have its title
in Spanish and its body only in English. `Text` carries the language a value is written
in, so templates mark a text whose language differs from the page's with `lang`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from beacon.core.text import render_markdown

LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class Text:
    """One organizer text as shown: its value and the language it is written in."""

    value: str
    language: str

    def __str__(self) -> str:
        return self.value

    def __bool__(self) -> bool:
        return bool(self.value)

    @property
    def is_foreign(self) -> bool:
        """Written in another language than the page being rendered."""
        return self.language != page_language()

    @property
    def lang_attr(self) -> SafeString:
        """` lang="xx"` for an element holding this text alone, or nothing when the
        text is in the page's language."""
        return format_html(' lang="{}"', self.language) if self.is_foreign else mark_safe("")

    @property
    def inline(self) -> SafeString:
        """The text escaped, in a `<span lang>` when its language is not the page's: for
        texts set inside a sentence of the interface ("Petition to …")."""
        if self.is_foreign:
            return format_html('<span lang="{}">{}</span>', self.language, self.value)
        return format_html("{}", self.value)

    @cached_property
    def html(self) -> SafeString:
        """The text as sanitised Markdown (bodies, asks, introductions, updates)."""
        return mark_safe(render_markdown(self.value))  # noqa: S308  # sanitised by nh3


def page_language() -> str:
    """The active language, as one of settings.LANGUAGES."""
    language = (get_language() or settings.LANGUAGE_CODE).lower()
    return language if language in LANGUAGES else settings.LANGUAGE_CODE


def main_language(obj: Any) -> str:
    """The language an object's texts are written in first: its campaign's main language,
    or for a letter template the language the organizer chose for the letter."""
    from .models import Campaign, LetterTemplate

    if isinstance(obj, LetterTemplate) and obj.language:
        return obj.language
    if isinstance(obj, Campaign):
        return obj.language
    campaign = getattr(obj, "campaign", None)
    if campaign is None:
        campaign = obj.ask.campaign
    return campaign.language


def text_in(obj: Any, field: str, language: str) -> str:
    """The text of `field` exactly as written in `language` ("" when not written)."""
    return getattr(obj, build_localized_fieldname(field, language), None) or ""


def text_for(obj: Any, field: str, language: str | None = None) -> Text:
    """`field` of `obj` in `language` (the page's by default) where written, else in the
    object's main language. Empty in both gives an empty text in the main language."""
    wanted = language or page_language()
    main = main_language(obj)
    for candidate in (wanted, main):
        value = text_in(obj, field, candidate)
        if value.strip():
            return Text(value, candidate)
    return Text("", main)


def translated_fields(model: type[Model]) -> tuple[str, ...]:
    """The names of the translatable fields of a model, in the model's order (empty for
    other models)."""
    if not _is_registered(model):
        return ()
    names = translator.get_options_for_model(model).all_fields
    return tuple(f.name for f in model._meta.fields if f.name in names)  # in model order


def _is_registered(model: type[Model]) -> bool:
    return model in translator.get_registered_models()
