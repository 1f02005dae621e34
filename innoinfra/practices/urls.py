from django.urls import path

from . import file_views, views

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("mine/", views.my_practices, name="mine"),
    path("moderation/", views.moderation, name="moderation"),
    path("new/", views.practice_create, name="create"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/edit/", views.practice_edit, name="edit"),
    path("<int:pk>/submit/", views.practice_submit, name="submit"),
    path("<int:pk>/publish/", views.practice_publish, name="publish"),
    path("<int:pk>/return/", views.practice_return, name="return"),
    path("<int:pk>/reject/", views.practice_reject, name="reject"),
    path("<int:pk>/withdraw/", views.practice_withdraw, name="withdraw"),
    path("<int:pk>/expertise/", views.practice_send_to_expertise, name="send_to_expertise"),
    path("<int:pk>/revise/", views.practice_revise, name="revise"),
    path("<int:pk>/versions/<int:version>/", views.practice_version, name="version"),
    path("<int:pk>/files/", file_views.practice_files, name="files"),
    path("files/<int:file_pk>/replace/", file_views.file_replace, name="file_replace"),
    path("files/<int:file_pk>/delete/", file_views.file_delete, name="file_delete"),
    path("files/<int:file_pk>/download/", file_views.file_download, name="file_download"),
]
