from django.urls import path

from beacon.delivery import webhooks

app_name = "delivery"
urlpatterns = [
    path(
        "delivery/webhooks/<slug:provider>/",
        webhooks.tracking_webhook,
        name="tracking-webhook",
    ),
]
