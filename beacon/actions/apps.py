from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "beacon.actions"
    label = "actions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from beacon.campaigns.signals import campaign_news
        from beacon.officials.signals import officials_imported

        from . import checks  # noqa: F401 - registers the system checks

        officials_imported.connect(_release_after_import, dispatch_uid="actions-release-held")
        campaign_news.connect(_news_queue, dispatch_uid="actions-news")


def _release_after_import(sender, report=None, **kwargs) -> list[str]:
    """After fresh officials data: release letters held for a seat awaiting it."""
    from beacon.actions.letters.changeover import letters_release_awaiting

    return letters_release_awaiting().lines()


def _news_queue(sender, **kwargs):
    from .yourdata.news import news_queue

    return news_queue(**kwargs)
