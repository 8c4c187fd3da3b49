"""Political divisions (keyed by Open Civic Data ids) and their versioned boundaries.

A `BoundarySet` is one published map of one kind of division ("2021 plan" of the House
districts). Redistricting adds a new set with its own effective dates; old sets stay so
that history is never rewritten. Geometry is stored as WKB in WGS84 (longitude, latitude)
in our own tables: no PostGIS or SpatiaLite is needed.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Division(models.Model):
    """A political geography: the state, a legislative district, a city or town.

    Keyed by its Open Civic Data division id, for example
    `ocd-division/country:us/state:ma/sldl:1st_barnstable`.
    """

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        UPPER = "sldu", _("State Senate district")
        LOWER = "sldl", _("State House district")
        PLACE = "place", _("City or town")
        CONGRESS = "cd", _("U.S. House district")
        COUNCIL = "govcouncil", _("Governor's Council district")

    ocd_id = models.CharField(max_length=255, unique=True)
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    state = models.CharField(max_length=2, default="ma")

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class BoundarySetQuerySet(models.QuerySet["BoundarySet"]):
    def in_force(self, on: datetime.date) -> BoundarySetQuerySet:
        """Sets whose effective period contains `on` (start inclusive, end exclusive)."""
        return self.filter(effective_from__lte=on).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gt=on)
        )


class BoundarySet(models.Model):
    """One published map of one kind of division, in force between two dates."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Division.Kind.choices)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Exclusive; empty while current.")
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    objects = BoundarySetQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="geo_boundaryset_kind_name"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    def is_in_force(self, on: datetime.date) -> bool:
        """Whether `on` falls inside this set's effective period."""
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


class Boundary(models.Model):
    """The shape of one division in one boundary set: WKB polygons in WGS84."""

    boundary_set = models.ForeignKey(
        BoundarySet, on_delete=models.CASCADE, related_name="boundaries"
    )
    division = models.ForeignKey(Division, on_delete=models.CASCADE, related_name="boundaries")
    geometry = models.BinaryField()
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["boundary_set", "division"], name="geo_boundary_set_division"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.division} ({self.boundary_set.name})"


class PlaceOverlap(models.Model):
    """How much of a city or town lies in one district of a district boundary set.

    Computed at import time; `share` is the fraction (0-1] of the town's area. Towns split
    between districts have several rows per set, which is how the lookup offers candidates.
    `area` says where in the town a smaller piece lies, for the picker's words ("part of
    Boston (north-east)"): the compass cell of the town's bounding box (a 3 x 3 grid)
    holding the piece's centroid, "n", "ne", ... or "c" for the middle; "" for a whole
    town, or a piece of half the town or more around its middle.
    """

    class Area(models.TextChoices):
        NORTH = "n", pgettext_lazy("part of a town", "north")
        NORTH_EAST = "ne", pgettext_lazy("part of a town", "north-east")
        EAST = "e", pgettext_lazy("part of a town", "east")
        SOUTH_EAST = "se", pgettext_lazy("part of a town", "south-east")
        SOUTH = "s", pgettext_lazy("part of a town", "south")
        SOUTH_WEST = "sw", pgettext_lazy("part of a town", "south-west")
        WEST = "w", pgettext_lazy("part of a town", "west")
        NORTH_WEST = "nw", pgettext_lazy("part of a town", "north-west")
        CENTRE = "c", pgettext_lazy("part of a town", "centre")

    place = models.ForeignKey(Division, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(Division, on_delete=models.CASCADE, related_name="+")
    boundary_set = models.ForeignKey(
        BoundarySet, on_delete=models.CASCADE, related_name="place_overlaps"
    )
    share = models.FloatField()
    area = models.CharField(max_length=2, choices=Area.choices, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["boundary_set", "place", "district"], name="geo_placeoverlap_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} in {self.district}: {self.share:.1%}"


class AddressSource(models.Model):
    """One imported vintage of public address data for the local geocoder.

    `kind` is "addrfeat" (TIGER/Line address ranges of street segments) or "points"
    (MassGIS Master Address Data). Re-importing a vintage replaces its rows; importing a
    new vintage of a kind replaces the older one, so exactly one source of each kind is
    matched against.
    """

    class Kind(models.TextChoices):
        RANGES = "addrfeat", _("TIGER/Line address ranges")
        POINTS = "points", _("MassGIS address points")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    source = models.CharField(_("source"), max_length=500, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="geo_addresssource_kind_name"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class StreetSegment(models.Model):
    """The centre line of one TIGER/Line edge (`tlid`), WKB in WGS84, from the "from" end."""

    source = models.ForeignKey(AddressSource, on_delete=models.CASCADE, related_name="+")
    tlid = models.BigIntegerField()
    geometry = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "tlid"], name="geo_streetsegment_tlid"),
        ]

    def __str__(self) -> str:
        return f"TLID {self.tlid}"


class AddressRange(models.Model):
    """The house numbers on one side of a street segment.

    `from_number` is at the segment's first vertex, `to_number` at its last; `parity` is
    "O" (odd), "E" (even) or "B" (both). `place` is the OCD slug of the town that side of
    the segment lies in (computed at import from the town boundaries; "" when none were
    loaded), `street` the normalised key and `street_name` the name without type.
    """

    source = models.ForeignKey(AddressSource, on_delete=models.CASCADE, related_name="+")
    tlid = models.BigIntegerField()
    side = models.CharField(max_length=1)  # "L" or "R", seen from the first vertex.
    street = models.CharField(max_length=100)
    street_name = models.CharField(max_length=100)
    place = models.CharField(max_length=64, blank=True)
    zip_code = models.CharField(max_length=5, blank=True)
    from_number = models.PositiveIntegerField()
    to_number = models.PositiveIntegerField()
    parity = models.CharField(max_length=1, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["street", "place"], name="geo_range_street_place"),
            models.Index(fields=["street", "zip_code"], name="geo_range_street_zip"),
            models.Index(fields=["street_name", "place"], name="geo_range_name_place"),
            models.Index(fields=["place", "street"], name="geo_range_place_street"),
        ]

    def __str__(self) -> str:
        return f"{self.from_number}-{self.to_number} {self.street} ({self.side})"


class AddressPoint(models.Model):
    """One surveyed address (MassGIS Master Address Data): an exact point in WGS84."""

    source = models.ForeignKey(AddressSource, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    number_suffix = models.CharField(max_length=12, blank=True)
    street = models.CharField(max_length=100)
    street_name = models.CharField(max_length=100)
    place = models.CharField(max_length=64, blank=True)
    zip_code = models.CharField(max_length=5, blank=True)
    lat = models.FloatField()
    lon = models.FloatField()

    class Meta:
        indexes = [
            models.Index(fields=["street", "number", "place"], name="geo_point_street_place"),
            models.Index(fields=["street", "number", "zip_code"], name="geo_point_street_zip"),
            models.Index(fields=["place", "street"], name="geo_point_place_street"),
        ]

    def __str__(self) -> str:
        return f"{self.number}{self.number_suffix} {self.street}"
