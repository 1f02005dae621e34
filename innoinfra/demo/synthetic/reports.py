"""Reports of the synthetic region, for benchmarks (`generate_synthetic`): three academic years of region-wide
campaigns on the ready site report form — the two past ones closed with most reports accepted, the current one open
with drafts, submitted and returned reports — one report per site active that year, numbers in every indicator.
Bulk inserts throughout; the same seed gives the same data."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from innoinfra.core.dates import academic_year_label, academic_year_of
from innoinfra.reference.models import Region
from innoinfra.registry.enums import SiteState
from innoinfra.registry.models import Site
from innoinfra.reports import catalogue, services
from innoinfra.reports.enums import Audience, CampaignState, ItemKind, ReportState, ValueType
from innoinfra.reports.models import Answer, Campaign, FormItem, Report, ReportEvent, ReportForm

BATCH = 2000
YEARS = 3
TEXTS = [
    "Работа велась в соответствии с планом, проведены запланированные мероприятия.",
    "Проведены семинары и мастер-классы для педагогов района, материалы размещены на сайте.",
    "Подготовлены методические рекомендации, опыт представлен на муниципальной конференции.",
]


def delete_reports(region_name: str) -> None:
    campaigns = Campaign.objects.filter(region__name=region_name)
    reports = Report.objects.filter(campaign__in=campaigns)
    Answer.objects.filter(report__in=reports)._raw_delete(Answer.objects.db)
    ReportEvent.objects.filter(report__in=reports)._raw_delete(ReportEvent.objects.db)
    Report.history.filter(campaign_id__in=campaigns.values("pk")).delete()
    reports._raw_delete(Report.objects.db)
    forms = list(campaigns.values_list("form_id", flat=True))
    Campaign.history.filter(region__name=region_name).delete()
    campaigns.delete()
    ReportForm.objects.filter(pk__in=forms).delete()


def _state(rng: random.Random, past: bool) -> str:
    if past:
        return rng.choices([ReportState.ACCEPTED, ReportState.SUBMITTED, ReportState.DRAFT], [90, 4, 6])[0]
    return rng.choices(
        [ReportState.DRAFT, ReportState.SUBMITTED, ReportState.RETURNED, ReportState.ACCEPTED], [45, 25, 10, 20]
    )[0]


def _value(rng: random.Random, item: FormItem) -> Answer:
    if item.kind == ItemKind.SECTION:
        return Answer(item=item, text=rng.choice(TEXTS))
    if item.value_type == ValueType.BOOLEAN:
        return Answer(item=item, flag=rng.random() < 0.85)
    if item.value_type == ValueType.CHOICE:
        return Answer(item=item, text=rng.choice(item.options))
    top = int(item.max_value) if item.max_value is not None else 40
    return Answer(item=item, number=Decimal(rng.randint(0, top)))


def generate_reports(region_name: str, *, scale: str = "small", seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    region = Region.objects.get(name=region_name)
    template = catalogue.install()[catalogue.SITE_REPORT]
    this_year = academic_year_of(timezone.localdate())
    sites = list(
        Site.objects.filter(lead_organization__municipality__region=region)
        .exclude(state=SiteState.REVOKED)
        .values_list("pk", "lead_organization_id", "lead_organization__municipality_id", "start_date", "end_date")
    )
    n_campaigns = n_reports = n_answers = 0
    for first_year in range(this_year - YEARS + 1, this_year + 1):
        past = first_year < this_year
        start, end = dt.date(first_year, 9, 1), dt.date(first_year + 1, 5, 31)
        deadline = dt.date(first_year + 1, 6, 10)
        form = services.copy_form(template)
        campaign = Campaign.objects.create(
            title=f"Отчёты инновационных площадок за {academic_year_label(first_year)}",
            region=region,
            period_start=start,
            period_end=end,
            deadline=deadline,
            audience=Audience.SITES,
            form=form,
            state=CampaignState.CLOSED if past else CampaignState.OPEN,
            opened_at=timezone.make_aware(dt.datetime(first_year + 1, 4, 1, 9)),
        )
        n_campaigns += 1
        items = list(form.items.all())
        active = [s for s in sites if (s[3] is None or s[3] <= end) and (s[4] is None or s[4] >= start)]
        reports = []
        for site_id, organization_id, municipality_id, _start, _end in active:
            state = _state(rng, past)
            submitted = None
            late = False
            if state != ReportState.DRAFT:
                day = deadline + dt.timedelta(days=rng.randint(-14, 6))
                submitted = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(9, 17))))
                late = day > deadline
            reports.append(
                Report(
                    campaign=campaign,
                    organization_id=organization_id,
                    site_id=site_id,
                    municipality_id=municipality_id,
                    state=state,
                    first_submitted_at=submitted,
                    submitted_at=submitted,
                    submitted_late=late,
                    accepted_at=submitted + dt.timedelta(days=5) if state == ReportState.ACCEPTED else None,
                    remarks="Уточните показатели выполнения плана." if state == ReportState.RETURNED else "",
                )
            )
        Report.objects.bulk_create(reports, batch_size=BATCH)
        reports = list(Report.objects.filter(campaign=campaign).order_by("pk"))
        answers, events = [], []
        for report in reports:
            filled = items if report.state != ReportState.DRAFT else items[: rng.randint(0, len(items) // 2)]
            for item in filled:
                if item.kind == ItemKind.ATTACHMENT:
                    continue
                answer = _value(rng, item)
                answer.report = report
                answers.append(answer)
            if report.submitted_at:
                events.append(
                    ReportEvent(
                        report=report,
                        from_state=ReportState.DRAFT,
                        to_state=ReportState.SUBMITTED,
                        at=report.submitted_at,
                    )
                )
            if report.state in (ReportState.ACCEPTED, ReportState.RETURNED):
                events.append(
                    ReportEvent(
                        report=report,
                        from_state=ReportState.SUBMITTED,
                        to_state=report.state,
                        at=report.submitted_at + dt.timedelta(days=5),
                        remarks=report.remarks,
                    )
                )
            if len(answers) >= BATCH:
                Answer.objects.bulk_create(answers, batch_size=BATCH)
                answers = []
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        ReportEvent.objects.bulk_create(events, batch_size=BATCH)
        n_reports += len(reports)
        n_answers += Answer.objects.filter(report__campaign=campaign).count()
    return {"отчётных кампаний": n_campaigns, "отчётов": n_reports, "ответов в отчётах": n_answers}
