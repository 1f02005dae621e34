from django.urls import path

from . import feeds, views

app_name = "publications"

urlpatterns = [
    path("", views.publication_list, name="list"),
    path("new/", views.publication_create, name="create"),
    path("rss/", feeds.PublicationsRss(), name="rss"),
    path("atom/", feeds.PublicationsAtom(), name="atom"),
    path("<int:pk>/", views.publication_detail, name="detail"),
    path("<int:pk>/file/", views.publication_file, name="file"),
    path("<int:pk>/edit/", views.publication_edit, name="edit"),
    path("<int:pk>/delete/", views.publication_delete, name="delete"),
]
