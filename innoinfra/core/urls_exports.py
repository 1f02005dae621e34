"""Background exports (core.exports); included by innoinfra/urls.py under /exports/."""

from django.urls import path

from .views import exports

app_name = "exports"

urlpatterns = [
    path("", exports.export_list, name="list"),
    path("start/<slug:kind>/", exports.export_start, name="start"),
    path("<int:pk>/", exports.export_job, name="job"),
    path("<int:pk>/download/", exports.export_download, name="download"),
]
