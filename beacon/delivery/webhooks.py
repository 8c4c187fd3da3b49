"""Bounce and complaint webhooks: /delivery/webhooks/<provider>/.

We reuse django-anymail's tracking webhook views for each provider's documented payload
and signature (anymail knows Postmark's, Mailgun's HMAC, SendGrid's, ...), but call our
service directly instead of going through anymail's `tracking` signal: settling a
message is a workflow, and house style keeps workflows out of signals.

Authentication is never optional here: a basic-auth secret from settings
(BEACON_DELIVERY_WEBHOOK_SECRET, "user:password", compared in constant time) is
required for every provider, and the provider's own signature is checked on top where
anymail supports one. Responses: 403 unauthenticated (or not configured), 400 for a
payload we cannot read, 404 for an unknown provider, 200 otherwise; never 500.
"""

from __future__ import annotations

import base64
import binascii
import logging
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from beacon.delivery import conf
from beacon.delivery.providers.django_mail import scrub
from beacon.delivery.services import message_fail_from_provider

if TYPE_CHECKING:
    from anymail.signals import AnymailTrackingEvent

logger = logging.getLogger(__name__)

# URL slug -> anymail tracking view. Amazon SES is left out: its SNS subscription
# handshake needs boto3 and outbound HTTPS, which we do not ship.
TRACKING_VIEWS = {
    "postmark": "anymail.webhooks.postmark.PostmarkTrackingWebhookView",
    "mailgun": "anymail.webhooks.mailgun.MailgunTrackingWebhookView",
    "sendgrid": "anymail.webhooks.sendgrid.SendGridTrackingWebhookView",
    "brevo": "anymail.webhooks.brevo.BrevoTrackingWebhookView",
    "mailjet": "anymail.webhooks.mailjet.MailjetTrackingWebhookView",
    "sparkpost": "anymail.webhooks.sparkpost.SparkPostTrackingWebhookView",
    "postal": "anymail.webhooks.postal.PostalTrackingWebhookView",
    "mailersend": "anymail.webhooks.mailersend.MailerSendTrackingWebhookView",
    "resend": "anymail.webhooks.resend.ResendTrackingWebhookView",
}
# anymail's normalised event types that mean "this message did not reach a person".
FAILING_EVENTS = {"bounced", "rejected", "failed", "complained"}
# The anymail metadata key carrying our Message-ID (set in composing.build_email).
METADATA_KEY = "beacon_message_id"


def _basic_auth(request: HttpRequest) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    kind, _space, data = header.partition(" ")
    if kind.lower() != "basic" or not data:
        return ""
    try:
        return base64.b64decode(data.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ""


def _authenticated(request: HttpRequest) -> bool:
    secret = conf.webhook_secret()
    # An unset secret closes the endpoint rather than opening it.
    return bool(secret) and constant_time_compare(_basic_auth(request), secret)


@csrf_exempt
@require_POST
def tracking_webhook(request: HttpRequest, provider: str) -> HttpResponse:
    """Mark messages failed from a provider's bounce/complaint events."""
    view_path = TRACKING_VIEWS.get(provider)
    if view_path is None:
        raise Http404("unknown provider")
    if not _authenticated(request):
        return HttpResponse("unauthenticated", status=403, content_type="text/plain")
    try:
        # Hand anymail the same secret so its own basic-auth check agrees with ours.
        view = import_string(view_path)(webhook_secret=[conf.webhook_secret()])
        view.setup(request, provider=provider)
        view.run_validators(request)
    except ImproperlyConfigured:
        logger.error("delivery: %s webhook is not configured (signing key?)", provider)
        return HttpResponse("not configured", status=403, content_type="text/plain")
    except Exception as exc:  # AnymailWebhookValidationFailure, or a malformed signature
        logger.warning("delivery: %s webhook refused: %s", provider, type(exc).__name__)
        return HttpResponse("invalid signature", status=403, content_type="text/plain")
    try:
        events = view.parse_events(request)
    except Exception as exc:  # Untrusted input: any parse error is the sender's.
        logger.warning("delivery: %s webhook payload unreadable: %s", provider, type(exc).__name__)
        return HttpResponse("bad payload", status=400, content_type="text/plain")
    changed = sum(_apply(provider, event) for event in events)
    logger.info(
        "delivery: %s webhook, %s events, %s messages failed", provider, len(events), changed
    )
    return HttpResponse("ok", content_type="text/plain")


def _apply(provider: str, event: AnymailTrackingEvent) -> int:
    if str(getattr(event, "event_type", "")) not in FAILING_EVENTS:
        return 0
    metadata = getattr(event, "metadata", None) or {}
    our_id = metadata.get(METADATA_KEY, "") if isinstance(metadata, dict) else ""
    esp_id = str(event.message_id or "")
    reason = f"{provider} {event.event_type}"
    detail = event.reject_reason or event.description
    if detail:
        reason = f"{reason}: {scrub(detail, limit=200)}"
    return message_fail_from_provider(
        provider_message_id=esp_id, message_id=str(our_id) or esp_id, reason=reason
    )
