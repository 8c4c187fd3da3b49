"""The rules that say whom a letter or call ask reaches.

Shared by letter and call asks: each keeps its own rule rows (a concrete subclass of
TargetRule) and resolves them with `beacon.campaigns.targeting.targets_resolve`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from beacon.officials.models import Committee, Official


class TargetRule(models.Model):
    """Whom an ask reaches. Constituent rules ("my senator", "my representative")
    only ever resolve to the supporter's own officials."""

    class Kind(models.TextChoices):
        MY_SENATOR = "my_senator", _("The supporter's state senator")
        MY_REPRESENTATIVE = "my_representative", _("The supporter's state representative")
        GOVERNOR = "governor", _("The Governor")
        OFFICIAL = "official", _("A named official")
        COMMITTEE = "committee", _("The members of a committee")

    kind = models.CharField(_("target"), max_length=24, choices=Kind.choices)
    official = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("official"),
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("committee"),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    CONSTITUENT_KINDS = (Kind.MY_SENATOR, Kind.MY_REPRESENTATIVE)

    def __str__(self) -> str:
        if self.kind == self.Kind.OFFICIAL and self.official_id:
            return str(self.official)
        if self.kind == self.Kind.COMMITTEE and self.committee_id:
            return str(self.committee)
        return str(self.get_kind_display())

    def clean(self) -> None:
        if self.kind == self.Kind.OFFICIAL and self.official_id is None:
            raise ValidationError({"official": _("Choose the official.")})
        if self.kind == self.Kind.COMMITTEE and self.committee_id is None:
            raise ValidationError({"committee": _("Choose the committee.")})

    @property
    def is_constituent(self) -> bool:
        return self.kind in self.CONSTITUENT_KINDS
