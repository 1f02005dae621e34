from django.urls import include, path

from . import editor_views, execution_views, export_views, import_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("import/", import_views.plan_import, name="import"),
    path("import/preview/", import_views.plan_import_preview, name="import_preview"),
    path("execution/", execution_views.dashboard, name="dashboard"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/state/", views.plan_state, name="state"),
    path("<int:pk>/copy/", views.plan_copy, name="copy"),
    path("<int:pk>/delete/", views.plan_delete, name="delete"),
    path("<int:pk>/table/", execution_views.plan_table, name="table"),
    path("<int:pk>/export.docx", export_views.plan_docx, name="export_docx"),
    path("<int:pk>/export.xlsx", export_views.plan_xlsx, name="export_xlsx"),
    path("<int:pk>/report.docx", export_views.report_docx, name="report_docx"),
    path("<int:pk>/report.xlsx", export_views.report_xlsx, name="report_xlsx"),
    path("<int:plan_pk>/sections/add/", editor_views.section_add, name="section_add"),
    path("sections/<int:pk>/edit/", editor_views.section_edit, name="section_edit"),
    path("sections/<int:pk>/delete/", editor_views.section_delete, name="section_delete"),
    path("sections/<int:pk>/move/", editor_views.section_move, name="section_move"),
    path("sections/<int:section_pk>/items/add/", editor_views.item_add, name="item_add"),
    path("items/<int:pk>/edit/", editor_views.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", editor_views.item_delete, name="item_delete"),
    path("items/<int:pk>/move/", editor_views.item_move, name="item_move"),
    path("items/<int:pk>/dates/", execution_views.item_dates, name="item_dates"),
    path("occurrences/<int:pk>/", execution_views.occurrence_record, name="occurrence"),
    path("occurrences/<int:pk>/done/", execution_views.occurrence_done, name="occurrence_done"),
    path("", include("innoinfra.plans.urls_calendar")),
]
