"""Event codes: a tablet at a rally signs many people from one network."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beacon.core.tokens import code_new

from .campaigns import Campaign


def _event_code() -> str:
    return code_new(12)


class EventCode(models.Model):
    """For one day, browsers that opened this code's link skip the per-client limits on
    the campaign's forms (the per-address limits still hold). Kiosk mode clears the form
    after each signer, for a device passed from hand to hand."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="event_codes")
    label = models.CharField(
        _("event"), max_length=100, help_text=_("e.g. Rally at the State House")
    )
    day = models.DateField(_("day"), help_text=_("The code works on this day only."))
    code = models.CharField(
        _("code"), max_length=20, unique=True, default=_event_code, editable=False
    )
    is_kiosk = models.BooleanField(
        _("kiosk mode"),
        default=False,
        help_text=_("Clear the form and forget the signer after each signature."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "label"]
        verbose_name = _("event code")
        verbose_name_plural = _("event codes")

    def __str__(self) -> str:
        return f"{self.label} ({self.day:%Y-%m-%d})"

    @property
    def is_today(self) -> bool:
        return self.day == timezone.localdate()
