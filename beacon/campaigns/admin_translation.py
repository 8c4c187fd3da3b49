"""The admin's forms for translated texts: one field per language (django-modeltranslation's
admin classes), none of them required, since a campaign's main language is its own and
not always English (the model's clean() asks for the main language's texts)."""

from __future__ import annotations

from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from modeltranslation.fields import TranslationField


class _AnyLanguage:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, TranslationField):
            field.required = False
        return field


class TextsAdmin(_AnyLanguage, TranslationAdmin):
    """A model admin whose translated texts show one field per language."""


class TextsStackedInline(_AnyLanguage, TranslationStackedInline):
    """A stacked inline whose translated texts show one field per language."""
