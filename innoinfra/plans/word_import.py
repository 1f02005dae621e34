"""Read a plan table from a Word (.docx) or Excel (.xlsx) file into a `ParsedPlan`.

Both formats are turned into rows of cells first; one set of rules then finds the header, the sections
and the items, so a plan reads the same whichever program it was typed in.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from innoinfra.core.errors import ServiceError

from .parsed import ParsedItem, ParsedPlan, ParsedSection

MAX_FILE_BYTES = 50 * 1024 * 1024
# A zip bomb is refused from its central directory, before any part is inflated.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2000
HEADER_SEARCH_ROWS = 30

_KINDS = {
    # extension: main part, its content type, what the file should be («не похож на …»), what it is («внутри …»)
    ".docx": ("/word/document.xml", "wordprocessingml.document.main+xml", "документ Word (.docx)", "документ Word"),
    ".xlsx": ("/xl/workbook.xml", "spreadsheetml.sheet.main+xml", "книгу Excel (.xlsx)", "книга Excel"),
}
_OLD_FORMATS = {".doc": ".docx", ".xls": ".xlsx", ".docm": ".docx", ".xlsm": ".xlsx", ".rtf": ".docx"}

# Header text → item field. Checked in this order, so «Ответственный за мероприятие» is a responsible column and
# «Дата проведения мероприятия» a timing one; strength decides between two columns claiming the same field.
_HEADER_RULES = (
    ("number", 2, re.compile(r"^(№|no\.?$|n$|номер|п\.?\s*/?\s*п\b)")),
    ("responsible", 2, re.compile(r"ответствен|исполнител")),
    ("timing", 2, re.compile(r"срок|дата|период|время проведения")),
    ("audience", 2, re.compile(r"аудитори|участник|категори")),
    ("result", 2, re.compile(r"результат|^выход")),
    ("activity", 2, re.compile(r"мероприят|содержание (работ|деятельност)")),
    ("activity", 1, re.compile(r"деятельност|наименовани|вид работ|содержани|^тема")),
)
_TITLE_START = re.compile(
    r"^[\W_]*(план\b|дорожн\w* карт|(календарн|комплексн|перспективн|годов)\w* план|программа мероприят)",
    re.IGNORECASE,
)
# «Цель: …», «Условные обозначения:» — labelled paragraphs end a title.
_LABELLED = re.compile(r"^[\w ]{1,40}:")
_SECTION_NUMBER = re.compile(r"^(\d+(\.\d+)*\.?|[IVXLC]+\.|раздел\s+\S+)\s", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^[\dIVXLC.\s]+$")
_ORDER_NUMERIC = re.compile(r"от\s+(\d{1,2})\.(\d{1,2})\.(\d{4})\s*(?:г\.?)?\s*№\s*([\w][\w\-/.]*)", re.IGNORECASE)
_ORDER_WORDS = re.compile(r"от\s+«?(\d{1,2})»?\s+([а-я]+)\s+(\d{4})\s*(?:г\.?|года)?\s*№\s*([\w][\w\-/.]*)")
# «УТВЕРЖДЕНО приказом …» heads the approval block; «Об утверждении …» in the order's own title does not.
_APPROVAL = re.compile(r"^(УТВЕРЖД|Утвержден)")
_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")


@dataclass(frozen=True)
class _Cell:
    # Cells of one merged area share a key, as python-docx repeats one `_tc` for every grid column it spans.
    key: object
    text: str


@dataclass
class _Block:
    text: str
    alignment: object = None
    is_paragraph: bool = True


def read_plan_file(source, filename: str) -> ParsedPlan:
    """Read the plan table of an uploaded file or a path; a file that is not a plan raises a Russian ServiceError."""
    extension = _extension_of(filename)
    content = _read_bytes(source)
    _check_package(content, extension)
    if extension == ".xlsx":
        return _read_xlsx(content)
    return _read_docx(content)


def read_plan_upload(upload) -> ParsedPlan:
    """An uploaded plan (the import page's and the API's): a table without a single activity is refused."""
    parsed = read_plan_file(upload, upload.name)
    if not parsed.item_count:
        raise ServiceError("В таблице плана не найдено ни одного мероприятия.")
    return parsed


# ---------------------------------------------------------------- the file itself


def _extension_of(filename: str) -> str:
    extension = Path(filename or "").suffix.lower()
    if extension in _KINDS:
        return extension
    if extension in _OLD_FORMATS:
        raise ServiceError(
            f"Формат {extension} не принимается: откройте файл в Word или Excel и сохраните его "
            f"как обычный {_OLD_FORMATS[extension]} без макросов."
        )
    raise ServiceError(f"Файл «{filename}» не принимается: загрузите документ Word (.docx) или книгу Excel (.xlsx).")


def _read_bytes(source) -> bytes:
    if isinstance(source, str | Path):
        with open(source, "rb") as opened:
            content = opened.read(MAX_FILE_BYTES + 1)
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        content = source.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise ServiceError("Файл больше 50 МБ: такой план не принимается.")
    return content


def _check_package(content: bytes, extension: str) -> None:
    """Refuse what is not an Office Open XML package of the expected kind before any parser sees it."""
    main_part, content_type, label, _ = _KINDS[extension]
    if not content.startswith(b"PK"):
        raise ServiceError(
            f"Файл не похож на {label}: это не архив Office Open XML. "
            "Возможно, у файла другого формата просто изменено расширение."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            _check_unpacked_size(members)
            types = _content_types(archive)
    except zipfile.BadZipFile as error:
        raise ServiceError(f"Файл повреждён: архив {label} не читается ({error}).") from error
    actual = types.get(main_part, "")
    if "macroenabled" in actual.lower():
        raise ServiceError(
            f"Файл содержит макросы (это документ с макросами, а не {label}): такие файлы не принимаются. "
            "Сохраните его как обычный документ без макросов."
        )
    if not actual.endswith(content_type):
        other = next((kind for ext, kind in _KINDS.items() if ext != extension and kind[0] in types), None)
        hint = f": внутри {other[3]}, поправьте расширение файла" if other else ""
        raise ServiceError(f"Файл не похож на {label}{hint or ': в архиве нет основной части документа'}.")


def _check_unpacked_size(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise ServiceError(f"Файл состоит из слишком многих частей ({len(members)}): такой документ не принимается.")
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise ServiceError("Файл в распакованном виде больше 50 МБ: такой документ не принимается.")


def _content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    try:
        root = ElementTree.fromstring(archive.read("[Content_Types].xml"))
    except (KeyError, ElementTree.ParseError):
        return {}
    return {
        element.get("PartName", ""): element.get("ContentType", "")
        for element in root
        if element.tag.endswith("Override")
    }


def _unreadable(label: str, error: Exception) -> ServiceError:
    return ServiceError(f"Файл повреждён или не является {label}: его не удалось прочитать ({error}).")


# ---------------------------------------------------------------- text


def _clean(text) -> str | None:
    """Line breaks, tabs and runs of spaces inside a cell become single spaces; an empty cell is None."""
    if text is None:
        return None
    if isinstance(text, dt.datetime | dt.date):
        text = text.strftime("%d.%m.%Y")
    elif isinstance(text, float) and text.is_integer():
        text = int(text)
    cleaned = " ".join(str(text).split())
    return cleaned or None


def _header_key(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").replace(":", " ").split())


# ---------------------------------------------------------------- Word


def _read_docx(content: bytes) -> ParsedPlan:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(content))
        blocks = list(document.iter_inner_content())
    except Exception as error:  # python-docx raises many kinds of errors on broken XML; all mean «unreadable»
        raise _unreadable("документом Word", error) from error
    tables = [(index, block) for index, block in enumerate(blocks) if isinstance(block, Table)]
    grids = {index: _docx_rows(table) for index, table in tables}
    found = _best_table((index, grids[index]) for index, _ in tables)
    if found is None:
        raise ServiceError(
            "В документе не найдена таблица плана: нужна таблица со столбцом «Мероприятие» (или «Наименование "
            "мероприятия», «Содержание деятельности») в строке заголовков."
        )
    start, header_row = found
    rows = grids[start][header_row + 1 :]
    header = grids[start][header_row]
    for index, _ in tables:
        if index <= start:
            continue
        if not _continues(grids[index], header, blocks[start + 1 : index]):
            break
        rows.extend(grids[index])
        start = index
    before = [_docx_block(block) for block in blocks[: found[0]]]
    return _build_plan(header, rows, before)


def _docx_rows(table) -> list[list[_Cell]]:
    rows = []
    for row in table.rows:
        cells = [_Cell(("before", column), "") for column in range(row.grid_cols_before)]
        texts = {}
        for cell in row.cells:
            tc = cell._tc
            if id(tc) not in texts:
                texts[id(tc)] = _clean(cell.text) or ""
            cells.append(_Cell(tc, texts[id(tc)]))
        rows.append(cells)
    return rows


def _docx_block(block) -> _Block:
    from docx.table import Table

    if isinstance(block, Table):
        text = " ".join(cell.text for row in block.rows for cell in row.cells)
        return _Block(_clean(text) or "", is_paragraph=False)
    return _Block(_clean(block.text) or "", block.alignment)


def _continues(rows: list[list[_Cell]], header: list[_Cell], between) -> bool:
    """A table right after the plan table, opening with the same header or the column-number row, goes on with it."""
    from docx.table import Table

    if not rows or len(rows[0]) != len(header) or any(isinstance(block, Table) for block in between):
        return False
    if any((block.text or "").strip() for block in between):
        return False
    return _texts(rows[0]) == _texts(header) or _is_number_row(rows[0])


# ---------------------------------------------------------------- Excel


def _read_xlsx(content: bytes) -> ParsedPlan:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except Exception as error:  # openpyxl, like python-docx, fails in many ways on a broken package
        raise _unreadable("книгой Excel", error) from error
    for sheet in workbook.worksheets:
        rows = _sheet_rows(sheet)
        found = _best_table([(0, rows)])
        if found is None:
            continue
        header_index = found[1]
        header, body = _trim_to_header(rows[header_index], rows[header_index + 1 :])
        before = [
            _Block(" ".join(dict.fromkeys(cell.text for cell in row if cell.text))) for row in rows[:header_index]
        ]
        return _build_plan(header, body, before)
    raise ServiceError(
        "В книге не найден лист с таблицей плана: нужна строка заголовков со столбцом «Мероприятие» (или "
        "«Наименование мероприятия», «Содержание деятельности»)."
    )


def _sheet_rows(sheet) -> list[list[_Cell]]:
    merged = {}
    for area in sheet.merged_cells.ranges:
        value = _clean(sheet.cell(area.min_row, area.min_col).value) or ""
        for row in range(area.min_row, area.max_row + 1):
            for column in range(area.min_col, area.max_col + 1):
                merged[(row, column)] = _Cell(area.coord, value)
    rows = []
    for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        rows.append(
            [
                merged.get((row_number, column)) or _Cell((row_number, column), _clean(value) or "")
                for column, value in enumerate(values, start=1)
            ]
        )
    return rows


def _trim_to_header(header: list[_Cell], body: list[list[_Cell]]):
    """A sheet is wider than its table; keep the columns the header names."""
    used = [index for index, cell in enumerate(header) if cell.text]
    first, last = used[0], used[-1] + 1
    return header[first:last], [row[first:last] for row in body]


# ---------------------------------------------------------------- the plan table


def _texts(row: list[_Cell]) -> list[str]:
    return [cell.text for cell in row]


def _is_number_row(row: list[_Cell]) -> bool:
    """The «1 2 3 4 5» row under the header that numbers the columns."""
    filled = [cell.text for cell in row if cell.text]
    return len(filled) >= 2 and filled == [str(number) for number in range(1, len(filled) + 1)]


def _field_of(header_text: str) -> tuple[str | None, int]:
    key = _header_key(header_text)
    for field, strength, pattern in _HEADER_RULES:
        if pattern.search(key):
            return field, strength
    return None, 0


def _header_fields(header: list[_Cell]) -> list[str | None]:
    """The item field of each column; a column whose field another column claims more strongly goes to notes."""
    claims = [(None, 0) if seen else _field_of(cell.text) for cell, seen in zip(header, _repeats(header), strict=True)]
    best = {}
    for index, (field, strength) in enumerate(claims):
        if field and (field not in best or strength > claims[best[field]][1]):
            best[field] = index
    return [field if field and best[field] == index else None for index, (field, _) in enumerate(claims)]


def _repeats(row: list[_Cell]) -> list[bool]:
    """Whether each cell repeats the merged cell just before it."""
    return [index > 0 and cell.key is row[index - 1].key for index, cell in enumerate(row)]


def _best_table(candidates) -> tuple[int, int] | None:
    """(table, header row) of the table whose header names an activity column and the most other columns."""
    best, best_score = None, 0
    for table_index, rows in candidates:
        for row_index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            fields = {field for field in _header_fields(row) if field}
            if "activity" in fields and len(fields) >= 2 and len(fields) > best_score:
                best, best_score = (table_index, row_index), len(fields)
                break
    return best


def _section_text(row: list[_Cell], fields: list[str | None]) -> str | None:
    """The text of a row that heads a section: one merged cell, or one text repeated or alone outside «activity»."""
    filled = [(index, cell) for index, cell in enumerate(row) if cell.text]
    if not filled:
        return None
    texts = {cell.text for _, cell in filled}
    if len(texts) != 1:
        return None
    text = texts.pop()
    if len(row) > 1 and all(cell.key is row[0].key for cell in row):
        return text
    if len(filled) >= 2:
        return text
    index = filled[0][0]
    if fields[index] != "activity" and not _BARE_NUMBER.match(text):
        return text
    return None


def _item_of(row: list[_Cell], header: list[_Cell], fields: list[str | None], subheading: str | None) -> ParsedItem:
    item = ParsedItem()
    notes = [f"Подраздел: {subheading.rstrip(':')}"] if subheading else []
    for cell, field, head, repeated in zip(row, fields, header, _repeats(row), strict=False):
        if not cell.text or repeated:
            continue
        if field:
            setattr(item, field, cell.text)
        elif head.text:
            notes.append(f"{head.text}: {cell.text}")
    item.notes = "; ".join(notes) or None
    return item


def _build_plan(header: list[_Cell], rows: list[list[_Cell]], before: list[_Block]) -> ParsedPlan:
    fields = _header_fields(header)
    plan = ParsedPlan(
        title=_title_of(before),
        columns=[cell.text for cell, repeated in zip(header, _repeats(header), strict=True) if not repeated],
        fields=[field for field in fields if field],
    )
    if any(field is None and cell.text for field, cell in zip(fields, header, strict=True)):
        plan.fields.append("notes")
    plan.order_number, plan.order_date = _order_requisites(before)
    header_texts = _texts(header)
    section, subheading = None, None
    for row in rows:
        row = (row + [_Cell(("pad", index), "") for index in range(len(header) - len(row))])[: len(header)]
        if not any(cell.text for cell in row) or _is_number_row(row) or _texts(row) == header_texts:
            continue
        title = _section_text(row, fields)
        if title is not None:
            if _is_subheading(title, section):
                subheading = title
                plan.warnings.append(
                    f"Строка «{title}» внутри раздела «{section.title}» не стала отдельным разделом: "
                    "её текст записан в примечания следующих пунктов как «Подраздел»."
                )
                continue
            section, subheading = ParsedSection(title), None
            plan.sections.append(section)
            continue
        if section is None:
            section = ParsedSection(None)
            plan.sections.append(section)
        item = _item_of(row, header, fields, subheading)
        if not item.activity:
            plan.warnings.append(f"В строке «{' | '.join(dict.fromkeys(_texts(row)))}» не указано мероприятие.")
        section.items.append(item)
    _drop_trailing_empty_sections(plan)
    return plan


def _is_subheading(title: str, section: ParsedSection | None) -> bool:
    """An unnumbered heading inside numbered sections («Документы муниципального уровня:») groups a few items of
    its section; a new section would break the plan's numbering, so the items carry it in their notes instead."""
    numbered = section is not None and section.title and _SECTION_NUMBER.match(section.title)
    return bool(numbered) and not _SECTION_NUMBER.match(title)


def _drop_trailing_empty_sections(plan: ParsedPlan) -> None:
    """Text under the table (signatures typed into its last rows) is not a section of the plan."""
    while plan.sections and not plan.sections[-1].items:
        dropped = plan.sections.pop()
        plan.warnings.append(f"Строка «{dropped.title}» после последнего пункта плана пропущена.")


# ---------------------------------------------------------------- what stands above the table


def _title_of(before: list[_Block]) -> str | None:
    """The last paragraph naming a plan before the table, with the title lines that follow it."""
    start = next(
        (
            index
            for index in range(len(before) - 1, -1, -1)
            if before[index].is_paragraph and _TITLE_START.match(before[index].text)
        ),
        None,
    )
    if start is None:
        return None
    lines = [before[start].text]
    for block in before[start + 1 : start + 5]:
        if (
            not block.is_paragraph
            or not block.text
            or block.alignment != before[start].alignment
            or _LABELLED.match(block.text)
        ):
            break
        lines.append(block.text)
    return _clean(" ".join(lines).replace("**", ""))


def _order_requisites(before: list[_Block]) -> tuple[str | None, str | None]:
    """Number and ISO date of the order named in the «УТВЕРЖДЕНО» block, if the file has one."""
    starts = [index for index, block in enumerate(before) if _APPROVAL.match(block.text)]
    if not starts:
        return None, None
    tail = "\n".join(block.text for block in before[starts[-1] :])[:600]
    found = _ORDER_NUMERIC.search(tail)
    if found:
        day, month, year, number = found.groups()
        month_number = int(month)
    else:
        found = _ORDER_WORDS.search(tail)
        if not found:
            return None, None
        day, month_name, year, number = found.groups()
        month_number = next((i for i, stem in enumerate(_MONTHS, 1) if month_name.lower().startswith(stem)), 0)
    try:
        date = dt.date(int(year), month_number, int(day))
    except ValueError:
        return number.rstrip("."), None
    return number.rstrip("."), date.isoformat()
