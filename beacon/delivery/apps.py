from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "beacon.delivery"
    label = "delivery"
    default_auto_field = "django.db.models.BigAutoField"
