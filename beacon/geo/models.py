"""Political divisions (keyed by Open Civic Data ids) and their versioned boundaries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
