"""Translation catalogues: compiled, complete for the petition flow in Spanish, and safe.

A broken placeholder in a translation raises KeyError or ValueError while a page or an
email is rendered, so every catalogue is checked against its msgids here, not in
production.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import to_locale

from tests.campaigns.factories import PetitionFactory

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
SOURCE_LANGUAGE = "en"
TRANSLATED = [code for code, _ in settings.LANGUAGES if code != SOURCE_LANGUAGE]
# Paths (relative to the beacon package, as written in the .po "#:" comments) of the
# supporter-facing petition flow, which must be complete in Spanish.
PETITION_FLOW = (
    "templates/actions/",
    "templates/campaigns/",
    "templates/core/",
    "actions/",
    "core/",
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifrx]")
BRACE_PLACEHOLDER = re.compile(r"\{\w*\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    paths: list[str] = field(default_factory=list)

    @property
    def is_translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values()) and "fuzzy" not in self.flags


def parse_po(path: Path) -> list[Entry]:
    """Read the live (not obsolete) entries of a .po file, header excluded."""
    entries, entry, key = [], Entry(), None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry.msgid or entry.msgstr:
                entries.append(entry)
            entry, key = Entry(), None
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#:"):
            entry.paths.extend(ref.rsplit(":", 1)[0] for ref in line[2:].split())
        elif line.startswith("#"):
            continue  # Translator comments, previous msgids and obsolete entries.
        elif line.startswith('"'):
            append(entry, key, ast.literal_eval(line))
        else:
            keyword, _, value = line.partition(" ")
            key = keyword
            if keyword == "msgctxt":
                entry.msgctxt = ""
            append(entry, key, ast.literal_eval(value))
    return [e for e in entries if e.msgid]


def append(entry: Entry, key: str | None, text: str) -> None:
    if key in ("msgid", "msgid_plural", "msgctxt"):
        setattr(entry, key, (getattr(entry, key) or "") + text)
    elif key == "msgstr":
        entry.msgstr[0] = entry.msgstr.get(0, "") + text
    elif key and key.startswith("msgstr["):
        index = int(key[7:-1])
        entry.msgstr[index] = entry.msgstr.get(index, "") + text


@pytest.fixture(autouse=True)
def _restore_language():
    """LocaleMiddleware activates the request's language on this thread and nothing
    deactivates it; without this, a page rendered in Vietnamese here would leave later
    tests running in Vietnamese."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def po_path(code: str) -> Path:
    return LOCALE_DIR / to_locale(code) / "LC_MESSAGES" / "django.po"


def placeholders(text: str, brace: bool) -> set[str]:
    found = set(PLACEHOLDER.findall(text))
    return found | set(BRACE_PLACEHOLDER.findall(text)) if brace else found


def test_every_language_in_settings_has_a_compiled_catalogue():
    assert SOURCE_LANGUAGE == settings.LANGUAGE_CODE
    assert len(TRANSLATED) == 5
    for code in TRANSLATED:
        mo = po_path(code).with_suffix(".mo")
        assert mo.is_file(), f"{mo} is missing: run `make messages`"
        with translation.override(code):
            assert translation.gettext("Sign the petition") != "Sign the petition", code
    with translation.override(SOURCE_LANGUAGE):
        assert translation.gettext("Sign the petition") == "Sign the petition"


@pytest.mark.parametrize("code", TRANSLATED)
def test_compiled_catalogue_matches_its_po_file(code):
    """The .mo files are committed; this catches a .po edited without compilemessages."""
    with po_path(code).with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in parse_po(po_path(code)):
        if not entry.is_translated:
            continue
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural:
            got = compiled.ngettext(msgid, entry.msgid_plural, 1)
            expected = entry.msgstr[compiled.plural(1)]
        else:
            got, expected = compiled.gettext(msgid), entry.msgstr[0]
        if got != expected:
            stale.append(entry.msgid)
    assert stale == [], f"{code}: the .mo is out of date for {stale[:5]}"


def test_spanish_is_complete_for_the_petition_flow():
    missing = [
        (entry.msgid, "fuzzy" if "fuzzy" in entry.flags else "untranslated")
        for entry in parse_po(po_path("es"))
        if any(path.startswith(PETITION_FLOW) for path in entry.paths) and not entry.is_translated
    ]
    assert missing == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_every_placeholder(code):
    broken = []
    for entry in parse_po(po_path(code)):
        if not entry.is_translated:
            continue
        brace = "python-brace-format" in entry.flags
        if entry.msgid_plural:
            allowed = placeholders(entry.msgid, brace) | placeholders(entry.msgid_plural, brace)
            last = max(entry.msgstr)
            for index, text in entry.msgstr.items():
                found = placeholders(text, brace)
                wanted = placeholders(entry.msgid_plural, brace) if index == last else None
                if not found <= allowed or (wanted is not None and found != wanted):
                    broken.append((entry.msgid, text))
        elif placeholders(entry.msgstr[0], brace) != placeholders(entry.msgid, brace):
            broken.append((entry.msgid, entry.msgstr[0]))
    assert broken == []


def test_the_parser_sees_fuzzy_flags_plurals_and_placeholders(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: es\\n"\n\n'
        "#: actions/forms.py:1\n#, fuzzy, python-format\n"
        'msgid "Hello %(name)s"\nmsgstr "Hola %(nombre)s"\n\n'
        "#: templates/actions/campaign.html:2\n"
        'msgid "%(count)s signature"\nmsgid_plural ""\n"%(count)s signatures"\n'
        'msgstr[0] "%(count)s firma"\nmsgstr[1] "%(count)s firmas"\n\n'
        '#~ msgid "Old"\n#~ msgstr "Viejo"\n',
        encoding="utf-8",
    )
    first, second = parse_po(po)
    assert first.flags == {"fuzzy", "python-format"} and not first.is_translated
    assert first.paths == ["actions/forms.py"]
    assert placeholders(first.msgstr[0], brace=False) == {"%(nombre)s"}
    assert second.msgid_plural == "%(count)s signatures"
    assert second.msgstr == {0: "%(count)s firma", 1: "%(count)s firmas"}
    assert second.is_translated


@pytest.mark.django_db
@pytest.mark.parametrize("code", [SOURCE_LANGUAGE, *TRANSLATED])
def test_campaign_page_renders_in_each_language(client, code):
    petition = PetitionFactory()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    response = client.get(f"/c/{petition.campaign.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{code}"' in html
    with translation.override(code):
        button = translation.gettext("Sign the petition")
        footer = translation.gettext("How we handle your data")
    assert button in html and footer in html


@pytest.mark.django_db
@pytest.mark.parametrize("code", TRANSLATED)
def test_confirmation_subject_is_translated(code):
    petition = PetitionFactory(campaign__title="Safe Communities")
    with translation.override(code):
        subject = render_to_string(
            "actions/email/signature_confirm/subject.txt", {"campaign": petition.campaign}
        ).strip()
    assert "Safe Communities" in subject
    assert not subject.startswith("Please confirm")


def test_haitian_creole_is_known_to_django():
    """Django ships no 'ht' locale; settings add LANG_INFO so menus and lang attributes
    work. Django's own messages (form validators) fall back to English for ht."""
    info = translation.get_language_info("ht")
    assert info["name_local"] == "Kreyòl ayisyen"
    with translation.override("ht"):
        assert translation.get_language() == "ht"
        assert translation.gettext("Sign the petition") == "Siyen petisyon an"
        assert translation.gettext("Null characters are not allowed.") == (
            "Null characters are not allowed."
        )
