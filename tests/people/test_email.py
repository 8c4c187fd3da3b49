"""One canonical form per inbox, and the addresses public forms refuse."""

from __future__ import annotations

import pytest

from beacon.people.email import email_canonicalize, email_refusal
from beacon.people.forms import EmailAddressField


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("Rosa.Diaz+petition@GoogleMail.com", "rosadiaz@gmail.com"),
        ("  ANA@Example.ORG ", "ana@example.org"),
        ("ana+calls@example.org", "ana@example.org"),
        ("r.o.s.a@example.org", "r.o.s.a@example.org"),
        # An internationalised domain and its ASCII form are one domain.
        ("ana@EXÄMPLE.org", "ana@xn--exmple-cua.org"),
        ("ana@xn--exmple-cua.org", "ana@xn--exmple-cua.org"),
    ],
)
def test_one_inbox_has_one_canonical_form(typed, canonical):
    assert email_canonicalize(typed) == canonical


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ('"john doe"@example.org', "quoted"),
        ('"a@b"@example.org', "quoted"),
        ('"ana+x"@gmail.com', "quoted"),
        ("rosa@[127.0.0.1]", "literal"),
        ("rosa@[IPv6:::1]", "literal"),
        ("rosa@example.org", ""),
        ("o'brien@example.org", ""),
    ],
)
def test_what_public_forms_refuse(typed, reason):
    assert email_refusal(typed) == reason


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ('"john doe"@example.org', "without quotation marks"),
        ('"a@b"@example.org', "without quotation marks"),
        ("rosa@[127.0.0.1]", "with a domain name after the @"),
        ("rosa@example.org\nBcc: x@example.org", "Please check your email address."),
        ("not-an-email", "like name@example.com"),
        ("", "Please enter your email address."),
    ],
)
def test_the_field_says_why(typed, message):
    from django import forms

    with pytest.raises(forms.ValidationError) as error:
        EmailAddressField().clean(typed)
    assert message in " ".join(error.value.messages)


def test_the_field_keeps_a_plain_address_as_typed():
    assert EmailAddressField().clean("  Ana.Souza+calls@Example.org ") == (
        "Ana.Souza+calls@Example.org"
    )
