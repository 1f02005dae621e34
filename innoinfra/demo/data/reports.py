"""Demo reporting in the Amursky district: last academic year's campaign finished, with the sites' reports accepted;
this year's campaign open, with a few drafts begun and one report submitted. The demo mails nobody. Idempotent: a
campaign with the same title is left alone."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.utils import timezone

from innoinfra.accounts.models import User
from innoinfra.core.dates import academic_year_label, academic_year_of
from innoinfra.reports import catalogue, notices, services
from innoinfra.reports.enums import CampaignState, ItemKind, ValueType
from innoinfra.reports.models import Campaign, FormItem, Report, ReportEvent

NARRATIVE = {
    "plan_summary": "План работы площадки выполнен: проведены запланированные семинары и заседания творческой группы, "
    "перенесён на следующий год один вебинар в связи с карантином.",
    "diagnostic": "Проведён мониторинг активности участников сетевого взаимодействия (октябрь, апрель), подготовлены "
    "аналитические справки по итогам методических мероприятий.",
    "theoretical": "Заключены договоры о сетевом взаимодействии с двумя школами района; проведено четыре заседания "
    "творческой группы; разработано положение о муниципальном конкурсе «Инновационный поиск».",
    "practical": "Проведены сетевые методические вебинары для педагогов района, консультации участников сети, "
    "муниципальный конкурс «Инновационный поиск».",
    "methodical": "Разработаны конспекты и сценарии мероприятий, методические рекомендации по реализации проекта.",
    "translational": "Опыт представлен на августовском совещании и региональной конференции; материалы размещены на "
    "сайте РМЦ и в сообществе в соцсетях, опубликованы две статьи.",
    "effects": "Выросло число педагогов, применяющих проектные задачи; ученики стали чаще участвовать в конкурсах "
    "исследовательских работ; школа стала ресурсной для сетевых партнёров.",
}
NUMBERS = {"publications": 3, "products_in_bank": 1, "teachers_involved": 14, "partners": 2}


@contextmanager
def _no_emails():
    saved = notices.report_submitted, notices.report_decided
    notices.report_submitted = lambda report: None
    notices.report_decided = lambda report, event: None
    try:
        yield
    finally:
        notices.report_submitted, notices.report_decided = saved


def _answers(items: list[FormItem], *, complete: bool) -> tuple[dict, dict]:
    values, files = {}, {}
    for item in items:
        if item.kind == ItemKind.SECTION and (complete or item.code in ("plan_summary", "diagnostic")):
            values[item.pk] = NARRATIVE.get(item.code, "Работа велась по плану.")
        elif item.kind == ItemKind.INDICATOR and complete:
            if item.value_type == ValueType.CHOICE:
                values[item.pk] = item.options[1]
            elif item.value_type == ValueType.BOOLEAN:
                values[item.pk] = "yes"
            elif item.code in NUMBERS:
                values[item.pk] = NUMBERS[item.code]
        elif item.kind == ItemKind.ATTACHMENT and complete:
            files[item.pk] = ContentFile(b"%PDF-1.4\n% demo\n", name="otchet-podpisannyj.pdf")
    return values, files


def _campaign(first_year: int, methodist, amursky) -> tuple[Campaign, bool]:
    title = f"Ежегодные отчёты инновационных площадок за {academic_year_label(first_year)}"
    found = Campaign.objects.filter(title=title, municipality=amursky).first()
    if found is not None:
        return found, False
    campaign = services.create_campaign(
        by=methodist,
        title=title,
        municipality=amursky,
        period_start=dt.date(first_year, 9, 1),
        period_end=dt.date(first_year + 1, 5, 31),
        deadline=dt.date(first_year + 1, 6, 10),
        source=catalogue.install()[catalogue.SITE_REPORT],
    )
    services.change_campaign_state(campaign, CampaignState.OPEN, by=methodist)
    return campaign, True


def _backdate(report: Report, when: dt.datetime) -> None:
    """The demo's past campaign was submitted on time, a year ago — not today."""
    Report.objects.filter(pk=report.pk).update(first_submitted_at=when, submitted_at=when, submitted_late=False)
    ReportEvent.objects.filter(report=report).update(at=when)


def load(registry: dict) -> None:
    catalogue.install()
    amursky = registry["municipalities"].get("amursky") or next(iter(registry["municipalities"].values()))
    methodist = User.objects.filter(username="methodist").first()
    if methodist is None:
        return
    this_year = academic_year_of(timezone.localdate())
    with _no_emails():
        past, created = _campaign(this_year - 1, methodist, amursky)
        if created:
            items = list(past.form.items.order_by("position"))
            for report in past.reports.all():
                values, files = _answers(items, complete=True)
                services.submit(report, by=methodist, values=values, files=files)
                services.accept(report, by=methodist)
                _backdate(report, timezone.make_aware(dt.datetime(this_year, 6, 5, 11, 0)))
            services.change_campaign_state(past, CampaignState.CLOSED, by=methodist)
        current, created = _campaign(this_year, methodist, amursky)
        if created:
            items = list(current.form.items.order_by("position"))
            for number, report in enumerate(current.reports.order_by("pk")):
                if number % 3 == 2:
                    values, files = _answers(items, complete=True)
                    services.submit(report, by=methodist, values=values, files=files)
                elif number % 3 == 1:
                    values, _files = _answers(items, complete=False)
                    services.save_draft(report, by=methodist, values=values)
