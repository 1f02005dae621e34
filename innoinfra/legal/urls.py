from django.urls import path

from . import views

app_name = "legal"

urlpatterns = [
    path("", views.document_list, name="documents"),
    path("new/", views.document_create, name="document_create"),
    path("<int:pk>/", views.document_detail, name="document"),
    path("<int:pk>/file/", views.document_file, name="document_file"),
    path("<int:pk>/edit/", views.document_edit, name="document_edit"),
]
