from django.urls import path

from . import views

app_name = "passports"

urlpatterns = [
    path("sites/<int:site_pk>/", views.passport_detail, name="detail"),
    path("sites/<int:site_pk>/edit/", views.passport_edit, name="edit"),
    path("sites/<int:site_pk>/history/", views.passport_history, name="history"),
    path("sites/<int:site_pk>/history/compare/", views.passport_compare, name="compare"),
    path("sites/<int:site_pk>/passport.docx", views.passport_download, name="docx"),
]
