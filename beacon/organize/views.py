"""The organizer workspace: organizations, their teams and campaigns' lifecycle.

Every view asks the gate (beacon.organize.gate) before it reads or writes: someone who
may not see an organization gets 404, a member whose role does not allow the step 403.
Views parse input, call one service and render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beacon.campaigns.models import Membership, Organization

from . import gate, selectors, services
from .forms import InviteForm, OrganizationForm, RoleForm
from .gate import Permission

_MEMBER_ERRORS = {
    "self": lambda: _("You cannot change or remove your own role. Ask another owner."),
    "last_owner": lambda: _("An organization keeps at least one owner."),
}


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The organizations the user belongs to."""
    context = {
        "organizations": selectors.organization_list_for_user(request.user),
        "may_create": gate.can(request.user, Permission.CREATE_ORGANIZATION, None),
    }
    return render(request, "organize/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organization_new(request: HttpRequest) -> HttpResponse:
    """Operators only: a new organization and the invitation of its first owner."""
    gate.require(request.user, Permission.CREATE_ORGANIZATION, None)
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization, _invitation = services.organization_create(
            actor=request.user, **form.cleaned_data
        )
        messages.success(request, _("Organization created; its first owner was invited."))
        return redirect("organize:organization", slug=organization.slug)
    status = 422 if request.method == "POST" else 200
    return render(request, "organize/organization_new.html", {"form": form}, status=status)


def _context(request: HttpRequest, organization: Organization, **extra: object) -> dict:
    user = request.user
    return {
        "organization": organization,
        "may_manage": gate.can(user, Permission.MANAGE_MEMBERS, organization),
        "may_publish": gate.can(user, Permission.PUBLISH, organization),
        "may_export_contacts": gate.can(user, Permission.EXPORT_CONTACTS, organization),
        "may_read_audit": gate.can(user, Permission.READ_AUDIT, organization),
        "role": gate.role_of(user, organization),
        **extra,
    }


@login_required
@require_GET
def organization(request: HttpRequest, slug: str) -> HttpResponse:
    """An organization's campaigns and team."""
    org = gate.organization_for(request.user, slug, Permission.VIEW)
    context = _context(
        request,
        org,
        campaigns=selectors.campaign_list_for_organization(org),
        members=selectors.member_list_for_organization(org),
    )
    return render(request, "organize/organization.html", context)


@login_required
@require_GET
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """The team; owners also get the invitation form and each member's role and removal."""
    org = gate.organization_for(request.user, slug, Permission.VIEW)
    return _members_page(request, org, InviteForm(), status=200)


def _members_page(request: HttpRequest, org: Organization, form: InviteForm, *, status: int):
    may_manage = gate.can(request.user, Permission.MANAGE_MEMBERS, org)
    context = _context(
        request,
        org,
        members=selectors.member_list_for_organization(org),
        invitations=selectors.invitation_list_open(org) if may_manage else [],
        form=form,
        roles=Membership.Role.choices,
    )
    return render(request, "organize/members.html", context, status=status)


@login_required
@require_POST
def member_invite(request: HttpRequest, slug: str) -> HttpResponse:
    org = gate.organization_for(request.user, slug, Permission.MANAGE_MEMBERS)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _members_page(request, org, form, status=422)
    services.invitation_send(actor=request.user, organization=org, **form.cleaned_data)
    messages.success(request, _("Invitation sent to %(email)s.") % form.cleaned_data)
    return redirect("organize:members", slug=org.slug)


def _membership(org: Organization, pk: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("user"), organization=org, pk=pk)


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    org = gate.organization_for(request.user, slug, Permission.MANAGE_MEMBERS)
    membership = _membership(org, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _members_page(request, org, InviteForm(), status=422)
    try:
        services.member_role_change(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
    except services.MemberError as error:
        messages.error(request, _MEMBER_ERRORS[error.code]())
        return _members_page(request, org, InviteForm(), status=409)
    messages.success(request, _("Role changed."))
    return redirect("organize:members", slug=org.slug)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    org = gate.organization_for(request.user, slug, Permission.MANAGE_MEMBERS)
    membership = _membership(org, pk)
    try:
        services.member_remove(actor=request.user, membership=membership)
    except services.MemberError as error:
        messages.error(request, _MEMBER_ERRORS[error.code]())
        return _members_page(request, org, InviteForm(), status=409)
    messages.success(request, _("Member removed."))
    return redirect("organize:members", slug=org.slug)
