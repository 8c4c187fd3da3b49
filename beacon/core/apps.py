from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "beacon.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added
        from django.contrib.auth.signals import user_logged_in
        from django.urls import register_converter

        from .checks import checks_register
        from .limits import checks as limits_checks
        from .redaction import TOKEN_CONVERTER, TokenConverter
        from .signin import checks as signin_checks
        from .signin.signals import on_authenticator_added, on_user_logged_in

        # Before any URLconf is read: routes mark their secret parameters with it.
        register_converter(TokenConverter, TOKEN_CONVERTER)
        checks_register()
        # Importing these modules registers the limiter's and the sign-in's checks.
        del limits_checks, signin_checks
        user_logged_in.connect(on_user_logged_in, dispatch_uid="beacon.signin.logged_in")
        authenticator_added.connect(
            on_authenticator_added, dispatch_uid="beacon.signin.authenticator_added"
        )
