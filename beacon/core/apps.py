from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "beacon.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.urls import register_converter

        from .checks import checks_register
        from .redaction import TOKEN_CONVERTER, TokenConverter

        # Before any URLconf is read: routes mark their secret parameters with it.
        register_converter(TokenConverter, TOKEN_CONVERTER)
        checks_register()
        from .limits import checks  # noqa: F401  (registers the limiter's checks)
