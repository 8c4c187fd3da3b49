"""The admin's login page, replaced: it never shows a form of its own."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """Set as `admin.site.login`: a visitor is sent to allauth's sign-in (password, then
    MFA) and back; a signed-in operator (superuser) goes on to the admin, anyone else
    signed in gets 403 (organizers work at /organize/). Django's own admin
    login form would authenticate without allauth's limits or MFA, so no request, GET or
    POST, reaches it."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    if not admin_permission(request):
        raise PermissionDenied
    return redirect(next_url)


def admin_permission(request: HttpRequest) -> bool:
    """Set as `admin.site.has_permission`: the admin is the operators' tool, so only an
    active superuser reaches it, whatever staff flag or permissions an account holds."""
    user = request.user
    return bool(user.is_active and user.is_superuser)
