"""Constituents per legislative district and per legislator, for every kind of action:
one selector (`constituent_counts_for`) that the petition, letter and call results
pages all use.

Precision differs by kind, and the pages say so:
- letters and calls carry the districts found from the supporter's address (or map
  point) when they acted, so they are placed exactly;
- signatures carry only a ZIP code and a town. A signer is placed in a town (the first
  that is a city or town of the state among: the town they typed, the ZIP code's accepted
  names, the town holding the ZIP code's centre) and in a district only when that town
  lies within one district of the kind (the town/district overlaps computed at import,
  slivers under the import threshold ignored). Signers of towns split between districts
  are counted by town only; signers whose ZIP code is in another state, or who cannot be
  placed in any town, are counted as not placed. docs/results.md gives the figures.
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
from beacon.geo.selectors import division_list_for_points
from beacon.geo.zipcodes import zip_area
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
    by_place, unplaced = _signers_by_place(list(rows))
    result = ConstituentCounts("town", unplaced=unplaced)
    result.towns = sorted(
        ((place.name, n) for place, n in by_place.values()), key=lambda t: (-t[1], t[0])
    )
    districts_of = _districts_of_places(list(by_place))
    counts: Counter[int] = Counter()
    split: Counter[str] = Counter()
    for place_id, (_place, n) in by_place.items():
        for kind in SEAT_KINDS:
            districts = districts_of.get((place_id, kind), [])
            if len(districts) == 1:
                counts[districts[0]] += n
            else:
                split[str(kind)] += n
    result.split_towns = dict(split)
    return _with_legislators(result, dict(counts))


def _signers_by_place(
    rows: list[tuple[str, str, int]],
) -> tuple[dict[int, tuple[Division, int]], int]:
    """Signers per town ({place id: (town, signers)}) and how many could not be placed.
    A signer's town is the first of these that is a city or town of the state: the
    town they typed, the ZIP code's names (main, then other accepted ones), the town
    holding the ZIP code's centre point. ZIP codes of another state are not placed."""
    wanted: list[tuple[list[str], tuple[float, float] | None, int]] = []
    unplaced = 0
    for town, zip_code, n in rows:
        area = zip_area(zip_code) if zip_code else None
        if area is not None and area.state.lower() != STATE_ABBR:
            unplaced += n
            continue
        names = [town, *(area.names if area else ())]
        ids = [ocd_id for ocd_id in map(place_ocd_id, names) if ocd_id]
        wanted.append((ids, area.point if area else None, n))
    all_ids = {ocd_id for ids, _point, _n in wanted for ocd_id in ids}
    places = {
        d.ocd_id: d for d in Division.objects.filter(ocd_id__in=all_ids, kind=Division.Kind.PLACE)
    }
    found: dict[int, tuple[Division, int]] = {}

    def add(place: Division, n: int) -> None:
        found[place.pk] = (place, found.get(place.pk, (place, 0))[1] + n)

    by_point: list[tuple[tuple[float, float], int]] = []
    for ids, point, n in wanted:
        place = next((places[i] for i in ids if i in places), None)
        if place is not None:
            add(place, n)
        elif point is not None:
            by_point.append((point, n))
        else:
            unplaced += n
    points = [point for point, _n in by_point]
    lookups = division_list_for_points(points=points) if points else []
    for (_point, n), divisions in zip(by_point, lookups, strict=True):
        place = next((d for d in divisions if d.kind == Division.Kind.PLACE), None)
        if place is not None:
            add(place, n)
        else:
            unplaced += n
    return found, unplaced


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
