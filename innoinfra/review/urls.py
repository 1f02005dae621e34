from django.urls import path

from .views import applications, calls, documents, experts, rankings, rubrics

app_name = "review"

urlpatterns = [
    # calls
    path("calls/", calls.call_list, name="call_list"),
    path("calls/new/", calls.call_create, name="call_create"),
    path("calls/<int:pk>/", calls.call_detail, name="call"),
    path("calls/<int:pk>/edit/", calls.call_edit, name="call_edit"),
    path("calls/<int:pk>/stages/", calls.call_stages, name="call_stages"),
    path("calls/<int:pk>/copy/", calls.call_copy, name="call_copy"),
    path("calls/<int:pk>/publish/", calls.call_publish, name="call_publish"),
    path("calls/<int:pk>/release/", calls.call_release, name="call_release"),
    path("calls/<int:pk>/applications/", calls.call_applications, name="call_applications"),
    path("calls/<int:pk>/auto-assign/", calls.auto_assign, name="auto_assign"),
    path("calls/<int:pk>/outbox/", calls.outbox, name="outbox"),
    path("calls/<int:pk>/documents/", calls.document_add, name="document_add"),
    path("calls/documents/<int:pk>/", calls.document_download, name="document"),
    path("calls/documents/<int:pk>/delete/", calls.document_delete, name="document_delete"),
    path("calls/<int:pk>/apply/", applications.apply, name="apply"),
    # the methodist's and the chair's view of results
    path("calls/<int:pk>/ranking/", rankings.ranking, name="ranking"),
    path("calls/<int:pk>/progress/", rankings.progress, name="progress"),
    path("calls/<int:pk>/ranking.xlsx", documents.ranking_xlsx, name="ranking_xlsx"),
    path("calls/<int:pk>/scores.xlsx", documents.matrix_xlsx, name="matrix_xlsx"),
    # applications
    path("applications/", applications.my_applications, name="my_applications"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path("applications/<int:pk>/edit/", applications.application_edit, name="application_edit"),
    path("applications/<int:pk>/do/<slug:action>/", applications.application_action, name="application_action"),
    path("applications/<int:pk>/files/", applications.file_add, name="file_add"),
    path("applications/files/<int:pk>/", applications.file_download, name="file"),
    path("applications/<int:pk>/depersonalised/", applications.blind_copy, name="blind_copy"),
    path("applications/<int:pk>/assign/", applications.assign, name="assign"),
    path("applications/<int:pk>/conclusion.docx", documents.summary_docx, name="summary_docx"),
    path("applications/<int:pk>/application.docx", documents.application_docx, name="application_docx"),
    path("applications/<int:pk>/application.pdf", documents.application_pdf, name="application_pdf"),
    path("assignments/<int:pk>/remove/", applications.unassign, name="unassign"),
    path("reviews/<int:pk>/reopen/", applications.reopen_review, name="reopen_review"),
    # rubrics
    path("rubrics/", rubrics.rubric_list, name="rubrics"),
    path("rubrics/<int:pk>/", rubrics.rubric_detail, name="rubric"),
    path("rubrics/<int:pk>/edit/", rubrics.rubric_edit, name="rubric_edit"),
    path("rubrics/<int:pk>/copy/", rubrics.rubric_copy, name="rubric_copy"),
    # experts
    path("expertise/", experts.desk, name="desk"),
    path("expertise/conflicts/", experts.conflicts, name="conflicts"),
    path("expertise/<int:pk>/", experts.assignment, name="assignment"),
    path("expertise/<int:pk>/respond/", experts.respond, name="respond"),
    path("expertise/<int:pk>/conclusion.docx", documents.review_docx, name="review_docx"),
]
