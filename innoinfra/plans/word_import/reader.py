"""The entry points: a file or an upload read into a `ParsedPlan`, by the Word or the Excel reader.

Old Word (.doc) and OpenDocument (.odt, .ods) files are converted by LibreOffice into .docx/.xlsx first."""

from __future__ import annotations

from innoinfra.core import office
from innoinfra.core.errors import ServiceError

from ..parsed import ParsedPlan
from .excel import read_xlsx
from .package import CONVERTED, check_convertible, check_package, extension_of, read_bytes
from .word import read_docx


def read_plan_file(source, filename: str) -> ParsedPlan:
    """Read the plan table of an uploaded file or a path; a file that is not a plan raises a Russian ServiceError."""
    extension = extension_of(filename)
    content = read_bytes(source)
    if extension in CONVERTED:
        check_convertible(content, extension)
        target = CONVERTED[extension]
        content = office.convert(content, source_suffix=extension, target=target.lstrip("."))
        extension = target
    check_package(content, extension)
    if extension == ".xlsx":
        return read_xlsx(content)
    return read_docx(content)


def read_plan_upload(upload) -> ParsedPlan:
    """An uploaded plan (the import page's and the API's): a table without a single activity is refused."""
    parsed = read_plan_file(upload, upload.name)
    if not parsed.item_count:
        raise ServiceError("В таблице плана не найдено ни одного мероприятия.")
    return parsed
