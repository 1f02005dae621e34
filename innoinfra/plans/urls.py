from django.urls import include, path

from .views import editor, execution, exports, imports, plans

app_name = "plans"

urlpatterns = [
    path("", plans.plan_list, name="list"),
    path("new/", plans.plan_create, name="create"),
    path("import/", imports.plan_import, name="import"),
    path("import/preview/", imports.plan_import_preview, name="import_preview"),
    path("execution/", execution.dashboard, name="dashboard"),
    path("execution/plans/", execution.dashboard_plans, name="dashboard_plans"),
    path("<int:pk>/", plans.plan_detail, name="detail"),
    path("<int:pk>/edit/", plans.plan_edit, name="edit"),
    path("<int:pk>/state/", plans.plan_state, name="state"),
    path("<int:pk>/copy/", plans.plan_copy, name="copy"),
    path("<int:pk>/delete/", plans.plan_delete, name="delete"),
    path("<int:pk>/table/", execution.plan_table, name="table"),
    path("<int:pk>/export.docx", exports.plan_docx, name="export_docx"),
    path("<int:pk>/export.xlsx", exports.plan_xlsx, name="export_xlsx"),
    path("<int:pk>/report.docx", exports.report_docx, name="report_docx"),
    path("<int:pk>/report.xlsx", exports.report_xlsx, name="report_xlsx"),
    path("<int:plan_pk>/sections/add/", editor.section_add, name="section_add"),
    path("sections/<int:pk>/edit/", editor.section_edit, name="section_edit"),
    path("sections/<int:pk>/delete/", editor.section_delete, name="section_delete"),
    path("sections/<int:pk>/move/", editor.section_move, name="section_move"),
    path("sections/<int:pk>/reorder/", editor.section_reorder, name="section_reorder"),
    path("sections/<int:section_pk>/items/add/", editor.item_add, name="item_add"),
    path("items/<int:pk>/edit/", editor.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", editor.item_delete, name="item_delete"),
    path("items/<int:pk>/move/", editor.item_move, name="item_move"),
    path("items/<int:pk>/dates/", execution.item_dates, name="item_dates"),
    path("occurrences/<int:pk>/", execution.occurrence_record, name="occurrence"),
    path("evidence/<int:pk>/file/", execution.evidence_file, name="evidence_file"),
    path("occurrences/<int:pk>/done/", execution.occurrence_done, name="occurrence_done"),
    path("", include("innoinfra.plans.urls_calendar")),
]
