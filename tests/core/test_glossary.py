"""The catalogues keep to docs/glossary.md: no rendering the glossary forbids.

Most of all, "constituent" is never translated as "voter": many supporters are not
citizens, and telling them an office answers only voters is false and drives them away.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from beacon.campaigns.merge import merge_context_for
from tests.core.test_translations import TRANSLATED, parse_po, po_path

GLOSSARY = Path(settings.BASE_DIR).parent / "docs" / "glossary.md"
# Articles, contractions and possessives after which "(a)" reads as a form to fill in.
_DETERMINERS = (
    r"el|la|los|las|al|del|un|una|tu|su|mi|"  # Spanish
    r"o|a|os|as|ao|do|da|no|na|um|uma|seu|sua|teu|tua|meu|minha"  # Portuguese
)
ARTICLE_THEN_A = re.compile(rf"(?i)\b(?:{_DETERMINERS})(?:\(a\))?\s+\w+\(a\)|\bo\(a\)|\bel/la\b")
FORBIDDEN: dict[str, list[tuple[str, re.Pattern]]] = {
    "es": [("votante", re.compile(r"(?i)votante")), ("(a) after an article", ARTICLE_THEN_A)],
    "pt": [("eleitor", re.compile(r"(?i)eleitor")), ("(a) after an article", ARTICLE_THEN_A)],
    "ht": [("elektè", re.compile(r"(?i)elekt[eè]"))],
    "zh_Hans": [("选民", re.compile("选民")), ("暂扣", re.compile("暂扣"))],
    "vi": [
        ("cử tri", re.compile(r"(?i)cử tri")),
        ("khu vực", re.compile(r"(?i)khu vực")),
        # The national Congress is "Quốc hội Hoa Kỳ", which is right where Congress is meant.
        ("Quốc hội", re.compile(r"(?i)quốc hội(?! hoa kỳ)")),
    ],
}
# A msgid that itself speaks of voters or voting may use the word for voter.
SPEAKS_OF_VOTERS = re.compile(r"(?i)\bvot(e|er|ers|ing)\b")
# (language, msgid) pairs allowed a forbidden rendering anyway, each with its reason.
ALLOWED: dict[tuple[str, str], str] = {}
TITLE_CONTEXT = "title before a name"


def offences(code: str) -> list[tuple[str, str, str]]:
    found = []
    for entry in parse_po(po_path(code)):
        if (code, entry.msgid) in ALLOWED:
            continue
        for name, pattern in FORBIDDEN.get(code, []):
            if name != "(a) after an article" and SPEAKS_OF_VOTERS.search(entry.msgid):
                continue
            for text in entry.msgstr.values():
                if pattern.search(text):
                    found.append((name, entry.msgid, text))
    return found


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogues_use_no_rendering_the_glossary_forbids(code):
    assert offences(code) == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_titles_before_a_name_read_right_whatever_the_gender(code):
    titles = [e for e in parse_po(po_path(code)) if e.msgctxt == TITLE_CONTEXT]
    assert {e.msgid for e in titles} == {"Senator", "Representative", "Governor"}
    for entry in titles:
        assert entry.is_translated and "(a)" not in entry.msgstr[0] and "/" not in entry.msgstr[0]


def test_the_check_catches_what_the_issue_found(tmp_path, monkeypatch):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\n'
        'msgid "%(name)s, a constituent from %(town)s"\n'
        'msgstr "%(name)s, eleitor(a) de %(town)s"\n\n'
        'msgid "and the Governor"\nmsgstr "e o(a) governador(a)"\n\n'
        'msgid "to the Governor"\nmsgstr "al gobernador(a)"\n\n'
        'msgid "Register to vote"\nmsgstr "Registre-se como eleitor"\n\n'
        'msgid "Governor"\nmsgstr "Governador(a)"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(f"{__name__}.po_path", lambda code: po)
    assert [(name, msgid) for name, msgid, _ in offences("pt")] == [
        ("eleitor", "%(name)s, a constituent from %(town)s"),
        ("(a) after an article", "and the Governor"),
        ("(a) after an article", "to the Governor"),
    ]
    assert [msgid for _, msgid, _ in offences("es")] == ["and the Governor", "to the Governor"]


def test_every_forbidden_rendering_is_in_the_glossary():
    glossary = GLOSSARY.read_text(encoding="utf-8")
    for rules in FORBIDDEN.values():
        for name, _ in rules:
            assert (
                name if name != "(a) after an article" else '"(a)" after an article'
            ) in glossary


@pytest.mark.django_db
def test_short_titles_in_spanish_and_portuguese_letters():
    from beacon.officials.models import Role

    class Target:
        official = None

    for code, senator, representative in (("es", "Sen.", "Representante"), ("pt", "Sen.", "Dep.")):
        with translation.override(code):
            got = []
            for role in (Role.Type.UPPER, Role.Type.LOWER):
                target = Target()
                target.title = role.label
                got.append(merge_context_for(target=target).official_title)
        assert got == [senator, representative]


def test_no_english_text_assumes_the_supporter_can_vote():
    """The English source (every msgid, as the Spanish catalogue holds them all) never
    points to "your voter registration card" or says offices answer only voters."""
    assumes = re.compile(r"(?i)\byour voter\b|\bvoter registration\b|\bonly (from )?voters\b")
    found = [entry.msgid for entry in parse_po(po_path("es")) if assumes.search(entry.msgid)]
    assert found == []
    assert assumes.search("Your voter registration card can tell you.")
