from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "beacon.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .limits import checks  # noqa: F401  (registers the limiter's checks)
