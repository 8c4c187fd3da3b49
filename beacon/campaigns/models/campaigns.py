"""Organizations, their organizers, campaigns and the petition a campaign can hold."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from beacon.core.text import render_markdown

_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour such as #0b5394."))


def _validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone."))


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    logo_alt = models.CharField(_("logo description"), max_length=200, blank=True)
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#0b5394", validators=[_colour]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#b3261e", validators=[_colour]
    )
    website = models.URLField(_("website"), blank=True)
    privacy_contact = models.EmailField(
        _("privacy contact"), help_text=_("Where supporters can ask about their data.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """An organizer's role in one organization."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")
        VIEWER = "viewer", _("Viewer")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="membership_unique")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} · {self.organization} · {self.get_role_display()}"


class LifecycleError(Exception):
    """A campaign's status changed other than through its lifecycle services
    (beacon.campaigns.services: publish, close, declare victory), which set the status
    and its date together; or a change those services do not allow from the current
    status."""


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        LIVE = "live", _("Live")
        CLOSED = "closed", _("Closed")
        WON = "won", _("Won")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="campaigns"
    )
    partners = models.ManyToManyField(
        Organization, blank=True, related_name="partner_campaigns", verbose_name=_("partners")
    )
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("body"), help_text=_("Markdown."))
    image = models.ImageField(_("image"), upload_to="campaigns/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=300, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/New_York",
        validators=[_validate_time_zone],
    )
    goal = models.PositiveIntegerField(_("goal"), default=1000)
    starter_name = models.CharField(
        _("started by"),
        max_length=120,
        blank=True,
        help_text=_("Shown as “Started by …”."),
    )
    victory_message = models.TextField(_("victory message"), blank=True)
    thanks_message = models.TextField(
        _("thank-you message"),
        blank=True,
        help_text=_("Shown to supporters after they sign, write or call."),
    )
    language = models.CharField(
        _("main language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_(
            "The language the campaign is written in first. Supporters see it wherever "
            "their own language has no translation."
        ),
    )
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    won_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "deadline"])]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.title

    # The status a row had when read, so that `save` can refuse a status changed by hand:
    # only the lifecycle services change it, and they set its date in the same write.
    _loaded_status: str | None = None
    _lifecycle_change = False

    def save(self, *args, **kwargs):
        changed = self._loaded_status is not None and self.status != self._loaded_status
        if changed and not self._lifecycle_change:
            raise LifecycleError(
                "A campaign's status changes only through beacon.campaigns.services."
            )
        super().save(*args, **kwargs)
        self._loaded_status = self.status
        self._lifecycle_change = False

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("actions:campaign", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def clean(self) -> None:
        """The title, summary and body must be written in the main language at least:
        it is what every supporter without a translation reads."""
        from ..content import text_in

        missing = {
            name: _("Write this in the campaign's main language.")
            for name in ("title", "summary", "body")
            if not text_in(self, name, self.language).strip()
        }
        if missing:
            raise ValidationError(
                {f"{name}_{self.language.replace('-', '_')}": m for name, m in missing.items()}
            )

    @cached_property
    def body_html(self) -> str:
        return render_markdown(self.body)

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_past_deadline(self) -> bool:
        return self.deadline is not None and self.deadline <= timezone.now()

    @property
    def is_open(self) -> bool:
        """Live and not past its deadline: the only state in which actions count."""
        return self.status == self.Status.LIVE and not self.is_past_deadline

    @property
    def is_won(self) -> bool:
        return self.status == self.Status.WON


class CampaignUpdate(models.Model):
    """News the organizer posts on the campaign page ("We delivered the signatures")."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="updates")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), help_text=_("Markdown."))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("campaign update")
        verbose_name_plural = _("campaign updates")

    def __str__(self) -> str:
        return self.title

    @cached_property
    def body_html(self) -> str:
        return render_markdown(self.body)


class Petition(models.Model):
    """The petition ask of a campaign. Its count is refreshed in batches from the
    signature rows (never incremented per signature); see actions.services.counting."""

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="petition")
    addressed_to = models.CharField(
        _("addressed to"),
        max_length=300,
        help_text=_("Who the petition asks, e.g. “Governor Healey and the Legislature”."),
    )
    ask = models.TextField(_("what the petition asks"), help_text=_("Markdown."))
    signature_count = models.PositiveIntegerField(default=0, editable=False)
    count_refreshed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")

    def __str__(self) -> str:
        return f"{self.campaign} · {self.addressed_to}"

    @cached_property
    def ask_html(self) -> str:
        return render_markdown(self.ask)
