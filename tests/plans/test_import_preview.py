"""Лариса checks an imported plan before saving it: the document's particulars (title, period, approval,
responsible people) are shown and can be corrected, the importer's warnings quote their rows, and every timing
the system did not understand is listed with a date field; the dates she sets become the items' due dates."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from innoinfra.plans.enums import PeriodKind, TimingKind
from innoinfra.plans.models import Plan, PlanItem
from innoinfra.plans.parsed import ParsedItem, ParsedPlan, ParsedSection

pytestmark = pytest.mark.django_db
PREVIEW = reverse("plans:import_preview")


def parsed_plan(**fields) -> ParsedPlan:
    return ParsedPlan(
        title="План мероприятий на 2024/2025 учебный год",
        columns=["№", "Мероприятие", "Ответственный", "Сроки"],
        fields=["number", "activity", "responsible", "timing"],
        sections=[
            ParsedSection(
                "1. Методическое сопровождение",
                [
                    ParsedItem("1", "Семинар для координаторов", "МКУ РМЦ", "октябрь"),
                    ParsedItem("2", "Конкурс «Педагог-исследователь»", "Иванова И. И.", "по итогам конкурса"),
                ],
            ),
            ParsedSection(
                "2. Консультации",
                [
                    ParsedItem("3", "Консультации для площадок", "МКУ РМЦ", "по запросу"),
                    ParsedItem("4", "Фестиваль проектов", "Петрова П. П.", "в день открытия фестиваля"),
                ],
            ),
        ],
        **fields,
    )


def start_preview(client, amursky, parsed: ParsedPlan):
    session = client.session
    session["plan_import"] = {
        "parsed": parsed.as_dict(),
        "kind": "event_plan",
        "owner": f"municipality:{amursky.pk}",
        "filename": "plan.docx",
    }
    session.save()


def confirm(client, **changes):
    data = {
        "title": "План мероприятий на 2024/2025 учебный год",
        "period_kind": "academic_year",
        "first_year": "2024",
        "approved_by": "",
        "order_number": "",
        "order_date": "",
        "responsible_people": "",
        **changes,
    }
    return client.post(PREVIEW, data)


def test_the_preview_shows_the_document_particulars_in_russian_and_lets_them_be_edited(client_for, methodist, amursky):
    client = client_for(methodist)
    start_preview(
        client,
        amursky,
        parsed_plan(
            order_number="172-Д",
            order_date="2012-12-27",
            approved_by="Начальник управления образования И. И. Иванова",
            approval_text="УТВЕРЖДЕНО\nприказом Управления образования\nот 27.12.2012 № 172-Д",
            responsible_people=["Петрова П. П.", "Сидорова С. С."],
            period_kind="academic",
            period_start="2024-09-01",
            period_end="2025-08-31",
        ),
    )

    page = client.get(PREVIEW).content.decode()

    assert "27 декабря 2012 г." in page and "2012-12-27</" not in page
    assert 'value="Начальник управления образования И. И. Иванова"' in page
    assert 'value="172-Д"' in page and 'value="2012-12-27"' in page  # the date input's own format
    assert "Петрова П. П.\nСидорова С. С.</textarea>" in page
    assert "приказом Управления образования" in page
    assert '<option value="academic_year" selected>' in page and 'value="2024"' in page


def test_the_preview_lists_the_warnings_and_every_timing_it_did_not_understand(client_for, methodist, amursky):
    client = client_for(methodist)
    start_preview(client, amursky, parsed_plan(warnings=["Строка не прочитана: «Итого: 4 мероприятия»"]))

    page = client.get(PREVIEW).content.decode()

    assert "Предупреждения (1)" in page and "«Итого: 4 мероприятия»" in page
    assert "Сроки не распознаны — укажите дату" in page
    unknown = page[page.index('data-testid="unknown-timings"') : page.index("Сохранить план")]
    assert "«по итогам конкурса»" in unknown and "«в день открытия фестиваля»" in unknown
    # understood ones are not asked for: a month, and «по запросу» (on demand, no date by design)
    assert "«октябрь»" not in unknown and "«по запросу»" not in unknown
    assert 'name="due_0_1"' in unknown and 'name="due_1_1"' in unknown and 'name="due_0_0"' not in page


def test_saving_keeps_the_edited_particulars_and_the_dates_set_by_hand(client_for, methodist, amursky):
    client = client_for(methodist)
    start_preview(client, amursky, parsed_plan(order_number="5", order_date="2024-08-30", approved_by="Директор"))

    response = confirm(
        client,
        title="План работы муниципальной инновационной площадки на 2024/2025 учебный год",
        approved_by="Начальник управления образования И. И. Иванова",
        order_number="172-Д",
        order_date="2024-08-29",
        responsible_people="Петрова П. П.\n\n  Сидорова С. С. ",
        due_0_1="2024-11-15",
    )

    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.title == "План работы муниципальной инновационной площадки на 2024/2025 учебный год"
    assert (plan.period_kind, plan.period_start, plan.period_end) == (
        PeriodKind.ACADEMIC_YEAR,
        dt.date(2024, 9, 1),
        dt.date(2025, 8, 31),
    )
    assert plan.document_approved_by == "Начальник управления образования И. И. Иванова"
    assert (plan.document_order_number, plan.document_order_date) == ("172-Д", dt.date(2024, 8, 29))
    assert plan.document_responsible == "Петрова П. П.\nСидорова С. С."
    contest = PlanItem.objects.get(number="2")
    assert contest.timing == "по итогам конкурса" and contest.timing_kind == TimingKind.MANUAL
    assert [(o.start_date, o.due_date) for o in contest.occurrences.all()] == [(dt.date(2024, 11, 15),) * 2]
    festival = PlanItem.objects.get(number="4")  # left empty: stays for later, as before
    assert festival.timing_kind == TimingKind.UNKNOWN and not festival.occurrences.exists()
    seminar = PlanItem.objects.get(number="1")
    assert [o.due_date for o in seminar.occurrences.all()] == [dt.date(2024, 10, 31)]
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Сроки не распознаны и не заданы у пунктов: 1" in page


def test_a_date_outside_the_period_is_refused_and_nothing_is_saved(client_for, methodist, amursky):
    client = client_for(methodist)
    start_preview(client, amursky, parsed_plan())

    response = confirm(client, due_0_1="2026-01-15")

    assert response.status_code == 400
    assert "Дата вне периода плана." in response.content.decode()
    assert not Plan.objects.exists()


def test_a_garbled_date_is_refused_in_russian(client_for, methodist, amursky):
    client = client_for(methodist)
    start_preview(client, amursky, parsed_plan())

    response = confirm(client, due_0_1="31.02.2025", order_date="вчера")

    assert response.status_code == 400
    assert response.content.decode().count("Введите правильную дату.") == 2
    assert not Plan.objects.exists()


def test_uploading_a_word_file_leads_to_the_preview_with_the_unknown_timing(client_for, methodist, amursky):
    document = Document()
    document.add_paragraph("План мероприятий на 2024/2025 учебный год")
    table = document.add_table(rows=0, cols=4)
    for texts in (
        ["№", "Мероприятие", "Ответственный", "Сроки"],
        ["1", "Семинар для координаторов", "МКУ РМЦ", "октябрь"],
        ["2", "Конкурс «Педагог-исследователь»", "Иванова И. И.", "по итогам конкурса"],
    ):
        for cell, text in zip(table.add_row().cells, texts, strict=True):
            cell.text = text
    content = io.BytesIO()
    document.save(content)
    client = client_for(methodist)

    response = client.post(
        reverse("plans:import"),
        {
            "file": SimpleUploadedFile("plan.docx", content.getvalue()),
            "kind": "event_plan",
            "owner": f"municipality:{amursky.pk}",
        },
    )
    page = client.get(response.url).content.decode()

    assert response.status_code == 302
    assert "Сроки не распознаны — укажите дату" in page and "«по итогам конкурса»" in page


def test_dates_set_by_hand_cost_the_same_queries_for_one_item_or_many(methodist, amursky):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from innoinfra.plans import services

    def queries_saving(due_dates) -> int:
        with CaptureQueriesContext(connection) as context:
            services.create_plan_from_parsed(
                parsed_plan(),
                owner=services.resolve_owner(f"municipality:{amursky.pk}"),
                user=methodist,
                period=(PeriodKind.ACADEMIC_YEAR, dt.date(2024, 9, 1), dt.date(2025, 8, 31)),
                due_dates=due_dates,
            )
        return len(context)

    # both replace a computed date (the October item's), so both delete it the same way
    one = queries_saving({(0, 0): dt.date(2024, 10, 7)})
    three = queries_saving({(0, 0): dt.date(2024, 10, 7), (0, 1): dt.date(2024, 11, 15), (1, 1): dt.date(2025, 2, 1)})

    assert one == three
    assert PlanItem.objects.filter(timing_kind=TimingKind.MANUAL).count() == 4
