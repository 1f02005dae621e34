from django.urls import path

from . import manage_views, views
from .certificates import views as certificate_views

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
    path("<int:pk>/certificates/", certificate_views.event_certificates, name="certificates"),
    path("<int:pk>/certificates/issue/", certificate_views.issue, name="certificates_issue"),
    path("<int:pk>/certificates/people/", certificate_views.issue_to_people, name="certificates_people"),
    path("<int:pk>/certificates/template/", certificate_views.choose_template, name="certificates_template"),
    path("<int:pk>/certificates/preview.pdf", certificate_views.event_preview, name="certificates_preview"),
    path("<int:pk>/certificates/batch/<int:batch_pk>/", certificate_views.batch_progress, name="certificates_batch"),
    path("<int:pk>/certificates/<int:certificate_pk>/revoke/", certificate_views.revoke, name="certificate_revoke"),
    path("certificate-templates/", certificate_views.template_list, name="certificate_templates"),
    path("certificate-templates/new/", certificate_views.template_edit, name="certificate_template_create"),
    path("certificate-templates/<int:pk>/", certificate_views.template_edit, name="certificate_template_edit"),
    path("r/<str:token>/", views.participant, name="participant"),
    path("r/<str:token>/cancel/", views.participant_cancel, name="participant_cancel"),
    # programme, materials, feedback, check-in by QR code
    path("<int:pk>/programme/", manage_views.programme, name="programme"),
    path("<int:pk>/programme/<int:session_pk>/", manage_views.session_edit, name="session_edit"),
    path("<int:pk>/programme/<int:session_pk>/delete/", manage_views.session_delete, name="session_delete"),
    path("<int:pk>/materials/", manage_views.materials, name="materials"),
    path("<int:pk>/materials/<int:material_pk>/", views.material, name="material"),
    path("<int:pk>/materials/<int:material_pk>/delete/", manage_views.material_delete, name="material_delete"),
    path("<int:pk>/feedback/", manage_views.feedback, name="feedback"),
    path("<int:pk>/feedback/open/", manage_views.feedback_open, name="feedback_open"),
    path("checkin/<str:token>/", manage_views.checkin, name="checkin"),
    path("r/<str:token>/feedback/", views.participant_feedback, name="participant_feedback"),
    path("r/<str:token>/materials/<int:pk>/", views.participant_material, name="participant_material"),
]
