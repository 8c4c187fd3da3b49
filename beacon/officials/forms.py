"""The "Find your legislators" form: an address, or a location from the browser."""

from __future__ import annotations

import math
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from beacon.core.forms import LineField

_ZIP_RE = re.compile(r"^\d{5}(-?\d{4})?$")


class LookupForm(forms.Form):
    """Street, city or town, ZIP code; or lat/lon filled in by "Use my location"."""

    street = LineField(
        label=_("Street address"), max_length=200, autocomplete="street-address", required=False
    )
    city = LineField(
        label=_("City or town"), max_length=100, autocomplete="address-level2", required=False
    )
    zip_code = LineField(
        label=_("ZIP code"), max_length=10, autocomplete="postal-code", required=False
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zip_code"].widget.attrs.update(inputmode="numeric")

    def clean_zip_code(self) -> str:
        value: str = self.cleaned_data["zip_code"]
        if value and not _ZIP_RE.match(value):
            raise forms.ValidationError(_("Enter a 5-digit ZIP code, like 02108."), code="zip")
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()  # It returns `cleaned_data` itself (typed as possibly None).
        data = self.cleaned_data
        lat, lon = data.get("lat"), data.get("lon")
        if lat is not None and lon is not None:
            if not (math.isfinite(lat) and math.isfinite(lon)):
                raise forms.ValidationError(_("Your location could not be read."), code="location")
            return data
        if not self.errors and not (data.get("street") or data.get("city") or data.get("zip_code")):
            raise forms.ValidationError(
                _(
                    "Enter your street address and city or town, or at least your city, town "
                    "or ZIP code."
                ),
                code="empty",
            )
        if data.get("street") and not (data.get("city") or data.get("zip_code")):
            self.add_error(
                "city",
                forms.ValidationError(
                    _("Enter your city or town too, so we can find the street."), code="city"
                ),
            )
        return data

    @property
    def is_location(self) -> bool:
        return self.cleaned_data.get("lat") is not None and self.cleaned_data.get("lon") is not None
