"""Supporters on "Find your legislators": the split-town picker, "Did you mean", and the
messages for an address outside Massachusetts, a PO box and an unknown town."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import template

from beacon.geo.models import Division
from beacon.officials.lookup import district_sort_key

URL = "/legislators/"
TEMPLATES = Path(settings.BASE_DIR) / "templates" / "officials"


def _text(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_the_picker_lists_districts_in_order_with_member_photo_and_extent(client, cape):
    html = _text(client.post(URL, {"city": "Barnstable"}))

    first, second = (
        html.index("<strong>1st Barnstable</strong>"),
        html.index("<strong>2nd Barnstable</strong>"),
    )
    assert first < second
    assert "Ben Representative" in html and "Carla Outgoing" in html
    assert html.count('class="choice-option__photo"') == 2
    # Where each district reaches, and where in split Barnstable its piece lies.
    assert "part of Barnstable (west)</span>" in html
    assert "all of Yarmouth, part of Barnstable (east)</span>" in html
    # "Use my location" comes before the picker, in a form of its own.
    assert html.index("Use my location") < first


def test_district_names_sort_by_county_then_number():
    names = ["10th Suffolk", "2nd Suffolk", "1st Barnstable", "Cape and Islands", "1st Suffolk"]
    ordered = sorted((Division(name=n) for n in names), key=district_sort_key)
    assert [d.name for d in ordered] == [
        "1st Barnstable",
        "Cape and Islands",
        "1st Suffolk",
        "2nd Suffolk",
        "10th Suffolk",
    ]


@pytest.mark.django_db
def test_did_you_mean_is_offered_and_used_only_when_taken(client, cape_streets):
    offered = _text(client.post(URL, {"street": "150 Mian St", "city": "Barnstable"}))

    assert "We could not find your street, so this is based on your town only." in offered
    assert "Did you mean 150 Main St?" in offered
    assert 'name="street" value="150 Main St"' in offered

    taken = _text(client.post(URL, {"street": "150 Main St", "city": "Barnstable"}))
    assert "Based on your street address." in taken
    assert "Carla Outgoing" in taken and "Which State House district" not in taken


@pytest.mark.django_db
def test_each_side_of_a_boundary_street_gets_its_own_representative(client, cape_streets):
    west = _text(client.post(URL, {"street": "11 Boundary Rd", "city": "Barnstable"}))
    east = _text(client.post(URL, {"street": "12 Boundary Rd", "city": "Barnstable"}))
    assert "Ben Representative" in west and "Carla Outgoing" not in west
    assert "Carla Outgoing" in east and "Ben Representative" not in east


MESSAGES = {
    "outside": ({"zip_code": "10001"}, "That address is not in Massachusetts"),
    "po_box": (
        {"street": "PO Box 12", "zip_code": "02664"},
        "We need the address where you live, not a PO box",
    ),
    "po_box_town": (
        {"street": "PO Box 12", "city": "Yarmouth"},
        "A PO box does not tell us where you live, so this is based on your town only.",
    ),
    "unknown_town": ({"city": "Atlantis"}, "We do not know that city or town in Massachusetts"),
}


def _marked_msgids() -> set[str]:
    """Every msgid the officials templates mark for translation, as makemessages reads them."""
    found: set[str] = set()
    for path in TEMPLATES.glob("*.html"):
        code = template.templatize(path.read_text(), origin=str(path))
        found |= {
            m.replace("\\'", "'") for m in re.findall(r"gettext\(u?'((?:[^'\\]|\\.)*)'\)", code)
        }
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("case", sorted(MESSAGES))
def test_messages_in_every_language(client, cape, language, case):
    data, message = MESSAGES[case]
    client.cookies["django_language"] = language

    response = client.post(URL, data)

    html = _text(response)
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    # Marked for translation, and shown in the language's words once its catalogue has
    # them; until then (the new messages of issue 15) in English.
    assert message in _marked_msgids()
    with translation.override(language):
        expected = translation.gettext(message)
    assert expected in html or escape(expected) in html


# The Spanish pages of the browser journeys in tests/e2e/test_picker_journey.py, read over
# HTTP: the journeys run in English, and Spanish changes only the words, not what the
# browser does with the page.


def _es(message: str) -> str:
    """`message` as the Spanish page shows it (English until translated), as HTML."""
    with translation.override("es"):
        return escape(translation.gettext(message))


def _spanish_post(client, data) -> str:
    client.cookies["django_language"] = "es"
    response = client.post(URL, data)
    assert response.status_code == 200
    html = _text(response)
    assert '<html lang="es"' in html
    return html


@pytest.mark.django_db
def test_the_picker_in_spanish(client, cape):
    html = _spanish_post(client, {"city": "Barnstable"})

    legend = f"<legend>{_es('Which State House district do you live in?')}</legend>"
    assert html.count(legend) == 1
    house = html[html.index(legend) : html.index("</fieldset>", html.index(legend))]
    options = re.findall(r'<input type="radio" name="(\w+)"[^>]* value="([^"]+)"', house)
    assert len(options) == 2
    labels = re.findall(r"<label [^>]*>(.*?)</label>", house, re.S)
    assert "<strong>1st Barnstable</strong>" in labels[0] and "Ben Representative" in labels[0]
    assert "<strong>2nd Barnstable</strong>" in labels[1] and "Carla Outgoing" in labels[1]
    part = _es("part of %(town)s (%(area)s)")
    with translation.override("es"):
        west, east = (translation.pgettext("part of a town", a) for a in ("west", "east"))
    whole = _es("all of %(town)s") % {"town": "Yarmouth"}
    west_part = part % {"town": "Barnstable", "area": west}
    east_part = part % {"town": "Barnstable", "area": east}
    assert west_part == "parte de Barnstable (oeste)"
    assert f'<span class="choice-option__extent">{west_part}</span>' in house
    assert f'<span class="choice-option__extent">{whole}, {east_part}</span>' in house
    assert house.count("<img ") == 2
    # "Use my location" again, above the picker.
    assert html.index(_es("Use my location")) < html.index(legend)

    field, second = options[1]
    chosen = _spanish_post(
        client, {"street": "", "city": "Barnstable", "zip_code": "", field: second}
    )
    assert ">Carla Outgoing</a>" in chosen
    assert _es("Based on your town and the district you chose.") in chosen


@pytest.mark.django_db
def test_did_you_mean_in_spanish(client, cape_streets):
    offered = _spanish_post(client, {"street": "150 Mian St", "city": "Barnstable"})

    offer = _es("Did you mean %(suggestion)s?") % {"suggestion": "150 Main St"}
    assert f'<button type="submit">{offer}</button>' in offered
    # Nothing is decided for her: the page still asks, based on the town.
    assert _es("We could not find your street, so this is based on your town only.") in offered
    assert 'name="street" value="150 Main St"' in offered

    # The offer's form: the suggested street, the same town, no ZIP code.
    taken = _spanish_post(client, {"street": "150 Main St", "city": "Barnstable", "zip_code": ""})
    assert _es("Based on your street address.") in taken
    assert ">Carla Outgoing</a>" in taken and "Ben Representative" not in taken
