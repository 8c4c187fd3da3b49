from django.apps import AppConfig


class OrganizeConfig(AppConfig):
    name = "beacon.organize"
    label = "organize"
    default_auto_field = "django.db.models.BigAutoField"
