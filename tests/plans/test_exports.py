"""Plans leave the system as Word and Excel files that officials can use, and come back unchanged."""

import datetime as dt
import io

import docx
import openpyxl
import pytest

from innoinfra.core.typography import plain
from innoinfra.plans import services
from innoinfra.plans.enums import OccurrenceStatus
from innoinfra.plans.exports import execution_report_docx, execution_report_xlsx, plan_xlsx
from innoinfra.plans.word_export import plan_docx
from innoinfra.plans.word_import import read_plan_file
from tests.factories import OrderFactory

from .factories import make_plan

pytestmark = pytest.mark.django_db


def test_the_word_file_has_the_official_layout(amursky):
    plan = make_plan(amursky)
    services.change_plan_state(
        plan, "approved", order=OrderFactory(municipality=amursky, number="172-Д", date=dt.date(2025, 4, 11))
    )
    document = docx.Document(io.BytesIO(plan_docx(plan)))
    text = "\n".join(plain(p.text) for p in document.paragraphs)
    assert "УТВЕРЖДЕНО" in text and "от 11.04.2025 № 172-Д" in text
    table = document.tables[0]
    assert [plain(c.text) for c in table.rows[0].cells] == [
        "№ п/п",
        "Мероприятие",
        "Ответственный",
        "Сроки",
        "Ожидаемый результат",
    ]
    assert [c.text for c in table.rows[1].cells] == ["1", "2", "3", "4", "5"]
    section_row = table.rows[2].cells
    assert len({id(c._tc) for c in section_row}) == 1 and section_row[0].text == "1. Организационные мероприятия"
    # the plan's items have no numbers of their own: the «№ п/п» column numbers them
    assert [plain(row.cells[0].text) for row in table.rows[3:]] == ["1.", "2."]


def test_the_approval_stamp_names_the_issuer_in_the_genitive_and_the_text_is_typeset(amursky):
    plan = make_plan(
        amursky,
        title="Дорожная карта «Школа «Успех»» на 2025/2026 учебный год",
        items=[("Семинар «Проект «Лидер»» для педагогов", "до 31 декабря 2026 г."), ("Круглый стол", "май")],
    )
    order = OrderFactory(
        municipality=amursky,
        number="172-Д",
        date=dt.date(2025, 4, 11),
        issuer_name="Управление образования администрации Амурского муниципального района",
    )
    services.change_plan_state(plan, "approved", order=order)
    document = docx.Document(io.BytesIO(plan_docx(plan, url="https://innoinfra.example/plans/1/")))
    lines = [plain(p.text) for p in document.paragraphs]
    assert lines[:3] == [
        "УТВЕРЖДЕНО",
        "приказом Управления образования администрации Амурского муниципального района",
        "от 11.04.2025 № 172-Д",
    ]
    assert "Дорожная карта «Школа „Успех“» на 2025/2026 учебный год" in lines
    cells = [plain(cell.text) for row in document.tables[0].rows for cell in row.cells]
    assert "Семинар «Проект „Лидер“» для педагогов" in cells
    assert "до 31 декабря 2026 г." in cells and not any("г.." in cell for cell in cells)
    # a non-breaking space keeps «№» with its number and the date together
    assert "№\u00a0172-Д" in document.paragraphs[2].text
    assert "Электронная версия: https://innoinfra.example/plans/1/" in lines
    assert document.inline_shapes, "the QR code of the plan's page"
    section = document.sections[0]
    assert (round(section.left_margin.mm), round(section.right_margin.mm), round(section.top_margin.mm)) == (20, 10, 20)
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_export_then_import_gives_the_same_plan(amursky):
    plan = make_plan(amursky, items=[("Семинар для педагогов", "октябрь"), ("Круглый стол", "май ежегодно")])
    parsed = read_plan_file(io.BytesIO(plan_docx(plan)), "plan.docx")
    assert parsed.title == plan.title
    assert [s.title for s in parsed.sections] == ["1. Организационные мероприятия"]
    assert [(i.activity, i.timing, i.responsible) for i in parsed.sections[0].items] == [
        ("Семинар для педагогов", "октябрь", "РМЦ"),
        ("Круглый стол", "май ежегодно", "РМЦ"),
    ]


def test_excel_and_the_execution_report(amursky):
    plan = make_plan(amursky, approved=True)
    occurrence = plan.occurrences.order_by("due_date").first()
    services.record_execution(occurrence, status=OccurrenceStatus.DONE, comment="Проведён", today=dt.date(2024, 11, 1))
    workbook = openpyxl.load_workbook(io.BytesIO(plan_xlsx(plan)))
    assert workbook.sheetnames == ["План", "Сроки и выполнение"]
    assert workbook["План"]["A2"].value == plan.title and workbook["План"]["B7"].value == "Семинар для педагогов"
    sheet = workbook["Сроки и выполнение"]
    assert sheet["C2"].value == "Семинар для педагогов" and sheet.cell(2, sheet.max_column).value == "1 из 1"
    report = openpyxl.load_workbook(io.BytesIO(execution_report_xlsx(plan, today=dt.date(2025, 6, 1)))).active
    assert report["E2"].value == "Выполнено" and report["G2"].value == "Проведён"
    document = docx.Document(io.BytesIO(execution_report_docx(plan, today=dt.date(2025, 6, 1))))
    text = "\n".join(plain(p.text) for p in document.paragraphs)
    assert "Выполнено: 1" in text and "Выполнение наступивших сроков: 50 %" in text
