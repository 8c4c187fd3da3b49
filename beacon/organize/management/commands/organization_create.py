"""`beacon organization_create NAME SLUG PRIVACY_EMAIL OWNER_EMAIL`: an operator's new
organization, with the invitation of its first owner emailed through the outbox."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from beacon.campaigns.models import Organization
from beacon.organize.services import organization_create


class Command(BaseCommand):
    help = "Create an organization and email its first owner an invitation link."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("name")
        parser.add_argument("slug")
        parser.add_argument("privacy_contact", help="Where supporters ask about their data.")
        parser.add_argument("owner_email", help="The first owner, invited by email.")

    def handle(self, *args: Any, **options: Any) -> None:
        if Organization.objects.filter(slug=options["slug"]).exists():
            raise CommandError(f"An organization already uses the slug {options['slug']!r}.")
        organization, invitation = organization_create(
            actor=None,
            name=options["name"],
            slug=options["slug"],
            privacy_contact=options["privacy_contact"],
            owner_email=options["owner_email"],
        )
        self.stdout.write(
            f"Created {organization.slug}; invitation queued to the owner, valid until "
            f"{invitation.expires_at:%Y-%m-%d %H:%M %Z}."
        )
