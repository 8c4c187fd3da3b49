"""Staff sign-in under attack: failed passwords per client and per account, password
reset requests per client and per address, and MFA codes per account, all counted by
Beacon's limiter. Past a limit even the right password (or code) is refused until the
window ends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.test import Client

from beacon.core.limits import limit_peek
from beacon.core.limits.rules import DEFAULT_LIMITS
from beacon.core.models import RateLimit
from tests.signin import (
    LOGIN,
    MFA,
    PASSWORD,
    sign_in,
    staff_create,
    totp_code,
    totp_give,
    totp_wrong,
)

pytestmark = pytest.mark.django_db

# The start of an hour: every limit here has a window of an hour or a day.
HOUR_START = datetime(2026, 12, 3, 15, 0, 5, tzinfo=UTC)
PAUSED = "Too many failed attempts. For your security, sign-in is paused"


@pytest.fixture
def clock():
    with time_machine.travel(HOUR_START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def maria(db):
    user = staff_create("maria")
    return user, totp_give(user)


def _signed_in(client) -> bool:
    return SESSION_KEY in client.session


def test_fifty_wrong_passwords_then_the_right_one_is_refused_at_once(client, clock, maria):
    user, secret = maria
    answers = [sign_in(client, "maria", f"guess-{n}") for n in range(50)]
    assert {a.status_code for a in answers} == {200}
    assert "password you specified are not correct" in answers[0].text
    assert PAUSED in answers[-1].text

    right = sign_in(client, "maria", PASSWORD, code=totp_code(secret))
    assert right.status_code == 200 and PAUSED in right.text
    assert "try again in 60 minutes" in right.text
    # By address, or in other letters, it is the same account and the same refusal.
    for login in ("maria@example.org", "MARIA"):
        assert PAUSED in sign_in(Client(), login, PASSWORD).text
    assert not _signed_in(client)

    clock.move_to(HOUR_START + timedelta(hours=1))
    assert sign_in(client, "maria", PASSWORD, code=totp_code(secret)).status_code == 302
    assert _signed_in(client)


def test_successes_do_not_use_up_the_limit_and_failures_alone_do(client, clock, maria):
    user, secret = maria
    for n in range(9):
        sign_in(client, "maria", f"guess-{n}")
    assert sign_in(Client(), "maria", PASSWORD)["Location"] == MFA  # given back
    assert "password you specified are not correct" in sign_in(client, "maria", "x").text
    # Ten failures in the hour: the limit (10) is used up, the right password too.
    assert PAUSED in sign_in(client, "maria", PASSWORD).text


def test_one_client_guessing_many_accounts_is_paused_and_others_are_not(client, clock, maria):
    user, secret = maria
    maximum = DEFAULT_LIMITS[("login", "client")][1]
    for n in range(maximum):
        assert PAUSED not in sign_in(client, f"nobody-{n}", "guess").text
    assert PAUSED in sign_in(client, "maria", PASSWORD).text
    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    assert sign_in(elsewhere, "maria", PASSWORD, code=totp_code(secret)).status_code == 302


def test_an_unknown_name_is_limited_like_a_real_one(client, clock):
    answers = [sign_in(client, "no-such-person", f"guess-{n}").text for n in range(11)]
    assert PAUSED not in answers[9] and PAUSED in answers[10]


def test_operators_change_the_sign_in_limit_in_the_admin(client, clock, maria):
    RateLimit.objects.update_or_create(
        scope="login", key="account", defaults={"maximum": 2, "window_seconds": 600}
    )
    for n in range(2):
        sign_in(client, "maria", f"guess-{n}")
    refused = sign_in(client, "maria", PASSWORD)
    assert PAUSED in refused.text and "try again in 10 minutes" in refused.text


def test_wrong_codes_are_limited_per_account_and_the_right_one_refused_past_it(
    client, clock, maria
):
    user, secret = maria
    assert sign_in(client, "maria", PASSWORD)["Location"] == MFA
    wrong = [client.post(MFA, {"code": totp_wrong(secret)}) for _ in range(5)]
    assert all("Incorrect code" in w.text for w in wrong)
    right = client.post(MFA, {"code": totp_code(secret)})
    assert "Too many wrong codes" in right.text and not _signed_in(client)
    # The account's codes are paused, whichever browser asks.
    other = Client()
    sign_in(other, "maria", PASSWORD)
    assert "Too many wrong codes" in other.post(MFA, {"code": totp_code(secret)}).text
    assert not limit_peek("mfa", "account", str(user.pk)).allowed

    clock.move_to(HOUR_START + timedelta(hours=1))
    assert sign_in(Client(), "maria", PASSWORD, code=totp_code(secret)).status_code == 302


def test_a_code_works_once_even_across_processes(clock, maria):
    user, secret = maria
    code = totp_code(secret)
    assert sign_in(Client(), "maria", PASSWORD, code=code).status_code == 302
    cache.clear()  # Another gunicorn worker: allauth's per-process record of used codes is gone.
    again = sign_in(Client(), "maria", PASSWORD, code=code)
    assert again.status_code == 200 and "Incorrect code" in again.text


def test_a_recovery_code_signs_in_once(clock, maria):
    user, secret = maria
    recovery = RecoveryCodes.activate(user).get_unused_codes()[0]
    assert sign_in(Client(), "maria", PASSWORD, code=recovery).status_code == 302
    assert "Incorrect code" in sign_in(Client(), "maria", PASSWORD, code=recovery).text


def test_password_resets_are_limited_per_client_openly(client, clock):
    maximum = DEFAULT_LIMITS[("password_reset", "client")][1]
    url = "/accounts/password/reset/"
    for n in range(maximum):
        assert client.post(url, {"email": f"someone-{n}@example.org"}).status_code == 302
    refused = client.post(url, {"email": "someone-else@example.org"})
    assert refused.status_code == 200
    assert "Too many password reset requests came from your network" in refused.text
    assert (
        Client(REMOTE_ADDR="198.51.100.21").post(url, {"email": "a@example.org"}).status_code == 302
    )


def test_password_resets_are_limited_per_address_silently(clock, maria, smtp_server):
    url = "/accounts/password/reset/"
    answers = [
        Client(REMOTE_ADDR=f"198.51.100.{n}").post(url, {"email": "Maria@Example.org"})
        for n in range(5)
    ]
    unknown = Client().post(url, {"email": "nobody@example.org"})
    assert {a.status_code for a in [*answers, unknown]} == {302}
    assert {a["Location"] for a in [*answers, unknown]} == {"/accounts/password/reset/done/"}
    sent = [m for m in smtp_server.messages if "maria@example.org" in m["To"].lower()]
    assert len(sent) == DEFAULT_LIMITS[("password_reset", "email")][1] == 3
    assert not [m for m in smtp_server.messages if "nobody@" in m["To"]]


def test_allauths_own_limiter_is_off():
    from allauth.account import app_settings

    assert app_settings.RATE_LIMITS == {}
    assert LOGIN == "/accounts/login/"
