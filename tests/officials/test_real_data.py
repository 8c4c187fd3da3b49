"""A check over the real Open States snapshot in ../shared/data (skipped without it)."""

from __future__ import annotations

import pytest
from django.conf import settings

from beacon.officials.models import ContactChannel, Role, current_role_q
from beacon.officials.selectors import division_list_vacant, official_get_governor
from beacon.officials.services import officials_demo_corrections_apply

pytestmark = pytest.mark.django_db
SOURCE = settings.BEACON_DATA_DIR / "openstates" / "ma"


@pytest.mark.skipif(not SOURCE.exists(), reason="no shared Open States data on this machine")
def test_real_roster_fills_every_seat_but_the_vacant_ones(import_officials):
    output = import_officials(SOURCE)

    current = Role.objects.filter(current_role_q())
    senators = current.filter(type="upper").count()
    representatives = current.filter(type="lower").count()
    vacant = list(division_list_vacant())
    # The README of the snapshot: 40 senators, 158 representatives, two House seats vacant.
    assert (senators, representatives, len(vacant)) == (40, 158, 2)
    assert {d.kind for d in vacant} == {"sldl"}
    assert "0 roles ended" in output
    # Every legislator can be reached: by email and a postal address at least. (One
    # member sworn in mid-term has no phone in the snapshot yet: a job for staff.)
    legislators = current.filter(type__in=["upper", "lower"])
    assert not legislators.exclude(official__channels__kind="email").exists()
    assert not legislators.exclude(official__channels__kind="address").exists()
    assert legislators.exclude(official__channels__kind="phone").count() <= 1
    governor = official_get_governor()
    assert governor is not None
    added = officials_demo_corrections_apply()
    assert len(added) == 5
    assert ContactChannel.objects.filter(official=governor, kind="tty").exists()
    assert "0 added, 0 updated" in import_officials(SOURCE)
