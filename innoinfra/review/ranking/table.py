"""The body of the ranking table, written in Python.

A large call's ranking is 300 rows of twenty cells; placing 6 000 values through Django's template engine was half
of the page's time. Each row is one format_html here, so every value is still escaped exactly once; the rest of the
page, header included, stays in review/ranking.html.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

DISPUTED = mark_safe(
    '<div class="small text-warning-emphasis fw-semibold mt-1">'
    '<i class="bi bi-exclamation-triangle-fill" aria-hidden="true"></i> эксперты расходятся</div>'
)
DISPUTED_ROW = mark_safe(' class="table-warning" data-disputed="1"')
INCOMPLETE = mark_safe(" text-danger")
NO_SCORE = mark_safe("—")

ROW = (
    '<tr{row_attrs} data-application="{number}">'
    '<td class="text-center fw-semibold">{rank}</td>'
    '<td class="text-nowrap">{application}</td>'
    '<td>{organization}<div class="small">{theme}</div>{disputed}</td>'
    '<td class="text-center text-nowrap{incomplete}">{submitted} из {assigned}</td>'
    '<td class="text-end fw-semibold text-nowrap">{score}</td>'
    '<td class="text-end">{mean}</td><td class="text-end">{median}</td><td class="text-end">{spread}</td>'
    '<td class="text-end">{share}</td>{cells}'
    '<td><span class="badge {verdict_class}">{verdict}</span>{below}</td>'
    "</tr>\n"
)
STAFF_APPLICATION = (
    '<a href="{url}">Заявка № {number}</a> '
    '<a href="{summary_url}" class="ms-1" title="Сводное экспертное заключение (Word)" '
    'aria-label="Сводное экспертное заключение по заявке № {number} (Word)"><i class="bi bi-file-earmark-word"></i></a>'
    '<div><span class="badge {state_class}" data-testid="application-state">{state}</span></div>'
)


def _application(item: dict, staff: bool) -> SafeString:
    if not staff:
        return format_html("Заявка № {}", item["number"])
    return format_html(
        STAFF_APPLICATION,
        url=item["url"],
        number=item["number"],
        summary_url=item["summary_url"],
        state_class=item["state_class"],
        state=item["state"],
    )


def _score(item: dict, totals_title: str) -> SafeString:
    if not item["has_score"]:
        return NO_SCORE
    return format_html(
        '{}<div class="small fw-normal text-secondary" title="{}">{}</div>', item["score"], totals_title, item["totals"]
    )


def row_html(item: dict, *, staff: bool, totals_title: str) -> SafeString:
    """One row of the ranking from the texts views.rankings.ranking_row prepared."""
    organization = item["organization"]
    below = item["below_minimum"]
    return format_html(
        ROW,
        row_attrs=DISPUTED_ROW if item["disputed"] else "",
        number=item["number"],
        rank=item["rank"],
        application=_application(item, staff),
        organization=format_html('<div class="fw-semibold">{}</div>', organization) if organization else "",
        theme=item["theme"],
        disputed=DISPUTED if item["disputed"] else "",
        incomplete="" if item["complete"] else INCOMPLETE,
        submitted=item["submitted"],
        assigned=item["assigned"],
        score=_score(item, totals_title),
        mean=item["mean"],
        median=item["median"],
        spread=item["spread"],
        share=item["share"],
        cells=item["criterion_cells"],
        verdict_class=item["verdict_class"],
        verdict=item["verdict"],
        below=format_html('<div class="small text-danger mt-1">ниже минимума: {}</div>', below) if below else "",
    )


def rows_html(items: list[dict], *, staff: bool, totals_title: str) -> SafeString:
    return mark_safe("".join(row_html(item, staff=staff, totals_title=totals_title) for item in items))
