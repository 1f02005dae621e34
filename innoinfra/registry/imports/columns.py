"""The columns of the organizations workbook: what our template and export write in the header row, the other
headers people use for the same column, and the error that rejects a file as a whole."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from innoinfra.core.errors import ServiceError

TEMPLATE_SHEET = "Организации"


class ImportFileError(ServiceError):
    """The file as a whole cannot be imported; nothing from it is used."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as our export and template write it
    variants: str = ""  # other headers people use, separated by «|»
    max_length: int | None = None


# fmt: off
COLUMNS = (
    Column("full_name", "Полное наименование", "Наименование|Полное наименование организации|Наименование организации|"
           "Полное название|Название|Название организации|Организация|Образовательная организация", 500),
    Column("short_name", "Краткое наименование", "Сокращённое наименование|Сокращённое наименование организации|"
           "Краткое наименование организации|Краткое название|Сокращённое название", 255),
    Column("type", "Тип", "Тип организации|Вид организации|Тип ОО"),
    Column("inn", "ИНН", "ИНН организации"),
    Column("municipality", "Муниципалитет", "Муниципальное образование|Муниципальный район|Муниципальный округ|"
           "Городской округ|Район"),
    Column("address", "Адрес", "Юридический адрес|Фактический адрес|Адрес организации|Почтовый адрес", 500),
    Column("latitude", "Широта", "Latitude|Lat"),
    Column("longitude", "Долгота", "Longitude|Lon|Lng"),
    Column("head_name", "Руководитель", "ФИО руководителя|Руководитель (ФИО)|Директор|ФИО директора|"
           "Руководитель организации", 255),
    Column("phone", "Телефон", "Контактный телефон|Номер телефона|Тел.", 100),
    Column("email", "E-mail", "Email|Электронная почта|Адрес электронной почты|Эл. почта", 254),
    Column("website", "Сайт", "Официальный сайт|Адрес сайта|Веб-сайт|Web-сайт", 200),
)
# fmt: on
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
TEMPLATE_HEADERS = [c.header for c in COLUMNS]


def normalize_header(text: Any) -> str:
    """«E-mail*», «e-mail», «E mail» → the same key; «ё» and «е» are one letter in headers."""
    text = str(text).casefold().replace("ё", "е")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


HEADER_KEYS = {normalize_header(v): c.key for c in COLUMNS for v in [c.header, *c.variants.split("|")] if v}
