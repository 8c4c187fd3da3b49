from django.urls import include, path

from . import events, views
from .yourdata import views as yourdata

app_name = "actions"
urlpatterns = [
    path("c/<slug:slug>/", views.campaign_detail, name="campaign"),
    path("c/<slug:slug>/sign/", views.signature_submit, name="sign"),
    path("c/<slug:slug>/share.png", views.share_image, name="share-image"),
    path("c/<slug:slug>/check-your-email/", views.signature_sent, name="signature-sent"),
    path("c/<slug:slug>/thanks/", views.thanks, name="thanks"),
    path("event/<token:code>/", events.event_enter, name="event-enter"),
    path("confirm/<token:token>/", views.signature_confirm_page, name="confirm"),
    path("your-data/", yourdata.data_request, name="your-data"),
    path("your-data/sent/", yourdata.data_sent, name="your-data-sent"),
    path("your-data/open/<token:token>/", yourdata.data_open, name="your-data-open"),
    path("your-data/manage/", yourdata.data_manage, name="your-data-manage"),
    path("your-data/download/", yourdata.data_download, name="your-data-download"),
    path("news/stop/<token:token>/", yourdata.news_stop_view, name="news-stop"),
    path("", include("beacon.actions.letters.urls")),
    path("", include("beacon.actions.calls.urls")),
]
