"""The results of a call as the methodist and the chair of its council follow them: the ranking and the progress of
the review. A blind call stays blind for the chair until a stage reveals the applicants; staff always see them."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from .. import queries, services
from ..aggregation import q
from ..documents import number, percent, points
from ..models import Call
from ..ranking import Ranking, RankingRow
from ..ranking.table import rows_html
from ..templatetags.review_tags import DEFAULT_STATE_BADGE, STATE_BADGE_CLASSES
from ..visibility import WITHHELD, Viewer, ranking_for, viewer_of

NORMALISE_HELP = (
    "Нормирование убирает привычную строгость или мягкость эксперта: его баллы приводятся к среднему уровню "
    "и разбросу оценок всей экспертной группы, поэтому заявка не теряет места из-за того, "
    "что досталась строгому эксперту."
)


def call_figures(call: Call, ranking: Ranking) -> dict:
    """The call's rules as the results pages state them."""
    return {
        "maximum": number(ranking.maximum),
        "threshold_percent": number(call.pass_threshold * 100),
        "threshold_points": points(q(ranking.maximum * call.pass_threshold)),
        "disagreement_percent": number(call.disagreement_threshold * 100),
    }


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


CELL = '<td class="text-center">{}</td>'
CELL_BELOW_MINIMUM = '<td class="text-center text-danger fw-semibold" title="ниже минимума">{}</td>'


def criterion_cells(row: RankingRow, criteria) -> str:
    """The per-criterion means of a row as table cells. number() yields only digits, a comma or «—», so the cells are
    safe without escaping each of the 3 000 values of a large call one by one."""
    return mark_safe(
        "".join(
            (CELL_BELOW_MINIMUM if c in row.below_minimum else CELL).format(number(row.criterion_means.get(c.pk)))
            for c in criteria
        )
    )


def url_for_any_pk(name: str):
    """reverse() once, then a plain format per row: resolving 600 links one by one costs a fifth of the page."""
    marker = 987654321
    return reverse(name, args=[marker]).replace(str(marker), "{}").format


@dataclass(frozen=True)
class RowUrls:
    application: object
    summary: object


def ranking_row(row: RankingRow, ranking: Ranking, viewer: Viewer, urls: RowUrls) -> dict:
    """One line of the ranking as text, ready to print: a 300-application call is a 300-row page, and the template
    then only places values (numbers as Russian text: «20», «1,5»; «—» for none)."""
    application = row.application
    if application.pk in ranking.withheld:
        verdict = (WITHHELD, "text-bg-light border")
    elif row.score is None:
        verdict = ("нет оценок", "text-bg-light border")
    else:
        verdict = ("проходит", "text-bg-success") if row.passes else ("не проходит", "text-bg-danger")
    return {
        "row": row,  # the figures themselves, for whoever needs more than the text
        "rank": row.rank or "—",
        "disputed": row.disputed,
        "complete": row.complete,
        "submitted": row.submitted,
        "assigned": row.assigned,
        "has_score": row.score is not None,
        "verdict": verdict[0],
        "verdict_class": verdict[1],
        "number": application.number,
        "url": urls.application(application.pk),
        "summary_url": urls.summary(application.pk),
        "state": application.get_state_display(),
        "state_class": STATE_BADGE_CLASSES.get(application.state, DEFAULT_STATE_BADGE),
        "organization": viewer.organization(application),
        "theme": _short(viewer.theme(application)),
        "score": number(row.score),
        "mean": number(row.mean),
        "median": number(row.median),
        "spread": number(row.spread),
        "share": percent(row.share),
        "totals": " · ".join(number(t) for t in sorted((used for _raw, used in row.totals.values()), reverse=True)),
        "criterion_cells": criterion_cells(row, ranking.criteria),
        "below_minimum": "; ".join(c.title for c in row.below_minimum),
    }


@login_required
def ranking(request, pk):
    call = queries.ranked_call(request.user, pk)
    viewer = viewer_of(request.user, call)
    result = ranking_for(request.user, call, request.GET)
    urls = RowUrls(url_for_any_pk("review:application"), url_for_any_pk("review:summary_docx"))
    rows = [ranking_row(row, result, viewer, urls) for row in result.rows]
    totals_title = "Баллы отдельных экспертов" + (" после нормирования" if result.normalised else "")
    context = {
        "call": call,
        "ranking": result,
        "rows": rows,
        "viewer": viewer,
        "normalise_help": NORMALISE_HELP,
        "rows_html": rows_html(rows, staff=viewer.is_staff, totals_title=totals_title),
        "normalise_query": "normalise=1" if result.normalised else "normalise=0",
        "disputed_count": sum(1 for row in result.rows if row.disputed),
        "passing_count": sum(1 for row in result.rows if row.passes),
        **call_figures(call, result),
    }
    return render(request, "review/ranking.html", context)


@login_required
def progress(request, pk):
    call = queries.ranked_call(request.user, pk)
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
        "viewer": viewer_of(request.user, call),
    }
    return render(request, "review/progress.html", context)
