"""The one CSV export: streamed row by row, every cell safe to open in a spreadsheet.

Every export (letters, calls and whatever comes next) answers through `csv_response`, so
formula quoting and the no-store header cannot be forgotten in one of them."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse

# A cell starting with one of these is a formula in spreadsheets (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write returns the line, so csv.writer yields it."""

    def write(self, value: str) -> str:
        return value


def csv_cell(value: object) -> str:
    """The value as text, quoted with a leading apostrophe if a spreadsheet would read it
    as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in _FORMULA_STARTS else text


def csv_response(rows: Iterable[Iterable[object]], *, filename: str) -> StreamingHttpResponse:
    """A streaming attachment named `filename` with one CSV line per row (the first row is
    the header), every cell through `csv_cell`; never cached, since exports hold
    personal data."""
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow([csv_cell(value) for value in row]) for row in rows),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
