"""Organizers' lists: upload members' addresses or points, get them back with districts.

The upload is read once, row by row, and deleted as soon as the answer is written; the
answer (the members' columns followed by Beacon's, see `beacon.officials.bulk`) is kept
in a temporary file only while it is sent. Nothing of the list is stored or logged.
"""

from __future__ import annotations

import codecs
import csv
import tempfile

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from beacon.core.audit.services import audit_export
from beacon.core.exports import csv_cell
from beacon.officials.bulk import addresses_lookup, points_lookup
from beacon.organize.gate import Permission, organizations_where

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
FILENAME = "members-with-districts.csv"


class MemberListForm(forms.Form):
    """A CSV of members and what its rows hold."""

    members = forms.FileField(
        label=_("Members' CSV file"),
        help_text=_("Columns named street, city and zip (or one address column), or lat and lon."),
    )
    kind = forms.ChoiceField(
        label=_("The file holds"),
        choices=[("addresses", _("addresses")), ("points", _("map points (lat, lon)"))],
        widget=forms.RadioSelect,
        initial="addresses",
    )

    def clean_members(self):
        upload = self.cleaned_data["members"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."), code="size")
        return upload


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def member_districts(request):
    """Upload form; on POST, the same CSV back with districts and legislators."""
    if not organizations_where(request.user, Permission.VIEW).exists():
        raise Http404
    form = MemberListForm(request.POST or None, request.FILES or None)
    if request.method == "GET" or not form.is_valid():
        status = 422 if request.method == "POST" else 200
        return render(request, "dashboard/member_districts.html", {"form": form}, status=status)
    upload, kind = form.cleaned_data["members"], form.cleaned_data["kind"]
    lookup = points_lookup if kind == "points" else addresses_lookup
    answer = tempfile.TemporaryFile(mode="w+b")
    text = codecs.getwriter("utf-8")(answer)
    try:
        rows = csv.reader(codecs.iterdecode(upload, "utf-8-sig", errors="replace"))
        lookup(rows, fmt="csv", write=text.write, cell=csv_cell)
    finally:
        upload.close()  # A temporary upload file is deleted when closed.
    answer.seek(0)
    # A members' list belongs to no one organization in Beacon: the entry names none.
    audit_export(actor=request.user, filename=FILENAME, organization=None, detail={"kind": kind})
    response = FileResponse(answer, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    response["Cache-Control"] = "no-store"
    return response
