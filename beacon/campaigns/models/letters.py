"""Letter asks as organizers set them up: whom to write, what to say, how to deliver.

A supporter's letter itself lives in beacon.actions.models.letters; this module holds only
the organizer's side (policy rows edited in the admin, never settings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from beacon.officials.models import Bill

from ..merge import merge_fields_check
from .campaigns import Campaign
from .targets import TargetRule

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# A letter longer than this is refused: offices read letters, not essays.
BODY_MAX_CHARS = 5000
PERSONAL_MAX_CHARS = 2000


class LetterAsk(models.Model):
    """A campaign's "write to your legislators" ask."""

    class Editing(models.TextChoices):
        LOCKED = "locked", _("Locked: supporters send the text as written")
        EDITABLE = "editable", _("Editable: supporters may change the whole letter")
        PERSONAL = "personal", _("Personal paragraph: supporters add their own story")

    class Delivery(models.TextChoices):
        INDIVIDUAL = "individual", _("One email per letter")
        DIGEST = "digest", _("A daily digest per office")
        AUTOMATIC = "automatic", _("Individual emails up to the hourly limit, then the digest")

    class Vacant(models.TextChoices):
        HOLD = "hold", _("Hold the letter and tell the supporter")
        OFFICE = "office", _("Send it to the vacant seat's office address below")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="letter_asks")
    slug = models.SlugField(_("slug"), max_length=60, default="write")
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    bills = models.ManyToManyField(
        Bill, blank=True, related_name="letter_asks", verbose_name=_("bills")
    )
    editing = models.CharField(
        _("editing policy"), max_length=10, choices=Editing.choices, default=Editing.PERSONAL
    )
    personal_prompt = models.CharField(
        _("personal paragraph prompt"),
        max_length=300,
        blank=True,
        default=_("Why does this matter to you? A few sentences in your own words."),
        help_text=_("The paragraph goes before the letter's last paragraph (the sign-off)."),
    )
    delivery = models.CharField(
        _("delivery policy"), max_length=10, choices=Delivery.choices, default=Delivery.AUTOMATIC
    )
    hourly_limit = models.PositiveSmallIntegerField(
        _("individual emails per office per hour"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("With automatic delivery, letters beyond this go into the daily digest."),
    )
    window_start = models.TimeField(
        _("send from"),
        null=True,
        blank=True,
        help_text=_("Office hours, in the office's time zone."),
    )
    window_end = models.TimeField(_("send until"), null=True, blank=True)
    window_weekdays_only = models.BooleanField(_("weekdays only"), default=True)
    vacant_policy = models.CharField(
        _("vacant seats"), max_length=10, choices=Vacant.choices, default=Vacant.HOLD
    )
    vacant_office_email = models.EmailField(
        _("office address for vacant seats"),
        blank=True,
        help_text=_("For example the House Clerk's office, which serves a vacant district."),
    )
    allows_mailto_fallback = models.BooleanField(
        _("offer “send it from my own email instead”"), default=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "slug"], name="letterask_unique_slug")
        ]
        verbose_name = _("letter ask")
        verbose_name_plural = _("letter asks")

    def __str__(self) -> str:
        return f"{self.campaign} · {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse(
            "actions:letter", kwargs={"slug": self.campaign.slug, "action_slug": self.slug}
        )

    def clean(self) -> None:
        if (self.window_start is None) != (self.window_end is None):
            raise ValidationError(_("Give both ends of the sending window, or neither."))
        if self.window_start and self.window_end and self.window_start >= self.window_end:
            raise ValidationError({"window_end": _("The window must end after it starts.")})
        if self.vacant_policy == self.Vacant.OFFICE and not self.vacant_office_email:
            raise ValidationError({"vacant_office_email": _("Give the office's address.")})

    @property
    def has_window(self) -> bool:
        return self.window_start is not None and self.window_end is not None


class LetterTarget(TargetRule):
    """One target rule of a letter ask ("my senator", the Governor, a committee)."""

    ask = models.ForeignKey(LetterAsk, on_delete=models.CASCADE, related_name="targets")

    class Meta(TargetRule.Meta):
        verbose_name = _("letter target")
        verbose_name_plural = _("letter targets")


class LetterTemplate(models.Model):
    """Subject lines and body for one audience: cosponsors get a thank-you, the rest an ask."""

    class Audience(models.TextChoices):
        ALL = "all", _("Everyone")
        COSPONSORS = "cosponsors", _("Cosponsors of the action's bills")
        OTHERS = "others", _("Everyone who is not a cosponsor")

    ask = models.ForeignKey(LetterAsk, on_delete=models.CASCADE, related_name="templates")
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.ALL
    )
    language = models.CharField(
        _("language of the letter"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "Offices receive the letter in this language; leave empty for the campaign's "
            "main language. Translations in other languages are shown to supporters beside "
            "the letter, and never sent."
        ),
    )
    subjects = models.TextField(
        _("subject lines"),
        help_text=_("One per line; letters rotate between them. Merge fields allowed."),
    )
    body = models.TextField(
        _("body"), help_text=_("Plain text with merge fields such as {official_title}.")
    )

    class Meta:
        ordering = ["ask", "audience"]
        constraints = [
            models.UniqueConstraint(fields=["ask", "audience"], name="lettertemplate_unique")
        ]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")

    def __str__(self) -> str:
        return f"{self.ask} · {self.get_audience_display()}"

    @property
    def subject_list(self) -> list[str]:
        return _lines(self.subjects or "")

    def subject_list_in(self, language: str) -> list[str]:
        """The subject lines as written in `language` (none where not translated)."""
        from ..content import text_in

        return _lines(text_in(self, "subjects", language))

    def clean(self) -> None:
        """Each language's text is checked like the main one: a translation with an
        unknown merge field would fail only for the supporters who read it."""
        from ..content import LANGUAGES, main_language, text_in

        errors: dict[str, StrOrPromise] = {}
        main = main_language(self) if self.ask_id else (self.language or "en")
        for language in LANGUAGES:
            subjects, body = text_in(self, "subjects", language), text_in(self, "body", language)
            if language != main and not (subjects or body):
                continue
            for name, value in (("subjects", subjects), ("body", body)):
                unknown = merge_fields_check(value)
                if unknown:
                    errors.setdefault(
                        name,
                        _("Unknown merge fields: %(fields)s")
                        % {"fields": ", ".join(f"{{{f}}}" for f in unknown)},
                    )
            lines = _lines(subjects)
            if not lines and language == main:
                errors.setdefault("subjects", _("Give at least one subject line."))
            if not body.strip() and language == main:
                errors.setdefault("body", _("Write the letter in its own language."))
            if any(len(s) > 200 for s in lines):
                errors.setdefault("subjects", _("Keep each subject line under 200 characters."))
            if len(body) > BODY_MAX_CHARS - PERSONAL_MAX_CHARS:
                errors.setdefault(
                    "body",
                    _("Keep the letter under %(n)s characters.")
                    % {"n": BODY_MAX_CHARS - PERSONAL_MAX_CHARS},
                )
        if errors:
            raise ValidationError(errors)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
