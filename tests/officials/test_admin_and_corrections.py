"""Staff corrections through the admin, and the Governor's demo corrections."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from beacon.officials.models import ContactChannel, Office, Official

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db
GRACE = "ocd-person/44444444-4444-4444-8444-444444444444"


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "pw-123456")
    client.force_login(user)
    return client


def test_editing_a_channel_in_the_admin_marks_it_staff_edited_and_reimport_keeps_it(
    staff_client, import_officials
):
    import_officials(FIXTURES / "ma")
    channel = ContactChannel.objects.get(
        official__name="Rosa Senator", source_key="capitol-0/phone"
    )
    url = f"/admin/officials/contactchannel/{channel.pk}/change/"
    form = {
        "official": channel.official_id,
        "office": channel.office_id,
        "kind": "phone",
        "value": "617-722-1400",
        "label": "",
        "staff_note": "Called to check",
        "position": 0,
    }

    response = staff_client.post(url, form)

    assert response.status_code == 302
    channel.refresh_from_db()
    assert (channel.value, channel.is_staff_added) == ("617-722-1400", True)
    assert channel.staff_changed_at is not None
    import_officials(FIXTURES / "ma")
    channel.refresh_from_db()
    assert channel.value == "617-722-1400"


def test_admin_pages_render(staff_client, import_officials):
    import_officials(FIXTURES / "ma")
    rosa = Official.objects.get(name="Rosa Senator")
    office = Office.objects.filter(official=rosa).first()

    for url in (
        "/admin/officials/official/",
        f"/admin/officials/official/{rosa.pk}/change/",
        f"/admin/officials/office/{office.pk}/change/",
        "/admin/officials/committee/",
        "/admin/officials/contactchannel/?is_staff_added__exact=1",
    ):
        assert staff_client.get(url).status_code == 200, url


def test_demo_corrections_add_only_what_open_states_lacks(import_officials, openstates_tree):
    grace_file = next((openstates_tree / "executive").glob("Grace-*.yml"))
    grace_file.write_text(
        grace_file.read_text().replace(
            "  voice: 617-725-4005", "  voice: 617-725-4005\n  fax: 617.727.9725"
        )
    )
    import_officials(openstates_tree)
    out = StringIO()

    call_command("officials_demo_corrections", stdout=out)

    added = out.getvalue()
    assert "tollfree 888-870-7770" in added and "tty 617-727-3666" in added
    assert "fax" not in added  # the source already has the fax, written differently
    grace = Official.objects.get(ocd_person_id=GRACE)
    springfield = grace.offices.get(is_staff_added=True)
    assert springfield.staff_changed_at is not None
    assert {(c.kind, c.value) for c in springfield.channels.all()} == {
        ("address", "State Office Building, 436 Dwight Street, Suite 300; Springfield, MA 01103"),
        ("phone", "413-784-1200"),
    }
    assert all(c.is_staff_added and c.staff_note for c in grace.channels.filter(source_key=""))

    again = StringIO()
    call_command("officials_demo_corrections", stdout=again)
    assert "Nothing to add" in again.getvalue()
    import_officials(openstates_tree)
    assert grace.channels.filter(is_staff_added=True).count() == 4
