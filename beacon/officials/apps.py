from django.apps import AppConfig


class OfficialsConfig(AppConfig):
    name = "beacon.officials"
    label = "officials"
    default_auto_field = "django.db.models.BigAutoField"
