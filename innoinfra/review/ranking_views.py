"""The results of a call as the methodist and the chair of its council follow them: the ranking and the progress of
the review. A blind call stays blind for the chair until a stage reveals the applicants; staff always see them."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from . import queries, services
from .aggregation import q
from .documents import number, percent, points
from .models import Application, Call
from .ranking import Ranking, build_ranking

NORMALISE_HELP = (
    "Нормирование убирает привычную строгость или мягкость эксперта: его баллы приводятся к среднему уровню "
    "и разбросу оценок всей экспертной группы, поэтому заявка не теряет места из-за того, "
    "что досталась строгому эксперту."
)


def ranked_call(request, pk) -> Call:
    """The call whose results the user may follow: 404 when the call is hidden from them, 403 when only visible."""
    call = get_object_or_404(
        Call.objects.select_related("municipality", "rubric", "body").prefetch_related("stages"), pk=pk
    )
    if not request.user.has_perm("review.view_ranking", call):
        if request.user.has_perm("review.view_call", call):
            raise PermissionDenied("Результаты экспертизы видят методисты конкурса и председатель совета.")
        raise Http404("Конкурс не найден.")
    return call


@dataclass(frozen=True)
class Viewer:
    """What the viewer of a call's results may see."""

    is_staff: bool
    hides_applicants: bool

    def organization(self, application: Application) -> str:
        return "" if self.hides_applicants else application.lead_organization.short_name

    def theme(self, application: Application) -> str:
        if not self.hides_applicants:
            return application.theme
        return application.blind_theme or "Тема скрыта (слепая экспертиза)"


def viewer_of(request, call: Call) -> Viewer:
    is_staff = request.user.has_perm("review.change_call", call)
    return Viewer(is_staff=is_staff, hides_applicants=not is_staff and services.names_hidden_from_experts(call))


def normalise_param(request) -> bool | None:
    """?normalise=1 or 0 overrides the call's setting; without it the call decides."""
    value = request.GET.get("normalise")
    return {"1": True, "0": False}.get(value)


def call_figures(call: Call, ranking: Ranking) -> dict:
    """The call's rules as the results pages state them."""
    return {
        "maximum": number(ranking.maximum),
        "threshold_percent": number(call.pass_threshold * 100),
        "threshold_points": points(q(ranking.maximum * call.pass_threshold)),
        "disagreement_percent": number(call.disagreement_threshold * 100),
    }


@login_required
def ranking(request, pk):
    call = ranked_call(request, pk)
    viewer = viewer_of(request, call)
    result = build_ranking(call, normalise=normalise_param(request))
    rows = [
        {
            "row": row,
            "organization": viewer.organization(row.application),
            "theme": viewer.theme(row.application),
            # numbers as Russian text: «20», «1,5», «66,67»; «—» for none
            "score": number(row.score),
            "mean": number(row.mean),
            "median": number(row.median),
            "spread": number(row.spread),
            "share": percent(row.share),
            "totals": [number(t) for t in sorted((used for _raw, used in row.totals.values()), reverse=True)],
            "criterion_cells": [
                (number(row.criterion_means.get(c.pk)), c in row.below_minimum) for c in result.criteria
            ],
        }
        for row in result.rows
    ]
    context = {
        "call": call,
        "ranking": result,
        "rows": rows,
        "viewer": viewer,
        "normalise_help": NORMALISE_HELP,
        "normalise_query": "normalise=1" if result.normalised else "normalise=0",
        "disputed_count": sum(1 for row in result.rows if row.disputed),
        "passing_count": sum(1 for row in result.rows if row.passes),
        **call_figures(call, result),
    }
    return render(request, "review/ranking.html", context)


@login_required
def progress(request, pk):
    call = ranked_call(request, pk)
    today = timezone.localdate()
    deadline = services.review_deadline(call)
    overdue = bool(deadline and today > deadline)
    experts = queries.progress_by_expert(call)
    columns = ("assigned", "pending", "drafts", "submitted", "declined")
    for row in experts:
        parts = (row["expert__last_name"], row["expert__first_name"], row["expert__middle_name"])
        row["name"] = " ".join(p for p in parts if p) or f"Эксперт без имени (№ {row['expert_id']})"
        row["late"] = max(row["assigned"] - row["submitted"], 0) if overdue else 0
    totals = {name: sum(row[name] for row in experts) for name in (*columns, "late")}
    context = {
        "call": call,
        "experts": experts,
        "totals": totals,
        "deadline": deadline,
        "overdue": overdue,
        "today": today,
        "days_left": (deadline - today).days if deadline and not overdue else None,
        "viewer": viewer_of(request, call),
    }
    return render(request, "review/progress.html", context)
