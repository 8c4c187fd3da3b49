from django.db import migrations


def forwards(apps, schema_editor):
    from beacon.core.limits.rules import DEFAULT_LIMITS

    RateLimit = apps.get_model("core", "RateLimit")
    for (scope, key), (window, maximum, why) in DEFAULT_LIMITS.items():
        RateLimit.objects.get_or_create(
            scope=scope,
            key=key,
            defaults={"window_seconds": window, "maximum": maximum, "note": why},
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_rate_limits")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
