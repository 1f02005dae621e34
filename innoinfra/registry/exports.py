"""Registry lists as Excel workbooks; the columns are what a methodist puts in a district table."""

from __future__ import annotations

from django.utils import timezone

from innoinfra.core.xlsx import build_workbook, xlsx_response
from innoinfra.reference.enums import OrganizationType

from .enums import Level, SiteState

SITE_HEADERS = [
    "№",
    "Вид",
    "Уровень",
    "Подсистема",
    "Организация",
    "Участники",
    "Муниципалитет",
    "Тема",
    "Направления",
    "Начало",
    "Окончание",
    "Приказ (номер)",
    "Приказ (дата)",
    "Куратор",
    "Научный руководитель",
    "Состояние",
]
ORGANIZATION_HEADERS = [
    "Полное наименование",
    "Краткое наименование",
    "Тип",
    "ИНН",
    "Муниципалитет",
    "Адрес",
    "Широта",
    "Долгота",
    "Руководитель",
    "Телефон",
    "E-mail",
    "Сайт",
    "Действующих статусов",
]


def _stamp() -> str:
    return timezone.localdate().strftime("%Y-%m-%d")


def sites_workbook(sites):
    sites = sites.prefetch_related("participants__organization").select_related("curator")

    def rows():
        for n, site in enumerate(sites.iterator(chunk_size=500), start=1):
            others = [
                p.organization.short_name
                for p in site.participants.all()
                if p.organization_id != site.lead_organization_id
            ]
            yield [
                n,
                site.kind.name,
                Level(site.kind.level).label,
                site.kind.subsystem.name if site.kind.subsystem else "",
                site.lead_organization.full_name,
                "; ".join(others),
                str(site.lead_organization.municipality),
                site.theme,
                "; ".join(d.name for d in site.directions.all()),
                site.start_date,
                site.end_date,
                site.order.number,
                site.order.date,
                site.curator_label,
                site.supervisor,
                SiteState(site.state).label,
            ]

    return xlsx_response(f"reestr-ploshchadok-{_stamp()}.xlsx", build_workbook("Площадки", SITE_HEADERS, rows()))


def organizations_workbook(organizations):
    def rows():
        for org in organizations.iterator(chunk_size=500):
            yield [
                org.full_name,
                org.short_name,
                OrganizationType(org.type).label,
                org.inn,
                str(org.municipality),
                org.address,
                org.latitude,
                org.longitude,
                org.head_name,
                org.phone,
                org.email,
                org.website,
                getattr(org, "current_sites", None),
            ]

    return xlsx_response(f"organizacii-{_stamp()}.xlsx", build_workbook("Организации", ORGANIZATION_HEADERS, rows()))
