from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.section, {"section": "sites"}, name="index"),
    path("applications/", views.section, {"section": "applications"}, name="applications"),
    path("plans/", views.section, {"section": "plans"}, name="plans"),
    path("events/", views.section, {"section": "events"}, name="events"),
    path("deficits/", views.section, {"section": "deficits"}, name="deficits"),
    path("tables/<slug:table>.xlsx", views.table_xlsx, name="table_xlsx"),
    path("report.docx", views.report_docx, name="report"),
]
