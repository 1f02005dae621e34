from django.urls import path

from .certificates import views as certificate_views
from .courses import views as course_views
from .views import manage, public, staff

app_name = "events"

urlpatterns = [
    path("", public.event_list, name="list"),
    path("month/", public.month, name="month"),
    path("calendar.ics", public.ics, name="ics"),
    path("organizers/", public.organizer_options, name="organizers"),
    path("mine/", staff.mine, name="mine"),
    path("manage/", manage.my_events, name="manage"),
    path("staff/", staff.staff_registrations, name="staff"),
    path("new/", manage.event_create, name="create"),
    path("<int:pk>/", public.event_detail, name="detail"),
    path("<int:pk>/unregister/", public.unregister, name="unregister"),
    path("<int:pk>/staff/", staff.group_register, name="group_register"),
    path("<int:pk>/edit/", manage.event_edit, name="edit"),
    path("<int:pk>/state/", manage.event_state, name="state"),
    path("<int:pk>/participants/", manage.participants, name="participants"),
    path("<int:pk>/participants.xlsx", manage.participants_xlsx, name="participants_xlsx"),
    path("<int:pk>/attendance/", manage.attendance, name="attendance"),
    path("<int:pk>/registrations/", manage.registration_action, name="registration_action"),
    path("<int:pk>/certificates/", certificate_views.event_certificates, name="certificates"),
    path("<int:pk>/certificates/issue/", certificate_views.issue, name="certificates_issue"),
    path("<int:pk>/certificates/people/", certificate_views.issue_to_people, name="certificates_people"),
    path("<int:pk>/certificates/template/", certificate_views.choose_template, name="certificates_template"),
    path("<int:pk>/certificates/preview.pdf", certificate_views.event_preview, name="certificates_preview"),
    path("<int:pk>/certificates/batch/<int:batch_pk>/", certificate_views.batch_progress, name="certificates_batch"),
    path(
        "<int:pk>/certificates/batch/<int:batch_pk>/restart/",
        certificate_views.batch_restart,
        name="certificates_batch_restart",
    ),
    path("<int:pk>/certificates/<int:certificate_pk>/revoke/", certificate_views.revoke, name="certificate_revoke"),
    path("certificate-templates/", certificate_views.template_list, name="certificate_templates"),
    path("certificate-templates/new/", certificate_views.template_edit, name="certificate_template_create"),
    path("certificate-templates/<int:pk>/", certificate_views.template_edit, name="certificate_template_edit"),
    # courses of professional development: programme by modules, assessment, удостоверения and their register
    path("<int:pk>/course/", course_views.course, name="course"),
    path("<int:pk>/course/modules/<int:module_pk>/delete/", course_views.module_delete, name="course_module_delete"),
    path("<int:pk>/course/programme-file/", course_views.programme_file, name="course_programme_file"),
    path("<int:pk>/course/assessment/", course_views.assessment, name="course_assessment"),
    path("<int:pk>/course/issue/", course_views.issue, name="course_issue"),
    path("training-certificates/", course_views.register, name="training_register"),
    path("training-certificates.xlsx", course_views.register_xlsx, name="training_register_xlsx"),
    path("training-certificates/<int:pk>/pdf/", course_views.certificate_pdf, name="training_certificate_pdf"),
    path("r/<str:token>/", public.participant, name="participant"),
    path("r/<str:token>/cancel/", public.participant_cancel, name="participant_cancel"),
    # programme, materials, feedback, check-in by QR code
    path("<int:pk>/programme/", manage.programme, name="programme"),
    path("<int:pk>/programme/<int:session_pk>/", manage.session_edit, name="session_edit"),
    path("<int:pk>/programme/<int:session_pk>/delete/", manage.session_delete, name="session_delete"),
    path("<int:pk>/materials/", manage.materials, name="materials"),
    path("<int:pk>/materials/<int:material_pk>/", public.material, name="material"),
    path("<int:pk>/materials/<int:material_pk>/delete/", manage.material_delete, name="material_delete"),
    path("<int:pk>/feedback/", manage.feedback, name="feedback"),
    path("<int:pk>/feedback/open/", manage.feedback_open, name="feedback_open"),
    path("checkin/<str:token>/", manage.checkin, name="checkin"),
    path("r/<str:token>/feedback/", public.participant_feedback, name="participant_feedback"),
    path("r/<str:token>/materials/<int:pk>/", public.participant_material, name="participant_material"),
]
