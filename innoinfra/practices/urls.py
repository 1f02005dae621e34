from django.urls import path

from innoinfra.core.public_cache import cached_for_visitors

from .views import files, practices

# the catalogue as anonymous visitors see it, kept until a practice or the data it names changes (core.public_cache)
catalogue_page = cached_for_visitors("practices", "registry", "reference")

app_name = "practices"

urlpatterns = [
    path("", catalogue_page(practices.practice_list), name="list"),
    path("mine/", practices.my_practices, name="mine"),
    path("moderation/", practices.moderation, name="moderation"),
    path("new/", practices.practice_create, name="create"),
    path("<int:pk>/", practices.practice_detail, name="detail"),
    path("<int:pk>/edit/", practices.practice_edit, name="edit"),
    path("<int:pk>/submit/", practices.practice_submit, name="submit"),
    path("<int:pk>/publish/", practices.practice_publish, name="publish"),
    path("<int:pk>/return/", practices.practice_return, name="return"),
    path("<int:pk>/reject/", practices.practice_reject, name="reject"),
    path("<int:pk>/withdraw/", practices.practice_withdraw, name="withdraw"),
    path("<int:pk>/expertise/", practices.practice_send_to_expertise, name="send_to_expertise"),
    path("<int:pk>/revise/", practices.practice_revise, name="revise"),
    path("<int:pk>/versions/<int:version>/", practices.practice_version, name="version"),
    path("<int:pk>/files/", files.practice_files, name="files"),
    path("files/<int:file_pk>/replace/", files.file_replace, name="file_replace"),
    path("files/<int:file_pk>/delete/", files.file_delete, name="file_delete"),
    path("files/<int:file_pk>/download/", files.file_download, name="file_download"),
]
