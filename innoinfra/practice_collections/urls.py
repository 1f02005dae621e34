from django.urls import path

from . import views

app_name = "practice_collections"

urlpatterns = [
    path("", views.collection_list, name="list"),
    path("new/", views.collection_create, name="create"),
    path("<int:pk>/", views.collection_detail, name="detail"),
    path("<int:pk>/edit/", views.collection_edit, name="edit"),
    path("<int:pk>/add/", views.collection_add, name="add"),
    path("<int:pk>/publish/", views.collection_publish, name="publish"),
    path("<int:pk>/build/", views.collection_build, name="build"),
    path("entries/<int:pk>/move/", views.entry_move, name="entry_move"),
    path("entries/<int:pk>/remove/", views.entry_remove, name="entry_remove"),
    path("builds/<int:pk>/", views.build_progress, name="build_progress"),
    path("builds/<int:pk>/download/", views.build_download, name="build_download"),
]
