"""Public pages: "Find your legislators", an official's page, a district's page.

The address is posted, never put in a URL, and never logged; results are rendered in the
response to the POST and marked not cacheable.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from beacon.core.limits.gate import limited_response, request_gate
from beacon.geo.ports import Geocoder
from beacon.geo.providers import geocoder_get
from beacon.geo.services.resolve import Error
from beacon.officials.forms import LookupForm
from beacon.officials.lookup import representation_for
from beacon.officials.place import place_resolve
from beacon.officials.selectors import (
    SEAT_ROLE_BY_KIND,
    division_get_by_slug,
    official_get,
    official_list_for_divisions,
    official_role_history,
    seat_list_awaiting_for_official,
    seat_list_for_divisions,
)

# Outside the state and not found are answers, not errors of the request.
STATUS_BY_ERROR: dict[Error | None, int] = {"invalid": 422, "unavailable": 503}


def _lookup_context(
    form: LookupForm, geocoder: Geocoder | None = None, **extra: object
) -> dict[str, object]:
    sends_address_to = (geocoder or geocoder_get()).sends_address_to
    return {"form": form, "sends_address_to": sends_address_to, **extra}


@never_cache
@require_http_methods(["GET", "POST"])
def legislators(request: HttpRequest) -> HttpResponse:
    """The address form; on POST, the supporter's senator, representative and Governor."""
    if request.method == "GET":
        return render(request, "officials/legislators.html", _lookup_context(LookupForm()))
    form = LookupForm(request.POST)
    if not form.is_valid():
        return render(request, "officials/legislators.html", _lookup_context(form), status=422)
    over = request_gate(request, "lookup")
    if over:
        return limited_response(request, over)
    geocoder = geocoder_get()  # Chosen once: the page says who receives the address.
    resolution = place_resolve(form, geocoder=geocoder)
    chosen = [request.POST.get(f"choice_{kind}", "") for kind in SEAT_ROLE_BY_KIND]
    representation = representation_for(resolution, chosen=chosen)
    context = _lookup_context(form, geocoder, resolution=resolution, representation=representation)
    return render(
        request,
        "officials/legislators.html",
        context,
        status=STATUS_BY_ERROR.get(resolution.error, 200),
    )


def official_detail(request: HttpRequest, key: str) -> HttpResponse:
    """An official's page: photo, roles, every way to reach them, committees."""
    official = official_get(key=key)
    if official is None:
        raise Http404
    memberships = (
        official.memberships.select_related("committee")
        .filter(committee__is_active=True)
        .order_by("committee__name")
    )
    return render(
        request,
        "officials/official_detail.html",
        {
            "official": official,
            "history": official_role_history(official),
            "awaiting": seat_list_awaiting_for_official(official),
            "memberships": memberships,
        },
    )


def division_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A district's page: its map drawn as inline SVG and who holds its seat."""
    from beacon.geo.svg import division_svg

    division = division_get_by_slug(slug=slug)
    if division is None:
        raise Http404
    seats = seat_list_for_divisions([division]) if division.kind in SEAT_ROLE_BY_KIND else []
    officials = [] if seats else official_list_for_divisions([division])
    return render(
        request,
        "officials/division_detail.html",
        {
            "division": division,
            "seats": seats,
            "officials": officials,
            "svg": division_svg(division),
        },
    )
