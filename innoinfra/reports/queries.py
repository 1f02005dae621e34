"""Who sees which campaigns and reports; the progress of a campaign; the rows of its spreadsheet."""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When

from innoinfra.accounts.scopes import scope_of

from .enums import ReportState
from .models import Answer, Campaign, FormItem, Report


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    scope = scope_of(user)
    if scope.managed_municipalities is None and user.is_authenticated:
        return Campaign.objects.all()
    if not scope.is_staff:
        return Campaign.objects.none()
    return Campaign.objects.of_territories(scope.managed_municipalities)


def late_condition(today: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}submitted_late": True}) | Q(
        **{f"{prefix}first_submitted_at__isnull": True, f"{prefix}campaign__deadline__lt": today}
    )


def campaigns_for_list(user, today: dt.date) -> QuerySet[Campaign]:
    """With counts of the reports by state and of the late ones (counted over the user's visible reports)."""
    visible = reports_visible_to(user).values("pk")
    mine = Q(reports__pk__in=visible)
    counts = {
        f"n_{state}": Count("reports", filter=mine & Q(reports__state=state), distinct=True)
        for state in ReportState.values
    }
    return (
        campaigns_visible_to(user)
        .select_related("municipality", "region")
        .annotate(
            n_total=Count("reports", filter=mine, distinct=True),
            n_late=Count("reports", filter=mine & late_condition(today, "reports__"), distinct=True),
            **counts,
        )
        .order_by("-period_start", "-id")
    )


def reports_visible_to(user) -> QuerySet[Report]:
    if not user.is_authenticated:
        return Report.objects.none()
    scope = scope_of(user)
    if scope.managed_municipalities is None:
        return Report.objects.all()
    condition = Q(organization_id__in=scope.organizations)
    if scope.managed_municipalities:
        condition |= scope.managed()
    return Report.objects.filter(condition)


def with_late(reports: QuerySet[Report], today: dt.date) -> QuerySet[Report]:
    return reports.annotate(
        late=Case(When(late_condition(today), then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def filter_reports(reports: QuerySet[Report], params: dict, today: dt.date) -> QuerySet[Report]:
    if params.get("state"):
        reports = reports.filter(state=params["state"])
    if params.get("late"):
        reports = reports.filter(late_condition(today))
    if params.get("campaign"):
        reports = reports.filter(campaign=params["campaign"])
    if params.get("municipality"):
        reports = reports.filter(municipality=params["municipality"])
    return reports


def progress(campaign: Campaign, user, today: dt.date) -> QuerySet[Report]:
    """The campaign's reports the user may see, one row each, with how many items are answered."""
    answered = Count(
        "answers",
        filter=~Q(answers__text="")
        | Q(answers__number__isnull=False)
        | Q(answers__flag__isnull=False)
        | ~Q(answers__file=""),
    )
    return with_late(
        reports_visible_to(user)
        .filter(campaign=campaign)
        .select_related("organization", "site__kind", "municipality")
        .annotate(answered=answered),
        today,
    ).order_by("municipality__name", "organization__short_name", "id")


def reports_for_list(user, today: dt.date) -> QuerySet[Report]:
    return with_late(reports_visible_to(user).select_related("campaign", "organization", "site__kind"), today).order_by(
        "-campaign__period_start", "organization__short_name", "id"
    )


def own_reports(user, today: dt.date) -> QuerySet[Report]:
    """The reports of the organizations the user administers."""
    organizations = scope_of(user).organizations
    return with_late(
        Report.objects.filter(organization_id__in=organizations).select_related(
            "campaign", "organization", "site__kind"
        ),
        today,
    ).order_by("-campaign__deadline", "organization__short_name", "id")


def items_of(campaign_or_form) -> list[FormItem]:
    form_id = getattr(campaign_or_form, "form_id", None) or campaign_or_form.pk
    return list(FormItem.objects.filter(form_id=form_id).order_by("position", "id"))


def answers_by_report(reports) -> dict[int, dict[int, Answer]]:
    """report id → item id → answer, in one query."""
    found: dict[int, dict[int, Answer]] = {}
    for answer in Answer.objects.filter(report_id__in=[r.pk for r in reports]).select_related("item"):
        found.setdefault(answer.report_id, {})[answer.item_id] = answer
    return found
