"""The petition flow over HTTP: statuses, messages in the visitor's language, no 500s."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from beacon.actions.models import Signature
from beacon.campaigns.models import Campaign
from beacon.delivery.models import OutboundMessage
from tests.actions.factories import ConfirmedSignatureFactory
from tests.campaigns.factories import CampaignFactory, PetitionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_each_request")]

GOOD = {"first_name": "Rosa", "last_name": "Díaz", "email": "rosa@example.org", "zip_code": "02150"}
LINK_RE = re.compile(r"/confirm/([A-Za-z0-9_-]+)/")


def post_sign(client, campaign, **changes):
    return client.post(f"/c/{campaign.slug}/sign/", {**GOOD, **changes})


def test_campaign_page_shows_count_goal_starter_deadline_and_public_signers(client):
    petition = PetitionFactory(campaign__goal=10, signature_count=3)
    ConfirmedSignatureFactory(petition=petition, first_name="Marisol", town="Lynn", is_public=True)
    ConfirmedSignatureFactory(petition=petition, first_name="Hidden", is_public=False)
    response = client.get(f"/c/{petition.campaign.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 signatures of 10" in html
    assert "Started by Clara Long" in html
    assert "Time left:" in html
    assert "Marisol from Lynn" in html
    assert "Hidden" not in html
    assert 'for="id_zip_code"' in html


def test_signing_redirects_to_check_your_email_and_queues_one_message(client, smtp_server):
    petition = PetitionFactory()
    response = post_sign(client, petition.campaign)
    assert response.status_code == 302
    assert response["Location"] == f"/c/{petition.campaign.slug}/check-your-email/"
    assert client.get(response["Location"]).status_code == 200
    assert Signature.objects.filter(status="pending").count() == 1
    assert len(smtp_server.wait_for(1)) == 1
    # The address never appears in a URL.
    assert "rosa" not in response["Location"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_name": ""}, "Please enter your first name."),
        ({"email": "not-an-email"}, "Please enter an email address like name@example.com."),
        ({"zip_code": "2150"}, "Please enter a five-digit ZIP code"),
        ({"first_name": "R" * 61}, "longer than we can take"),
        ({"last_name": "Díaz\x00"}, "Null characters are not allowed"),
        ({"last_name": "Díaz\x07"}, "unusual characters"),
        ({"first_name": "Rosa\nBcc: x@example.org"}, "unusual characters"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_written(client, changes, message):
    petition = PetitionFactory()
    response = post_sign(client, petition.campaign, **changes)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Signature.objects.exists()
    assert not OutboundMessage.objects.exists()


def test_errors_come_in_the_visitors_language(client):
    petition = PetitionFactory()
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    response = post_sign(client, petition.campaign, first_name="")
    assert response.status_code == 422
    assert 'lang="es"' in response.content.decode()
    assert "Por favor, escribe tu nombre." in response.content.decode()


def test_the_language_choice_is_remembered(client):
    petition = PetitionFactory()
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert response.cookies["django_language"].value == "es"
    page = client.get(f"/c/{petition.campaign.slug}/").content.decode()
    assert "Firmar la petición" in page


def test_a_signature_made_in_spanish_gets_its_email_in_spanish(client, smtp_server):
    petition = PetitionFactory()
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    post_sign(client, petition.campaign)
    [message] = smtp_server.wait_for(1)
    assert "Confirma tu firma" in message["Subject"]


def test_unknown_and_draft_campaigns_are_not_found(client):
    draft = CampaignFactory(status=Campaign.Status.DRAFT)
    PetitionFactory(campaign=draft)
    assert client.get("/c/no-such-campaign/").status_code == 404
    assert client.get(f"/c/{draft.slug}/").status_code == 404
    assert post_sign(client, draft).status_code == 404
    assert not Signature.objects.exists()


@pytest.mark.parametrize("status", [Campaign.Status.CLOSED, Campaign.Status.WON])
def test_closed_and_won_campaigns_show_why_and_refuse_signatures(client, status):
    petition = PetitionFactory(campaign__status=status, campaign__victory_message="We did it!")
    page = client.get(f"/c/{petition.campaign.slug}/").content.decode()
    assert "Sign the petition" not in page
    if status == Campaign.Status.WON:
        assert "Victory!" in page and "We did it!" in page
    else:
        assert "This campaign is closed" in page
    response = post_sign(client, petition.campaign)
    assert response.status_code == 410
    assert not Signature.objects.exists()


def test_past_deadline_campaign_says_so_and_refuses(client):
    petition = PetitionFactory(campaign__deadline=timezone.now() - timedelta(hours=1))
    page = client.get(f"/c/{petition.campaign.slug}/").content.decode()
    assert "This campaign is closed" in page
    assert post_sign(client, petition.campaign).status_code == 410


def test_confirm_link_shows_a_button_and_only_post_confirms(client, smtp_server):
    petition = PetitionFactory()
    post_sign(client, petition.campaign)
    body = smtp_server.wait_for(1)[0].get_body(("plain",)).get_content()
    token = LINK_RE.search(body).group(1)
    page = client.get(f"/confirm/{token}/")
    assert page.status_code == 200
    assert "Confirm my signature" in page.content.decode()
    assert Signature.objects.get().status == "pending"  # a GET never confirms
    response = client.post(f"/confirm/{token}/")
    assert response.status_code == 302
    assert Signature.objects.get().status == "confirmed"
    thanks = client.get(response["Location"]).content.decode()
    share_code = Signature.objects.get().share_code
    assert f"?ref={share_code}" in thanks
    for service in ("wa.me", "facebook.com/sharer", "x.com/intent", "bsky.app/intent", "mailto:"):
        assert service in thanks
    # A reused link gets a clear page, not a second count.
    again = client.post(f"/confirm/{token}/")
    assert again.status_code == 410
    assert "already confirmed" in again.content.decode()


def test_an_invalid_confirm_link_is_a_clear_404(client):
    response = client.get("/confirm/garbage/")
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert client.post("/confirm/garbage/").status_code == 404


def test_a_referral_code_is_recorded(client):
    petition = PetitionFactory()
    post_sign(client, petition.campaign, ref="abcd2345")
    assert Signature.objects.get().referral_code == "abcd2345"
    post_sign(client, petition.campaign, email="other@example.org", ref="<script>")
    assert Signature.objects.get(email="other@example.org").referral_code == ""


def test_csrf_failure_gets_a_clear_page():
    petition = PetitionFactory()
    client = Client(enforce_csrf_checks=True)
    response = post_sign(client, petition.campaign)
    assert response.status_code == 403
    assert "Your form expired" in response.content.decode()
    assert not Signature.objects.exists()


def test_pages_send_a_strict_content_security_policy(client):
    petition = PetitionFactory()
    response = client.get(f"/c/{petition.campaign.slug}/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_home_lists_public_campaigns_only(client):
    live = CampaignFactory(title="Live one")
    CampaignFactory(title="Secret draft", status=Campaign.Status.DRAFT)
    html = client.get("/").content.decode()
    assert live.title in html and "Secret draft" not in html


def test_the_campaign_page_is_rendered_once_per_language_and_still_personal(
    client, django_assert_num_queries
):
    petition = PetitionFactory()
    url = f"/c/{petition.campaign.slug}/"
    first = client.get(url + "?ref=abcd2345").content.decode()
    with django_assert_num_queries(1):  # only the page version
        second = Client().get(url).content.decode()
    assert 'value="abcd2345"' in first and "abcd2345" not in second
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', second).group(1)
    assert "__beacon" not in second and token
    # The token in a cached page is this visitor's own: the form posts fine.
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = visitor.post(f"{url}sign/", {**GOOD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    spanish = Client(headers={"accept-language": "es"}).get(url).content.decode()
    assert 'lang="es"' in spanish


def test_a_status_change_shows_at_once_despite_the_page_cache(client):
    petition = PetitionFactory()
    url = f"/c/{petition.campaign.slug}/"
    assert "Sign the petition" in client.get(url).content.decode()
    Campaign.objects.filter(pk=petition.campaign_id).update(status=Campaign.Status.CLOSED)
    assert "This campaign is closed" in client.get(url).content.decode()


@pytest.mark.parametrize("typed", ["rosa@example.org", "ROSA@Example.org", "rosa+sign@example.org"])
@pytest.mark.parametrize("earlier", ["pending", "confirmed"])
def test_signing_with_a_known_email_is_answered_as_a_new_one(smtp_server, earlier, typed):
    from tests.same_response import assert_same_response

    petition = PetitionFactory()
    assert post_sign(Client(), petition.campaign).status_code == 302  # Rosa signs.
    if earlier == "confirmed":
        link = LINK_RE.search(smtp_server.wait_for(1)[0].get_content()).group(0)
        assert Client().post(link).status_code == 302
    # Two other visitors: one with a new address, one with Rosa's (as typed).
    new_client, known_client = Client(), Client()
    new = post_sign(new_client, petition.campaign, email="nobody.new@example.org")
    known = post_sign(known_client, petition.campaign, email=typed)
    assert_same_response(known, new, known_typed=[typed], new_typed=["nobody.new@example.org"])
    pages = [c.get(new["Location"]) for c in (known_client, new_client)]
    assert_same_response(*pages, known_typed=[], new_typed=[])
    # Rosa's signature is still one row, as it was.
    assert Signature.objects.filter(email="rosa@example.org").get().status == earlier
    assert Signature.objects.count() == 2


def _heading(html: str, text: str) -> bool:
    return bool(re.search(rf"<h[1-6][^>]*>\s*{re.escape(text)}\s*</h[1-6]>", html))


def test_every_other_page_of_the_flow_in_spanish(client, smtp_server):
    """The Spanish words of tests/e2e/test_petition_journey.py's
    test_every_other_page_of_the_flow_is_accessible, which runs in English: form errors,
    an unknown campaign, a link that is not valid, a link already used, a petition that
    closes while the form is open, and the pages of closed and won campaigns, for a
    browser that asks for Spanish."""
    from django.utils import translation
    from django.utils.html import escape

    from beacon.campaigns.demo import demo_load

    def es(message: str) -> str:
        with translation.override("es"):
            return escape(translation.gettext(message))

    campaign = demo_load()
    spanish = Client(headers={"Accept-Language": "es"})
    url = campaign.get_absolute_url()
    page = spanish.get(url).text
    assert '<html lang="es"' in page and es("Time left:") in page

    errors = spanish.post(f"/c/{campaign.slug}/sign/", {"email": "not-an-email"})
    assert errors.status_code == 422
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', errors.text, re.S)
    assert summary and _heading(summary.group(), es("Please check the form"))
    assert summary.group().count("<a href=") == 4

    unknown = spanish.get("/c/no-such-campaign/")
    assert unknown.status_code == 404
    assert _heading(unknown.text, es("We could not find that page"))
    invalid = spanish.get("/confirm/not-a-real-token/")
    assert _heading(invalid.text, es("This confirmation link is not valid"))

    assert spanish.post(f"/c/{campaign.slug}/sign/", GOOD).status_code == 302
    token = LINK_RE.search(smtp_server.wait_for(1)[0].get_body(("plain",)).get_content())
    link = f"/confirm/{token.group(1)}/"
    assert es("Confirm my signature") in spanish.get(link).text
    assert spanish.post(link).status_code == 302
    assert _heading(spanish.get(link).text, es("You have already confirmed your signature"))

    # The petition closes while a second visitor is filling in the form.
    assert es("Sign the petition") in spanish.get(url).text
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    marta = {**GOOD, "first_name": "Marta", "email": "marta@example.org"}
    closed_on_submit = spanish.post(f"/c/{campaign.slug}/sign/", marta)
    assert _heading(closed_on_submit.text, es("This campaign is closed"))
    assert not Signature.objects.filter(email="marta@example.org").exists()

    closed = spanish.get(url).text
    banner = re.search(r'<div class="status-banner[^"]*" role="status">.*?</div>', closed, re.S)
    assert banner and es("This campaign is closed and no longer takes signatures.") in banner[0]
    assert es("Sign the petition") not in closed
    assert es("Time left:") not in closed

    Campaign.objects.filter(pk=campaign.pk).update(
        status=Campaign.Status.WON, victory_message="The Governor signed the bill today."
    )
    won = spanish.get(url).text
    banner = re.search(r'<div class="status-banner[^"]*" role="status">.*?</div>', won, re.S)
    assert banner and es("Victory! This campaign has won.") in banner[0]
    assert "The Governor signed the bill today." in banner[0]
    assert es("Time left:") not in won
