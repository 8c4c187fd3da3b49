"""Constituents per legislative district and per legislator, for every kind of action:
one selector (`constituent_counts_for`) that the petition, letter and call results
pages all use.

Precision differs by kind, and the pages say so:
- letters and calls carry the districts found from the supporter's address (or map
  point) when they acted, so they are placed exactly;
- signatures carry only a ZIP code and a town. A signer is placed in a town (the town
  they typed, else the main town of their ZIP code) and in a district only when that
  town lies within one district of the kind (the town/district overlaps computed at
  import, slivers under the import threshold ignored). Signers of towns split between
  districts are counted by town only; signers whose ZIP is in another state, or whose
  town is not a city or town of the state (a village name, a typo), are not placed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beacon.actions.models import Call, Letter, Signature
from beacon.campaigns.models import CallAsk, LetterAsk, Petition
from beacon.geo.models import BoundarySet, Division, PlaceOverlap
from beacon.geo.naming import STATE_ABBR, place_ocd_id
from beacon.geo.zipcodes import zip_place
from beacon.officials.selectors import official_list_for_divisions

SEAT_KINDS = (Division.Kind.UPPER, Division.Kind.LOWER)


@dataclass(frozen=True)
class DistrictRow:
    """One legislative district: its name, kind, the legislator holding its seat today
    (empty when vacant or awaiting data) and how many constituents acted."""

    district: str
    kind: str
    legislator: str
    count: int

    @property
    def kind_label(self) -> str:
        return str(Division.Kind(self.kind).label)


@dataclass
class ConstituentCounts:
    """Districts (Senate first, then House; most constituents first), towns (signatures
    only), and how many acts could not be placed in a district, by reason."""

    precision: str  # "address" or "town"
    districts: list[DistrictRow] = field(default_factory=list)
    towns: list[tuple[str, int]] = field(default_factory=list)
    split_towns: dict[str, int] = field(default_factory=dict)  # kind -> signers
    unplaced: int = 0

    @property
    def note(self) -> str:
        """How precisely acts are placed, in words for the page."""
        return str(PRECISION_NOTES[self.precision])

    def for_kind(self, kind: str) -> list[DistrictRow]:
        return [row for row in self.districts if row.kind == kind]

    @property
    def senate(self) -> list[DistrictRow]:
        return self.for_kind(Division.Kind.UPPER)

    @property
    def house(self) -> list[DistrictRow]:
        return self.for_kind(Division.Kind.LOWER)


PRECISION_NOTES = {
    "address": _("Placed by the address or map point the supporter gave."),
    "town": _(
        "Signers give only a ZIP code and a town: each is placed in that town, and in a "
        "district only where the whole town lies in one district. Signers of towns split "
        "between districts are counted by town only."
    ),
}


def constituent_counts_for(*, action: Petition | LetterAsk | CallAsk) -> ConstituentCounts:
    """Constituents per district and legislator for one petition (confirmed signatures),
    letter ask (confirmed letters) or call ask (calls that reached an office). A fixed
    number of queries whatever the number of acts."""
    if isinstance(action, Petition):
        return _signatures(action)
    if isinstance(action, LetterAsk):
        confirmed = Letter.objects.filter(ask=action, status=Letter.Status.CONFIRMED)
        counts = dict(
            confirmed.filter(divisions__kind__in=SEAT_KINDS)
            .values("divisions")
            .annotate(n=Count("pk", distinct=True))
            .values_list("divisions", "n")
        )
        # Letters with no Senate or House district (fixed targets only, say).
        unplaced = confirmed.exclude(divisions__kind__in=SEAT_KINDS).count()
        return _with_legislators(ConstituentCounts("address", unplaced=unplaced), counts)
    calls = Call.objects.filter(ask=action, outcome__in=Call.COUNTED)
    in_seats = Q(division__kind__in=SEAT_KINDS)
    counts = dict(
        calls.filter(in_seats)
        .values("division_id")
        .annotate(n=Count("pk"))
        .values_list("division_id", "n")
    )
    unplaced = calls.exclude(in_seats).count()
    return _with_legislators(ConstituentCounts("address", unplaced=unplaced), counts)


def _with_legislators(result: ConstituentCounts, counts: dict[int, int]) -> ConstituentCounts:
    divisions = list(Division.objects.filter(pk__in=list(counts), kind__in=SEAT_KINDS))
    holder: dict[int, str] = {}
    for official in official_list_for_divisions(divisions):
        for role in official.current_roles:
            holder.setdefault(role.division_id, official.name)
    rows = [DistrictRow(d.name, d.kind, holder.get(d.pk, ""), counts[d.pk]) for d in divisions]
    order = {str(kind): i for i, kind in enumerate(SEAT_KINDS)}
    result.districts = sorted(rows, key=lambda r: (order[r.kind], -r.count, r.district))
    return result


def _signatures(petition: Petition) -> ConstituentCounts:
    rows = (
        Signature.objects.filter(petition=petition, status=Signature.Status.CONFIRMED)
        .values("town", "zip_code")
        .annotate(n=Count("pk"))
        .values_list("town", "zip_code", "n")
    )
    by_place: Counter[str] = Counter()
    unplaced = 0
    for town, zip_code, n in rows:
        found = zip_place(zip_code) if zip_code else None
        if found is not None and found[1].lower() != STATE_ABBR:
            unplaced += n  # A ZIP code of another state.
            continue
        ocd_id = place_ocd_id(town.strip() or (found[0] if found else ""))
        if ocd_id is None:
            unplaced += n
            continue
        by_place[ocd_id] += n
    places = {
        d.ocd_id: d
        for d in Division.objects.filter(ocd_id__in=list(by_place), kind=Division.Kind.PLACE)
    }
    unplaced += sum(n for ocd_id, n in by_place.items() if ocd_id not in places)
    result = ConstituentCounts("town", unplaced=unplaced)
    result.towns = sorted(
        ((d.name, by_place[ocd_id]) for ocd_id, d in places.items()), key=lambda t: (-t[1], t[0])
    )
    districts_of = _districts_of_places([d.pk for d in places.values()])
    counts: Counter[int] = Counter()
    split: Counter[str] = Counter()
    for ocd_id, place in places.items():
        for kind in SEAT_KINDS:
            districts = districts_of.get((place.pk, kind), [])
            if len(districts) == 1:
                counts[districts[0]] += by_place[ocd_id]
            else:
                split[kind] += by_place[ocd_id]
    result.split_towns = dict(split)
    return _with_legislators(result, dict(counts))


def _districts_of_places(place_ids: list[int]) -> dict[tuple[int, str], list[int]]:
    """(place id, district kind) -> the districts it overlaps, in the sets in force."""
    sets = BoundarySet.objects.in_force(timezone.localdate()).order_by(
        "kind", "-effective_from", "-id"
    )
    newest: dict[str, int] = {}
    for boundary_set in sets:
        newest.setdefault(boundary_set.kind, boundary_set.pk)
    result: dict[tuple[int, str], list[int]] = {}
    overlaps = PlaceOverlap.objects.filter(
        place_id__in=place_ids, boundary_set_id__in=list(newest.values())
    ).values_list("place_id", "district_id", "district__kind")
    for place_id, district_id, kind in overlaps:
        result.setdefault((place_id, kind), []).append(district_id)
    return result
