from django.urls import path

from . import campaign_views, invitation_views, views

app_name = "organize"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.organization_new, name="organization-new"),
    path("invitations/<token:token>/", invitation_views.invitation, name="invitation"),
    path("<slug:slug>/", views.organization, name="organization"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/invite/", views.member_invite, name="member-invite"),
    path("<slug:slug>/members/<int:pk>/role/", views.member_role, name="member-role"),
    path("<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member-remove"),
    path("<slug:slug>/c/<slug:campaign_slug>/", campaign_views.campaign, name="campaign"),
    path(
        "<slug:slug>/c/<slug:campaign_slug>/publish/",
        campaign_views.campaign_publish_view,
        name="campaign-publish",
    ),
    path(
        "<slug:slug>/c/<slug:campaign_slug>/close/",
        campaign_views.campaign_close_view,
        name="campaign-close",
    ),
    path(
        "<slug:slug>/c/<slug:campaign_slug>/victory/",
        campaign_views.campaign_win_view,
        name="campaign-victory",
    ),
    path(
        "<slug:slug>/c/<slug:campaign_slug>/updates/",
        campaign_views.campaign_update_view,
        name="campaign-update",
    ),
]
