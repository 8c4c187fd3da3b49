from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "beacon.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added
        from django.contrib.auth.signals import user_logged_in

        from .signin import checks  # noqa: F401 - registers the deploy check
        from .signin.signals import on_authenticator_added, on_user_logged_in

        user_logged_in.connect(on_user_logged_in, dispatch_uid="beacon.signin.logged_in")
        authenticator_added.connect(
            on_authenticator_added, dispatch_uid="beacon.signin.authenticator_added"
        )
