"""Лариса imports a Word plan in the browser: a table continued after a page break shows every row in the
preview, and a timing the system does not understand is listed for her to set its date before saving."""

import datetime as dt
import io
import re

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from playwright.sync_api import expect

from innoinfra.plans.enums import TimingKind
from innoinfra.plans.models import Plan, PlanItem
from innoinfra.plans.word_import import read_plan_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = ["№ п/п", "Мероприятие", "Ответственный", "Сроки"]


def add_table(document, rows):
    table = document.add_table(rows=0, cols=len(HEADER))
    for texts in rows:
        for cell, text in zip(table.add_row().cells, texts, strict=True):
            cell.text = text


def docx_file(tmp_path, name, build) -> str:
    document = Document()
    document.add_paragraph("План мероприятий муниципальной инновационной площадки на 2024/2025 учебный год")
    build(document)
    content = io.BytesIO()
    document.save(content)
    path = tmp_path / name
    path.write_bytes(content.getvalue())
    return str(path)


def upload(page, path):
    page.goto("/plans/import/")
    page.get_by_label("Файл плана").set_input_files(path)
    page.get_by_role("button", name="Разобрать и показать").click()
    expect(page.get_by_role("heading", name=re.compile("Проверьте, как понят файл"))).to_be_visible()


CONTINUED = [[str(number), f"Мероприятие номер {number}", "МКУ РМЦ", "октябрь"] for number in range(1, 13)]


def test_a_table_continued_after_a_page_break_shows_every_row(page, login, methodist, tmp_path, screenshot):
    def build(document):
        add_table(document, [HEADER, *CONTINUED[:7]])
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_paragraph("Продолжение таблицы")
        add_table(document, [HEADER, *CONTINUED[7:]])  # the header repeated on the new page

    login("larisa")
    path = docx_file(tmp_path, "plan-continued.docx", build)
    upload(page, path)

    screenshot("plan-import-continued-table")
    rows = page.get_by_test_id("preview-row")
    # The preview shows every row the importer returns, in order, and no header row taken for an item ...
    read = [item.activity for section in read_plan_file(path, "plan-continued.docx").sections for item in section.items]
    expect(rows).to_have_count(len(read))
    for index, activity in enumerate(read):
        expect(rows.nth(index)).to_contain_text(activity)
    expect(page.get_by_test_id("item-count")).to_have_text(str(len(read)))
    expect(page.get_by_test_id("preview-table")).not_to_contain_text("№ п/п")
    # ... and the importer returns every row of both tables (the continued table is joined).
    assert read == [activity for _, activity, *_ in CONTINUED]


def test_an_unknown_timing_is_listed_and_the_date_set_there_is_saved(page, login, methodist, tmp_path, screenshot):
    def build(document):
        add_table(
            document,
            [
                HEADER,
                ["1", "Семинар для координаторов", "МКУ РМЦ", "октябрь"],
                ["2", "Конкурс «Педагог-исследователь»", "Иванова И. И.", "по итогам регионального этапа"],
                ["3", "Консультации для площадок", "МКУ РМЦ", "по запросу"],
            ],
        )

    login("larisa")
    upload(page, docx_file(tmp_path, "plan-unknown.docx", build))

    unknown = page.get_by_test_id("unknown-timings")
    expect(unknown.get_by_role("heading", name="Сроки не распознаны — укажите дату")).to_be_visible()
    expect(unknown.get_by_test_id("unknown-row")).to_have_count(1)
    expect(unknown).to_contain_text("«по итогам регионального этапа»")
    expect(page.get_by_test_id("preview-row").nth(1)).to_contain_text("не распознано")
    page.get_by_label("Наименование плана").fill("План мероприятий площадки «Школа проектов» на 2024/2025 учебный год")
    page.locator("#id_period_kind").select_option("academic_year")
    page.get_by_label("Год (для учебного года — год его начала)").fill("2024")
    page.get_by_label("Номер приказа об утверждении").fill("172-Д")
    page.get_by_label("Дата приказа об утверждении").fill("2024-08-27")
    unknown.get_by_label("Срок пункта 2").fill("2025-03-14")
    screenshot("plan-import-unknown-timing")
    page.get_by_role("button", name="Сохранить план").click()

    expect(page.get_by_role("heading", name=re.compile("Школа проектов"))).to_be_visible()
    expect(page.get_by_test_id("document-approval")).to_contain_text("утверждён приказом от 27 августа 2024 г. № 172-Д")
    screenshot("plan-import-saved")
    plan = Plan.objects.get()
    contest = PlanItem.objects.get(plan=plan, number="2")
    assert contest.timing_kind == TimingKind.MANUAL
    assert [o.due_date for o in contest.occurrences.all()] == [dt.date(2025, 3, 14)]
    expect(page.locator("tr", has_text="Конкурс «Педагог-исследователь»")).to_contain_text("14.03.2025")
