"""The "Your data" pages.

/your-data/ asks for an email and always answers "check your email"; the emailed link
(/your-data/open/<token>/) shows a button, and pressing it opens the page in that browser
for BEACON_DATA_SESSION_SECONDS: the session then holds the proven address, and every
change is a POST from that session. A second browser, a replayed or an expired link get
the confirmation module's error page.
"""

from __future__ import annotations

import json
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from beacon.core.confirmation import ConfirmFlow, ErrorText, confirmation_view
from beacon.core.limits.gate import limited_response, request_gate

from ..models import NewsConsent
from .browser import CALLS_SESSION_KEY, calls_recorded
from .forms import DataLinkForm
from .news import news_stop_consent
from .selectors import supporter_data, supporter_export
from .services import (
    data_link_open,
    data_link_pending,
    data_link_request,
    news_stop,
    news_stop_one,
    signature_withdraw,
    supporter_erase,
    supporter_names_hide,
)

SESSION_KEY = "your_data"


@require_http_methods(["GET", "POST"])
def data_request(request: HttpRequest) -> HttpResponse:
    """The form that emails the link. Same answer whether the address is known or not."""
    form = DataLinkForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            if held := request_gate(request, "your_data"):
                return limited_response(request, held)
            data_link_request(email=form.cleaned_data["email"], language=get_language() or "en")
            return redirect("actions:your-data-sent")
        return render(request, "actions/yourdata/request.html", {"form": form}, status=422)
    return render(request, "actions/yourdata/request.html", {"form": form})


def data_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "actions/yourdata/sent.html")


_LINK_TEXTS = {
    "invalid": ErrorText(
        lambda: _("This link is not valid"),
        lambda: _("Please check that you copied the whole link from the email."),
    ),
    "used": ErrorText(
        lambda: _("This link was already used"),
        lambda: _("Each link works once. Ask for a new one on the “Your data” page."),
    ),
    "expired": ErrorText(
        lambda: _("This link has expired"),
        lambda: _("Links work for a short time. Ask for a new one on the “Your data” page."),
    ),
    "closed": ErrorText(
        lambda: _("This link has expired"),
        lambda: _("Links work for a short time. Ask for a new one on the “Your data” page."),
    ),
}


def _opened(request: HttpRequest, link) -> HttpResponse:
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "email": link.email_canonical,
        "until": time.time() + settings.BEACON_DATA_SESSION_SECONDS,
    }
    return redirect("actions:your-data-manage")


data_open = confirmation_view(
    ConfirmFlow(
        pending=lambda token: data_link_pending(token=token),
        is_used=lambda link: link.used_at is not None,
        show=lambda request, link: render(request, "actions/yourdata/open.html"),
        confirm=lambda token: data_link_open(token=token),
        done=_opened,
        texts=_LINK_TEXTS,
    )
)


def _proven_email(request: HttpRequest) -> str | None:
    """The address this browser proved by opening a link, while it is still valid."""
    value = request.session.get(SESSION_KEY)
    if not isinstance(value, dict) or not isinstance(value.get("email"), str):
        return None
    if not isinstance(value.get("until"), (int, float)) or value["until"] < time.time():
        request.session.pop(SESSION_KEY, None)
        return None
    return value["email"]


def _expired(request: HttpRequest) -> HttpResponse:
    return render(request, "actions/yourdata/expired.html", status=403)


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) <= 12 else None


@never_cache
@require_http_methods(["GET", "POST"])
def data_manage(request: HttpRequest) -> HttpResponse:
    """Everything the address did; POST `do` = hide, withdraw, stop_news, erase."""
    email = _proven_email(request)
    if email is None:
        return _expired(request)
    notice = ""
    if request.method == "POST":
        do = request.POST.get("do", "")
        if do == "hide":
            supporter_names_hide(email_canonical=email)
            notice = _("Your name is no longer shown on any public list.")
        elif do == "withdraw" and (pk := _int(request.POST.get("signature", ""))):
            if signature_withdraw(email_canonical=email, signature_id=pk):
                notice = _("Your signature was withdrawn. The count will drop within a minute.")
        elif do == "stop_news":
            organization = _int(request.POST.get("organization", ""))
            news_stop(
                email_canonical=email,
                organization_id=organization,
                how=NewsConsent.Withdrawn.YOUR_DATA,
            )
            notice = _("Done: you will get no more news from them.")
        elif do == "erase":
            if request.POST.get("sure") != "yes":
                data = supporter_data(email, call_ids=calls_recorded(request))
                context = {"data": data, "erase_error": True}
                return render(request, "actions/yourdata/manage.html", context, status=422)
            report = supporter_erase(email_canonical=email, call_ids=calls_recorded(request))
            request.session.pop(SESSION_KEY, None)
            request.session.pop(CALLS_SESSION_KEY, None)
            return render(request, "actions/yourdata/erased.html", {"report": report})
        if notice:
            request.session["your_data_notice"] = notice
        return redirect("actions:your-data-manage")
    notice = request.session.pop("your_data_notice", "")
    data = supporter_data(email, call_ids=calls_recorded(request))
    return render(request, "actions/yourdata/manage.html", {"data": data, "notice": notice})


def data_download(request: HttpRequest) -> HttpResponse:
    """Everything on the page, as a JSON file."""
    email = _proven_email(request)
    if email is None:
        return _expired(request)
    data = supporter_data(email, call_ids=calls_recorded(request))
    body = json.dumps(supporter_export(data), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="beacon-your-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def news_stop_view(request: HttpRequest, token: str) -> HttpResponse:
    """The one-click unsubscribe of news mails. GET shows a button (link scanners must not
    unsubscribe anyone); POST, from that button or straight from a mail client (RFC 8058,
    which sends no CSRF token), withdraws that one consent and nothing else."""
    consent = news_stop_consent(token)
    if consent is None:
        return render(request, "actions/yourdata/news_stopped.html", {"done": False}, status=404)
    organization = consent.organization.name
    if request.method == "POST":
        news_stop_one(consent=consent)
        return render(
            request,
            "actions/yourdata/news_stopped.html",
            {"done": True, "organization": organization},
        )
    return render(request, "actions/yourdata/news_stop.html", {"organization": organization})
