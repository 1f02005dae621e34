"""Public expertise of practices: rating, comments, answers, abuse reports and the methodists' moderation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from innoinfra.core.outcomes import report
from innoinfra.core.permissions import check_perm
from innoinfra.practices.models import Practice

from . import queries, services
from .forms import AbuseForm, RatingForm
from .models import AbuseReport, Comment, CommentState

BLOCK = "#expertise"


def _practice(request, pk) -> Practice:
    practice = get_object_or_404(Practice.objects.select_related("organization"), pk=pk)
    if not request.user.has_perm("practices.view_practice", practice):
        raise Http404("Практика не найдена")
    return practice


def _comment(request, pk) -> Comment:
    comment = get_object_or_404(Comment.objects.select_related("practice__organization"), pk=pk)
    if not request.user.has_perm("practices.view_practice", comment.practice):
        raise Http404("Комментарий не найден")
    return comment


def _back(practice: Practice):
    return redirect(practice.get_absolute_url() + BLOCK)


@login_required
@require_POST
def rate(request, pk):
    practice = _practice(request, pk)
    check_perm(request, "translator.rate_practice", practice)
    form = RatingForm(request.POST)
    scores = form.cleaned_data if form.is_valid() else {}
    report(request, lambda: services.rate(practice, by=request.user, **scores), "Спасибо, ваша оценка сохранена.")
    return _back(practice)


def _comment_saved(comment: Comment) -> str:
    if comment.state == CommentState.PUBLISHED:
        return "Комментарий опубликован."
    return "Комментарий отправлен на модерацию и появится после проверки методистом."


@login_required
@require_POST
def comment(request, pk):
    practice = _practice(request, pk)
    check_perm(request, "translator.comment_practice", practice)
    text = request.POST.get("text", "")
    report(request, lambda: services.comment(practice, by=request.user, text=text), _comment_saved)
    return _back(practice)


@login_required
@require_POST
def answer(request, pk):
    parent = _comment(request, pk)
    check_perm(request, "translator.answer_comment", parent)
    text = request.POST.get("text", "")
    report(request, lambda: services.answer(parent, by=request.user, text=text), "Ответ опубликован.")
    return _back(parent.practice)


@login_required
@require_POST
def report_abuse(request, pk):
    comment = _comment(request, pk)
    check_perm(request, "translator.report_comment", comment)
    form = AbuseForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    report(
        request,
        lambda: services.report_abuse(comment, by=request.user, reason=reason),
        "Жалоба отправлена методисту.",
    )
    return _back(comment.practice)


def _moderate(request, pk, action, success: str):
    comment = _comment(request, pk)
    check_perm(request, "translator.moderate_comment", comment)
    report(request, lambda: action(comment, by=request.user), success)
    if request.POST.get("next") == "moderation":
        return redirect("translator:moderation")
    return _back(comment.practice)


@login_required
@require_POST
def publish(request, pk):
    return _moderate(request, pk, services.publish, "Комментарий опубликован.")


@login_required
@require_POST
def hide(request, pk):
    return _moderate(request, pk, services.hide, "Комментарий скрыт.")


@login_required
def moderation(request):
    """Comments of the methodist's territory waiting for a decision: new ones and those with open complaints."""
    check_perm(request, "translator.moderate")
    comments = (
        Comment.objects.annotate(open_reports=Count("reports", filter=Q(reports__resolved=False)))
        .filter(Q(state=CommentState.PENDING) | Q(open_reports__gt=0))
        .select_related("practice", "author", "parent")
        .prefetch_related(
            Prefetch("reports", queryset=AbuseReport.objects.filter(resolved=False).select_related("reporter"))
        )
        .order_by("created_at", "id")
    )
    comments = comments.filter(pk__in=queries.moderated_by(request.user).values("pk"))
    return render(request, "translator/moderation.html", {"comments": comments})
