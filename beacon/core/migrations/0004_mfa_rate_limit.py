from django.db import migrations


def forwards(apps, schema_editor):
    # The rule's code default (beacon.core.limits.rules) applies without a row; the row
    # lets operators see and change it in the admin like the others.
    RateLimit = apps.get_model("core", "RateLimit")
    RateLimit.objects.get_or_create(
        scope="mfa",
        key="account",
        defaults={
            "window_seconds": 3600,
            "maximum": 5,
            "note": "Wrong sign-in codes for one staff account",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_default_rate_limits")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
