"""Campaigns and reports for tests, made through the services as a methodist makes them."""

from __future__ import annotations

import datetime as dt

from innoinfra.reports import services
from innoinfra.reports.catalogue import MONITORING, SITE_REPORT
from innoinfra.reports.enums import Audience, CampaignState, ItemKind, ValueType
from innoinfra.reports.models import ReportForm

PERIOD = (dt.date(2024, 9, 1), dt.date(2025, 5, 31))
DEADLINE = dt.date(2025, 6, 10)


def template(title=SITE_REPORT) -> ReportForm:
    return ReportForm.objects.get(title=title, is_template=True)


def monitoring_template() -> ReportForm:
    return template(MONITORING)


def blank_form() -> ReportForm:
    return ReportForm.objects.create(title="Пустая форма", is_template=False)


def make_campaign(
    municipality,
    *,
    by,
    title="Отчёты площадок за 2024/2025 учебный год",
    source=None,
    audience=Audience.SITES,
    period=PERIOD,
    deadline=DEADLINE,
    site_kinds=(),
    items=None,
    open_it=False,
):
    """`items` replaces the form's items with [(kind, title, fields…)] — small forms keep tests readable."""
    campaign = services.create_campaign(
        by=by,
        title=title,
        municipality=municipality,
        period_start=period[0],
        period_end=period[1],
        deadline=deadline,
        source=source or (blank_form() if items is not None else template()),
        audience=audience,
        site_kinds=site_kinds,
    )
    for fields in items or ():
        services.add_item(campaign.form, **fields)
    if open_it:
        services.change_campaign_state(campaign, CampaignState.OPEN, by=by)
    return campaign


def section(title="Практическая деятельность", **fields):
    return {"kind": ItemKind.SECTION, "title": title, **fields}


def indicator(title, value_type=ValueType.INTEGER, **fields):
    return {"kind": ItemKind.INDICATOR, "title": title, "value_type": value_type, **fields}


def attachment(title="Отчёт с подписью руководителя", allowed_types=".pdf", **fields):
    return {"kind": ItemKind.ATTACHMENT, "title": title, "allowed_types": allowed_types, **fields}


def report_world(municipality) -> dict:
    """For the permissions walk: an open campaign of the municipality whose one report (its one active site's) has
    a file attached; run by an installation administrator who is no persona."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from tests.factories import UserFactory

    runner = UserFactory(username="reports-runner", is_superuser=True)
    today = timezone.localdate()
    campaign = make_campaign(
        municipality,
        by=runner,
        period=(today - dt.timedelta(days=270), today - dt.timedelta(days=1)),
        deadline=today + dt.timedelta(days=10),
        items=[section(), attachment()],
        open_it=True,
    )
    report = campaign.reports.get()
    item = campaign.form.items.get(kind=ItemKind.ATTACHMENT)
    services.save_draft(report, by=runner, files={item.pk: SimpleUploadedFile("otchet.pdf", b"%PDF-1.4")})
    return {
        "report_campaign": campaign,
        "report": report,
        "report_item": item,
        "report_answer": report.answers.get(item=item),
    }
