"""The one limiter: shared atomic counters (database and Redis), per-client keys that keep
no address, the challenge past an open limit, event passes, and silent mail limits."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import redis
import time_machine
from django.test import Client

from beacon.actions.models import Signature
from beacon.campaigns.models import EventCode
from beacon.core.limits import client_ip, limit_hit, limit_peek
from beacon.core.limits.challenge import challenge_solve
from beacon.core.limits.clients import value_digest
from beacon.core.models import RateCounter, RateLimit
from beacon.delivery.models import OutboundMessage
from tests.campaigns.factories import PetitionFactory

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture(params=["database", "redis"])
def store(request, settings):
    """Every limiter test runs against both stores; Redis keys get a prefix of their own."""
    if request.param == "redis":
        prefix = f"beacon-test:{uuid.uuid4().hex}:"
        settings.BEACON_REDIS_URL = REDIS_URL
        settings.BEACON_LIMITS_REDIS_PREFIX = prefix
        client = redis.Redis.from_url(REDIS_URL)
        client.ping()  # .ci/run starts Redis when it is down: a test never skips here.
        yield request.param
        for key in client.scan_iter(prefix + "*"):
            client.delete(key)
    else:
        yield request.param


def _limit(scope, key, maximum, window=600):
    RateLimit.objects.update_or_create(
        scope=scope, key=key, defaults={"maximum": maximum, "window_seconds": window}
    )


def test_counts_are_atomic_per_window_and_a_maximum_of_zero_allows_nothing(store):
    _limit("sign", "client", 3, window=600)
    with time_machine.travel(datetime(2026, 12, 3, 15, 0, 5, tzinfo=UTC), tick=False):
        decisions = [limit_hit("sign", "client", "198.51.100.7") for _ in range(5)]
        assert [d.allowed for d in decisions] == [True, True, True, False, False]
        assert [d.hits for d in decisions] == [1, 2, 3, 4, 5]
        assert decisions[-1].retry_after == 595 and decisions[-1].is_open
        assert limit_peek("sign", "client", "198.51.100.7").allowed is False
        # Another client has its own count.
        assert limit_hit("sign", "client", "198.51.100.8").allowed
    with time_machine.travel(datetime(2026, 12, 3, 15, 10, 1, tzinfo=UTC), tick=False):
        assert limit_hit("sign", "client", "198.51.100.7").allowed  # a new window
    _limit("sign", "client", 0)
    assert not limit_hit("sign", "client", "198.51.100.9").allowed
    # A scope nobody limits is not counted at all.
    assert limit_hit("nothing-limits-this", "client", "x").allowed


def test_email_limits_are_silent_and_count_every_spelling(store):
    decision = None
    for spelling in ["Rosa@Example.org", "rosa+a@example.org", "ROSA@example.org"] * 2:
        from beacon.people.email import mail_allowed

        decision = mail_allowed(spelling)
    assert decision is False  # the sixth mail to one address in a day
    assert not limit_hit("mail", "email", "rosa@example.org").is_open


def test_counters_keep_no_address_and_change_key_every_day(store):
    limit_hit("sign", "client", "198.51.100.7")
    limit_hit("mail", "email", "rosa@example.org")
    if store == "database":
        stored = " ".join(RateCounter.objects.values_list("bucket", flat=True))
        assert stored and "198.51.100" not in stored and "rosa" not in stored
    today = datetime(2026, 12, 3, 12, tzinfo=UTC)
    assert value_digest("client", "198.51.100.7", today) != value_digest(
        "client", "198.51.100.7", today + timedelta(days=1)
    )


def test_the_client_address_comes_from_trusted_hops_only(rf, settings):
    spoofed = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7"}
    settings.BEACON_TRUSTED_PROXY_HOPS = 0
    assert client_ip(rf.get("/", **spoofed)) == "10.0.0.5"  # the header is ignored
    settings.BEACON_TRUSTED_PROXY_HOPS = 1
    assert client_ip(rf.get("/", **spoofed)) == "198.51.100.7"  # what our proxy saw
    settings.BEACON_TRUSTED_PROXY_HOPS = 2
    assert client_ip(rf.get("/", **spoofed)) == "1.2.3.4"
    settings.BEACON_TRUSTED_PROXY_HOPS = 3  # fewer entries than proxies: the peer
    assert client_ip(rf.get("/", **spoofed)) == "10.0.0.5"
    settings.BEACON_TRUSTED_PROXY_HOPS = 0
    # One phone or household holds a /64: its addresses count as one client.
    a = client_ip(rf.get("/", REMOTE_ADDR="2001:db8:1:2::10"))
    b = client_ip(rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::1"))
    assert a == b == "2001:db8:1:2::/64"
    assert client_ip(rf.get("/", REMOTE_ADDR="::ffff:198.51.100.7")) == "198.51.100.7"
    assert client_ip(rf.get("/", REMOTE_ADDR="garbage")) == ""


def _sign(client, petition, n, **extra):
    return client.post(
        f"/c/{petition.campaign.slug}/sign/",
        {
            "first_name": "Rosa",
            "last_name": f"Díaz {n}",
            "email": f"rosa{n}@example.org",
            "zip_code": "02150",
            **extra,
        },
    )


def test_sixty_signatures_from_one_client_are_held_after_the_limit(store, commit_each_request):
    petition = PetitionFactory()
    client = Client(REMOTE_ADDR="198.51.100.7")
    answers = [_sign(client, petition, n) for n in range(60)]
    assert [a.status_code for a in answers] == [302] * 30 + [429] * 30
    held = answers[-1]
    assert 0 < int(held["Retry-After"]) <= 600 and held["Cache-Control"] == "no-store"
    assert "Please wait a moment" in held.text and "rosa59@example.org" in held.text
    assert Signature.objects.count() == 30
    assert OutboundMessage.objects.count() == 30
    # Another network is not held back.
    assert _sign(Client(REMOTE_ADDR="203.0.113.9"), petition, 99).status_code == 302


def _challenge(response) -> dict:
    import html
    import json

    found = re.search(r'data-challenge="([^"]+)"', response.text)
    return json.loads(html.unescape(found.group(1)))


def test_a_person_past_the_limit_goes_on_by_solving_the_challenge_once(
    store, settings, commit_each_request
):
    settings.BEACON_CHALLENGE_MAX_NUMBER = 50
    _limit("sign", "client", 1)
    petition = PetitionFactory()
    client = Client(REMOTE_ADDR="198.51.100.7")
    assert _sign(client, petition, 1).status_code == 302
    held = _sign(client, petition, 2)
    assert held.status_code == 429
    payload = challenge_solve(_challenge(held))
    assert _sign(client, petition, 2, altcha=payload).status_code == 302
    assert Signature.objects.count() == 2
    # The same solution twice, a forged one, or garbage: held again.
    assert _sign(client, petition, 3, altcha=payload).status_code == 429
    forged = challenge_solve({**_challenge(held), "signature": "0" * 64})
    assert _sign(client, petition, 4, altcha=forged).status_code == 429
    assert _sign(client, petition, 5, altcha="%%%not-base64").status_code == 429
    assert Signature.objects.count() == 2


def test_the_held_page_is_in_the_supporters_language(store, commit_each_request):
    _limit("sign", "client", 0)
    petition = PetitionFactory()
    client = Client(REMOTE_ADDR="198.51.100.7", HTTP_ACCEPT_LANGUAGE="es")
    client.cookies["django_language"] = "es"
    held = _sign(client, petition, 1)
    assert held.status_code == 429 and 'lang="es"' in held.text


def test_an_event_code_lifts_the_client_limit_for_its_day_only(store, commit_each_request):
    _limit("sign", "client", 2)
    petition = PetitionFactory()
    today = datetime.now(UTC).astimezone().date()
    event = EventCode.objects.create(campaign=petition.campaign, label="Rally", day=today)
    client = Client(REMOTE_ADDR="198.51.100.7")
    explained = client.get(f"/event/{event.code}/")
    assert explained.status_code == 200 and "Rally" in explained.text
    assert client.post(f"/event/{event.code}/").status_code == 302
    assert [_sign(client, petition, n).status_code for n in range(5)] == [302] * 5
    # Another browser on the same wifi keeps the limit.
    stranger = Client(REMOTE_ADDR="198.51.100.7")
    assert [_sign(stranger, petition, n).status_code for n in (10, 11, 12)] == [302, 302, 429]
    # The day after, the pass lifts nothing and the code's link is a 404, as is a wrong one.
    with time_machine.travel(datetime.now(UTC) + timedelta(days=1)):
        assert [_sign(client, petition, n).status_code for n in (20, 21, 22)] == [302, 302, 429]
        assert client.get(f"/event/{event.code}/").status_code == 404
    assert client.get("/event/nope/").status_code == 404
    assert Signature.objects.count() == 5 + 2 + 2


def test_kiosk_mode_shows_the_next_signer_a_clean_page(commit_each_request):
    petition = PetitionFactory()
    today = datetime.now(UTC).astimezone().date()
    event = EventCode.objects.create(
        campaign=petition.campaign, label="Tablet", day=today, is_kiosk=True
    )
    client = Client()
    client.post(f"/event/{event.code}/")
    after = client.get(_sign(client, petition, 1)["Location"])
    assert "Next person, please" in after.text and "rosa1@example.org" not in after.text


def test_check_deploy_fails_when_redis_is_named_but_does_not_answer(settings):
    from beacon.core.limits.checks import check_limiter_store

    settings.BEACON_REDIS_URL = "redis://127.0.0.1:1/0"
    [error] = check_limiter_store()
    assert error.id == "beacon.E090"
    settings.BEACON_REDIS_URL = REDIS_URL
    assert check_limiter_store() == []
    settings.BEACON_REDIS_URL = ""
    assert check_limiter_store() == []
