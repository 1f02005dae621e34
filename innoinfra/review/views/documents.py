"""Downloads of a call's results: the ranking and all scores as Excel, the experts' conclusions as Word."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from innoinfra.core.downloads import document_filename, docx_response, pdf_from_docx
from innoinfra.core.xlsx import xlsx_response

from .. import documents, exports, queries
from ..enums import ACTIVE_ASSIGNMENT_STATES, Recommendation, ReviewState
from ..models import Application, Assignment, Review
from ..passport import fields_of
from ..ranking import build_ranking
from ..visibility import hides_applicants_from, ranking_for, viewer_of
from .applications import visible_application


@login_required
def ranking_xlsx(request, pk):
    call = queries.ranked_call(request.user, pk)
    content = exports.ranking_xlsx(ranking_for(request.user, call, request.GET), viewer=viewer_of(request.user, call))
    return xlsx_response(document_filename(f"Рейтинг заявок — {call.title}", ".xlsx"), content)


@login_required
def matrix_xlsx(request, pk):
    call = queries.ranked_call(request.user, pk)
    ranking = ranking_for(request.user, call, request.GET)
    reviews = {
        (application_id, expert_id): (Recommendation(recommendation).label if recommendation else "", conclusion)
        for application_id, expert_id, recommendation, conclusion in Review.objects.filter(
            assignment__application__call=call,
            assignment__state__in=ACTIVE_ASSIGNMENT_STATES,
            state=ReviewState.SUBMITTED,
        ).values_list("assignment__application_id", "assignment__expert_id", "recommendation", "conclusion")
    }
    content = exports.scores_xlsx(ranking, reviews, viewer=viewer_of(request.user, call))
    return xlsx_response(document_filename(f"Оценки экспертов — {call.title}", ".xlsx"), content)


@login_required
def review_docx(request, pk):
    """The expert's conclusion: for the expert themself once they have started it, and for the call's staff."""
    assignment = get_object_or_404(
        Assignment.objects.select_related(
            "application__call__rubric", "application__lead_organization", "application__site_kind", "expert"
        ).prefetch_related("application__call__stages"),
        pk=pk,
    )
    if not request.user.has_perm("review.view_assignment", assignment):
        raise Http404("Назначение не найдено.")
    review = Review.objects.filter(assignment=assignment).prefetch_related("scores").first()
    if review is None:
        raise Http404("Эксперт ещё не приступил к оценке.")
    review.assignment = assignment
    application = assignment.application
    call = application.call
    content = documents.review_docx(
        review,
        list(call.rubric.criteria.all()),
        hidden=hides_applicants_from(request.user, call),
        today=timezone.localdate(),
    )
    title = f"Экспертное заключение на заявку {application.label}"
    return docx_response(document_filename(title, ".docx", fallback=f"review-{assignment.pk}"), content)


@login_required
def summary_docx(request, pk):
    """The summary of all the experts' conclusions on an application, for the council; staff only."""
    application = get_object_or_404(
        Application.objects.select_related("call__rubric", "lead_organization", "site_kind").prefetch_related(
            "partners", "call__stages"
        ),
        pk=pk,
    )
    if not request.user.has_perm("review.manage_application", application):
        if request.user.has_perm("review.view_application", application):
            raise PermissionDenied("Сводное заключение готовят методисты конкурса.")
        raise Http404("Заявка не найдена.")
    call = application.call
    ranking = build_ranking(call)
    row = next((r for r in ranking.rows if r.application.pk == application.pk), None)
    reviews = list(
        Review.objects.filter(
            assignment__application=application,
            assignment__state__in=ACTIVE_ASSIGNMENT_STATES,
            state=ReviewState.SUBMITTED,
        )
        .select_related("assignment")
        .order_by("assignment__assigned_at", "assignment__id")
    )
    content = documents.summary_docx(
        application,
        row,
        reviews,
        ranking.criteria,
        ranking.matrix,
        maximum=ranking.maximum,
        normalised=ranking.normalised,
        today=timezone.localdate(),
    )
    title = f"Сводное экспертное заключение по заявке {application.label}"
    return docx_response(document_filename(title, ".docx", fallback=f"application-{application.pk}-summary"), content)


def _application_document(request, pk) -> tuple[Application, bytes, str]:
    """The applicant's application with its passport, for those who see the application (the applicant's people
    and the call's staff); anyone else gets 404, as on the application's page."""
    application = visible_application(request, pk)
    passport = [(f.label, application.passport.get(f.code, "")) for f in fields_of(application.call.form_fields)]
    content = documents.application_docx(application, passport)
    return application, content, documents.application_title(application)


@login_required
def application_docx(request, pk):
    application, content, title = _application_document(request, pk)
    return docx_response(document_filename(title, ".docx", fallback=f"application-{application.pk}"), content)


@login_required
def application_pdf(request, pk):
    application, content, title = _application_document(request, pk)
    return pdf_from_docx(
        request,
        content,
        document_filename(title, ".pdf", fallback=f"application-{application.pk}"),
        docx_url=reverse("review:application_docx", args=[application.pk]),
        back_url=application.get_absolute_url(),
    )
