"""Calendars of due dates; included by plans/urls.py under /plans/ (app_name «plans»)."""

from django.urls import path

from .views import calendar

urlpatterns = [
    path("calendar/", calendar.month, name="calendar"),
    path("<int:pk>/calendar.ics", calendar.plan_ics, name="plan-ics"),
    path("<int:pk>/calendar/reset/", calendar.plan_ics_reset, name="plan-ics-reset"),
    path("organizations/<int:pk>/calendar.ics", calendar.organization_ics, name="organization-ics"),
    path(
        "organizations/<int:pk>/calendar/reset/",
        calendar.organization_ics_reset,
        name="organization-ics-reset",
    ),
]
