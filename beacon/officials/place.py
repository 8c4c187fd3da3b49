"""The address step every flow shares: resolve what the supporter typed (or their
location), keep the result as one typed `Place` in the session, settle split towns with
one picker, and say what went wrong from one table of messages.

Letters, calls and the "Find your legislators" page all go through `place_resolve`; the
letter and call flows keep a `Place` between their pages (never the address in a URL).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from django.utils.translation import gettext as _

from beacon.geo.models import Division
from beacon.geo.naming import display_name
from beacon.geo.ports import Geocoder
from beacon.geo.services import Resolution, address_resolve, location_resolve

from .forms import LookupForm

# Who an address outside the state cannot reach, in the flow's own words.
Purpose = Literal["letters", "calls"]


def place_resolve(form: LookupForm, *, geocoder: Geocoder | None = None) -> Resolution:
    """Resolve a valid LookupForm: a shared location, or a street, town and ZIP.
    `geocoder` is the one the page already chose (default: the configured one)."""
    data = form.cleaned_data
    if form.is_location:
        return location_resolve(lat=data["lat"], lon=data["lon"])
    return address_resolve(
        street=data["street"], city=data["city"], zip_code=data["zip_code"], geocoder=geocoder
    )


def resolution_error(resolution: Resolution, *, purpose: Purpose = "letters") -> str:
    """A sentence for an address we could not place, or "" when it is usable. Every
    flow's messages come from this one table; only the outside-the-state sentence names
    what the flow does."""
    outside = {
        "letters": _(
            "That address is outside Massachusetts. This letter goes to "
            "Massachusetts legislators, so only residents can send it."
        ),
        "calls": _(
            "That address is outside Massachusetts. These calls go to "
            "Massachusetts legislators, who take calls from their own "
            "constituents."
        ),
    }
    errors = {
        "invalid": _("Please check the address: we could not read it."),
        "not_found": _(
            "We could not find that address in Massachusetts. Please check the city or town."
        ),
        # The lookup page's own sentences (templates/officials/_lookup_error.html).
        "po_box": _(
            "A post office box does not tell us which district you live in. Enter your "
            "street address, or only your city or town."
        ),
        "unknown_town": " ".join(
            [
                _("We do not know that city or town in Massachusetts"),
                _(
                    "Check the spelling, and use the name of your city or town rather than "
                    "a village or neighborhood (for example Barnstable, not Hyannis). You "
                    "can also add your ZIP code."
                ),
            ]
        ),
        "outside_state": outside[purpose],
        "unavailable": _(
            "The address lookup is not available right now. Please try again "
            "in a few minutes, or enter your city or town."
        ),
    }
    if resolution.error == "not_found" and resolution.precision == "town":
        return errors["unknown_town"]
    if resolution.error:
        return errors.get(resolution.error, errors["not_found"])
    if resolution.precision == "zip":
        return _(
            "Please enter your city or town too: a ZIP code alone can cover more than one district."
        )
    return ""


@dataclass
class SettledPlace:
    """A Resolution rebuilt from a stored Place, with Division rows, for officials'
    `representation_for` (which reads only these attributes)."""

    divisions: list[Division]
    candidates: dict[str, list[Division]]
    error: None = None


@dataclass
class Place:
    """Where the supporter lives, as a flow keeps it between requests: OCD ids of the
    certain divisions, a split town's candidates per district kind, and the town's name
    for letters and scripts. `street_error` says why a typed street fell back to its town
    ("not_found", "po_box", "unavailable") and `suggestion` is a nearly matching street to
    offer ("Did you mean ...?"), both for the split-town picker. Stored as a plain dict in
    the server-side session."""

    divisions: list[str] = field(default_factory=list)
    candidates: dict[str, list[str]] = field(default_factory=dict)
    town: str = ""
    street_error: str = ""
    suggestion: str = ""

    @classmethod
    def from_resolution(cls, resolution: Resolution, *, city: str = "") -> Place:
        """The place a resolution found; `city` (as typed) names the town when the
        resolution has none."""
        town = display_name(resolution.place.name) if resolution.place else ""
        return cls(
            divisions=[d.ocd_id for d in resolution.divisions],
            candidates={k: [d.ocd_id for d in v] for k, v in resolution.candidates.items()},
            town=town or city,
            street_error=resolution.street_error or "",
            suggestion=resolution.suggestion or "",
        )

    @classmethod
    def from_session(cls, value: object) -> Place | None:
        """The place stored by `to_session`, or None when it is missing or malformed
        (sessions outlive deployments)."""
        if not isinstance(value, dict):
            return None
        divisions, candidates, town = (
            value.get("divisions"),
            value.get("candidates", {}),
            value.get("town", ""),
        )
        street_error, suggestion = value.get("street_error", ""), value.get("suggestion", "")
        if not (
            isinstance(divisions, list)
            and all(isinstance(i, str) for i in divisions)
            and isinstance(candidates, dict)
            and all(
                isinstance(k, str) and isinstance(v, list) and all(isinstance(i, str) for i in v)
                for k, v in candidates.items()
            )
            and isinstance(town, str)
            and isinstance(street_error, str)
            and isinstance(suggestion, str)
        ):
            return None
        return cls(
            divisions=list(divisions),
            candidates=dict(candidates),
            town=town,
            street_error=street_error,
            suggestion=suggestion,
        )

    def to_session(self) -> dict[str, object]:
        """A JSON-able dict for the session."""
        return {
            "divisions": self.divisions,
            "candidates": self.candidates,
            "town": self.town,
            "street_error": self.street_error,
            "suggestion": self.suggestion,
        }

    def settled(self) -> SettledPlace:
        """The divisions as rows, in one query; ids no longer known are left out."""
        ids = self.divisions + [i for ids in self.candidates.values() for i in ids]
        found = {d.ocd_id: d for d in Division.objects.filter(ocd_id__in=ids)}
        return SettledPlace(
            divisions=[found[i] for i in self.divisions if i in found],
            candidates={k: [found[i] for i in v if i in found] for k, v in self.candidates.items()},
        )

    def districts_pick(self, picked: dict[str, str]) -> None:
        """Settle split-town candidates: `picked` maps a kind to the chosen OCD id, which
        must be one of that kind's candidates (a tampered form picks nothing); the street
        suggestion is dropped."""
        for kind, ocd_id in picked.items():
            if ocd_id and ocd_id in self.candidates.get(kind, ()):
                self.divisions.append(ocd_id)
                del self.candidates[kind]
        # The street offered is needed only while the picker is shown: not kept past it.
        self.suggestion = ""
