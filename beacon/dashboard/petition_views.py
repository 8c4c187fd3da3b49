"""Organizer pages for petitions: results, the signer export, signatures gathered
offline, and the organization's people export. Login required; every page's permission
check is one function in beacon.dashboard.gates."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from beacon.actions.offline import MAX_COUNT, offline_signatures_add, offline_signatures_remove
from beacon.core.audit.services import audit_export
from beacon.core.exports import csv_response

from . import gates
from .people import people_export_rows
from .petitions import petition_list_for_campaigns, petition_results, signature_export_rows


class OfflineSignaturesForm(forms.Form):
    count = forms.IntegerField(label=_("Number of signatures"), min_value=1, max_value=MAX_COUNT)
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        help_text=_("Where they come from, for example “paper petitions, March 3”."),
    )


@login_required
def petition_index(request):
    """Every petition the organizer may see, with confirmed, pending and offline counts."""
    campaigns = gates.petition_index_campaigns(request.user)
    context = {"petitions": petition_list_for_campaigns(campaigns)}
    return render(request, "dashboard/petitions_index.html", context)


def _results_page(request, petition, form=None, status=200):
    results = petition_results(petition=petition)
    context = {
        "petition": petition,
        "campaign": petition.campaign,
        "results": results,
        "may_change": gates.may_see_contacts(request.user, petition.campaign),
        "form": form or OfflineSignaturesForm(),
    }
    return render(request, "dashboard/petition.html", context, status=status)


@login_required
def petition_results_page(request, pk: int):
    """Totals, daily chart, referral sources, constituents and offline signatures."""
    return _results_page(request, gates.petition_for_results(request.user, pk=pk))


@login_required
def petition_export(request, pk: int):
    """The petition's signatures as CSV; every export is written to the audit log."""
    petition = gates.petition_for_results(request.user, pk=pk)
    with_contacts = gates.may_see_contacts(request.user, petition.campaign)
    filename = f"signatures-{petition.pk}.csv"
    audit_export(
        actor=request.user,
        filename=filename,
        organization=petition.campaign.organization,
        detail={"petition": petition.pk, "with_contacts": with_contacts},
    )
    rows = signature_export_rows(petition=petition, with_contacts=with_contacts)
    return csv_response(rows, filename=filename)


@login_required
@require_POST
def offline_add(request, pk: int):
    """Add signatures gathered offline (owners and editors)."""
    petition = gates.petition_for_offline_change(request.user, pk=pk)
    form = OfflineSignaturesForm(request.POST)
    if not form.is_valid():
        return _results_page(request, petition, form=form, status=422)
    entry = offline_signatures_add(petition=petition, actor=request.user, **form.cleaned_data)
    messages.success(
        request,
        ngettext(
            "%(count)d signature gathered offline was added to the total.",
            "%(count)d signatures gathered offline were added to the total.",
            entry.count,
        )
        % {"count": entry.count},
    )
    return redirect("dashboard:petition", pk=petition.pk)


@login_required
@require_POST
def offline_remove(request, pk: int, entry: int):
    """Remove one entry of offline signatures made in error (owners and editors)."""
    petition = gates.petition_for_offline_change(request.user, pk=pk)
    found = petition.offline_signatures.filter(pk=entry).first()
    if found is None:
        raise Http404("entry")
    offline_signatures_remove(entry=found, actor=request.user)
    messages.success(request, _("The entry was removed from the total."))
    return redirect("dashboard:petition", pk=petition.pk)


@login_required
def people_export(request, pk: int):
    """Supporters who consented to the organization's news, in Action Network's upload
    layout (beacon.dashboard.people); contacts for owners and editors; audit-logged."""
    organization = gates.organization_for_people_export(request.user, pk=pk)
    with_contacts = gates.may_see_organization_contacts(request.user, organization)
    filename = f"people-{organization.slug}.csv"
    audit_export(
        actor=request.user,
        filename=filename,
        organization=organization,
        detail={"people": "action_network", "with_contacts": with_contacts},
    )
    rows = people_export_rows(organization=organization, with_contacts=with_contacts)
    return csv_response(rows, filename=filename)
