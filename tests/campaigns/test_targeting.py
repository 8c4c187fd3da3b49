"""Target rules resolve to the supporter's own officials; merge fields fill templates."""

from dataclasses import dataclass

import pytest

from beacon.campaigns.merge import (
    MergeContext,
    merge_context_for,
    merge_fields_check,
    merge_render,
)
from beacon.campaigns.models import TargetRule
from beacon.campaigns.targeting import targets_resolve
from beacon.geo.models import Division
from beacon.officials.models import (
    Bill,
    Committee,
    CommitteeMembership,
    Jurisdiction,
    Official,
    Role,
)

pytestmark = pytest.mark.django_db

Kind = TargetRule.Kind


@dataclass
class Rule:
    kind: str
    official: Official | None = None
    committee: Committee | None = None
    pk: int = 1


def seat(ocd_tail, kind, name, role_type, given="", family=""):
    division = Division.objects.create(
        ocd_id=f"ocd-division/country:us/state:ma/{ocd_tail}", name=ocd_tail, kind=kind
    )
    official = None
    if name:
        official = Official.objects.create(
            ocd_person_id=f"ocd-person/{ocd_tail}",
            slug=ocd_tail.replace(":", "-"),
            name=name,
            given_name=given,
            family_name=family,
        )
        Role.objects.create(official=official, division=division, type=role_type)
    return division, official


@pytest.fixture
def ma():
    state, governor = seat("", "state", "Maura Healey", Role.Type.GOVERNOR, "Maura", "Healey")
    mine_upper, senator = seat("sldu:a", "sldu", "Sal Senator", Role.Type.UPPER, "Sal", "Senator")
    mine_lower, rep = seat("sldl:b", "sldl", "Rita Rep", Role.Type.LOWER, "Rita", "Rep")
    _, other_rep = seat("sldl:c", "sldl", "Otto Other", Role.Type.LOWER, "Otto", "Other")
    return {
        "divisions": [state, mine_upper, mine_lower],
        "governor": governor,
        "senator": senator,
        "rep": rep,
        "other_rep": other_rep,
        "state": state,
    }


def test_constituent_rules_reach_only_the_supporters_own_legislators(ma):
    rules = [Rule(Kind.MY_SENATOR), Rule(Kind.MY_REPRESENTATIVE)]
    targets = targets_resolve(rules, divisions=ma["divisions"])
    assert [t.official for t in targets] == [ma["senator"], ma["rep"]]
    assert ma["other_rep"] not in [t.official for t in targets]
    assert [t.title for t in targets] == ["State Senator", "State Representative"]


def test_without_divisions_constituent_rules_resolve_to_nobody(ma):
    assert targets_resolve([Rule(Kind.MY_SENATOR)], divisions=[]) == []


def test_a_vacant_seat_comes_back_as_vacant(ma):
    vacant, _ = seat("sldl:vacant", "sldl", "", Role.Type.LOWER)
    targets = targets_resolve([Rule(Kind.MY_REPRESENTATIVE)], divisions=[vacant])
    assert len(targets) == 1 and targets[0].is_vacant and targets[0].division == vacant


def test_fixed_and_committee_targets_and_no_duplicates(ma):
    jurisdiction = Jurisdiction.objects.create(
        ocd_id="ocd-jurisdiction/country:us/state:ma/government", name="MA", division=ma["state"]
    )
    judiciary = Committee.objects.create(
        ocd_organization_id="ocd-organization/judiciary",
        jurisdiction=jurisdiction,
        name="Joint Committee on the Judiciary",
        chamber="joint",
    )
    CommitteeMembership.objects.create(
        committee=judiciary, official=ma["other_rep"], name="Otto Other", role="chair"
    )
    CommitteeMembership.objects.create(
        committee=judiciary, official=ma["rep"], name="Rita Rep", role="member"
    )
    rules = [
        Rule(Kind.MY_REPRESENTATIVE),
        Rule(Kind.GOVERNOR),
        Rule(Kind.COMMITTEE, committee=judiciary),
        Rule(Kind.OFFICIAL, official=ma["senator"]),
    ]
    targets = targets_resolve(rules, divisions=ma["divisions"])
    assert [t.official for t in targets] == [
        ma["rep"],
        ma["governor"],
        ma["other_rep"],
        ma["senator"],
    ]
    assert targets[2].committee_role == "chair"


def test_cosponsors_are_marked_for_thank_you_variants(ma):
    bill = Bill.objects.create(number="H.2580", title="Safe Communities Act", session="194th")
    bill.cosponsors.add(ma["rep"])
    targets = targets_resolve(
        [Rule(Kind.MY_SENATOR), Rule(Kind.MY_REPRESENTATIVE)],
        divisions=ma["divisions"],
        bills=[bill],
    )
    assert [t.is_cosponsor for t in targets] == [False, True]


def test_merge_fields_fill_known_names_and_leave_others(ma):
    targets = targets_resolve([Rule(Kind.MY_SENATOR)], divisions=ma["divisions"])
    bill = Bill(number="H.2580", title="Safe Communities Act", session="194th")

    @dataclass
    class Supporter:
        first_name: str = "Rosa"
        last_name: str = "Díaz"
        town: str = "Chelsea"

    context = merge_context_for(supporter=Supporter(), target=targets[0], bill=bill)
    text = "Dear {official_title} {official_last_name}, I live in {town}. {bill_number} {unknown}"
    assert merge_render(text, context) == (
        "Dear Senator Senator, I live in Chelsea. H.2580 {unknown}"
    )
    assert merge_fields_check(text) == ["unknown"]
    assert merge_render("{first_name}", MergeContext(first_name="{town}")) == "{town}"
