"""Parsing and normalising street lines: one case per address shape."""

from __future__ import annotations

import pytest

from beacon.geo.addressing import address_parse, street_key


@pytest.mark.parametrize(
    "line,number,number_text,street,unit",
    [
        ("12 Main St", 12, "12", "MAIN ST", ""),
        ("12 1/2 Main St", 12, "12 1/2", "MAIN ST", ""),
        ("12A Main St", 12, "12 A", "MAIN ST", ""),
        ("45-47 Main St", 45, "45", "MAIN ST", ""),
        ("12 Main St Apt 3", 12, "12", "MAIN ST", "APT 3"),
        ("12 Main St, Unit 3B", 12, "12", "MAIN ST", "UNIT 3B"),
        ("12 Main St #3", 12, "12", "MAIN ST", "#3"),
        ("12 Main St Apto 3", 12, "12", "MAIN ST", "APTO 3"),
        ("12 North Main Street", 12, "12", "N MAIN ST", ""),
        ("12 Main St W", 12, "12", "MAIN ST W", ""),
        ("12 North St", 12, "12", "NORTH ST", ""),
        ("12 Saint James Avenue", 12, "12", "ST JAMES AVE", ""),
        ("12 St. James Ave.", 12, "12", "ST JAMES AVE", ""),
        ("12 Mount Vernon St", 12, "12", "MT VERNON ST", ""),
        ("12 Fifth Street", 12, "12", "5TH ST", ""),
        ("12 5th St", 12, "12", "5TH ST", ""),
        ("12 Mass Ave", 12, "12", "MASSACHUSETTS AVE", ""),
        ("12 Calle Washington", 12, "12", "WASHINGTON ST", ""),
        ("Calle de la Paz 12", 12, "12", "PAZ ST", ""),
        ("Rua das Flores, 12", 12, "12", "FLORES ST", ""),
        ("12 Avenida Blue Hill", 12, "12", "BLUE HILL AVE", ""),
        ("12 Praça Central", 12, "12", "CENTRAL SQ", ""),
        # Fractions and dashes as phones and word processors type them.
        ("12½ Main St", 12, "12 1/2", "MAIN ST", ""),
        ("12 ½ Main St", 12, "12 1/2", "MAIN ST", ""),
        ("12-1/2 Main St", 12, "12 1/2", "MAIN ST", ""),
        ("45 - 47 Main St", 45, "45", "MAIN ST", ""),
        ("45\u201347 Main St", 45, "45", "MAIN ST", ""),
        ("45A-47A Main St", 45, "45 A", "MAIN ST", ""),
        # The unit typed first.
        ("Apt 3, 12 Main St", 12, "12", "MAIN ST", "APT 3"),
        ("#3, 12 Main St", 12, "12", "MAIN ST", "#3"),
        ("Unit 2, 45-47 Main Street", 45, "45", "MAIN ST", "UNIT 2"),
        ("12 Main St Ste 100", 12, "12", "MAIN ST", "STE 100"),
        # Numbered streets past twenty, and directionals after the type.
        ("12 Twenty-First Street", 12, "12", "21ST ST", ""),
        ("12 Twenty First St", 12, "12", "21ST ST", ""),
        ("12 Thirtieth St", 12, "12", "30TH ST", ""),
        ("12 W. 5th St.", 12, "12", "W 5TH ST", ""),
        ("12 Main Street North", 12, "12", "MAIN ST N", ""),
        ("12 Mt. Auburn St", 12, "12", "MT AUBURN ST", ""),
        ("12 Ft Hill Road", 12, "12", "FT HILL RD", ""),
        # Spanish words the tagger would take for a place name.
        ("12 Calle San Juan", 12, "12", "SAN JUAN ST", ""),
        ("Calle San Juan 12", 12, "12", "SAN JUAN ST", ""),
        ("12 Calle 5", 12, "12", "5TH ST", ""),
    ],
)
def test_street_lines(line, number, number_text, street, unit):
    parsed = address_parse(line)
    assert parsed.kind == "street"
    assert (parsed.number, parsed.number_text, parsed.street.full, parsed.unit) == (
        number,
        number_text,
        street,
        unit,
    )


@pytest.mark.parametrize(
    "line", ["PO Box 12", "P.O. Box 12", "Post Office Box 9", "Apartado 12", "Caixa Postal 4"]
)
def test_post_office_boxes(line):
    assert address_parse(line).kind == "po_box"


def test_a_street_called_box_is_a_street():
    assert address_parse("12 Box St").kind == "street"


@pytest.mark.parametrize("line", ["", "Main St", "   ", "!!!"])
def test_lines_without_a_number_are_invalid(line):
    assert address_parse(line).kind == "invalid"


def test_spanish_and_portuguese_words_mark_the_type_as_a_hint():
    assert street_key("Calle Washington").loose
    assert not street_key("Washington St").loose
    assert street_key("Saint James Avenue") == street_key("St James Ave")


def test_a_street_typed_without_parts_fits_the_full_name():
    full = street_key("N Elm St")
    assert street_key("North Elm").fits(full)
    assert street_key("Elm St").fits(full)
    assert street_key("Calle Elm").fits(full)
    assert not street_key("S Elm St").fits(full)
    assert not street_key("Elm Ave").fits(full)
    assert not street_key("Elm St S").fits(full)


def test_words_that_only_look_like_numbers_stay_words():
    assert street_key("Forty Acres Rd").full == "FORTY ACRES RD"
    assert street_key("Twenty Acres Rd").full == "TWENTY ACRES RD"
