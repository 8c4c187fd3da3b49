"""The "Find your legislators" page, an official's page and a district's page."""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.urls import reverse

from beacon.officials.models import ContactChannel
from beacon.officials.services import officials_demo_corrections_apply

from .conftest import OUTSIDE, WEST_BARNSTABLE

pytestmark = pytest.mark.django_db
URL = "/legislators/"


def _text(response) -> str:
    return response.content.decode()


def test_form_has_the_three_labelled_fields_and_no_disclosure_offline(client, cape):
    response = client.get(URL)

    html = _text(response)
    assert response.status_code == 200
    for label in ("Street address", "City or town", "ZIP code"):
        assert f">{label}</label>" in html
    assert 'method="post"' in html
    assert "Census" not in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_empty_form_is_refused_with_a_clear_message(client, cape):
    response = client.post(URL, {"street": "", "city": "", "zip_code": ""})

    assert response.status_code == 422
    assert "Enter your street address and city or town" in _text(response)


def test_bad_zip_and_street_without_town_are_field_errors(client, cape):
    response = client.post(URL, {"street": "12 Main St", "city": "", "zip_code": "12"})

    html = _text(response)
    assert response.status_code == 422
    assert "Enter a 5-digit ZIP code" in html
    assert "Enter your city or town too" in html


def test_town_wholly_in_one_district_shows_senator_representative_and_governor(client, cape):
    officials_demo_corrections_apply()

    response = client.post(URL, {"street": "", "city": "Yarmouth", "zip_code": ""})

    html = _text(response)
    assert response.status_code == 200
    assert "Based on your town only." in html
    assert "Your State Senator" in html and "Rosa Senator" in html
    assert "Your State Representative" in html and "Carla Outgoing" in html
    assert "Your Governor" in html and "Grace Governor" in html
    assert 'href="tel:+1-617-722-1485"' in html
    assert 'href="tel:+1-508-757-0323;ext=13"' in html
    assert 'href="mailto:rosa.senator@masenate.example"' in html
    assert 'href="https://rosa.example/contact"' in html
    assert "Fax: 617-722-1999" in html
    assert "TTY (for deaf and hard of hearing callers):" in html
    assert 'href="tel:+1-617-727-3666"' in html
    assert "436 Dwight Street, Suite 300<br>Springfield, MA 01103" in html
    assert "added by our staff" in html
    assert "/static/officials/placeholder.svg" in html


def test_split_town_offers_a_picker_then_shows_the_chosen_district(client, cape):
    response = client.post(URL, {"street": "", "city": "Barnstable", "zip_code": ""})

    html = _text(response)
    assert "Which State House district do you live in?" in html
    assert 'type="radio" name="choice_sldl"' in html
    assert "<strong>1st Barnstable</strong>:" in html and "Ben Representative" in html
    assert "Your State Representative" not in html
    assert "Rosa Senator" in html  # the Senate district is certain

    house = "ocd-division/country:us/state:ma/sldl:"
    chosen = client.post(URL, {"city": "Barnstable", "choice_sldl": f"{house}1st_barnstable"})
    assert "Your State Representative" in _text(chosen)
    assert "Based on your town and the district you chose." in _text(chosen)
    assert "Which State House district" not in _text(chosen)

    tampered = client.post(URL, {"city": "Barnstable", "choice_sldl": f"{house}3rd_suffolk"})
    assert "Which State House district do you live in?" in _text(tampered)


def test_location_outside_massachusetts_says_so(client, cape):
    response = client.post(URL, {"lat": str(OUTSIDE[0]), "lon": str(OUTSIDE[1])})

    assert response.status_code == 200
    assert "That address is not in Massachusetts" in _text(response)


def test_location_inside_uses_the_point(client, cape):
    response = client.post(URL, {"lat": str(WEST_BARNSTABLE[0]), "lon": str(WEST_BARNSTABLE[1])})

    html = _text(response)
    assert "Based on the location your browser shared." in html
    assert "Ben Representative" in html


def test_zip_outside_state_and_unknown_town(client, cape):
    outside = client.post(URL, {"zip_code": "10001"})
    unknown = client.post(URL, {"city": "Atlantis"})

    assert "That address is not in Massachusetts" in _text(outside)
    assert "We do not know that city or town in Massachusetts" in _text(unknown)


def test_zip_alone_asks_for_the_town(client, cape):
    response = client.post(URL, {"zip_code": "02601"})

    assert "A ZIP code alone cannot tell us your districts" in _text(response)
    assert "Grace Governor" in _text(response)


def test_vacant_seat_says_what_to_do(client, cape, openstates_tree, import_officials):
    next((openstates_tree / "legislature").glob("Carla-*.yml")).unlink()
    import_officials(openstates_tree)

    response = client.post(URL, {"city": "Yarmouth"})

    html = _text(response)
    assert "The seat for 2nd Barnstable is vacant right now." in html
    assert "special election" in html


def test_census_geocoder_is_disclosed_and_its_answer_used(
    client, cape, settings, file_server, caplog
):
    root, base_url = file_server
    (root / "geocoder.json").write_text(
        json.dumps(
            {
                "result": {
                    "input": {"address": {"street": "1 Test Rd"}},
                    "addressMatches": [
                        {
                            "matchedAddress": "1 TEST RD, BARNSTABLE, MA, 02601",
                            "coordinates": {"x": WEST_BARNSTABLE[1], "y": WEST_BARNSTABLE[0]},
                            "addressComponents": {"state": "MA", "zip": "02601"},
                        }
                    ],
                }
            }
        )
    )
    settings.BEACON_GEOCODER = "census"
    settings.BEACON_CENSUS_GEOCODER_URL = f"{base_url}/geocoder.json"

    assert "the U.S. Census Bureau" in _text(client.get(URL))
    with caplog.at_level(logging.DEBUG):
        response = client.post(URL, {"street": "1 Test Rd", "city": "Barnstable"})

    html = _text(response)
    assert "Based on your street address." in html
    assert "Ben Representative" in html and "Which State House district" not in html
    assert "Test Rd" not in caplog.text


def test_census_geocoder_down_falls_back_to_the_town(client, cape, settings):
    settings.BEACON_GEOCODER = "census"
    settings.BEACON_CENSUS_GEOCODER_URL = "http://127.0.0.1:9/geocoder"

    response = client.post(URL, {"street": "1 Test Rd", "city": "Yarmouth"})

    html = _text(response)
    assert response.status_code == 200
    assert "The street search did not answer, so this is based on your town only." in html
    assert "Carla Outgoing" in html


def test_spanish_page(client, cape):
    client.cookies["django_language"] = "es"

    response = client.get(URL)

    assert '<html lang="es"' in _text(response)


def test_official_page_by_slug_and_uuid(client, cape):
    by_slug = client.get(reverse("officials:official", args=["rosa-senator"]))
    by_uuid = client.get("/officials/11111111-1111-4111-8111-111111111111/")

    assert by_slug.status_code == by_uuid.status_code == 200
    html = _text(by_slug)
    assert "State Senator" in html and "Cape and Islands" in html
    assert "Agriculture and Fisheries (Chair)" in html
    assert client.get("/officials/nobody/").status_code == 404


def test_district_page_draws_the_district(client, cape):
    response = client.get("/districts/sldl-1st_barnstable/")

    html = _text(response)
    assert response.status_code == 200
    assert "<svg" in html and "Map of 1st Barnstable" in html
    assert "Ben Representative" in html
    assert client.get("/districts/sldl-nowhere/").status_code == 404
    assert client.get("/districts/garbage/").status_code == 404


def test_staff_marked_channels_show_their_date(client, cape):
    officials_demo_corrections_apply()
    channel = ContactChannel.objects.get(kind="tollfree")

    html = _text(client.get("/officials/grace-governor/"))

    assert channel.is_staff_added and "888-870-7770" in html
    assert "Toll-free phone:" in html


def test_results_page_runs_a_fixed_number_of_queries(
    client, cape, django_assert_max_num_queries, settings
):
    officials_demo_corrections_apply()
    settings.BEACON_LIMITS_CACHE_SECONDS = 60  # as in production: the limits read once
    client.post(URL, {"city": "Yarmouth"})  # warm the geo index and the limits

    # Four for geo's town resolution, five for the officials and their contacts, one for
    # the Governor's seat, one for "Officials data as of" and the limiter's one upsert.
    with django_assert_max_num_queries(12):
        response = client.post(URL, {"city": "Yarmouth"})

    assert "Grace Governor" in _text(response)


def test_cached_cards_render_the_same_page(client, cape, settings):
    from beacon.officials.lookup import officials_cache_clear

    uncached = _text(client.post(URL, {"city": "Yarmouth"}))
    settings.BEACON_OFFICIALS_CACHE_SECONDS = 30
    officials_cache_clear()
    first = _text(client.post(URL, {"city": "Yarmouth"}))
    again = _text(client.post(URL, {"city": "Yarmouth"}))

    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(first) == strip(uncached) == strip(again)
    assert "Carla Outgoing" in again and "Grace Governor" in again
