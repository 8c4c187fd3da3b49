"""MFA for every staff account: without an authenticator a signed-in account reaches only
the set-up pages; the admin's login goes through allauth; nobody can sign up."""

from __future__ import annotations

import re

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import Client

from beacon.campaigns.models import Membership
from tests.campaigns.factories import OrganizationFactory
from tests.signin import (
    LOGIN,
    PASSWORD,
    has_totp,
    mfa_mark,
    sign_in,
    staff_create,
    totp_code,
    totp_give,
)

pytestmark = pytest.mark.django_db

ACTIVATE = "/accounts/2fa/totp/activate/"
ORGANIZER_PAGES = ["/dashboard/", "/dashboard/calls/", "/admin/", "/admin/core/ratelimit/"]


def _organizer(username="tomas", **fields):
    user = staff_create(username, **fields)
    Membership.objects.create(organization=OrganizationFactory(), user=user, role="owner")
    return user


def _confirm_password_and_read_secret(client) -> str:
    """Go to the set-up page as a signed-in account is sent there; confirm the password
    when allauth asks; return the secret the page shows."""
    reauthenticate = client.get(ACTIVATE)["Location"]
    assert reauthenticate.startswith("/accounts/reauthenticate/")
    client.post(reauthenticate, {"password": PASSWORD})
    return client.get(ACTIVATE).context["form"].secret


def test_staff_without_an_authenticator_reach_only_the_set_up(client):
    _organizer(superuser=True)
    signed_in = sign_in(client, "tomas")
    assert signed_in.status_code == 302 and SESSION_KEY in client.session
    for url in ORGANIZER_PAGES:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, ACTIVATE), url
    assert client.post("/admin/auth/user/add/", {"username": "x"})["Location"] == ACTIVATE
    # allauth asks for the password again before an authenticator is added.
    page = client.get(ACTIVATE, follow=True)
    assert page.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    assert "Every staff account signs in with a code from an authenticator app" in page.text


# Committed for real: allauth announces the new authenticator after commit, and that
# is when the session is marked as MFA-complete (beacon.core.signin.signals).
@pytest.mark.django_db(transaction=True)
def test_setting_up_totp_opens_the_organizer_pages_and_gives_recovery_codes(client):
    user = _organizer(superuser=True)
    sign_in(client, "tomas")
    secret = _confirm_password_and_read_secret(client)
    done = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert done.status_code == 302 and has_totp(user)
    assert Authenticator.objects.filter(user=user, type="recovery_codes").exists()
    for url in ORGANIZER_PAGES:
        assert client.get(url).status_code == 200, url


def test_a_session_that_skipped_mfa_is_signed_out(client):
    """An account with an authenticator whose session passed no MFA step (signed in by
    some other way, or before MFA was required) is signed out and sent to sign in."""
    user = _organizer()
    totp_give(user)
    assert client.login(username="tomas", password=PASSWORD)
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/dashboard/"
    assert SESSION_KEY not in client.session


def test_signing_in_with_a_code_reaches_the_page_asked_for(client):
    user = _organizer(superuser=True)
    secret = totp_give(user)
    client.get("/admin/core/ratelimit/")
    response = client.post(
        f"{LOGIN}?next=/admin/core/ratelimit/", {"login": "tomas", "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    done = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert done["Location"] == "/admin/core/ratelimit/"
    assert client.get("/admin/core/ratelimit/").status_code == 200


def test_the_marker_helper_matches_allauths_own_sign_in(client):
    """tests.signin.mfa_mark (what force_login writes in tests) stands for allauth's own
    record of an MFA step; if allauth changes how it records one, this fails first."""
    user = _organizer()
    sign_in(client, "tomas", code=totp_code(totp_give(user)))
    real = client.session
    marked = Client()
    marked.login(username="tomas", password=PASSWORD)
    mfa_mark(marked, user)
    for session in (real, marked.session):
        methods = [r["method"] for r in session[AUTHENTICATION_METHODS_SESSION_KEY]]
        assert "mfa" in methods
        assert session["account_authentication_methods_user"] == str(user.pk)
    assert marked.get("/dashboard/").status_code == 200


def test_the_authenticator_cannot_be_removed_while_mfa_is_required(client):
    user = _organizer()
    secret = totp_give(user)
    sign_in(client, "tomas", code=totp_code(secret))
    client.post("/accounts/2fa/totp/deactivate/", {"code": totp_code(secret, steps=1)})
    assert has_totp(user)


def test_mfa_can_be_relaxed_for_development(client, settings):
    settings.BEACON_STAFF_MFA_REQUIRED = False
    _organizer()
    client.login(username="tomas", password=PASSWORD)
    assert client.get("/dashboard/").status_code == 200


def test_the_deploy_check_warns_when_mfa_is_not_required(settings):
    from beacon.core.signin.checks import staff_mfa_required

    assert staff_mfa_required(None) == []
    settings.BEACON_STAFF_MFA_REQUIRED = False
    assert [w.id for w in staff_mfa_required(None)] == ["beacon.W030"]


# --- The admin's login page ------------------------------------------------------------


def test_the_admin_login_page_sends_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/campaigns/campaign/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/admin/campaigns/campaign/"
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    # Its form is gone: the right credentials posted to it sign nobody in.
    staff_create("tomas", superuser=True)
    posted = client.post("/admin/login/", {"username": "tomas", "password": PASSWORD})
    assert posted.status_code == 302 and posted["Location"].startswith(LOGIN)
    assert SESSION_KEY not in client.session


def test_the_admin_login_page_sends_signed_in_staff_on_and_refuses_others(client):
    admin = staff_create("tomas", superuser=True)
    client.force_login(admin)
    assert client.get("/admin/login/?next=//evil.example/")["Location"] == "/admin/"
    organizer = get_user_model().objects.create_user("ana", password=PASSWORD)
    client.force_login(organizer)
    assert client.get("/admin/login/").status_code == 403


# --- Signup is closed --------------------------------------------------------------------


def test_nobody_can_sign_up(client):
    page = client.get("/accounts/signup/")
    assert page.status_code == 200 and "Sign Up Closed" in page.text
    fields = {"username": "eve", "email": "eve@example.org"}
    client.post("/accounts/signup/", {**fields, "password1": PASSWORD, "password2": PASSWORD})
    assert not get_user_model().objects.filter(username="eve").exists()
    login = client.get(LOGIN).text
    assert "/accounts/signup/" not in login and "sign up" not in login.lower()


# --- The pages themselves ----------------------------------------------------------------


@pytest.mark.parametrize("url", [LOGIN, "/accounts/password/reset/", "/accounts/signup/"])
def test_sign_in_pages_are_beacons_pages_with_labelled_fields(client, url):
    html = client.get(url).text
    assert '<html lang="en"' in html and '<main id="main"' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    for field_id in re.findall(r'<input[^>]*type="(?:text|email|password)"[^>]*id="([^"]+)"', html):
        assert f'for="{field_id}"' in html, field_id


def test_the_set_up_page_is_labelled_and_shows_the_code_without_scripts(client):
    _organizer()
    sign_in(client, "tomas")
    _confirm_password_and_read_secret(client)
    html = client.get(ACTIVATE).text
    assert '<main id="main"' in html and 'src="data:image/svg+xml;base64,' in html
    assert 'for="id_code"' in html and "<script>" not in html


def test_sign_in_pages_speak_the_visitors_language(client):
    client.cookies["django_language"] = "es"
    html = client.get(LOGIN).text
    assert '<html lang="es"' in html
    assert "Contraseña" in html  # allauth's own catalogue
