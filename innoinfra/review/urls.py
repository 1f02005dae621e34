from django.urls import path

from . import application_views, document_views, expert_views, ranking_views, rubric_views, views

app_name = "review"

urlpatterns = [
    # calls
    path("calls/", views.call_list, name="call_list"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/<int:pk>/", views.call_detail, name="call"),
    path("calls/<int:pk>/edit/", views.call_edit, name="call_edit"),
    path("calls/<int:pk>/stages/", views.call_stages, name="call_stages"),
    path("calls/<int:pk>/copy/", views.call_copy, name="call_copy"),
    path("calls/<int:pk>/publish/", views.call_publish, name="call_publish"),
    path("calls/<int:pk>/release/", views.call_release, name="call_release"),
    path("calls/<int:pk>/applications/", views.call_applications, name="call_applications"),
    path("calls/<int:pk>/auto-assign/", views.auto_assign, name="auto_assign"),
    path("calls/<int:pk>/outbox/", views.outbox, name="outbox"),
    path("calls/<int:pk>/documents/", views.document_add, name="document_add"),
    path("calls/documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
    path("calls/<int:pk>/apply/", application_views.apply, name="apply"),
    # the methodist's and the chair's view of results
    path("calls/<int:pk>/ranking/", ranking_views.ranking, name="ranking"),
    path("calls/<int:pk>/progress/", ranking_views.progress, name="progress"),
    path("calls/<int:pk>/ranking.xlsx", document_views.ranking_xlsx, name="ranking_xlsx"),
    path("calls/<int:pk>/scores.xlsx", document_views.matrix_xlsx, name="matrix_xlsx"),
    # applications
    path("applications/", application_views.my_applications, name="my_applications"),
    path("applications/<int:pk>/", application_views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", application_views.application_edit, name="application_edit"),
    path("applications/<int:pk>/do/<slug:action>/", application_views.application_action, name="application_action"),
    path("applications/<int:pk>/files/", application_views.file_add, name="file_add"),
    path("applications/files/<int:pk>/", application_views.file_download, name="file"),
    path("applications/<int:pk>/depersonalised/", application_views.blind_copy, name="blind_copy"),
    path("applications/<int:pk>/assign/", application_views.assign, name="assign"),
    path("applications/<int:pk>/conclusion.docx", document_views.summary_docx, name="summary_docx"),
    path("assignments/<int:pk>/remove/", application_views.unassign, name="unassign"),
    path("reviews/<int:pk>/reopen/", application_views.reopen_review, name="reopen_review"),
    # rubrics
    path("rubrics/", rubric_views.rubric_list, name="rubrics"),
    path("rubrics/<int:pk>/", rubric_views.rubric_detail, name="rubric"),
    path("rubrics/<int:pk>/edit/", rubric_views.rubric_edit, name="rubric_edit"),
    path("rubrics/<int:pk>/copy/", rubric_views.rubric_copy, name="rubric_copy"),
    # experts
    path("expertise/", expert_views.desk, name="desk"),
    path("expertise/conflicts/", expert_views.conflicts, name="conflicts"),
    path("expertise/<int:pk>/", expert_views.assignment, name="assignment"),
    path("expertise/<int:pk>/respond/", expert_views.respond, name="respond"),
    path("expertise/<int:pk>/conclusion.docx", document_views.review_docx, name="review_docx"),
]
