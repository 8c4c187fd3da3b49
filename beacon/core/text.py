"""Text sanitising shared by every app: control characters, Markdown, header safety."""

from __future__ import annotations

import re
import unicodedata

import markdown  # type: ignore[import-untyped]  # no stubs: types-Markdown is not a dev dependency
import nh3

# C0/C1 control characters other than tab, line feed and carriage return, plus the
# Unicode bidirectional overrides that can disguise text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK_RE = re.compile(r"[\r\n\u2028\u2029\x85]")

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "hr",
    "code",
    "pre",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def has_control_characters(value: str, *, allow_newlines: bool = False) -> bool:
    """True when the text holds control characters (line breaks only if not allowed)."""
    if _CONTROL_RE.search(value):
        return True
    return not allow_newlines and bool(_LINE_BREAK_RE.search(value))


def clean_single_line(value: str) -> str:
    """Normalise a one-line field: NFC, trimmed, inner whitespace collapsed."""
    value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())


def render_markdown(source: str) -> str:
    """Markdown to HTML that is safe to mark as safe: only a small set of tags survives,
    links get rel="noopener noreferrer" and no scripts, styles or images remain."""
    html = markdown.markdown(source or "", extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
