from django.urls import path

from . import manage_views, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("month/", views.month, name="month"),
    path("calendar.ics", views.ics, name="ics"),
    path("mine/", manage_views.my_events, name="manage"),
    path("new/", manage_views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/unregister/", views.unregister, name="unregister"),
    path("<int:pk>/edit/", manage_views.event_edit, name="edit"),
    path("<int:pk>/state/", manage_views.event_state, name="state"),
    path("<int:pk>/participants/", manage_views.participants, name="participants"),
    path("<int:pk>/participants.xlsx", manage_views.participants_xlsx, name="participants_xlsx"),
    path("<int:pk>/attendance/", manage_views.attendance, name="attendance"),
    path("<int:pk>/registrations/", manage_views.registration_action, name="registration_action"),
    path("r/<str:token>/", views.participant, name="participant"),
    path("r/<str:token>/cancel/", views.participant_cancel, name="participant_cancel"),
]
