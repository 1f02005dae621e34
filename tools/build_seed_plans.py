"""Build the Word plans of the seeds as .docx test data: `python tools/build_seed_plans.py`.

The seeds are text extracted from the districts' Word and PDF files. In them a table cell is a tab-indented line,
an untabbed line after it goes on with that cell (after a blank line as a new paragraph, directly as a line
break), and blank lines separate everything. Each plan below is rebuilt from that text into the layout of the
original: approval block, title, legend, a table with its header row, column-number row, section rows merged across
the table and items. Every cell text is checked against its seed, so the fixtures say only what the seeds say.

Seed 001 is a procedure («Порядок создания…») without a plan table, so it has no fixture.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path("/work/shared/seeds")
TARGET = ROOT / "innoinfra" / "demo" / "files"


# ---------------------------------------------------------------- reading the seeds


def seed_text(prefix: str) -> str:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def seed_lines(prefix: str, first: int, last: int) -> list[str]:
    """Lines `first`..`last` of a seed, numbered from 1 as in an editor."""
    return seed_text(prefix).split("\n")[first - 1 : last]


def tab_cells(lines: list[str]) -> list[list[list[str]]]:
    """Cells of a tab-indented table extraction: each cell is paragraphs, each paragraph its lines."""
    cells: list[list[list[str]]] = []
    blank_before = False
    for line in lines:
        if line.startswith("\t"):
            cells.append([[line[1:].strip()]])
        elif line.strip() and cells:
            if blank_before:
                cells[-1].append([line.strip()])
            else:
                cells[-1][-1].append(line.strip())
        blank_before = not line.strip()
    return [[[text for text in paragraph if text] for paragraph in cell] for cell in cells]


def cell_text(cell) -> str:
    if isinstance(cell, str):
        return cell
    return " ".join(" ".join(paragraph) for paragraph in cell)


def check_from_seed(rows, prefix: str) -> None:
    """Each text must be in the seed, up to the line breaks and spaces the extraction put into it."""
    seed = re.sub(r"\s+|</?p>|\[bookmark: _GoBack\]", "", seed_text(prefix))
    for row in rows:
        for cell in row[1:]:
            text = re.sub(r"\s+", "", cell_text(cell))
            if text not in seed:
                raise SystemExit(f"Seed {prefix}: text not found in the seed: {cell_text(cell)!r}")


# ---------------------------------------------------------------- writing Word


def new_document(landscape: bool) -> Document:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    style.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    if landscape:
        make_landscape(section)
    return document


def make_landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(2), Cm(2)


def paragraph(document, text: str, *, align=None, bold=False, size=None, indent=False):
    added = document.add_paragraph()
    run = added.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        added.alignment = align
    if indent:
        added.paragraph_format.first_line_indent = Cm(1.25)
    return added


def fill_cell(cell, content, *, bold=False, align=None) -> None:
    """Write paragraphs (and line breaks inside them) into a cell, as the original document has them."""
    paragraphs = [[content]] if isinstance(content, str) else content or [[""]]
    for index, lines in enumerate(paragraphs):
        target = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if align is not None:
            target.alignment = align
        for number, line in enumerate(lines):
            run = target.add_run(line)
            run.bold = bold
            if number < len(lines) - 1:
                run.add_break(WD_BREAK.LINE)


def repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def plan_table(document, header: list[str], rows: list[tuple], widths_cm: list[float], *, number_row: bool):
    """rows: ("section", text) merged across the table, ("numbers",) the «1 2 3 …» row, ("item", cells…)."""
    table = document.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.add_row()
    for cell, text in zip(head.cells, header, strict=True):
        fill_cell(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    repeat_as_header(head)
    if number_row:
        rows = [("numbers",), *rows]
    for kind, *cells in rows:
        row = table.add_row()
        if kind == "numbers":
            for number, cell in enumerate(row.cells, start=1):
                fill_cell(cell, str(number), align=WD_ALIGN_PARAGRAPH.CENTER)
        elif kind == "section":
            merged = row.cells[0].merge(row.cells[-1])
            fill_cell(merged, cells[0], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        else:
            for cell, content in zip(row.cells, cells, strict=True):
                fill_cell(cell, content)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    return table


def approval_block(document, lines: list[str]) -> None:
    """The «УТВЕРЖДЕНО …» block at the top right, typed in a borderless table as in the original."""
    table = document.add_table(rows=0, cols=3)
    for text in lines:
        row = table.add_row()
        fill_cell(row.cells[2], text)
    for row in table.rows:
        for cell, width in zip(row.cells, (9, 8, 8.7), strict=True):
            cell.width = Cm(width)


# ---------------------------------------------------------------- 000: the roadmap of the Amursky district


def roadmap_rows() -> list[tuple]:
    """Rows of the roadmap table: an item starts with its number cell, a lone cell is a section or a sub-heading."""
    cells = tab_cells(seed_lines("000", 63, 446))
    rows, index = [], 5  # the first five cells are the header row
    while index < len(cells):
        first = cell_text(cells[index]).strip()
        if first == "1" and cell_text(cells[index + 1]).strip() == "2":
            rows.append(("numbers",))
            index += 5
        elif re.fullmatch(r"\d+\.?", first):
            rows.append(("item", *cells[index : index + 5]))
            index += 5
        else:
            rows.append(("section", cells[index]))
            index += 1
    return rows


def build_roadmap() -> Document:
    lines = seed_lines("000", 1, 61)
    document = new_document(landscape=False)
    paragraph(document, lines[0], align=WD_ALIGN_PARAGRAPH.LEFT)
    heading = document.add_table(rows=1, cols=1)
    fill_cell(heading.cell(0, 0), lines[1].strip(), bold=True)
    heading.cell(0, 0).width = Cm(9)
    paragraph(document, "")
    paragraph(document, lines[6], align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    paragraph(document, lines[8])
    for text in (lines[10], lines[12]):
        paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    paragraph(document, "")
    for text in (lines[14], lines[16], lines[18]):
        paragraph(document, text)
    paragraph(document, lines[25].strip(), align=WD_ALIGN_PARAGRAPH.RIGHT)

    appendix = document.add_section(WD_SECTION.NEW_PAGE)
    make_landscape(appendix)
    approval_block(document, [lines[29].strip(), lines[33].strip()])
    approval = paragraph(document, lines[35])
    approval.paragraph_format.left_indent = Cm(17)
    paragraph(document, "")
    for text in (lines[38], lines[40], lines[42]):
        paragraph(document, text.strip(), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=14)
    paragraph(document, "")
    paragraph(document, lines[44], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph(document, lines[46], bold=True)
    for text in lines[48:61:2]:
        paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph(document, "")
    rows = roadmap_rows()
    check_from_seed([row for row in rows if row[0] == "item"], "000")
    header = [cell_text(cell) for cell in tab_cells(seed_lines("000", 63, 67))]
    plan_table(document, header, rows, [1.3, 8.5, 4.2, 3.7, 8], number_row=False)
    paragraph(document, "")
    paragraph(document, seed_lines("000", 448, 448)[0], align=WD_ALIGN_PARAGRAPH.CENTER)
    return document


# ---------------------------------------------------------------- 002: the work plan of the Vyselki site


def strip_footnote_marks(text: str) -> str:
    # The extraction glued footnote numbers to the words («деятельность2», «на 2024 год1»); the footnote texts
    # are not in the seed, so the marks would point nowhere.
    return re.sub(r"(деятельность|год)\d$", r"\1", text)


def site_plan_rows() -> list[tuple]:
    cells = tab_cells([line.replace("[bookmark: _GoBack]", "") for line in seed_lines("002", 95, 193)])
    rows, index = [], 4
    while index < len(cells):
        first = cell_text(cells[index]).strip()
        if first == "" or first.isdigit():
            rows.append(("item", *cells[index : index + 4]))
            index += 4
        else:
            rows.append(("section", strip_footnote_marks(first)))
            index += 1
    return rows


def build_site_plan() -> Document:
    document = new_document(landscape=False)
    title = strip_footnote_marks(seed_lines("002", 94, 94)[0].strip())
    paragraph(document, title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=14)
    paragraph(document, "")
    header = [cell_text(cell) for cell in tab_cells(seed_lines("002", 95, 98))]
    rows = site_plan_rows()
    check_from_seed([row for row in rows if row[0] == "item"], "002")
    plan_table(document, header, rows, [1, 7.5, 3.5, 4.5], number_row=False)
    paragraph(document, "")
    signature = seed_lines("002", 200, 200)[0].rstrip("\t")
    paragraph(document, signature)
    return document


# ---------------------------------------------------------------- 003: the event plan for 2021/2022 (from a PDF)

# The PDF extraction breaks cells into visual lines and mixes cells of one row on a line, so this table is written
# out by hand from lines 4–349 of the seed: lines of a cell joined, words broken at a hyphen joined back.
EVENT_PLAN_2021_HEADER = "п.п | Наименование мероприятия | Сроки проведения | Целевая аудитория | Ожидаемый результат"
EVENT_PLAN_2021 = [
    ("section", "1. Информационная поддержка инновационной деятельности ОУ."),
    ("item", "1", "Формирование, подготовка и размещение нормативно-правовых, информационных и методических "
     "материалов на сайте ИМЦ", "В течение года", "Руководители ОУ, координаторы инновационной деятельности",
     "Открытость и доступность информации о ведении инновационной деятельности ОУ района"),
    ("item", "2", "Реализация просветительского проекта в районной медиасреде «Инфозона»", "Сентябрь 2021-июнь 2022",
     "Руководители и педагоги ОУ и ДОО",
     "Расширение горизонтов распространения инноваций среди участников образовательного процесса"),
    ("section", "2. Научно-методическое сопровождение инновационной деятельности экспериментальных площадок, "
     "районных опорных площадок развития образования и инновационных практик образовательных учреждений района."),
    ("item", "3", "Заседания районного Экспертного совета", "Два раза в год",
     "Руководители ОУ, научные консультанты, координаторы инновационной деятельности",
     "Организационно-управленческое обеспечение инновационной деятельности в районной системе образования"),
    ("item", "4", "Ведение документации районного Экспертного совета. Подготовка документации, в том числе отчета "
     "по итогам инновационной деятельности за учебный год.", "В течение года", "ИМЦ",
     "Подготовка и оформление протоколов районного Экспертного совета, анализ и обобщение информации ОУ"),
    ("item", "5", "Координация районных опорных площадок развития образования. Преакселатор: сопровождение, "
     "обучение, экспертиза, нетворинг, демодень.", "В течение года",
     "Руководители ОУ, координаторы научно-методической деятельности",
     "Организационно-методическое сопровождении деятельности районных опорных площадок развития образования"),
    ("item", "6", "Организация процедуры общественно-профессиональной экспертизы результатов инновационной и "
     "научно-методической деятельности ОУ", "2 квартал 2022",
     "Руководители ОУ, координаторы инновационной и научно-методической деятельности",
     "Внешняя оценка, анализ результативности ведения инновационной и научно-методической деятельности ОУ района, "
     "рекомендации экспертного сообщества"),
    ("item", "7", "Редакционно-издательская деятельность по направлениям национального проекта «Образование»",
     "По плану редакционно-издательского совета", "Руководители ОУ педагоги ОУ, воспитатели ДОО",
     "Тиражирование опыта работы ОУ района"),
    ("section", "3. Повышение квалификации субъектов инновационной деятельности (педагогов и ОУ, организующих "
     "инновационную деятельность)."),
    ("item", "8", "Информационно-методические совещания и семинары для координаторов инновационной деятельности "
     "ОУ района", "Сентябрь 2021, март, июнь 2022", "Координаторы инновационной деятельности ОУ района",
     "Координация деятельности инновационных площадок, информирование"),
    ("item", "9", "Цикл обучающих мероприятий инновационных площадок и районных опорных площадок развития "
     "образования для руководителей и педагогических работников ОУ «Опыт и технологии реализации успешных "
     "инновационных практик»", "По планам площадок",
     "Координаторы инновационной деятельности ОУ района, педагоги ОУ-площадок",
     "Повышение профессиональной компетентности педагогов и руководителей ОУ"),
    ("item", "10", "Образовательные события «Проектное управление инновационной деятельностью: от идеи до продукта»",
     "1 раз в полугодие", "Координаторы инновационной деятельности ОУ района, педагоги ОУ-площадок",
     "Повышение профессиональной компетентности педагогов"),
    ("item", "11", "Консультации по подготовке методических материалов инновационных и опорных площадок к "
     "распространению опыта: экспертиза и упаковка контента под тиражирование", "В течение года",
     "Координаторы инновационной деятельности ОУ района, руководители и педагоги",
     "Повышение профессиональной компетентности педагогов"),
    ("section", "4. Обеспечение преемственности и использования инновационного опыта ОУ района как механизма "
     "повышения квалификации (создание условий для использования в ОУ района инновационных образовательных "
     "технологий, популяризации инновационного опыта образовательных учреждений района) в рамках "
     "общественно-педагогической акции."),
    ("item", "12", "Общественно-педагогическая акция по распространению передового опыта инновационных площадок и "
     "районных опорных площадок развития образования", "В течение года", "Педагоги и руководители ОУ района",
     "Событийно-имиджевая поддержка инновационной и научно-методической деятельности. Диссеминация опыта работы, "
     "повышение инновационного микроклимата в районе"),
    ("section", "5. Поддержка участия ОУ, предлагающих образовательной системе инновационные продукты и "
     "инновационные модели развития, в конкурсном движении"),
    ("item", "13", "Консультационная и методическая поддержка ОУ, разрабатывающих и внедряющих инновационные "
     "программы, проекты, модели и иные инновационные продукты", "В течение года", "ОУ района",
     "Повышение готовности к участию в конкурсном движении"),
]  # fmt: skip


def build_event_plan_2021() -> Document:
    document = new_document(landscape=True)
    title = seed_lines("003", 4, 4)[0].strip()
    paragraph(document, title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=14)
    paragraph(document, "")
    check_from_seed([("header", *EVENT_PLAN_2021_HEADER.split(" | ")), *EVENT_PLAN_2021], "003")
    plan_table(document, EVENT_PLAN_2021_HEADER.split(" | "), EVENT_PLAN_2021, [1.2, 9, 4, 5.5, 6], number_row=False)
    return document


# ---------------------------------------------------------------- 004: the event plan of Moscow district, 2023/2024


def moscow_rows() -> list[tuple]:
    """A row broken over a page comes out as a second line starting with an empty cell: it is joined back."""
    joined: list[list[str]] = []
    for line in seed_lines("004", 7, 29):
        if not line.strip():
            continue
        cells = [re.sub(r"</?p>", "", cell).strip() for cell in line.split("\t")]
        check_from_seed([("line", *cells)], "004")
        if cells[0] == "" and joined:
            joined[-1] = [" ".join(filter(None, pair)) for pair in zip(joined[-1], cells, strict=True)]
        else:
            joined.append(cells)
    return [("section", cells[0]) if not any(cells[1:]) else ("item", *cells) for cells in joined]


def build_moscow_plan() -> Document:
    document = new_document(landscape=True)
    for line in seed_lines("004", 3, 4):
        paragraph(document, line.replace("**", "").strip(), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=14)
    paragraph(document, "")
    header = seed_lines("004", 6, 6)[0].split("\t")
    rows = moscow_rows()
    plan_table(document, header, rows, [1.2, 9, 4, 5.5, 6], number_row=False)
    return document


BUILDERS = {
    "000_roadmap_amursky.docx": build_roadmap,
    "002_site_plan_vyselki.docx": build_site_plan,
    "003_event_plan_2021.docx": build_event_plan_2021,
    "004_event_plan_moscow_2023.docx": build_moscow_plan,
}


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        build().save(TARGET / name)
        print(f"{TARGET / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
