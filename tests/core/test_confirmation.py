"""The one module for emailed single-use links, apart from any kind of row."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from beacon.core.confirmation import (
    ConfirmError,
    ErrorText,
    confirmation_error_page,
    link_check,
    link_digest,
    link_new,
)


def test_a_new_link_stores_only_a_digest_and_expires_after_the_configured_age(settings):
    settings.BEACON_CONFIRM_MAX_AGE = 3600
    before = timezone.now()

    link = link_new()

    assert link.token not in link.digest and link.digest == link_digest(link.token)
    assert before + timedelta(hours=1) <= link.expires_at <= timezone.now() + timedelta(hours=1)
    assert link_digest("") == ""


@pytest.mark.parametrize(
    ("used", "expires_in", "is_open", "code"),
    [
        (True, -1, False, "used"),
        (False, -1, False, "expired"),
        (False, 60, False, "closed"),
    ],
)
def test_a_link_that_may_not_act_says_why_in_a_fixed_order(used, expires_in, is_open, code):
    expires_at = timezone.now() + timedelta(seconds=expires_in)
    with pytest.raises(ConfirmError) as error:
        link_check(is_used=used, expires_at=expires_at, is_open=is_open, subject="row")
    assert (error.value.code, error.value.subject) == (code, "row")


def test_a_link_in_time_for_an_open_thing_may_act():
    assert link_check(is_used=False, expires_at=timezone.now() + timedelta(1), is_open=True) is None
    with pytest.raises(ConfirmError):
        link_check(is_used=False, expires_at=None, is_open=True)


def test_the_error_page_answers_with_the_code_s_status():
    texts = {code: ErrorText(lambda: "Nope", lambda: "Try again.") for code in ("invalid", "used")}
    request = RequestFactory().get("/confirm/x/")

    assert confirmation_error_page(request, "invalid", texts).status_code == 404
    page = confirmation_error_page(request, "used", texts)
    assert page.status_code == 410 and b"Try again." in page.content
