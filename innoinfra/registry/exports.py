"""Registry lists as Excel workbooks; the columns are what a methodist puts in a district table."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from innoinfra.core.xlsx import build_workbook, put, xlsx_response
from innoinfra.reference.enums import OrganizationType

from . import imports
from .enums import Level

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
    "Этап инновационного цикла",
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
                site.state_label,
                site.get_cycle_stage_display(),
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


def template_workbook(municipalities) -> bytes:
    """The import template: our headers (the export's own), drop-down lists of the types and the user's
    municipalities."""
    wb = Workbook()
    ws = wb.active
    ws.title = imports.TEMPLATE_SHEET
    for column, header in enumerate(imports.TEMPLATE_HEADERS, start=1):
        put(ws.cell(row=1, column=column), header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
        ws.column_dimensions[cell.column_letter].width = max(14, len(cell.value) + 4)
    ws.column_dimensions["A"].width = 60
    ws.freeze_panes = "A2"
    lists = wb.create_sheet("Справочники")
    put(lists.cell(row=1, column=1), "Тип")
    put(lists.cell(row=1, column=2), "Муниципалитет")
    types = OrganizationType.labels
    names = [m.name for m in municipalities]
    for i, label in enumerate(types, start=2):
        put(lists.cell(row=i, column=1), label)
    for i, name in enumerate(names, start=2):
        put(lists.cell(row=i, column=2), name)  # names are typed by people: values, never formulas
    lists.column_dimensions["A"].width = lists.column_dimensions["B"].width = 45
    last = imports.MAX_ROWS + 1
    for column, source, count in (("C", "A", len(types)), ("E", "B", len(names))):
        if count:
            validation = DataValidation(type="list", formula1=f"=Справочники!${source}$2:${source}${count + 1}")
            validation.add(f"{column}2:{column}{last}")
            ws.add_data_validation(validation)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
