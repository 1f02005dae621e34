from django.urls import path

from . import views

app_name = "communities"

urlpatterns = [
    path("", views.community_list, name="list"),
    path("mine/", views.my_communities, name="mine"),
    path("new/", views.community_create, name="create"),
    path("<int:pk>/", views.community_detail, name="detail"),
    path("<int:pk>/edit/", views.community_edit, name="edit"),
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/join/", views.join, name="join"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("<int:pk>/digest/", views.digest, name="digest"),
    path("<int:pk>/posts/new/", views.post_create, name="post_create"),
    path("members/<int:pk>/approve/", views.member_approve, name="member_approve"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("members/<int:pk>/role/", views.member_role, name="member_role"),
    path("posts/<int:pk>/", views.post_detail, name="post"),
    path("posts/<int:pk>/reply/", views.post_reply, name="reply"),
    path("posts/<int:pk>/hide/", views.post_hide, name="post_hide"),
    path("posts/<int:pk>/pin/", views.post_pin, name="post_pin"),
    path("replies/<int:pk>/hide/", views.reply_hide, name="reply_hide"),
    path("materials/<int:pk>/", views.material_download, name="material"),
    path("materials/<int:pk>/promote/", views.material_promote, name="material_promote"),
]
