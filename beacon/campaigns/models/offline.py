"""Signatures gathered outside Beacon (paper petitions, an earlier online tool)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .campaigns import Petition


class OfflineSignatures(models.Model):
    """A counted number of signatures an organizer adds to a petition, with a note saying
    where they came from ("paper petitions, March 3"). Counted in the petition's total
    by the batched recount (beacon.actions.services.petition_counts_refresh); never
    names, so nothing personal is stored here."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="offline_signatures"
    )
    count = models.PositiveIntegerField(
        _("number of signatures"), validators=[MinValueValidator(1)]
    )
    note = models.CharField(_("note"), max_length=200)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(count__gte=1), name="offline_count_positive")
        ]
        verbose_name = _("offline signatures")
        verbose_name_plural = _("offline signatures")

    def __str__(self) -> str:
        return f"{self.count} · {self.note}"
