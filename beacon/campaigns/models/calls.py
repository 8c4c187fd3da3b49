"""Call asks as organizers set them up: whom to call, what to say, and the limits.

A supporter's call itself lives in beacon.actions.models.calls; this module holds only
the organizer's side (rows edited in the admin, never settings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from beacon.officials.models import Bill

from ..merge import merge_fields_check
from .campaigns import Campaign
from .targets import TargetRule

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SCRIPT_MAX_CHARS = 3000
VOICEMAIL_MAX_CHARS = 800


class CallAsk(models.Model):
    """A campaign's "call your legislators" ask."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="call_asks")
    slug = models.SlugField(_("slug"), max_length=60, default="call")
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    bills = models.ManyToManyField(
        Bill, blank=True, related_name="call_asks", verbose_name=_("bills")
    )
    deadline_text = models.CharField(
        _("deadline in words"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown with the time left, e.g. “The formal session ends at midnight on "
            "July 31.” The time itself is the campaign's deadline."
        ),
    )
    allows_patch_through = models.BooleanField(
        _("offer “call me and connect me”"),
        default=False,
        help_text=_("Needs a telephony provider (BEACON_TELEPHONY_PROVIDER)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "slug"], name="callask_unique_slug")
        ]
        verbose_name = _("call ask")
        verbose_name_plural = _("call asks")

    def __str__(self) -> str:
        return f"{self.campaign} · {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse(
            "actions:call", kwargs={"slug": self.campaign.slug, "action_slug": self.slug}
        )


class CallTarget(TargetRule):
    """One target rule of a call ask ("my senator", the Governor, a committee)."""

    ask = models.ForeignKey(CallAsk, on_delete=models.CASCADE, related_name="targets")

    class Meta(TargetRule.Meta):
        verbose_name = _("call target")
        verbose_name_plural = _("call targets")


class CallScript(models.Model):
    """What to say to one audience: cosponsors are thanked, everyone else is asked.
    A script tied to one target rule (the Governor, say) wins over the ask's general
    scripts for the officials that rule reaches.

    Values of `Audience` match LetterTemplate's, so the same chooser picks either."""

    class Audience(models.TextChoices):
        ALL = "all", _("Everyone")
        COSPONSORS = "cosponsors", _("Cosponsors of the action's bills")
        OTHERS = "others", _("Everyone who is not a cosponsor")

    ask = models.ForeignKey(CallAsk, on_delete=models.CASCADE, related_name="scripts")
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.ALL
    )
    target = models.ForeignKey(
        CallTarget,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scripts",
        verbose_name=_("only for this target"),
        help_text=_("Leave empty for a script every target of the action uses."),
    )
    script = models.TextField(
        _("script"), help_text=_("What to say to staff. Merge fields such as {official_title}.")
    )
    voicemail_script = models.TextField(
        _("voicemail script"),
        blank=True,
        help_text=_("A short version for voicemail, under 30 seconds read aloud."),
    )

    class Meta:
        ordering = ["ask", "audience"]
        constraints = [
            models.UniqueConstraint(
                fields=["ask", "audience"], condition=Q(target=None), name="callscript_unique"
            ),
            models.UniqueConstraint(
                fields=["ask", "target", "audience"],
                condition=Q(target__isnull=False),
                name="callscript_unique_for_target",
            ),
        ]
        verbose_name = _("call script")
        verbose_name_plural = _("call scripts")

    def __str__(self) -> str:
        return f"{self.ask} · {self.get_audience_display()}"

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.target_id and self.ask_id:
            # A set target_id always loads a row (or raises), never None.
            target = self.target
            assert target is not None
            if target.ask_id != self.ask_id:
                errors["target"] = _("Choose a target of this action.")
        limits = {"script": SCRIPT_MAX_CHARS, "voicemail_script": VOICEMAIL_MAX_CHARS}
        for name, limit in limits.items():
            value = getattr(self, name) or ""
            unknown = merge_fields_check(value)
            if unknown:
                errors[name] = _("Unknown merge fields: %(fields)s") % {
                    "fields": ", ".join(f"{{{field}}}" for field in unknown)
                }
            elif len(value) > limit:
                errors[name] = _("Keep this under %(n)s characters.") % {"n": limit}
        if errors:
            raise ValidationError(errors)
