"""Error pages: every failure gets a clear page in the visitor's language, never a bare 500."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def _error(request, status: int, title: str, message: str):
    return render(
        request,
        "core/error.html",
        {"title": title, "message": message, "status": status},
        status=status,
    )


def bad_request(request, exception=None):
    return _error(
        request,
        400,
        _("Something in that request was not right"),
        _("Please go back and try again."),
    )


def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        _("You cannot see this page"),
        _("If you followed a link, it may have been mistyped."),
    )


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _("We could not find that page"),
        _("The link may be mistyped, or the campaign may not be published yet."),
    )


def server_error(request):
    return _error(
        request,
        500,
        _("Sorry, something went wrong on our side"),
        _("Nothing you did caused this. Please try again in a few minutes."),
    )


def csrf_failure(request, reason=""):
    return _error(
        request,
        403,
        _("Your form expired"),
        _(
            "For your security, forms stop working after a while or when cookies are blocked. "
            "Please go back, reload the page and send the form again."
        ),
    )
