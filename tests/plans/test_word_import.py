"""Reading a plan table from Word and Excel: the seed plans, the layouts districts type, and files we refuse."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.enum.text import WD_BREAK

from innoinfra.core.errors import ServiceError
from innoinfra.plans.word_import import read_plan_file

DEMO = Path(__file__).resolve().parents[2] / "innoinfra" / "demo" / "files"


def read_demo(name: str):
    return read_plan_file(DEMO / name, name)


def items_of(plan):
    return [item for section in plan.sections for item in section.items]


def docx_bytes(document) -> io.BytesIO:
    content = io.BytesIO()
    document.save(content)
    content.seek(0)
    return content


def add_table(document, rows: list[list[str]]):
    """A table from rows of texts; a row given as one string is merged across the table."""
    width = max(len(row) for row in rows if isinstance(row, list))
    table = document.add_table(rows=0, cols=width)
    for texts in rows:
        row = table.add_row()
        if isinstance(texts, str):
            row.cells[0].merge(row.cells[-1]).text = texts
        else:
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text
    return table


HEADER = ["№ п/п", "Мероприятие", "Ответственный", "Сроки", "Ожидаемый результат"]
NUMBERS = ["1", "2", "3", "4", "5"]


# ---------------------------------------------------------------- the seed plans


def test_the_amursky_roadmap_has_six_sections_and_thirty_six_items():
    plan = read_demo("000_roadmap_amursky.docx")

    assert [len(section.items) for section in plan.sections] == [7, 9, 5, 5, 6, 4]
    assert plan.item_count == 36
    assert plan.title == (
        "План мероприятий («дорожная карта») развития инновационной инфраструктуры муниципальной системы "
        "образования в Амурском муниципальном районе до 2030 года"
    )
    assert (plan.order_number, plan.order_date) == ("172-Д", "2025-04-11")
    assert plan.columns == HEADER
    assert plan.fields == ["number", "activity", "responsible", "timing", "result"]
    assert plan.sections[5].title == "6. Аналитическая деятельность:"


def test_the_roadmap_items_read_as_in_the_seed():
    items = {item.number: item for item in items_of(read_demo("000_roadmap_amursky.docx"))}

    first = items["1."]
    assert first.activity == (
        "Формирование банка нормативно-правовых документов федерального, регионального уровней, регламентирующих "
        "инновационную деятельность"
    )
    # The cell holds two paragraphs, «УОМПиС» and « МКУ РМЦ»: one line, single spaces.
    assert first.responsible == "УОМПиС МКУ РМЦ"
    assert first.timing == "январь-февраль. ежегодно"
    assert items["9."].timing == "март ежегодно"
    assert items["14."].timing == "по плану работы МЭС ежегодно"
    assert items["25."].timing == "ежегодно в рамках подготовки к августовскому совещанию"
    assert items["36."].timing == "январь 2026 г."
    assert items["36."].result == "Карта инновационной деятельности в ОО Амурского муниципального района"
    assert items["2."].activity == (
        "Разработка и утверждение дорожной карты по развитию инновационной инфраструктуры в Амурском районе до 2030 года"
    )


def test_the_roadmap_subheading_stays_in_its_section_as_a_note():
    plan = read_demo("000_roadmap_amursky.docx")
    first_section = plan.sections[0]

    assert first_section.items[0].notes is None
    assert {item.notes for item in first_section.items[1:]} == {
        "Подраздел: Нормативно-правовые документы муниципального уровня"
    }
    assert plan.sections[1].items[0].notes is None
    assert any("Нормативно-правовые документы муниципального уровня" in warning for warning in plan.warnings)


def test_the_site_plan_reads_only_the_plan_table():
    plan = read_demo("002_site_plan_vyselki.docx")

    assert plan.title == "План работы краевой инновационной площадки на 2024 год"
    assert [section.title for section in plan.sections] == [
        "Диагностическая деятельность",
        "Теоретическая деятельность",
        "Практическая деятельность",
        "Методическая деятельность",
        "Трансляционная деятельность",
    ]
    assert [len(section.items) for section in plan.sections] == [3, 4, 3, 2, 3]
    assert plan.fields == ["number", "activity", "timing", "result"]
    practical = plan.sections[2].items
    assert practical[0].timing == "Ежегодно в период - октябрь, ноябрь и по мере запроса"
    assert practical[2].number is None
    assert practical[2].timing == "Март 2024г., Октябрь 2024г."
    assert plan.sections[0].items[0].timing == "В соответствии с планом проведения мероприятий"


def test_the_event_plans_read_their_sections_and_audience():
    plan_2021 = read_demo("003_event_plan_2021.docx")
    plan_2023 = read_demo("004_event_plan_moscow_2023.docx")

    assert [len(section.items) for section in plan_2021.sections] == [2, 5, 4, 1, 1]
    assert [len(section.items) for section in plan_2023.sections] == [2, 5, 5, 1, 1]
    assert plan_2023.title == (
        "План мероприятий по сопровождению инновационной деятельности ОУ Московского района Санкт-Петербурга "
        "на 2023-2024 учебный год"
    )
    sixth = items_of(plan_2023)[5]
    assert sixth.number == "6"
    assert sixth.timing == "2 квартал 2024"
    assert sixth.audience.startswith("Руководители ОУ, научные руководители, научные консультанты")
    assert items_of(plan_2021)[7].timing == "Сентябрь 2021, март, июнь 2022"
    assert plan_2021.columns[0] == "п.п" and items_of(plan_2021)[12].number == "13"


# ---------------------------------------------------------------- layouts


def test_columns_are_found_by_their_headers_in_any_order_and_remarks_become_notes():
    document = Document()
    add_table(
        document,
        [
            ["Сроки исполнения", "Содержание работы", "Исполнитель", "Примечание", "№"],
            ["май", "Семинар для заместителей", "Иванова И. И.", "онлайн", "1"],
            ["июнь", "Совещание", "Петрова П. П.", "", "2"],
        ],
    )

    plan = read_plan_file(docx_bytes(document), "plan.docx")

    first, second = items_of(plan)
    assert (first.number, first.activity, first.responsible, first.timing) == (
        "1",
        "Семинар для заместителей",
        "Иванова И. И.",
        "май",
    )
    assert first.notes == "онлайн"  # the plan's own remarks column is the note itself
    assert second.notes is None
    assert plan.fields == ["timing", "activity", "responsible", "notes", "number"]
    assert plan.sections[0].title is None


def test_merged_rows_become_sections_and_the_number_row_is_skipped():
    document = Document()
    add_table(
        document,
        [
            HEADER,
            NUMBERS,
            ["1", "Вводное совещание", "РМЦ", "август", "Протокол"],
            "1. Организационная работа",
            ["2", "Приказ о площадках", "УОМПиС", "сентябрь", "Приказ"],
            "2. Методическая работа",
            ["3", "Семинар", "РМЦ", "октябрь", "Материалы"],
        ],
    )

    plan = read_plan_file(docx_bytes(document), "plan.docx")

    assert [(section.title, len(section.items)) for section in plan.sections] == [
        (None, 1),
        ("1. Организационная работа", 1),
        ("2. Методическая работа", 1),
    ]
    assert [item.activity for item in items_of(plan)] == ["Вводное совещание", "Приказ о площадках", "Семинар"]


def test_a_section_row_typed_without_merging_is_still_a_section():
    document = Document()
    add_table(
        document,
        [
            ["№", "Наименование мероприятия", "Срок"],
            ["Раздел 1. Работа с кадрами", "Раздел 1. Работа с кадрами", "Раздел 1. Работа с кадрами"],
            ["1", "Курсы", "март"],
            ["II. Мониторинг", "", ""],
            ["2", "Анкетирование", "апрель"],
        ],
    )

    plan = read_plan_file(docx_bytes(document), "plan.docx")

    assert [section.title for section in plan.sections] == ["Раздел 1. Работа с кадрами", "II. Мониторинг"]
    assert plan.item_count == 2


def test_a_table_continued_after_a_page_break_with_a_repeated_header_is_one_plan():
    document = Document()
    add_table(document, [HEADER, NUMBERS, "1. Первый раздел", ["1", "Семинар", "РМЦ", "май", "Материалы"]])
    document.add_paragraph("")
    add_table(document, [HEADER, NUMBERS, ["2", "Конкурс", "УОМПиС", "июнь", "Приказ"], "2. Второй раздел"])
    add_table(document, [NUMBERS, ["3", "Отчёт", "МЭС", "декабрь", "Отчёт"]])

    plan = read_plan_file(docx_bytes(document), "plan.docx")

    assert [(section.title, [item.number for item in section.items]) for section in plan.sections] == [
        ("1. Первый раздел", ["1", "2"]),
        ("2. Второй раздел", ["3"]),
    ]


def test_the_plan_table_is_chosen_among_the_approval_block_and_the_signatures():
    document = Document()
    add_table(document, [["", "УТВЕРЖДЕНО"], ["", "приказом управления образования от 02.09.2024 № 45-о"]])
    document.add_paragraph("ПЛАН")
    document.add_paragraph("работы муниципальной инновационной площадки")
    document.add_paragraph("на 2024/2025 учебный год")
    document.add_paragraph("Цель: развитие инновационной деятельности.")
    add_table(document, [["Содержание деятельности", "Сроки проведения", "Участники"], ["Семинар", "май", "педагоги"]])
    add_table(document, [["Директор", "И. И. Иванова"], ["Мероприятие согласовано", ""]])

    plan = read_plan_file(docx_bytes(document), "plan.docx")

    assert plan.title == "ПЛАН работы муниципальной инновационной площадки на 2024/2025 учебный год"
    assert (plan.order_number, plan.order_date) == ("45-о", "2024-09-02")
    assert [(item.activity, item.timing, item.audience) for item in items_of(plan)] == [("Семинар", "май", "педагоги")]


def test_line_breaks_and_runs_of_spaces_inside_cells_become_single_spaces():
    document = Document()
    table = add_table(document, [["№", "Мероприятие", "Ответственные"], ["1", "", ""]])
    activity = table.rows[1].cells[1].paragraphs[0]
    activity.add_run("Методический").add_break(WD_BREAK.LINE)
    activity.add_run("  семинар\t«Старт»  ")
    table.rows[1].cells[2].text = "Иванова\nПетрова"
    table.rows[1].cells[2].add_paragraph("Сидорова")

    [item] = items_of(read_plan_file(docx_bytes(document), "plan.docx"))

    assert item.activity == "Методический семинар «Старт»"
    assert item.responsible == "Иванова Петрова Сидорова"
    assert item.timing is None and item.result is None


def test_an_approval_with_the_date_in_words_is_understood():
    document = Document()
    document.add_paragraph("УТВЕРЖДЕН")
    document.add_paragraph("приказом директора от «11» апреля 2025 г. № 172-Д")
    document.add_paragraph("Дорожная карта развития площадки")
    add_table(document, [["Мероприятие", "Срок исполнения"], ["Семинар", "май"]])

    plan = read_plan_file(docx_bytes(document), "plan.docx")

    assert (plan.order_number, plan.order_date) == ("172-Д", "2025-04-11")
    assert plan.title == "Дорожная карта развития площадки"


def test_a_hundred_row_plan_imports_well_under_a_second():
    document = Document()
    rows = [HEADER, NUMBERS]
    for number in range(1, 101):
        if number % 20 == 1:
            rows.append(f"{number // 20 + 1}. Раздел")
        rows.append([str(number), f"Мероприятие {number}", "РМЦ\nУОМПиС", "ежегодно", "Материалы"])
    add_table(document, rows)
    content = docx_bytes(document).getvalue()

    timings = []
    for _ in range(3):
        started = time.perf_counter()
        plan = read_plan_file(io.BytesIO(content), "plan.docx")
        timings.append(time.perf_counter() - started)

    assert plan.item_count == 100 and len(plan.sections) == 5
    assert min(timings) < 0.5


# ---------------------------------------------------------------- Excel


def test_an_excel_plan_reads_like_a_word_one():
    workbook = openpyxl.Workbook()
    workbook.active.title = "Пояснения"
    workbook.active["A1"] = "Здесь нет таблицы плана"
    sheet = workbook.create_sheet("План")
    sheet["A1"] = "План мероприятий на 2025 год"
    sheet.append([])
    sheet.append(["№", "Мероприятие", "Ответственный", "Сроки проведения", "Форма представления результата", "Бюджет"])
    sheet.append(["1. Организационная работа"])
    sheet.merge_cells("A4:F4")
    sheet.append([1, "Совещание   руководителей", "УОМПиС", "сентябрь", "Протокол", 0])
    sheet.append([2, "Семинар\nдля педагогов", "РМЦ", "октябрь", None, 1500])
    content = io.BytesIO()
    workbook.save(content)

    plan = read_plan_file(content, "план.xlsx")

    assert plan.title == "План мероприятий на 2025 год"
    assert [section.title for section in plan.sections] == ["1. Организационная работа"]
    first, second = plan.sections[0].items
    assert (first.number, first.activity, first.result, first.notes) == (
        "1",
        "Совещание руководителей",
        "Протокол",
        "Бюджет: 0",
    )
    assert (second.activity, second.result, second.notes) == ("Семинар для педагогов", None, "Бюджет: 1500")


def test_an_excel_book_without_a_plan_header_is_refused():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Фамилия", "Должность"])
    content = io.BytesIO()
    workbook.save(content)

    with pytest.raises(ServiceError, match="не найден лист с таблицей плана"):
        read_plan_file(content, "list.xlsx")


# ---------------------------------------------------------------- files we refuse


def plain_docx() -> bytes:
    document = Document()
    add_table(document, [["Мероприятие", "Сроки"], ["Семинар", "май"]])
    return docx_bytes(document).getvalue()


def rewritten(content: bytes, part: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, change(data) if info.filename == part else data)
    return result.getvalue()


def test_a_text_file_renamed_to_docx_is_refused():
    with pytest.raises(ServiceError, match=r"Файл не похож на документ Word \(\.docx\)"):
        read_plan_file(io.BytesIO("План мероприятий".encode()), "plan.docx")


def test_a_macro_document_renamed_to_docx_is_refused():
    docm = rewritten(
        plain_docx(),
        "[Content_Types].xml",
        lambda xml: xml.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml",
        ),
    )

    with pytest.raises(ServiceError, match="содержит макросы"):
        read_plan_file(io.BytesIO(docm), "plan.docx")


def test_a_corrupt_archive_is_refused():
    content = plain_docx()

    with pytest.raises(ServiceError, match="Файл повреждён"):
        read_plan_file(io.BytesIO(content[: len(content) // 2]), "plan.docx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"\0" * (51 * 1024 * 1024))
    assert len(bomb.getvalue()) < 1024 * 1024

    with pytest.raises(ServiceError, match="в распакованном виде больше 50 МБ"):
        read_plan_file(bomb, "plan.docx")


def test_an_archive_of_too_many_parts_is_refused():
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        for number in range(2001):
            archive.writestr(f"word/media/{number}.xml", b"")

    with pytest.raises(ServiceError, match="слишком многих частей"):
        read_plan_file(many, "plan.docx")


def test_a_document_without_a_plan_table_is_refused():
    document = Document()
    document.add_paragraph("Порядок создания и развития инновационной инфраструктуры")
    add_table(document, [["Фамилия", "Должность"], ["Иванова", "методист"]])

    with pytest.raises(
        ServiceError, match="В документе не найдена таблица плана: нужна таблица со столбцом «Мероприятие»"
    ):
        read_plan_file(docx_bytes(document), "plan.docx")


def test_an_excel_book_named_docx_and_other_formats_are_refused_with_a_hint():
    workbook = openpyxl.Workbook()
    content = io.BytesIO()
    workbook.save(content)

    with pytest.raises(ServiceError, match="внутри книга Excel, поправьте расширение"):
        read_plan_file(content, "plan.docx")
    with pytest.raises(ServiceError, match=r"Формат \.xls не принимается"):
        read_plan_file(io.BytesIO(b"\xd0\xcf\x11\xe0"), "plan.xls")
    # A .doc is converted by LibreOffice, but only when it is an old Word file at all.
    with pytest.raises(ServiceError, match=r"не похож на документ Word старого формата"):
        read_plan_file(io.BytesIO(b"%PDF-1.4"), "plan.doc")
    with pytest.raises(ServiceError, match=r"загрузите документ Word \(\.docx, \.doc\), книгу Excel"):
        read_plan_file(io.BytesIO(b"%PDF"), "plan.pdf")


# ---------------------------------------------------------------- Word's list numbering


def test_word_list_labels_follow_formats_restarts_and_overrides():
    from innoinfra.plans.word_import.numbering import format_number

    assert [
        format_number(value, kind)
        for value, kind in [
            (4, "upperRoman"),
            (14, "lowerRoman"),
            (3, "russianLower"),
            (28, "lowerLetter"),
            (7, "decimalZero"),
        ]
    ] == ["IV", "xiv", "в", "bb", "07"]


def test_numbered_paragraphs_restart_under_a_new_parent_and_start_where_the_list_says():
    from .corpus.builders import Docx

    doc = Docx()
    doc.p("План работы на 2025 год")
    numbered = doc.add_list([("decimal", "%1.", 3), ("decimal", "%1.%2.", 1)])
    restarted = doc.restarted(numbered, start=1)
    grid = [["№", "Мероприятие", "Срок"]] + [["", f"Мероприятие {index}", "май"] for index in range(1, 7)]
    levels = {
        1: (numbered, 0),
        2: (numbered, 1),
        3: (numbered, 1),
        4: (numbered, 0),
        5: (numbered, 1),
        6: (restarted, 0),
    }
    doc.table(grid, numbered={(row, 0): spec for row, spec in levels.items()})

    plan = read_plan_file(io.BytesIO(doc.bytes()), "plan.docx")

    assert [item.number for item in items_of(plan)] == ["3.", "3.1.", "3.2.", "4.", "4.1.", "1."]


def test_two_lists_over_one_definition_count_on_unless_one_restarts():
    from .corpus.builders import Docx

    doc = Docx()
    doc.p("План работы на 2025 год")
    first = doc.add_list([("decimal", "%1.", 1)])
    grid = [["№", "Мероприятие", "Срок"]] + [["", f"Мероприятие {index}", "май"] for index in range(1, 6)]
    lists = {1: first, 2: first, 3: doc.restarted(first, start=None), 4: doc.restarted(first, start=10), 5: first}
    doc.table(grid, numbered={(row, 0): (num_id, 0) for row, num_id in lists.items()})

    plan = read_plan_file(io.BytesIO(doc.bytes()), "plan.docx")

    assert [item.number for item in items_of(plan)] == ["1.", "2.", "3.", "10.", "4."]
