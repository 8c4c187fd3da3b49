"""Accepting an invitation: the emailed link's page (GET shows it, only POST acts).

A new person sets a password; someone already signed in with the invited address joins
with one button. After accepting, the staff MFA gate (beacon.core.signin) sends an
account without an authenticator to set one up when BEACON_STAFF_MFA_REQUIRED is on.
Links that do not work answer with the confirmation module's error pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from beacon.core.confirmation import ConfirmError, ErrorText, confirmation_error_page

from . import services
from .forms import AcceptForm

BACKEND = "allauth.account.auth_backends.AuthenticationBackend"

_TEXTS = {
    "invalid": ErrorText(
        lambda: _("This invitation link does not work"),
        lambda: _("Check that you copied the whole link, or ask for a new invitation."),
    ),
    "used": ErrorText(
        lambda: _("This invitation was already accepted"),
        lambda: _("Each invitation link works once. Sign in to reach your organization."),
    ),
    "expired": ErrorText(
        lambda: _("This invitation has expired"),
        lambda: _("Ask an owner of the organization to invite you again."),
    ),
    "closed": ErrorText(
        lambda: _("This invitation was replaced"),
        lambda: _("A newer invitation was sent to you; use the link in that email."),
    ),
}


def _error(request: HttpRequest, error: ConfirmError) -> HttpResponse:
    if error.code == "wrong_account":
        return render(request, "organize/invitation_other_account.html", status=403)
    return confirmation_error_page(request, error.code, _TEXTS)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = services.invitation_for_token(token)
    if found is None:
        return _error(request, ConfirmError("invalid"))
    try:
        services.invitation_check(found, user=request.user)
    except ConfirmError as error:
        if error.code != "sign_in":
            return _error(request, error)
        return render(request, "organize/invitation_sign_in.html", {"invitation": found})
    signed_in = request.user.is_authenticated
    form = AcceptForm(request.POST or None) if not signed_in else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            membership = services.invitation_accept(
                token=token,
                user=request.user if signed_in else None,
                password=form.cleaned_data["password1"] if form is not None else "",
            )
        except ConfirmError as error:
            return _error(request, error)
        if not signed_in:
            login(request, membership.user, backend=BACKEND)
        messages.success(request, _("Welcome to %(name)s.") % {"name": found.organization.name})
        return redirect("organize:organization", slug=found.organization.slug)
    status = 422 if request.method == "POST" else 200
    context = {"invitation": found, "form": form}
    return render(request, "organize/invitation.html", context, status=status)
