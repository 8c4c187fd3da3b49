"""Form fields shared by every public form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .text import clean_single_line, has_control_characters


class LineField(forms.CharField):
    """One line of text: trimmed, inner whitespace collapsed, control characters and line
    breaks refused with a clear message (they have no place in a name or an address, and
    line breaks in a name would be a mail header injection)."""

    def __init__(self, *args, autocomplete: str = "", **kwargs):
        kwargs.setdefault("strip", True)
        super().__init__(*args, **kwargs)
        if autocomplete:
            self.widget.attrs["autocomplete"] = autocomplete

    def clean(self, value):
        value = super().clean(value)
        if value and has_control_characters(value):
            raise forms.ValidationError(
                _("Please remove the unusual characters from this field."), code="control"
            )
        return clean_single_line(value) if value else value
