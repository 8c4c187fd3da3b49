"""Who holds which seat: officials, their roles, offices, contact channels and committees.

Everything here is imported from Open States (see `beacon import_officials`) and may be
corrected by staff in the admin. Corrections are tracked per contact channel so that the
next import keeps them unless the source changed that very value (docs/officials.md).
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beacon.geo.models import Division


def current_role_q(prefix: str = "", on: datetime.date | None = None) -> Q:
    """A Q object selecting roles current on `on` (today by default).

    A role is current when it has started (or has no start date) and has not ended:
    its end date is empty or still in the future, and so is the end of its term. The end
    date is the first day the person no longer holds the seat (the successor's first
    day). The term end matters for roles the source lists without an end date: after it,
    the data cannot tell who holds the seat (see `Role.term_end_date`).
    """
    on = on or timezone.localdate()
    return (
        (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": on}))
        & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": on}))
        & (Q(**{f"{prefix}term_end_date__isnull": True}) | Q(**{f"{prefix}term_end_date__gt": on}))
    )


class Jurisdiction(models.Model):
    """A government whose seats we track, e.g. the Commonwealth of Massachusetts."""

    ocd_id = models.CharField(max_length=255, unique=True)
    name = models.CharField(max_length=255)
    legislature_name = models.CharField(max_length=255, blank=True)
    division = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="+")
    # The legislature's own switchboard: it outlives every member, so it stays usable
    # when a seat's term has ended and the data does not yet name the new holder.
    main_phone = models.CharField(max_length=32, blank=True)
    # How current the officials data is: the latest date the last import's source knew
    # about (its own "as of" date, or its most recent role change), and when it ran.
    data_as_of = models.DateField(null=True, blank=True)
    data_imported_at = models.DateTimeField(null=True, blank=True)
    data_source = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.name


class Chamber(models.Model):
    """One house of a legislature (Senate, House)."""

    class Kind(models.TextChoices):
        UPPER = "upper", _("Senate")
        LOWER = "lower", _("House")

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="chambers"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    name = models.CharField(max_length=64)
    member_title = models.CharField(max_length=64)
    ocd_organization_id = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "kind"], name="chamber_unique_kind"),
        ]

    def __str__(self) -> str:
        return self.name


class Official(models.Model):
    """A person who holds or held a public office, keyed by their Open Civic Data id."""

    ocd_person_id = models.CharField(max_length=64, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=255)
    given_name = models.CharField(max_length=128, blank=True)
    family_name = models.CharField(max_length=128, blank=True)
    party = models.CharField(max_length=64, blank=True)
    # Copied once into our own storage at import; pages never hot-link the source.
    photo = models.ImageField(upload_to="officials/photos/", blank=True)
    photo_source_url = models.URLField(max_length=500, blank=True)
    profile_url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def ocd_uuid(self) -> str:
        return self.ocd_person_id.removeprefix("ocd-person/")


class Role(models.Model):
    """A seat held by an official for a period, in a division (district, state or town)."""

    class Type(models.TextChoices):
        UPPER = "upper", _("State Senator")
        LOWER = "lower", _("State Representative")
        GOVERNOR = "governor", _("Governor")
        LT_GOVERNOR = "lt_governor", _("Lieutenant Governor")
        ATTORNEY_GENERAL = "attorney general", _("Attorney General")
        SECRETARY = "chief election officer", _("Secretary of the Commonwealth")
        TREASURER = "treasurer", _("Treasurer and Receiver-General")
        AUDITOR = "auditor", _("State Auditor")
        MAYOR = "mayor", _("Mayor")

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="roles")
    division = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="roles")
    chamber = models.ForeignKey(
        Chamber, on_delete=models.PROTECT, null=True, blank=True, related_name="roles"
    )
    type = models.CharField(max_length=32, choices=Type.choices)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=255, blank=True)
    # For a role the source lists without an end date (legislators), the day the term it
    # was current in ends (the next General Court's first day), computed at import from
    # the data's "as of" date. Past it, the role no longer counts as current: the data is
    # too old to say who holds the seat, and pages say "awaiting updated data".
    term_end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="role_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["official", "type", "division"],
                condition=Q(end_date__isnull=True),
                name="role_one_open_per_seat",
            ),
        ]
        indexes = [models.Index(fields=["division", "end_date"])]

    def __str__(self) -> str:
        return f"{self.get_type_display()}, {self.division.name}: {self.official.name}"

    @property
    def title(self) -> str:
        """The office title shown to supporters, e.g. "State Senator"."""
        return self.get_type_display()

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        started = self.start_date is None or self.start_date <= on
        ends_on = self.ends_on
        return started and (ends_on is None or ends_on > on)

    @property
    def ends_on(self) -> datetime.date | None:
        """The first day the role is no longer held: its end date, else its term's end."""
        if self.end_date and self.term_end_date:
            return min(self.end_date, self.term_end_date)
        return self.end_date or self.term_end_date


class StaffEditable(models.Model):
    """Fields marking a row as added or corrected by staff, so imports respect it."""

    is_staff_added = models.BooleanField(
        _("added or corrected by staff"),
        default=False,
        help_text=_("Imports keep this value unless the source itself changes it."),
    )
    staff_note = models.CharField(max_length=500, blank=True)
    staff_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Office(StaffEditable):
    """A place an official can be reached: the capitol office, a district office."""

    class Kind(models.TextChoices):
        CAPITOL = "capitol", _("Capitol office")
        DISTRICT = "district", _("District office")
        OTHER = "other", _("Office")

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="offices")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField(max_length=255, blank=True)
    # Opening hours for call campaigns, e.g. {"mon": [["09:00", "17:00"]], ...}.
    hours = models.JSONField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, default="America/New_York")
    # Identifies the source's office across imports ("capitol-0"); empty if staff-added.
    source_key = models.CharField(max_length=64, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "source_key"],
                condition=~Q(source_key=""),
                name="office_unique_source_key",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.get_kind_display()

    @property
    def display_name(self) -> str:
        return self.name or str(self.get_kind_display())

    @property
    def address(self) -> str:
        """The postal address of this office (an address channel), or "". Uses the
        channels the selectors prefetched (`channel_list`) when present."""
        channels = getattr(self, "channel_list", None)
        for channel in self.channels.all() if channels is None else channels:
            if channel.kind == ContactChannel.Kind.ADDRESS:
                return channel.value
        return ""


class ContactChannel(StaffEditable):
    """One way to reach an official: a phone number, an email address, a web form..."""

    class Kind(models.TextChoices):
        PHONE = "phone", _("Phone")
        TOLLFREE = "tollfree", _("Toll-free phone")
        TTY = "tty", _("TTY")
        FAX = "fax", _("Fax")
        EMAIL = "email", _("Email")
        WEBFORM = "webform", _("Web form")
        ADDRESS = "address", _("Postal address")

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="channels")
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, null=True, blank=True, related_name="channels"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    value = models.CharField(max_length=500)
    label = models.CharField(max_length=255, blank=True)
    # The value as last seen in the source; empty for channels staff added.
    source_value = models.CharField(max_length=500, blank=True)
    source_key = models.CharField(max_length=64, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "source_key"],
                condition=~Q(source_key=""),
                name="channel_unique_source_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    @property
    def is_corrected(self) -> bool:
        """True when staff changed a value that came from the source."""
        return bool(self.source_key) and self.value != self.source_value


class Committee(models.Model):
    """A legislative committee (joint, Senate or House)."""

    class Chamber(models.TextChoices):
        JOINT = "joint", _("Joint")
        UPPER = "upper", _("Senate")
        LOWER = "lower", _("House")

    ocd_organization_id = models.CharField(max_length=64, unique=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="committees"
    )
    name = models.CharField(max_length=255)
    chamber = models.CharField(max_length=8, choices=Chamber.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="subcommittees"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["chamber", "name"]

    def __str__(self) -> str:
        return self.name


class CommitteeMembership(models.Model):
    """A seat on a committee, with the member's role (chair, vice chair, member...)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice chair", _("Vice chair")
        ASSISTANT_VICE_CHAIR = "assistant vice chair", _("Assistant vice chair")
        RANKING_MEMBER = "ranking member", _("Ranking member")
        MEMBER = "member", _("Member")
        OTHER = "other", _("Other")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    # The member's name as the source gives it, kept when no person id links it.
    name = models.CharField(max_length=255)
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.MEMBER)
    role_label = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["committee", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "official", "role"],
                condition=Q(official__isnull=False),
                name="membership_unique_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()}), {self.committee.name}"
