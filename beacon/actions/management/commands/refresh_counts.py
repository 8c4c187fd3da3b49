from django.core.management.base import BaseCommand

from beacon.actions.services import petition_counts_refresh, petition_ids_to_refresh


class Command(BaseCommand):
    help = "Recount confirmed signatures of live petitions in one batch (run every 5 s)."

    def handle(self, *args, **options):
        result = petition_counts_refresh(petition_ids=petition_ids_to_refresh())
        changed = {pk: v for pk, v in result.items() if v[0] != v[1]}
        if changed or options["verbosity"] > 1:
            self.stdout.write(f"refreshed {len(result)} petition(s), {len(changed)} changed")
