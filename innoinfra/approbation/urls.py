from django.urls import path

from . import views

app_name = "approbation"

urlpatterns = [
    path("", views.approbation_list, name="list"),
    path("sites/<int:site_pk>/new/", views.approbation_create, name="create"),
    path("<int:pk>/", views.approbation_detail, name="detail"),
    path("<int:pk>/edit/", views.approbation_edit, name="edit"),
    path("<int:pk>/stages/", views.stage_add, name="stage_add"),
    path("<int:pk>/results/", views.result_add, name="result_add"),
    path("<int:pk>/start/", views.approbation_start, name="start"),
    path("<int:pk>/conclude/", views.approbation_conclude, name="conclude"),
    path("<int:pk>/programme/", views.programme_file, name="programme_file"),
    path("<int:pk>/conclusion.docx", views.conclusion_docx, name="conclusion_docx"),
]
