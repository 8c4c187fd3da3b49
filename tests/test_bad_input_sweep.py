"""A sweep of bad input over every public URL pattern.

The patterns come from the root resolver, so a new page is swept without editing this
file. Each path is filled with plausible values (real demo slugs, tokens, ids) and with
garbage (unknown slugs, very long strings, unicode, NUL, path traversal). Every filled
path gets GET and an empty POST; the plausible path also gets HEAD, POSTs of hostile
values in every field name the public forms show (and GETs with them as a query string),
one bad field at a time inside otherwise valid data, raw bodies no form sends, odd headers
and cookies, and POSTs with a forged or missing CSRF token. The rule checked everywhere:
never a 500, nothing written when the input is refused, and no posted email, street or
phone number in a redirect's Location.
"""

from __future__ import annotations

import base64
import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import quote, quote_plus

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import beacon.core.limits
from beacon.actions.models import Call, Letter, LetterRecipient, PatchSession, Signature
from beacon.campaigns.demo import demo_load
from beacon.campaigns.models import EventCode, OfflineSignatures
from beacon.core.limits.rules import Rule, rule_get
from beacon.core.models import RateLimit
from beacon.delivery.models import OutboundMessage
from beacon.delivery.telephony.providers.fake import FakeTelephony
from beacon.geo.models import Division
from beacon.officials.models import Office, Official
from tests.actions.call_fixtures import *  # noqa: F403 - fixtures (cape, fake_phone)
from tests.inbox import emailed_match
from tests.same_response import assert_same_response

# Each test runs in a transaction rolled back at its end, over one world built per worker
# (below); `_commit_each_request` runs each request's on-commit callbacks (the mail) as
# its real commit would. The tests that use the world are dealt into SWEEP_GROUPS xdist
# groups (`_dealt`): each group runs on one worker, one test after another, so a worker
# builds the world when it starts the module's tests and flushes it before another
# module's test runs there, which therefore never sees it. One group for the whole module
# (a quarter of the suite's time) would leave the other worker idle at the end.
pytestmark = pytest.mark.django_db
SWEEP_GROUPS = 4


def _dealt(values, ids=None, start=0) -> list:
    """Parameters for `values`, dealt round-robin into the sweep's xdist groups, from
    group `start` on (so that each parametrized test's slowest cases spread out)."""
    return [
        pytest.param(
            *(value if isinstance(value, tuple) else (value,)),
            id=None if ids is None else ids[n],
            marks=pytest.mark.xdist_group(f"sweep-{(start + n) % SWEEP_GROUPS}"),
        )
        for n, value in enumerate(values)
    ]


CAMPAIGN = "safe-communities"
LETTERS = f"/c/{CAMPAIGN}/write/write/"
CALLS = f"/c/{CAMPAIGN}/call/call/"
# Pages whose forms name the fields the hostile POSTs fill (besides the posted page's own).
FORM_PAGES = [
    f"/c/{CAMPAIGN}/",
    LETTERS,
    LETTERS + "letter/",
    CALLS,
    CALLS + "list/",
    "/legislators/",
]
# The tables a supporter's act writes to: refused input must leave them as they were.
ACTION_TABLES = [Signature, Letter, LetterRecipient, Call, PatchSession, OutboundMessage]

LONG = "A" * 50_000
HOSTILE = [
    "",
    LONG,
    "\x00",
    "Ana\x00Souza",
    "".join(chr(c) for c in range(1, 32)),
    "Ana\r\nBcc: victim@example.net\r\nSubject: spam",
    "\u202eanA\u202c \u200f\u2066evil\u2069",
    "🙂👩🏽‍🚒🏳️‍🌈" * 20,
    "' OR 1=1; DROP TABLE actions_signature; --",
    '"><script>alert(1)</script><img src=x onerror=alert(1)>',
    "{{ settings.SECRET_KEY }}{first_name}{0.__class__}%s%(x)s",
    "nan",
    "inf",
    "1e999",
    "-1",
    "99999999999999999999",
    "\xed\xb3\xbf\xff\xfe",  # Mojibake of a lone surrogate, and bytes that are not UTF-8.
]
# Query strings are read by fewer pages (pagination, `next`); a few values are enough.
QUERY_HOSTILE = ["\x00", "-1", "99999999999999999999", "nan", "x" * 4000, "../../admin/"]
# Bodies no form would send: broken JSON, bytes that are not UTF-8, a bare boundary.
RAW_BODIES = [
    ('{"a": [1, ', "application/json"),
    (b"\xff\xfe=\xc3&a=%ff%00", "application/x-www-form-urlencoded"),
    ("--x\r\n", "multipart/form-data; boundary=x"),
    ("x", "multipart/form-data"),
]
# Headers and cookies a browser would never send: each must be ignored or refused.
HOSTILE_HEADERS = {
    "Accept-Language": "x" * 5000 + ";q=nan, zz-ZZ;q=1e999, ../../",
    "User-Agent": "\u202e" * 2000,
    "Referer": "javascript:x",
    "X-Forwarded-Proto": "https, http",
    "X-Twilio-Signature": "%00" * 40,
}
HOSTILE_COOKIES = {
    "django_language": "x" * 300,
    "sessionid": "../../etc/passwd",
    "csrftoken": "%00" * 20,
    "messages": "garbage:abc",
}
# A few of the worst values, each put into one field of otherwise valid data.
ONE_FIELD = [LONG, "Ana\x00Souza", "Ana\r\nBcc: victim@example.net", "1e999", "nan", "\u202eanA"]
VALID = {
    "first_name": "Ana",
    "last_name": "Souza",
    "email": "ana.sweep@example.org",
    "zip_code": "02675",
    "street": "12 Main St",
    "city": "Yarmouth",
    "is_public": "on",
    "has_opted_in": "on",
    "personal_paragraph": "My cousin was afraid to call 911.",
    "target": "0",
    "outcome": "left_voicemail",
    "phone": "+1 617 555 0123",
    "ref": "",
    "Digits": "1",
    "CallSid": "CA" + "0" * 32,
    "CallStatus": "completed",
    "DialCallSid": "CA" + "1" * 32,
    "DialCallStatus": "completed",
    "next": "/",
    "language": "en",
}
# Routes where the valid POST must pass: a sweep that never reaches the writes proves little.
ACCEPTS_VALID = {
    "actions:sign",
    "actions:letter",
    "actions:letter-write",
    "actions:call",
    "actions:call-outcome",
    "actions:call-patch",
    "actions:confirm",
    "actions:letter-confirm",
    "officials:legislators",
    "actions:call-hook-gather",
    "actions:call-hook-status",
}
# Webhooks authenticate by signature instead of a CSRF token.
CSRF_EXEMPT = {
    "actions:call-hook-answer",
    "actions:call-hook-gather",
    "actions:call-hook-dialed",
    "actions:call-hook-leg",
    "actions:call-hook-rated",
    "actions:call-hook-status",
    "delivery:tracking-webhook",
    # Mail clients' one-click unsubscribe (RFC 8058) POSTs without a CSRF token; the
    # signed link alone decides, and withdraws one consent only (tests/actions/test_news.py).
    "actions:news-stop",
}
# Fields whose values are personal: they must never show up in a redirect URL.
PERSONAL = ("email", "street", "phone")
GARBAGE = [
    "no-such-thing",
    "x" * 3000,
    "café-ñ-日本-🙂",
    "a%00b",
    "..%2F..%2Fetc",
    "99999999999999999999",
    "%E2%80%AE",
    "%ff%fe",
]
MAIL_NAME = "20260101T000000-0123456789ab.eml"
WEBHOOK_AUTH = "beacon:sweep-secret"
SKIPPED_PREFIXES = ("admin/", "static/", "media/")


def _routes(patterns=None, prefix="", namespace=""):
    """(route, name, converters) for every leaf pattern under the root resolver."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, prefix + route, ns)
        elif isinstance(entry, URLPattern):
            converters = dict(getattr(entry.pattern, "converters", {}))
            yield prefix + route, f"{namespace}{entry.name}", converters


# allauth's pages (accounts/) are its own code, tested upstream; the ones anybody can
# post to without an account are swept here, the rest need a signed-in staff member.
SWEPT_SIGN_IN = {"account_login", "account_signup", "account_reset_password"}
ROUTES = sorted(
    {
        (route, name)
        for route, name, _conv in _routes()
        if not route.startswith(SKIPPED_PREFIXES)
        and not route.startswith("^")
        and (not route.startswith("accounts/") or name in SWEPT_SIGN_IN)
    }
)


@dataclass
class World:
    """Real values for the path parameters, known only once the demo is loaded."""

    values: dict[str, str] = field(default_factory=dict)


def _plausible(route: str, world: World) -> dict[str, str]:
    values = dict(world.values)
    values["action_slug"] = "write" if "/write/" in route else "call"
    return values


def _fill(route: str, values: dict[str, str]) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)


def _paths(route: str, world: World) -> tuple[str, list[str]]:
    """The plausible path, and the route with each parameter in turn set to garbage."""
    plausible = _plausible(route, world)
    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    garbage = [_fill(route, {**plausible, name: junk}) for name in names for junk in GARBAGE]
    return _fill(route, plausible), garbage


class _Names(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag in ("input", "textarea", "select", "button"):
            name = dict(attrs).get("name")
            if name and name != "csrfmiddlewaretoken":
                self.names.add(name)


def _form_names(client: Client, paths: list[str]) -> set[str]:
    parser = _Names()
    for path in paths:
        response = client.get(path)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser.feed(response.content.decode())
    return parser.names


def _counts() -> dict[str, int]:
    """The rows in each of ACTION_TABLES, in one query: it runs around every request."""
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)})" for m in ACTION_TABLES)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        row = cursor.fetchone()
    return {model.__name__: n for model, n in zip(ACTION_TABLES, row, strict=True)}


@dataclass
class Sweep:
    """Sends requests and collects every breach of the rules, to report them together."""

    client: Client
    reprime: Callable[[Client], None]
    breaches: list[str] = field(default_factory=list)

    def send(self, method: str, path: str, data=None, client=None, personal=False, **extra):
        """Send one request and note any breach. `personal`: the data's personal fields
        hold their own values, so finding one in a Location is a leak."""
        client = client or self.client
        before = _counts()
        if method == "POST" and "/calls/hooks/" in path:
            extra["HTTP_X_TWILIO_SIGNATURE"] = FakeTelephony.sign(
                "https://beacon.example" + path, data if isinstance(data, dict) else {}
            )
        if method == "POST" and path.startswith("/delivery/"):
            extra["HTTP_AUTHORIZATION"] = (
                "Basic " + base64.b64encode(WEBHOOK_AUTH.encode()).decode()
            )
        response = getattr(client, method.lower())(path, data or {}, **extra)
        if (
            method == "POST"
            and response.status_code < 400
            and client is self.client
            and ("/write/" in path or "/call/" in path)
        ):
            self.reprime(client)  # An accepted step may have used up the session's state.
        label = f"{method} {path[:120]!r} {_summary(data)}"
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            reason = f"{exc[0].__name__}: {str(exc[1])[:200]}" if exc else ""
            self.breaches.append(f"{response.status_code} for {label} {reason}")
        elif method == "POST" and response.status_code >= 400 and _counts() != before:
            self.breaches.append(
                f"refused ({response.status_code}) but wrote {before} -> {_counts()}: {label}"
            )
        location = response.get("Location", "")
        for key in PERSONAL if personal and isinstance(data, dict) else ():
            value = (data or {}).get(key, "")
            if (
                location
                and len(value) >= 4
                and (value in location or quote(value) in location or quote_plus(value) in location)
            ):
                self.breaches.append(f"{key} in Location {location[:80]!r}: {label}")
        return response


def _summary(data) -> str:
    if not data:
        return "{}"
    if not isinstance(data, dict):
        return repr(data)[:60]
    values = {v if len(v) < 40 else f"{v[:20]}...({len(v)})" for v in data.values()}
    return f"{sorted(data)[:4]}.. = {sorted(values)[:3]!r}"[:200]


def _prime(client: Client) -> None:
    """Give the client a supporter's session: an address for the letter and the call."""
    assert (
        client.post(
            LETTERS, {"street": "12 Main St", "city": "Yarmouth", "zip_code": "02675"}
        ).status_code
        == 302
    )
    assert client.post(CALLS, {"city": "Yarmouth", "first_name": "Ana"}).status_code == 302


def _link(messages, pattern: str) -> str:
    for message in messages:
        found = re.search(pattern, message.get_body(("plain",)).get_content())
        if found:
            return found.group(1)
    raise AssertionError(f"no link like {pattern} in {len(messages)} messages")


def _tokens(smtp_server) -> dict[str, str]:
    """A pending signature's confirm token, a pending letter's, and a sent letter's status
    token, got the way a supporter gets them: by email."""
    client = Client()
    _prime(client)
    signed = client.post(f"/c/{CAMPAIGN}/sign/", {**VALID, "email": "sig.sweep@example.org"})
    assert signed.status_code == 302
    for email in ("first.sweep@example.org", "second.sweep@example.org"):
        _prime(client)
        assert client.post(LETTERS + "letter/", {**VALID, "email": email}).status_code == 302
    messages = smtp_server.wait_for(3)
    letters = [m for m in messages if "first.sweep" in m["To"]]
    status = client.post(_link(letters, r"(/letters/confirm/[\w-]+/)"))
    assert "/letters/status/" in status["Location"]
    return {
        "signature": _link(messages, r"/confirm/([\w-]+)/").split("/")[-1],
        "letter": _link(
            [m for m in messages if "second.sweep" in m["To"]], r"/letters/confirm/([\w-]+)/"
        ),
        "status": status["Location"].rstrip("/").rsplit("/", 1)[-1],
    }


SWEEP_SETTINGS = {
    "BEACON_GEOCODER": "town",
    "BEACON_DELIVERY_WEBHOOK_SECRET": WEBHOOK_AUTH,
    "BEACON_TELEPHONY_PROVIDER": "beacon.delivery.telephony.providers.fake.FakeTelephony",
    "BEACON_TWILIO_CALLER_ID": "+16175550100",
    "BEACON_BASE_URL": "https://beacon.example",
    "BEACON_OFFICIALS_CACHE_SECONDS": 0,
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


@pytest.fixture(scope="module")
def _world_built(django_db_setup, django_db_blocker, tmp_path_factory, _smtp_server_session):
    """The demo campaign on the test map, with real values for each kind of path
    parameter: tokens from the emails and a patch-through session. Built and committed
    once for the module (about 2 s that each of ~70 tests used to pay), and flushed after
    it; each test's own writes are rolled back, so every test sees this same world."""
    from django.core.management import call_command
    from django.test import override_settings
    from django.utils import timezone

    from beacon.geo.index import index_invalidate
    from tests.officials.conftest import FIXTURES, cape_map_load

    directory = tmp_path_factory.mktemp("sweep-world")
    server = _smtp_server_session
    overrides = override_settings(
        **SWEEP_SETTINGS,
        EMAIL_HOST=server.host,
        EMAIL_PORT=server.port,
        MEDIA_ROOT=directory / "media",
        BEACON_MAIL_DIR=directory / "mail",
    )
    with overrides, django_db_blocker.unblock():
        try:
            server.handler.clear()
            FakeTelephony.placed.clear()
            cape_map_load(directory)
            call_command(
                "import_officials",
                str(FIXTURES / "ma"),
                "--no-photos",
                "--as-of",
                timezone.localdate().isoformat(),
                stdout=StringIO(),
                stderr=StringIO(),
            )
            campaign = demo_load()
            campaign.call_asks.update(allows_patch_through=True)
            tokens = _tokens(server)
            client = Client()
            _prime(client)
            assert client.post(CALLS + "connect/", {"phone": "+1 617 555 0199"}).status_code == 302
            session = PatchSession.objects.get()
            division = Division.objects.filter(ocd_id__contains="/sldl:").first()
            kind, _sep, rest = division.ocd_id.rpartition("/")[2].partition(":")
            yield World(
                values={
                    "slug": CAMPAIGN,
                    "public_id": session.public_id,
                    "target": "0",
                    "office": str(Office.objects.filter(official__roles__isnull=False).first().pk),
                    "key": Official.objects.first().slug,
                    "provider": "postmark",
                    "name": MAIL_NAME,
                    "pk": str(campaign.letter_asks.first().pk),
                    "division": f"{kind}-{rest}",
                    "call_pk": str(campaign.call_asks.first().pk),
                    "petition_pk": str(campaign.petition.pk),
                    "organization_pk": str(campaign.organization_id),
                    "entry": str(
                        OfflineSignatures.objects.create(
                            petition=campaign.petition, count=3, note="Sweep paper"
                        ).pk
                    ),
                    "code": EventCode.objects.create(
                        campaign=campaign, label="Sweep rally", day=timezone.localdate()
                    ).code,
                    **tokens,
                }
            )
        finally:
            call_command("flush", interactive=False, verbosity=0)
            _PRIMED.clear()
            _PUBLIC_NAMES.clear()
            index_invalidate()
            FakeTelephony.placed.clear()
            server.handler.clear()


@pytest.fixture(autouse=True)
def _commit_each_request(commit_each_request):
    """Mail is queued after commit: run each request's callbacks as its commit would."""


def _rules_without_open_limits(scope: str, key: str) -> Rule | None:
    """The sweep sends thousands of requests from one test client: per-client and
    per-campaign limits would answer most of them with the limiter's page. They are
    swept on their own in test_every_form_over_its_limit_is_held_whatever_is_sent."""
    rule = rule_get(scope, key)
    return None if rule is None or rule.is_open else rule


@pytest.fixture
def world(_world_built, fake_phone, settings, smtp_server, monkeypatch) -> World:
    """The module's world, with this test's settings and a stored dev mail."""
    monkeypatch.setattr(beacon.core.limits, "rule_get", _rules_without_open_limits)
    for name, value in SWEEP_SETTINGS.items():
        setattr(settings, name, value)
    settings.BEACON_MAIL_DIR.mkdir(parents=True, exist_ok=True)
    (settings.BEACON_MAIL_DIR / MAIL_NAME).write_bytes(
        b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Hi\r\n\r\nHello\r\n"
    )
    return _world_built


def _values_for(route: str, world: World) -> World:
    """Parameters that share a name but not a meaning: a district's `slug`, three kinds of
    `token`, two kinds of dashboard `pk`."""
    values = dict(world.values)
    if route.startswith("districts/"):
        values["slug"] = values["division"]
    values["token"] = values[
        "status"
        if route.startswith("letters/status/")
        else "letter"
        if route.startswith("letters/")
        else "signature"
    ]
    if route.startswith("dashboard/calls/"):
        values["pk"] = values["call_pk"]
    if route.startswith("organize/"):
        values.update(_organize_values())
    if route.startswith("dashboard/petitions/"):
        values["pk"] = values["petition_pk"]
    if route.startswith("dashboard/organizations/"):
        values["pk"] = values["organization_pk"]
    return World(values=values)


def _organize_values() -> dict[str, str]:
    """The demo's organization, campaign, one member to change and one open invitation
    (made in this test's transaction, so rolled back with it)."""
    from beacon.campaigns.models import Campaign, Membership
    from beacon.core.confirmation import link_new
    from beacon.organize.models import Invitation

    campaign = Campaign.objects.select_related("organization").get(slug=CAMPAIGN)
    organization = campaign.organization
    member = User.objects.create_user("sweep-member", "m@example.org", "pw")
    membership = Membership.objects.create(organization=organization, user=member, role="viewer")
    link = link_new()
    Invitation.objects.create(
        organization=organization,
        email="invited.sweep@example.org",
        role="editor",
        token_digest=link.digest,
        expires_at=link.expires_at,
    )
    return {
        "slug": organization.slug,
        "campaign_slug": campaign.slug,
        "pk": str(membership.pk),
        "token": link.token,
    }


# The page whose form posts to each route, when the route is POST-only or is not the page
# itself; its field names are the ones set one at a time. Other routes use their own page.
FORM_OF = {
    "actions:sign": f"/c/{CAMPAIGN}/",
    "actions:call-outcome": CALLS + "list/",
    "actions:call-remind": CALLS + "list/",
    "actions:call-patch": CALLS + "list/",
}


@pytest.mark.parametrize("route,name", _dealt(ROUTES, ids=[name for _r, name in ROUTES]))
def test_no_bad_input_breaks_a_page_or_writes_half(route, name, world, settings):
    if name.startswith("core:dev-mail"):
        settings.DEBUG = True  # The mail pages answer 404 otherwise.
    world = _values_for(route, world)
    sweep = Sweep(Client(raise_request_exception=False), reprime=_prime_copy)
    _prime_copy(sweep.client)
    if name.startswith("dashboard:") or (
        name.startswith("organize:") and name != "organize:invitation"
    ):
        sweep.client.force_login(User.objects.create_superuser("sweep", "o@example.org", "pw"))
    path, garbage = _paths(route, world)
    own = _form_names(sweep.client, [FORM_OF.get(name, path)])
    valid = {field_name: VALID.get(field_name, "") for field_name in own}
    accepted = sweep.send("POST", path, valid, personal=True)
    sweep.send("HEAD", path)
    for target in [path, *garbage]:
        for method in ("GET", "POST"):
            sweep.send(method, target)
    every = _public_form_names() | own | set(VALID)
    for value in HOSTILE:
        sweep.send("POST", path, {field_name: value for field_name in every})
    for value in QUERY_HOSTILE:
        sweep.send("GET", path, {field_name: value for field_name in every | {"page"}})
    for body, content_type in RAW_BODIES:
        sweep.send("POST", path, body, content_type=content_type)
    for field_name in sorted(own):
        for value in ONE_FIELD:
            sweep.send("POST", path, {**valid, field_name: value}, personal=True)
    odd = Client(raise_request_exception=False, headers=HOSTILE_HEADERS)
    odd.cookies.load(HOSTILE_COOKIES)
    for method in ("GET", "POST"):
        sweep.send(method, path, valid, client=odd)
    strict = Client(enforce_csrf_checks=True, raise_request_exception=False)
    _prime_strict(strict)
    forged = sweep.send("POST", path, {**valid, "csrfmiddlewaretoken": "forged" * 8}, client=strict)
    missing = sweep.send("POST", path, valid, client=strict)
    assert sweep.breaches == []
    if name in ACCEPTS_VALID:  # The sweep reached the code that writes.
        assert accepted.status_code < 400, accepted.text[:300]
    if name not in CSRF_EXEMPT:
        assert forged.status_code == missing.status_code == 403


def _prime_strict(client: Client) -> None:
    """A session like a supporter's, but on a client that checks CSRF tokens: taken from
    the address page as a browser would."""
    page = client.get(LETTERS)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if token:
        client.post(
            LETTERS,
            {
                "street": "12 Main St",
                "city": "Yarmouth",
                "zip_code": "02675",
                "csrfmiddlewaretoken": token.group(1),
            },
        )


def test_the_sweep_covers_every_public_page():
    names = {name for _route, name in ROUTES}
    assert {
        "actions:sign",
        "actions:letter-write",
        "actions:call-outcome",
        "actions:call-hook-gather",
        "officials:legislators",
        "delivery:tracking-webhook",
        "campaigns:home",
        "dashboard:letters",
    } <= names


# Values a form may accept: they travel on through the session into later steps, letters,
# scripts and emails.
ACCEPTABLE = [
    "\u202eanA\u202c",
    "🙂👩🏽‍🚒",
    "{first_name}{0.__class__}%s%(x)s{{ x }}",
    '"><script>alert(1)</script>',
    "O'Brien; DROP TABLE x; --",
    "Zoë Ñandú 李",
]


@pytest.mark.parametrize("value", _dealt(ACCEPTABLE, start=1))
def test_odd_but_accepted_values_carry_through_later_steps(value, world, smtp_server):
    sweep = Sweep(Client(raise_request_exception=False), reprime=lambda client: None)
    person = {
        **VALID,
        "first_name": value,
        "last_name": value,
        "personal_paragraph": value,
        "email": "odd.sweep@example.org",
    }
    sweep.send(
        "POST", LETTERS, {"street": f"12 {value} St", "city": "Yarmouth", "zip_code": "02675"}
    )
    sweep.send("GET", LETTERS + "letter/")
    letter = sweep.send("POST", LETTERS + "letter/", person)
    sweep.send("POST", f"/c/{CAMPAIGN}/sign/", person)
    lookup = sweep.send("POST", CALLS, {"city": "Yarmouth", "first_name": value})
    listing = sweep.send("GET", CALLS + "list/")
    sweep.send("POST", CALLS + "outcome/", {"target": "0", "outcome": "left_voicemail"})
    sweep.send("GET", CALLS + "thanks/")
    assert sweep.breaches == []
    assert letter.status_code in (302, 422)
    assert lookup.status_code in (302, 422)
    if lookup.status_code == 302:  # Refused values (bidi controls) stop at the first step.
        assert listing.status_code == 200 and "<script>alert" not in listing.text
    for message in smtp_server.messages:
        assert "\n" not in message["Subject"] and "Bcc" not in message
        assert "<class " not in message.get_body(("plain",)).get_content()


# Each public form that takes an email or a phone number: the page that shows it, where
# it posts, the field, and a fresh value never used. Call outcomes take neither (see
# tests/actions/test_calls_views.py for a second visitor's outcome answered alike).
PROBES = {
    "sign": (f"/c/{CAMPAIGN}/", f"/c/{CAMPAIGN}/sign/", "email"),
    "letter": (LETTERS + "letter/", LETTERS + "letter/", "email"),
    "letter-own-email": (LETTERS + "letter/", LETTERS + "letter/", "email"),
    "remind": (CALLS + "list/", CALLS + "remind/", "email"),
    "patch": (CALLS + "list/", CALLS + "connect/", "phone"),
}
NEW = {"email": "never.seen.sweep@example.org", "phone": "+1 617 555 0142"}


def _variants(value: str) -> list[str]:
    """The value as it was used, and as someone else might type it: another case and a
    +tag for an email, other punctuation for a phone number."""
    if "@" in value:
        local, _at, domain = value.partition("@")
        return [value, f"{local.upper()}@{domain.title()}", f"{local}+probe@{domain}"]
    digits = re.sub(r"\D", "", value)[-10:]
    return [
        value,
        f"({digits[:3]}) {digits[3:6]}-{digits[6:]}",
        f"{digits[:3]}.{digits[3:6]}.{digits[6:]}",
    ]


# The field names FORM_PAGES show a primed browser: the same for every route, so read once
# per module rather than by six more requests in each test.
_PUBLIC_NAMES: set[str] = set()


def _public_form_names() -> set[str]:
    if not _PUBLIC_NAMES:
        _PUBLIC_NAMES.update(_form_names(_primed(), FORM_PAGES))
    return set(_PUBLIC_NAMES)


# What a primed browser's session holds, per seed: worked out once (two lookups), then
# copied into each new browser's own session. The copy holds no per-browser id: the call
# flow's patch-through session is still empty, and the letter's seed is pinned.
_PRIMED: dict[int, dict] = {}


def _prime_copy(client: Client, seed: int = 0) -> None:
    """Give the client the session a primed browser has (see `_prime`), by copy."""
    if seed not in _PRIMED:
        first = Client(raise_request_exception=False)
        _prime(first)
        state = dict(first.session.items())
        for key, value in state.items():
            if key.startswith("letter:") and isinstance(value, dict):
                value["seed"] = seed
        _PRIMED[seed] = state
    session = client.session
    for key, value in copy.deepcopy(_PRIMED[seed]).items():
        session[key] = value
    session.save()


def _primed(seed: int = 0) -> Client:
    """A fresh browser with an address for the letter and the call, and the letters'
    subject rotation pinned so that two browsers see the same letter."""
    client = Client(raise_request_exception=False)
    _prime_copy(client, seed)
    return client


@pytest.fixture
def known(world, smtp_server) -> dict[str, list[str]]:
    """Addresses and a number that have acted before, in every state a form can meet:
    a pending and a confirmed signature, a pending, a confirmed and a self-reported
    letter, an address with a day's worth of call reminders, a number rung once and one
    rung up to its hourly limit."""
    client = _primed()
    assert client.post(f"/c/{CAMPAIGN}/sign/", {**VALID, "email": "signed.sweep@example.org"})
    token = emailed_match("signed.sweep@example.org", re.compile(r"/confirm/([\w-]+)/")).group(1)
    assert client.post(f"/confirm/{token}/").status_code == 302
    own = {**VALID, "email": "self.sweep@example.org", "mailto": "1"}
    assert client.post(LETTERS + "letter/", own).status_code == 200
    for _ in range(3):
        reminder = {"target": "0", "email": "remind.sweep@example.org"}
        assert client.post(CALLS + "remind/", reminder).status_code == 302
    assert _primed().post(CALLS + "connect/", {"phone": "+1 617 555 0199"}).status_code == 302
    assert _primed().post(CALLS + "connect/", {"phone": "+1 617 555 0188"}).status_code == 302
    signatures = ["sig.sweep@example.org", "signed.sweep@example.org"]
    letters = ["first.sweep@example.org", "second.sweep@example.org", "self.sweep@example.org"]
    return {
        "sign": signatures + letters[:1],
        "letter": letters + signatures[:1],
        "letter-own-email": letters,
        "remind": ["remind.sweep@example.org", *letters[:1]],
        "patch": ["+1 617 555 0199", "+1 617 555 0188"],
    }


@pytest.mark.parametrize("form", _dealt(sorted(PROBES), ids=sorted(PROBES)))
def test_every_form_answers_a_known_address_as_it_answers_a_new_one(form, world, known):
    """Valid data, then each of the worst values in each other field: a known email or
    phone (in any of its spellings) gets the answer a never-seen one gets."""
    page, path, field_name = PROBES[form]
    names = _form_names(_primed(), [page]) - {field_name, "mailto"}
    valid = {name: VALID.get(name, "") for name in names}
    if form == "letter-own-email":
        valid["mailto"] = "1"
    cases = [{}] + [{name: value} for name in sorted(names) for value in ONE_FIELD]
    for case in cases:
        data = {**valid, **case}
        new = _primed().post(path, {**data, field_name: NEW[field_name]})
        if not case:  # A probe that never reaches the writes proves little.
            assert new.status_code < 400, (form, new.status_code, new.text[:300])
        # Every spelling for valid data; for bad data one spelling of each known value.
        for value in known[form]:
            for typed in _variants(value) if not case else _variants(value)[-1:]:
                answer = _primed().post(path, {**data, field_name: typed})
                assert_same_response(answer, new, known_typed=[typed], new_typed=[NEW[field_name]])


@pytest.mark.parametrize("form", _dealt(sorted(PROBES), ids=sorted(PROBES), start=2))
def test_every_form_over_its_limit_is_held_whatever_is_sent(form, _world_built, smtp_server):
    """Over its per-client limit, every public write answers 429 with Retry-After and
    writes nothing, whatever the challenge field holds; never a 500."""
    page, path, field_name = PROBES[form]
    names = _form_names(_primed(), [page]) - {field_name}
    valid = {name: VALID.get(name, "") for name in names}
    if form != "letter-own-email":
        valid.pop("mailto", None)
    else:
        valid["mailto"] = "1"
    scope = {"sign": "sign", "remind": "call_reminder", "patch": "patch"}.get(form, "letter")
    RateLimit.objects.update_or_create(
        scope=scope, key="client", defaults={"maximum": 0, "window_seconds": 600}
    )
    try:
        before = _counts()
        for junk in ["", *GARBAGE, "eyJ9", "e30=", "bnVsbA=="]:
            client = _primed()
            answer = client.post(path, {**valid, field_name: NEW[field_name], "altcha": junk})
            assert answer.status_code == 429, (form, junk, answer.status_code)
            assert int(answer["Retry-After"]) > 0
        assert _counts() == before
    finally:
        RateLimit.objects.filter(scope=scope, key="client").update(maximum=1000)
