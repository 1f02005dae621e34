"""Applications by the academic year they were submitted in, with their outcomes and success rate."""

from __future__ import annotations

from django.db.models import Count, Q

from innoinfra.core.dates import academic_year_label
from innoinfra.review.enums import ApplicationState
from innoinfra.review.models import Application

from ._common import Territory, academic_year_of, in_territory, percent, year_moments

SUCCESS_STATES = (ApplicationState.RECOMMENDED, ApplicationState.APPROVED)
REFUSED_STATES = (ApplicationState.NOT_RECOMMENDED, ApplicationState.REJECTED)


def applications_by_year(municipalities: Territory, years: list[int]) -> list[dict]:
    """Applications by the academic year they were submitted in (calls take applications within their own dates,
    so this is the year of the call), with their outcomes; success rate = positive decisions among decided ones."""
    start, _ = year_moments(min(years))
    _, end = year_moments(max(years))
    submitted = in_territory(Application.objects.all(), municipalities, "lead_organization__municipality").filter(
        submitted_at__gte=start, submitted_at__lt=end
    )
    rows = {
        row["year"]: row
        for row in submitted.annotate(year=academic_year_of("submitted_at"))
        .values("year")
        .annotate(
            submitted=Count("pk"),
            success=Count("pk", filter=Q(state__in=SUCCESS_STATES)),
            refused=Count("pk", filter=Q(state__in=REFUSED_STATES)),
            withdrawn=Count("pk", filter=Q(state=ApplicationState.WITHDRAWN)),
        )
        .order_by()
    }
    result = []
    for year in years:
        row = rows.get(year, {"submitted": 0, "success": 0, "refused": 0, "withdrawn": 0})
        decided = row["success"] + row["refused"]
        result.append(
            {
                "year": year,
                "label": academic_year_label(year),
                "submitted": row["submitted"],
                "success": row["success"],
                "refused": row["refused"],
                "withdrawn": row["withdrawn"],
                "in_progress": row["submitted"] - decided - row["withdrawn"],
                "success_rate": percent(row["success"], decided),
            }
        )
    return result
