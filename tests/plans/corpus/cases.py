"""The corpus: plan layouts of districts and schools of other regions, each with what the importer must read.

The layouts follow public plans of municipal innovation sites, methodical services and schools (Krasnoyarsk and
Perm krai, the Sverdlovsk, Tomsk, Yaroslavl, Samara and Kaluga regions, Tatarstan, Bashkortostan…): their tables,
merged cells, list numbering, continued tables, approval blocks and periods; the texts are our own. Each case lays
out its expected items the way that kind of document types them, so the importer has to undo the layout."""

from __future__ import annotations

from dataclasses import dataclass, field

from .builders import CENTER, LEFT, RIGHT, Docx, Xlsx

Item = tuple[str | None, str, str | None, str | None]  # number, activity, responsible, timing


@dataclass
class Case:
    name: str
    filename: str
    content: bytes
    sections: list[tuple[str | None, list[Item]]]
    title: str | None = None
    period: tuple[str, str, str] | None = None
    order: tuple[str | None, str | None] | None = None
    approved_by: str | None = None
    responsible_people: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # fragments each warning list must contain


CASES = []


def case(function):
    CASES.append(function)
    return function


# Four columns most school plans have, in the order they are typed.
SCHOOL = ["№ п/п", "Содержание деятельности", "Сроки", "Ответственные"]


def _school_items() -> list[Item]:
    return [
        (
            "1.",
            "Заседание творческой группы по реализации проекта «Школа полного дня»",
            "Петрова Е. А.",
            "сентябрь 2023 г.",
        ),
        ("2.", "Разработка локальных актов площадки", "Директор, заместитель директора по УВР", "до 15 октября"),
        ("3.", "Проведение стартовой диагностики обучающихся 5–7 классов", "Педагог-психолог", "октябрь"),
        ("4.", "Открытые занятия педагогов в рамках методической недели", "Руководители ШМО", "ноябрь, февраль"),
        ("5.", "Отчёт о работе площадки на педагогическом совете", "Петрова Е. А.", "май 2024 г."),
    ]


@case
def school_numbered_by_word_list():
    """Krasnoyarsk krai school: the «№» cells are empty, Word's list numbers them; title over three paragraphs
    under a head's «УТВЕРЖДАЮ» on the right."""
    items = _school_items()
    doc = Docx()
    for line in ("УТВЕРЖДАЮ", "Директор МБОУ «СОШ № 3»", "____________ А. Б. Смирнова", "«31» августа 2023 г."):
        doc.p(line, RIGHT)
    doc.p()
    for line in ("ПЛАН", "работы муниципальной инновационной площадки", "на 2023/2024 учебный год"):
        doc.p(line, CENTER)
    numbered = doc.add_list([("decimal", "%1.", 1)])
    doc.table(
        [SCHOOL] + [["", activity, timing, responsible] for _, activity, responsible, timing in items],
        numbered={(row, 0): (numbered, 0) for row in range(1, len(items) + 1)},
    )
    return Case(
        "school_numbered_by_word_list",
        "plan.docx",
        doc.bytes(),
        [(None, items)],
        title="ПЛАН работы муниципальной инновационной площадки на 2023/2024 учебный год",
        period=("academic", "2023-09-01", "2024-08-31"),
        order=(None, "2023-08-31"),
        approved_by="Директор МБОУ «СОШ № 3» А. Б. Смирнова",
    )


@case
def two_level_word_list_with_parent_rows():
    """Perm krai methodical centre: a two-level Word list in the «№» column («1.», «1.1.»), parent rows ending
    with a colon followed by their sub-rows."""
    items = [
        ("1.", "Организационно-методическое сопровождение:", None, None),
        ("1.1.", "Формирование состава рабочей группы", "МКУ «ИМЦ»", "январь 2025"),
        ("1.2.", "Утверждение плана работы сети площадок", "МКУ «ИМЦ»", "февраль 2025"),
        ("2.", "Работа с педагогами:", None, None),
        ("2.1.", "Семинар-практикум «Формирующее оценивание»", "Руководитель площадки", "март 2025"),
        ("2.2.", "Серия мастер-классов для молодых педагогов", "Наставники", "апрель–май 2025"),
        ("2.3.", "Стажировка педагогов сетевых школ", "Руководитель площадки", "в течение года"),
        ("3.", "Подведение итогов года", "МКУ «ИМЦ»", "декабрь 2025"),
    ]
    doc = Docx()
    doc.p("План мероприятий сети инновационных площадок на 2025 год", CENTER)
    numbered = doc.add_list([("decimal", "%1.", 1), ("decimal", "%1.%2.", 1)])
    doc.table(
        [["№", "Мероприятие", "Ответственный", "Срок"]]
        + [["", activity, responsible or "", timing or ""] for _, activity, responsible, timing in items],
        numbered={(row, 0): (numbered, number.count(".") - 1) for row, (number, *_) in enumerate(items, start=1)},
    )
    return Case(
        "two_level_word_list_with_parent_rows",
        "set.docx",
        doc.bytes(),
        [(None, items)],
        title="План мероприятий сети инновационных площадок на 2025 год",
        period=("calendar", "2025-01-01", "2025-12-31"),
    )


@case
def numbers_inside_the_text_without_number_column():
    """Sverdlovsk region: no «№» column; sections are merged rows, item numbers are typed into the text."""
    sections = [
        (
            "1. Нормативно-правовое обеспечение",
            [
                (
                    "1.1.",
                    "Разработка положения о муниципальном ресурсном центре",
                    "Управление образования",
                    "I квартал 2024 г.",
                ),
                ("1.2.", "Утверждение состава координационного совета", "Управление образования", "февраль 2024 г."),
            ],
        ),
        (
            "2. Методическое сопровождение",
            [
                ("2.1.", "Передача документов площадок в экспертный совет", "ИМЦ", "до 1 апреля"),
                ("2.2.", "Консультации руководителей площадок", "ИМЦ", "ежемесячно"),
                ("2.3.", "Публикация материалов на сайте ИМЦ", "Методисты ИМЦ", "постоянно"),
            ],
        ),
    ]
    doc = Docx()
    doc.p("Дорожная карта развития муниципальной сети ресурсных центров на 2024 год", CENTER)
    grid, merges = [["Наименование мероприятия", "Срок исполнения", "Ответственный исполнитель"]], []
    for title, items in sections:
        merges.append((len(grid), 0, len(grid), 2))
        grid.append([title, "", ""])
        grid += [[f"{number} {activity}", timing, responsible] for number, activity, responsible, timing in items]
    doc.table(grid, merges=merges)
    return Case(
        "numbers_inside_the_text_without_number_column",
        "roadmap.docx",
        doc.bytes(),
        sections,
        title="Дорожная карта развития муниципальной сети ресурсных центров на 2024 год",
        period=("calendar", "2024-01-01", "2024-12-31"),
    )


@case
def empty_number_header_cell():
    """Tomsk region: the first header cell is empty, yet the column holds the numbers."""
    items = [
        ("1.", "Педагогический совет «Функциональная грамотность: итоги мониторинга»", "Администрация", "ноябрь"),
        ("2.", "Методический день для учителей начальных классов", "Руководитель ШМО", "декабрь"),
        ("3.", "Конкурс проектов обучающихся", "Кураторы проектов", "март"),
        ("4.", "Итоговая конференция площадки", "Администрация", "апрель"),
    ]
    doc = Docx()
    doc.p("План работы апробационной площадки МАОУ «Гимназия № 2» на 2024-2025 уч. г.", CENTER)
    doc.table(
        [["", "Наименование мероприятия", "Сроки исполнения", "Исполнители"]]
        + [[number, activity, timing, responsible] for number, activity, responsible, timing in items]
    )
    return Case(
        "empty_number_header_cell",
        "gymn.docx",
        doc.bytes(),
        [(None, items)],
        title="План работы апробационной площадки МАОУ «Гимназия № 2» на 2024-2025 уч. г.",
        period=("academic", "2024-09-01", "2025-08-31"),
    )


@case
def empty_number_column_numbers_in_text():
    """Yaroslavl region: the «№» column exists but is left empty; numbers are typed in the activity text."""
    items = [
        ("1.", "Изучение нормативных документов по введению ФОП", "Заместитель директора", "август"),
        ("2.", "Корректировка рабочих программ", "Учителя-предметники", "до 31 августа"),
        ("2.1.", "Передача документов на согласование в методический совет", "Руководители ШМО", "до 5 сентября"),
        ("3.", "Мониторинг реализации программ", "Заместитель директора", "декабрь, май"),
    ]
    doc = Docx()
    doc.p("План-график мероприятий по введению ФОП на 2023/2024 учебный год", CENTER)
    doc.table(
        [["№", "Мероприятие", "Ответственный", "Срок"]]
        + [["", f"{number} {activity}", responsible, timing] for number, activity, responsible, timing in items]
    )
    return Case(
        "empty_number_column_numbers_in_text",
        "fop.docx",
        doc.bytes(),
        [(None, items)],
        title="План-график мероприятий по введению ФОП на 2023/2024 учебный год",
        period=("academic", "2023-09-01", "2024-08-31"),
    )


def _long_items(prefix: str, count: int, start: int = 1) -> list[Item]:
    subjects = (
        "математике",
        "русскому языку",
        "физике",
        "химии",
        "биологии",
        "истории",
        "географии",
        "литературе",
        "информатике",
        "английскому языку",
        "обществознанию",
        "технологии",
    )
    months = ("сентябрь", "октябрь", "ноябрь", "декабрь", "январь", "февраль", "март", "апрель", "май")
    return [
        (
            f"{start + index}.",
            f"{prefix} по {subjects[index % len(subjects)]}",
            f"Руководитель ШМО учителей {index % 4 + 1}",
            months[index % len(months)],
        )
        for index in range(count)
    ]


@case
def continued_with_caption_and_repeated_header():
    """Samara region: the table breaks across a page; the second table repeats the header after the caption
    «Продолжение таблицы»."""
    items = _long_items("Практикум по подготовке к олимпиаде", 14)
    doc = Docx()
    doc.p("План мероприятий по работе с одарёнными детьми на 2024/2025 учебный год", CENTER)
    header = ["№", "Мероприятие", "Сроки", "Ответственный"]
    doc.table([header] + [[n, a, t, r] for n, a, r, t in items[:8]])
    doc.p("", page_break=True)
    doc.p("Продолжение таблицы", RIGHT)
    doc.table([header] + [[n, a, t, r] for n, a, r, t in items[8:]])
    return Case(
        "continued_with_caption_and_repeated_header",
        "gifted.docx",
        doc.bytes(),
        [(None, items)],
        title="План мероприятий по работе с одарёнными детьми на 2024/2025 учебный год",
        period=("academic", "2024-09-01", "2025-08-31"),
    )


@case
def continued_with_column_numbers_only():
    """Kaluga region: the continued table has no header, only the «1 2 3 4» row; an empty paragraph between."""
    items = _long_items("Консультация для выпускников", 11)
    doc = Docx()
    doc.p("План подготовки к государственной итоговой аттестации", CENTER)
    doc.p("на 2023-2024 учебный год", CENTER)
    doc.table(
        [["№ п/п", "Содержание работы", "Сроки", "Ответственные"], ["1", "2", "3", "4"]]
        + [[n, a, t, r] for n, a, r, t in items[:6]]
    )
    doc.p()
    doc.table([["1", "2", "3", "4"]] + [[n, a, t, r] for n, a, r, t in items[6:]])
    return Case(
        "continued_with_column_numbers_only",
        "gia.docx",
        doc.bytes(),
        [(None, items)],
        title="План подготовки к государственной итоговой аттестации на 2023-2024 учебный год",
        period=("academic", "2023-09-01", "2024-08-31"),
    )


@case
def continued_without_any_header():
    """Tatarstan: the second part is a bare table of the same columns right after a page break."""
    items = _long_items("Заседание методического объединения", 9)
    doc = Docx()
    doc.p("Перечень мероприятий методической службы на 2025 год", CENTER)
    doc.table([["№", "Мероприятие", "Срок", "Ответственный"]] + [[n, a, t, r] for n, a, r, t in items[:5]])
    doc.p("", page_break=True)
    doc.table([[n, a, t, r] for n, a, r, t in items[5:]])
    return Case(
        "continued_without_any_header",
        "ms.docx",
        doc.bytes(),
        [(None, items)],
        title="Перечень мероприятий методической службы на 2025 год",
        period=("calendar", "2025-01-01", "2025-12-31"),
    )


@case
def continued_with_an_extra_column():
    """Bashkortostan: the continued part repeats the header but adds «Отметка о выполнении»; columns are matched
    by their headers."""
    items = _long_items("Открытый урок", 7)
    doc = Docx()
    doc.p("План работы опорной площадки на 2024 год", CENTER)
    doc.table([["№", "Мероприятие", "Срок", "Ответственный"]] + [[n, a, t, r] for n, a, r, t in items[:4]])
    doc.p("Продолжение табл. 1")
    doc.table(
        [["№", "Мероприятие", "Ответственный", "Срок", "Отметка о выполнении"]]
        + [[n, a, r, t, "выполнено"] for n, a, r, t in items[4:]]
    )
    return Case(
        "continued_with_an_extra_column",
        "support.docx",
        doc.bytes(),
        [(None, items)],
        title="План работы опорной площадки на 2024 год",
        period=("calendar", "2024-01-01", "2024-12-31"),
    )


@case
def two_row_header_with_split_timing():
    """Novosibirsk region: «Сроки» spans «начало» and «окончание»; the other header cells are merged down."""
    items = [
        ("1", "Разработка программы наставничества", "Заместитель директора", "сентябрь 2024 – октябрь 2024"),
        ("2", "Обучение наставников", "Методист", "октябрь 2024 – декабрь 2024"),
        ("3", "Реализация индивидуальных планов наставничества", "Наставники", "январь 2025 – май 2025"),
    ]
    doc = Docx()
    doc.p("Дорожная карта реализации программы наставничества на 2024/2025 учебный год", CENTER)
    grid = [["№", "Мероприятие", "Сроки", "", "Ответственный"], ["", "", "начало", "окончание", ""]]
    for number, activity, responsible, timing in items:
        start, end = timing.split(" – ")
        grid.append([number, activity, start, end, responsible])
    doc.table(grid, merges=[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 1, 4)])
    return Case(
        "two_row_header_with_split_timing",
        "mentor.docx",
        doc.bytes(),
        [(None, items)],
        title="Дорожная карта реализации программы наставничества на 2024/2025 учебный год",
        period=("academic", "2024-09-01", "2025-08-31"),
    )


@case
def two_row_header_execution_group():
    """Omsk region: «Исполнение» spans «срок» and «ответственный» under it."""
    items = [
        ("1.", "Анкетирование родителей по вопросам профориентации", "Классные руководители", "октябрь"),
        ("2.", "Экскурсии на предприятия района", "Заместитель директора по ВР", "в течение года"),
        ("3.", "Профориентационные пробы в колледже", "Педагог-навигатор", "март–апрель"),
    ]
    doc = Docx()
    doc.p("План профориентационной работы на 2024-2025 учебный год", CENTER)
    grid = [["№ п/п", "Наименование мероприятия", "Исполнение", ""], ["", "", "срок", "ответственный"]]
    grid += [[n, a, t, r] for n, a, r, t in items]
    doc.table(grid, merges=[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3)])
    return Case(
        "two_row_header_execution_group",
        "prof.docx",
        doc.bytes(),
        [(None, items)],
        title="План профориентационной работы на 2024-2025 учебный год",
        period=("academic", "2024-09-01", "2025-08-31"),
    )


@case
def district_roadmap_with_roman_sections_and_order():
    """Chelyabinsk region district roadmap: «УТВЕРЖДЕНО приказом управления образования … от «15» января
    2024 г. № 12-о», roman-numbered merged section rows, a range of years."""
    sections = [
        (
            "I. Нормативно-правовое обеспечение",
            [
                (
                    "1.",
                    "Разработка порядка присвоения статуса муниципальной инновационной площадки",
                    "Управление образования",
                    "2024 г.",
                ),
                ("2.", "Актуализация положения о муниципальном экспертном совете", "Управление образования", "2024 г."),
            ],
        ),
        (
            "II. Информационное сопровождение",
            [
                ("3.", "Ведение раздела «Инновационная деятельность» на сайте управления", "МКУ «ЦРО»", "постоянно"),
                ("4.", "Выпуск сборника инновационных практик", "МКУ «ЦРО»", "ежегодно, декабрь"),
            ],
        ),
        (
            "III. Мониторинг",
            [
                ("5.", "Мониторинг результативности деятельности площадок", "МКУ «ЦРО»", "2025–2026 гг."),
            ],
        ),
    ]
    doc = Docx()
    for line in (
        "УТВЕРЖДЕНО",
        "приказом Управления образования администрации Копейского городского округа",
        "от «15» января 2024 г. № 12-о",
    ):
        doc.p(line, RIGHT)
    doc.p("Дорожная карта", CENTER)
    doc.p("развития инновационной инфраструктуры на 2024–2026 годы", CENTER)
    grid, merges = [["№ п/п", "Мероприятие", "Ответственный", "Срок"]], []
    for title, items in sections:
        merges.append((len(grid), 0, len(grid), 3))
        grid.append([title, "", "", ""])
        grid += [[n, a, r, t] for n, a, r, t in items]
    doc.table(grid, merges=merges)
    return Case(
        "district_roadmap_with_roman_sections_and_order",
        "dk.docx",
        doc.bytes(),
        sections,
        title="Дорожная карта развития инновационной инфраструктуры на 2024–2026 годы",
        period=("calendar", "2024-01-01", "2026-12-31"),
        order=("12-о", "2024-01-15"),
        approved_by="Управления образования администрации Копейского городского округа",
    )


@case
def title_and_approval_in_a_layout_table():
    """Kemerovo region: a borderless table holds «СОГЛАСОВАНО» on the left and «УТВЕРЖДАЮ» on the right; the
    title is split over paragraphs below it."""
    items = [
        ("1.", "Проведение муниципального этапа конкурса «Учитель года»", "Отдел образования", "февраль"),
        ("2.", "Форум молодых педагогов", "Совет молодых педагогов", "апрель"),
        ("3.", "Августовское совещание педагогических работников", "Отдел образования", "август"),
    ]
    doc = Docx()
    doc.table(
        [
            [
                "СОГЛАСОВАНО\nПредседатель профсоюза",
                "УТВЕРЖДАЮ\nНачальник отдела образования\n__________ Н. В. Климова\n«20» декабря 2024 г.",
            ]
        ]
    )
    doc.p()
    doc.p("План мероприятий", CENTER)
    doc.p("отдела образования по развитию кадрового потенциала", CENTER)
    doc.p("на 2025 год", CENTER)
    doc.table([["№", "Мероприятие", "Ответственный", "Сроки проведения"]] + [[n, a, r, t] for n, a, r, t in items])
    return Case(
        "title_and_approval_in_a_layout_table",
        "kadry.docx",
        doc.bytes(),
        [(None, items)],
        title="План мероприятий отдела образования по развитию кадрового потенциала на 2025 год",
        period=("calendar", "2025-01-01", "2025-12-31"),
        order=(None, "2024-12-20"),
        approved_by="Начальник отдела образования Н. В. Климова",
    )


@case
def title_inside_the_plan_table():
    """Irkutsk region: the plan's title is the first, merged row of the plan table itself."""
    items = [
        ("1", "Участие в региональном семинаре сети площадок", "Руководитель площадки", "октябрь 2023 г."),
        ("2", "Проведение муниципального фестиваля STEM-проектов", "Рабочая группа", "март 2024 г."),
    ]
    doc = Docx()
    title = "План мероприятий инновационной площадки МБОУ «Лицей» на 2023/2024 учебный год"
    doc.table(
        [[title, "", "", ""], ["№", "Мероприятие", "Ответственный", "Срок"]] + [[n, a, r, t] for n, a, r, t in items],
        merges=[(0, 0, 0, 3)],
    )
    return Case(
        "title_inside_the_plan_table",
        "stem.docx",
        doc.bytes(),
        [(None, items)],
        title=title,
        period=("academic", "2023-09-01", "2024-08-31"),
    )


@case
def numbered_paragraphs_in_the_activity_cells():
    """Vologda region: no «№» column; section rows and activity paragraphs are numbered by one two-level Word
    list («1.», «1.1.»), nothing typed."""
    sections = [
        (
            "1. Организационная работа",
            [
                ("1.1.", "Создание рабочей группы проекта", "Директор", "сентябрь"),
                ("1.2.", "Разработка дорожной карты проекта", "Рабочая группа", "октябрь"),
            ],
        ),
        (
            "2. Работа с обучающимися",
            [
                ("2.1.", "Запуск клуба «Юный исследователь»", "Руководитель клуба", "октябрь"),
                ("2.2.", "Школьная научно-практическая конференция", "Заместитель директора", "март"),
            ],
        ),
    ]
    doc = Docx()
    doc.p("План реализации проекта «Школа исследователей» на 2024/2025 учебный год", CENTER)
    numbered = doc.add_list([("decimal", "%1.", 1), ("decimal", "%1.%2.", 1)])
    grid, merges, numbering = [["Мероприятие", "Ответственный", "Сроки"]], [], {}
    for title, items in sections:
        merges.append((len(grid), 0, len(grid), 2))
        numbering[(len(grid), 0)] = (numbered, 0)
        grid.append([title.split(" ", 1)[1], "", ""])
        for _, activity, responsible, timing in items:
            numbering[(len(grid), 0)] = (numbered, 1)
            grid.append([activity, responsible, timing])
    doc.table(grid, merges=merges, numbered=numbering)
    return Case(
        "numbered_paragraphs_in_the_activity_cells",
        "research.docx",
        doc.bytes(),
        sections,
        title="План реализации проекта «Школа исследователей» на 2024/2025 учебный год",
        period=("academic", "2024-09-01", "2025-08-31"),
    )


@case
def roman_list_sections_and_restarted_item_lists():
    """Tula region: section rows numbered by an upper-roman Word list; the item numbers of each section restart
    at 1 (a new list over the same definition with startOverride)."""
    sections = [
        (
            "I. Работа с педагогическими кадрами",
            [
                ("1.", "Курсы повышения квалификации по ФГОС", "Заместитель директора", "по графику ИРО"),
                ("2.", "Аттестация педагогических работников", "Заместитель директора", "в течение года"),
            ],
        ),
        (
            "II. Работа с родителями",
            [
                ("1.", "Родительский всеобуч «Цифровая безопасность»", "Социальный педагог", "ноябрь"),
                ("2.", "День открытых дверей", "Администрация", "апрель"),
                ("3.", "Анкетирование удовлетворённости качеством образования", "Педагог-психолог", "май"),
            ],
        ),
    ]
    doc = Docx()
    doc.p("Годовой план методической работы на 2023-2024 учебный год", CENTER)
    roman = doc.add_list([("upperRoman", "%1.", 1)])
    decimal = doc.add_list([("decimal", "%1.", 1)])
    grid, merges, numbering = [["№", "Содержание работы", "Ответственный", "Сроки"]], [], {}
    for index, (title, items) in enumerate(sections):
        merges.append((len(grid), 1, len(grid), 3))
        numbering[(len(grid), 0)] = (roman, 0)
        grid.append(["", title.split(" ", 1)[1], "", ""])
        current = decimal if index == 0 else doc.restarted(decimal)
        for _, activity, responsible, timing in items:
            numbering[(len(grid), 0)] = (current, 0)
            grid.append(["", activity, responsible, timing])
    doc.table(grid, merges=merges, numbered=numbering)
    return Case(
        "roman_list_sections_and_restarted_item_lists",
        "method.docx",
        doc.bytes(),
        sections,
        title="Годовой план методической работы на 2023-2024 учебный год",
        period=("academic", "2023-09-01", "2024-08-31"),
    )


@case
def headings_typed_between_table_parts():
    """Orenburg region: section headings typed as paragraphs between the parts of the table."""
    sections = [
        (None, [("1.", "Установочное совещание площадок", "Методист", "сентябрь")]),
        (
            "Раздел 2. Работа с педагогами",
            [
                ("2.", "Проектировочный семинар", "Методист", "октябрь"),
                ("3.", "Педагогическая мастерская", "Руководитель площадки", "ноябрь"),
            ],
        ),
        ("Раздел 3. Диссеминация опыта", [("4.", "Муниципальная ярмарка инноваций", "Методист", "апрель")]),
    ]
    doc = Docx()
    doc.p("План работы муниципальной стажировочной площадки на 2025/2026 учебный год", CENTER)
    header = ["№", "Мероприятие", "Ответственный", "Сроки"]
    doc.table([header] + [[n, a, r, t] for n, a, r, t in sections[0][1]])
    for title, items in sections[1:]:
        doc.p(title, LEFT)
        doc.table([[n, a, r, t] for n, a, r, t in items])
    return Case(
        "headings_typed_between_table_parts",
        "stazh.docx",
        doc.bytes(),
        sections,
        title="План работы муниципальной стажировочной площадки на 2025/2026 учебный год",
        period=("academic", "2025-09-01", "2026-08-31"),
    )


@case
def vertically_merged_responsible_and_signature():
    """Altai krai: one responsible cell merged down over three items; «Ответственный: …» and a signature under
    the table; a broken row holding only a timing is reported."""
    items = [
        ("1.", "Диагностика читательской грамотности", "Руководитель ШМО филологов", "сентябрь"),
        ("2.", "Читательская конференция", "Руководитель ШМО филологов", "декабрь"),
        ("3.", "Неделя детской книги", "Руководитель ШМО филологов", "март"),
        ("4.", "Итоговая диагностика", "Заместитель директора по УВР", "май"),
    ]
    doc = Docx()
    doc.p("План мероприятий по формированию читательской грамотности на 2024-2025 учебный год", CENTER)
    grid = [["№", "Мероприятие", "Ответственный", "Срок"]]
    grid += [[n, a, r if index in (0, 3) else "", t] for index, (n, a, r, t) in enumerate(items)]
    grid.append(["", "", "", "по отдельному графику"])
    doc.table(grid, merges=[(1, 2, 3, 2)])
    doc.p("Ответственный: заместитель директора по УВР О. В. Петрова")
    doc.p("Директор школы ____________ С. Н. Волков")
    return Case(
        "vertically_merged_responsible_and_signature",
        "read.docx",
        doc.bytes(),
        [(None, items)],
        title="План мероприятий по формированию читательской грамотности на 2024-2025 учебный год",
        period=("academic", "2024-09-01", "2025-08-31"),
        responsible_people=["заместитель директора по УВР О. В. Петрова", "Директор школы С. Н. Волков"],
        warnings=["Строка 6 не распознана и не сохранена: «по отдельному графику»"],
    )


@case
def order_number_before_date_and_results_column():
    """Ryazan region: «Приложение к приказу № 45 от 30.08.2024», an «Ожидаемый результат» column and the
    activity column named «Вид работы»."""
    items = [
        ("1.", "Создание школьной службы медиации", "Социальный педагог", "сентябрь"),
        ("2.", "Обучение медиаторов из числа обучающихся", "Педагог-психолог", "октябрь–ноябрь"),
    ]
    doc = Docx()
    for line in ("УТВЕРЖДЕНО", "Приказ № 45 от 30.08.2024"):
        doc.p(line, RIGHT)
    doc.p("Комплекс мер по профилактике конфликтов в образовательной среде на 2024/2025 учебный год", CENTER)
    doc.table(
        [["№ п/п", "Вид работы", "Исполнитель", "Срок", "Ожидаемый результат"]]
        + [[n, a, r, t, "Положение о службе"] for n, a, r, t in items]
    )
    return Case(
        "order_number_before_date_and_results_column",
        "med.docx",
        doc.bytes(),
        [(None, items)],
        title="Комплекс мер по профилактике конфликтов в образовательной среде на 2024/2025 учебный год",
        period=("academic", "2024-09-01", "2025-08-31"),
        order=("45", "2024-08-30"),
    )


@case
def roadmap_until_year_with_words_date():
    """Khanty-Mansi district roadmap «до 2027 года» approved by an order dated in words."""
    items = [
        ("1", "Создание муниципального центра компетенций", "Департамент образования", "2025 г."),
        ("2", "Включение школ в региональную сеть площадок", "Департамент образования", "2026 г."),
        ("3", "Оценка эффективности инновационной инфраструктуры", "Экспертный совет", "2027 г."),
    ]
    doc = Docx()
    for line in ("УТВЕРЖДЕНО", "распоряжением департамента образования", "от 3 марта 2025 года № 214-р"):
        doc.p(line, RIGHT)
    doc.p("План мероприятий («дорожная карта») по развитию инновационной деятельности до 2027 года", CENTER)
    doc.table([["№", "Мероприятие", "Исполнитель", "Срок"]] + [[n, a, r, t] for n, a, r, t in items])
    return Case(
        "roadmap_until_year_with_words_date",
        "dk2027.docx",
        doc.bytes(),
        [(None, items)],
        title="План мероприятий («дорожная карта») по развитию инновационной деятельности до 2027 года",
        period=("calendar", "2025-03-03", "2027-12-31"),
        order=("214-р", "2025-03-03"),
        approved_by="департамента образования",
    )


# ---------------------------------------------------------------- Excel books


@case
def excel_two_row_header_and_merged_sections():
    """Krasnodar krai site plan in Excel: title rows merged across the sheet, a two-row header (merged «Сроки»
    over «начало», «окончание»), merged section rows and numbers stored as numbers."""
    sections = [
        (
            "1. Организационный этап",
            [
                (
                    "1",
                    "Разработка программы инновационного проекта",
                    "Руководитель КИП",
                    "сентябрь 2023 – октябрь 2023",
                ),
                ("2", "Создание творческой группы", "Директор", "сентябрь 2023 – сентябрь 2023"),
            ],
        ),
        (
            "2. Практический этап",
            [
                ("3", "Апробация модели сетевого взаимодействия", "Творческая группа", "ноябрь 2023 – май 2024"),
            ],
        ),
    ]
    book = Xlsx()
    book.add(["План работы краевой инновационной площадки на 2023-2024 уч. г."], merge_to=5)
    book.add([])
    top = book.add(["№", "Мероприятие", "Сроки", None, "Ответственный"])
    book.add([None, None, "начало", "окончание", None])
    book.merge(top, 1, top + 1, 1)
    book.merge(top, 2, top + 1, 2)
    book.merge(top, 3, top, 4)
    book.merge(top, 5, top + 1, 5)
    for title, items in sections:
        book.add([title], merge_to=5)
        for number, activity, responsible, timing in items:
            start, end = timing.split(" – ")
            book.add([int(number), activity, start, end, responsible])
    return Case(
        "excel_two_row_header_and_merged_sections",
        "kip.xlsx",
        book.bytes(),
        sections,
        title="План работы краевой инновационной площадки на 2023-2024 уч. г.",
        period=("academic", "2023-09-01", "2024-08-31"),
    )


@case
def excel_numbers_in_text_and_repeated_header():
    """Stavropol krai in Excel: no number column, numbers typed into the text, the header repeated half-way down
    (a printed sheet) with the «1 2 3» row."""
    items = [
        ("1.", "Заседание муниципального методического совета", "ММС", "август"),
        ("2.", "Мониторинг образовательных результатов", "ММС", "октябрь"),
        ("2.1.", "Анализ результатов ВПР", "Руководители РМО", "ноябрь"),
        ("3.", "Методический марафон", "ММС", "январь"),
        ("4.", "Итоговое заседание совета", "ММС", "июнь"),
    ]
    book = Xlsx()
    book.add(["Мероприятие", "Ответственный", "Срок"])
    book.add([1, 2, 3])
    for n, a, r, t in items[:3]:
        book.add([f"{n} {a}", r, t])
    book.add(["Мероприятие", "Ответственный", "Срок"])
    book.add([1, 2, 3])
    for n, a, r, t in items[3:]:
        book.add([f"{n} {a}", r, t])
    return Case("excel_numbers_in_text_and_repeated_header", "mms.xlsx", book.bytes(), [(None, items)])


@case
def excel_columns_in_other_order_with_notes():
    """Moscow region in Excel: timing first, a «Примечание» column, «План-график» title and an approval with the
    number before the date, a range of years."""
    items = [
        ("1.", "Создание центра «Точка роста»", "Директор", "2025 г."),
        ("2.", "Обучение педагогов центра", "Заместитель директора", "2025–2026 гг."),
        ("3.", "Сетевые проекты с детским технопарком", "Руководитель центра", "2026 г."),
    ]
    book = Xlsx()
    book.add([None, None, None, "УТВЕРЖДЕНО"])
    book.add([None, None, None, "приказом № 118 от 14.02.2025"])
    book.add(["План-график создания центра образования на 2025-2026 годы"], merge_to=5)
    book.add(["Срок", "№", "Мероприятие", "Ответственный", "Примечание"])
    for n, a, r, t in items:
        book.add([t, n, a, r, "за счёт субсидии" if n == "1." else None])
    return Case(
        "excel_columns_in_other_order_with_notes",
        "tr.xlsx",
        book.bytes(),
        [(None, items)],
        title="План-график создания центра образования на 2025-2026 годы",
        period=("calendar", "2025-01-01", "2026-12-31"),
        order=("118", "2025-02-14"),
    )


@case
def excel_vertically_merged_timing():
    """Belgorod region in Excel: one timing cell merged down over a group of items; a parent row with a colon."""
    items = [
        ("1.", "Проведение смотров-конкурсов:", None, None),
        ("1.1.", "Смотр кабинетов", "Заведующие кабинетами", "I полугодие"),
        ("1.2.", "Смотр уголков безопасности", "Заведующие кабинетами", "I полугодие"),
        ("2.", "Подведение итогов", "Заместитель директора", "июнь"),
    ]
    book = Xlsx()
    book.add(["План мероприятий на 2024/2025 учебный год"], merge_to=4)
    book.add(["№ п/п", "Наименование мероприятия", "Срок", "Ответственный"])
    book.add(["1.", "Проведение смотров-конкурсов:", None, None])
    book.add(["1.1.", "Смотр кабинетов", "I полугодие", "Заведующие кабинетами"], merge_down={3: 2, 4: 2})
    book.add(["1.2.", "Смотр уголков безопасности"])
    book.add(["2.", "Подведение итогов", "июнь", "Заместитель директора"])
    return Case(
        "excel_vertically_merged_timing",
        "smotr.xlsx",
        book.bytes(),
        [(None, items)],
        title="План мероприятий на 2024/2025 учебный год",
        period=("academic", "2024-09-01", "2025-08-31"),
    )


@case
def signature_table_under_a_three_column_plan():
    """Primorsky krai: a three-column plan followed by a borderless signature table of the same width; a second
    plan (an annex) further down is reported, not mixed in."""
    items = [
        ("1.", "Работа школьного спортивного клуба", "Учитель физкультуры", "в течение года"),
        ("2.", "Фестиваль ГТО", "Учитель физкультуры", "апрель"),
    ]
    doc = Docx()
    doc.p("План мероприятий по развитию школьного спорта на 2025 год", CENTER)
    doc.table([["№", "Мероприятие", "Ответственный", "Срок"]] + [[n, a, r, t] for n, a, r, t in items])
    doc.p()
    doc.table([["Директор", "____________", "Т. И. Орлова", ""]])
    doc.p("Приложение 2", RIGHT)
    doc.table([["№", "Мероприятие", "Срок", "Ответственный"], ["1.", "Сдача норм ГТО", "май", "Учитель"]])
    return Case(
        "signature_table_under_a_three_column_plan",
        "sport.docx",
        doc.bytes(),
        [(None, items)],
        title="План мероприятий по развитию школьного спорта на 2025 год",
        period=("calendar", "2025-01-01", "2025-12-31"),
        responsible_people=["Директор Т. И. Орлова"],
        warnings=["Ниже в документе есть ещё одна таблица с заголовками плана"],
    )


@case
def word_list_numbering_across_a_page_break():
    """Kirov region: the «№» column is one Word list running through both parts of a table split by a page; the
    second part opens with a merged section row after «Продолжение таблицы 1»."""
    sections = [
        (
            "Раздел 1. Диагностика",
            [
                ("1.", "Входная диагностика профессиональных дефицитов педагогов", "Методист ИМЦ", "сентябрь"),
                ("2.", "Составление индивидуальных образовательных маршрутов", "Методист ИМЦ", "октябрь"),
                ("3.", "Согласование маршрутов с руководителями", "Руководители ОО", "до 1 ноября"),
            ],
        ),
        (
            "Раздел 2. Сопровождение",
            [
                ("4.", "Тьюторские консультации по маршрутам", "Тьюторы", "ежемесячно"),
                ("5.", "Промежуточная рефлексия", "Методист ИМЦ", "январь"),
                ("6.", "Итоговая диагностика и отчёт", "Методист ИМЦ", "май"),
            ],
        ),
    ]
    doc = Docx()
    doc.p("План методического сопровождения педагогов на 2025-2026 учебный год", CENTER)
    numbered = doc.add_list([("decimal", "%1.", 1)])
    for part, (title, items) in enumerate(sections):
        grid = [["№ п/п", "Мероприятие", "Ответственный", "Срок"]] if part == 0 else []
        merges, numbering = [(len(grid), 0, len(grid), 3)], {}
        grid.append([title, "", "", ""])
        for _, activity, responsible, timing in items:
            numbering[(len(grid), 0)] = (numbered, 0)
            grid.append(["", activity, responsible, timing])
        if part:
            doc.p("", page_break=True)
            doc.p("Продолжение таблицы 1", RIGHT)
        doc.table(grid, merges=merges, numbered=numbering)
    return Case(
        "word_list_numbering_across_a_page_break",
        "imc.docx",
        doc.bytes(),
        sections,
        title="План методического сопровождения педагогов на 2025-2026 учебный год",
        period=("academic", "2025-09-01", "2026-08-31"),
    )
