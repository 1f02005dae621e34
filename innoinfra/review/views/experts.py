"""The expert's desk: assignments, the scoring form with the levels' meanings in view, conflict declarations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from innoinfra.accounts.enums import Role
from innoinfra.accounts.scopes import scope_of
from innoinfra.core.errors import ServiceError

from .. import queries, services
from ..enums import ACTIVE_ASSIGNMENT_STATES, ApplicationState, AssignmentState, ReviewState
from ..forms import ConflictForm, ReasonForm, ReviewForm
from ..models import Assignment, ConflictDeclaration, Review
from ..visibility import colleagues_reviews, expert_view, names_hidden_from_experts

DESK_PAGE_SIZE = 50


@login_required
def desk(request):
    today = timezone.localdate()
    page = Paginator(queries.assignments_of_expert(request.user), DESK_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for assignment in page:
        application = assignment.application
        call = application.call
        review = getattr(assignment, "review", None)
        deadline = services.review_deadline(call)
        hidden = names_hidden_from_experts(call)
        rows.append(
            {
                "assignment": assignment,
                "call": call,
                "number": application.number,
                "theme": (application.blind_theme or "Тема скрыта") if hidden else application.theme,
                "organization": "" if hidden else application.lead_organization.short_name,
                "review": review,
                "deadline": deadline,
                "late": bool(
                    deadline
                    and today > deadline
                    and assignment.state in ACTIVE_ASSIGNMENT_STATES
                    and not (review and review.state == ReviewState.SUBMITTED)
                ),
            }
        )
    return render(request, "review/desk.html", {"rows": rows, "page": page})


def visible_assignment(request, pk) -> Assignment:
    assignment = get_object_or_404(
        Assignment.objects.select_related(
            "application__call__rubric", "application__lead_organization", "expert"
        ).prefetch_related("application__call__stages", "application__files"),
        pk=pk,
    )
    if not request.user.has_perm("review.view_assignment", assignment):
        raise Http404("Назначение не найдено.")
    return assignment


@login_required
@require_http_methods(["GET", "POST"])
def assignment(request, pk):
    assignment = visible_assignment(request, pk)
    application = assignment.application
    call = application.call
    is_expert = assignment.expert_id == request.user.pk
    review = Review.objects.filter(assignment=assignment).prefetch_related("scores").first()
    criteria = list(call.rubric.criteria.all())
    may_score = (
        is_expert
        and assignment.state in ACTIVE_ASSIGNMENT_STATES
        and application.state == ApplicationState.UNDER_REVIEW
        and services.scoring_open(call)
        and not (review and review.state == ReviewState.SUBMITTED)
    )
    form = ReviewForm(request.POST or None, criteria=criteria, review=review)
    status = 200
    if request.method == "POST":
        if not may_score:
            raise PermissionDenied("Оценку этой заявки сейчас изменить нельзя.")
        if form.is_valid():
            submit = request.POST.get("submit") == "1"
            try:
                review = services.save_review(
                    assignment,
                    by=request.user,
                    scores=form.scores(),
                    conclusion=form.cleaned_data["conclusion"],
                    recommendation=form.cleaned_data["recommendation"],
                    submit=submit,
                )
            except ServiceError as error:
                form.add_error(None, error)
                status = 400
            else:
                messages.success(request, "Оценка отправлена. Спасибо!" if submit else "Черновик оценки сохранён.")
                return redirect("review:assignment", assignment.pk)
        else:
            status = 400
    scores = {s.criterion_id: s for s in review.scores.all()} if review else {}
    context = {
        "assignment": assignment,
        "call": call,
        "view": expert_view(application) if is_expert else None,
        "application": application,
        "is_expert": is_expert,
        "review": review,
        "criteria_scores": [(c, scores.get(c.pk)) for c in criteria],
        "form": form,
        "may_score": may_score,
        "reason_form": ReasonForm(),
        "others": colleagues_reviews(request.user, assignment),
        "deadline": services.review_deadline(call),
        "late": review is not None and review.state == ReviewState.SUBMITTED and services.is_late(review, call),
        "max_total": sum((c.max_points for c in criteria), 0),
    }
    return render(request, "review/assignment.html", context, status=status)


@login_required
@require_POST
def respond(request, pk):
    assignment = visible_assignment(request, pk)
    if assignment.expert_id != request.user.pk:
        raise PermissionDenied("Отвечать на назначение может только сам эксперт.")
    answer = request.POST.get("answer")
    reason = request.POST.get("reason", "")
    try:
        if answer == "accept":
            services.accept(assignment, by=request.user)
            message = "Назначение принято."
        elif answer == "decline":
            services.decline(assignment, by=request.user, reason=reason)
            message = "Вы отказались от экспертизы этой заявки."
        elif answer == "recuse":
            services.recuse(assignment, by=request.user, reason=reason)
            message = "Самоотвод записан."
        else:
            raise Http404("Неизвестный ответ.")
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, message)
    if answer in ("decline", "recuse") and Assignment.objects.get(pk=assignment.pk).state != AssignmentState.ACCEPTED:
        return redirect("review:desk")
    return redirect("review:assignment", assignment.pk)


@login_required
@require_http_methods(["GET", "POST"])
def conflicts(request):
    scope = scope_of(request.user)
    if Role.EXPERT not in scope.roles and not Assignment.objects.filter(expert=request.user).exists():
        raise PermissionDenied("Заявлять конфликт интересов могут эксперты.")
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_conflict(
                request.user, form.cleaned_data["organization"], reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Конфликт интересов записан. Заявки этой организации вам назначаться не будут.")
            return redirect("review:conflicts")
    declared = ConflictDeclaration.objects.filter(expert=request.user).select_related("organization")
    return render(
        request,
        "review/conflicts.html",
        {"form": form, "declared": declared},
        status=400 if form.errors else 200,
    )
