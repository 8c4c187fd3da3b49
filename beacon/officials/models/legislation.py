"""Legislation as organizers describe it: the bills a campaign is about.

Open States people data carries no bills, so organizers enter them; cosponsors are
officials, so that templates can thank cosponsors and ask everyone else.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .officials import Official


class Bill(models.Model):
    """A bill as organizers describe it: number, title, session, link and cosponsors.

    Entered by organizers (Open States people data carries no bills); cosponsors are
    officials so templates can thank cosponsors and ask everyone else."""

    number = models.CharField(_("number"), max_length=32, help_text=_("For example H.2580."))
    title = models.CharField(_("title"), max_length=300)
    session = models.CharField(
        _("session"), max_length=64, help_text=_("For example 194th (2025-2026).")
    )
    url = models.URLField(_("link"), blank=True)
    cosponsors = models.ManyToManyField(
        Official, blank=True, related_name="cosponsored_bills", verbose_name=_("cosponsors")
    )

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="bill_unique_number")
        ]
        verbose_name = _("bill")
        verbose_name_plural = _("bills")

    def __str__(self) -> str:
        return f"{self.number}: {self.title}"
