"""Translators: organizers who write one organization's texts in one language, and
nothing else (issue 14). Kept apart from Membership, whose one role per person and
organization a translator of two languages, or an editor who also translates, would not
fit; `beacon.campaigns.access` is the gate that reads both."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .campaigns import Organization


class Translator(models.Model):
    """May edit the `language` version of every translatable text of the organization's
    campaigns (the `<field>_<language>` columns of `beacon.campaigns.translation`), and
    nothing else: not the main language's text, not settings, not results."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="translators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translator_roles"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user", "language"], name="translator_unique"
            )
        ]
        verbose_name = _("translator")
        verbose_name_plural = _("translators")

    def __str__(self) -> str:
        return f"{self.user} · {self.organization} · {self.get_language_display()}"
