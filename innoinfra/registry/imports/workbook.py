"""Reading the uploaded file: its extension and size, the zip archive inside an .xlsx (no macros, no zip bomb),
the header row found among the top rows, and the data rows as plain JSON-safe values kept between the preview
and the confirmation."""

from __future__ import annotations

import datetime as dt
import itertools
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from openpyxl import load_workbook

from .columns import COLUMN_BY_KEY, HEADER_KEYS, ImportFileError, normalize_header

MAX_ROWS = 5000
MAX_COLUMNS = 64
HEADER_SEARCH_ROWS = 10
# An .xlsx of 5 000 organizations unpacks to a few megabytes; anything far beyond is a zip bomb.
MAX_UNPACKED_SIZE = 64 * 1024 * 1024
MAX_MEMBERS = 1000

NOT_XLSX = (
    "Файл не является книгой Excel в формате .xlsx или повреждён. "
    "Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)»."
)


@dataclass
class RawRow:
    """One sheet row as plain JSON-safe values (str, int, float or None) keyed by column."""

    number: int  # the row number Excel shows, so the user can find it
    values: dict[str, Any]


@dataclass
class Sheet:
    title: str
    columns: list[str]  # recognised column keys, in file order
    ignored: list[str]  # headers we did not recognise (their data is not imported)
    rows: list[RawRow]

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "columns": self.columns,
            "ignored": self.ignored,
            "rows": [[r.number, *(r.values.get(k) for k in self.columns)] for r in self.rows],
        }

    @classmethod
    def from_json(cls, data: dict) -> Sheet:
        columns = list(data["columns"])
        rows = [RawRow(row[0], dict(zip(columns, row[1:], strict=True))) for row in data["rows"]]
        return cls(title=data["title"], columns=columns, ignored=list(data["ignored"]), rows=rows)


def check_file(name: str, size: int) -> None:
    """What can be told before reading a byte: the extension and the size."""
    limit = settings.MAX_UPLOAD_SIZE
    if size > limit:
        raise ImportFileError(
            f"Файл слишком большой: {filesizeformat(size)}. Допустимо не больше {filesizeformat(limit)}."
        )
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsm":
        raise ImportFileError(
            "Книги Excel с макросами (.xlsm) не принимаются. Сохраните таблицу как «Книга Excel (*.xlsx)»."
        )
    if suffix == ".xls":
        raise ImportFileError("Старый формат Excel (.xls) не поддерживается. Сохраните таблицу как .xlsx.")
    if suffix != ".xlsx":
        raise ImportFileError("Принимаются только книги Excel в формате .xlsx.")


def _check_archive(content: bytes) -> None:
    """An .xlsx is a zip archive; look inside before openpyxl unpacks anything.

    The sizes checked are the ones the archive declares; zipfile never inflates a member past its
    declared size (and fails on the CRC if the data lies), so the declared total bounds the memory used.
    """
    try:
        archive = zipfile.ZipFile(BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ImportFileError(NOT_XLSX) from None
    with archive:
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise ImportFileError(NOT_XLSX)
        if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_SIZE:
            raise ImportFileError(
                "Файл распаковывается в слишком большой объём данных и не будет обработан. "
                "Сохраните таблицу заново в Excel без лишних листов и рисунков."
            )
        try:
            content_types = archive.read("[Content_Types].xml")
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise ImportFileError(NOT_XLSX) from None
        # An .xlsm renamed to .xlsx still carries its VBA project.
        if b"macroEnabled" in content_types or any(n.lower().endswith("vbaproject.bin") for n in names):
            raise ImportFileError(
                "Файл содержит макросы (это книга .xlsm, переименованная в .xlsx) и не будет обработан. "
                "Сохраните таблицу как «Книга Excel (*.xlsx)»."
            )


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return "да" if value else "нет"
    if value is None or isinstance(value, int | float):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    text = " ".join(str(value).split())
    return text or None


def _find_header(rows: list[tuple]) -> tuple[int, dict[int, str], list[str]] | None:
    """The first of the top rows that names the organization column: (index, {position: key}, ignored)."""
    for index, row in enumerate(rows):
        keys: dict[int, str] = {}
        ignored: list[str] = []
        for position, cell in enumerate(row):
            if cell is None or not str(cell).strip():
                continue
            key = HEADER_KEYS.get(normalize_header(cell))
            if key is None:
                ignored.append(" ".join(str(cell).split()))
            elif key in keys.values():
                raise ImportFileError(
                    f"Столбец «{COLUMN_BY_KEY[key].header}» встречается в заголовке дважды "
                    f"(в строке {index + 1}). Оставьте один такой столбец."
                )
            else:
                keys[position] = key
        if "full_name" in keys.values():
            return index, keys, ignored
    return None


def _too_long() -> ImportFileError:
    return ImportFileError(f"В таблице больше {MAX_ROWS:_} строк. Разделите её на несколько файлов.".replace("_", " "))


def _read_sheet(ws) -> tuple[Sheet | None, bool]:
    """The sheet's rows if it has a recognisable header, and whether it has any data at all."""
    ws.reset_dimensions()  # the declared size may be wrong, and a forged one must neither cut nor pad the data
    rows = ws.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    top = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
    found = _find_header(top)
    if found is None:
        return None, any(v is not None for row in top for v in row)
    header_index, keys, ignored = found
    data: list[RawRow] = []
    for number, row in enumerate(itertools.chain(top[header_index + 1 :], rows), start=header_index + 2):
        # Blank rows are skipped, but a forged sheet may ask openpyxl for a million of them.
        if number > HEADER_SEARCH_ROWS + 2 * MAX_ROWS:
            raise _too_long()
        values = {key: _plain(row[pos]) for pos, key in keys.items() if pos < len(row)}
        if all(v is None for v in values.values()):
            continue
        if len(data) == MAX_ROWS:
            raise _too_long()
        data.append(RawRow(number, values))
    return Sheet(title=ws.title, columns=list(keys.values()), ignored=ignored, rows=data), True


def read_workbook(content: bytes, *, filename: str) -> Sheet:
    """The first sheet with a recognisable header, as plain rows; ImportFileError in Russian otherwise."""
    check_file(filename, len(content))
    _check_archive(content)
    try:
        wb = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl reports a broken file with a dozen exception types
        raise ImportFileError(NOT_XLSX) from None
    sheet, any_data = None, False
    try:
        for ws in wb.worksheets:
            if hasattr(ws, "reset_dimensions"):  # chart sheets have no cells
                sheet, has_data = _read_sheet(ws)
                any_data = any_data or has_data
                if sheet is not None:
                    break
    except ImportFileError:
        raise
    except Exception:
        raise ImportFileError(NOT_XLSX) from None
    finally:
        wb.close()
    if sheet is None and not any_data:
        raise ImportFileError("В книге нет данных: лист пустой.")
    if sheet is None:
        raise ImportFileError(
            "Не найдена строка заголовков. В одной из первых строк листа должны быть названия столбцов: "
            "«Полное наименование», «Муниципалитет», «ИНН» и другие — как в шаблоне на этой странице."
        )
    if not sheet.rows:
        raise ImportFileError("В таблице есть заголовки, но нет ни одной строки с организацией.")
    return sheet
